export type {
  AuthStrategy,
  ExchangeOnceOptions,
  SalesforceToken,
  StoredToken,
  TokenStore,
  TokenStoreSetOptions,
} from './types.js';
