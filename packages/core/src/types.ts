/**
 * The contracts every @sf-jwt package depends on. The adapter, the middleware and the stores
 * see the flow only through these types, so other strategies can be plugged in later.
 */

import type { SalesforceAuthErrorCode } from './errors/error-codes.js';

/** A token returned by the Salesforce token endpoint, in camelCase, with the ids parsed out. */
export interface SalesforceToken {
  /**
   * The access token (`access_token`): a session id (`00D…!…`), or a JWT-based access token when
   * the app is set to issue them (see `isJwtAccessToken`). Secret: never log it.
   */
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
  /**
   * For a JWT-based access token: `issuedAt` plus the token's lifetime (`exp − iat`, a duration
   * on Salesforce's clock, so clock skew does not move it). Read, not verified: used only to
   * schedule a refresh before expiry, never to refuse or trust a token. Absent for session ids,
   * whose lifetime depends on use.
   */
  readonly expiresAt?: number;
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
  getToken(options?: TokenRequestOptions): Promise<SalesforceToken>;
  /**
   * A new token, one exchange shared by concurrent callers. When `rejectedAccessToken` is given
   * and the strategy already holds a different token, that token is returned with no exchange.
   */
  refresh(rejectedAccessToken?: string, options?: TokenRequestOptions): Promise<SalesforceToken>;
  /**
   * Optional: a call made with this token succeeded. A strategy that has it (JwtBearerStrategy)
   * applies the login policy itself: a rejected session that served is an ordinary expiry.
   */
  succeeded?(accessToken: string): void;
}

/**
 * Per-call options of {@link AuthStrategy.getToken} and {@link AuthStrategy.refresh}.
 *
 * @example
 * ```ts
 * const token = await strategy.getToken({ signal: AbortSignal.timeout(2000) });
 * ```
 */
export interface TokenRequestOptions {
  /**
   * Cancels this call: it rejects with `aborted` at once. The exchange itself is cancelled only
   * when no other caller is waiting for it.
   */
  readonly signal?: AbortSignal;
}

/** What a {@link TokenStore} keeps under a key. */
export interface StoredToken {
  readonly token: SalesforceToken;
  /** The audience that worked for this app (remembered after audience discovery). */
  readonly audience?: string;
  /** The strategy cache key it was written for; a value under another key is refused. */
  readonly cacheKey?: string;
  /**
   * How many sessions in a row were rejected before any successful call, ending with the one
   * this token replaced (absent: none). A count, never a time, so no clock crosses processes.
   */
  readonly suspectStreak?: number;
  /**
   * How much longer (ms) this token may be served under `maxTokenAgeMs`: written by the strategy,
   * kept by a store as the value's TTL, and, when read back, what remains of it by the store's
   * own clock. Absent: no age limit, or a store that cannot tell.
   */
  readonly expiresInMs?: number;
}

/**
 * A login failure that another try cannot fix (an unapproved user, a wrong certificate), shared
 * through a {@link TokenStore} so the other processes of a fleet do not repeat it. It holds the
 * error's code and the OAuth fields, never a token or an assertion.
 */
export interface StoredLoginFailure {
  readonly code: SalesforceAuthErrorCode;
  readonly error?: string;
  readonly errorDescription?: string;
  readonly status?: number;
  /** How long (ms) no process logs in again for this key: a store keeps it as the TTL. */
  readonly windowMs: number;
  /** When read back, what remains of the window (ms) by the store's own clock, if it can tell. */
  readonly remainingMs?: number;
  /** How many windows in a row failed (the next window doubles). */
  readonly streak: number;
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
  /**
   * Checks a value found in the store: returns it as a usable token, or undefined when it must be
   * replaced (wrong shape, another user's, too old, or the rejected token). Stores that support it
   * call it on every value they read before returning it.
   */
  readonly accept?: (value: unknown) => StoredToken | undefined;
}

/**
 * A second tier for a strategy's token (it always holds one in memory); a shared store (Redis)
 * lets a fleet of processes use one token.
 *
 * @example
 * ```ts
 * const store: TokenStore = new MemoryTokenStore();
 * await store.set('key', { token });
 * ```
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>;
  set(key: string, value: StoredToken): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Optional distributed single flight: run `options.exchange` in at most one process for `key`
   * while the others wait for and return its result. Stores without it get in-process single
   * flight only.
   */
  exchangeOnce?(key: string, options: ExchangeOnceOptions): Promise<StoredToken>;
  /**
   * Optional: the login failure remembered for `key` by any process, or undefined. The strategy
   * checks the value's shape; a store may return anything it read.
   */
  getLoginFailure?(key: string): Promise<unknown>;
  /**
   * Optional: remembers a login failure for `key` for `failure.windowMs` (then it is gone), or
   * forgets it when given undefined (after a success, or `clearLoginFailure()`).
   */
  setLoginFailure?(key: string, failure: StoredLoginFailure | undefined): Promise<void>;
}
