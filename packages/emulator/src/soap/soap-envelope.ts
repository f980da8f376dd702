import { XMLParser } from 'fast-xml-parser';
import { type EmulatorResponse, text } from '../server/http-types.js';

const XML = 'text/xml;charset=UTF-8';
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) =>
    [
      'queries',
      'fullNames',
      'metadata',
      'ids',
      'sObjects',
      'leadConverts',
      'recordToMergeIds',
      'sObjectType',
    ].includes(name),
});

/** A SOAP request read with a real XML parser: any prefix, namespace or attribute. */
export interface SoapCall {
  /** The local name of the Body's first element (`getUserInfo`, `listMetadata`...). */
  operation: string | undefined;
  /** That element's content, parsed. */
  args: Record<string, unknown>;
  sessionId: string | undefined;
}

/** Parses an envelope; undefined when the body is not XML with an Envelope. */
export function readSoapCall(body: string): SoapCall | undefined {
  let document: Record<string, unknown>;
  try {
    document = parser.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const envelope = document.Envelope as Record<string, unknown> | undefined;
  if (!envelope || typeof envelope !== 'object') return undefined;
  const header = (envelope.Header ?? {}) as Record<string, Record<string, unknown>>;
  const sessionId = header.SessionHeader?.sessionId;
  const bodyElement = (envelope.Body ?? {}) as Record<string, unknown>;
  const operation = typeof bodyElement === 'object' ? Object.keys(bodyElement)[0] : undefined;
  const args = operation ? bodyElement[operation] : {};
  return {
    operation,
    args: typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : {},
    sessionId: typeof sessionId === 'string' ? sessionId : undefined,
  };
}

/** Escapes text for an XML element. */
export function escapeXml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Renders a value as XML elements (arrays repeat the element; null is xsi:nil). */
export function toXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => toXml(name, item)).join('');
  if (value === null || value === undefined) return `<${name} xsi:nil="true"/>`;
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => toXml(key, item))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(value)}</${name}>`;
}

/** A SOAP envelope in the API's namespace around a body. */
export function envelope(body: string, namespace = 'urn:partner.soap.sforce.com'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="${namespace}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sf="urn:fault.partner.soap.sforce.com"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

/** A successful `<operation>Response`. */
export function soapResult(operation: string, inner: string, namespace?: string): EmulatorResponse {
  return text(
    200,
    envelope(`<${operation}Response>${inner}</${operation}Response>`, namespace),
    XML,
  );
}

/** A SOAP fault (HTTP 500, as Salesforce answers every fault). */
export function soapFault(code: string, message: string, namespace?: string): EmulatorResponse {
  return text(
    500,
    envelope(
      `<soapenv:Fault><faultcode>${code}</faultcode><faultstring>${escapeXml(message)}</faultstring></soapenv:Fault>`,
      namespace,
    ),
    XML,
  );
}

/** The fault the SOAP and Metadata APIs answer a stale session with (HTTP 500). */
export const SOAP_INVALID_SESSION = soapFault(
  'sf:INVALID_SESSION_ID',
  'INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session. Session not found, missing session hash',
);

/**
 * The documented answer to an operation the emulator cannot perform (executeAnonymous, deploy...):
 * a fault with code `sf:FUNCTIONALITY_NOT_ENABLED`, never a fake success.
 */
export function notSupportedFault(operation: string, namespace?: string): EmulatorResponse {
  return soapFault(
    'sf:FUNCTIONALITY_NOT_ENABLED',
    `FUNCTIONALITY_NOT_ENABLED: ${operation} is not supported by the emulator (sf-jwt emulator)`,
    namespace,
  );
}
