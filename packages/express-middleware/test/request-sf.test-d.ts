import express, { type Request, type RequestHandler } from 'express';
import type { Connection } from 'jsforce';
import { expectTypeOf, test } from 'vitest';
import {
  type SalesforceRequest,
  type SalesforceRequestHandler,
  salesforce,
  salesforceHandler,
} from '../src/index.js';

test('req.sf is a jsforce Connection in a salesforceHandler route, with no cast', () => {
  const app = express();
  app.use('/api', salesforce({ clientId: 'id', username: 'u@example.com', privateKey: 'pem' }));
  app.get(
    '/api/accounts',
    salesforceHandler(async (req, res) => {
      expectTypeOf(req.sf).toEqualTypeOf<Connection>();
      const result = await req.sf.query<{ Name: string }>('SELECT Name FROM Account');
      expectTypeOf(result.records[0]!.Name).toEqualTypeOf<string>();
      res.json(result.records);
    }),
  );
  expectTypeOf<SalesforceRequest['sf']>().toEqualTypeOf<Connection>();
});

test('a route without the middleware does not type-check req.sf', () => {
  const handler: RequestHandler = async (req, res) => {
    // @ts-expect-error: plain Express requests have no sf; only routes behind salesforce() do.
    res.json(await req.sf.query('SELECT Name FROM Account'));
  };
  expectTypeOf(handler).toBeFunction();
  expectTypeOf<Request>().not.toHaveProperty('sf');
});

test('salesforceHandler takes Express route parameters as its first type argument', () => {
  const router = express.Router();
  router.get(
    '/accounts/:id',
    salesforceHandler<{ id: string }>(async (req, res) => {
      expectTypeOf(req.params.id).toEqualTypeOf<string>();
      res.json(await req.sf.sobject('Account').retrieve(req.params.id));
    }),
  );
});

test("SalesforceRequest and SalesforceRequestHandler take Express's own request and handler types", () => {
  type ById = SalesforceRequest<Request<{ id: string }>>;
  expectTypeOf<ById['params']['id']>().toEqualTypeOf<string>();
  expectTypeOf<ById['sf']>().toEqualTypeOf<Connection>();
  const byId: SalesforceRequestHandler<RequestHandler<{ id: string }>> = async (req, res) => {
    expectTypeOf(req.params.id).toEqualTypeOf<string>();
    res.json(await req.sf.sobject('Account').retrieve(req.params.id));
  };
  express.Router().get('/accounts/:id', salesforceHandler<{ id: string }>(byId));
  // @ts-expect-error: a plain handler's request has no sf.
  const plain: RequestHandler = byId;
  expectTypeOf(plain).toBeFunction();
});
