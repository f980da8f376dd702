import type { AuthStrategy, JwtBearerConfig } from '@sf-jwt/core';
import { withoutUndefined } from '@sf-jwt/core/internal';
import { Connection, type ConnectionConfig } from 'jsforce';
import { type AuthenticatedConnection, establishSession, loginUrlOf } from './establish-session.js';
import { healConnection } from './heal-connection.js';
import type { RefreshGuardOptions } from './refresh-guard.js';
import { resolveStrategy, type SharingOptions } from './resolve-strategy.js';

/**
 * The API version used when none is given (jsforce's own default is far older).
 * @example
 * ```ts
 * const conn = await createConnection(strategy, { version: DEFAULT_API_VERSION });
 * ```
 */
export const DEFAULT_API_VERSION = '62.0';

/**
 * Options for {@link createConnection}: any jsforce ConnectionConfig, plus the loop guard's and
 * `shared`. An option set to `undefined` is ignored (`version: process.env.SF_API_VERSION`
 * keeps the default when the variable is unset).
 * @example
 * ```ts
 * const options: CreateConnectionOptions = { version: process.env.SF_API_VERSION, maxRequest: 20 };
 * ```
 */
export type CreateConnectionOptions = Omit<
  ConnectionConfig,
  'accessToken' | 'instanceUrl' | 'refreshFn' | 'oauth2' | 'refreshToken' | 'loginUrl'
> &
  RefreshGuardOptions &
  SharingOptions;

/**
 * A ready jsforce `Connection`, authenticated through the JWT Bearer flow, that refreshes itself
 * when Salesforce answers `INVALID_SESSION_ID` (once per burst, never in a loop). It holds what
 * `conn.login()` would have set (`userInfo`, `loginUrl`); `logout()` revokes the token, and
 * `login()` fails with `login_not_supported`.
 *
 * @param strategyOrConfig - A core {@link AuthStrategy}, or a JwtBearerStrategy config: every
 *   call with an equivalent config shares one strategy and its token (see `shared`).
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
): Promise<AuthenticatedConnection> {
  const { refreshCooldownMs, now, shared, ...connectionOptions } = withoutUndefined(options);
  const strategy = resolveStrategy(strategyOrConfig, shared);
  const token = await strategy.getToken();
  const loginUrl = loginUrlOf(strategy, token);
  const conn = new Connection({
    version: DEFAULT_API_VERSION,
    ...connectionOptions,
    loginUrl,
    instanceUrl: token.instanceUrl,
    accessToken: token.accessToken,
  });
  healConnection(conn, {
    strategy,
    loginUrl,
    ...(refreshCooldownMs === undefined ? {} : { refreshCooldownMs }),
    ...(now ? { now } : {}),
  });
  return establishSession(conn, token);
}
