/**
 * Gives jsforce's HTTP client a new, empty connection pool, so that every storm of
 * bench/heal-storm.ts starts alike: with no keep-alive socket left by the storm before it, the
 * other side's or its own. jsforce 3.10.17 and later send through an undici Agent of their own
 * (replaced through `setDispatcher`, the old one closed); 3.10.16 through node-fetch on Node's
 * global http Agent (its idle sockets destroyed).
 */
import { globalAgent } from 'node:http';
import { createRequire } from 'node:module';
import * as jsforceRequest from '../packages/jsforce-adapter/node_modules/jsforce/lib/request.js';

type Dispatcher = { close(): Promise<void> };
const requestModule = jsforceRequest as unknown as {
  setDispatcher?: (dispatcher: Dispatcher) => void;
  default?: { setDispatcher?: (dispatcher: Dispatcher) => void };
};
const setDispatcher = requestModule.setDispatcher ?? requestModule.default?.setDispatcher;
// The undici jsforce itself loads (resolved from its request module, as jsforce resolves it).
const Agent = setDispatcher
  ? (
      createRequire(
        import.meta.resolve('../packages/jsforce-adapter/node_modules/jsforce/lib/request.js'),
      )('undici') as { Agent: new (options: object) => Dispatcher }
    ).Agent
  : undefined;
let current: Dispatcher | undefined;

export async function freshSockets(): Promise<void> {
  if (!setDispatcher || !Agent) {
    globalAgent.destroy();
    return;
  }
  const previous = current;
  current = new Agent({ connect: { allowH2: false } }); // jsforce's own options
  setDispatcher(current);
  await previous?.close();
}
