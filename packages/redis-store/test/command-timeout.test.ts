import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { type RedisServer, startRedis } from './redis-server.js';
import { skipWithoutRedisServer } from './skip-without-redis-server.js';

// Without redis-server these tests are skipped with a notice; CI=true requires them.
const redisMissing = skipWithoutRedisServer();
let redis: RedisServer;
beforeAll(async () => {
  if (redisMissing) return;
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const PAUSE_MS = 4000;

describe('commands bounded by commandTimeoutMs', () => {
  it('answers get() from a client passed in with no timeout of its own while Redis hangs, long before Redis answers', async () => {
    // A client with no commandTimeout: alone, it would wait as long as Redis does.
    const client = new Redis(redis.url);
    const warnings: string[] = [];
    const store = new RedisTokenStore({
      redis: client,
      commandTimeoutMs: 300,
      logger: { warn: (message) => warnings.push(message) },
    });
    await store.set('key', { token: { accessToken: 'held' } as never });
    const admin = new Redis(redis.url);
    await admin.call('CLIENT', 'PAUSE', String(PAUSE_MS), 'ALL');
    const started = performance.now();
    const answer = await store.get('key');
    const waited = performance.now() - started;
    await admin.call('CLIENT', 'UNPAUSE');
    expect(answer).toBeUndefined(); // unknown: the strategy keeps the token it holds
    expect(waited).toBeLessThan(PAUSE_MS); // returned while Redis was still hanging
    expect(warnings.join('\n')).toMatch(/timed out/);
    // The ordinary day: once Redis answers, the same store reads the value again.
    expect((await store.get('key'))?.token.accessToken).toBe('held');
    admin.disconnect();
    client.disconnect();
  });
});
