import { sign } from 'node:crypto';
import type { ResolvedConfig } from '../config/validate-config.js';

// Salesforce accepts RS256 only, and nothing else is needed in the header.
const HEADER = Buffer.from('{"alg":"RS256"}').toString('base64url');

/**
 * Signs with an already validated config. The JWT is assembled here and signed in one call:
 * node:crypto's one-shot RS256 (RSASSA-PKCS1-v1_5 with SHA-256), or the `signer` (KMS, HSM).
 * The key was parsed and checked once, when loaded (a private RSA key of 2048 bits or more,
 * load-private-key.ts), so nothing is validated per signature. jsonwebtoken, which signed here
 * before, gives the same bytes (create-assertion.test.ts) but validates its options, payload and
 * key on every call and signs through a stream: in a heal, where this code runs once and cold,
 * that was 1.5 ms against 0.6 ms, most of what sf-jwt's heal cost more than a hand-written
 * jsforce refreshFn (bench/heal-storm.ts, its heal column).
 */
export async function signAssertion(
  config: ResolvedConfig,
  username: string,
  audience: string,
  nowMs: number,
): Promise<string> {
  const claims = {
    iss: config.clientId,
    sub: username,
    aud: audience,
    exp: Math.floor(nowMs / 1000) + config.lifetimeSeconds,
  };
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = config.signer
    ? await config.signer(new TextEncoder().encode(signingInput))
    : sign('sha256', Buffer.from(signingInput), config.keySource!.current());
  return `${signingInput}.${Buffer.from(signature).toString('base64url')}`;
}
