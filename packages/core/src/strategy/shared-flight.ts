import { abortedError } from '../errors/aborted-error.js';
import { onAbort } from './abort-listeners.js';

interface Flight<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  waiters: number;
}

/*
 * Single flight with cancellable waiters. The first caller starts the work and every caller that
 * arrives while it runs awaits the same promise; the flight is cleared in `finally`, so a failure
 * reaches that burst only. A caller whose AbortSignal fires leaves at once with `aborted`; the work
 * itself is aborted only when no caller is left waiting for it, so one caller's cancel never
 * cancels another's token, and a cancelled exchange leaves no request running.
 */
export class SharedFlight<T> {
  #current: Flight<T> | undefined;
  readonly #onIdle: (() => void) | undefined;

  /** @param onIdle - Called each time the running work ends (or is abandoned). */
  constructor(onIdle?: () => void) {
    this.#onIdle = onIdle;
  }

  /** True while work is running. */
  get active(): boolean {
    return this.#current !== undefined;
  }

  /** Joins the running work, or starts it with `start`. */
  join(start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortedError(signal.reason));
    let flight = this.#current;
    if (!flight) {
      const controller = new AbortController();
      const created: Flight<T> = {
        controller,
        waiters: 0,
        promise: Promise.resolve()
          .then(() => start(controller.signal))
          .finally(() => {
            if (this.#current === created) this.#idle();
          }),
      };
      this.#current = created;
      flight = created;
    }
    return this.#wait(flight, signal);
  }

  #idle(): void {
    this.#current = undefined;
    this.#onIdle?.();
  }

  #wait(flight: Flight<T>, signal: AbortSignal | undefined): Promise<T> {
    flight.waiters += 1;
    if (!signal) {
      return flight.promise.finally(() => {
        flight.waiters -= 1;
      });
    }
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        flight.waiters -= 1;
        if (flight.waiters === 0) {
          flight.controller.abort(signal.reason);
          // A caller arriving now starts afresh instead of joining the cancelled work.
          if (this.#current === flight) this.#idle();
        }
        reject(abortedError(signal.reason));
      };
      // One listener per signal, however many callers share it (see abort-listeners.ts).
      const stopListening = onAbort(signal, leave);
      flight.promise.then(
        (value) => {
          if (signal.aborted) return;
          stopListening();
          flight.waiters -= 1;
          resolve(value);
        },
        (error: unknown) => {
          if (signal.aborted) return;
          stopListening();
          flight.waiters -= 1;
          reject(error);
        },
      );
    });
  }
}
