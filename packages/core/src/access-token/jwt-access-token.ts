/** What sf-jwt reads from a JWT-based access token. Nothing in it is verified: scheduling only. */
export interface JwtAccessTokenClaims {
  /** `exp − iat` (or `exp − nbf`): how long Salesforce lets the token live, in ms. */
  readonly lifetimeMs: number | undefined;
  /** The org id from the header's tenant key (`tnk`, `core/prod/00D…`), when it has one. */
  readonly organizationId: string | undefined;
}

// A JWT-based access token's lifetime comes from the app's policy; longer than a day is not one
// Salesforce issues, and a value past it is treated as unknown rather than trusted.
const MAX_LIFETIME_MS = 24 * 3_600_000;
const ORG_ID = /(00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)$/;

function segment(part: string | undefined): Record<string, unknown> | undefined {
  if (!part || part.length > 16_384) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether an access token is a JWT-based access token (three base64url segments, a JSON header
 * naming an algorithm) rather than an opaque session id (`00D…!…`). REST APIs take both; SOAP,
 * Metadata and Bulk API 1.0 take a JWT-based one only from API v68.0.
 *
 * @example
 * ```ts
 * if (isJwtAccessToken(token.accessToken)) console.info('JWT-based access token');
 * ```
 */
export function isJwtAccessToken(accessToken: string): boolean {
  const parts = accessToken.split('.');
  return parts.length === 3 && typeof segment(parts[0])?.alg === 'string';
}

/**
 * Reads the lifetime and tenant of a JWT-based access token without verifying it; `undefined`
 * for an opaque session id. The lifetime is a duration on Salesforce's clock (`exp − iat`), so a
 * skewed clock on either side does not move it.
 */
export function readJwtAccessToken(accessToken: string): JwtAccessTokenClaims | undefined {
  const parts = accessToken.split('.');
  if (parts.length !== 3) return undefined;
  const header = segment(parts[0]);
  if (typeof header?.alg !== 'string') return undefined;
  const payload = segment(parts[1]);
  const { exp } = payload ?? {};
  const start = typeof payload?.iat === 'number' ? payload.iat : payload?.nbf;
  const lifetimeMs =
    typeof exp === 'number' && typeof start === 'number' ? (exp - start) * 1000 : Number.NaN;
  const tenant = typeof header.tnk === 'string' ? ORG_ID.exec(header.tnk)?.[1] : undefined;
  return {
    lifetimeMs: lifetimeMs > 0 && lifetimeMs <= MAX_LIFETIME_MS ? lifetimeMs : undefined,
    organizationId: tenant,
  };
}
