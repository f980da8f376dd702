import { handleTokenRequest } from '../oauth/token-endpoint.js';
import { apiUsage } from '../rest/limits.js';
import { INVALID_SESSION, NOT_FOUND } from '../rest/salesforce-errors.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { CONTROL_PREFIX, handleControl } from './control-endpoints.js';
import type { EmulatorRequest, EmulatorResponse } from './http-types.js';
import { matchRoute } from './route-match.js';
import { bearer, ROUTES } from './routes.js';

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

/** The first route matching the request, with the session it needs checked. */
function route(
  state: EmulatorState,
  request: EmulatorRequest,
  path: string,
): { response: EmulatorResponse; username?: string } {
  for (const entry of ROUTES) {
    const match = matchRoute(entry, request.method, path);
    if (!match) continue;
    const context = { state, request, ...match };
    if (!entry.session) return entry.handle(context);
    const session = state.sessions.use(bearer(request));
    if (!session) return { response: INVALID_SESSION };
    return { response: entry.handle({ ...context, session }), username: session.user.username };
  }
  return { response: NOT_FOUND };
}
