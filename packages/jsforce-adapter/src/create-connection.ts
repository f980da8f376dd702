import { type AuthStrategy, type JwtBearerConfig, toAuthStrategy } from '@sf-jwt/core';
import { Connection, type ConnectionConfig } from 'jsforce';
import { createHealing } from './install-healing.js';
import type { RefreshGuardOptions } from './refresh-guard.js';

/**
 * The API version used when none is given (jsforce's own default is far older).
 * @example
 * ```ts
 * const conn = await createConnection(strategy, { version: DEFAULT_API_VERSION });
 * ```
 */
export const DEFAULT_API_VERSION = '62.0';

/** Options for {@link createConnection}: any jsforce ConnectionConfig, plus the loop guard's. */
export type CreateConnectionOptions = Omit<
  ConnectionConfig,
  'accessToken' | 'instanceUrl' | 'refreshFn' | 'oauth2' | 'refreshToken' | 'loginUrl'
> &
  RefreshGuardOptions;

/**
 * A ready jsforce `Connection`, authenticated through the JWT Bearer flow, that refreshes itself
 * when Salesforce answers `INVALID_SESSION_ID` (once per burst, never in a loop).
 *
 * @param strategyOrConfig - A core {@link AuthStrategy} (share one across connections) or a
 *   JwtBearerStrategy config.
 * @param options - Passed through to jsforce's Connection (e.g. `version`, `maxRequest`, `logLevel`).
 * @example
 * ```ts
 * // before: const conn = new jsforce.Connection({ loginUrl }); await conn.login(user, password);
 * const conn = await createConnection({
 *   clientId: process.env.SF_CLIENT_ID!,
 *   username: 'integration@acme.com',
 *   privateKeyFile: './server.key',
 * });
 * const { records } = await conn.query('SELECT Id, Name FROM Account');
 * ```
 */
export async function createConnection(
  strategyOrConfig: AuthStrategy | JwtBearerConfig,
  options: CreateConnectionOptions = {},
): Promise<Connection> {
  const strategy = toAuthStrategy(strategyOrConfig);
  const { refreshCooldownMs, now, ...connectionOptions } = options;
  const token = await strategy.getToken();
  const { refreshFn, hook } = createHealing(strategy, {
    ...(refreshCooldownMs === undefined ? {} : { refreshCooldownMs }),
    ...(now ? { now } : {}),
  });
  const conn = new Connection({
    version: DEFAULT_API_VERSION,
    ...connectionOptions,
    instanceUrl: token.instanceUrl,
    accessToken: token.accessToken,
    refreshFn,
  });
  hook(conn);
  return conn;
}
