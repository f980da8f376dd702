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
  // Each failure with the monotonic time its window ends (its length, not `until` on this clock).
  readonly #failures = new Map<string, { failure: StoredLoginFailure; endsAt: number }>();

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
    const entry = this.#failures.get(key);
    if (entry && performance.now() >= entry.endsAt) this.#failures.delete(key);
    else return entry?.failure;
    return undefined;
  }

  async setLoginFailure(key: string, failure: StoredLoginFailure | undefined): Promise<void> {
    if (failure) {
      const endsAt = performance.now() + Math.max(1, failure.until - failure.failedAt);
      this.#failures.set(key, { failure, endsAt });
    } else this.#failures.delete(key);
  }
}
