import {
  type AuthStrategy,
  forgetSharedToken,
  SalesforceAuthError,
  type SalesforceToken,
} from '@sf-jwt/core';
import type { Connection, UserInfo } from 'jsforce';
import { revokeToken } from './revoke-token.js';

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

/** What `conn.login()` would have set, from the token: user and org ids, identity URL. */
export function userInfoOf(token: SalesforceToken): UserInfo {
  return { id: token.userId, organizationId: token.organizationId, url: token.id };
}

/**
 * Sets what `conn.login()` would have set (`userInfo`, `loginUrl`, `oauth2`'s URLs, from the
 * strategy), makes `logout()` revoke the token at the strategy's login URL and drop it from the
 * strategy's cache, and makes `login()` fail with `login_not_supported`.
 */
export function establishSession<C extends Connection>(
  conn: C,
  strategy: AuthStrategy,
  token: SalesforceToken,
): AuthenticatedConnection<C> {
  const loginUrl = loginUrlOf(strategy, token);
  conn.userInfo = userInfoOf(token);
  conn.loginUrl = loginUrl;
  const base = loginUrl.replace(/\/+$/, '');
  Object.assign(conn.oauth2, {
    loginUrl,
    authzServiceUrl: `${base}/services/oauth2/authorize`,
    tokenServiceUrl: `${base}/services/oauth2/token`,
    revokeServiceUrl: `${base}/services/oauth2/revoke`,
  });

  const logout = async (): Promise<void> => {
    const accessToken = conn.accessToken;
    if (accessToken) {
      await revokeToken(loginUrl, accessToken);
      await forgetSharedToken(strategy, accessToken);
    }
    const internals = conn as unknown as SessionInternals;
    internals._refreshDelegate = undefined;
    internals._clearSession();
    internals._resetInstance();
  };
  conn.logout = logout;
  conn.logoutByOAuth2 = logout;
  conn.logoutBySoap = logout;
  for (const method of ['login', 'loginByOAuth2', 'loginBySoap'] as const) {
    conn[method] = () => Promise.reject(loginRefused(method));
  }
  return conn as AuthenticatedConnection<C>;
}

function loginUrlOf(strategy: AuthStrategy, token: SalesforceToken): string {
  const own = (strategy as { loginUrl?: unknown }).loginUrl;
  if (typeof own === 'string' && own !== '') return own;
  // The identity URL is on the login host: https://login.salesforce.com/id/<org>/<user>.
  return new URL(token.id).origin;
}

function loginRefused(method: string): SalesforceAuthError {
  return new SalesforceAuthError({
    code: 'login_not_supported',
    message: `conn.${method}() was called on a connection that sf-jwt authenticates with the JWT Bearer flow`,
  });
}
