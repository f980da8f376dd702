import { SalesforceAuthError } from '@sf-jwt/core';

/** Options of the loop guard. */
export interface RefreshGuardOptions {
  /**
   * After Salesforce rejects a token this connection just obtained, how long to refuse further
   * refreshes, in ms (default 30000). At most one token exchange per period, however many
   * requests fail.
   */
  refreshCooldownMs?: number;
  /**
   * The clock.
   * @defaultValue Date.now
   */
  now?: () => number;
}

/*
 * The loop rule. jsforce refreshes on every rejected request and retries it, with no bound: if
 * Salesforce rejects the new token too (missing "API Enabled", an IP policy, a session that is
 * valid for OAuth but not for this API), it refreshes and retries forever, each time a login
 * against the user's hourly limit. So a token obtained by a refresh is "unproven" until some
 * request with it succeeds. When an unproven token is rejected, the guard refuses to refresh:
 * the request fails with `session_rejected`, and every refresh for the next cooldown fails the
 * same way without an exchange. After the cooldown one new exchange is allowed, and a success
 * with any token closes the guard. A request is thus retried at most once per refresh, and a
 * stream of failures costs at most one exchange per cooldown.
 */
export class RefreshGuard {
  #unproven: Set<string> | undefined; // created on the first refresh: most connections never refresh
  readonly #cooldownMs: number;
  readonly #now: () => number;
  #openUntil = 0;
  #tripped: string | undefined;

  constructor(options: RefreshGuardOptions = {}) {
    this.#cooldownMs = options.refreshCooldownMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  /** Throws `session_rejected` when refreshing for this rejected token would loop. */
  check(rejectedAccessToken: string | undefined): void {
    const now = this.#now();
    if (now < this.#openUntil) throw rejectedError('refreshes are paused after a rejected session');
    if (rejectedAccessToken === undefined || !this.#unproven?.has(rejectedAccessToken)) return;
    if (this.#tripped === rejectedAccessToken) return;
    this.#tripped = rejectedAccessToken;
    this.#openUntil = now + this.#cooldownMs;
    throw rejectedError('Salesforce rejected the session it had just issued');
  }

  /** Remembers a token obtained by a refresh as unproven. */
  issued(accessToken: string): void {
    this.#unproven ??= new Set();
    if (this.#unproven.size > 100) this.#unproven.clear();
    this.#unproven.add(accessToken);
  }

  /** A request with this token succeeded: it is proven, and the guard closes. */
  succeeded(accessToken: string | undefined): void {
    if (accessToken) this.#unproven?.delete(accessToken);
    this.#openUntil = 0;
    this.#tripped = undefined;
  }
}

function rejectedError(message: string): SalesforceAuthError {
  return new SalesforceAuthError({ code: 'session_rejected', message });
}
