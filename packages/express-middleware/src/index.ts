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
