import type { AuthStrategy, SalesforceToken } from '@sf-jwt/core';
import { LoginPolicy, resolveLoginBudget } from '@sf-jwt/core/internal';

/** Options of the loop guard, for strategies without a login policy of their own. */
export interface RefreshGuardOptions {
  /**
   * The longest wait before replacing a session Salesforce rejected before any successful call,
   * for a strategy without its own login policy (a `JwtBearerStrategy` uses its
   * `loginBudget.maxSuspectBackoffMs`).
   * @defaultValue 30000
   */
  refreshCooldownMs?: number;
  /**
   * The monotonic clock of that policy.
   * @defaultValue performance.now
   */
  now?: () => number;
}

/*
 * The loop rule. jsforce refreshes on every rejected request and retries it, with no bound. The
 * rule is core's login policy (one rule set, SECURITY.md): a session that served a successful
 * call and is then rejected is an ordinary expiry, replaced at once; one rejected before any
 * success is suspect and backs off. A JwtBearerStrategy applies it itself (this guard only tells
 * it which tokens served); any other AuthStrategy gets the same policy here, per connection.
 */
export class RefreshGuard {
  readonly #strategy: AuthStrategy;
  readonly #policy: LoginPolicy | undefined;
  #current: string | undefined;

  constructor(strategy: AuthStrategy, options: RefreshGuardOptions = {}) {
    this.#strategy = strategy;
    if (typeof strategy.succeeded === 'function') return;
    const { refreshCooldownMs, now } = options;
    this.#policy = new LoginPolicy({
      loginBudget: resolveLoginBudget(
        refreshCooldownMs === undefined ? {} : { maxSuspectBackoffMs: refreshCooldownMs },
      ),
      monotonicNow: now ?? (() => performance.now()),
    });
  }

  /** A token for the rejected one, through the strategy and the login policy. */
  async refresh(rejectedAccessToken: string | undefined): Promise<SalesforceToken> {
    const policy = this.#policy;
    if (!policy) return this.#strategy.refresh(rejectedAccessToken);
    if (rejectedAccessToken !== this.#current) policy.received();
    const admitted = policy.admit('rejected');
    if ('error' in admitted) throw admitted.error;
    // Counted, never remembered here: the strategy answers for its own failures.
    const token = await this.#strategy.refresh(rejectedAccessToken).finally(() => policy.settle(1));
    if (token.accessToken !== this.#current) {
      this.#current = token.accessToken;
      policy.received(admitted.suspectStreak);
    }
    return token;
  }

  /** A request with this token succeeded: its session has served. */
  succeeded(accessToken: string | undefined): void {
    if (accessToken === undefined) return;
    if (!this.#policy) this.#strategy.succeeded!(accessToken);
    else if (accessToken === this.#current) this.#policy.used();
    else if (this.#current === undefined) {
      // The connection's first session came from getToken(), not from here: it is held now.
      this.#current = accessToken;
      this.#policy.received();
      this.#policy.used();
    }
  }
}
