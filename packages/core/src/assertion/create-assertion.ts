import { audienceCandidates } from '../audience/audience-candidates.js';
import type { JwtBearerConfig } from '../config/jwt-bearer-config.js';
import { validateConfig } from '../config/validate-config.js';
import { signAssertion } from './sign-assertion.js';

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
  return signAssertion(resolved, resolved.username, audience!, resolved.now());
}
