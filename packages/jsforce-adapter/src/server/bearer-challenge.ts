/**
 * The realm in every challenge unless an option names another.
 * @example
 * ```ts
 * bearerChallenge('No Salesforce user', DEFAULT_REALM);
 * ```
 */
export const DEFAULT_REALM = 'salesforce';

// RFC 6750 section 3: error_description is printable ASCII without `"` and `\`.
const UNSAFE = /[^\x20\x21\x23-\x5b\x5d-\x7e]/g;
const quoted = (value: string) => `"${value.replace(UNSAFE, '')}"`;

/**
 * The `WWW-Authenticate` value for a 401 (RFC 9110 section 11.6.1, RFC 6750 section 3): a
 * `Bearer` challenge with an error code, e.g.
 * `Bearer realm="salesforce", error="invalid_token", error_description="..."`.
 * @example
 * ```ts
 * res.setHeader('www-authenticate', bearerChallenge('No Salesforce user maps to this request'));
 * ```
 */
export function bearerChallenge(description: string, realm: string = DEFAULT_REALM): string {
  return `Bearer realm=${quoted(realm)}, error="invalid_token", error_description=${quoted(description)}`;
}
