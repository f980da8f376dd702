import { fileURLToPath } from 'node:url';
import { JwtBearerStrategy } from '@sf-jwt/core';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { runChild } from './fleet.js';
import { childEnvOf, orgConfig, type Started, useRedisAndOrg } from './harness.js';
import type { ProactiveChildResult } from './proactive-refresh-child.js';

// Four real processes share one redis-server and hold one JWT-based access token living 10 min.
// Their wall clocks (and the emulator's) then move 500 s ahead, into the 2-minute refresh window.
const CHILD = fileURLToPath(new URL('./proactive-refresh-child.ts', import.meta.url));
const SHIFT_MS = 500_000;
let clock = Date.now();

let { redis, org, emulator, keyFile } = {} as Started;
useRedisAndOrg(
  {
    org: { accessTokenFormat: 'jwt', accessTokenLifetimeSeconds: 600 },
    now: () => clock,
    keyFilePrefix: 'sf-jwt-refresh-fleet-',
  },
  (started) => ({ redis, org, emulator, keyFile } = started),
);

describe('refresh before expiry in a fleet of four processes sharing Redis', () => {
  it('four processes × 25 concurrent getToken() in the window make one exchange, and no caller waits', async () => {
    // The shared token, put in the store by a fifth party before the fleet starts.
    const store = new RedisTokenStore({ redis: redis.url, logger: { warn: () => {} } });
    const seeder = new JwtBearerStrategy({
      ...orgConfig({ org, emulator }),
      store,
      now: () => clock,
    });
    const shared = (await seeder.getToken()).accessToken;
    await store.close();
    expect(emulator.stats().tokenExchanges).toBe(1);

    const env = {
      ...childEnvOf({ redis, org, emulator, keyFile }),
      SHIFT_MS: String(SHIFT_MS),
      CONCURRENCY: '25',
    };
    const fleet = Array.from({ length: 4 }, () => runChild<ProactiveChildResult>(env, CHILD));
    // Each process holds the shared token (read from the store, no exchange) before the window.
    await Promise.all(
      fleet.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            let out = '';
            child.stdout!.on('data', (chunk) => {
              out += chunk;
              if (out.includes('ready\n')) resolve();
            });
          }),
      ),
    );
    expect(emulator.stats().tokenExchanges).toBe(1);

    clock += SHIFT_MS;
    for (const { child } of fleet) child.stdin!.write('go\n');
    const results = await Promise.all(fleet.map(({ done }) => done));

    for (const result of results) {
      expect(result.first).toBe(shared);
      // Every call made before the new token was held returned the current one at once.
      expect(result.during).toEqual([shared]);
    }
    const finals = new Set(results.map((result) => result.final));
    expect(finals.size).toBe(1);
    expect(finals.has(shared)).toBe(false);
    // One exchange for the whole fleet's window.
    expect(emulator.stats().tokenExchanges).toBe(2);
  }, 30_000);
});
