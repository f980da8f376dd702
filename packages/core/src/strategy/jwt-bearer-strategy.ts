import { EventEmitter } from 'node:events';
import { signAssertion } from '../assertion/sign-assertion.js';
import { audienceCandidates } from '../audience/audience-candidates.js';
import { exchangeWithAudiences } from '../audience/exchange-with-audiences.js';
import { warnToPinAudience } from '../audience/pin-audience-warning.js';
import type { JwtBearerConfig } from '../config/jwt-bearer-config.js';
import {
  type ConfigNormalisation,
  type ResolvedConfig,
  validateConfig,
  validateUsername,
} from '../config/validate-config.js';
import type { SalesforceAuthErrorCode } from '../errors/error-codes.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import { exchangeAssertion } from '../exchange/exchange-assertion.js';
import type { KeyReloadResult } from '../key/key-source.js';
import type {
  AuthStrategy,
  SalesforceToken,
  StoredLoginFailure,
  StoredToken,
  TokenRequestOptions,
  TokenStore,
} from '../types.js';
import { checkStoredToken } from './check-stored-token.js';
import { LoginGovernor, type LoginRefusalReason, type Refusal } from './login-governor.js';
import { ProactiveRefresh, refreshDueAt } from './proactive-refresh.js';
import { SharedFlight } from './shared-flight.js';

/** Event payloads of a {@link JwtBearerStrategy}. None carries a token, assertion or key. */
export interface JwtBearerEvents {
  token: [
    {
      source: 'exchange' | 'store';
      organizationId: string;
      userId: string;
      instanceUrl: string;
      audience?: string;
      exchangeMs?: number;
    },
  ];
  /** A refresh starts: a rejected token, `refresh()` without one, or before a known expiry. */
  refresh: [{ reason: 'rejected' | 'forced' | 'proactive' }];
  /** One token request (a login against the user's hourly limit) is about to be sent. */
  loginAttempt: [{ audience: string }];
  /** A login ended (after any retries of transient failures). */
  loginResult: [{ audience: string; ok: boolean; code?: SalesforceAuthErrorCode; ms: number }];
  /** The login budget refused a login; the caller got `code` with `retryAfterMs`. */
  loginRefused: [
    { reason: LoginRefusalReason; code: SalesforceAuthErrorCode; retryAfterMs: number },
  ];
  error: [SalesforceAuthError];
  /**
   * An option was accepted after a rewrite (a login URL ending in `/services/oauth2/token`, a PEM
   * with literal `\n`). Emitted once, in a microtask after the constructor, so a listener added
   * right after `new` hears it.
   */
  normalised: [ConfigNormalisation];
}

