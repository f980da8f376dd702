import { errorHandler, SalesforceJwtStrategy, salesforceHandler } from '@sf-jwt/express-middleware';
import express from 'express';
import passport from 'passport';
import { config } from './config.js';

passport.use(new SalesforceJwtStrategy(config)); // name: 'salesforce-jwt'

export const app = express();
app.use(passport.initialize());
app.get(
  '/accounts',
  passport.authenticate('salesforce-jwt', { session: false, assignProperty: 'sf' }),
  salesforceHandler(async (req, res) => {
    res.json((await req.sf.query('SELECT Name FROM Account')).records);
  }),
);
app.use(errorHandler());
