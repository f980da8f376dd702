import { EventEmitter } from 'node:events';
import type { JwtBearerConfig } from '../config/jwt-bearer-config.js';
import {
  type ResolvedConfig,
  validateConfig,
  validateUsername,
} from '../config/validate-config.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import type { KeyReloadResult } from '../key/key-source.js';
import type {
  AuthStrategy,
  SalesforceToken,
  StoredToken,
  TokenRequestOptions,
  TokenStore,
} from '../types.js';
import {
  acceptStored,
  checkStored,
  HeldToken,
  remainingMs,
  type StoredTokenContext,
} from './held-token.js';
import { type LoginContext, login } from './login-exchange.js';
import { type ExchangeKind, LoginPolicy, type Refusal } from './login-policy.js';
import { ProactiveRefresh, refreshDueAt } from './proactive-refresh.js';
import { SharedFlight } from './shared-flight.js';
import { exchangeThroughStore, readStoreValue, shareFailure } from './store-protocol.js';
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
  // parsed key) is shared by every strategy made with forUser(), so a pool of 10,000 users
  // holds one config (bench/pool.ts measures the heap per user).
  readonly #config: ResolvedConfig;
  readonly #policy: LoginPolicy;
  #flight: SharedFlight<StoredToken> | undefined; // only while an exchange runs
  #audience: string | undefined;
  #userId: string | undefined;
  readonly #held = new HeldToken(); // held-token.ts
  #ahead: ProactiveRefresh | undefined; // made when a token first enters its refresh window
  static #adopting: ResolvedConfig | undefined;

  /** @throws SalesforceAuthError with code `invalid_config` and a hint, for any unusable option. */
  constructor(config: JwtBearerConfig) {
    super();
    // EventEmitter creates its listener map in V8's dictionary mode (about 190 bytes) even when
    // nobody listens; Node's EventEmitter creates it on the first listener when it is undefined,
    // so a pool's thousands of strategies with no listeners hold none (bench/pool.ts).
    (this as unknown as { _events: unknown })._events = undefined;
    const adopted = JwtBearerStrategy.#adopting;
    JwtBearerStrategy.#adopting = undefined;
    this.#config = adopted ?? validateConfig(config);
    this.username = adopted ? validateUsername(config.username) : this.#config.username;
    this.#policy = new LoginPolicy(this.#config);
    this.cacheKey = cacheKeyPrefix(this.#config) + this.username;
    const { normalisations } = this.#config;
    if (!adopted && normalisations.length > 0)
      queueMicrotask(() => {
        for (const normalisation of normalisations) this.emit('normalised', normalisation);
      });
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
    // The constructor adopts this config instead of validating one (set and read synchronously).
    JwtBearerStrategy.#adopting = this.#config;
    try {
      return new JwtBearerStrategy({ username } as JwtBearerConfig);
    } finally {
      JwtBearerStrategy.#adopting = undefined;
    }
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
    return this.#audience;
  }

  /** The held token, or one exchange shared by every concurrent caller. */
  getToken(options: TokenRequestOptions = {}): Promise<SalesforceToken> {
    const held = this.#held;
    const token = held.token;
    if (token && !this.#flight && this.#config.monotonicNow() < held.until) {
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
    if (rejectedAccessToken !== undefined) {
      let current = this.#flight
        ? await this.#flight.join(unreachable, signal).catch((error: unknown) => {
            if (signal?.aborted) throw error;
            return undefined;
          })
        : this.#held.stored;
      if (!current || current.token.accessToken === rejectedAccessToken) {
        current = (await this.#readStore()) ?? current;
      }
      if (current && current.token.accessToken !== rejectedAccessToken) {
        this.#hold(current, 'store');
        return current.token;
      }
      // The policy judges the session being replaced: make it the held one (or an unknown one).
      if (current) this.#hold(current, 'store');
      else if (this.#held.stored) this.#policy.received();
    }
    if (!this.#flight)
      this.emit('refresh', { reason: rejectedAccessToken ? 'rejected' : 'forced' });
    // A forced refresh replaces whatever is held now: a shared store must not hand it back.
    const replacing =
      rejectedAccessToken ??
      this.#held.stored?.token.accessToken ??
      (await this.#readStore())?.token.accessToken;
    const reason = rejectedAccessToken ? 'rejected' : 'forced';
    return (await this.#join(replacing, reason, signal)).token;
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
    const stored = accessToken === undefined ? undefined : await this.#readStore();
    if (accessToken !== undefined && stored && stored.token.accessToken !== accessToken) return;
    await this.#config.store?.delete(this.cacheKey).catch(() => {});
  }

  async #getTokenSlowly(signal: AbortSignal | undefined): Promise<SalesforceToken> {
    if (!this.#flight) {
      const stored = await this.#readStore();
      if (stored) {
        this.#hold(stored, 'store');
        return stored.token;
      }
    }
    return (await this.#join(undefined, 'initial', signal)).token;
  }

  #join(replacing: string | undefined, reason: ExchangeKind, signal?: AbortSignal) {
    let flight = this.#flight;
    if (!flight) {
      this.#refuse(this.#policy.rememberedFailure());
      // Held only while an exchange runs: a pool's idle strategies carry no flight object.
      const created = new SharedFlight<StoredToken>(() => {
        if (this.#flight === created) this.#flight = undefined;
      });
      this.#flight = flight = created;
    }
    const joined = flight.join(
      (flightSignal) => this.#exchange(replacing, reason, flightSignal),
      signal,
    );
    // An already aborted caller starts nothing: no flight is left behind.
    if (!flight.active && this.#flight === flight) this.#flight = undefined;
    return joined;
  }

  async #exchange(replacing: string | undefined, kind: ExchangeKind, signal: AbortSignal) {
    const startedAt = this.#config.monotonicNow();
    try {
      const { stored, exchanged } = await exchangeThroughStore(
        this.#config,
        this.cacheKey,
        replacing,
        () => login(this.#loginContext(), kind, signal),
        (value) => this.#accept(value, replacing),
      );
      const ms = this.#config.monotonicNow() - startedAt;
      this.#hold(stored, exchanged ? 'exchange' : 'store', ms);
      return stored;
    } catch (error) {
      const failure = SalesforceAuthError.isInstance(error)
        ? error
        : new SalesforceAuthError({ code: 'unknown_error', cause: error });
      if (this.listenerCount('error') > 0) this.emit('error', failure);
      throw failure;
    }
  }

  /** What a login needs from this strategy (login-exchange.ts); made per exchange only. */
  #loginContext(): LoginContext {
    const strategy = this;
    return {
      config: this.#config,
      username: this.username,
      cacheKey: this.cacheKey,
      policy: this.#policy,
      get audience() {
        return strategy.#audience;
      },
      emit: this.emit.bind(this) as LoginContext['emit'],
      refuse: (refusal, kind) => this.#refuse(refusal, kind),
    };
  }

  #refuse(refusal: Refusal | undefined, kind?: ExchangeKind): void {
    if (!refusal) return;
    const { error, reason } = refusal;
    const retryAfterMs = error.retryAfterMs ?? 0;
    this.emit('loginRefused', {
      reason,
      code: error.code,
      retryAfterMs,
      ...(kind ? { kind } : {}),
    });
    throw error;
  }

  #storedContext(): StoredTokenContext {
    return { config: this.#config, cacheKey: this.cacheKey, userId: this.#userId };
  }

  #accept(value: unknown, replacing: string | undefined): StoredToken | undefined {
    return acceptStored(value, replacing, this.#storedContext(), this.#held);
  }

  async #readStore(): Promise<StoredToken | undefined> {
    if (!this.#config.store) return undefined;
    // A store that fails to answer is treated as empty; the held token still serves this process.
    const value = await readStoreValue(this.#config, this.cacheKey);
    const stored = this.#accept(value, undefined);
    // The audience Salesforce accepted outlives its token: a process that must exchange anyway
    // (a serverless cold start after the stored token aged out) skips audience discovery.
    const audience = (stored ?? checkStored(value, this.#storedContext()))?.audience;
    if (audience !== undefined) this.#audience = audience;
    return stored;
  }

  #hold(stored: StoredToken, source: 'exchange' | 'store', exchangeMs?: number): void {
    if (stored.audience !== undefined) this.#audience = stored.audience;
    if (source === 'exchange') this.#userId = stored.token.userId;
    if (this.#held.stored === stored) return;
    let until = this.#held.until;
    if (this.#held.stored?.token.accessToken !== stored.token.accessToken) {
      this.#policy.received(stored.suspectStreak);
      until = this.#config.monotonicNow() + remainingMs(stored, this.#config);
    }
    this.#held.set(stored, until);
    this.emit('token', {
      source,
      organizationId: stored.token.organizationId,
      userId: stored.token.userId,
      instanceUrl: stored.token.instanceUrl,
      ...(stored.audience === undefined ? {} : { audience: stored.audience }),
      ...(source === 'exchange' && exchangeMs !== undefined ? { exchangeMs } : {}),
    });
  }
}

// One prefix string per validated config, shared by its users' keys (one small string each).
const prefixes = new WeakMap<ResolvedConfig, string>();
function cacheKeyPrefix(config: ResolvedConfig): string {
  let prefix = prefixes.get(config);
  if (prefix === undefined) {
    prefix = `sf-jwt:${config.loginUrl}:${config.clientId}:`;
    prefixes.set(config, prefix);
  }
  return prefix;
}

const unreachable = (): Promise<never> =>
  Promise.reject(new SalesforceAuthError({ code: 'unknown_error' }));
