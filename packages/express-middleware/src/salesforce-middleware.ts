import { SalesforceAuthError } from '@sf-jwt/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Connection } from 'jsforce';
import { ConnectionPool, type PoolOptions, type StrategySource } from './connection-pool.js';

declare global {
  namespace Express {
    interface Request {
      /**
       * The authenticated jsforce Connection, set by `salesforce()` (or Passport with
       * `assignProperty: 'sf'`) on the routes it is mounted on.
       */
      sf: Connection;
    }
  }
}

/** Options for {@link salesforce}. */
export interface SalesforceMiddlewareOptions extends PoolOptions {
  /**
   * The Salesforce username to act as for this request (e.g. mapped from the signed-in app
   * user). Left out: one integration user for the whole app. Returning nothing answers 401.
   */
  subject?: (req: Request) => string | undefined | Promise<string | undefined>;
  /** Requests for which the middleware does nothing (e.g. health checks). */
  skip?: (req: Request) => boolean;
}

/** The middleware, with its connection cache for inspection. */
export type SalesforceMiddleware = RequestHandler & { readonly connections: ConnectionPool };

/**
 * Express middleware that puts an authenticated, self-healing jsforce `Connection` on `req.sf`.
 * Once warm, a request costs a cache lookup: no token exchange, no new Connection, no I/O.
 *
 * @example
 * ```ts
 * app.use('/api', salesforce({ clientId, username: 'integration@acme.com', privateKeyFile: './server.key' }));
 * app.get('/api/accounts', async (req, res) => {
 *   res.json((await req.sf.query('SELECT Id, Name FROM Account')).records);
 * });
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
  const pool = new ConnectionPool(strategyOrConfig, options);
  const { subject: resolveSubject, skip } = options;
  const attach = (req: Request, next: NextFunction, subject: string | undefined) => {
    if (resolveSubject && !subject) {
      next(new SalesforceAuthError({ code: 'no_subject' }));
      return;
    }
    const connection = pool.get(subject ?? '');
    if (!(connection instanceof Promise)) {
      req.sf = connection;
      next();
      return;
    }
    connection.then((ready) => {
      req.sf = ready;
      next();
    }, next);
  };
  // One integration user: once its connection exists, a request costs one property read.
  let single: Connection | undefined;
  const middleware = (req: Request, _res: Response, next: NextFunction) => {
    if (skip?.(req)) return next();
    if (!resolveSubject) {
      if (single) {
        req.sf = single;
        return next();
      }
      return attach(
        req,
        (error?: unknown) => {
          if (!error) single = req.sf;
          next(error);
        },
        undefined,
      );
    }
    let resolved: string | undefined | Promise<string | undefined>;
    try {
      resolved = resolveSubject(req);
    } catch (error) {
      return next(error);
    }
    if (resolved instanceof Promise) {
      resolved.then((subject) => attach(req, next, subject), next);
    } else {
      attach(req, next, resolved);
    }
  };
  return Object.assign(middleware, { connections: pool });
}
