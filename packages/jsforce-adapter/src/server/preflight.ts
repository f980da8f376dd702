import type { IncomingHttpHeaders } from 'node:http';

/**
 * What the server side reads from a framework's request: Express's, Fastify's and Nest's all fit.
 * @example
 * ```ts
 * const request: ServerRequest = { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } };
 * ```
 */
export interface ServerRequest {
  /** The HTTP method; a request without one is never a preflight. */
  readonly method?: string;
  readonly headers: IncomingHttpHeaders;
}

/**
 * A CORS preflight: `OPTIONS` with `Access-Control-Request-Method`. Browsers send it without
 * credentials, so it never maps to a Salesforce user and must not cost a token exchange.
 * @example
 * ```ts
 * if (isPreflight(req)) return next(); // let cors() answer it
 * ```
 */
export function isPreflight(request: ServerRequest): boolean {
  return (
    request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined
  );
}
