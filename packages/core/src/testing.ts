/*
 * `@sf-jwt/core/testing`: the contract a TokenStore must meet, as tests your runner runs.
 */
export type {
  ContractProcesses,
  ContractRunner,
  TokenStoreContractOptions,
} from './testing/contract-options.js';
export { tokenStoreContract } from './testing/token-store-contract.js';
