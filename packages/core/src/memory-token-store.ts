import type { StoredLoginFailure, StoredToken, TokenStore } from './types.js';

/**
 * Options of a {@link MemoryTokenStore}.
 * @example
 * ```ts
 * const store = new MemoryTokenStore({ now: () => clock.ms });
 * ```
 */
export interface MemoryTokenStoreOptions {
  /**
   * The clock its TTLs are kept with (ms, any origin, never jumping).
   * @defaultValue `performance.now`
   */
  now?: () => number;
}

interface Entry<T> {
  readonly value: T;
  readonly expiresAt: number; // on this store's clock; Infinity for no TTL
}

/**
 * A {@link TokenStore} in a Map of this process. A strategy holds its token in memory anyway;
 * this store is for tests and for code written against the `TokenStore` interface. Like Redis,
 * it keeps a token's `expiresInMs` and a failure's `windowMs` as TTLs, and reports what remains.
 *
 * @example
 * ```ts
 * const store = new MemoryTokenStore();
 * const strategy = new JwtBearerStrategy({ ...config, store });
 * ```
 */
export class MemoryTokenStore implements TokenStore {
  readonly #entries = new Map<string, Entry<StoredToken>>();
  readonly #failures = new Map<string, Entry<StoredLoginFailure>>();
  readonly #now: () => number;

  constructor(options: MemoryTokenStoreOptions = {}) {
    this.#now = options.now ?? (() => performance.now());
  }

  async get(key: string): Promise<StoredToken | undefined> {
    const remaining = this.#remaining(this.#entries, key);
    if (remaining === undefined) return undefined;
    const { value } = this.#entries.get(key)!;
    return Number.isFinite(remaining) ? { ...value, expiresInMs: remaining } : value;
  }

  async set(key: string, value: StoredToken): Promise<void> {
    this.#entries.set(key, this.#entry(value, value?.expiresInMs));
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async getLoginFailure(key: string): Promise<StoredLoginFailure | undefined> {
    const remaining = this.#remaining(this.#failures, key);
    if (remaining === undefined) return undefined;
    return { ...this.#failures.get(key)!.value, remainingMs: remaining };
  }

  async setLoginFailure(key: string, failure: StoredLoginFailure | undefined): Promise<void> {
    if (failure) this.#failures.set(key, this.#entry(failure, failure.windowMs));
    else this.#failures.delete(key);
  }

  #entry<T>(value: T, ttlMs: unknown): Entry<T> {
    const ttl =
      typeof ttlMs === 'number' && !Number.isNaN(ttlMs) ? ttlMs : Number.POSITIVE_INFINITY;
    return { value, expiresAt: this.#now() + ttl };
  }

  #remaining(map: Map<string, Entry<unknown>>, key: string): number | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    const remaining = entry.expiresAt - this.#now();
    if (remaining > 0) return remaining;
    map.delete(key);
    return undefined;
  }
}
