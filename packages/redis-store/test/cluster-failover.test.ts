import { JwtBearerStrategy } from '@sf-jwt/core';
import type { RunningEmulator } from '@sf-jwt/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeyFor } from '../src/index.js';
import { configFromEnv } from './fleet.js';
import { startCluster } from './redis-cluster.js';
import { skipWithoutRedisServer } from './skip-without-redis-server.js';
import { startStormOrg, stopStorm, storm, warmFleet } from './storm.js';

// Without redis-server and redis-cli these tests are skipped with a notice; CI=true requires them.
const missing = skipWithoutRedisServer(['redis-server', 'redis-cli']);
let emulator: RunningEmulator;
let env: Record<string, string>;
let cluster: Awaited<ReturnType<typeof startCluster>>;
let slot: number;
let stale: string;

beforeAll(async () => {
  if (missing) return;
  cluster = await startCluster();
  await cluster.replicated();
  ({ emulator, env } = await startStormOrg({ REDIS_CLUSTER: JSON.stringify(cluster.nodes) }));
  const cacheKey = new JwtBearerStrategy(configFromEnv(env)).cacheKey;
  slot = await cluster.keyslot(redisKeyFor(cacheKey));
  stale = await warmFleet(env, 1);
}, 90_000);
afterAll(() => stopStorm(emulator));

describe('Redis Cluster: three masters with a replica each', () => {
  it('keeps the token, the lock and the failure of one strategy in one slot', async () => {
    const key = redisKeyFor('sf-jwt:https://login.salesforce.com:client:user@example.com');
    const slots = new Set(
      await Promise.all(
        [key, `${key}:lock`, `${key}:failure`].map((name) => cluster.keyslot(name)),
      ),
    );
    expect(slots.size).toBe(1);
  });

  it('the master of the slot killed mid refresh storm of 8 processes: at most 2 exchanges, no failed call', async () => {
    const before = await cluster.masterOf(slot);
    const result = await storm(emulator, env, stale, () => cluster.killMasterOf(slot));
    expect((await cluster.masterOf(slot)).port).not.toBe(before.port);
    expect(result.failures).toEqual([]);
    // A second exchange (the first one's token lost with the old master) hands out a second token:
    // both are valid, and no process is left with the stale one.
    expect(result.tokens.size).toBeLessThanOrEqual(result.exchanges);
    expect(result.exchanges).toBeGreaterThanOrEqual(1);
    expect(result.exchanges).toBeLessThanOrEqual(2);
    stale = [...result.tokens][0]!;
    console.info(
      `[cluster kill] exchanges ${result.exchanges}, slowest call ${result.slowestMs} ms`,
    );
  }, 120_000);

  it('the slot migrated to another master mid refresh storm of 8 processes: at most 2 exchanges, no failed call', async () => {
    const from = await cluster.masterOf(slot);
    const to = (await cluster.masters()).find((master) => master.port !== from.port)!;
    const result = await storm(emulator, env, stale, () => cluster.migrateSlot(slot, to));
    expect((await cluster.masterOf(slot)).port).toBe(to.port);
    expect(result.failures).toEqual([]);
    // A second exchange (the first one's token lost with the old master) hands out a second token:
    // both are valid, and no process is left with the stale one.
    expect(result.tokens.size).toBeLessThanOrEqual(result.exchanges);
    expect(result.exchanges).toBeGreaterThanOrEqual(1);
    expect(result.exchanges).toBeLessThanOrEqual(2);
    console.info(
      `[cluster migrate] exchanges ${result.exchanges}, slowest call ${result.slowestMs} ms`,
    );
  }, 120_000);
});
