import type { RunningEmulator } from '@sf-jwt/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSentinelGroup } from './redis-topology.js';
import { skipWithoutRedisServer } from './skip-without-redis-server.js';
import { startStormOrg, stopStorm, storm, warmFleet } from './storm.js';

// Without redis-server and redis-sentinel these tests are skipped with a notice; CI=true requires them.
const missing = skipWithoutRedisServer(['redis-server', 'redis-sentinel']);
let emulator: RunningEmulator;
let env: Record<string, string>;
let group: Awaited<ReturnType<typeof startSentinelGroup>>;

beforeAll(async () => {
  if (missing) return;
  group = await startSentinelGroup();
  ({ emulator, env } = await startStormOrg({ REDIS_SENTINELS: JSON.stringify(group.sentinels) }));
}, 60_000);
afterAll(() => stopStorm(emulator));

describe('Redis Sentinel: one master, one replica, three sentinels', () => {
  it('SENTINEL FAILOVER in the middle of a refresh storm of 8 processes costs at most 2 exchanges and no failed call', async () => {
    const stale = await warmFleet(env, 1);
    const before = await group.masterPort();
    const result = await storm(emulator, env, stale, () => group.failover());
    expect(await group.masterPort()).not.toBe(before);
    expect(result.failures).toEqual([]);
    // A second exchange (the first one's token lost with the old master) hands out a second token:
    // both are valid, and no process is left with the stale one.
    expect(result.tokens.size).toBeLessThanOrEqual(result.exchanges);
    expect(result.tokens.has(stale)).toBe(false);
    expect(result.exchanges).toBeGreaterThanOrEqual(1);
    expect(result.exchanges).toBeLessThanOrEqual(2);
    console.info(`[sentinel] exchanges ${result.exchanges}, slowest call ${result.slowestMs} ms`);
  }, 120_000);
});
