import { errorHandler, salesforce, salesforceHandler } from '@sf-jwt/express-middleware';
import express from 'express';
import './app-user.js';
import { config } from './config.js';
import { signIn } from './demo-sign-in.js'; // your sign-in: it sets req.user

export const app = express();
app.use(signIn);
app.use(
  '/api',
  salesforce(config, {
    subject: (req) => req.user?.salesforceUsername, // nothing: 401 with a Bearer challenge
    maxSubjects: 1000, // LRU bound
    idleMs: 15 * 60_000, // drop subjects unused this long
  }),
);
app.get(
  '/api/me',
  salesforceHandler(async (req, res) => {
    res.json(await req.sf.request('/services/oauth2/userinfo'));
  }),
);
app.use(errorHandler());
