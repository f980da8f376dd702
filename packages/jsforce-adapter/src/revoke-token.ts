import { SalesforceAuthError } from '@sf-jwt/core';
import { readBodyCapped } from '@sf-jwt/core/internal';

/**
 * How long `conn.logout()` waits for Salesforce to revoke the token, body included, in ms.
 * @defaultValue 10000
 * @example
 * ```ts
 * await Promise.race([conn.logout(), setTimeout(REVOKE_TIMEOUT_MS + 1000)]);
 * ```
 */
export const REVOKE_TIMEOUT_MS = 10_000;
const MAX_ERROR_BYTES = 4096;

/**
 * Revokes an access token at `<loginUrl>/services/oauth2/revoke` (form field `token`), as
 * Salesforce documents, through the strategy's configured `fetch` (`globalThis.fetch` when none).
 * One attempt, bounded by {@link REVOKE_TIMEOUT_MS}, body included; no redirect followed.
 *
 * @throws SalesforceAuthError `revoke_failed` (Salesforce refused), `timeout` or `network_error`.
 */
export async function revokeToken(
  loginUrl: string,
  accessToken: string,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<void> {
  const url = `${loginUrl.replace(/\/+$/, '')}/services/oauth2/revoke`;
  const signal = AbortSignal.timeout(REVOKE_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: accessToken }).toString(),
      redirect: 'manual',
      signal,
    });
  } catch (cause) {
    throw new SalesforceAuthError({
      code: signal.aborted ? 'timeout' : 'network_error',
      message: `The session could not be revoked at ${url}`,
      cause,
    });
  }
  const body = (await readBodyCapped(response, MAX_ERROR_BYTES, signal).catch(() => '')) ?? '';
  if (response.status >= 200 && response.status < 300) return;
  const { error, error_description: description } = parseError(body);
  throw new SalesforceAuthError({
    code: 'revoke_failed',
    message: `Salesforce did not revoke the session at ${url} (HTTP ${response.status}${error ? ` ${error}` : ''})`,
    status: response.status,
    ...(error ? { error } : {}),
    ...(description ? { errorDescription: description } : {}),
  });
}

function parseError(body: string): { error?: string; error_description?: string } {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { error, error_description } = parsed as Record<string, unknown>;
    return {
      ...(typeof error === 'string' ? { error: error.slice(0, 200) } : {}),
      ...(typeof error_description === 'string'
        ? { error_description: error_description.slice(0, 500) }
        : {}),
    };
  } catch {
    return {};
  }
}
