import { REFRESH_BEFORE_EXPIRY_MS } from '../config/defaults.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import type { SalesforceToken } from '../types.js';

/** Checks `refreshBeforeExpiryMs`: a whole number of ms, 0 turning proactive refresh off. */
export function resolveRefreshWindow(value: unknown): number {
  if (value === undefined) return REFRESH_BEFORE_EXPIRY_MS;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new SalesforceAuthError({
      code: 'invalid_config',
      message: 'refreshBeforeExpiryMs is not a number of ms of 0 or more',
      hint: 'Pass a window in ms, e.g. 120000 for 2 minutes, or 0 to refresh only when a token is rejected.',
    });
  }
  return value;
}

/**
 * When a token with a known expiry should be replaced in the background: inside the window before
 * its expiry (a JWT-based token's `expiresAt`, or `issuedAt + maxTokenAgeMs`). The window is at
 * most half the token's lifetime, so a short-lived token is replaced at most once per half
 * lifetime, never in a loop. Undefined when the expiry is unknown or the window is 0.
 */
export function refreshDueAt(
  token: SalesforceToken,
  windowMs: number,
  maxTokenAgeMs: number | undefined,
): number | undefined {
  if (windowMs === 0) return undefined;
  const ageLimit = maxTokenAgeMs === undefined ? undefined : token.issuedAt + maxTokenAgeMs;
  const expiresAt =
    token.expiresAt === undefined ? ageLimit : Math.min(token.expiresAt, ageLimit ?? Infinity);
  if (expiresAt === undefined) return undefined;
  return expiresAt - Math.min(windowMs, (expiresAt - token.issuedAt) / 2);
}

/**
 * Refresh before expiry, the model being Azure's token cycler: once a held token enters its
 * refresh window, the next `getToken()` starts one background exchange and returns the current
 * token at once; callers keep it until the new one is held. One attempt per token: a failed or
 * refused attempt is not repeated (the token is then replaced as before, when rejected or too
 * old). The exchange is the strategy's own (`start`): its single flight, its login budget and,
 * with a store, `exchangeOnce`, so a fleet sharing Redis makes one exchange per window.
 */
export class ProactiveRefresh {
  #running = false;
  #triedFor: string | undefined;

  /** Whether a background exchange runs now (callers keep the held token meanwhile). */
  get running(): boolean {
    return this.#running;
  }

  /** Starts the background exchange when `token` is due and has not had its attempt. */
  check(token: SalesforceToken, dueAt: number, now: number, start: () => Promise<unknown>): void {
    if (this.#running || now < dueAt || this.#triedFor === token.accessToken) return;
    this.#triedFor = token.accessToken;
    this.#running = true;
    let started: Promise<unknown>;
    try {
      started = start();
    } catch {
      // Refused before it began (the login budget): the held token serves until it is replaced.
      this.#running = false;
      return;
    }
    started.then(
      () => {
        this.#running = false;
      },
      () => {
        this.#running = false;
      },
    );
  }
}
