import type { RequestHandler } from 'express';
import './app-user.js';

/**
 * Stands in for your real sign-in (Passport, a session, a verified ID token) in the examples'
 * tests: it trusts a header, so never use it as it is.
 */
export const signIn: RequestHandler = (req, _res, next) => {
  const salesforceUsername = req.get('x-demo-user');
  if (salesforceUsername) req.user = { salesforceUsername };
  next();
};
