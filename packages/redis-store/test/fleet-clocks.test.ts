import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChild } from './fleet.js';
import type { ClockChildResult } from './fleet-clock-child.js';
import { childEnvOf, type Started, useRedisAndOrg } from './harness.js';

const CHILD = fileURLToPath(new URL('./fleet-clock-child.ts', import.meta.url));
const TEN_MINUTES = 600_000;
let childEnv: Record<string, string>;
let { org, emulator } = {} as Started;
const clocksOrg = { usernames: ['age@example.com', 'window@example.com'] };
useRedisAndOrg({ org: clocksOrg, keyFilePrefix: 'sf-jwt-clocks-' }, (started) => {
  ({ org, emulator } = started);
  childEnv = childEnvOf(started); // each child names its own USERNAME
});

const child = (env: Record<string, string>) =>
  runChild<ClockChildResult>({ ...childEnv, ...env }, CHILD).done;

describe('four processes sharing Redis, one of them 10 min ahead', () => {
  it('serves no token past maxTokenAgeMs in any process, and refuses none', async () => {
    const maxAge = 1500;
    const env = { USERNAME: 'age@example.com', MAX_TOKEN_AGE_MS: String(maxAge), RUN_MS: '5000' };
    const before = emulator.stats().tokenExchanges;
    const results = await Promise.all(
      [TEN_MINUTES, 0, 0, 0].map((offset) => child({ ...env, CLOCK_OFFSET_MS: String(offset) })),
    );
    const issued = Object.assign({}, ...results.map((result) => result.issued));
    for (const result of results) {
      expect(result.codes).toEqual({});
      expect(Object.keys(result.served).length).toBeGreaterThan(0);
      for (const [token, [, last]] of Object.entries(result.served)) {
        // Ages by the machine's one true clock (the processes share it; only their `now` is off).
        expect(last - issued[token]).toBeLessThanOrEqual(maxAge + 250);
      }
    }
    // About one exchange per token age over the run, for the whole fleet.
    const exchanges = emulator.stats().tokenExchanges - before;
    expect(exchanges).toBeGreaterThanOrEqual(2);
    expect(exchanges).toBeLessThanOrEqual(Math.ceil(5000 / maxAge) + 4);
  }, 60_000);

  it('refuses no process longer than the failure window the ahead one shared', async () => {
    emulator.updateApp(org.clientId, { adminApproved: false });
    // A 30 s window: the others, starting seconds later on a busy machine, still meet it.
    const env = { USERNAME: 'window@example.com', FAILURE_BACKOFF_MS: '30000' };
    const failedBefore = emulator.stats().failedTokenExchanges;
    const ahead = await child({ ...env, CLOCK_OFFSET_MS: String(TEN_MINUTES), RUN_MS: '200' });
    expect(ahead.codes.user_not_approved).toBeGreaterThanOrEqual(1);
    const others = await Promise.all([0, 0, 0].map(() => child({ ...env, RUN_MS: '1500' })));
    for (const result of others) {
      // They took the shared failure on for what remains of its 30 s (+20 % jitter) by Redis's
      // clock, not for 10 min by the ahead process's.
      expect(result.codes.user_not_approved).toBeGreaterThan(0);
      expect(result.maxRetryAfterMs).toBeGreaterThan(0);
      expect(result.maxRetryAfterMs).toBeLessThanOrEqual(36_000);
    }
    expect(emulator.stats().failedTokenExchanges - failedBefore).toBe(1);
    emulator.updateApp(org.clientId, { adminApproved: true });
  }, 60_000);
});
