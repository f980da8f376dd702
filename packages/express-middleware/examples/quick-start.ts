// @sf-jwt/express-middleware: req.sf on the routes behind it (Express 4 and 5)
import { errorHandler, salesforce, salesforceHandler } from '@sf-jwt/express-middleware';
import express from 'express';
import { strategy } from './strategy.js'; // the core snippet above

export const app = express();
app.use('/api', salesforce(strategy));
app.get(
  '/api/accounts',
  salesforceHandler(async (req, res) => {
    res.json((await req.sf.query('SELECT Name FROM Account')).records);
  }),
);
app.use(errorHandler());
