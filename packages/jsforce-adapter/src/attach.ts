import type { AuthStrategy, JwtBearerConfig } from '@sf-jwt/core';
import { withoutUndefined } from '@sf-jwt/core/internal';
import type { Connection } from 'jsforce';
import { type AuthenticatedConnection, establishSession, loginUrlOf } from './establish-session.js';
import { healConnection } from './heal-connection.js';
import type { RefreshGuardOptions } from './refresh-guard.js';
import { resolveStrategy, type SharingOptions } from './resolve-strategy.js';

/**
 * Options for {@link attach}: the API version, the loop guard's options, and `shared`.
 * @example
 * ```ts
 * const options: AttachOptions = { shared: false, refreshCooldownMs: 60_000, version: '63.0' };
 * await attach(conn, config, options);
 * ```
 */
export type AttachOptions = RefreshGuardOptions &
  SharingOptions & {
    /**
     * The API version to set on the connection. `attach` never changes a connection's version by
     * itself: jsforce gives a `Connection` built without `version` its own old default (`'50.0'`),
     * which cannot be told apart from an explicit `'50.0'`, so set it here or on the Connection.
     * `undefined` is ignored.
     * @defaultValue the connection's own `version`
     */
    version?: string | undefined;
  };

/**
 * Authenticates a jsforce `Connection` the application already built and gives it the same
 * self-healing refresh as {@link createConnection}, for codebases that build connections in
 * one place and pass them around, or export a connection before logging it in (CommonJS).
 * Like `conn.login()`, it sets `userInfo` and `loginUrl`; `logout()` revokes the token, and a
 * leftover `login()` fails with `login_not_supported`.
 *
 * @returns The same connection, authenticated.
 * @example
 * ```ts
 * const conn = new jsforce.Connection({ version: DEFAULT_API_VERSION }); // kept as given
 * await attach(conn, strategy);
 * await conn.query('SELECT Id FROM Account');
 * ```
 */
export async function attach<C extends Connection>(
  conn: C,
  strategyOrConfig: AuthStrategy | JwtBearerConfig,
  options: AttachOptions = {},
): Promise<AuthenticatedConnection<C>> {
  const { shared, version, ...guardOptions } = withoutUndefined(options);
  const strategy = resolveStrategy(strategyOrConfig, shared);
  const token = await strategy.getToken();
  conn.instanceUrl = token.instanceUrl;
  conn.accessToken = token.accessToken;
  if (version) conn.version = version;
  healConnection(conn, { ...guardOptions, strategy, loginUrl: loginUrlOf(strategy, token) });
  return establishSession(conn, token);
}
