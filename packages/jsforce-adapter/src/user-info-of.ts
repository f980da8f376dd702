import type { SalesforceToken } from '@sf-jwt/core';
import type { UserInfo } from 'jsforce';

/** What `conn.login()` would have set, from the token: user and org ids, identity URL. */
export function userInfoOf(token: SalesforceToken): UserInfo {
  return { id: token.userId, organizationId: token.organizationId, url: token.id };
}
