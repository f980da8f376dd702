import type { EmulatorState } from '../state/emulator-state.js';
import { emptyStats } from '../state/stats.js';
import { type EmulatorRequest, type EmulatorResponse, json } from './http-types.js';

/** Where the control endpoints live; never a Salesforce path. */
export const CONTROL_PREFIX = '/__emulator';

/**
 * Control from outside the process (only with `controlEndpoints: true`, as `sf-jwt emulator` runs):
 * `POST /__emulator/sessions/expire` (body `{"accessToken": ...}` for one, empty for all),
 * `GET /__emulator/stats`, `POST /__emulator/stats/reset`. Not counted in stats or the request log.
 */
export function handleControl(
  state: EmulatorState,
  request: EmulatorRequest,
  path: string,
): EmulatorResponse {
  const action = `${request.method} ${path.slice(CONTROL_PREFIX.length)}`;
  switch (action) {
    case 'POST /sessions/expire': {
      let token: unknown;
      try {
        token = (JSON.parse(request.body || '{}') as { accessToken?: unknown }).accessToken;
      } catch {
        return json(400, { error: 'invalid_json' });
      }
      if (typeof token === 'string') state.sessions.expire(token);
      else state.sessions.expireAll();
      return json(200, { expired: typeof token === 'string' ? 'one' : 'all' });
    }
    case 'GET /stats':
      return json(200, state.stats);
    case 'POST /stats/reset':
      state.stats = emptyStats();
      return json(200, state.stats);
    default:
      return json(404, {
        error: 'not_found',
        endpoints: [
          'POST /__emulator/sessions/expire',
          'GET /__emulator/stats',
          'POST /__emulator/stats/reset',
        ],
      });
  }
}
