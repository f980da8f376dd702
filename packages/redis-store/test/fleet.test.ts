import { JwtBearerStrategy } from '@sf-jwt/core';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore, redisKeyFor } from '../src/index.js';
import { type ChildResult, runChild } from './fleet.js';
import { childEnvOf, orgConfig, quiet, type Started, useRedisAndOrg } from './harness.js';

let childEnv: Record<string, string>;
let { redis, org, emulator } = {} as Started;
useRedisAndOrg({ keyFilePrefix: 'sf-jwt-fleet-' }, (started) => {
  ({ redis, org, emulator } = started);
  childEnv = {
    ...childEnvOf(started),
    // These processes refresh sessions they never used (suspects, by the login policy) back to
    // back; the suspect backoff has its own tests (login-budget.test.ts, core).
    SUSPECT_BACKOFF_MS: '1',
  };
});

const config = () => ({
  ...orgConfig({ org, emulator }),
  loginBudget: { suspectBackoffMs: 1 }, // as SUSPECT_BACKOFF_MS above
});
const fleet = (count: number, env: Record<string, string> = {}) =>
  Array.from({ length: count }, () => runChild({ ...childEnv, ...env }));
const tokensOf = (results: ChildResult[]) => new Set(results.flatMap((result) => result.tokens));

describe('a fleet of 8 processes sharing one RedisTokenStore', () => {
  let shared: string;

  it('makes exactly 1 exchange for 8 × 50 concurrent getToken() on a cold cache', async () => {
    const before = emulator.stats().tokenExchanges;
    const results = await Promise.all(fleet(8).map((child) => child.done));
    expect(emulator.stats().tokenExchanges).toBe(before + 1);
    expect(tokensOf(results).size).toBe(1);
    shared = [...tokensOf(results)][0]!;
  }, 60_000);

  it('makes exactly 1 exchange for 8 × 50 concurrent refresh(stale) after expireSessions()', async () => {
    emulator.expireSessions();
    const before = emulator.stats().tokenExchanges;
    const results = await Promise.all(fleet(8, { STALE_TOKEN: shared }).map((child) => child.done));
    expect(emulator.stats().tokenExchanges).toBe(before + 1);
    const tokens = tokensOf(results);
    expect(tokens.size).toBe(1);
    expect(tokens.has(shared)).toBe(false);
    shared = [...tokens][0]!;
  }, 60_000);

  it('survives the lock holder being killed mid-exchange with at most one more exchange', async () => {
    const lockKey = `${redisKeyFor(new JwtBearerStrategy(config()).cacheKey)}:lock`;
    const probe = new Redis(redis.url);
    emulator.expireSessions();
    emulator.injectFault({ endpoint: 'token', mode: 'latency', delayMs: 4000, times: 1 });
    const before = emulator.stats().tokenExchanges;
    const children = fleet(8, { STALE_TOKEN: shared, LOCK_TTL_MS: '1500' });
    // Kill the holder once its (slow) exchange has reached Salesforce, i.e. truly mid-exchange.
    let holder: string | null = null;
    for (
      let attempt = 0;
      attempt < 1200 && !(holder && emulator.stats().tokenExchanges > before);
      attempt += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      holder = await probe.get(lockKey);
    }
    expect(emulator.stats().tokenExchanges).toBe(before + 1);
    expect(holder).toBeTruthy();
    const holderPid = Number(holder!.split(':')[0]);
    process.kill(holderPid, 'SIGKILL');
    const settled = await Promise.allSettled(children.map((child) => child.done));
    probe.disconnect();
    const survivors = settled.filter(
      (result): result is PromiseFulfilledResult<ChildResult> => result.status === 'fulfilled',
    );
    const failures = settled
      .filter((result) => result.status === 'rejected')
      .map((result) => String((result as PromiseRejectedResult).reason));
    expect(failures, failures.join('\n')).toHaveLength(1);
    expect(tokensOf(survivors.map((result) => result.value)).size).toBe(1);
    expect(emulator.stats().tokenExchanges - before).toBeLessThanOrEqual(2);
    emulator.clearFaults();
  }, 60_000);
});

describe('in one process', () => {
  it('keeps serving in-process when Redis stops, and shares again when it returns', async () => {
    const warnings: string[] = [];
    const store = new RedisTokenStore({
      redis: redis.url,
      logger: { warn: (message) => warnings.push(message) },
      commandTimeoutMs: 300,
    });
    const strategy = new JwtBearerStrategy({ ...config(), store });
    const first = await strategy.getToken();
    await redis.stop();
    emulator.expireSessions();
    const started = Date.now();
    const second = await strategy.refresh(first.accessToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(strategy.getToken()).resolves.toBeTruthy();
    expect(warnings.join('\n')).toMatch(/Redis/);
    expect(warnings.join('\n')).not.toContain(second.accessToken);

    await redis.start();
    const reader = new RedisTokenStore({ redis: redis.url, logger: quiet });
    let sharedAgain = false;
    for (let attempt = 0; attempt < 50 && !sharedAgain; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const fresh = await strategy.refresh();
      sharedAgain = (await reader.get(strategy.cacheKey))?.token.accessToken === fresh.accessToken;
    }
    expect(sharedAgain).toBe(true);
    await store.close();
    await reader.close();
  }, 30_000);

  it('stores tokens encrypted at rest when given a key, under a key that names no user', async () => {
    const encryptionKey = Buffer.alloc(32, 7);
    const store = new RedisTokenStore({
      redis: redis.url,
      encryptionKey,
      logger: quiet,
      prefix: 'enc:',
    });
    const strategy = new JwtBearerStrategy({ ...config(), store });
    const token = await strategy.getToken();
    const raw = new Redis(redis.url);
    const keys = await raw.keys('enc:*');
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(org.username);
    const value = (await raw.get(keys[0]!))!;
    raw.disconnect();
    for (const secret of [token.accessToken, token.instanceUrl, token.userId])
      expect(value).not.toContain(secret);
    expect((await store.get(strategy.cacheKey))?.token.accessToken).toBe(token.accessToken);
    const wrongKey = new RedisTokenStore({
      redis: redis.url,
      encryptionKey: Buffer.alloc(32, 8),
      logger: quiet,
      prefix: 'enc:',
    });
    expect(await wrongKey.get(strategy.cacheKey)).toBeUndefined();
    await store.close();
    await wrongKey.close();
  });
});

describe('forced refresh', () => {
  it('replaces the shared token instead of handing the same one back', async () => {
    const store = new RedisTokenStore({ redis: redis.url, logger: quiet, prefix: 'forced:' });
    const strategy = new JwtBearerStrategy({ ...config(), store });
    const first = await strategy.getToken();
    const before = emulator.stats().tokenExchanges;
    const second = await strategy.refresh();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(emulator.stats().tokenExchanges).toBe(before + 1);
    expect((await store.get(strategy.cacheKey))?.token.accessToken).toBe(second.accessToken);
    await store.close();
  });
});
