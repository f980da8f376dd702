import { createServer } from 'node:net';
import { type JwtBearerConfig, JwtBearerStrategy } from '@sf-jwt/core';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { orgConfig, quiet, type Started, useRedisAndOrg } from './harness.js';
import { startRedis } from './redis-server.js';

// A real redis-server and the emulator as a real HTTP server; logins are counted at the emulator.
const logins = () => emulator.stats().tokenExchanges + emulator.stats().failedTokenExchanges;

let { redis, org, emulator } = {} as Started;
useRedisAndOrg(
  { org: { usernames: ['alice@example.com', 'bob@example.com'] } },
  (started) => ({ redis, org, emulator } = started),
);

const config = (username = org.username): JwtBearerConfig => ({
  ...orgConfig({ org, emulator }, username),
});

function deadRedisUrl(): Promise<string> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(`redis://127.0.0.1:${port}`));
    });
  });
}

describe('a failing Redis costs at most one exchange per process', () => {
  it('Redis down from the start: 100 sequential and 100 concurrent getToken() cost one exchange', async () => {
    const warnings: string[] = [];
    const store = new RedisTokenStore({
      redis: await deadRedisUrl(),
      commandTimeoutMs: 50,
      logger: { warn: (message) => warnings.push(message) },
    });
    const strategy = new JwtBearerStrategy({ ...config(), store });
    const before = logins();
    for (let index = 0; index < 100; index += 1) await strategy.getToken();
    const tokens = await Promise.all(Array.from({ length: 100 }, () => strategy.getToken()));
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
    expect(logins() - before).toBe(1);
    expect(warnings.join('\n')).toMatch(/held in each process|logging in once in this process/);
    await store.close();
  });

  it('Redis dying after the first token: no further exchange for 200 calls', async () => {
    const server = await startRedis(); // its own server, to kill without disturbing the shared one
    const store = new RedisTokenStore({ redis: server.url, commandTimeoutMs: 50, logger: quiet });
    const strategy = new JwtBearerStrategy({ ...config(), store });
    const first = await strategy.getToken();
    await server.stop();
    const before = logins();
    for (let index = 0; index < 100; index += 1) {
      expect((await strategy.getToken()).accessToken).toBe(first.accessToken);
    }
    await Promise.all(Array.from({ length: 100 }, () => strategy.getToken()));
    expect(logins() - before).toBe(0);
    // An expiry while Redis is down: one exchange, then the new token is held in the process.
    emulator.expireSessions();
    await Promise.all(Array.from({ length: 100 }, () => strategy.refresh(first.accessToken)));
    await Promise.all(Array.from({ length: 100 }, () => strategy.getToken()));
    expect(logins() - before).toBe(1);
    await store.close();
  });
});

describe('the suspect streak is shared by the fleet', () => {
  it('refuses a second rejection before any success in every process, without a login', async () => {
    const store = () => new RedisTokenStore({ redis: redis.url, logger: quiet, prefix: 'cool:' });
    const stores = [store(), store(), store()];
    const [a, b, c] = stores.map((shared) => new JwtBearerStrategy({ ...config(), store: shared }));
    const first = await a!.getToken();
    expect((await b!.getToken()).accessToken).toBe(first.accessToken);
    const before = logins();
    const second = await a!.refresh(first.accessToken);
    expect((await b!.refresh(first.accessToken)).accessToken).toBe(second.accessToken);
    // The replacement carries the streak (a count, no clock) in the store: the second suspect in
    // a row waits 1 s from when each process received the session.
    for (const strategy of [a!, b!, c!]) {
      await expect(strategy.refresh(second.accessToken)).rejects.toMatchObject({
        code: 'session_rejected',
        retryAfterMs: expect.any(Number),
      });
    }
    expect(logins() - before).toBe(1);
    await Promise.all(stores.map((shared) => shared.close()));
  });
});

