import { isLoopbackHost } from '../audience/login-hosts.js';
import { identityIds } from '../exchange/identity-url.js';
import { isTrustedSalesforceUrl } from '../exchange/trusted-hosts.js';
import type { StoredToken } from '../types.js';

/** What a stored value must match to be used for this strategy. */
export interface StoredTokenExpectation {
  /** The strategy's cache key: a value written for another user is refused. */
  readonly cacheKey: string;
  readonly loginUrl: string;
  readonly trustedHosts?: readonly string[];
  /** The user id this strategy has seen Salesforce issue, once known. */
  readonly userId?: string;
}

const MAX_TEXT = 4096;
// A JWT-based access token runs to thousands of characters; bounded all the same.
const MAX_ACCESS_TOKEN = 16_384;

const isText = (value: unknown): value is string =>
  typeof value === 'string' && value !== '' && value.length <= MAX_TEXT;
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * A stored value is untrusted input (anyone who can write the store could plant one): it is used
 * only when it has a token's exact shape, was written for this cache key (so for this user),
 * matches the user id already seen, and points only at trusted Salesforce hosts. Anything else is
 * `undefined`, which the strategy replaces with one exchange.
 */
export function checkStoredToken(
  value: unknown,
  expected: StoredTokenExpectation,
): StoredToken | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const stored = value as Record<string, unknown>;
  if (stored.cacheKey !== expected.cacheKey) return undefined;
  if (stored.audience !== undefined && !isText(stored.audience)) return undefined;
  const { suspectStreak, expiresInMs } = stored;
  if (suspectStreak !== undefined && !(Number.isInteger(suspectStreak) && isTime(suspectStreak))) {
    return undefined;
  }
  if (expiresInMs !== undefined && !isTime(expiresInMs)) return undefined;
  const token = stored.token as Record<string, unknown> | null;
  if (typeof token !== 'object' || token === null || Array.isArray(token)) return undefined;
  const { accessToken, instanceUrl, id, organizationId, userId, tokenType, issuedAt } = token;
  if (![instanceUrl, id, organizationId, userId].every(isText)) return undefined;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (accessToken.length > MAX_ACCESS_TOKEN) return undefined;
  if (!isTime(issuedAt)) return undefined;
  if (token.expiresAt !== undefined && !isTime(token.expiresAt)) return undefined;
  const identity = identityIds(id as string);
  if (!identity || identity.organizationId !== organizationId || identity.userId !== userId) {
    return undefined;
  }
  if (expected.userId !== undefined && userId !== expected.userId) return undefined;
  const allowLoopback = isLoopbackHost(new URL(expected.loginUrl).hostname);
  for (const url of [instanceUrl as string, id as string]) {
    if (!isTrustedSalesforceUrl(url, expected.trustedHosts, allowLoopback)) return undefined;
  }
  if (typeof tokenType !== 'string' || tokenType.length > MAX_TEXT) return undefined;
  for (const optional of ['scope', 'siteUrl', 'siteId'] as const) {
    const field = token[optional];
    if (field !== undefined && (typeof field !== 'string' || field.length > MAX_TEXT)) {
      return undefined;
    }
  }
  return value as unknown as StoredToken;
}
