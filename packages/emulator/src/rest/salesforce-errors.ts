import { type EmulatorResponse, json } from '../server/http-types.js';

/** REST's answer to a resource, object or record path it does not have. */
export const NOT_FOUND = json(404, [
  { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
]);

/** REST's answer to a body that is not JSON. */
export const INVALID_JSON = json(400, [
  { errorCode: 'JSON_PARSER_ERROR', message: 'Invalid JSON body' },
]);

/** REST's answer to a stale, unknown or expired session. */
export const INVALID_SESSION = json(401, [
  { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
]);

/**
 * The documented answer to what the emulator cannot do (Apex, reports, deploys): 400
 * FUNCTIONALITY_NOT_ENABLED, never a fake success.
 */
export function notSupported(what: string): EmulatorResponse {
  return json(400, [
    {
      errorCode: 'FUNCTIONALITY_NOT_ENABLED',
      message: `${what} is not supported by the emulator (sf-jwt emulator)`,
    },
  ]);
}
