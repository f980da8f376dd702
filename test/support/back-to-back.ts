/**
 * Calls `call` back to back, each after the previous settled, until `stop()`; `stop()` waits for
 * the call in flight and resolves with how many calls completed. Ordinary traffic (REST on the
 * same strategy) running alongside a scenario. A failing call ends the loop and rejects `stop()`.
 *
 * @example
 * ```ts
 * const rest = backToBack(() => conn.query('SELECT Id FROM Account'));
 * // ... the scenario ...
 * const queries = await rest.stop();
 * ```
 */
export function backToBack(call: () => PromiseLike<unknown>): { stop(): Promise<number> } {
  let running = true;
  let calls = 0;
  const loop = (async () => {
    while (running) {
      await call();
      calls += 1;
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return calls;
    },
  };
}
