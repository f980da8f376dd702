import { JwtBearerStrategy } from '@sf-jwt/core';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { orgConfig, type Started, useRedisAndOrg } from './harness.js';

// Four processes of a fleet (four strategies, each with its own Redis connection and nothing else
// shared) hold a JWT-based access token living 10 minutes; the clock is moved into the 2-minute
// refresh window before its expiry.
let clock = Date.now();

let { redis, org, emulator } = {} as Started;
useRedisAndOrg(
  { org: { accessTokenFormat: 'jwt', accessTokenLifetimeSeconds: 600 }, now: () => clock },
  (started) => ({ redis, org, emulator } = started),
);

describe('refresh before expiry in a fleet sharing Redis', () => {
  it('four processes with 25 callers each make one exchange for the window, and no caller waits', async () => {
    const stores = Array.from(
      { length: 4 },
      () => new RedisTokenStore({ redis: redis.url, logger: { warn: () => {} } }),
    );
    try {
      const fleet = stores.map(
        (store) =>
          new JwtBearerStrategy({
            ...orgConfig({ org, emulator }),
            store,
            now: () => clock,
          }),
      );
      const [first] = await Promise.all(fleet.map((process) => process.getToken()));
      expect(emulator.stats().tokenExchanges).toBe(1);

      clock += 500_000; // 100 s before expiry
      const calls = fleet.flatMap((process) =>
        Array.from({ length: 25 }, () => process.getToken()),
      );
      const during = await Promise.all(calls);
      expect(during.every((token) => token.accessToken === first!.accessToken)).toBe(true);

      // Each process's background refresh ends on the one token the first exchange stored.
      let held = await Promise.all(fleet.map((process) => process.getToken()));
      for (
        let turn = 0;
        turn < 400 && held.some((t) => t.accessToken === first!.accessToken);
        turn += 1
      ) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        held = await Promise.all(fleet.map((process) => process.getToken()));
      }
      expect(new Set(held.map((token) => token.accessToken)).size).toBe(1);
      expect(held[0]!.accessToken).not.toBe(first!.accessToken);
      expect(emulator.stats().tokenExchanges).toBe(2);
      // The new token's window is ahead: calls now make no exchange.
      await Promise.all(fleet.map((process) => process.getToken()));
      expect(emulator.stats().tokenExchanges).toBe(2);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
