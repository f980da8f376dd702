/*
 * `@sf-jwt/core/internal`: helpers the sibling sf-jwt packages share. Not a public API: names
 * and shapes here may change in any release.
 */
export { type AudienceInput, audienceCandidates } from './audience/audience-candidates.js';
export { deriveAudience } from './audience/derive-audience.js';
export {
  isLoopbackHost,
  isMyDomainHost,
  isSandboxMyDomainHost,
} from './audience/login-hosts.js';
export {
  audienceConfigLine,
  PIN_AUDIENCE_WARNING,
  resetPinAudienceWarning,
} from './audience/pin-audience-warning.js';
export { resolveLoginBudget } from './config/login-budget.js';
export { ERROR_CODE_INFO } from './errors/error-codes.js';
export { codeForOAuthError } from './errors/oauth-error-codes.js';
export { readBodyCapped } from './exchange/read-body.js';
export { isTrustedSalesforceUrl } from './exchange/trusted-hosts.js';
export {
  inspectKeyFile,
  type KeyFileFinding,
  type KeyFileInspection,
} from './key/key-file-permissions.js';
export { redactSecrets } from './redact-secrets.js';
export { type SignerRetryOptions, signWithRetries } from './signer/sign-with-retries.js';
export { LoginPolicy } from './strategy/login-policy.js';
export { isAuthStrategy, toAuthStrategy } from './strategy/to-auth-strategy.js';
export { withoutUndefined } from './without-undefined.js';
