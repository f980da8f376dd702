import { MemoryTokenStore, SalesforceAuthError } from '@sf-jwt/core';
import { createTestOrg, startEmulator } from '@sf-jwt/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionPool, createConnection } from '../src/index.js';
import { type Org, startOrg } from './harness.js';

// Real jsforce against the emulator as a real HTTP server: login attempts are counted there.
let env: Org;
const logins = () =>
  env.emulator.stats().tokenExchanges + env.emulator.stats().failedTokenExchanges;

beforeAll(async () => {
  env = await startOrg();
});
afterEach(() => {
  env.emulator.clearFaults();
  env.emulator.updateApp(env.org.clientId, { adminApproved: true });
});
afterAll(() => env.emulator.stop());

describe('login budget through the adapter', () => {
  it('costs one failed login for 1,000 queries (200 sequential, 800 concurrent) after an expiry whose refresh is refused (user not approved)', async () => {
    // A frozen clock keeps the whole run inside one backoff window however slow the machine is
    // (the window's length and growth are tested in core with a fake clock).
    const frozen = Date.now();
    const conn = await createConnection(env.strategy({ now: () => frozen }));
    env.emulator.updateApp(env.org.clientId, { adminApproved: false });
    env.emulator.expireSessions();
    const before = logins();
    const codes = new Set<string>();
    for (let index = 0; index < 200; index += 1) {
      const error = await conn
        .query('SELECT Id FROM Account')
        .then(undefined, (thrown: unknown) => thrown);
      codes.add(SalesforceAuthError.isInstance(error) ? error.code : String(error));
    }
    for (let round = 0; round < 8; round += 1) {
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, () => conn.query('SELECT Id FROM Account')),
      );
      for (const result of results) {
        const reason = result.status === 'rejected' ? result.reason : undefined;
        codes.add(SalesforceAuthError.isInstance(reason) ? reason.code : String(reason));
      }
    }
    expect([...codes]).toEqual(['user_not_approved']);
    expect(logins() - before).toBe(1);
  }, 120_000);

  it('heals two org-wide expiries 5 s apart after successful traffic with one exchange each, no caller error', async () => {
    const clock = { now: Date.now() };
    const conn = await createConnection(env.strategy({ now: () => clock.now }));
    for (let expiry = 0; expiry < 2; expiry += 1) {
      await conn.query('SELECT Id FROM Account'); // traffic served by this session
      clock.now += 5000;
      env.emulator.expireSessions();
      const before = logins();
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, () => conn.query('SELECT Id FROM Account')),
      );
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      expect(logins() - before).toBe(1);
    }
  });

  it('costs at most 10 exchanges for 100 alternations of success and rejection within 1 s', async () => {
    const frozen = Date.now();
    const conn = await createConnection(env.strategy({ now: () => frozen }));
    const before = logins();
    const outcomes: string[] = [];
    for (let index = 0; index < 100; index += 1) {
      await conn.query('SELECT Id FROM Account');
      env.emulator.injectFault({ endpoint: 'rest', mode: 'reject-session', times: 1 });
      const result = await conn.query('SELECT Id FROM Account').then(
        () => 'healed',
        (error: unknown) => (SalesforceAuthError.isInstance(error) ? error.code : String(error)),
      );
      outcomes.push(result);
    }
    // Each rejection of a session that served is an ordinary expiry, healed at once, up to 10 a
    // minute; past that the caller gets login_budget_exhausted with retryAfterMs.
    expect(logins() - before).toBe(10);
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('healed'));
    expect(new Set(outcomes.slice(10))).toEqual(new Set(['login_budget_exhausted']));
  });

  it('fails each of 50 concurrent queries with one request when the login policy refuses the refresh, and heals once it admits one', async () => {
    const clock = { now: Date.now() };
    const conn = await createConnection(
      env.strategy({ now: () => clock.now, loginBudget: { maxRejectedRefreshesPerMinute: 1 } }),
    );
    await conn.query('SELECT Id FROM Account');
    env.emulator.expireSessions();
    await conn.query('SELECT Id FROM Account'); // the minute's one rejected session, replaced
    env.emulator.expireSessions();
    const before = { logins: logins(), ...env.emulator.stats() };
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => conn.query('SELECT Id FROM Account')),
    );
    const codes = results.map((result) =>
      result.status === 'rejected' && SalesforceAuthError.isInstance(result.reason)
        ? result.reason.code
        : result.status,
    );
    expect(new Set(codes)).toEqual(new Set(['login_budget_exhausted']));
    // Each query was sent once and rejected once: no resend with the rejected token.
    expect(env.emulator.stats().apiRequests - before.apiRequests).toBe(50);
    expect(env.emulator.stats().rejectedApiRequests - before.rejectedApiRequests).toBe(50);
    expect(logins()).toBe(before.logins);
    clock.now += 60_000; // the next minute admits a replacement
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBeGreaterThan(0);
    expect(logins()).toBe(before.logins + 1);
  });

  it('replaces a malformed stored value with one exchange and a working connection', async () => {
    const store = new MemoryTokenStore();
    const cacheKey = env.strategy().cacheKey;
    for (const value of [{}, 1, 'x', [], { token: null }, { token: {} }]) {
      await store.set(cacheKey, value as never);
      const before = logins();
      const conn = await createConnection(env.strategy({ store }));
      await expect(conn.query('SELECT Id FROM Account')).resolves.toMatchObject({ totalSize: 7 });
      expect(logins() - before).toBe(1);
    }
  });
});

describe('failure memory in a pool', () => {
  it('costs at most one failed login per subject per window for 60 unapproved subjects through 50 slots', async () => {
    const usernames = Array.from({ length: 60 }, (_, index) => `cycle${index}@example.com`);
    const org = await createTestOrg({ usernames });
    const emulator = await startEmulator({ setup: org.setup });
    try {
      emulator.updateApp(org.clientId, { adminApproved: false });
      const frozen = Date.now(); // one failure window for the whole run, however slow
      const pool = new ConnectionPool(
        {
          clientId: org.clientId,
          username: org.username,
          privateKey: org.privateKey,
          loginUrl: emulator.url,
          now: () => frozen,
        },
        { maxSubjects: 50 },
      );
      const codes = new Set<string>();
      for (let round = 0; round < 10; round += 1) {
        for (const subject of usernames) {
          const error = await Promise.resolve(pool.get(subject)).then(
            () => 'connected',
            (thrown: unknown) => (SalesforceAuthError.isInstance(thrown) ? thrown.code : 'other'),
          );
          codes.add(error);
        }
      }
      expect([...codes]).toEqual(['user_not_approved']);
      expect(emulator.stats().failedTokenExchanges).toBe(60);
      expect(pool.size).toBeLessThanOrEqual(50);
    } finally {
      await emulator.stop();
    }
  }, 60_000);
});

describe('clock skew against the emulator', () => {
  it('reports a local clock 10 min behind Salesforce as clock_skew with the offset', async () => {
    // The emulator's clock (and its Date header) is this machine's; the strategy's is 10 min late,
    // so its assertion has expired by the emulator's clock.
    const error = await createConnection(env.strategy({ now: () => Date.now() - 600_000 })).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ code: 'clock_skew', error: 'invalid_grant' });
    const skew = (error as SalesforceAuthError).clockSkewMs!;
    expect(Math.abs(skew - 600_000)).toBeLessThan(5_000);
  });
});
