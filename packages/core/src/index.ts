export { isJwtAccessToken } from './access-token/jwt-access-token.js';
export { type AssertionConfig, createAssertion } from './assertion/create-assertion.js';
export { PRODUCTION_LOGIN_URL, SANDBOX_LOGIN_URL } from './audience/login-hosts.js';
export { LOGIN_BUDGET_DEFAULTS } from './config/defaults.js';
export type {
  AssertionSigner,
  JwtBearerConfig,
  RetryOptions,
} from './config/jwt-bearer-config.js';
export type { LoginBudget } from './config/login-budget.js';
export type { ConfigNormalisation } from './config/validate-config.js';
export type { SalesforceAuthErrorCode } from './errors/error-codes.js';
export {
  SalesforceAuthError,
  type SalesforceAuthErrorJSON,
  type SalesforceAuthErrorOptions,
} from './errors/salesforce-auth-error.js';
export { type ExchangeOptions, exchangeAssertion } from './exchange/exchange-assertion.js';
export { type AuthorizedFetchOptions, authorizedFetch } from './fetch/authorized-fetch.js';
export type { KeyReloadResult } from './key/key-source.js';
export type { WarningLogger } from './key/key-warnings.js';
export { loadPrivateKey, type PrivateKeyOptions } from './key/load-private-key.js';
export { MemoryTokenStore, type MemoryTokenStoreOptions } from './memory-token-store.js';
export { type JwtBearerEvents, JwtBearerStrategy } from './strategy/jwt-bearer-strategy.js';
export type { ExchangeKind, LoginRefusalReason } from './strategy/login-policy.js';
export {
  clearSharedStrategies,
  forgetSharedToken,
  MAX_SHARED_STRATEGIES,
  sharedStrategy,
} from './strategy/shared-strategies.js';
export type {
  AuthStrategy,
  ExchangeOnceOptions,
  SalesforceToken,
  StoredLoginFailure,
  StoredToken,
  TokenRequestOptions,
  TokenStore,
} from './types.js';
