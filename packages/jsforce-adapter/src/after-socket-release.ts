import { setImmediate } from 'node:timers';
import * as jsforceRequest from 'jsforce/lib/request.js';

/*
 * A heal releases every call jsforce's refresh delegate held back, and each is sent again at
 * once. jsforce 3.10.17 and later send through undici (its request module has `setDispatcher`),
 * which reuses a keep-alive socket only a full turn of the event loop after its response ended;
 * a storm's 401s end in the same turn as the exchange that answers them, so calls sent at once
 * would each open a new connection (a TLS handshake with Salesforce): 2,490 more for the 2,500
 * retried calls of a 5 × 500 storm, against none a turn later (bench/heal-storm.ts, the
 * emulator's `connections`). jsforce 3.10.16's node-fetch on Node's http Agent frees a socket at
 * once, and there a turn's wait only lets the Agent close more of them (`maxFreeSockets`), so it
 * waits for nothing. `node:timers`, not the global: a test's fake timers must not hold a heal.
 */
const requestModule = jsforceRequest as unknown as { default?: unknown };
const SOCKETS_FREED_NEXT_TURN = [requestModule, requestModule.default].some(
  (candidate) =>
    typeof candidate === 'object' && candidate !== null && 'setDispatcher' in candidate,
);

/** Resolves once the sockets whose responses just ended can carry a request again. */
export async function socketsReleased(): Promise<void> {
  if (SOCKETS_FREED_NEXT_TURN) await new Promise((resolve) => setImmediate(resolve));
}
