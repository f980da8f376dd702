import jwt from 'jsonwebtoken';
import { audienceCandidates } from './strategy/audience-candidates.js';
import type { JwtBearerConfig } from './strategy/jwt-bearer-config.js';
import { type ResolvedConfig, validateConfig } from './strategy/validate-config.js';

/** What {@link createAssertion} needs: the identity and key parts of a {@link JwtBearerConfig}. */
export type AssertionConfig = Pick<
  JwtBearerConfig,
  | 'clientId'
  | 'username'
  | 'privateKey'
  | 'privateKeyFile'
  | 'passphrase'
  | 'signer'
  | 'loginUrl'
  | 'sandbox'
  | 'audience'
  | 'lifetimeSeconds'
  | 'now'
>;

// Salesforce accepts RS256 only, and nothing else is needed in the header.
const HEADER = Buffer.from('{"alg":"RS256"}').toString('base64url');

/**
 * Builds and signs a Salesforce JWT Bearer assertion (RS256; `iss`, `sub`, `aud`, `exp`).
 *
 * @example
 * ```ts
 * const assertion = await createAssertion({
 *   clientId: '3MVG9...',
 *   username: 'integration@acme.com',
 *   privateKeyFile: './server.key',
 * });
 * ```
 */
export async function createAssertion(config: AssertionConfig): Promise<string> {
  const resolved = validateConfig(config);
  const [audience] = audienceCandidates(resolved);
  return signAssertion(resolved, audience!, config.now?.() ?? Date.now());
}

/**
 * Signs with an already validated config: the key was parsed once into a KeyObject, so each
 * signature costs one RSA operation plus jsonwebtoken's small bookkeeping (bench/sign.ts).
 * With a `signer` the JWT is assembled here, since jsonwebtoken cannot delegate the RSA step.
 */
export async function signAssertion(
  config: ResolvedConfig,
  audience: string,
  nowMs: number,
): Promise<string> {
  const claims = {
    iss: config.clientId,
    sub: config.username,
    aud: audience,
    exp: Math.floor(nowMs / 1000) + config.lifetimeSeconds,
  };
  if (!config.signer) {
    // `typ: undefined` drops jsonwebtoken's default "typ":"JWT": the header is exactly {"alg":"RS256"}.
    return jwt.sign(claims, config.key!, {
      algorithm: 'RS256',
      header: { alg: 'RS256', typ: undefined },
      noTimestamp: true,
    });
  }
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = await config.signer(new TextEncoder().encode(signingInput));
  return `${signingInput}.${Buffer.from(signature).toString('base64url')}`;
}
