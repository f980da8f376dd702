import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { EmulatorApp, NormalisedUser } from '../org/setup.js';

/** SOAP (Partner, Metadata) and Bulk API 1.0 accept JWT-based access tokens from this version. */
export const JWT_TOKEN_SOAP_MIN_VERSION = 68;

/** Lifetime of a JWT-based access token when the app's policy does not set one. */
export const DEFAULT_JWT_TOKEN_LIFETIME_SECONDS = 1800;

/** What a JWT-based access token is issued from. */
export interface JwtTokenGrant {
  app: EmulatorApp;
  user: NormalisedUser;
  /** Where the token request was sent (the token's `iss`). */
  issuer: string;
  /** The instance URL handed out with the token (its `aud`). */
  instanceUrl: string;
  nowMs: number;
}

/**
 * The org's token-signing key: a 2048-bit RSA key made on first use, published as a JWK set at
 * `GET /id/keys` (like Salesforce's), so a client can check a token's signature by its `kid`.
 */
export class TokenSigner {
  #key: { privateKey: KeyObject; publicKey: KeyObject; kid: string } | undefined;

  #keys() {
    this.#key ??= {
      ...generateKeyPairSync('rsa', { modulusLength: 2048 }),
      kid: randomBytes(8).toString('hex'),
    };
    return this.#key;
  }

  /** The JWK set publishing the signing key's public half. */
  jwks(): { keys: Array<Record<string, unknown>> } {
    const { publicKey, kid } = this.#keys();
    return { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] };
  }

  /**
   * A JWT-based access token as Salesforce documents it: RS256, header `alg`, `typ`, `kid`,
   * `tty` (`sfdc-core-token`), `tnk` (the tenant key, naming the org) and `ver`; payload `iss`,
   * `sub` (`uid:<userId>`), `aud`, `exp`, `iat`, `nbf`, `jti`, `scp` and `client_id`.
   * @returns The token and its expiry (ms on the emulator's clock).
   */
  sign(grant: JwtTokenGrant): { token: string; expiresAt: number } {
    const { privateKey, kid } = this.#keys();
    const lifetime = grant.app.accessTokenLifetimeSeconds ?? DEFAULT_JWT_TOKEN_LIFETIME_SECONDS;
    const iat = Math.floor(grant.nowMs / 1000);
    const payload = {
      iss: grant.issuer,
      sub: `uid:${grant.user.userId}`,
      aud: grant.instanceUrl,
      iat,
      nbf: iat,
      exp: iat + lifetime,
      jti: randomBytes(12).toString('base64url'),
      scp: 'api',
      client_id: grant.app.consumerKey,
      mty: 'oauth',
    };
    const header = {
      alg: 'RS256' as const,
      typ: 'JWT',
      kid,
      tty: 'sfdc-core-token',
      tnk: `core/prod/${grant.user.orgId}`,
      ver: '1.0',
    };
    return {
      token: jwt.sign(payload, privateKey, { algorithm: 'RS256', header }),
      expiresAt: (iat + lifetime) * 1000,
    };
  }
}

/** Whether a request at this API version (`'62.0'`, `'v62.0'`) may carry a JWT-based token on SOAP. */
export function soapTakesJwtTokens(version: string | undefined): boolean {
  return Number.parseFloat((version ?? '').replace(/^v/, '')) >= JWT_TOKEN_SOAP_MIN_VERSION;
}
