import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '../src/index.js';
import { api, assertion, exchange } from './harness.js';

const INVALID = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
let org: TestOrg;
let emulator: RunningEmulator;
let now = Date.now();

beforeAll(async () => {
  org = await createTestOrg({
    records: {
      Account: Array.from({ length: 25 }, (_, index) => ({
        Name: `Account ${index}`,
        Industry: index % 2 ? 'Energy' : 'Retail',
      })),
    },
    extra: { org: { sessionTimeoutSeconds: 900 } },
  });
  // The Apex REST echo below is the emulator's opt-in; by default Apex REST is not supported.
  emulator = await startEmulator({ setup: org.setup, now: () => now, apexRest: 'echo' });
});
afterAll(() => emulator.stop());

async function login(): Promise<string> {
  return (await exchange(emulator.url, assertion(org, { exp: Math.floor(now / 1000) + 180 }))).body
    .access_token!;
}
const data = (path: string) => `${emulator.url}/services/data/v62.0${path}`;

describe('REST surface', () => {
  it('queries with WHERE and LIMIT, and pages through nextRecordsUrl', async () => {
    const token = await login();
    const first = (
      await api(
        data(
          `/query?q=${encodeURIComponent("SELECT Id, Name FROM Account WHERE Industry = 'Energy'")}`,
        ),
        token,
        { headers: { 'sforce-query-options': 'batchSize=5' } },
      )
    ).body as {
      totalSize: number;
      done: boolean;
      nextRecordsUrl: string;
      records: Array<{ Name: string }>;
    };
    expect(first.totalSize).toBe(12);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(5);
    const seen = [...first.records];
    let next: string | undefined = first.nextRecordsUrl;
    while (next) {
      const page = (await api(`${emulator.url}${next}`, token)).body as {
        done: boolean;
        nextRecordsUrl?: string;
        records: Array<{ Name: string }>;
      };
      seen.push(...page.records);
      next = page.nextRecordsUrl;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen.map((record) => record.Name)).size).toBe(12);
    const limited = (
      await api(data(`/query?q=${encodeURIComponent('SELECT Name FROM Account LIMIT 3')}`), token)
    ).body as { records: unknown[] };
    expect(limited.records).toHaveLength(3);
  });

  it('creates, retrieves, updates, describes and deletes records', async () => {
    const token = await login();
    const created = (await api(data('/sobjects/Contact'), token, {
      method: 'POST',
      body: JSON.stringify({ LastName: 'Doe' }),
    })) as { status: number; body: { id: string; success: boolean } };
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^003\w{15}$/);
    expect(
      (
        await api(data(`/sobjects/Contact/${created.body.id}`), token, {
          method: 'PATCH',
          body: JSON.stringify({ FirstName: 'Jane' }),
        })
      ).status,
    ).toBe(204);
    expect((await api(data(`/sobjects/Contact/${created.body.id}`), token)).body).toMatchObject({
      FirstName: 'Jane',
      LastName: 'Doe',
    });
    expect((await api(data('/sobjects/Contact/describe'), token)).body).toMatchObject({
      name: 'Contact',
      keyPrefix: '003',
    });
    expect(
      (await api(data(`/sobjects/Contact/${created.body.id}`), token, { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await api(data(`/sobjects/Contact/${created.body.id}`), token)).status).toBe(404);
  });

  it('serves versions, resources, limits, tooling, Apex REST echo, userinfo and the identity URL', async () => {
    const token = await login();
    expect(
      ((await api(`${emulator.url}/services/data`, token)).body as unknown[]).length,
    ).toBeGreaterThan(3);
    expect((await api(data('/'), token)).body).toHaveProperty('identity');
    expect((await api(data('/limits'), token)).body).toHaveProperty('DailyApiRequests');
    expect(
      (await api(data(`/tooling/query?q=${encodeURIComponent('SELECT Id FROM ApexClass')}`), token))
        .body,
    ).toMatchObject({ totalSize: 0 });
    expect(
      (
        await api(`${emulator.url}/services/apexrest/echo/it?x=1`, token, {
          method: 'POST',
          body: '{"a":1}',
        })
      ).body,
    ).toMatchObject({ method: 'POST', path: '/echo/it', body: { a: 1 } });
    const info = (await api(`${emulator.url}/services/oauth2/userinfo`, token)).body as {
      preferred_username: string;
      user_id: string;
      organization_id: string;
    };
    expect(info.preferred_username).toBe(org.username);
    expect(
      (await api(`${emulator.url}/id/${info.organization_id}/${info.user_id}`, token)).body,
    ).toMatchObject({ username: org.username });
  });

  it('answers an unknown token on every surface with 401 INVALID_SESSION_ID', async () => {
    for (const path of [
      '/services/data/v62.0/query?q=SELECT+Id+FROM+Account',
      '/services/data/v62.0/sobjects/Account/describe',
      '/services/data/v62.0/limits',
      '/services/apexrest/echo',
      '/services/oauth2/userinfo',
      '/services/data/v62.0/jobs/query',
    ]) {
      expect(await api(`${emulator.url}${path}`, '00Dbogus!AQbogus')).toEqual({
        status: 401,
        body: INVALID,
      });
    }
  });
});

describe('sessions', () => {
  it('expire after the org timeout of inactivity, and are extended by use', async () => {
    const token = await login();
    now += 800_000;
    expect((await api(data('/limits'), token)).status).toBe(200);
    now += 800_000;
    expect((await api(data('/limits'), token)).status).toBe(200);
    now += 901_000;
    expect(await api(data('/limits'), token)).toEqual({ status: 401, body: INVALID });
  });

  it('expire on demand, all or one', async () => {
    const one = await login();
    const two = await login();
    emulator.expireSession(one);
    expect((await api(data('/limits'), one)).status).toBe(401);
    expect((await api(data('/limits'), two)).status).toBe(200);
    emulator.expireSessions();
    expect((await api(data('/limits'), two)).status).toBe(401);
    expect(emulator.stats().rejectedApiRequests).toBeGreaterThan(0);
  });

  it('keeps no token in its request log', async () => {
    const token = await login();
    await api(data('/limits'), token);
    expect(JSON.stringify(emulator.requestLog())).not.toContain(token);
    expect(emulator.requestLog().at(-1)).toMatchObject({
      method: 'GET',
      status: 200,
      username: org.username,
    });
  });
});
