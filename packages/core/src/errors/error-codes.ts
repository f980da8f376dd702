/**
 * Every failure sf-jwt reports has one of these stable codes. Branch on the code, never on the
 * message wording.
 */
export type SalesforceAuthErrorCode =
  | 'invalid_config'
  | 'invalid_client_id'
  | 'invalid_client'
  | 'invalid_assertion'
  | 'invalid_audience'
  | 'expired_assertion'
  | 'clock_skew'
  | 'user_not_approved'
  | 'app_access_denied'
  | 'app_not_found'
  | 'ip_restricted'
  | 'inactive_user'
  | 'inactive_org'
  | 'login_rate_exceeded'
  | 'unsupported_grant_type'
  | 'invalid_grant'
  | 'server_error'
  | 'rate_limited'
  | 'invalid_response'
  | 'network_error'
  | 'timeout'
  | 'untrusted_instance_url'
  | 'session_rejected'
  | 'no_subject'
  | 'login_budget_exhausted'
  | 'aborted'
  | 'login_not_supported'
  | 'invalid_argument'
  | 'jwt_token_not_accepted'
  | 'revoke_failed'
  | 'key_file_unprotected'
  | 'signer_unavailable'
  | 'signer_denied'
  | 'unknown_error';

/**
 * What {@link ERROR_CODE_INFO} holds for one code.
 * @inline
 */
interface CodeInfo {
  readonly summary: string;
  readonly hint: string;
  readonly retryable: boolean;
}

/**
 * What each code means and what to do about it. The hint always ends the error message.
 * @example
 * ```ts
 * ERROR_CODE_INFO.user_not_approved.hint; // what to change in Setup
 * ```
 */
