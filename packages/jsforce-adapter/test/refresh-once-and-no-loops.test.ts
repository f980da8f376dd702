import { type AuthStrategy, SalesforceAuthError } from '@sf-jwt/core';
import { createKeyPairAndCertificate } from '@sf-jwt/emulator';
import jsforce from 'jsforce';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attach, createConnection } from '../src/index.js';
import { caught, type Org, startOrg } from './harness.js';

let env: Org;

beforeAll(async () => {
  env = await startOrg();
});
afterEach(() => env.emulator.clearFaults());
afterAll(() => env.emulator.stop());

describe('one exchange per burst', () => {
  it('refreshes once for 50 concurrent queries on one connection after expiry', async () => {
    const conn = await createConnection(env.strategy());
    env.emulator.expireSessions();
    const before = env.exchanges();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => conn.query('SELECT Id FROM Account')),
    );
    expect(results.every((result) => result.totalSize > 0)).toBe(true);
    expect(env.exchanges()).toBe(before + 1);
  });

  it('refreshes once for 5 connections sharing one strategy, each with 10 concurrent queries', async () => {
    const strategy = env.strategy();
    const connections = await Promise.all(
      Array.from({ length: 5 }, () => createConnection(strategy)),
    );
    env.emulator.expireSessions();
    const before = env.exchanges();
    const results = await Promise.all(
      connections.flatMap((conn) =>
        Array.from({ length: 10 }, () => conn.query('SELECT Id FROM Account')),
      ),
    );
    expect(results).toHaveLength(50);
    expect(env.exchanges()).toBe(before + 1);
  });

  it('still fires jsforce refresh events', async () => {
    const conn = await createConnection(env.strategy());
    const seen: string[] = [];
    conn.on('refresh', (accessToken: string) => seen.push(accessToken));
    env.emulator.expireSessions();
    await conn.query('SELECT Id FROM Account');
    expect(seen).toEqual([conn.accessToken]);
  });
});

