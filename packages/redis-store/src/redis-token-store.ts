import { createHash } from 'node:crypto';
import type {
  ExchangeOnceOptions,
  StoredLoginFailure,
  StoredToken,
  TokenStore,
} from '@sf-jwt/core';
import { withCommandTimeout } from './command-timeout.js';
import { exchangeOnceLocked } from './exchange-lock.js';
import { createClient, type RedisClient } from './redis-client.js';
import { checkOptions, type RedisTokenStoreOptions } from './redis-token-store-options.js';
import { StoredValueCodec } from './stored-value-codec.js';
import { TokenCipher } from './token-cipher.js';

/**
 * A {@link TokenStore} on Redis: a fleet of processes shares one token and one exchange per expiry.
 *
 * @example
 * ```ts
 * const store = new RedisTokenStore({ redis: process.env.REDIS_URL!, encryptionKey: process.env.TOKEN_KEY });
 * const strategy = new JwtBearerStrategy({ ...config, store });
 * ```
 */
export class RedisTokenStore implements TokenStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #lockTtlMs: number;
  readonly #waitTimeoutMs: number;
  readonly #codec: StoredValueCodec;
  readonly #logger: { warn(message: string): void };
  #readyWait: Promise<void> | undefined;
  readonly #commandTimeoutMs: number;
  readonly #failoverWaitMs: number;
  readonly #ownsClient: boolean;
  #lastWarning = Number.NEGATIVE_INFINITY;

  /** @throws SalesforceAuthError `invalid_config` for a missing `redis` or a bad number option. */
  constructor(options: RedisTokenStoreOptions) {
    checkOptions(options);
    const commandTimeout = options.commandTimeoutMs ?? 1000;
    const { client, owned } = createClient(options.redis, commandTimeout);
    this.#ownsClient = owned;
    // Every command bounded, whatever the client's own settings (a Cluster, a client passed in).
    this.#redis = withCommandTimeout(client, commandTimeout);
    this.#failoverWaitMs = options.failoverWaitMs ?? 3 * commandTimeout;
    this.#prefix = options.prefix ?? 'sf-jwt:';
    this.#lockTtlMs = options.lockTtlMs ?? 30_000;
    this.#waitTimeoutMs = options.waitTimeoutMs ?? this.#lockTtlMs + 5000;
    const cipher = options.encryptionKey ? new TokenCipher(options.encryptionKey) : undefined;
    this.#codec = new StoredValueCodec(this.#redis, cipher, (message) => this.#warn(message));
    this.#logger = options.logger ?? { warn: (message) => console.warn(message) };
    this.#commandTimeoutMs = commandTimeout;
    this.#redis.on('error', (error: Error) =>
      this.#warn(
        `Redis unavailable (${error.message}); tokens are held in each process until it returns`,
      ),
    );
  }

  /** The Redis key for a strategy's cache key: hashed, so it never shows a username or a token. */
  keyFor(cacheKey: string): string {
    return redisKeyFor(cacheKey, this.#prefix);
  }

  async get(key: string): Promise<StoredToken | undefined> {
    try {
      await this.#ready();
      const redisKey = this.keyFor(key);
      return (await this.#codec.read(redisKey, 'expiresInMs')) as StoredToken | undefined;
    } catch (error) {
      this.#warn(
        `Redis get failed (${(error as Error).message}); this process keeps using the token it holds, and logs in once if it holds none`,
      );
      return undefined;
    }
  }

  async set(key: string, value: StoredToken): Promise<void> {
    try {
      await this.#ready();
      await this.#codec.write(this.keyFor(key), value);
    } catch (error) {
      this.#warn(
        `Redis set failed (${(error as Error).message}); the token is held in this process only, so other processes may log in once each`,
      );
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.#ready();
      await this.#redis.del(this.keyFor(key));
    } catch (error) {
      this.#warn(`Redis delete failed (${(error as Error).message})`);
    }
  }

  /** The login failure a process of the fleet remembered for this key (checked by the strategy). */
  async getLoginFailure(key: string): Promise<unknown> {
    try {
      await this.#ready();
      const failureKey = `${this.keyFor(key)}:failure`;
      return await this.#codec.read(failureKey, 'remainingMs');
    } catch (error) {
      this.#warn(`Redis get failed (${(error as Error).message}); login failures are not shared`);
      return undefined;
    }
  }

  /** Shares a login failure for its window (Redis expires it then), or forgets it. */
  async setLoginFailure(key: string, failure: StoredLoginFailure | undefined): Promise<void> {
    try {
      await this.#ready();
      const failureKey = `${this.keyFor(key)}:failure`;
      if (!failure) {
        await this.#redis.del(failureKey);
        return;
      }
      // The window's length, not `until` against this clock: clocks (and tests' clocks) differ.
      const ttlMs = Math.max(1, Math.ceil(failure.windowMs));
      await this.#redis.set(failureKey, this.#codec.encode(failureKey, failure), 'PX', ttlMs);
    } catch (error) {
      this.#warn(`Redis set failed (${(error as Error).message}); login failures are not shared`);
    }
  }

  /**
   * One exchange for the fleet under a Redis lock, with failover waits (exchange-lock.ts).
   */
  async exchangeOnce(key: string, options: ExchangeOnceOptions): Promise<StoredToken> {
    return exchangeOnceLocked(
      {
        redis: this.#redis,
        codec: this.#codec,
        lockTtlMs: this.#lockTtlMs,
        waitTimeoutMs: this.#waitTimeoutMs,
        failoverWaitMs: this.#failoverWaitMs,
        warn: (message) => this.#warn(message),
        ready: () => this.#ready(),
      },
      this.keyFor(key),
      options,
    );
  }

  /** Closes the Redis connection if the store opened it; a client passed in is the caller's to close. */
  async close(): Promise<void> {
    if (this.#ownsClient) this.#redis.disconnect();
  }

  /**
   * Commands fail at once while disconnected (no offline queue, so a dead Redis never holds a
   * request), so the first use waits, briefly, for the initial connection.
   */
  async #ready(): Promise<void> {
    const redis = this.#redis;
    if (!['wait', 'connecting', 'connect'].includes(redis.status)) return;
    if (redis.status === 'wait') redis.connect().catch(() => {});
    // One 'ready' listener for every caller waiting at once, however many (no
    // MaxListenersExceededWarning for a burst of cold calls).
    this.#readyWait ??= new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        this.#readyWait = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.#commandTimeoutMs);
      redis.once('ready', done);
    });
    await this.#readyWait;
  }

  #warn(message: string): void {
    // Once a second at most: a dead Redis must not flood the logs.
    const now = performance.now();
    if (now - this.#lastWarning < 1000) return;
    this.#lastWarning = now;
    this.#logger.warn(`[sf-jwt redis-store] ${message}`);
  }
}

/**
 * The Redis key a store with this prefix uses for a strategy's cache key.
 *
 * @example
 * ```ts
 * const lockKey = `${redisKeyFor(strategy.cacheKey)}:lock`;
 * ```
 */
export function redisKeyFor(cacheKey: string, prefix = 'sf-jwt:'): string {
  // In braces, a Cluster hash tag: the token, the lock and the failure share one slot.
  return `${prefix}{${createHash('sha256').update(cacheKey).digest('hex').slice(0, 40)}}`;
}
