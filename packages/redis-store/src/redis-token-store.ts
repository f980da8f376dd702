import { createHash, randomBytes } from 'node:crypto';
import {
  type ExchangeOnceOptions,
  SalesforceAuthError,
  type StoredLoginFailure,
  type StoredToken,
  type TokenStore,
} from '@sf-jwt/core';
import { Redis, type RedisOptions } from 'ioredis';
import { TokenCipher } from './token-cipher.js';

/**
 * What the store needs of a Redis client: any ioredis-compatible client (another copy of
 * ioredis, or a wrapper) is accepted by shape, not by class.
 * @example
 * ```ts
 * const client: RedisClient = new Redis(process.env.REDIS_URL!);
 * ```
 */
export type RedisClient = Pick<
  Redis,
  'get' | 'set' | 'del' | 'eval' | 'on' | 'off' | 'once' | 'status' | 'connect' | 'disconnect'
>;

/**
 * Options for {@link RedisTokenStore}.
 * @example
 * ```ts
 * const options: RedisTokenStoreOptions = { redis: 'redis://127.0.0.1:6379', prefix: 'billing:' };
 * ```
 */
export interface RedisTokenStoreOptions {
  /** An ioredis-compatible client (yours to close), a redis:// URL, or ioredis options. */
  redis: RedisClient | string | RedisOptions;
  /**
   * Key prefix.
   * @defaultValue `'sf-jwt:'`
   */
  prefix?: string;
  /**
   * How long one process may hold the exchange lock, in ms.
   * @defaultValue 30000
   */
  lockTtlMs?: number;
  /**
   * How long a process waits for another's exchange before exchanging itself, in ms.
   * @defaultValue lockTtlMs + 5000
   */
  waitTimeoutMs?: number;
  /**
   * 32-byte key (Buffer or base64) to encrypt tokens at rest with AES-256-GCM.
   * @defaultValue undefined (tokens stored as JSON; protect Redis itself)
   */
  encryptionKey?: Buffer | string;
  /**
   * Where warnings go. Never receives a secret.
   * @defaultValue `console.warn`
   */
  logger?: { warn(message: string): void };
  /**
   * Timeout of each Redis command, in ms, so a slow Redis never hangs a request.
   * @defaultValue 1000
   */
  commandTimeoutMs?: number;
}

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
  readonly #commandTimeoutMs: number;
  readonly #ownsClient: boolean;
  #lastWarning = Number.NEGATIVE_INFINITY;

  /** @throws SalesforceAuthError `invalid_config` for a missing `redis` or a bad number option. */
  constructor(options: RedisTokenStoreOptions) {
    checkOptions(options);
    const commandTimeout = options.commandTimeoutMs ?? 1000;
    const resilient: RedisOptions = {
      commandTimeout,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(100 * times, 2000),
    };
    const given = isRedisClient(options.redis);
    this.#ownsClient = !given;
    this.#redis = given
      ? (options.redis as RedisClient)
      : typeof options.redis === 'string'
        ? new Redis(options.redis, resilient)
        : new Redis({ ...resilient, ...(options.redis as RedisOptions) });
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
      return (await this.#read(this.keyFor(key), 'expiresInMs')) as StoredToken | undefined;
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
      return await this.#read(`${this.keyFor(key)}:failure`, 'remainingMs');
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
      // A duration, kept by Redis's clock: no process's wall clock enters it.
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
   * that dies leaves a lock that expires after lockTtlMs, and the next process takes over. If
   * Redis fails, or the wait runs out, the process exchanges on its own: slower, never stuck.
   */
  async exchangeOnce(key: string, options: ExchangeOnceOptions): Promise<StoredToken> {
    const redisKey = this.keyFor(key);
    const lockKey = `${redisKey}:lock`;
    const owner = `${process.pid}:${randomBytes(8).toString('hex')}`;
    const deadline = performance.now() + this.#waitTimeoutMs;
    try {
      await this.#ready();
      while (performance.now() < deadline) {
        const current = this.#usable(await this.#read(redisKey, 'expiresInMs'), options);
        if (current) return current;
        if ((await this.#redis.set(lockKey, owner, 'PX', this.#lockTtlMs, 'NX')) === 'OK') {
          try {
            const again = this.#usable(await this.#read(redisKey, 'expiresInMs'), options);
            if (again) return again;
            const fresh = await options.exchange();
            await this.#write(redisKey, fresh).catch((error: Error) =>
              this.#warn(`Redis set failed (${error.message})`),
            );
            return fresh;
          } finally {
            await this.#redis.eval(RELEASE, 1, lockKey, owner).catch(() => {});
          }
        }
        await sleep(40 + Math.random() * 80);
      }
      this.#warn('timed out waiting for another process to exchange; exchanging in this process');
    } catch (error) {
      if (!isRedisError(error)) throw error;
      this.#warn(
        `Redis unavailable (${(error as Error).message}); logging in once in this process, which then holds the token itself`,
      );
    }
    return options.exchange();
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
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, this.#commandTimeoutMs);
      redis.once('ready', done);
    });
  }

  /** A value with what remains of its TTL (ms, by Redis's clock) set as `field`. */
  async #read(redisKey: string, field: 'expiresInMs' | 'remainingMs'): Promise<unknown> {
    const [raw, ttl] = (await this.#redis.eval(GET_WITH_TTL, 1, redisKey)) as [
      string | null,
      number,
    ];
    const value = this.#decode(redisKey, raw);
    if (typeof value !== 'object' || value === null || !(ttl >= 0)) return value;
    return { ...value, [field]: ttl };
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
      await this.#redis.set(redisKey, encoded, 'PX', Math.max(1, Math.ceil(ttl)));
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
  return `${prefix}${createHash('sha256').update(cacheKey).digest('hex').slice(0, 40)}`;
}

// By shape, not instanceof: a client from another copy of ioredis is still a client.
function isRedisClient(value: unknown): value is RedisClient {
  if (typeof value !== 'object' || value === null) return false;
  const client = value as Partial<Record<keyof RedisClient, unknown>>;
  return (['get', 'set', 'del', 'eval', 'on', 'once', 'off'] as const).every(
    (method) => typeof client[method] === 'function',
  );
}

function checkOptions(options: RedisTokenStoreOptions): void {
  const redis = (options as Partial<RedisTokenStoreOptions> | undefined)?.redis;
  if (typeof redis !== 'string' && (typeof redis !== 'object' || redis === null)) {
    throw new SalesforceAuthError({
      code: 'invalid_config',
      message: 'RedisTokenStore needs a redis option',
      hint: 'Pass { redis: process.env.REDIS_URL } or { redis: client } with an ioredis client.',
    });
  }
  for (const name of ['lockTtlMs', 'waitTimeoutMs', 'commandTimeoutMs'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new SalesforceAuthError({
        code: 'invalid_config',
        message: `${name} is ${String(value)}`,
        hint: `Set ${name} to a positive number of ms.`,
      });
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isRedisError(error: unknown): boolean {
  const name = (error as Error)?.name ?? '';
  const message = (error as Error)?.message ?? '';
  return (
    /Redis|Reply|MaxRetries|AbortError/.test(name) ||
    /Command timed out|Connection is closed|Stream isn't writeable|enableOfflineQueue/i.test(
      message,
    )
  );
}
