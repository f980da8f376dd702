import { EventEmitter } from 'node:events';
import { signAssertion } from '../create-assertion.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import { exchangeAssertion } from '../exchange/exchange-assertion.js';
import { MemoryTokenStore } from '../memory-token-store.js';
import type { AuthStrategy, SalesforceToken, StoredToken, TokenStore } from '../types.js';
import { audienceCandidates } from './audience-candidates.js';
import { exchangeWithAudiences } from './discover-audience.js';
import type { JwtBearerConfig } from './jwt-bearer-config.js';
import { type ResolvedConfig, validateConfig } from './validate-config.js';

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
  error: [SalesforceAuthError];
}

/**
 * The OAuth 2.0 JWT Bearer flow as an {@link AuthStrategy}: signs, exchanges, caches in its
 * {@link TokenStore} and refreshes, one exchange at a time however many callers ask.
 *
 * @example
 * ```ts
 * const strategy = new JwtBearerStrategy({
 *   clientId: process.env.SF_CLIENT_ID!,
 *   username: 'integration@acme.com',
 *   privateKeyFile: './server.key',
 * });
 * strategy.on('token', (event) => console.log('token for', event.userId, event.source));
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
  readonly #options: JwtBearerConfig;
  readonly #store: TokenStore;
  readonly #now: () => number;
  #audience: string | undefined;
  #inFlight: Promise<SalesforceToken> | undefined;

  /** @throws SalesforceAuthError with code `invalid_config` and a hint, for any unusable option. */
  constructor(config: JwtBearerConfig) {
    super();
    this.#config = validateConfig(config);
    this.#options = config;
    this.#store = config.store ?? new MemoryTokenStore();
    this.#now = config.now ?? Date.now;
    this.username = this.#config.username;
    this.loginUrl = this.#config.loginUrl;
    this.cacheKey = `sf-jwt:${this.loginUrl}:${this.#config.clientId}:${this.username}`;
  }

  /** The audience that Salesforce accepted, once known (after discovery or from the store). */
  get audience(): string | undefined {
    return this.#audience;
  }

  /** The cached token, or one exchange shared by every concurrent caller. */
  async getToken(): Promise<SalesforceToken> {
    if (this.#inFlight) return this.#inFlight;
    const stored = await this.#read();
    return stored ? stored.token : this.#exchangeShared();
  }

  /**
   * A new token. Given the token a caller saw rejected, a different (newer) token already held is
   * returned as is, so a burst of 401s for one stale token costs one exchange.
   */
  async refresh(rejectedAccessToken?: string): Promise<SalesforceToken> {
    if (rejectedAccessToken !== undefined) {
      const current = this.#inFlight
        ? await this.#inFlight.catch(() => undefined)
        : (await this.#read())?.token;
      if (current && current.accessToken !== rejectedAccessToken) return current;
    }
    if (!this.#inFlight)
      this.emit('refresh', { reason: rejectedAccessToken ? 'rejected' : 'forced' });
    // A forced refresh replaces whatever is held now: a shared store must not hand it back.
    const replacing = rejectedAccessToken ?? (await this.#read())?.token.accessToken;
    return this.#exchangeShared(replacing);
  }

  /*
   * Single flight: at most one exchange per strategy at a time. The first caller starts it and
   * every caller that arrives while it runs (getToken or refresh) awaits the same promise, which is
   * cleared in `finally` so a failure is reported to that burst and the next call tries afresh.
   * A store with exchangeOnce (Redis) extends the same rule across processes.
   */
  #exchangeShared(rejectedAccessToken?: string): Promise<SalesforceToken> {
    this.#inFlight ??= this.#exchange(rejectedAccessToken).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #exchange(rejectedAccessToken: string | undefined): Promise<SalesforceToken> {
    const startedAt = this.#now();
    let exchanged = false;
    const exchange = async (): Promise<StoredToken> => {
      exchanged = true;
      const candidates = this.#audience ? [this.#audience] : audienceCandidates(this.#config);
      return exchangeWithAudiences(candidates, (audience) => this.#exchangeFor(audience));
    };
    try {
      let stored: StoredToken;
      if (this.#store.exchangeOnce) {
        stored = await this.#store.exchangeOnce(this.cacheKey, {
          ...(rejectedAccessToken === undefined ? {} : { rejectedAccessToken }),
          exchange,
        });
      } else {
        stored = await exchange();
        await this.#store.set(this.cacheKey, stored).catch(() => {});
      }
      this.#remember(stored);
      this.emit('token', {
        source: exchanged ? 'exchange' : 'store',
        organizationId: stored.token.organizationId,
        userId: stored.token.userId,
        instanceUrl: stored.token.instanceUrl,
        ...(stored.audience === undefined ? {} : { audience: stored.audience }),
        ...(exchanged ? { exchangeMs: this.#now() - startedAt } : {}),
      });
      return stored.token;
    } catch (error) {
      const failure = SalesforceAuthError.isInstance(error)
        ? error
        : new SalesforceAuthError({ code: 'unknown_error', cause: error });
      if (this.listenerCount('error') > 0) this.emit('error', failure);
      throw failure;
    }
  }

  async #exchangeFor(audience: string): Promise<SalesforceToken> {
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
    const options = this.#options;
    return exchangeAssertion(assertion, {
      loginUrl: this.loginUrl,
      now: this.#now,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.trustedHosts ? { trustedHosts: options.trustedHosts } : {}),
    });
  }

  async #read(): Promise<StoredToken | undefined> {
    // A store that fails to answer is treated as empty: the strategy keeps serving by exchanging.
    const stored = await this.#store.get(this.cacheKey).catch(() => undefined);
    if (stored) this.#remember(stored);
    return stored;
  }

  #remember(stored: StoredToken): void {
    if (stored.audience !== undefined) this.#audience = stored.audience;
  }
}
