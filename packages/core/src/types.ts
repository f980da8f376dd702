/**
 * The contracts every @sf-jwt package depends on. The adapter, the middleware and the stores
 * see the flow only through these types, so other strategies can be plugged in later.
 */

/** A token returned by the Salesforce token endpoint, in camelCase, with the ids parsed out. */
export interface SalesforceToken {
  /** The session id (`access_token`). Secret: never log it. */
  readonly accessToken: string;
  /** Where every API request for this session goes (`instance_url`). */
  readonly instanceUrl: string;
  /** The identity URL (`id`): `<login>/id/<orgId>/<userId>`. */
  readonly id: string;
  /** The 18-character org id, parsed from `id`. */
  readonly organizationId: string;
  /** The 18-character user id, parsed from `id`. */
  readonly userId: string;
  /** The granted scopes, space separated, when Salesforce sends them. */
  readonly scope?: string;
  /** Always `Bearer` for this flow. */
  readonly tokenType: string;
  /** When the token was received, in milliseconds since the epoch (Salesforce sends no expiry). */
  readonly issuedAt: number;
  /** Experience Cloud site URL (`sfdc_site_url`), when the user is a site user. */
  readonly siteUrl?: string;
  /** Experience Cloud site id (`sfdc_site_id`), when the user is a site user. */
  readonly siteId?: string;
}

/**
 * What the adapter and the middleware need from an authentication method.
 *
 * @example
 * ```ts
 * const token = await strategy.getToken();
 * // ... a request answered 401 INVALID_SESSION_ID with token.accessToken:
 * const fresh = await strategy.refresh(token.accessToken);
 * ```
 */
export interface AuthStrategy {
  /** A stable name, e.g. `'jwt-bearer'`. */
  readonly name: string;
  /** The cached token, or one exchange shared by every concurrent caller. */
  getToken(): Promise<SalesforceToken>;
  /**
   * A new token, one exchange shared by concurrent callers. When `rejectedAccessToken` is given
   * and the strategy already holds a different token, that token is returned with no exchange.
   */
  refresh(rejectedAccessToken?: string): Promise<SalesforceToken>;
}

/** What a {@link TokenStore} keeps under a key. */
export interface StoredToken {
  readonly token: SalesforceToken;
  /** The audience that worked for this app (remembered after audience discovery). */
  readonly audience?: string;
}

/** Options for {@link TokenStore.set}. */
export interface TokenStoreSetOptions {
  /** How long the value may be kept, when the strategy knows it. */
  readonly ttlMs?: number;
}

/** Options for {@link TokenStore.exchangeOnce}. */
export interface ExchangeOnceOptions {
  /**
   * The token a caller saw rejected. When the store already holds a different token, the store
   * returns that one and does not call `exchange` (compare-and-invalidate).
   */
  readonly rejectedAccessToken?: string;
  /** Performs the token exchange; the store saves its result under the key. */
  readonly exchange: () => Promise<StoredToken>;
}

/**
 * Where a strategy keeps its token. The default is in memory; a shared store (Redis) lets a
 * fleet of processes use one token.
 *
 * @example
 * ```ts
 * const store: TokenStore = new MemoryTokenStore();
 * await store.set('key', { token });
 * ```
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>;
  set(key: string, value: StoredToken, options?: TokenStoreSetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Optional distributed single flight: run `options.exchange` in at most one process for `key`
   * while the others wait for and return its result. Stores without it get in-process single
   * flight only.
   */
  exchangeOnce?(key: string, options: ExchangeOnceOptions): Promise<StoredToken>;
}
