import type { ResolvedConfig } from '../config/validate-config.js';
import type { SalesforceToken, StoredToken } from '../types.js';
import { checkStoredToken } from './check-stored-token.js';
import type { LoginPolicy } from './login-policy.js';
import type { SharedFlight } from './shared-flight.js';
import type { JwtBearerEvents } from './strategy-events.js';

/**
 * The token a strategy holds in this process: the stored value, the promise every warm caller
 * gets, the monotonic instant it ages out (`maxTokenAgeMs`), the audience Salesforce accepted, the
 * user it was issued to, and the exchange that replaces it while one runs. Internal to the strategy.
 */
export class HeldToken {
  stored: StoredToken | undefined;
  token: Promise<SalesforceToken> | undefined;
  until = 0; // monotonic: when the held token ages out (maxTokenAgeMs)
  /** The audience Salesforce accepted, once known (after discovery or from the store). */
  audience: string | undefined;
  /** The user of the last exchange: a stored token for another user is refused. */
  userId: string | undefined;
  /** The exchange running now, shared by every caller: set only while one runs. */
  flight: SharedFlight<StoredToken> | undefined;

  /** Holds `stored` until the monotonic instant `until`. */
  set(stored: StoredToken, until: number): void {
    this.stored = stored;
    this.token = Promise.resolve(stored.token);
    this.until = until;
  }

  /** Drops the held token. */
  clear(): void {
    this.stored = undefined;
    this.token = undefined;
    this.until = 0;
  }

  /**
   * Holds a token from an exchange or the store; a new session is told to the login policy.
   * Returns the `token` event to emit, or undefined when `stored` is already held.
   */
  take(
    stored: StoredToken,
    source: 'exchange' | 'store',
    policy: LoginPolicy,
    config: ResolvedConfig,
    exchangeMs?: number,
  ): JwtBearerEvents['token'][0] | undefined {
    if (stored.audience !== undefined) this.audience = stored.audience;
    if (source === 'exchange') this.userId = stored.token.userId;
    if (this.stored === stored) return undefined;
    let until = this.until;
    if (this.stored?.token.accessToken !== stored.token.accessToken) {
      policy.received(stored.suspectStreak);
      until = config.monotonicNow() + remainingMs(stored, config);
    }
    this.set(stored, until);
    return {
      source,
      organizationId: stored.token.organizationId,
      userId: stored.token.userId,
      instanceUrl: stored.token.instanceUrl,
      ...(stored.audience === undefined ? {} : { audience: stored.audience }),
      ...(source === 'exchange' && exchangeMs !== undefined ? { exchangeMs } : {}),
    };
  }
}

/** What a stored value is checked against: the strategy's key, login URL and held token. */
export interface StoredTokenContext {
  readonly config: ResolvedConfig;
  readonly cacheKey: string;
  readonly held: HeldToken;
}

/** The stored value if it is a well-formed token for this key and user, else undefined. */
export function checkStored(value: unknown, context: StoredTokenContext): StoredToken | undefined {
  const { config, cacheKey, held } = context;
  const userId = held.userId;
  return checkStoredToken(value, {
    cacheKey,
    loginUrl: config.loginUrl,
    ...(config.trustedHosts ? { trustedHosts: config.trustedHosts } : {}),
    ...(userId === undefined ? {} : { userId }),
  });
}

/**
 * A stored value this strategy may serve: well formed, not aged out, not the token being
 * replaced, and not the held token once it aged out by this process's clock.
 */
export function acceptStored(
  value: unknown,
  replacing: string | undefined,
  context: StoredTokenContext,
): StoredToken | undefined {
  const stored = checkStored(value, context);
  if (!stored || remainingMs(stored, context.config) <= 0) return undefined;
  const { accessToken } = stored.token;
  // The held token aged out by this process's clock stays out, whatever a store says of it.
  const { held } = context;
  if (accessToken === held.stored?.token.accessToken && context.config.monotonicNow() >= held.until)
    return undefined;
  return replacing !== undefined && accessToken === replacing ? undefined : stored;
}

/**
 * How much longer a token may be served: what the store says is left (its TTL), else, from a
 * store that cannot tell, the age by the wall clock (never less than 0).
 */
export function remainingMs(stored: StoredToken, config: ResolvedConfig): number {
  const maxAge = config.maxTokenAgeMs;
  if (maxAge === undefined) return Number.POSITIVE_INFINITY;
  if (stored.expiresInMs !== undefined) return Math.min(stored.expiresInMs, maxAge);
  return maxAge - Math.max(0, config.now() - stored.token.issuedAt);
}
