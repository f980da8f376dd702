import { type KeyObject, X509Certificate } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { EmulatorApp, NormalisedSetup } from '../org/setup.js';
import type { OAuthErrorName } from './oauth-errors.js';

/** Salesforce tolerates about three minutes of clock skew. */
const CLOCK_SKEW_SECONDS = 180;

export type AssertionCheck =
  | { ok: true; app: EmulatorApp; claims: jwt.JwtPayload }
  | { ok: false; error: OAuthErrorName };

/** Decodes the assertion, finds its app by `iss`, checks `alg`, signature and `exp`. */
export function verifyAssertion(
  setup: NormalisedSetup,
  assertion: string,
  nowMs: number,
): AssertionCheck {
  const decoded = jwt.decode(assertion, { complete: true });
  if (!decoded || typeof decoded.payload !== 'object' || decoded.header.alg !== 'RS256') {
    return { ok: false, error: 'invalidAssertion' };
  }
  const claims = decoded.payload;
  const app = typeof claims.iss === 'string' ? setup.apps.get(claims.iss) : undefined;
  if (!app) return { ok: false, error: 'invalidClientId' };
  try {
    jwt.verify(assertion, publicKeyOf(app), { algorithms: ['RS256'], ignoreExpiration: true });
  } catch {
    return { ok: false, error: 'invalidAssertion' };
  }
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) {
    return { ok: false, error: 'invalidAssertion' };
  }
  if (claims.exp + CLOCK_SKEW_SECONDS < nowMs / 1000) return { ok: false, error: 'expired' };
  return { ok: true, app, claims };
}

const publicKeys = new WeakMap<EmulatorApp, KeyObject>();

function publicKeyOf(app: EmulatorApp): KeyObject {
  let key = publicKeys.get(app);
  if (!key) {
    key = new X509Certificate(app.certificate).publicKey;
    publicKeys.set(app, key);
  }
  return key;
}
