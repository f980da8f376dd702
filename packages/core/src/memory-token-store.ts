import type { StoredLoginFailure, StoredToken, TokenStore } from './types.js';

/**
 * A {@link TokenStore} in a Map of this process. A strategy holds its token in memory anyway;
 * this store is for tests and for code written against the `TokenStore` interface.
 *
 * @example
 * ```ts
 * const store = new MemoryTokenStore();
 * const strategy = new JwtBearerStrategy({ ...config, store });
 * ```
 */
export class MemoryTokenStore implements TokenStore {
  readonly #entries = new Map<string, StoredToken>();
  readonly #failures = new Map<string, StoredLoginFailure>();

  async get(key: string): Promise<StoredToken | undefined> {
    return this.#entries.get(key);
  }

  async set(key: string, value: StoredToken): Promise<void> {
    this.#entries.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async getLoginFailure(key: string): Promise<StoredLoginFailure | undefined> {
    return this.#failures.get(key);
  }

  async setLoginFailure(key: string, failure: StoredLoginFailure | undefined): Promise<void> {
    if (failure) this.#failures.set(key, failure);
    else this.#failures.delete(key);
  }
}
