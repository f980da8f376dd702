import {
  type ConnectionPool,
  connectionForRequest,
  type PoolOptions,
  type StrategySource,
} from '@sf-jwt/jsforce-adapter';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { SalesforceRequest } from './salesforce-request.js';

/** Options for {@link salesforce}. */
export interface SalesforceMiddlewareOptions extends PoolOptions {
  /**
   * The Salesforce username to act as for this request (e.g. mapped from the signed-in app
   * user). Left out: one integration user for the whole app. Returning nothing answers 401.
   */
  subject?: (req: Request) => string | undefined | Promise<string | undefined>;
  /** Requests for which the middleware does nothing (e.g. health checks). */
  skip?: (req: Request) => boolean;
  /**
   * Let CORS preflights (`OPTIONS` with `Access-Control-Request-Method`) through untouched: no
   * subject check, no token exchange, so `cors()` can answer them wherever it is mounted.
   * @defaultValue `true`
   */
  passPreflight?: boolean;
}

/** The middleware, with its connection cache for inspection. */
export type SalesforceMiddleware = RequestHandler & { readonly connections: ConnectionPool };

/**
 * Express middleware that puts an authenticated, self-healing jsforce `Connection` on `req.sf`.
 * Once warm, a request costs a cache lookup: no token exchange, no new Connection, no I/O.
 * Routes behind it read `req.sf` through {@link salesforceHandler} (or the
 * {@link SalesforceRequest} type); CORS preflights pass through untouched. The subject, skip and
 * preflight rules are the jsforce adapter's `connectionForRequest`.
 *
 * @example
 * ```ts
 * app.use('/api', salesforce({ clientId, username: 'integration@acme.com', privateKeyFile: './server.key' }));
 * app.get('/api/accounts', salesforceHandler(async (req, res) => {
 *   res.json((await req.sf.query('SELECT Id, Name FROM Account')).records);
 * }));
 * ```
 * @example
 * ```ts
 * // One Salesforce user per signed-in user:
 * app.use(salesforce(baseConfig, { subject: (req) => req.user?.salesforceUsername }));
 * ```
 */
export function salesforce(
  strategyOrConfig: StrategySource,
  options: SalesforceMiddlewareOptions = {},
): SalesforceMiddleware {
  const connect = connectionForRequest<Request>({ ...options, source: strategyOrConfig });
  const middleware = (req: Request, _res: Response, next: NextFunction) =>
    connect(req, (error, connection) => {
      if (connection) (req as SalesforceRequest).sf = connection;
      next(error);
    });
  return Object.assign(middleware, { connections: connect.connections });
}
