import { SalesforceAuthError } from '@sf-jwt/core';
import type { RedisOptions } from 'ioredis';
import type { RedisClient, RedisClusterConnection } from './redis-client.js';

/**
 * Options for {@link RedisTokenStore}.
 * @example
 * ```ts
 * const options: RedisTokenStoreOptions = { redis: 'redis://127.0.0.1:6379', prefix: 'billing:' };
 * ```
 */
export interface RedisTokenStoreOptions {
  /**
   * An ioredis-compatible client or `Cluster` (yours to close), a redis:// URL, ioredis options
   * (with `sentinels` and `name` for Redis Sentinel), or `{ cluster: nodes }` for a Redis Cluster.
   */
  redis: RedisClient | string | RedisOptions | RedisClusterConnection;
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
  /**
   * How long a process that needs a new token keeps retrying an unavailable Redis (a Sentinel
   * failover, a Cluster master replaced or a slot moving) before it logs in on its own, in ms.
   * Meanwhile the fleet keeps serving the tokens it holds.
   * @defaultValue 3 × commandTimeoutMs
   */
  failoverWaitMs?: number;
}

/** @throws SalesforceAuthError `invalid_config` for a missing `redis` or a bad number option. */
export function checkOptions(options: RedisTokenStoreOptions): void {
  const redis = (options as Partial<RedisTokenStoreOptions> | undefined)?.redis;
  if (typeof redis !== 'string' && (typeof redis !== 'object' || redis === null)) {
    throw new SalesforceAuthError({
      code: 'invalid_config',
      message: 'RedisTokenStore needs a redis option',
      hint: 'Pass { redis: process.env.REDIS_URL } or { redis: client } with an ioredis client.',
    });
  }
  for (const name of [
    'lockTtlMs',
    'waitTimeoutMs',
    'commandTimeoutMs',
    'failoverWaitMs',
  ] as const) {
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