export const ERROR_CODE_INFO: Readonly<Record<SalesforceAuthErrorCode, CodeInfo>> = {
  invalid_config: {
    summary: 'The configuration is not usable',
    hint: 'Fix the option named above.',
    retryable: false,
  },
  invalid_client_id: {
    summary: 'Salesforce does not know this consumer key',
    hint: 'Check clientId is the Consumer Key of a connected app in this org: production and sandbox have separate copies (a refreshed sandbox gets its own), and a new app takes 2-10 minutes to propagate.',
    retryable: false,
  },
  invalid_client: {
    summary: 'Salesforce rejected the client',
    hint: 'Check the connected app has OAuth enabled and "Use digital signatures" with your certificate, and that clientId is its Consumer Key.',
    retryable: false,
  },
  invalid_assertion: {
    summary: 'Salesforce could not verify the signed assertion',
    hint: 'The private key does not match the certificate uploaded to the connected app: upload the certificate of this key (sf-jwt keygen prints one), and check the key was not mangled (newlines in CI secrets).',
    retryable: false,
  },
  invalid_audience: {
    summary: 'Salesforce rejected the audience (aud)',
    hint: 'Use https://test.salesforce.com for sandboxes (sandbox: true), https://login.salesforce.com for production, the site URL for Experience Cloud users, and the My Domain URL (audience: "my-domain") for External Client Apps.',
    retryable: false,
  },
  expired_assertion: {
    summary: 'Salesforce considers the assertion expired',
    hint: "Check this machine's clock is synchronised (NTP, UTC); exp is in seconds. Do not shorten lifetimeSeconds below the network latency.",
    retryable: false,
  },
  clock_skew: {
    summary:
      "Salesforce refused the assertion, and its clock differs from this machine's by more than 60 s",
    hint: "Synchronise this machine's clock (NTP, UTC): the assertion's iat and exp come from it. The message gives the offset measured from the response's Date header.",
    retryable: false,
  },
  user_not_approved: {
    summary: "The user hasn't approved this consumer",
    hint: 'In the connected app set Permitted Users to "Admin approved users are pre-authorized" and assign the user\'s profile or a permission set to the app; also check the username (and sandbox suffix) is right.',
    retryable: false,
  },
  app_access_denied: {
    summary: 'The user is not admin approved to access this app',
    hint: "Assign the user's profile or a permission set to the connected app (Manage > Profiles / Permission Sets).",
    retryable: false,
  },
  app_not_found: {
    summary: 'The External Client App is not installed in this org for this host or audience',
    hint: 'External Client Apps need the My Domain URL as both loginUrl and audience: set loginUrl to https://<domain>.my.salesforce.com and audience: "my-domain".',
    retryable: false,
  },
  ip_restricted: {
    summary: "The login was refused by the profile's IP ranges or login hours",
    hint: "Add this server's egress IP to the profile's Login IP Ranges (or relax the app's IP policy), or call within the profile's login hours.",
    retryable: false,
  },
  inactive_user: {
    summary: 'The user is inactive',
    hint: 'Reactivate the user in Setup > Users, or configure an active integration user.',
    retryable: false,
  },
  inactive_org: {
    summary: 'The organization is locked, closed or suspended',
    hint: 'Contact your Salesforce administrator or Salesforce support; nothing on this side can fix it.',
    retryable: false,
  },
  login_rate_exceeded: {
    summary: 'The user exceeded the login rate limit (about 3,600 logins an hour)',
    hint: 'Stop exchanging for this user until the hour rolls over; cache and share tokens (one strategy per user, @sf-jwt/redis-store for fleets). Retrying makes it worse.',
    retryable: false,
  },
  unsupported_grant_type: {
    summary: 'Salesforce did not accept the grant type',
    hint: 'Send grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer as an application/x-www-form-urlencoded body (a proxy may be rewriting the request).',
    retryable: false,
  },
  invalid_grant: {
    summary: 'Salesforce rejected the grant',
    hint: "Check the error_description above and the user's Login History in Setup for the reason.",
    retryable: false,
  },
  server_error: {
    summary: 'Salesforce answered with a server error',
    hint: 'This is transient (maintenance or an incident): it was retried with backoff; check status.salesforce.com if it persists.',
    retryable: true,
  },
  rate_limited: {
    summary: 'Salesforce asked to slow down (HTTP 429)',
    hint: 'Back off and retry later; share tokens instead of exchanging per request.',
    retryable: true,
  },
  invalid_response: {
    summary: 'The token endpoint answered with something that is not a token',
    hint: 'Check loginUrl points at Salesforce (not a proxy or captive portal); an HTML page usually means maintenance, so retry later.',
    retryable: true,
  },
  network_error: {
    summary: 'The token endpoint could not be reached',
    hint: "Check this server's DNS, proxy and firewall allow HTTPS to the login URL.",
    retryable: true,
  },
  timeout: {
    summary: 'The token endpoint did not answer in time',
    hint: 'Retry later, or raise timeoutMs if your network to Salesforce is slow.',
    retryable: true,
  },
  untrusted_instance_url: {
    summary: 'The token response pointed at a host that is not Salesforce',
    hint: 'The bearer token is only sent to https Salesforce domains; if this host is legitimately yours (a private Salesforce edge), add it to trustedHosts.',
    retryable: false,
  },
  session_rejected: {
    summary: 'Salesforce rejected sessions before any call with them succeeded',
    hint: 'Salesforce issues the session but refuses it for this API. Check, in order: sessions revoked org-wide (an admin or a security flow ending every session: Setup > Session Management); a session timeout policy shorter than the gap between calls (Setup > Session Settings, the profile\'s session timeout); "Lock sessions to the IP address from which they originated" with this server\'s outgoing IP changing between the login and the API call (Session Settings); the connected app lacking the "api" scope (Selected OAuth Scopes); the user lacking "API Enabled" (profile or permission set).',
    retryable: false,
  },
  no_subject: {
    summary: 'No Salesforce user is mapped to this request',
    hint: 'Sign the user in first, or make the subject resolver return their Salesforce username.',
    retryable: false,
  },
  login_budget_exhausted: {
    summary:
      'sf-jwt refused to log in: this user reached a login ceiling set in loginBudget (per hour, or rejected sessions per minute)',
    hint: 'Wait for retryAfterMs, then find what is logging in so often (a strategy built per request, a store that loses tokens, sessions ended right after each use); raise loginBudget.maxLoginsPerHour or maxRejectedRefreshesPerMinute only if the load is legitimate.',
    retryable: true,
  },
  aborted: {
    summary: 'The call was cancelled by its AbortSignal',
    hint: 'Nothing to fix: the caller aborted. Other callers waiting on the same exchange were not affected.',
    retryable: true,
  },
  login_not_supported: {
    summary: 'This connection is authenticated by sf-jwt and cannot log in with a password',
    hint: 'Remove the conn.login(...) call: createConnection and attach already logged in with the JWT Bearer flow, and the connection refreshes itself. For another user, create a connection with that username.',
    retryable: false,
  },
  invalid_argument: {
    summary: 'A method of sf-jwt was called with an argument of the wrong type',
    hint: 'Pass what the method documents: strategy.refresh() takes the rejected access token as a string (token.accessToken), not the token object.',
    retryable: false,
  },
  jwt_token_not_accepted: {
    summary:
      'This API does not accept a JWT-based access token at this API version: the request was not sent',
    hint: 'SOAP, Metadata and Bulk API 1.0 accept JWT-based access tokens only from API v68.0: set version to 68.0 or later, or turn off "Issue JSON Web Token (JWT)-based access tokens" on the connected app or External Client App so it issues session ids. A new token would not help, so none was requested.',
    retryable: false,
  },
  revoke_failed: {
    summary: 'Salesforce did not revoke the session',
    hint: 'The token may still be valid: call logout() again later; check the login URL answers POST /services/oauth2/revoke.',
    retryable: true,
  },
  key_file_unprotected: {
    summary:
      'The private key file may be read or replaced by other users, and strictKeyPermissions is on',
    hint: 'Make the key readable by its owner only and keep it in a directory others cannot write: chown <app user> <key file> && chmod 600 <key file>; chmod o-w <its directory>.',
    retryable: false,
  },
  signer_unavailable: {
    summary: 'The signer (HSM or KMS) could not sign now',
    hint: 'The key store is unreachable, throttling or its session closed: it was retried a bounded number of times; check the HSM/KMS is up and reachable, then call again.',
    retryable: true,
  },
  signer_denied: {
    summary: 'The signer (HSM or KMS) refused to sign with this key',
    hint: 'Check the key exists, is enabled, is an RSA signing key, and that this identity may use it (KMS key policy / IAM kms:Sign, HSM PIN and object label).',
    retryable: false,
  },
  unknown_error: {
    summary: 'Salesforce refused the login',
    hint: "Check the error_description above and the user's Login History in Setup.",
    retryable: false,
  },
};
