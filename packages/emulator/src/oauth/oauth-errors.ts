import { type EmulatorResponse, json } from '../server/http-types.js';

/**
 * The token endpoint's answers, word for word as Salesforce gives them.
 * @example
 * ```ts
 * const [error, description] = OAUTH_ERRORS.notApproved; // 'invalid_grant', "user hasn't approved this consumer"
 * ```
 */
export const OAUTH_ERRORS = {
  unsupportedGrantType: ['unsupported_grant_type', 'grant type not supported'],
  invalidAssertion: ['invalid_grant', 'invalid assertion'],
  invalidClientId: ['invalid_client_id', 'client identifier invalid'],
  invalidAudience: ['invalid_grant', 'audience is invalid'],
  expired: ['invalid_grant', 'expired authorization code'],
  notApproved: ['invalid_grant', "user hasn't approved this consumer"],
  notAdminApproved: ['invalid_app_access', 'user is not admin approved to access this app'],
  appNotFound: ['app_not_found', 'External client app is not installed in this org'],
  inactiveUser: ['inactive_user', 'user is inactive'],
  inactiveOrg: ['inactive_org', 'organization is locked, closed, or suspended'],
  rateExceeded: ['invalid_grant', 'login rate exceeded'],
} as const satisfies Record<string, readonly [string, string]>;

export type OAuthErrorName = keyof typeof OAUTH_ERRORS;

export function oauthError(name: OAuthErrorName): EmulatorResponse {
  const [error, description] = OAUTH_ERRORS[name];
  return json(400, { error, error_description: description });
}
