import { type JwtBearerConfig, JwtBearerStrategy } from '@sf-jwt/core';
import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '@sf-jwt/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { type RedisServer, startRedis } from './redis-server.js';
import { skipWithoutRedisServer } from './skip-without-redis-server.js';

let org: TestOrg;
let emulator: RunningEmulator;
let redis: RedisServer;
// Without redis-server these tests are skipped with a notice; CI=true requires them.
const redisMissing = skipWithoutRedisServer();

beforeAll(async () => {
  if (redisMissing) return;
  redis = await startRedis();
  org = await createTestOrg();
  emulator = await startEmulator({ setup: org.setup });
}, 30_000);
afterAll(async () => {
  await emulator?.stop();
  await redis?.stop();
});

describe('a cold RedisTokenStore under a burst', () => {
  it('serves 200 concurrent first calls with one login and no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.name);
    process.on('warning', listen);
    // Not connected yet: every call waits for the connection.
    const store = new RedisTokenStore({ redis: redis.url, logger: { warn: () => {} } });
    const config: JwtBearerConfig = {
      clientId: org.clientId,
      username: org.username,
      privateKey: org.privateKey,
      loginUrl: emulator.url,
      store,
    };
    const before = emulator.stats().tokenExchanges;
    try {
      // 200 processes' worth of strategies in one: each reads the store before logging in.
      const tokens = await Promise.all(
        Array.from({ length: 200 }, () => new JwtBearerStrategy(config).getToken()),
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
      expect(emulator.stats().tokenExchanges - before).toBe(1);
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', listen);
      await store.close();
    }
  });
});
