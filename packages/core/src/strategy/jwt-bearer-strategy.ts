import { EventEmitter } from 'node:events';
import type { JwtBearerConfig } from '../config/jwt-bearer-config.js';
import { type ResolvedConfig, validateUsername } from '../config/validate-config.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import type { KeyReloadResult } from '../key/key-source.js';
import type {
  AuthStrategy,
  SalesforceToken,
  StoredToken,
  TokenRequestOptions,
  TokenStore,
} from '../types.js';
import { type FlightContext, joinExchange, replaceToken } from './exchange-flight.js';
import { HeldToken } from './held-token.js';
import { type ExchangeKind, LoginPolicy } from './login-policy.js';
import { ProactiveRefresh, refreshDueAt } from './proactive-refresh.js';
import { SharedConfig } from './shared-config.js';
import { readStored, shareFailure } from './store-protocol.js';
import type { JwtBearerEvents } from './strategy-events.js';

export type { JwtBearerEvents } from './strategy-events.js';

/**
 * The OAuth 2.0 JWT Bearer flow as an {@link AuthStrategy}: signs, exchanges, caches and refreshes,
 * one exchange at a time however many callers ask, within a login budget (see {@link LoginBudget}).
 * The token is always held in this process; a {@link TokenStore} (Redis) is a second tier.
 *
 * @example
 * ```ts
 * const strategy = new JwtBearerStrategy({
 *   clientId: process.env.SF_CLIENT_ID!,
 *   username: 'integration@acme.com',
 *   privateKeyFile: './server.key',
 * });
 * strategy.on('loginAttempt', () => metrics.increment('salesforce.logins'));
 * const { accessToken, instanceUrl } = await strategy.getToken();
 * ```
 */
export class JwtBearerStrategy extends EventEmitter<JwtBearerEvents> implements AuthStrategy {
  /** The store key: login URL, consumer key and username. Holds no secret. */
  readonly cacheKey: string;
  /** The Salesforce username this strategy acts as (`sub`). */
  readonly username: string;
  // Per user, only what differs between users is held: the validated config (and with it the
  // parsed key) is shared by every strategy made with forUser() (shared-config.ts).
  readonly #shared: SharedConfig;
  readonly #policy: LoginPolicy;
  readonly #held = new HeldToken(); // held-token.ts: the token, its audience, the exchange running
  #ahead: ProactiveRefresh | undefined; // made when a token first enters its refresh window

  /** @throws SalesforceAuthError with code `invalid_config` and a hint, for any unusable option. */
  constructor(config: JwtBearerConfig);
  /** @internal forUser(): `shared` is the maker's config, not validated again (only the username is). */
  constructor(config: JwtBearerConfig, shared: SharedConfig);
  constructor(config: JwtBearerConfig, shared?: SharedConfig) {
    super();
    // EventEmitter creates its listener map in V8's dictionary mode (about 190 bytes) even when
    // nobody listens; Node's EventEmitter creates it on the first listener when it is undefined,
    // so a pool's thousands of strategies with no listeners hold none (bench/pool.ts: without
    // this line, 9.0 KiB per pooled subject instead of 8.7, over the 1.2x target).
    (this as unknown as { _events: unknown })._events = undefined;
    this.#shared = shared ?? SharedConfig.validate(config);
    this.username = shared ? validateUsername(config.username) : this.#config.username;
    this.#policy = new LoginPolicy(this.#config);
    this.cacheKey = this.#shared.cacheKeyPrefix + this.username;
    const { normalisations } = this.#config;
    if (!shared && normalisations.length > 0)
      queueMicrotask(() => {
        for (const normalisation of normalisations) this.emit('normalised', normalisation);
      });
  }