describe('no loops', () => {
  it('fails with session_rejected within one refresh when the org keeps rejecting new tokens', async () => {
    const conn = await createConnection(env.strategy());
    env.emulator.injectFault({ endpoint: 'rest', mode: 'reject-session' });
    const before = env.exchanges();
    const started = Date.now();
    const error = await caught(() => conn.query('SELECT Id FROM Account'));
    expect(SalesforceAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'session_rejected', retryable: false });
    expect((error as SalesforceAuthError).hint).toMatch(/API Enabled/);
    expect(env.exchanges()).toBe(before + 1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('turns a stream of rejected requests into no further exchanges while the suspect backoff lasts', async () => {
    // A frozen clock: the backoff (1 s after the first suspect) outlasts the run on any machine.
    const frozen = Date.now();
    const conn = await createConnection(env.strategy({ now: () => frozen }));
    env.emulator.injectFault({ endpoint: 'rest', mode: 'reject-session' });
    const before = env.exchanges();
    for (let index = 0; index < 10; index += 1) {
      await expect(conn.query('SELECT Id FROM Account')).rejects.toMatchObject({
        code: 'session_rejected',
      });
    }
    const burst = await Promise.allSettled(
      Array.from({ length: 20 }, () => conn.query('SELECT Id FROM Account')),
    );
    expect(burst.every((result) => result.status === 'rejected')).toBe(true);
    expect(env.exchanges()).toBe(before + 1);
  });

  it('allows one new exchange after the backoff, and recovers once the org accepts the session', async () => {
    let now = Date.now();
    const strategy = env.strategy({ now: () => now, loginBudget: { suspectBackoffMs: 1000 } });
    const conn = await createConnection(strategy);
    env.emulator.injectFault({ endpoint: 'rest', mode: 'reject-session', times: 3 });
    const before = env.exchanges();
    await expect(conn.query('SELECT Id FROM Account')).rejects.toMatchObject({
      code: 'session_rejected',
    });
    now += 1001;
    const result = await conn.query('SELECT Id FROM Account');
    expect(result.totalSize).toBeGreaterThan(0);
    expect(env.exchanges()).toBe(before + 2);
  });

  it('applies the same policy to a strategy without one of its own (a custom AuthStrategy)', async () => {
    const real = env.strategy();
    let refreshes = 0;
    const custom: AuthStrategy = {
      name: 'custom',
      getToken: () => real.getToken(),
      refresh: (rejected) => {
        refreshes += 1;
        return real.refresh(rejected);
      },
    };
    let now = 0;
    const conn = await createConnection(custom, { now: () => now });
    env.emulator.injectFault({ endpoint: 'rest', mode: 'reject-session' });
    for (let index = 0; index < 10; index += 1) {
      await expect(conn.query('SELECT Id FROM Account')).rejects.toMatchObject({
        code: 'session_rejected',
      });
    }
    expect(refreshes).toBe(1); // the first suspect at once, then a 1 s backoff
    now += 1000;
    await expect(conn.query('SELECT Id FROM Account')).rejects.toBeTruthy();
    expect(refreshes).toBe(2);
    env.emulator.clearFaults();
  });
  it('a custom AuthStrategy: after its first session served, a replacement rejected before use is the first suspect and heals at once', async () => {
    // The inner strategy's own policy sees a minute pass before each refresh, so it never
    // waits: only the adapter's guard, on a clock that stands still, is tested.
    let innerNow = 0;
    const real = env.strategy({ monotonicNow: () => innerNow });
    const custom: AuthStrategy = {
      name: 'custom',
      getToken: () => real.getToken(),
      refresh: (rejected) => {
        innerNow += 60_000;
        return real.refresh(rejected);
      },
    };
    const conn = await createConnection(custom, { now: () => 0 }); // no time passes
    await conn.query('SELECT Id FROM Account'); // the first session serves
    const before = env.exchanges();
    // That session is rejected (an ordinary expiry), and so is its replacement (revoked at
    // once: a suspect, the first in a row, replaced without waiting).
    env.emulator.injectFault({ endpoint: 'rest', mode: 'reject-session', times: 2 });
    await expect(conn.query('SELECT Id FROM Account')).resolves.toMatchObject({ totalSize: 7 });
    expect(env.exchanges()).toBe(before + 2);
  });
});

describe('attach', () => {
  it('authenticates and heals a connection built by hand', async () => {
    const conn = new jsforce.Connection({ version: '62.0' });
    await attach(conn, env.strategy());
    expect(conn.instanceUrl).toBe(env.emulator.url);
    await conn.query('SELECT Id FROM Account');
    env.emulator.expireSessions();
    const before = env.exchanges();
    await expect(conn.query('SELECT Id FROM Account')).resolves.toMatchObject({ totalSize: 7 });
    expect(env.exchanges()).toBe(before + 1);
  });

  it('attached again, heals through the new strategy and observes each request once', async () => {
    const conn = new jsforce.Connection({ version: '62.0' });
    const first = env.strategy();
    const second = env.strategy();
    await attach(conn, first);
    await attach(conn, second);
    const transport = (conn as unknown as { _transport: { httpRequest: unknown } })._transport;
    const observed = transport.httpRequest;
    await attach(conn, second);
    expect(transport.httpRequest).toBe(observed); // wrapped once, however often attached
    const refreshes: string[] = [];
    first.on('refresh', () => refreshes.push('first'));
    second.on('refresh', () => refreshes.push('second'));
    env.emulator.expireSessions();
    const before = env.exchanges();
    await expect(conn.query('SELECT Id FROM Account')).resolves.toMatchObject({ totalSize: 7 });
    expect(refreshes).toEqual(['second']);
    expect(env.exchanges()).toBe(before + 1);
  });

  it('accepts a strategy config as well as a strategy', async () => {
    const conn = await attach(new jsforce.Connection({}), {
      clientId: env.org.clientId,
      username: env.org.username,
      privateKey: env.org.privateKey,
      loginUrl: env.emulator.url,
    });
    expect(conn.version).toBe('50.0'); // jsforce's own default: attach keeps a Connection's version
    await expect(conn.limits()).resolves.toHaveProperty('DailyApiRequests');
  });
});

describe('refresh errors', () => {
  it('hands an invalid_grant during refresh to the caller, typed and with its hint', async () => {
    const conn = await createConnection(env.strategy());
    const { certificate } = await createKeyPairAndCertificate();
    env.emulator.updateApp(env.org.clientId, { certificate });
    try {
      env.emulator.expireSessions();
      const error = await caught(() => conn.query('SELECT Id FROM Account'));
      expect(SalesforceAuthError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        code: 'invalid_assertion',
        error: 'invalid_grant',
        status: 400,
      });
      expect((error as SalesforceAuthError).hint).toMatch(/certificate/);
      expect(String((error as Error).message)).not.toContain(conn.accessToken ?? '!');
    } finally {
      env.emulator.updateApp(env.org.clientId, { certificate: env.org.certificate });
    }
  });

  it('reports a failing refresh to every waiting request with one call to the strategy', async () => {
    let refreshes = 0;
    const real = env.strategy();
    const failing: AuthStrategy = {
      name: 'failing',
      getToken: () => real.getToken(),
      refresh: async () => {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new SalesforceAuthError({
          code: 'inactive_user',
          status: 400,
          error: 'inactive_user',
          errorDescription: 'user is inactive',
        });
      },
    };
    const conn = await createConnection(failing);
    env.emulator.expireSessions();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => conn.query('SELECT Id FROM Account')),
    );
    expect(
      results.every(
        (result) =>
          result.status === 'rejected' &&
          SalesforceAuthError.isInstance(result.reason) &&
          result.reason.code === 'inactive_user',
      ),
    ).toBe(true);
    expect(refreshes).toBe(1);
  });
});
