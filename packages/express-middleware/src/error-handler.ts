import { STATUS_CODES } from 'node:http';
import { SalesforceAuthError } from '@sf-jwt/core';
import { ERROR_CODE_INFO, redactSecrets } from '@sf-jwt/core/internal';
import type { ErrorRequestHandler } from 'express';
import { bearerChallenge, DEFAULT_REALM } from './www-authenticate.js';

/** The JSON body {@link errorHandler} sends. Holds no token, assertion or key. */
export interface SalesforceErrorBody {
  error: { code: string; message: string; hint: string };
}

/**
 * The RFC 9457 `application/problem+json` body {@link errorHandler} sends with
 * `format: 'problem+json'`. `code` and `hint` are extension members. Holds no secret.
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
 * Options for {@link errorHandler}.
 *
 * @example
 * ```ts
 * app.use(errorHandler({ format: 'problem+json', realm: 'crm' }));
 * ```
 */
export interface ErrorHandlerOptions {
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
 * Renders sf-jwt errors: 503 (with `Retry-After`) when Salesforce is unavailable or rate limited,
 * 500 for a misconfiguration, 401 (with a `WWW-Authenticate: Bearer` challenge) when no
 * Salesforce user maps to the request. Other errors pass on.
 *
 * @example
 * ```ts
 * app.use(salesforce(config));
 * app.get('/accounts', handler);
 * app.use(errorHandler()); // or errorHandler({ format: 'problem+json' })
 * ```
 */
export function errorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  const { format = 'json', realm = DEFAULT_REALM } = options;
  return (error, _req, res, next) => {
    if (!SalesforceAuthError.isInstance(error) || res.headersSent) return next(error);
    const status = statusForError(error);
    const code = error.code;
    const message = redactSecrets(error.message);
    const hint = redactSecrets(error.hint);
    if (status === 503) res.setHeader('retry-after', retryAfterSeconds(error));
    if (status === 401)
      res.setHeader('www-authenticate', bearerChallenge(ERROR_CODE_INFO[code].summary, realm));
    res.status(status);
    if (format === 'problem+json') {
      const body: SalesforceProblemBody = {
        type: 'about:blank',
        title: STATUS_CODES[status] ?? 'Error',
        status,
        detail: message,
        code,
        hint,
      };
      res.type('application/problem+json').send(JSON.stringify(body));
      return;
    }
    const body: SalesforceErrorBody = { error: { code, message, hint } };
    res.json(body);
  };
}

// The login budget says when it will try again; otherwise a rate-limited user waits out the hour.
function retryAfterSeconds(error: SalesforceAuthError): string {
  if (error.retryAfterMs !== undefined)
    return String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  return error.code === 'login_rate_exceeded' ? '3600' : '30';
}
