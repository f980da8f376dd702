import type { Session } from '../oauth/sessions.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { notSupported } from './salesforce-errors.js';

/**
 * `/services/apexrest/*`, after authentication. There is no Apex to run, so by default the
 * documented 400 FUNCTIONALITY_NOT_ENABLED; with the `apexRest: 'echo'` opt-in, an echo of the
 * request (method, path, query, body, user) for tests that need a working Apex REST surface.
 */
export function handleApexRest(
  state: EmulatorState,
  request: EmulatorRequest,
  parts: string[],
  session: Session,
): EmulatorResponse {
  const path = `/${parts.join('/')}`;
  if (state.apexRest !== 'echo') return notSupported(`Apex REST (/services/apexrest${path})`);
  let body: unknown = request.body;
  try {
    body = request.body ? JSON.parse(request.body) : null;
  } catch {}
  return json(200, {
    method: request.method,
    path,
    query: Object.fromEntries(request.url.searchParams),
    body,
    username: session.user.username,
  });
}
