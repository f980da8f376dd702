import { JwtBearerStrategy } from '@sf-jwt/core';
import type { ConnectionFlags } from '../options.js';
import { toConfig } from '../options.js';
import { type Output, reportError } from '../output.js';

/**
 * Prints an access token and instance URL for the configured user: the job of
 * `sf org login jwt`, for scripts.
 *
 * @example
 * ```ts
 * await token({ clientId, username, keyFile: './server.key' }, output, process.env);
 * ```
 */
export async function token(
  flags: ConnectionFlags,
  output: Output,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  try {
    const strategy = new JwtBearerStrategy(toConfig(flags, env));
    output.err(`Exchanging a signed assertion at ${strategy.loginUrl} ...`);
    const result = await strategy.getToken();
    if (output.json) {
      output.out(
        JSON.stringify({
          ok: true,
          accessToken: result.accessToken,
          instanceUrl: result.instanceUrl,
          id: result.id,
          organizationId: result.organizationId,
          userId: result.userId,
          ...(strategy.audience ? { audience: strategy.audience } : {}),
        }),
      );
    } else {
      output.out(`access_token: ${result.accessToken}`);
      output.out(`instance_url: ${result.instanceUrl}`);
    }
    return 0;
  } catch (error) {
    reportError(output, error);
    return 1;
  }
}
