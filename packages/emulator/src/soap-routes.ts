import type { EmulatorState } from './emulator-state.js';
import { type EmulatorRequest, type EmulatorResponse, text } from './http-types.js';

const XML = 'text/xml;charset=UTF-8';
const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sf="urn:fault.partner.soap.sforce.com"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

/** The session id a SOAP call carries in its SessionHeader. */
export function soapSessionId(body: string): string | undefined {
  return /<(?:\w+:)?sessionId>([^<]+)</.exec(body)?.[1];
}

/** The fault the SOAP and Metadata APIs answer a stale session with (HTTP 500). */
export const SOAP_INVALID_SESSION = text(
  500,
  envelope(
    '<soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session. Session not found, missing session hash</faultstring></soapenv:Fault>',
  ),
  XML,
);

/** `/services/Soap/u|c|m/<version>`: answers the operation named in the body, minimally. */
export function handleSoap(
  state: EmulatorState,
  request: EmulatorRequest,
  username: string,
): EmulatorResponse {
  const user = state.setup.users.get(username.toLowerCase())!;
  const operation =
    /<soapenv:Body>\s*<(?:\w+:)?(\w+)/i.exec(request.body)?.[1] ??
    /<(?:\w+:)?Body>\s*<(?:\w+:)?(\w+)/i.exec(request.body)?.[1] ??
    'unknown';
  const results: Record<string, string> = {
    getUserInfo: `<userId>${user.userId}</userId><organizationId>${user.orgId}</organizationId><userName>${user.username}</userName><userFullName>${user.name}</userFullName><userEmail>${user.email}</userEmail>`,
    getServerTimestamp: `<timestamp>${new Date(state.now()).toISOString()}</timestamp>`,
    describeMetadata:
      '<metadataObjects><directoryName>classes</directoryName><inFolder>false</inFolder><metaFile>true</metaFile><suffix>cls</suffix><xmlName>ApexClass</xmlName></metadataObjects><organizationNamespace></organizationNamespace><partialSaveAllowed>true</partialSaveAllowed><testRequired>false</testRequired>',
  };
  return text(
    200,
    envelope(
      `<${operation}Response><result>${results[operation] ?? ''}</result></${operation}Response>`,
    ),
    XML,
  );
}
