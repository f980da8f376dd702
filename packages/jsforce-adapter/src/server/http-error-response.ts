import { STATUS_CODES } from 'node:http';
import type { SalesforceAuthError } from '@sf-jwt/core';
import { ERROR_CODE_INFO, redactSecrets } from '@sf-jwt/core/internal';
import { bearerChallenge, DEFAULT_REALM } from './bearer-challenge.js';

/**
 * The JSON body of an sf-jwt error response. Holds no token, assertion or key.
 * @example
 * ```ts
 * const { error }: SalesforceErrorBody = await response.json();
 * if (error.code === 'no_subject') redirectToSignIn();
 * ```
 */
export interface SalesforceErrorBody {
  error: { code: string; message: string; hint: string };
}

/**
 * The RFC 9457 `application/problem+json` body of an sf-jwt error response, with `code` and
 * `hint` as extension members. Holds no secret.
 *
 * @example
 * ```ts
 * const problem: SalesforceProblemBody = JSON.parse(response.text);
 * if (problem.code === 'no_subject') redirectToSignIn();
 * ```
 */
export interface SalesforceProblemBody {
  type: 'about:blank';
  /** The status phrase, as RFC 9457 asks for `about:blank`. */
  title: string;
  status: number;
  detail: string;
  code: string;
  hint: string;
}

/**
 * How an sf-jwt error is rendered over HTTP, in every framework integration.
 * @example
 * ```ts
 * const options: HttpErrorOptions = { format: 'problem+json', realm: 'crm' };
 * ```
 */
export interface HttpErrorOptions {
  /**
   * `json`: `{ "error": { code, message, hint } }`; `problem+json`: an RFC 9457 problem document
   * with `Content-Type: application/problem+json`.
   * @defaultValue `'json'`
   */
  format?: 'json' | 'problem+json';
  /**
   * The realm of the `WWW-Authenticate` challenge sent with every 401.
   * @defaultValue `'salesforce'`
   */
  realm?: string;
}

/**
 * A framework-neutral error response: status, headers, content type and body.
 * @example
 * ```ts
 * const { status, headers, contentType, body } = httpErrorResponse(error);
 * reply.code(status).headers(headers).type(contentType).send(body);
 * ```
 */
export interface HttpErrorResponse {
  status: 401 | 500 | 503;
  headers: Record<string, string>;
  contentType: 'application/json' | 'application/problem+json';
  body: SalesforceErrorBody | SalesforceProblemBody;
}

/**
 * The HTTP status for an sf-jwt error: 401 no user, 503 Salesforce unavailable, 500 misconfiguration.
 * @example
 * ```ts
 * statusForError(new SalesforceAuthError({ code: 'timeout' })); // 503
 * ```
 */
export function statusForError(error: SalesforceAuthError): 401 | 500 | 503 {
  if (error.code === 'no_subject') return 401;
  if (error.retryable || error.code === 'login_rate_exceeded') return 503;
  return 500;
}

/**
 * The response for an sf-jwt error: 503 with `Retry-After` when Salesforce is unavailable or rate
 * limited, 500 for a misconfiguration, 401 with a `WWW-Authenticate: Bearer` challenge when no
 * Salesforce user maps to the request. Message and hint pass through `redactSecrets`.
 *
 * @example
 * ```ts
 * if (SalesforceAuthError.isInstance(error)) {
 *   const { status, headers, body } = httpErrorResponse(error, { format: 'problem+json' });
 * }
 * ```
 */
export function httpErrorResponse(
  error: SalesforceAuthError,
  options: HttpErrorOptions = {},
): HttpErrorResponse {
  const { format = 'json', realm = DEFAULT_REALM } = options;
  const status = statusForError(error);
  const code = error.code;
  const message = redactSecrets(error.message);
  const hint = redactSecrets(error.hint);
  const headers: Record<string, string> = {};
  if (status === 503) headers['retry-after'] = retryAfterSeconds(error);
  if (status === 401)
    headers['www-authenticate'] = bearerChallenge(ERROR_CODE_INFO[code].summary, realm);
  if (format === 'problem+json') {
    const title = STATUS_CODES[status] ?? 'Error';
    const body: SalesforceProblemBody = {
      type: 'about:blank',
      title,
      status,
      detail: message,
      code,
      hint,
    };
    return { status, headers, contentType: 'application/problem+json', body };
  }
  return {
    status,
    headers,
    contentType: 'application/json',
    body: { error: { code, message, hint } },
  };
}

// The login budget says when it will try again; otherwise a rate-limited user waits out the hour.
function retryAfterSeconds(error: SalesforceAuthError): string {
  if (error.retryAfterMs !== undefined)
    return String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  return error.code === 'login_rate_exceeded' ? '3600' : '30';
}
