import type { StoredLoginFailure, StoredToken } from '@sf-jwt/core';
import type { RedisClient } from './redis-client.js';
import type { TokenCipher } from './token-cipher.js';

// A token past its age stays readable this much longer, for its audience only: a cold start then
// skips audience discovery. It is read back with 0 ms left, so no process serves it.
const AUDIENCE_GRACE_MS = 86_400_000;

// A value and what remains of its TTL, by Redis's clock (the one clock the fleet shares).
const GET_WITH_TTL = "return {redis.call('get', KEYS[1]), redis.call('pttl', KEYS[1])}";

/**
 * How values are kept in Redis (internal): JSON, encrypted and bound to their key when the store
 * has an `encryptionKey`, read with what remains of their TTL, written with one.
 */
export class StoredValueCodec {
  readonly #redis: RedisClient;
  readonly #cipher: TokenCipher | undefined;
  readonly #warn: (message: string) => void;

  constructor(
    redis: RedisClient,
    cipher: TokenCipher | undefined,
    warn: (message: string) => void,
  ) {
    this.#redis = redis;
    this.#cipher = cipher;
    this.#warn = warn;
  }

  /** A value with what remains of its TTL (ms, by Redis's clock) set as `field`. */
  async read(redisKey: string, field: 'expiresInMs' | 'remainingMs'): Promise<unknown> {
    const [raw, ttl] = (await this.#redis.eval(GET_WITH_TTL, 1, redisKey)) as [
      string | null,
      number,
    ];
    const value = this.#decode(redisKey, raw);
    if (typeof value !== 'object' || value === null || !(ttl >= 0)) return value;
    const left = field === 'expiresInMs' ? Math.max(0, ttl - AUDIENCE_GRACE_MS) : ttl;
    return { ...value, [field]: left };
  }

  // A token with an age limit is kept only as long as it may be served: Redis expires it.
  async write(redisKey: string, value: StoredToken): Promise<void> {
    const ttl = value.expiresInMs;
    const encoded = this.encode(redisKey, value);
    if (typeof ttl === 'number' && Number.isFinite(ttl)) {
      const px = Math.max(1, Math.ceil(ttl)) + AUDIENCE_GRACE_MS;
      await this.#redis.set(redisKey, encoded, 'PX', px);
    } else {
      await this.#redis.set(redisKey, encoded);
    }
  }

  encode(redisKey: string, value: StoredToken | StoredLoginFailure): string {
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
}