describe('the failure memory is shared by the fleet', () => {
  it('8 processes calling at once for an unapproved user cost one failed login per window', async () => {
    const store = () => new RedisTokenStore({ redis: redis.url, logger: quiet, prefix: 'fail:' });
    const stores = Array.from({ length: 8 }, store);
    // A user the org does not have: Salesforce answers invalid_grant, which no retry fixes.
    const fleet = stores.map(
      (shared) => new JwtBearerStrategy({ ...config('ghost@example.com'), store: shared }),
    );
    const failedBefore = emulator.stats().failedTokenExchanges;
    for (let round = 0; round < 5; round += 1) {
      const results = await Promise.allSettled(fleet.map((strategy) => strategy.getToken()));
      expect(results.every((result) => result.status === 'rejected')).toBe(true);
    }
    // The lock holder fails and shares the failure before releasing the lock; the next holder
    // finds it and does not log in. Without sharing, each of the 8 would log in once.
    expect(emulator.stats().failedTokenExchanges - failedBefore).toBe(1);
    const [first] = stores;
    const shared = await first!.getLoginFailure(fleet[0]!.cacheKey);
    expect(shared).toMatchObject({ code: expect.any(String), streak: 1 });
    expect(JSON.stringify(shared)).not.toMatch(/eyJ/);
    await fleet[0]!.clearLoginFailure();
    expect(await first!.getLoginFailure(fleet[0]!.cacheKey)).toBeUndefined();
    await Promise.all(stores.map((each) => each.close()));
  });
});

describe('stored values are untrusted input', () => {
  const plainValues = (good: Record<string, unknown>, token: Record<string, unknown>) => [
    '{}',
    '1',
    '"x"',
    '[]',
    '{"token":null}',
    '{"token":{}}',
    'not json',
    JSON.stringify({ ...good, token: { ...token, instanceUrl: 'https://attacker.example.com' } }),
    JSON.stringify({ ...good, token: { ...token, issuedAt: 'yesterday' } }),
    JSON.stringify({ ...good, cacheKey: 'sf-jwt:someone-else' }),
  ];

  it('replaces each of ten malformed values with one exchange, and no caller gets a non-token', async () => {
    const store = new RedisTokenStore({ redis: redis.url, logger: quiet, prefix: 'bad:' });
    const seed = new JwtBearerStrategy({ ...config(), store });
    await seed.getToken();
    const raw = new Redis(redis.url);
    const key = store.keyFor(seed.cacheKey);
    const good = JSON.parse((await raw.get(key))!) as Record<string, unknown>;
    for (const value of plainValues(good, good.token as Record<string, unknown>)) {
      await raw.set(key, value);
      const before = logins();
      const strategy = new JwtBearerStrategy({ ...config(), store });
      const tokens = await Promise.all(Array.from({ length: 20 }, () => strategy.getToken()));
      for (const token of tokens) {
        expect(typeof token.accessToken).toBe('string');
        expect(token.instanceUrl).toBe(emulator.url);
      }
      expect(logins() - before, value).toBe(1);
      expect(JSON.parse((await raw.get(key))!).token.accessToken).toBe(tokens[0]!.accessToken);
    }
    raw.disconnect();
    await store.close();
  });

  it("refuses a ciphertext moved to another user's key", async () => {
    const encryptionKey = Buffer.alloc(32, 9);
    const store = new RedisTokenStore({
      redis: redis.url,
      encryptionKey,
      logger: quiet,
      prefix: 'swap:',
    });
    const alice = new JwtBearerStrategy({ ...config('alice@example.com'), store });
    const bob = new JwtBearerStrategy({ ...config('bob@example.com'), store });
    const aliceToken = await alice.getToken();
    const bobToken = await bob.getToken();
    const raw = new Redis(redis.url);
    await raw.set(store.keyFor(bob.cacheKey), (await raw.get(store.keyFor(alice.cacheKey)))!);
    raw.disconnect();
    const before = logins();
    const freshBob = new JwtBearerStrategy({ ...config('bob@example.com'), store });
    const token = await freshBob.getToken();
    expect(token.accessToken).not.toBe(aliceToken.accessToken);
    expect(token.userId).toBe(bobToken.userId);
    expect(logins() - before).toBe(1);
    await store.close();
  });
});
