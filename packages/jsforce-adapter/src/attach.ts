import type { AuthStrategy, JwtBearerConfig } from '@sf-jwt/core';
import { withoutUndefined } from '@sf-jwt/core/internal';
import type { Connection } from 'jsforce';
import { DEFAULT_API_VERSION } from './create-connection.js';
import { type AuthenticatedConnection, establishSession, loginUrlOf } from './establish-session.js';
import { healConnection } from './heal-connection.js';
import type { RefreshGuardOptions } from './refresh-guard.js';
import { resolveStrategy, type SharingOptions } from './resolve-strategy.js';

/**
 * Options for {@link attach}: the loop guard's, and `shared`.
 * @example
 * ```ts
 * const options: AttachOptions = { shared: false, refreshCooldownMs: 60_000 };
 * await attach(conn, config, options);
 * ```
 */
export type AttachOptions = RefreshGuardOptions & SharingOptions;

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
 * const conn = new jsforce.Connection({ version: '62.0' });
 * await attach(conn, strategy);
 * await conn.query('SELECT Id FROM Account');
 * ```
 */
export async function attach<C extends Connection>(
  conn: C,
  strategyOrConfig: AuthStrategy | JwtBearerConfig,
  options: AttachOptions = {},
): Promise<AuthenticatedConnection<C>> {
  const { shared, ...guardOptions } = withoutUndefined(options);
  const strategy = resolveStrategy(strategyOrConfig, shared);
  const token = await strategy.getToken();
  conn.instanceUrl = token.instanceUrl;
  conn.accessToken = token.accessToken;
  if (!conn.version || conn.version === '50.0') conn.version = DEFAULT_API_VERSION;
  healConnection(conn, { ...guardOptions, strategy, loginUrl: loginUrlOf(strategy, token) });
  return establishSession(conn, token);
}
