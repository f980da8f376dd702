import { redactSecrets, SalesforceAuthError } from '@sf-jwt/core';
import type { ErrorRequestHandler } from 'express';

/** The JSON body {@link errorHandler} sends. Holds no token, assertion or key. */
export interface SalesforceErrorBody {
  error: { code: string; message: string; hint: string };
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
 * Renders sf-jwt errors as JSON: 503 when Salesforce is unavailable or rate limited, 500 for a
 * misconfiguration, 401 when no Salesforce user maps to the request. Other errors pass on.
 *
 * @example
 * ```ts
 * app.use(salesforce(config));
 * app.get('/accounts', handler);
 * app.use(errorHandler());
 * ```
 */
export function errorHandler(): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (!SalesforceAuthError.isInstance(error) || res.headersSent) return next(error);
    const status = statusForError(error);
    if (status === 503)
      res.setHeader('retry-after', error.code === 'login_rate_exceeded' ? '3600' : '30');
    const body: SalesforceErrorBody = {
      error: {
        code: error.code,
        message: redactSecrets(error.message),
        hint: redactSecrets(error.hint),
      },
    };
    res.status(status).json(body);
  };
}
