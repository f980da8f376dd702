import type { Request } from 'express';

/**
 * A CORS preflight: `OPTIONS` with `Access-Control-Request-Method`. Browsers send it without
 * credentials, so it never maps to a Salesforce user and must not cost a token exchange.
 */
export function isPreflight(req: Request): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}
