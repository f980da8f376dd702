import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits until `condition` holds, polling every 10 ms, for at most `limitMs` on the monotonic
 * clock; then fails.
 *
 * @example
 * ```ts
 * await until(() => received.length === 3);
 * ```
 */
export async function until(condition: () => boolean, limitMs = 15_000): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${limitMs} ms`);
    await sleep(10);
  }
}

/**
 * An `onError` callback (`report`) and the first error it was given (`reported`), typed `E`.
 *
 * @example
 * ```ts
 * const { report, reported } = failure<PubSubError>();
 * subscribe({ ...options, onError: report });
 * expect((await reported).code).toBe('session_rejected');
 * ```
 */
export function failure<E>(): { report: (error: unknown) => void; reported: Promise<E> } {
  let report: (error: unknown) => void = () => {};
  const reported = new Promise<E>((resolve) => {
    report = (error) => resolve(error as E);
  });
  return { report, reported };
}
