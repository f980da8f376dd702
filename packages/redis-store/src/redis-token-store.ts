import { createHash, randomBytes } from 'node:crypto';
import type {
  ExchangeOnceOptions,
  StoredLoginFailure,
  StoredToken,
  TokenStore,
} from '@sf-jwt/core';
import { withCommandTimeout } from './command-timeout.js';
import { createClient, type RedisClient } from './redis-client.js';
import { isRedisError, sleep } from './redis-errors.js';
import { checkOptions, type RedisTokenStoreOptions } from './redis-token-store-options.js';
import { TokenCipher } from './token-cipher.js';

// A token past its age stays readable this much longer, for its audience only: a cold start then
// skips audience discovery. It is read back with 0 ms left, so no process serves it.
const AUDIENCE_GRACE_MS = 86_400_000;

// Deletes the lock only if this process still owns it (it may have expired and been taken over).
// A value and what remains of its TTL, by Redis's clock (the one clock the fleet shares).
const GET_WITH_TTL = "return {redis.call('get', KEYS[1]), redis.call('pttl', KEYS[1])}";

// Deletes the lock only if this process still owns it (it may have expired and been taken over).
const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

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
  readonly #cipher: TokenCipher | undefined;
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
    this.#cipher = options.encryptionKey ? new TokenCipher(options.encryptionKey) : undefined;
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
      return (await this.#read(redisKey, 'expiresInMs')) as StoredToken | undefined;
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
      await this.#write(this.keyFor(key), value);
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
      return await this.#read(failureKey, 'remainingMs');
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
      await this.#redis.set(failureKey, this.#encode(failureKey, failure), 'PX', ttlMs);
    } catch (error) {
      this.#warn(`Redis set failed (${(error as Error).message}); login failures are not shared`);
    }
  }

  /*
   * Distributed single flight. A process that needs a token first reads Redis: a token there
   * that is not the one it saw rejected is returned as is (compare-and-invalidate). Otherwise it
   * tries to take the lock (SET NX PX with a random owner): the holder reads once more, exchanges,
   * stores and releases (compare-and-delete, so an expired lock taken over by another is left
   * alone); the others poll with jitter until a new token appears or the lock frees. A holder
   * that dies leaves a lock that expires after lockTtlMs, and the next process takes over. While
   * Redis fails (a failover), the process retries for failoverWaitMs, then exchanges on its own;
   * when the wait runs out, too: slower, never stuck. Deadlines use the monotonic clock.
   */
  async exchangeOnce(key: string, options: ExchangeOnceOptions): Promise<StoredToken> {
    const redisKey = this.keyFor(key);
    const lockKey = `${redisKey}:lock`;
    const owner = `${process.pid}:${randomBytes(8).toString('hex')}`;
    const deadline = performance.now() + this.#waitTimeoutMs;
    let failingSince: number | undefined;
    while (performance.now() < deadline) {
      let holding = false;
      try {
        // Inside the retry: a Cluster refreshing its slots during a failover is not ready either.
        await this.#ready();
        const current = this.#usable(await this.#read(redisKey, 'expiresInMs'), options);
        if (current) return current;
        if ((await this.#redis.set(lockKey, owner, 'PX', this.#lockTtlMs, 'NX')) === 'OK') {
          holding = true;
          return await this.#exchangeHolding(redisKey, lockKey, owner, options);
        }
        failingSince = undefined;
      } catch (error) {
        if (holding || !isRedisError(error)) throw error;
        failingSince ??= performance.now();
        if (performance.now() - failingSince >= this.#failoverWaitMs) {
          this.#warn(
            `Redis unavailable (${(error as Error).message}); logging in once in this process, which then holds the token itself`,
          );
          return options.exchange();
        }
        this.#warn(`Redis unavailable (${(error as Error).message}); retrying (a failover?)`);
      }
      await sleep(40 + Math.random() * 80);
    }
    this.#warn('timed out waiting for another process to exchange; exchanging in this process');
    return options.exchange();
  }

  /** The lock holder's part: read once more, exchange, store, release (each retried briefly). */
  async #exchangeHolding(
    redisKey: string,
    lockKey: string,
    owner: string,
    options: ExchangeOnceOptions,
  ): Promise<StoredToken> {
    try {
      const raw = await this.#read(redisKey, 'expiresInMs').catch(() => undefined);
      const again = this.#usable(raw, options);
      if (again) return again;
      const fresh = await options.exchange();
      await this.#retrying(() => this.#write(redisKey, fresh)).catch((error: Error) =>
        this.#warn(`Redis set failed (${error.message})`),
      );
      return fresh;
    } finally {
      await this.#retrying(() => this.#redis.eval(RELEASE, 1, lockKey, owner)).catch(() => {});
    }
  }

  /** Runs a command again while Redis fails, for up to failoverWaitMs. */
  async #retrying<T>(command: () => Promise<T>): Promise<T> {
    const until = performance.now() + this.#failoverWaitMs;
    for (;;) {
      try {
        return await command();
      } catch (error) {
        if (!isRedisError(error) || performance.now() >= until) throw error;
        await sleep(40 + Math.random() * 80);
      }
    }
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

  /** A value with what remains of its TTL (ms, by Redis's clock) set as `field`. */
  async #read(redisKey: string, field: 'expiresInMs' | 'remainingMs'): Promise<unknown> {
    const [raw, ttl] = (await this.#redis.eval(GET_WITH_TTL, 1, redisKey)) as [
      string | null,
      number,
    ];
    const value = this.#decode(redisKey, raw);
    if (typeof value !== 'object' || value === null || !(ttl >= 0)) return value;
    const left = field === 'expiresInMs' ? Math.max(0, ttl - AUDIENCE_GRACE_MS) : ttl;
    return { ...value, [field]: left };
  }

  #usable(value: unknown, options: ExchangeOnceOptions) {
    if (value === undefined) return undefined;
    // The strategy checks shape, owner, age and trust; a value it refuses is replaced.
    if (options.accept) return options.accept(value);
    const stored = value as StoredToken;
    const rejected = options.rejectedAccessToken;
    return rejected !== undefined && stored.token?.accessToken === rejected ? undefined : stored;
  }

  // A token with an age limit is kept only as long as it may be served: Redis expires it.
  async #write(redisKey: string, value: StoredToken): Promise<void> {
    const ttl = value.expiresInMs;
    const encoded = this.#encode(redisKey, value);
    if (typeof ttl === 'number' && Number.isFinite(ttl)) {
      const px = Math.max(1, Math.ceil(ttl)) + AUDIENCE_GRACE_MS;
      await this.#redis.set(redisKey, encoded, 'PX', px);
    } else {
      await this.#redis.set(redisKey, encoded);
    }
  }

  #encode(redisKey: string, value: StoredToken | StoredLoginFailure): string {
    const json = JSON.stringify(value);
    // Bound to its Redis key: a ciphertext copied under another user's key does not decrypt.
    return this.#cipher ? this.#cipher.encrypt(json, redisKey) : json;
  }

  /** The parsed value, unchecked (the strategy checks it), or undefined when unreadable. */
  #decode(redisKey: string, raw: string | null): unknown {
    if (!raw) return undefined;
    try {
      return JSON.parse(this.#cipher ? this.#cipher.decrypt(raw, redisKey) : raw) as unknown;
    } catch {
      this.#warn(
        'a stored value could not be read (wrong encryptionKey, or copied from another key); replacing it',
      );
      return undefined;
    }
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
