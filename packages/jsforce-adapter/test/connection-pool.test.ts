import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '@sf-jwt/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConnectionPool } from '../src/index.js';

let org: TestOrg;
let emulator: RunningEmulator;
let keyFile: string;
beforeAll(async () => {
  const usernames = Array.from({ length: 20 }, (_, index) => `pool${index}@example.com`);
  org = await createTestOrg({ usernames });
  emulator = await startEmulator({ setup: org.setup });
  keyFile = join(mkdtempSync(join(tmpdir(), 'sf-jwt-pool-')), 'server.key');
  writeFileSync(keyFile, org.privateKey, { mode: 0o600 });
});
afterAll(() => emulator.stop());

const baseConfig = () => ({
  clientId: org.clientId,
  username: org.username,
  privateKey: org.privateKey,
  loginUrl: emulator.url,
});
const usernameOf = async (pool: ConnectionPool, subject: string) => {
  const connection = await pool.get(subject);
  const info = await connection.request<{ preferred_username: string }>(
    '/services/oauth2/userinfo',
  );
  return info.preferred_username;
};

describe('ConnectionPool (framework-neutral)', () => {
  it('gives 20 concurrent subjects only their own user, one exchange each', async () => {
    const pool = new ConnectionPool(baseConfig());
    const before = emulator.stats().tokenExchangesByUser;
    const calls = Array.from({ length: 100 }, (_, index) => org.usernames[(index * 7) % 20]!);
    const seen = await Promise.all(calls.map((subject) => usernameOf(pool, subject)));
    expect(seen.filter((username, index) => username !== calls[index])).toHaveLength(0);
    const after = emulator.stats().tokenExchangesByUser;
    for (const subject of org.usernames) expect(after[subject]! - (before[subject] ?? 0)).toBe(1);
    expect(pool.size).toBe(20);
  });

  it('frees subjects idle for idleMs with no further traffic', async () => {
    const pool = new ConnectionPool(baseConfig(), { idleMs: 300 });
    await Promise.all(org.usernames.slice(0, 5).map((subject) => pool.get(subject)));
    // On a loaded machine the first subjects may already be idle for 300 ms: at least one is held.
    expect(pool.size).toBeGreaterThan(0);
    // Bounded wait: 80 polls of 25 ms; autopurge frees them about 300 ms after their last use
    // (without it an idle subject stays until maxSubjects pushes it out).
    for (let poll = 0; poll < 80 && pool.size > 0; poll += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(pool.size).toBe(0);
  });

  it('holds one idle timer for all its subjects, not one per subject', async () => {
    // Fake timers count pending timers, unreferenced ones included (lru-cache's ttlAutopurge
    // would hold one per subject, 20 here). A stub strategy keeps the network, and its timers,
    // out of the count.
    const token = {
      accessToken: '00D000000000001!AQstub',
      instanceUrl: 'https://acme.my.salesforce.com',
      id: 'https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA',
      organizationId: '00D000000000001AAA',
      userId: '005000000000001AAA',
      tokenType: 'Bearer',
      issuedAt: Date.now(),
    };
    const stub = { name: 'stub', getToken: async () => token, refresh: async () => token };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const pool = new ConnectionPool(() => stub, { idleMs: 60_000 });
      await Promise.all(org.usernames.map((subject) => pool.get(subject)));
      expect(pool.size).toBe(20);
      // The pool's timer, and at most one of lru-cache's own (it caches the clock for 1 ms).
      expect(vi.getTimerCount()).toBeLessThanOrEqual(2);
      pool.clear();
      expect(vi.getTimerCount()).toBeLessThanOrEqual(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives every connection the same logout and login functions, not closures of its own', async () => {
    const pool = new ConnectionPool(baseConfig());
    const [first, second] = await Promise.all(
      org.usernames.slice(0, 2).map((subject) => pool.get(subject)),
    );
    for (const method of ['logout', 'logoutBySoap', 'login', 'loginBySoap'] as const) {
      expect(first![method]).toBe(second![method]);
    }
    await expect(first!.login('someone', 'secret')).rejects.toMatchObject({
      code: 'login_not_supported',
    });
  });

  it('reads and parses the key file once for the whole pool', async () => {
    const ownFile = join(mkdtempSync(join(tmpdir(), 'sf-jwt-pool-')), 'server.key');
    copyFileSync(keyFile, ownFile);
    const { privateKey: _pem, ...config } = baseConfig();
    const pool = new ConnectionPool({ ...config, privateKeyFile: ownFile });
    expect(await usernameOf(pool, org.usernames[0]!)).toBe(org.usernames[0]);
    rmSync(ownFile); // a second read would now fail with invalid_config
    expect(await usernameOf(pool, org.usernames[1]!)).toBe(org.usernames[1]);
    expect(await usernameOf(pool, '')).toBe(org.username);
  });

  it('keeps the failure memory of each subject: one failed login per unknown subject', async () => {
    // A frozen clock keeps the run inside one backoff window however slow the machine is.
    const frozen = Date.now();
    const pool = new ConnectionPool({ ...baseConfig(), now: () => frozen });
    const failedBefore = emulator.stats().failedTokenExchanges;
    const codes: string[] = [];
    for (let round = 0; round < 5; round += 1) {
      for (const subject of ['ghost1@example.com', 'ghost2@example.com']) {
        await Promise.resolve(pool.get(subject)).catch((error: { code: string }) => {
          codes.push(error.code);
        });
      }
    }
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(1);
    expect(emulator.stats().failedTokenExchanges - failedBefore).toBe(2);
    expect(await usernameOf(pool, org.usernames[2]!)).toBe(org.usernames[2]);
  });

  it('refuses a per-request subject with a single strategy, with invalid_config', async () => {
    const { JwtBearerStrategy } = await import('@sf-jwt/core');
    const pool = new ConnectionPool(new JwtBearerStrategy(baseConfig()));
    await expect(Promise.resolve(pool.get('someone@example.com'))).rejects.toMatchObject({
      code: 'invalid_config',
    });
  });
});
