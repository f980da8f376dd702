import { randomBytes } from 'node:crypto';
import { type EmulatorRequest, type EmulatorResponse, json, text } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';

/**
 * `POST /services/oauth2/revoke` (form field `token`, or `?token=`): 200 with an empty body, after
 * which the token meets 401 INVALID_SESSION_ID; an unknown token is 400 unsupported_token_type.
 */
export function revoke(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const form = new URLSearchParams(request.method === 'POST' ? request.body : '');
  const token = form.get('token') ?? request.url.searchParams.get('token') ?? '';
  if (!state.sessions.use(token)) {
    return json(400, {
      error: 'unsupported_token_type',
      error_description: 'this token type is not supported',
    });
  }
  state.sessions.expire(token);
  state.stats.revokedTokens += 1;
  return text(200, '', 'text/plain');
}

/**
 * `GET` or `POST /services/oauth2/singleaccess` (optional `?redirect_uri=`, a path on the instance):
 * a one-time front-door URL for the session's user, as the Salesforce CLI's `sf org open` asks for
 * it (GET). A dead or unknown session is 403, not 401, as Salesforce answers it: so jsforce does
 * not refresh on it, and a client must refresh its token before asking.
 */
export function singleAccess(
  state: EmulatorState,
  request: EmulatorRequest,
  live: boolean,
): EmulatorResponse {
  if (request.method !== 'POST' && request.method !== 'GET') {
    return json(405, [
      {
        errorCode: 'METHOD_NOT_ALLOWED',
        message: `HTTP Method '${request.method}' not allowed. Allowed are GET,POST`,
      },
    ]);
  }
  if (!live) {
    return json(403, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
  }
  const otp = randomBytes(24).toString('base64url');
  const redirect = request.url.searchParams.get('redirect_uri');
  const retUrl = redirect ? `&retURL=${encodeURIComponent(redirect)}` : '';
  return json(200, {
    frontdoor_uri: `${state.instanceUrl(request.url)}/secur/frontdoor.jsp?otp=${otp}&cshc=emulator${retUrl}`,
  });
}

/** `/secur/frontdoor.jsp`: a page saying where the browser would land (the emulator has no UI). */
export const FRONTDOOR_PAGE = text(
  200,
  '<!DOCTYPE html><html><body><p>sf-jwt emulator: logged in. The emulator has no Salesforce UI.</p></body></html>',
  'text/html;charset=UTF-8',
);
