import { EventEmitter } from 'node:events';
import { signAssertion } from '../assertion/sign-assertion.js';
import { audienceCandidates } from '../audience/audience-candidates.js';
import { exchangeWithAudiences } from '../audience/exchange-with-audiences.js';
import type { JwtBearerConfig } from '../config/jwt-bearer-config.js';
import { type ResolvedConfig, validateConfig } from '../config/validate-config.js';
import type { SalesforceAuthErrorCode } from '../errors/error-codes.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import { exchangeAssertion } from '../exchange/exchange-assertion.js';
import type {
  AuthStrategy,
  SalesforceToken,
  StoredToken,
  TokenRequestOptions,
  TokenStore,
} from '../types.js';
import { checkStoredToken } from './check-stored-token.js';
import { LoginGovernor, type LoginRefusalReason, type Refusal } from './login-governor.js';
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
  refresh: [{ reason: 'rejected' | 'forced' }];
  /** One token request (a login against the user's hourly limit) is about to be sent. */
  loginAttempt: [{ audience: string }];
  /** A login ended (after any retries of transient failures). */
  loginResult: [{ audience: string; ok: boolean; code?: SalesforceAuthErrorCode; ms: number }];
  /** The login budget refused a login; the caller got `code` with `retryAfterMs`. */
  loginRefused: [
    { reason: LoginRefusalReason; code: SalesforceAuthErrorCode; retryAfterMs: number },
  ];
  error: [SalesforceAuthError];
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
  readonly name = 'jwt-bearer' as const;
  /** The store key: login URL, consumer key and username. Holds no secret. */
  readonly cacheKey: string;
  readonly username: string;
  readonly loginUrl: string;
  readonly #config: ResolvedConfig;
  readonly #store: TokenStore | undefined;
  readonly #now: () => number;
  readonly #governor: LoginGovernor;
  readonly #flight = new SharedFlight<StoredToken>();
  #audience: string | undefined;
  #userId: string | undefined;
  #held: { stored: StoredToken; promise: Promise<SalesforceToken> } | undefined;

  /** @throws SalesforceAuthError with code `invalid_config` and a hint, for any unusable option. */
  constructor(config: JwtBearerConfig) {
    super();
    this.#config = validateConfig(config);
    this.#store = this.#config.store;
    this.#now = this.#config.now;
    this.#governor = new LoginGovernor(this.#config.loginBudget, this.#now);
    this.username = this.#config.username;
    this.loginUrl = this.#config.loginUrl;
    this.cacheKey = `sf-jwt:${this.loginUrl}:${this.#config.clientId}:${this.username}`;
  }

  /** The audience that Salesforce accepted, once known (after discovery or from the store). */
  get audience(): string | undefined {
    return this.#audience;
  }

  /** The held token, or one exchange shared by every concurrent caller. */
  getToken(options: TokenRequestOptions = {}): Promise<SalesforceToken> {
    const held = this.#held;
    if (held && !this.#flight.active && this.#fresh(held.stored)) return held.promise;
    return this.#getTokenSlowly(options.signal);
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
    if (rejectedAccessToken !== undefined) {
      let current = this.#flight.active
        ? await this.#flight.join(unreachable, signal).catch((error: unknown) => {
            if (signal?.aborted) throw error;
            return undefined;
          })
        : this.#held?.stored;
      if (!current || current.token.accessToken === rejectedAccessToken) {
        current = (await this.#readStore()) ?? current;
      }
      if (current && current.token.accessToken !== rejectedAccessToken) {
        this.#hold(current, 'store');
        return current.token;
      }
      this.#refuse(this.#governor.rejectedRefreshRefusal(current?.refreshedAt));
    }
    if (!this.#flight.active)
      this.emit('refresh', { reason: rejectedAccessToken ? 'rejected' : 'forced' });
    // A forced refresh replaces whatever is held now: a shared store must not hand it back.
    const replacing =
      rejectedAccessToken ??
      this.#held?.stored.token.accessToken ??
      (await this.#readStore())?.token.accessToken;
    const reason = rejectedAccessToken ? 'rejected' : 'forced';
    return (await this.#join(replacing, reason, signal)).token;
  }

  /** Forgets a remembered login failure, so the next call logs in at once (after a setup fix). */
  clearLoginFailure(): void {
    this.#governor.clearFailure();
  }

  /**
   * Drops the held token here and in the store (after a logout or a revocation). Given the
   * revoked token, a newer token already held is kept.
   */
  async invalidate(accessToken?: string): Promise<void> {
    const held = this.#held?.stored.token.accessToken;
    if (accessToken === undefined || held === accessToken) this.#held = undefined;
    const stored = accessToken === undefined ? undefined : await this.#readStore();
    if (accessToken !== undefined && stored && stored.token.accessToken !== accessToken) return;
    await this.#store?.delete(this.cacheKey).catch(() => {});
  }

  async #getTokenSlowly(signal: AbortSignal | undefined): Promise<SalesforceToken> {
    if (!this.#flight.active) {
      const stored = await this.#readStore();
      if (stored && this.#fresh(stored)) {
        this.#hold(stored, 'store');
        return stored.token;
      }
    }
    return (await this.#join(undefined, 'initial', signal)).token;
  }

  #join(replacing: string | undefined, reason: Reason, signal?: AbortSignal) {
    if (!this.#flight.active) this.#refuse(this.#governor.refusal());
    return this.#flight.join(
      (flightSignal) => this.#exchange(replacing, reason, flightSignal),
      signal,
    );
  }

  async #exchange(replacing: string | undefined, reason: Reason, signal: AbortSignal) {
    const startedAt = this.#now();
    let exchanged = false;
    const exchange = async (): Promise<StoredToken> => {
      exchanged = true;
      this.#refuse(this.#governor.refusal());
      const candidates = this.#audience ? [this.#audience] : audienceCandidates(this.#config);
      try {
        const result = await exchangeWithAudiences(candidates, (audience) =>
          this.#exchangeFor(audience, signal),
        );
        this.#governor.succeeded();
        const refreshedAt = reason === 'rejected' ? { refreshedAt: this.#now() } : {};
        return { ...result, cacheKey: this.cacheKey, ...refreshedAt };
      } catch (error) {
        this.#governor.failed(error);
        throw error;
      }
    };
    try {
      let stored: StoredToken;
      if (this.#store?.exchangeOnce) {
        stored = await this.#store.exchangeOnce(this.cacheKey, {
          ...(replacing === undefined ? {} : { rejectedAccessToken: replacing }),
          exchange,
          accept: (value) => this.#accept(value, replacing),
        });
        // A store that ignores `accept` may hand back anything: check it, replace it once.
        if (!exchanged && !this.#accept(stored, replacing)) stored = await exchange();
      } else {
        stored = await exchange();
        await this.#store?.set(this.cacheKey, stored).catch(() => {});
      }
      this.#hold(stored, exchanged ? 'exchange' : 'store', this.#now() - startedAt);
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
      assertion = await signAssertion(this.#config, audience, this.#now());
    } catch (cause) {
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
    const startedAt = this.#now();
    try {
      const token = await exchangeAssertion(assertion, {
        loginUrl: this.loginUrl,
        now: this.#now,
        fetch: countedFetch,
        signal,
        timeoutMs: config.timeoutMs,
        retry: config.retry,
        trustedHosts: config.trustedHosts,
      });
      this.emit('loginResult', { audience, ok: true, ms: this.#now() - startedAt });
      return token;
    } catch (error) {
      const code = SalesforceAuthError.isInstance(error) ? error.code : 'unknown_error';
      if (code !== 'login_budget_exhausted' && code !== 'aborted') {
        this.emit('loginResult', { audience, ok: false, code, ms: this.#now() - startedAt });
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

  #accept(value: unknown, replacing: string | undefined): StoredToken | undefined {
    const stored = checkStoredToken(value, {
      cacheKey: this.cacheKey,
      loginUrl: this.loginUrl,
      ...(this.#config.trustedHosts ? { trustedHosts: this.#config.trustedHosts } : {}),
      ...(this.#userId === undefined ? {} : { userId: this.#userId }),
    });
    if (!stored || !this.#fresh(stored)) return undefined;
    return replacing !== undefined && stored.token.accessToken === replacing ? undefined : stored;
  }

  async #readStore(): Promise<StoredToken | undefined> {
    if (!this.#store) return undefined;
    // A store that fails to answer is treated as empty; the held token still serves this process.
    const value = await this.#store.get(this.cacheKey).catch(() => undefined);
    const stored = this.#accept(value, undefined);
    if (stored?.audience !== undefined) this.#audience = stored.audience;
    return stored;
  }

  #fresh(stored: StoredToken): boolean {
    const maxAge = this.#config.maxTokenAgeMs;
    return maxAge === undefined || this.#now() - stored.token.issuedAt < maxAge;
  }

  #hold(stored: StoredToken, source: 'exchange' | 'store', exchangeMs?: number): void {
    if (stored.audience !== undefined) this.#audience = stored.audience;
    if (source === 'exchange') this.#userId = stored.token.userId;
    if (this.#held?.stored === stored) return;
    this.#held = { stored, promise: Promise.resolve(stored.token) };
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

const unreachable = (): Promise<never> =>
  Promise.reject(new SalesforceAuthError({ code: 'unknown_error' }));
