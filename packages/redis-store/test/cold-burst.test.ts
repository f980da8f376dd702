import { type JwtBearerConfig, JwtBearerStrategy } from '@sf-jwt/core';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { orgConfig, type Started, useRedisAndOrg } from './harness.js';

let { redis, org, emulator } = {} as Started;
useRedisAndOrg({}, (started) => ({ redis, org, emulator } = started));

describe('a cold RedisTokenStore under a burst', () => {
  it('serves 200 concurrent first calls with one login and no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.name);
    process.on('warning', listen);
    // Not connected yet: every call waits for the connection.
    const store = new RedisTokenStore({ redis: redis.url, logger: { warn: () => {} } });
    const config: JwtBearerConfig = {
      ...orgConfig({ org, emulator }),
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
