import { randomBytes } from 'node:crypto';
import type { ExchangeOnceOptions, StoredToken } from '@sf-jwt/core';
import type { RedisClient } from './redis-client.js';
import { isRedisError, sleep } from './redis-errors.js';
import type { StoredValueCodec } from './stored-value-codec.js';

// Deletes the lock only if this process still owns it (it may have expired and been taken over).
const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** What the exchange lock needs from its store (internal). */
export interface ExchangeLockContext {
  readonly redis: RedisClient;
  readonly codec: StoredValueCodec;
  readonly lockTtlMs: number;
  readonly waitTimeoutMs: number;
  readonly failoverWaitMs: number;
  readonly warn: (message: string) => void;
  /** Waits, briefly, for the initial connection. */
  readonly ready: () => Promise<void>;
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
export async function exchangeOnceLocked(
  context: ExchangeLockContext,
  redisKey: string,
  options: ExchangeOnceOptions,
): Promise<StoredToken> {
  const { redis, codec, warn } = context;
  const lockKey = `${redisKey}:lock`;
  const owner = `${process.pid}:${randomBytes(8).toString('hex')}`;
  const deadline = performance.now() + context.waitTimeoutMs;
  let failingSince: number | undefined;
  while (performance.now() < deadline) {
    let holding = false;
    try {
      // Inside the retry: a Cluster refreshing its slots during a failover is not ready either.
      await context.ready();
      const current = usable(await codec.read(redisKey, 'expiresInMs'), options);
      if (current) return current;
      if ((await redis.set(lockKey, owner, 'PX', context.lockTtlMs, 'NX')) === 'OK') {
        holding = true;
        return await exchangeHolding(context, redisKey, lockKey, owner, options);
      }
      failingSince = undefined;
    } catch (error) {
      if (holding || !isRedisError(error)) throw error;
      failingSince ??= performance.now();
      if (performance.now() - failingSince >= context.failoverWaitMs) {
        warn(
          `Redis unavailable (${(error as Error).message}); logging in once in this process, which then holds the token itself`,
        );
        return options.exchange();
      }
      warn(`Redis unavailable (${(error as Error).message}); retrying (a failover?)`);
    }
    await sleep(40 + Math.random() * 80);
  }
  warn('timed out waiting for another process to exchange; exchanging in this process');
  return options.exchange();
}

/** The lock holder's part: read once more, exchange, store, release (each retried briefly). */
async function exchangeHolding(
  context: ExchangeLockContext,
  redisKey: string,
  lockKey: string,
  owner: string,
  options: ExchangeOnceOptions,
): Promise<StoredToken> {
  const { redis, codec } = context;
  try {
    const raw = await codec.read(redisKey, 'expiresInMs').catch(() => undefined);
    const again = usable(raw, options);
    if (again) return again;
    const fresh = await options.exchange();
    await retrying(context, () => codec.write(redisKey, fresh)).catch((error: Error) =>
      context.warn(`Redis set failed (${error.message})`),
    );
    return fresh;
  } finally {
    await retrying(context, () => redis.eval(RELEASE, 1, lockKey, owner)).catch(() => {});
  }
}

/** Runs a command again while Redis fails, for up to failoverWaitMs. */
async function retrying<T>(context: ExchangeLockContext, command: () => Promise<T>): Promise<T> {
  const until = performance.now() + context.failoverWaitMs;
  for (;;) {
    try {
      return await command();
    } catch (error) {
      if (!isRedisError(error) || performance.now() >= until) throw error;
      await sleep(40 + Math.random() * 80);
    }
  }
}

function usable(value: unknown, options: ExchangeOnceOptions) {
  if (value === undefined) return undefined;
  // The strategy checks shape, owner, age and trust; a value it refuses is replaced.
  if (options.accept) return options.accept(value);
  const stored = value as StoredToken;
  const rejected = options.rejectedAccessToken;
  return rejected !== undefined && stored.token?.accessToken === rejected ? undefined : stored;
}
