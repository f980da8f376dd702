import { Cluster, type ClusterNode, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

/**
 * What the store needs of a Redis client: any ioredis-compatible client (another copy of
 * ioredis, an ioredis `Cluster`, or a wrapper) is accepted by shape, not by class.
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
 * A Redis Cluster for the store to connect to (it closes it on `close()`). Every key of one
 * strategy carries the same hash tag, so the lock, the token and the failure share one slot.
 * @example
 * ```ts
 * const redis: RedisClusterConnection = { cluster: [{ host: '10.0.0.5', port: 6379 }] };
 * ```
 */
export interface RedisClusterConnection {
  /** Seed nodes; the client discovers the others. */
  cluster: ClusterNode[];
  /**
   * ioredis Cluster options; `redisOptions` are merged over the store's resilient defaults.
   * @defaultValue `{ enableOfflineQueue: false }` and the store's per-node defaults
   */
  clusterOptions?: ClusterOptions;
}

/** The client the store talks to, and whether the store opened it (then it closes it). */
export function createClient(
  redis: RedisClient | string | RedisOptions | RedisClusterConnection,
  commandTimeout: number,
): { client: RedisClient; owned: boolean } {
  if (isRedisClient(redis)) return { client: redis, owned: false };
  const resilient: RedisOptions = {
    commandTimeout,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(100 * times, 2000),
  };
  if (typeof redis === 'string') return { client: new Redis(redis, resilient), owned: true };
  if ('cluster' in redis && Array.isArray(redis.cluster)) {
    const options = redis.clusterOptions ?? {};
    const cluster = new Cluster(redis.cluster, {
      enableOfflineQueue: false,
      ...options,
      redisOptions: { ...resilient, ...options.redisOptions },
    });
    return { client: cluster as unknown as RedisClient, owned: true };
  }
  return { client: new Redis({ ...resilient, ...(redis as RedisOptions) }), owned: true };
}

// By shape, not instanceof: a client from another copy of ioredis is still a client.
function isRedisClient(value: unknown): value is RedisClient {
  if (typeof value !== 'object' || value === null) return false;
  const client = value as Partial<Record<keyof RedisClient, unknown>>;
  return (['get', 'set', 'del', 'eval', 'on', 'once', 'off'] as const).every(
    (method) => typeof client[method] === 'function',
  );
}
