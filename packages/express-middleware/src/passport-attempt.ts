import type { Request } from 'express';

/** The actions Passport installs on its per-request copy of a strategy. */
export interface PassportActions {
  success(user: unknown, info?: unknown): void;
  fail(challenge?: unknown, status?: number): void;
  error(error: unknown): void;
}

/**
 * One authentication attempt under Passport's contract: exactly one of success, fail or error
 * reaches Passport, however often a verify callback calls `done`.
 *
 * A throw from Passport's side (a custom callback, a failing assertion) is never swallowed and
 * never becomes an unhandled rejection. While the attempt is still synchronous it propagates to
 * the caller, as from any synchronous strategy (Express then answers 500). Later it goes to
 * `req.next`, Express's error handling for the current route; with no `req.next` (outside
 * Express) it is rethrown on its own tick, as from a callback-based strategy.
 */
export class PassportAttempt {
  /** Cleared once `authenticate()` has returned. */
  synchronous = true;
  readonly #actions: PassportActions;
  readonly #req: Request;
  #settled = false;

  constructor(actions: PassportActions, req: Request) {
    this.#actions = actions;
    this.#req = req;
  }

  get settled(): boolean {
    return this.#settled;
  }

  success(user: unknown, info?: unknown): void {
    this.#settle(() => this.#actions.success(user, info));
  }

  fail(challenge: unknown, status: number): void {
    this.#settle(() => this.#actions.fail(challenge, status));
  }

  error(error: unknown): void {
    this.#settle(() => this.#actions.error(error));
  }

  /** Surfaces an error thrown after the attempt settled (see the class comment). */
  raise(error: unknown): void {
    if (this.synchronous) throw error;
    const next = this.#req.next;
    if (typeof next === 'function') {
      next(error);
      return;
    }
    process.nextTick(() => {
      throw error;
    });
  }

  #settle(action: () => void): void {
    if (this.#settled) return;
    this.#settled = true;
    if (this.synchronous) {
      action();
      return;
    }
    try {
      action();
    } catch (error) {
      this.raise(error);
    }
  }
}
