import type { StoredToken, TokenStore, TokenStoreSetOptions } from './types.js';

/**
 * The default {@link TokenStore}: a Map in this process, with optional expiry per entry.
 *
 * @example
 * ```ts
 * const store = new MemoryTokenStore();
 * const strategy = new JwtBearerStrategy({ ...config, store });
 * ```
 */
export class MemoryTokenStore implements TokenStore {
  readonly #entries = new Map<string, { value: StoredToken; expiresAt: number }>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async get(key: string): Promise<StoredToken | undefined> {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry?.value;
  }

  async set(key: string, value: StoredToken, options: TokenStoreSetOptions = {}): Promise<void> {
    const expiresAt =
      options.ttlMs === undefined ? Number.POSITIVE_INFINITY : this.#now() + options.ttlMs;
    this.#entries.set(key, { value, expiresAt });
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }
}
