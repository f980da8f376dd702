import { EventEmitter } from 'node:events';
import { signAssertion } from '../assertion/sign-assertion.js';
import { audienceCandidates } from '../audience/audience-candidates.js';
import { exchangeWithAudiences } from '../audience/exchange-with-audiences.js';
import { warnToPinAudience } from '../audience/pin-audience-warning.js';
import type { JwtBearerConfig } from '../config/jwt-bearer-config.js';
import {
  type ResolvedConfig,
  validateConfig,
  validateUsername,
} from '../config/validate-config.js';
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
import { type Admission, type ExchangeKind, LoginPolicy, type Refusal } from './login-policy.js';
import { ProactiveRefresh, refreshDueAt } from './proactive-refresh.js';
import { SharedFlight } from './shared-flight.js';
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
  #heldStored: StoredToken | undefined;
  #heldToken: Promise<SalesforceToken> | undefined;
  #heldUntil = 0; // monotonic: when the held token ages out (maxTokenAgeMs)
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
    const held = this.#heldToken;
    if (held && !this.#flight && this.#config.monotonicNow() < this.#heldUntil) {
      this.#refreshAhead(this.#heldStored!.token);
      return held;
    }
    // A background refresh before expiry runs: callers keep the held token meanwhile.
    if (held && this.#ahead?.running && this.#config.monotonicNow() < this.#heldUntil) return held;
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
        : this.#heldStored;
      if (!current || current.token.accessToken === rejectedAccessToken) {
        current = (await this.#readStore()) ?? current;
      }
      if (current && current.token.accessToken !== rejectedAccessToken) {
        this.#hold(current, 'store');
        return current.token;
      }
      // The policy judges the session being replaced: make it the held one (or an unknown one).
      if (current) this.#hold(current, 'store');
      else if (this.#heldStored) this.#policy.received();
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
    if (this.#heldStored?.token.accessToken === accessToken) this.#policy.used();
  }

  /**
   * Forgets a remembered login failure, so the next call logs in at once (after a setup fix),
   * here and in a shared store (processes that already took it on keep their own until it ends).
   */
  async clearLoginFailure(): Promise<void> {
    this.#policy.clearFailure();
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
      this.#heldUntil = 0;
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
    let exchanged = false;
    // Admitted, then settled: the policy is asked once before and told once after each exchange.
    const exchange = async (): Promise<StoredToken> => {
      exchanged = true;
      await this.#adoptSharedFailure();
      const admitted = this.#policy.admit(kind);
      if ('error' in admitted) this.#refuse(admitted, kind);
      const admission = admitted as Admission;
      const sent = { attempts: 0 };
      const candidates = this.#audience ? [this.#audience] : audienceCandidates(this.#config);
      try {
        const { token, audience } = await exchangeWithAudiences(candidates, (aud) =>
          this.#exchangeFor(aud, signal, admission, sent),
        );
        if (this.#policy.settle(sent.attempts) === null) await this.#shareFailure(undefined);
        if (audience !== candidates[0] && !this.#config.store)
          warnToPinAudience(audience, this.loginUrl);
        // A literal of fixed shape: a spread with optional parts can leave the held object in
        // V8's slow dictionary mode, about 400 bytes more per user (bench/pool.ts).
        return {
          token,
          audience,
          cacheKey: this.cacheKey,
          suspectStreak: admission.suspectStreak,
          expiresInMs: this.#config.maxTokenAgeMs,
        };
      } catch (error) {
        // Shared before the store's exchange lock is released, so the process that takes the
        // lock next finds it and does not log in (one failed login per window for the fleet).
        const failure = this.#policy.settle(sent.attempts, error);
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

  async #exchangeFor(
    audience: string,
    signal: AbortSignal,
    admission: Admission,
    sent: { attempts: number },
  ): Promise<SalesforceToken> {
    const config = this.#config;
    const { kind } = admission;
    // The hourly ceiling caps this exchange's requests up front (retries included): the retry
    // loop never calls back into the policy.
    const room = admission.maxAttempts - sent.attempts;
    if (room <= 0) throw ceilingReached();
    let assertion: string;
    try {
      assertion = await signAssertion(config, this.username, audience, config.now());
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
    const baseFetch = config.fetch ?? globalThis.fetch;
    // Every token request is a login: each is counted and reported.
    const countedFetch: typeof fetch = (input, init) => {
      sent.attempts += 1;
      this.emit('loginAttempt', { audience, kind });
      return baseFetch(input, init);
    };
    const retries = config.retry === false ? 0 : (config.retry?.retries ?? 3);
    const startedAt = config.monotonicNow();
    try {
      const token = await exchangeAssertion(assertion, {
        loginUrl: this.loginUrl,
        now: config.now,
        fetch: countedFetch,
        signal,
        timeoutMs: config.timeoutMs,
        retry: { ...(config.retry || {}), retries: Math.min(retries, room - 1) },
        trustedHosts: config.trustedHosts,
      });
      const ms = config.monotonicNow() - startedAt;
      this.emit('loginResult', { audience, ok: true, ms, kind });
      return token;
    } catch (error) {
      const code = SalesforceAuthError.isInstance(error) ? error.code : 'unknown_error';
      if (code !== 'login_budget_exhausted' && code !== 'aborted') {
        const ms = config.monotonicNow() - startedAt;
        const skew = SalesforceAuthError.isInstance(error) ? error.clockSkewMs : undefined;
        const clockSkewMs = skew === undefined ? {} : { clockSkewMs: skew };
        this.emit('loginResult', { audience, ok: false, code, ms, kind, ...clockSkewMs });
      }
      throw error;
    }
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
    if (!stored || this.#remainingMs(stored) <= 0) return undefined;
    const { accessToken } = stored.token;
    // The held token aged out by this process's clock stays out, whatever a store says of it.
    const held = this.#heldStored?.token.accessToken;
    if (accessToken === held && this.#config.monotonicNow() >= this.#heldUntil) return undefined;
    return replacing !== undefined && accessToken === replacing ? undefined : stored;
  }

  async #adoptSharedFailure(): Promise<void> {
    const store = this.#config.store;
    if (!store?.getLoginFailure) return;
    this.#policy.adopt(await store.getLoginFailure(this.cacheKey).catch(() => undefined));
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

  /**
   * How much longer a token may be served: what the store says is left (its TTL), else, from a
   * store that cannot tell, the age by the wall clock (never less than 0).
   */
  #remainingMs(stored: StoredToken): number {
    const maxAge = this.#config.maxTokenAgeMs;
    if (maxAge === undefined) return Number.POSITIVE_INFINITY;
    if (stored.expiresInMs !== undefined) return Math.min(stored.expiresInMs, maxAge);
    return maxAge - Math.max(0, this.#config.now() - stored.token.issuedAt);
  }

  #hold(stored: StoredToken, source: 'exchange' | 'store', exchangeMs?: number): void {
    if (stored.audience !== undefined) this.#audience = stored.audience;
    if (source === 'exchange') this.#userId = stored.token.userId;
    if (this.#heldStored === stored) return;
    if (this.#heldStored?.token.accessToken !== stored.token.accessToken) {
      this.#policy.received(stored.suspectStreak);
      this.#heldUntil = this.#config.monotonicNow() + this.#remainingMs(stored);
    }
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

const ceilingReached = () =>
  new SalesforceAuthError({
    code: 'login_budget_exhausted',
    message: 'sf-jwt refused to log in: the hourly login ceiling was reached during this exchange',
  });

const unreachable = (): Promise<never> =>
  Promise.reject(new SalesforceAuthError({ code: 'unknown_error' }));
