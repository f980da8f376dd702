import { tokenStoreContract } from '@sf-jwt/core/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createStore } from './contract-store.js';
import { type RedisServer, startRedis } from './redis-server.js';
import { skipWithoutRedisServer } from './skip-without-redis-server.js';

let redis: RedisServer;
// Without redis-server these tests are skipped with a notice; CI=true requires them.
const redisMissing = skipWithoutRedisServer();
beforeAll(async () => {
  if (redisMissing) return;
  redis = await startRedis();
  process.env.CONTRACT_REDIS_URL = redis.url;
});
afterAll(async () => {
  await redis?.stop();
});

tokenStoreContract({
  name: 'RedisTokenStore',
  runner: { describe, it },
  createStore,
  processes: {
    module: new URL('./contract-store.ts', import.meta.url).href,
    execArgv: ['--import', 'tsx'],
    env: () => ({ CONTRACT_REDIS_URL: redis.url }),
  },
});
