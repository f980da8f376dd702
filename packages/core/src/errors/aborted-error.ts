import { SalesforceAuthError } from './salesforce-auth-error.js';

/** The `aborted` error of a call whose signal fired, with the signal's reason as `cause`. */
export function abortedError(cause: unknown): SalesforceAuthError {
  return new SalesforceAuthError({ code: 'aborted', cause });
}
