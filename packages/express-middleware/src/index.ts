// The pool lives in the jsforce adapter (framework-neutral); re-exported here for compatibility.
export {
  ConnectionPool,
  type PoolOptions,
  type SalesforceErrorBody,
  type SalesforceProblemBody,
  type StrategySource,
  statusForError,
} from '@sf-jwt/jsforce-adapter';
export { type AuthenticateOptions, Authenticator } from './authenticator.js';
export { type ErrorHandlerOptions, errorHandler } from './error-handler.js';
export { SalesforceJwtStrategy, type SalesforceJwtStrategyOptions } from './passport-strategy.js';
export type {
  SalesforceVerify,
  SalesforceVerifyDone,
  SalesforceVerifyWithRequest,
} from './passport-verify.js';
export {
  type SalesforceMiddleware,
  type SalesforceMiddlewareOptions,
  salesforce,
} from './salesforce-middleware.js';
export {
  type SalesforceRequest,
  type SalesforceRequestHandler,
  salesforceHandler,
} from './salesforce-request.js';