type Reason = 'initial' | 'rejected' | 'forced';

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
  readonly #governor: LoginGovernor;
  #flight: SharedFlight<StoredToken> | undefined; // only while an exchange runs
  #audience: string | undefined;
  #userId: string | undefined;
  #heldStored: StoredToken | undefined;
  #heldToken: Promise<SalesforceToken> | undefined;
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
    this.#governor = new LoginGovernor(this.#config);
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
    const held = this.#heldToken;
    if (held && !this.#flight && this.#fresh(this.#heldStored!)) {
      this.#refreshAhead(this.#heldStored!.token);
      return held;
    }
    // A background refresh before expiry runs: callers keep the held token meanwhile.
    if (held && this.#ahead?.running && this.#fresh(this.#heldStored!)) return held;
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
      const started = this.#join(token.accessToken, 'forced');
      this.emit('refresh', { reason: 'proactive' });
      return started;
    });
  }

  /**
   * A new token. Given the token a caller saw rejected, a different (newer) token already held is
   * returned as is, so a burst of 401s for one stale token costs one exchange; a session that
   * itself replaced a rejected one less than a cooldown ago fails with `session_rejected`.
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
        : this.#heldStored;
      if (!current || current.token.accessToken === rejectedAccessToken) {
        current = (await this.#readStore()) ?? current;
      }
      if (current && current.token.accessToken !== rejectedAccessToken) {
        this.#hold(current, 'store');
        return current.token;
      }
      this.#refuse(this.#governor.rejectedRefreshRefusal(current?.refreshedAt));
    }
    if (!this.#flight)
      this.emit('refresh', { reason: rejectedAccessToken ? 'rejected' : 'forced' });
    // A forced refresh replaces whatever is held now: a shared store must not hand it back.
    const replacing =
      rejectedAccessToken ??
      this.#heldStored?.token.accessToken ??
      (await this.#readStore())?.token.accessToken;
    const reason = rejectedAccessToken ? 'rejected' : 'forced';
    return (await this.#join(replacing, reason, signal)).token;
  }

  /**
   * Forgets a remembered login failure, so the next call logs in at once (after a setup fix),
   * here and in a shared store (processes that already took it on keep their own until it ends).
   */
  async clearLoginFailure(): Promise<void> {
    this.#governor.clearFailure();
    await this.#shareFailure(undefined);
  }

  /**
   * Drops the held token here and in the store (after a logout or a revocation). Given the
   * revoked token, a newer token already held is kept.
   */
  async invalidate(accessToken?: string): Promise<void> {
    const held = this.#heldStored?.token.accessToken;
    if (accessToken === undefined || held === accessToken) {
      this.#heldStored = undefined;
      this.#heldToken = undefined;
    }
    const stored = accessToken === undefined ? undefined : await this.#readStore();
    if (accessToken !== undefined && stored && stored.token.accessToken !== accessToken) return;
    await this.#config.store?.delete(this.cacheKey).catch(() => {});
  }

  async #getTokenSlowly(signal: AbortSignal | undefined): Promise<SalesforceToken> {
    if (!this.#flight) {
      const stored = await this.#readStore();
      if (stored && this.#fresh(stored)) {
        this.#hold(stored, 'store');
        return stored.token;
      }
    }
    return (await this.#join(undefined, 'initial', signal)).token;
  }

  #join(replacing: string | undefined, reason: Reason, signal?: AbortSignal) {
    let flight = this.#flight;
    if (!flight) {
      this.#refuse(this.#governor.refusal());
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

  async #exchange(replacing: string | undefined, reason: Reason, signal: AbortSignal) {
    const startedAt = this.#config.now();
    let exchanged = false;
    const exchange = async (): Promise<StoredToken> => {
      exchanged = true;
      await this.#adoptSharedFailure();
      this.#refuse(this.#governor.refusal());
      const candidates = this.#audience ? [this.#audience] : audienceCandidates(this.#config);
      try {
        const result = await exchangeWithAudiences(candidates, (audience) =>
          this.#exchangeFor(audience, signal),
        );
        if (this.#governor.succeeded()) await this.#shareFailure(undefined);
        if (result.audience !== candidates[0] && !this.#config.store)
          warnToPinAudience(result.audience, this.loginUrl);
        // Literals, not spreads: a spread with optional parts can leave the held object in V8's
        // slow dictionary mode, about 400 bytes more per user (bench/pool.ts).
        const { token, audience } = result;
        const { cacheKey } = this;
        return reason === 'rejected'
          ? { token, audience, cacheKey, refreshedAt: this.#config.now() }
          : { token, audience, cacheKey };
      } catch (error) {
        // Shared before the store's exchange lock is released, so the process that takes the
        // lock next finds it and does not log in (one failed login per window for the fleet).
        const failure = this.#governor.failed(error);
        if (failure) await this.#shareFailure(failure);
        throw error;
      }
    };
    try {
      let stored: StoredToken;
      if (this.#config.store?.exchangeOnce) {
        stored = await this.#config.store.exchangeOnce(this.cacheKey, {
          ...(replacing === undefined ? {} : { rejectedAccessToken: replacing }),
          exchange,
          accept: (value) => this.#accept(value, replacing),
        });
        // A store that ignores `accept` may hand back anything: check it, replace it once.
        if (!exchanged && !this.#accept(stored, replacing)) stored = await exchange();
      } else {
        stored = await exchange();
        await this.#config.store?.set(this.cacheKey, stored).catch(() => {});
      }
      this.#hold(stored, exchanged ? 'exchange' : 'store', this.#config.now() - startedAt);
      return stored;
    } catch (error) {
      const failure = SalesforceAuthError.isInstance(error)
        ? error
        : new SalesforceAuthError({ code: 'unknown_error', cause: error });
      if (this.listenerCount('error') > 0) this.emit('error', failure);
      throw failure;
    }
  }

  async #exchangeFor(audience: string, signal: AbortSignal): Promise<SalesforceToken> {
    let assertion: string;
    try {
      assertion = await signAssertion(this.#config, this.username, audience, this.#config.now());
    } catch (cause) {
      // A signer package reports its own typed failure (signer_unavailable, signer_denied).
      if (SalesforceAuthError.isInstance(cause)) throw cause;
      throw new SalesforceAuthError({
        code: 'invalid_config',
        message: 'The assertion could not be signed',
        hint: 'Check the signer (KMS/HSM) is reachable and returns an RS256 signature.',
        cause,
      });
    }
    const config = this.#config;
    const baseFetch = config.fetch;
    // Every token request is a login: each passes the hourly ceiling and is reported.
    const countedFetch: typeof fetch = (input, init) => {
      this.#refuse(this.#governor.beforeAttempt());
      this.emit('loginAttempt', { audience });
      return (baseFetch ?? globalThis.fetch)(input, init);
    };
    const startedAt = this.#config.now();
    try {
      const token = await exchangeAssertion(assertion, {
        loginUrl: this.loginUrl,
        now: config.now,
        fetch: countedFetch,
        signal,
        timeoutMs: config.timeoutMs,
        retry: config.retry,
        trustedHosts: config.trustedHosts,
      });
      this.emit('loginResult', { audience, ok: true, ms: this.#config.now() - startedAt });
      return token;
    } catch (error) {
      const code = SalesforceAuthError.isInstance(error) ? error.code : 'unknown_error';
      if (code !== 'login_budget_exhausted' && code !== 'aborted') {
        this.emit('loginResult', { audience, ok: false, code, ms: this.#config.now() - startedAt });
      }
      throw error;
    }
  }

  #refuse(refusal: Refusal | undefined): void {
    if (!refusal) return;
    const { error, reason } = refusal;
    this.emit('loginRefused', { reason, code: error.code, retryAfterMs: error.retryAfterMs ?? 0 });
    throw error;
  }

  #check(value: unknown): StoredToken | undefined {
    return checkStoredToken(value, {
      cacheKey: this.cacheKey,
      loginUrl: this.loginUrl,
      ...(this.#config.trustedHosts ? { trustedHosts: this.#config.trustedHosts } : {}),
      ...(this.#userId === undefined ? {} : { userId: this.#userId }),
    });
  }

  #accept(value: unknown, replacing: string | undefined): StoredToken | undefined {
    const stored = this.#check(value);
    if (!stored || !this.#fresh(stored)) return undefined;
    return replacing !== undefined && stored.token.accessToken === replacing ? undefined : stored;
  }

  async #adoptSharedFailure(): Promise<void> {
    const store = this.#config.store;
    if (!store?.getLoginFailure) return;
    this.#governor.adopt(await store.getLoginFailure(this.cacheKey).catch(() => undefined));
  }

  async #shareFailure(failure: StoredLoginFailure | undefined): Promise<void> {
    await this.#config.store?.setLoginFailure?.(this.cacheKey, failure).catch(() => {});
  }

  async #readStore(): Promise<StoredToken | undefined> {
    if (!this.#config.store) return undefined;
    // A store that fails to answer is treated as empty; the held token still serves this process.
    const value = await this.#config.store.get(this.cacheKey).catch(() => undefined);
    const stored = this.#accept(value, undefined);
    // The audience Salesforce accepted outlives its token: a process that must exchange anyway
    // (a serverless cold start after the stored token aged out) skips audience discovery.
    const audience = (stored ?? this.#check(value))?.audience;
    if (audience !== undefined) this.#audience = audience;
    return stored;
  }

  #fresh(stored: StoredToken): boolean {
    const maxAge = this.#config.maxTokenAgeMs;
    return maxAge === undefined || this.#config.now() - stored.token.issuedAt < maxAge;
  }

  #hold(stored: StoredToken, source: 'exchange' | 'store', exchangeMs?: number): void {
    if (stored.audience !== undefined) this.#audience = stored.audience;
    if (source === 'exchange') this.#userId = stored.token.userId;
    if (this.#heldStored === stored) return;
    this.#heldStored = stored;
    this.#heldToken = Promise.resolve(stored.token);
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
