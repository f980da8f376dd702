import { Authenticator, errorHandler, salesforceHandler } from '@sf-jwt/express-middleware';
import express from 'express';
import './app-user.js';
import { config } from './config.js';
import { signIn } from './demo-sign-in.js';

const auth = new Authenticator()
  .use('integration', config)
  .use('per-user', config, { subject: (req) => req.user?.salesforceUsername });
const whoAmI = salesforceHandler(async (req, res) => {
  res.json(await req.sf.request('/services/oauth2/userinfo'));
});

export const app = express();
app.use(signIn);
app.get('/reports', auth.authenticate('integration'), whoAmI);
app.get('/mine', auth.authenticate('per-user'), whoAmI);
app.use(errorHandler());
