import { SalesforceAuthError } from '@sf-jwt/core';
import type { Request, RequestHandler } from 'express';
import type { Connection } from 'jsforce';

/**
 * Express's own default for bodies and locals (`any`), so handlers read like plain Express ones.
 * @inline
 */
type Loose = Request['body'];

/**
 * An Express `Request` behind `salesforce()` (or Passport with `assignProperty: 'sf'`): `req.sf`
 * is the authenticated jsforce Connection. Plain Express requests do not have `sf`, so a route
 * that is not behind the middleware does not type-check `req.sf.query(...)`. Give it Express's
 * request type for typed params, body or query: `SalesforceRequest<Request<{ id: string }>>`.
 *
 * @example
 * ```ts
 * function listAccounts(req: SalesforceRequest) {
 *   return req.sf.query('SELECT Id, Name FROM Account');
 * }
 * ```
 */
export type SalesforceRequest<Req = Request> = Req & { sf: Connection };

/**
 * A route handler that reads `req.sf`; wrap it with {@link salesforceHandler}. Give it Express's
 * handler type for typed params, body or query: `SalesforceRequestHandler<RequestHandler<{ id: string }>>`.
 *
 * @example
 * ```ts
 * const accounts: SalesforceRequestHandler = async (req, res) => {
 *   res.json((await req.sf.query('SELECT Name FROM Account')).records);
 * };
 * ```
 */
export type SalesforceRequestHandler<Handler = RequestHandler> = Handler extends (
  req: infer Req,
  res: infer Res,
  next: infer Next,
) => unknown
  ? (req: SalesforceRequest<Req>, res: Res, next: Next) => unknown
  : never;

/**
 * Types `req.sf` for one route behind `salesforce()`, and makes the route safe on Express 4 and 5:
 * a thrown error or a rejected promise reaches `next(error)` (Express 4 does not catch rejected
 * promises by itself). A route that is not behind the middleware answers through `next` with
 * `invalid_config` instead of crashing on `undefined`.
 *
 * @example
 * ```ts
 * app.use('/api', salesforce(config));
 * app.get('/api/accounts', salesforceHandler(async (req, res) => {
 *   res.json((await req.sf.query('SELECT Id, Name FROM Account')).records);
 * }));
 * ```
 */
export function salesforceHandler<
  P = Request['params'],
  ResBody = Loose,
  ReqBody = Loose,
  ReqQuery = Request['query'],
  Locals extends Record<string, Loose> = Record<string, Loose>,
>(
  handler: SalesforceRequestHandler<RequestHandler<P, ResBody, ReqBody, ReqQuery, Locals>>,
): RequestHandler<P, ResBody, ReqBody, ReqQuery, Locals> {
  return (req, res, next) => {
    const request = req as SalesforceRequest<typeof req>;
    if (!request.sf) {
      next(
        new SalesforceAuthError({
          code: 'invalid_config',
          message: 'req.sf is not set on this route',
          hint: 'Mount salesforce() (or passport.authenticate with assignProperty: "sf") before this handler.',
        }),
      );
      return;
    }
    let result: unknown;
    try {
      result = handler(request, res, next);
    } catch (error) {
      next(error);
      return;
    }
    Promise.resolve(result).then(undefined, next);
  };
}
