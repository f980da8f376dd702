import { randomBytes } from 'node:crypto';
import type { StoredLoginFailure, StoredToken } from '../types.js';

/** A fresh key per test, with the characters real cache keys carry (a URL, colons, an `@`). */
export function contractKey(label: string): string {
  return `sf-jwt:https://login.example.com:3MVG9-contract:${label}-${randomBytes(6).toString('hex')}@example.com`;
}

/**
 * A value with every optional field, non-ASCII text and a JWT-sized access token: a store must
 * hand it back exactly as given.
 */
export function contractToken(
  accessToken = `00Dxx!${randomBytes(600).toString('base64url')}`,
): StoredToken {
  return {
    token: {
      accessToken,
      instanceUrl: 'https://acme-ü.my.salesforce.com',
      id: 'https://login.example.com/id/00D000000000001AAA/005000000000001AAA',
      organizationId: '00D000000000001AAA',
      userId: '005000000000001AAA',
      scope: 'api refresh_token',
      tokenType: 'Bearer',
      issuedAt: 1_767_225_600_123,
      siteUrl: 'https://acme.example.com/s',
      siteId: '0DM000000000001',
    },
    audience: 'https://login.example.com',
    cacheKey: 'sf-jwt:https://login.example.com:3MVG9-contract:user@example.com',
    suspectStreak: 1,
  };
}

/** A failure whose window lasts `windowMs` (the store keeps it that long, not longer). */
export function contractFailure(windowMs: number): StoredLoginFailure {
  return {
    code: 'user_not_approved',
    error: 'invalid_grant',
    errorDescription: 'user hasn’t approved this consumer',
    status: 400,
    windowMs,
    streak: 2,
  };
}

/**
 * A failure as read back, minus `remainingMs`: a store may report what remains of the window by
 * its own clock, which must lie within the window; every other field comes back untouched.
 */
export function withoutRemaining(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('remainingMs' in value)) return value;
  const { remainingMs, ...rest } = value as StoredLoginFailure;
  const windowMs = (rest as StoredLoginFailure).windowMs;
  if (typeof remainingMs !== 'number' || remainingMs < 0 || remainingMs > windowMs) {
    throw new Error(`remainingMs ${String(remainingMs)} is outside the window of ${windowMs} ms`);
  }
  return rest;
}
