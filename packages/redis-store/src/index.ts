export type { RedisClient, RedisClusterConnection } from './redis-client.js';
export { RedisTokenStore, redisKeyFor } from './redis-token-store.js';
export type { RedisTokenStoreOptions } from './redis-token-store-options.js';
