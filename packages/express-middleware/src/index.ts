export { type AuthenticateOptions, Authenticator } from './authenticator.js';
export { ConnectionPool, type PoolOptions, type StrategySource } from './connection-pool.js';
export { errorHandler, type SalesforceErrorBody, statusForError } from './error-handler.js';
export { SalesforceJwtStrategy, type SalesforceJwtStrategyOptions } from './passport-strategy.js';
export {
  type SalesforceMiddleware,
  type SalesforceMiddlewareOptions,
  salesforce,
} from './salesforce-middleware.js';
