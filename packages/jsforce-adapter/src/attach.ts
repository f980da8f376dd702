import { type AuthStrategy, type JwtBearerConfig, toAuthStrategy } from '@sf-jwt/core';
import type { Connection } from 'jsforce';
import { SessionRefreshDelegate } from 'jsforce/lib/session-refresh-delegate.js';
import { DEFAULT_API_VERSION } from './create-connection.js';
import { createHealing } from './install-healing.js';
import type { RefreshGuardOptions } from './refresh-guard.js';

/**
 * Authenticates a jsforce `Connection` the application already built and gives it the same
 * self-healing refresh as {@link createConnection}, for codebases that build connections in
 * one place and pass them around.
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
  options: RefreshGuardOptions = {},
): Promise<C> {
  const strategy = toAuthStrategy(strategyOrConfig);
  const token = await strategy.getToken();
  const { refreshFn, hook } = createHealing(strategy, options);
  conn.instanceUrl = token.instanceUrl;
  conn.accessToken = token.accessToken;
  if (!conn.version || conn.version === '50.0') conn.version = DEFAULT_API_VERSION;
  const internals = conn as unknown as { _refreshDelegate?: unknown };
  internals._refreshDelegate = new SessionRefreshDelegate(conn, refreshFn);
  hook(conn);
  return conn;
}
