export {
  type RedisClient,
  RedisTokenStore,
  type RedisTokenStoreOptions,
  redisKeyFor,
} from './redis-token-store.js';
