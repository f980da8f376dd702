import type { TokenStore } from '../types.js';

/**
 * The test functions of your runner (vitest, jest, mocha, node:test): the contract registers its
 * tests through them, so it runs under whichever you use. Assertions use `node:assert`.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * const runner: ContractRunner = { describe, it };
 * ```
 */
export interface ContractRunner {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>, timeoutMs?: number): unknown;
}

/**
 * How the contract starts other processes sharing the store, for the tests that need a fleet
 * (`exchangeOnce` exclusivity, failure sharing). Each process imports `module` and calls its
 * export `exportName` to get a store that shares data with the one `createStore()` returns here.
 *
 * @example
 * ```ts
 * const processes: ContractProcesses = {
 *   module: new URL('./my-store-for-contract.ts', import.meta.url).href,
 *   execArgv: ['--import', 'tsx'],
 *   env: () => ({ DATABASE_URL: db.url }),
 * };
 * ```
 */
export interface ContractProcesses {
  /** Absolute path or `file:` URL of the module. */
  module: string;
  /**
   * The module's export that returns (or resolves to) the store.
   * @defaultValue `'createStore'`
   */
  exportName?: string;
  /**
   * Node flags for each process, e.g. `['--import', 'tsx']` for a TypeScript module.
   * @defaultValue `[]`
   */
  execArgv?: string[];
  /**
   * Extra environment of each process, read when the test runs (after your setup hooks).
   * @defaultValue `{}`
   */
  env?: () => Record<string, string>;
  /**
   * How many processes race for one exchange.
   * @defaultValue 8
   */
  count?: number;
}

/**
 * Options of {@link tokenStoreContract}.
 *
 * @example
 * ```ts
 * tokenStoreContract({ name: 'MemoryTokenStore', runner: { describe, it }, createStore: () => new MemoryTokenStore() });
 * ```
 */
export interface TokenStoreContractOptions {
  /** Names the `describe` block, e.g. the store's class name. */
  name: string;
  /** Your test runner's `describe` and `it`. */
  runner: ContractRunner;
  /** A store to test; called once per test (after your setup hooks have run). */
  createStore: () => TokenStore | Promise<TokenStore>;
  /**
   * Closes a store after its test.
   * @defaultValue calls the store's `close()` when it has one
   */
  closeStore?: (store: TokenStore) => Promise<void> | void;
  /**
   * Other processes sharing the store. Without it, the fleet tests are skipped with a notice
   * (a store shared by a fleet must run them).
   * @defaultValue undefined
   */
  processes?: ContractProcesses;
  /**
   * Timeout of each test, in ms (fleet tests start processes).
   * @defaultValue 30000
   */
  timeoutMs?: number;
}
