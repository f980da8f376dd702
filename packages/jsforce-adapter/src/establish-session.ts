import {
  type AuthStrategy,
  forgetSharedToken,
  SalesforceAuthError,
  type SalesforceToken,
} from '@sf-jwt/core';
import type { Connection, UserInfo } from 'jsforce';
import { healingOf } from './heal-connection.js';
import { printSafely } from './print-safely.js';
import { revokeToken } from './revoke-token.js';
import { userInfoOf } from './user-info-of.js';

/**
 * A jsforce Connection authenticated by sf-jwt: `userInfo` is always set, as after
 * `conn.login()`.
 *
 * @example
 * ```ts
 * const conn: AuthenticatedConnection = await createConnection(config);
 * console.log(conn.userInfo.id, conn.userInfo.organizationId);
 * ```
 */
export type AuthenticatedConnection<C extends Connection = Connection> = C & {
  userInfo: UserInfo;
};

// The parts of jsforce's Connection that logout() resets, as jsforce's own logout does.
interface SessionInternals {
  _refreshDelegate?: unknown;
  _clearSession(): void;
  _resetInstance(): void;
}

/**
 * Sets what `conn.login()` would have set (`userInfo`, `loginUrl`, `oauth2`'s URLs, from the
 * healing's login URL), makes `logout()` revoke the token there and drop it from the strategy's
 * cache, makes `login()` fail with `login_not_supported`, and makes the connection print and
 * serialise without its token (see `printSafely`). The methods set here are shared by
 * every connection (they find the strategy through the connection's healing).
 */
export function establishSession<C extends Connection>(
  conn: C,
  token: SalesforceToken,
): AuthenticatedConnection<C> {
  const { loginUrl } = healingOf(conn)!;
  conn.userInfo = userInfoOf(token);
  if (conn.loginUrl !== loginUrl) conn.loginUrl = loginUrl;
  if (conn.oauth2.loginUrl !== loginUrl) {
    const base = loginUrl.replace(/\/+$/, '');
    Object.assign(conn.oauth2, {
      loginUrl,
      authzServiceUrl: `${base}/services/oauth2/authorize`,
      tokenServiceUrl: `${base}/services/oauth2/token`,
      revokeServiceUrl: `${base}/services/oauth2/revoke`,
    });
  }
  conn.logout = logout;
  conn.logoutByOAuth2 = logout;
  conn.logoutBySoap = logout;
  conn.login = refuseLogin;
  conn.loginByOAuth2 = refuseLoginByOAuth2;
  conn.loginBySoap = refuseLoginBySoap;
  // Every entry point (createConnection, attach, the pool, req.sf, request.sf, Nest) comes here.
  printSafely(conn);
  return conn as AuthenticatedConnection<C>;
}

/** The login URL for a strategy: its own, or the identity URL's host (a custom strategy). */
export function loginUrlOf(strategy: AuthStrategy, token: SalesforceToken): string {
  const own = (strategy as { loginUrl?: unknown }).loginUrl;
  if (typeof own === 'string' && own !== '') return own;
  // The identity URL is on the login host: https://login.salesforce.com/id/<org>/<user>.
  return new URL(token.id).origin;
}

/** The strategy's configured fetch (a JwtBearerStrategy's `fetch`), or the global one. */
function fetchOf(strategy: AuthStrategy): typeof fetch | undefined {
  const own = (strategy as { fetch?: unknown }).fetch;
  return typeof own === 'function' ? (own as typeof fetch) : undefined;
}

async function logout(this: Connection): Promise<void> {
  const { strategy, loginUrl } = healingOf(this)!;
  const accessToken = this.accessToken;
  if (accessToken) {
    await revokeToken(loginUrl, accessToken, fetchOf(strategy));
    await forgetSharedToken(strategy, accessToken);
  }
  const internals = this as unknown as SessionInternals;
  internals._refreshDelegate = undefined;
  internals._clearSession();
  internals._resetInstance();
}

const refuseLogin = () => Promise.reject(loginRefused('login'));
const refuseLoginByOAuth2 = () => Promise.reject(loginRefused('loginByOAuth2'));
const refuseLoginBySoap = () => Promise.reject(loginRefused('loginBySoap'));

function loginRefused(method: string): SalesforceAuthError {
  return new SalesforceAuthError({
    code: 'login_not_supported',
    message: `conn.${method}() was called on a connection that sf-jwt authenticates with the JWT Bearer flow`,
  });
}
