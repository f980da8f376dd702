import type { EmulatorRequest, EmulatorResponse } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { metadataCrud } from './metadata-crud.js';
import { metadataOperation } from './metadata-operations.js';
import { partnerOperation } from './partner-operations.js';
import {
  notSupportedFault,
  readSoapCall,
  SOAP_INVALID_SESSION,
  soapFault,
  soapResult,
  toXml,
} from './soap-envelope.js';

const NAMESPACES: Record<string, string> = {
  u: 'urn:partner.soap.sforce.com',
  c: 'urn:enterprise.soap.sforce.com',
  m: 'http://soap.sforce.com/2006/04/metadata',
  s: 'http://soap.sforce.com/2006/08/apex',
  T: 'urn:tooling.soap.sforce.com',
};

/**
 * `/services/Soap/<u|c|m|s|T>/<version>`: Partner getUserInfo and getServerTimestamp, Metadata
 * describeMetadata, listMetadata and readMetadata; every other operation answers the
 * "not supported by the emulator" fault.
 */
export function handleSoap(
  state: EmulatorState,
  request: EmulatorRequest,
  api: string,
  version?: string,
): { response: EmulatorResponse; username?: string } {
  const namespace = NAMESPACES[api] ?? NAMESPACES.u;
  const call = readSoapCall(request.body);
  if (!call?.operation) {
    return {
      response: soapFault(
        'soapenv:Client',
        'Unable to parse the request as a SOAP envelope',
        namespace,
      ),
    };
  }
  // Username-password login is not how this org is reached (JWT bearer is); say so plainly.
  if (call.operation === 'login')
    return { response: notSupportedFault('login (username-password SOAP login)', namespace) };
  // A JWT-based access token below v68.0 meets the same fault as an expired session.
  const session = state.sessions.use(call.sessionId, version);
  if (!session) return { response: SOAP_INVALID_SESSION };
  const { user } = session;
  const username = user.username;
  if (api === 'm') {
    return {
      response:
        metadataOperation(state, call, namespace!) ??
        metadataCrud(state, call, request.body, namespace!) ??
        notSupportedFault(call.operation, namespace),
      username,
    };
  }
  if (api === 'u' || api === 'c') {
    if (call.operation === 'getUserInfo') {
      const result = {
        accessibilityMode: false,
        currencySymbol: '$',
        orgAttachmentFileSizeLimit: 5242880,
        orgDefaultCurrencyIsoCode: 'USD',
        orgDisallowHtmlAttachments: false,
        orgHasPersonAccounts: false,
        organizationId: user.orgId,
        organizationMultiCurrency: false,
        organizationName: 'Emulated Org',
        profileId: '00e000000000001AAA',
        roleId: null,
        sessionSecondsValid: Math.round(state.setup.sessionTimeoutMs / 1000),
        userDefaultCurrencyIsoCode: null,
        userEmail: user.email,
        userFullName: user.name,
        userId: user.userId,
        userLanguage: 'en_US',
        userLocale: 'en_US',
        userName: user.username,
        userTimeZone: 'GMT',
        userType: 'Standard',
        userUiSkin: 'Theme3',
      };
      return { response: soapResult('getUserInfo', toXml('result', result), namespace), username };
    }
    if (call.operation === 'getServerTimestamp') {
      const result = { timestamp: new Date(state.now()).toISOString() };
      return {
        response: soapResult('getServerTimestamp', toXml('result', result), namespace),
        username,
      };
    }
  }
  if (api === 'u' || api === 'c') {
    const answered = partnerOperation(state, call, user.userId, namespace!);
    if (answered) return { response: answered, username };
  }
  return { response: notSupportedFault(call.operation, namespace), username };
}
