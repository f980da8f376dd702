const REDACTED = '[redacted]';

// A JWT (three base64url segments), a Salesforce session id (org id, '!', opaque part) and any PEM
// block are secrets whatever their origin, so they are removed even when the caller did not list them.
// A JWT segment starts with "eyJ" (base64 of '{"'): a cut-off assertion is removed too.
const JWT_PATTERN = /\beyJ[\w-]+(?:\.[\w-]*){0,2}/g;
const SESSION_ID_PATTERN = /\b00D\w{12,15}![\w.\-=+/]+/g;
const PEM_PATTERN = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;

/**
 * Removes access tokens, assertions and key material from text before it reaches a log, an error
 * message or an HTTP body.
 *
 * @param text - Anything that may contain a secret.
 * @param secrets - Exact values to remove as well (for example the access token in use).
 * @example
 * ```ts
 * redactSecrets(`token ${token.accessToken} rejected`, [token.accessToken]);
 * // => 'token [redacted] rejected'
 * ```
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = String(text);
  for (const secret of secrets) {
    if (secret && secret.length >= 8) result = result.split(secret).join(REDACTED);
  }
  return result
    .replace(PEM_PATTERN, REDACTED)
    .replace(JWT_PATTERN, REDACTED)
    .replace(SESSION_ID_PATTERN, REDACTED);
}
