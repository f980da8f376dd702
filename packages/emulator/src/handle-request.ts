import { handleApexRest } from './apex-rest.js';
import { BULK1_INVALID_SESSION, bulk1Error, handleBulk1 } from './bulk/bulk1-routes.js';
import { handleBulk2 } from './bulk/bulk2-routes.js';
import { CONTROL_PREFIX, handleControl } from './control-endpoints.js';
import type { EmulatorState } from './emulator-state.js';
import {
  type EmulatorRequest,
  type EmulatorResponse,
  INVALID_SESSION,
  json,
} from './http-types.js';
import { apiUsage } from './limits.js';
import { FRONTDOOR_PAGE, revoke, singleAccess } from './oauth-extras.js';
import { handleRest, servedVersion } from './rest-routes.js';
import type { Session } from './sessions.js';
import { soapFault } from './soap/soap-envelope.js';
import { handleSoap } from './soap/soap-routes.js';
import { handleTokenRequest } from './token-endpoint.js';

const TOKEN_PATH = '/services/oauth2/token';

/** The whole emulator as one function from request to response, shared by both transports. */
export function handleRequest(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const path = request.url.pathname.replace(/\/+$/, '') || '/';
  if (state.controlEndpoints && path.startsWith(CONTROL_PREFIX))
    return handleControl(state, request, path);
  const endpoint = path === TOKEN_PATH ? 'token' : 'rest';
  const fault = state.faults.take(endpoint);
  let response: EmulatorResponse;
  let username: string | undefined;
  if (fault.answer) {
    response = fault.answer;
  } else if (endpoint === 'token') {
    response = handleTokenRequest(state, request);
  } else {
    const routed = route(state, request, path);
    response = routed.response;
    username = routed.username;
  }
  if (endpoint === 'rest') {
    state.stats.apiRequests += 1;
    if (isRejection(response)) state.stats.rejectedApiRequests += 1;
  }
  state.record({
    method: request.method,
    path,
    status: response.status,
    ...(username ? { username } : {}),
  });
  const date = new Date(state.now()).toUTCString();
  const limitInfo: Record<string, string> =
    endpoint === 'rest' && username ? { 'sforce-limit-info': apiUsage(state) } : {};
  return {
    ...response,
    headers: { date, ...limitInfo, ...response.headers },
    ...(fault.delayMs ? { delayMs: fault.delayMs } : {}),
  };
}

function isRejection(response: EmulatorResponse): boolean {
  return response.body.includes('INVALID_SESSION_ID') || response.body.includes('InvalidSessionId');
}

function bearer(request: EmulatorRequest): string | undefined {
  const header = request.headers.authorization ?? '';
  return /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header)?.[1] ?? request.headers['x-sfdc-session'];
}

function route(
  state: EmulatorState,
  request: EmulatorRequest,
  path: string,
): { response: EmulatorResponse; username?: string } {
  const parts = path.split('/').filter(Boolean);
  if (path === '/services/oauth2/revoke') return { response: revoke(state, request) };
  if (path === '/secur/frontdoor.jsp') return { response: FRONTDOOR_PAGE };
  if (path === '/id/keys') return { response: json(200, state.signer.jwks()) };
  if (path === '/services/oauth2/singleaccess') {
    const session = state.sessions.use(bearer(request));
    return {
      response: singleAccess(state, request, session !== undefined),
      ...(session ? { username: session.user.username } : {}),
    };
  }
  if (parts[0] === 'services' && parts[1] === 'Soap') {
    if (!servedVersion(parts[3])) {
      return {
        response: soapFault(
          'sf:UNSUPPORTED_API_VERSION',
          `UNSUPPORTED_API_VERSION: Invalid Api version specified on URL: ${parts[3] ?? ''}`,
        ),
      };
    }
    return handleSoap(state, request, parts[2] ?? 'u', parts[3]);
  }
  if (parts[0] === 'services' && parts[1] === 'async') {
    if (!servedVersion(parts[2])) {
      return {
        response: bulk1Error(400, 'InvalidVersion', `Invalid version specified: ${parts[2] ?? ''}`),
      };
    }
    const session = state.sessions.use(
      request.headers['x-sfdc-session'] ?? bearer(request),
      parts[2],
    );
    if (!session) return { response: BULK1_INVALID_SESSION };
    return {
      response: handleBulk1(state, request, parts[2] ?? '', parts.slice(3), session.user.userId),
      username: session.user.username,
    };
  }
  const session = state.sessions.use(bearer(request));
  if (!session) return { response: INVALID_SESSION };
  return {
    response: authenticated(state, request, parts, session),
    username: session.user.username,
  };
}

function authenticated(
  state: EmulatorState,
  request: EmulatorRequest,
  parts: string[],
  session: Session,
): EmulatorResponse {
  const { user } = session;
  if (
    parts[0] === 'id' ||
    (parts[0] === 'services' && parts[1] === 'oauth2' && parts[2] === 'userinfo')
  ) {
    if (parts[0] === 'id' && (parts[1] !== user.orgId || parts[2] !== user.userId)) {
      return json(403, [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'Bad_Id' }]);
    }
    return json(200, identity(state, request, user));
  }
  if (parts[0] === 'services' && parts[1] === 'apexrest') {
    return handleApexRest(state, request, parts.slice(2), session);
  }
  if (parts[0] === 'services' && parts[1] === 'data') {
    if (parts[3] === 'jobs' && servedVersion(parts[2])) {
      return handleBulk2(state, request, `/services/data/${parts[2]}`, parts.slice(4), user.userId);
    }
    return handleRest(state, request, session, parts.slice(2));
  }
  return json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
}

function identity(state: EmulatorState, request: EmulatorRequest, user: Session['user']) {
  const origin = request.url.origin;
  const instance = state.instanceUrl(request.url);
  return {
    id: `${origin}/id/${user.orgId}/${user.userId}`,
    sub: `${origin}/id/${user.orgId}/${user.userId}`,
    user_id: user.userId,
    organization_id: user.orgId,
    preferred_username: user.username,
    username: user.username,
    email: user.email,
    name: user.name,
    display_name: user.name,
    active: user.active,
    // Salesforce serves these from the org's file domain; the emulator stores no photos (404).
    photos: {
      picture: `${instance}/profilephoto/005/F`,
      thumbnail: `${instance}/profilephoto/005/T`,
    },
    urls: {
      rest: `${instance}/services/data/v{version}/`,
      query: `${instance}/services/data/v{version}/query/`,
      sobjects: `${instance}/services/data/v{version}/sobjects/`,
      partner: `${instance}/services/Soap/u/{version}/${user.orgId}`,
      metadata: `${instance}/services/Soap/m/{version}/${user.orgId}`,
    },
  };
}
