import type { ResolvedConfig } from '../config/validate-config.js';
import type { SalesforceToken, StoredToken } from '../types.js';
import { checkStoredToken } from './check-stored-token.js';

/**
 * The token a strategy holds in this process: the stored value, the promise every warm caller
 * gets, and the monotonic instant it ages out (`maxTokenAgeMs`). Internal to the strategy.
 */
export class HeldToken {
  stored: StoredToken | undefined;
  token: Promise<SalesforceToken> | undefined;
  until = 0; // monotonic: when the held token ages out (maxTokenAgeMs)

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
}

/** What a stored value is checked against: the strategy's key, login URL and known user. */
export interface StoredTokenContext {
  readonly config: ResolvedConfig;
  readonly cacheKey: string;
  readonly userId: string | undefined;
}

/** The stored value if it is a well-formed token for this key and user, else undefined. */
export function checkStored(value: unknown, context: StoredTokenContext): StoredToken | undefined {
  const { config, cacheKey, userId } = context;
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
  held: HeldToken,
): StoredToken | undefined {
  const stored = checkStored(value, context);
  if (!stored || remainingMs(stored, context.config) <= 0) return undefined;
  const { accessToken } = stored.token;
  // The held token aged out by this process's clock stays out, whatever a store says of it.
  const heldToken = held.stored?.token.accessToken;
  if (accessToken === heldToken && context.config.monotonicNow() >= held.until) return undefined;
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
