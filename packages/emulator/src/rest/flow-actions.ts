import { type EmulatorRequest, type EmulatorResponse, json } from '../server/http-types.js';

/**
 * `/services/data/vXX.X/actions/custom/flow[/<Name>]`, the Flow invocable actions. The emulator
 * runs no flows, so the list is empty and a named flow, whatever the method, gets the emulator's
 * documented answer for what it cannot do: 400 `FUNCTIONALITY_NOT_ENABLED` naming the flow (a
 * real org answers 404 `NOT_FOUND` for a flow it does not have, and runs one it has). Never a
 * fake success, and never the 404 of a route the emulator does not know.
 */
export function handleFlowActions(
  request: EmulatorRequest,
  base: string,
  rest: string[],
): EmulatorResponse | undefined {
  if (rest[0] !== 'custom') return undefined;
  if (rest.length === 1) {
    return json(200, { apex: `${base}/actions/custom/apex`, flow: `${base}/actions/custom/flow` });
  }
  if (rest[1] !== 'flow' || rest.length > 3) return undefined;
  const name = rest[2];
  if (name === undefined) return json(200, { actions: [] });
  const flow = decodeURIComponent(name);
  return json(400, [
    {
      errorCode: 'FUNCTIONALITY_NOT_ENABLED',
      message: `Flow ${flow} cannot be ${request.method === 'POST' ? 'run' : 'described'}: the sf-jwt emulator runs no flows (a real org answers 404 NOT_FOUND for a flow it does not have)`,
    },
  ]);
}
