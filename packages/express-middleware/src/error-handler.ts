import { SalesforceAuthError } from '@sf-jwt/core';
import { type HttpErrorOptions, httpErrorResponse } from '@sf-jwt/jsforce-adapter';
import type { ErrorRequestHandler } from 'express';

/**
 * Options for {@link errorHandler}: the body format and the realm of the 401 challenge.
 *
 * @example
 * ```ts
 * app.use(errorHandler({ format: 'problem+json', realm: 'crm' }));
 * ```
 */
export type ErrorHandlerOptions = HttpErrorOptions;

/**
 * Renders sf-jwt errors: 503 (with `Retry-After`) when Salesforce is unavailable or rate limited,
 * 500 for a misconfiguration, 401 (with a `WWW-Authenticate: Bearer` challenge) when no
 * Salesforce user maps to the request. Other errors pass on. The mapping is the adapter's
 * `httpErrorResponse`, shared by every framework integration.
 *
 * @example
 * ```ts
 * app.use(salesforce(config));
 * app.get('/accounts', handler);
 * app.use(errorHandler()); // or errorHandler({ format: 'problem+json' })
 * ```
 */
export function errorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (!SalesforceAuthError.isInstance(error) || res.headersSent) return next(error);
    const { status, headers, contentType, body } = httpErrorResponse(error, options);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.status(status);
    if (contentType === 'application/problem+json') {
      res.type(contentType).send(JSON.stringify(body));
      return;
    }
    res.json(body);
  };
}
