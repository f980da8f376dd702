import type { EmulatorState } from './emulator-state.js';
import { type EmulatorRequest, type EmulatorResponse, json } from './http-types.js';

/** The token revocation endpoint. */
export const REVOKE_PATH = '/services/oauth2/revoke';

/**
 * `POST /services/oauth2/revoke` with the form field `token` (or `GET ?token=`), as Salesforce:
 * 200 with an empty body and the session ends (later calls with it get `INVALID_SESSION_ID`);
 * 400 `unsupported_token_type` for a token that is unknown or already expired.
 */
export function handleRevokeRequest(
  state: EmulatorState,
  request: EmulatorRequest,
): EmulatorResponse {
  const form = new URLSearchParams(request.method === 'POST' ? request.body : request.url.search);
  const token = form.get('token') ?? undefined;
  if (!state.sessions.use(token)) {
    return json(400, {
      error: 'unsupported_token_type',
      error_description: 'this token type is not supported',
    });
  }
  state.sessions.expire(token!);
  return { status: 200, headers: {}, body: '' };
}
