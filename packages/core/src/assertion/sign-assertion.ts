import jwt from 'jsonwebtoken';
import type { ResolvedConfig } from '../config/validate-config.js';

// Salesforce accepts RS256 only, and nothing else is needed in the header.
const HEADER = Buffer.from('{"alg":"RS256"}').toString('base64url');

/**
 * Signs with an already validated config: the key was parsed once into a KeyObject, so each
 * signature costs one RSA operation plus jsonwebtoken's small bookkeeping (bench/sign.ts).
 * With a `signer` the JWT is assembled here, since jsonwebtoken cannot delegate the RSA step.
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
  if (!config.signer) {
    // `typ: undefined` drops jsonwebtoken's default "typ":"JWT": the header is exactly {"alg":"RS256"}.
    return jwt.sign(claims, config.keySource!.current(), {
      algorithm: 'RS256',
      header: { alg: 'RS256', typ: undefined },
      noTimestamp: true,
    });
  }
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = await config.signer(new TextEncoder().encode(signingInput));
  return `${signingInput}.${Buffer.from(signature).toString('base64url')}`;
}
