import type { JwtBearerConfig } from '@sf-jwt/core';
import { errorHandler, salesforce, salesforceHandler } from '@sf-jwt/express-middleware';
import express, { type Express } from 'express';

/** The demo app: two routes that use the connection the middleware puts on req.sf. */
export function createApp(config: JwtBearerConfig): Express {
  const app = express();
  app.use(express.json());
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(salesforce(config));
  app.get(
    '/accounts',
    salesforceHandler(async (req, res) => {
      const result = await req.sf.query<{ Id: string; Name: string }>(
        'SELECT Id, Name FROM Account LIMIT 10',
      );
      res.json(result.records.map(({ Id, Name }) => ({ id: Id, name: Name })));
    }),
  );
  app.post(
    '/contacts',
    salesforceHandler(async (req, res) => {
      const { firstName, lastName } = req.body as { firstName?: string; lastName?: string };
      const result = await req.sf
        .sobject('Contact')
        .create({ FirstName: firstName, LastName: lastName ?? 'Unknown' });
      res.status(201).json({ id: result.id });
    }),
  );
  app.use(errorHandler());
  return app;
}
