import type { SalesforceAuthErrorCode } from './error-codes.js';

// The token endpoint's (error, error_description) pairs, from the reference of Salesforce answers.
// Descriptions vary in wording across releases, so they are matched by a distinctive fragment.
const INVALID_GRANT_DESCRIPTIONS: ReadonlyArray<[RegExp, SalesforceAuthErrorCode]> = [
  [/invalid assertion/i, 'invalid_assertion'],
  [/audience/i, 'invalid_audience'],
  [/expired/i, 'expired_assertion'],
  [/approved this consumer/i, 'user_not_approved'],
  [/ip restricted|login hours/i, 'ip_restricted'],
  [/rate|number of logins/i, 'login_rate_exceeded'],
  [/inactive user|user is inactive/i, 'inactive_user'],
];

const ERROR_FIELD_CODES: Readonly<Record<string, SalesforceAuthErrorCode>> = {
  invalid_client_id: 'invalid_client_id',
  invalid_client: 'invalid_client',
  invalid_app_access: 'app_access_denied',
  app_not_found: 'app_not_found',
  inactive_user: 'inactive_user',
  inactive_org: 'inactive_org',
  rate_limit_exceeded: 'login_rate_exceeded',
  unsupported_grant_type: 'unsupported_grant_type',
};

/**
 * Maps a token-endpoint OAuth error to its stable sf-jwt code.
 * @example
 * ```ts
 * codeForOAuthError('invalid_grant', 'audience is invalid'); // 'invalid_audience'
 * ```
 */
export function codeForOAuthError(error: string, description = ''): SalesforceAuthErrorCode {
  if (error === 'invalid_grant') {
    for (const [pattern, code] of INVALID_GRANT_DESCRIPTIONS) {
      if (pattern.test(description)) return code;
    }
    return 'invalid_grant';
  }
  return ERROR_FIELD_CODES[error] ?? 'unknown_error';
}
