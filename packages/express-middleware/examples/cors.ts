import { errorHandler, salesforce, salesforceHandler } from '@sf-jwt/express-middleware';
import cors from 'cors';
import express from 'express';
import './app-user.js';
import { config } from './config.js';
import { signIn } from './demo-sign-in.js';

export const app = express();
app.use(signIn);
// Preflights pass through salesforce() untouched (no 401, no token exchange), so cors() can
// come after it; pass `passPreflight: false` to check them too.
app.use(salesforce(config, { subject: (req) => req.user?.salesforceUsername }));
app.use(cors({ origin: 'https://app.acme.com' }));
app.post(
  '/contacts',
  express.json(),
  salesforceHandler(async (req, res) => {
    const { lastName } = req.body as { lastName: string };
    res.status(201).json(await req.sf.sobject('Contact').create({ LastName: lastName }));
  }),
);
app.use(errorHandler({ format: 'problem+json' })); // RFC 9457 bodies
