import { type EmulatorRequest, type EmulatorResponse, json } from '../server/http-types.js';

/** `/services/data/vXX.X/actions/custom`: the kinds of custom invocable actions. */
export function flowActionsIndex(base: string): EmulatorResponse {
  return json(200, { apex: `${base}/actions/custom/apex`, flow: `${base}/actions/custom/flow` });
}

/**
 * `/services/data/vXX.X/actions/custom/flow/<Name>`, a Flow invocable action. The emulator runs
 * no flows (the list at `.../flow` is empty), so a named flow, whatever the method, gets the
 * emulator's documented answer for what it cannot do: 400 `FUNCTIONALITY_NOT_ENABLED` naming the
 * flow (a real org answers 404 `NOT_FOUND` for a flow it does not have, and runs one it has).
 * Never a fake success, and never the 404 of a route the emulator does not know.
 */
export function runFlow(request: EmulatorRequest, name: string): EmulatorResponse {
  const flow = decodeURIComponent(name);
  return json(400, [
    {
      errorCode: 'FUNCTIONALITY_NOT_ENABLED',
      message: `Flow ${flow} cannot be ${request.method === 'POST' ? 'run' : 'described'}: the sf-jwt emulator runs no flows (a real org answers 404 NOT_FOUND for a flow it does not have)`,
    },
  ]);
}
