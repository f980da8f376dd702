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
export { resolveLoginBudget } from './config/login-budget.js';
export { ERROR_CODE_INFO } from './errors/error-codes.js';
export { codeForOAuthError } from './errors/oauth-error-codes.js';
export { isTrustedSalesforceUrl } from './exchange/trusted-hosts.js';
export { redactSecrets } from './redact-secrets.js';
export { LoginPolicy } from './strategy/login-policy.js';
export { isAuthStrategy, toAuthStrategy } from './strategy/to-auth-strategy.js';
