import { errorHandler, salesforce, salesforceHandler } from '@sf-jwt/express-middleware';
import express from 'express';
import { config } from './config.js';

export const app = express();
app.get('/health', (_req, res) => {
  res.json({ ok: true }); // not behind salesforce(): no req.sf here
});
app.use('/api', salesforce(config));
app.get(
  '/api/accounts',
  salesforceHandler(async (req, res) => {
    const { records } = await req.sf.query<{ Id: string; Name: string }>(
      'SELECT Id, Name FROM Account',
    );
    res.json(records);
  }),
);
app.use(errorHandler());