  get #config(): ResolvedConfig {
    return this.#shared.resolved;
  }

  /** The strategy's name. */
  get name(): 'jwt-bearer' {
    return 'jwt-bearer';
  }

  /** The login URL (normalised), where assertions are exchanged. */
  get loginUrl(): string {
    return this.#config.loginUrl;
  }

  /** The configured `fetch` (undefined: `globalThis.fetch` at call time), for token revocation. */
  get fetch(): typeof fetch | undefined {
    return this.#config.fetch;
  }

  /**
   * A strategy for another user of the same connected app: it shares this one's validated
   * options, parsed key and store, and has its own token, login budget and listeners. For a
   * service acting as many users, this skips validating and parsing the key per user.
   *
   * @throws SalesforceAuthError with code `invalid_config` for an unusable username.
   * @example
   * ```ts
   * const app = new JwtBearerStrategy({ clientId, username: 'integration@acme.com', privateKeyFile });
   * const jane = app.forUser('jane@acme.com');
   * const { accessToken } = await jane.getToken();
   * ```
   */
  forUser(username: string): JwtBearerStrategy {
    return new JwtBearerStrategy({ username } as JwtBearerConfig, this.#shared);
  }

  /**
   * Reads the `privateKeyFile` again now instead of at the next check (`keyCheckIntervalMs`).
   * A file that is not a usable key keeps the key in use and comes back as `error`. Shared by
   * every strategy made from the same config (forUser, a pool, createConnection).
   *
   * @example
   * ```ts
   * const { changed, error } = strategy.reloadKey();
   * ```
   */
  reloadKey(): KeyReloadResult {
    return this.#config.keySource?.reload() ?? { changed: false };
  }

  /** The audience that Salesforce accepted, once known (after discovery or from the store). */
  get audience(): string | undefined {
    return this.#held.audience;
  }

  /** The held token, or one exchange shared by every concurrent caller. */
  getToken(options: TokenRequestOptions = {}): Promise<SalesforceToken> {
    const held = this.#held;
    const token = held.token;
    if (token && !held.flight && this.#config.monotonicNow() < held.until) {
      this.#refreshAhead(held.stored!.token);
      return token;
    }
    // A background refresh before expiry runs: callers keep the held token meanwhile.
    if (token && this.#ahead?.running && this.#config.monotonicNow() < held.until) return token;
    return this.#getTokenSlowly(options.signal);
  }

  /** Inside the window before a known expiry: one background exchange (proactive-refresh.ts). */
  #refreshAhead(token: SalesforceToken): void {
    const config = this.#config;
    const dueAt = refreshDueAt(token, config.refreshBeforeExpiryMs, config.maxTokenAgeMs);
    if (dueAt === undefined) return;
    const now = config.now();
    if (now < dueAt) return;
    this.#ahead ??= new ProactiveRefresh();
    this.#ahead.check(token, dueAt, now, () => {
      // Through the login budget's admission like any exchange (#join refuses when it says no).
      const started = this.#join(token.accessToken, 'refresh-ahead');
      this.emit('refresh', { reason: 'proactive' });
      return started;
    });
  }

  /**
   * A new token. Given the token a caller saw rejected, a different (newer) token already held is
   * returned as is, so a burst of 401s for one stale token costs one exchange. A session that
   * served a successful call (see {@link JwtBearerStrategy.succeeded}) is an ordinary expiry and
   * is replaced at once; one rejected before any success is suspect and backs off (`session_rejected`
   * with `retryAfterMs`, see `LoginBudget.suspectBackoffMs`).
   */
  async refresh(
    rejectedAccessToken?: string,
    options: TokenRequestOptions = {},
  ): Promise<SalesforceToken> {
    const { signal } = options;
    if (rejectedAccessToken !== undefined && typeof rejectedAccessToken !== 'string') {
      throw new SalesforceAuthError({
        code: 'invalid_argument',
        message: `refresh() was given ${rejectedAccessToken === null ? 'null' : `a ${typeof rejectedAccessToken}`} instead of the rejected access token string`,
      });
    }
    return replaceToken(this.#context(), rejectedAccessToken, signal); // exchange-flight.ts
  }

  /**
   * Reports that a call made with this token succeeded, so its session has served: when
   * Salesforce later rejects it, that is an ordinary expiry, healed at once by one exchange. The
   * jsforce adapter calls it for every successful response; a token not held now is ignored.
   *
   * @example
   * ```ts
   * const response = await fetch(url, { headers: { authorization: `Bearer ${token.accessToken}` } });
   * if (response.ok) strategy.succeeded(token.accessToken);
   * ```
   */
  succeeded(accessToken: string): void {
    if (this.#held.stored?.token.accessToken === accessToken) this.#policy.used();
  }

  /**
   * Forgets a remembered login failure, so the next call logs in at once (after a setup fix),
   * here and in a shared store (processes that already took it on keep their own until it ends).
   */
  async clearLoginFailure(): Promise<void> {
    this.#policy.clearFailure();
    await shareFailure(this.#config, this.cacheKey, undefined);
  }

  /**
   * Drops the held token here and in the store (after a logout or a revocation). Given the
   * revoked token, a newer token already held is kept.
   */
  async invalidate(accessToken?: string): Promise<void> {
    const held = this.#held.stored?.token.accessToken;
    if (accessToken === undefined || held === accessToken) {
      this.#held.clear();
    }
    const stored = accessToken === undefined ? undefined : await readStored(this.#context());
    if (accessToken !== undefined && stored && stored.token.accessToken !== accessToken) return;
    await this.#config.store?.delete(this.cacheKey).catch(() => {});
  }

  async #getTokenSlowly(signal: AbortSignal | undefined): Promise<SalesforceToken> {
    if (!this.#held.flight) {
      const stored = await readStored(this.#context());
      if (stored) {
        this.#hold(stored, 'store');
        return stored.token;
      }
    }
    return (await this.#join(undefined, 'initial', signal)).token;
  }

  #join(replacing: string | undefined, reason: ExchangeKind, signal?: AbortSignal) {
    return joinExchange(this.#context(), replacing, reason, signal); // exchange-flight.ts
  }

  /** What the exchange path needs from this strategy; made per slow call only, never kept. */
  #context(): FlightContext {
    return {
      config: this.#config,
      username: this.username,
      cacheKey: this.cacheKey,
      policy: this.#policy,
      held: this.#held,
      events: this,
      hold: (stored, source, ms) => this.#hold(stored, source, ms),
    };
  }

  #hold(stored: StoredToken, source: 'exchange' | 'store', exchangeMs?: number): void {
    const event = this.#held.take(stored, source, this.#policy, this.#config, exchangeMs);
    if (event) this.emit('token', event);
  }
}
