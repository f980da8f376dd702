import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '../src/index.js';
import { api, assertion, exchange } from './harness.js';

let org: TestOrg;
let emulator: RunningEmulator;
let conn: Connection;

async function login(): Promise<string> {
  return (await exchange(emulator.url, assertion(org))).body.access_token!;
}

beforeAll(async () => {
  org = await createTestOrg();
  emulator = await startEmulator({ setup: org.setup, controlEndpoints: true });
  conn = new Connection({ instanceUrl: emulator.url, accessToken: await login(), version: '62.0' });
});
afterAll(() => emulator.stop());

describe('REST resources beyond sObjects', () => {
  it('serves only the listed API versions; any other is NOT_FOUND', async () => {
    const token = await login();
    const versions = (await api(`${emulator.url}/services/data`, token)).body as Array<{
      version: string;
    }>;
    expect(versions.map((entry) => entry.version)).toContain('62.0');
    expect(versions.at(-1)!.version).toBe('68.0');
    expect((await api(`${emulator.url}/services/data/v50.0/limits`, token)).status).toBe(200);
    const unlisted = await api(`${emulator.url}/services/data/v99.0/limits`, token);
    expect(unlisted).toEqual({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
    });
    const soap = await fetch(`${emulator.url}/services/Soap/u/99.0`, { method: 'POST', body: '' });
    expect(soap.status).toBe(500);
    expect(await soap.text()).toContain('<faultcode>sf:UNSUPPORTED_API_VERSION</faultcode>');
    const bulk = await fetch(`${emulator.url}/services/async/99.0/job`, {
      method: 'POST',
      headers: { 'x-sfdc-session': token },
    });
    expect(bulk.status).toBe(400);
    expect(await bulk.text()).toContain('<exceptionCode>InvalidVersion</exceptionCode>');
  });

  it('/limits has Salesforce set of keys, each with Max and Remaining', async () => {
    const limits = await conn.limits();
    expect(Object.keys(limits).length).toBeGreaterThan(40);
    expect(limits).toHaveProperty('DailyApiRequests.Max', 15000);
    expect(limits).toHaveProperty('DailyBulkApiBatches');
    expect(limits).toHaveProperty('SingleEmail');
  });

  it('SOSL: FIND {term} RETURNING Object(fields) through jsforce search', async () => {
    const result = await conn.search('FIND {glob*} RETURNING Account(Id, Name), Contact(Name)');
    expect(result.searchRecords.map((record) => (record as { Name?: string }).Name)).toEqual([
      'Globex',
    ]);
    await expect(conn.search('FIND {Acme} RETURNING Nope__c(Id)')).rejects.toMatchObject({
      errorCode: 'INVALID_TYPE',
    });
  });

  it('composite sObject collections: create, read, update, delete, and allOrNone rolls back', async () => {
    const created = await conn
      .sobject('Contact')
      .create([{ LastName: 'One' }, { LastName: 'Two' }], { allOrNone: true });
    expect(created.map((result) => result.success)).toEqual([true, true]);
    const ids = created.map((result) => result.id!);
    const read = await conn.sobject('Contact').retrieve(ids, { fields: ['LastName'] } as never);
    expect(read.map((record) => (record as { LastName: string }).LastName)).toEqual(['One', 'Two']);
    const updated = await conn
      .sobject('Contact')
      .update(ids.map((Id) => ({ Id, FirstName: 'Ann' })));
    expect(updated.every((result) => result.success)).toBe(true);
    expect(emulator.records('Contact').map((record) => record.Name)).toEqual([
      'Ann One',
      'Ann Two',
    ]);
    const rolledBack = await conn
      .sobject('Contact')
      .create([{ LastName: 'Three' }, { FirstName: 'NoLastName' }], { allOrNone: true });
    expect(rolledBack.map((result) => result.success)).toEqual([false, false]);
    expect(
      (rolledBack[1] as { errors: Array<{ errorCode?: string; statusCode?: string }> }).errors[0],
    ).toMatchObject({
      statusCode: 'REQUIRED_FIELD_MISSING',
      fields: ['LastName'],
    });
    expect(emulator.records('Contact').some((record) => record.LastName === 'Three')).toBe(false);
    const deleted = await conn.sobject('Contact').destroy(ids);
    expect(deleted.every((result) => result.success)).toBe(true);
    expect(emulator.records('Contact')).toHaveLength(0);
  });

  it('tooling executeAnonymous answers the documented not-supported fault, never a fake success', async () => {
    await expect(conn.tooling.executeAnonymous('System.debug(1);')).rejects.toMatchObject({
      errorCode: 'FUNCTIONALITY_NOT_ENABLED',
    });
  });

  it('singleaccess hands out a front-door URL on the instance', async () => {
    const token = await login();
    const response = await fetch(`${emulator.url}/services/oauth2/singleaccess`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const { frontdoor_uri } = (await response.json()) as { frontdoor_uri: string };
    expect(frontdoor_uri.startsWith(`${emulator.url}/secur/frontdoor.jsp?otp=`)).toBe(true);
  });

  it('singleaccess answers GET as `sf org open` sends it, with redirect_uri, and 403 for a dead session', async () => {
    const token = await login();
    const url = `${emulator.url}/services/oauth2/singleaccess?redirect_uri=${encodeURIComponent('/lightning/setup')}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const { frontdoor_uri } = (await response.json()) as { frontdoor_uri: string };
    expect(new URL(frontdoor_uri).searchParams.get('retURL')).toBe('/lightning/setup');
    emulator.expireSessions();
    const dead = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(dead.status).toBe(403);
    expect(await dead.json()).toMatchObject([{ errorCode: 'INVALID_SESSION_ID' }]);
    const put = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${token}` } });
    expect(put.status).toBe(405);
  });

  it('revoke: form field token, 200, then that token is INVALID_SESSION_ID; an unknown token is 400', async () => {
    const token = await login();
    const revoked = await fetch(`${emulator.url}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(revoked.status).toBe(200);
    expect(await api(`${emulator.url}/services/data/v62.0/limits`, token)).toMatchObject({
      status: 401,
      body: [{ errorCode: 'INVALID_SESSION_ID' }],
    });
    const again = await fetch(`${emulator.url}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(again.status).toBe(400);
    expect(emulator.stats().revokedTokens).toBe(1);
  });

  it('keeps at most 1000 query locators: the oldest then answers INVALID_QUERY_LOCATOR', async () => {
    const token = await login();
    const url = `${emulator.url}/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Account')}`;
    const page = async () =>
      (await api(url, token, { headers: { 'sforce-query-options': 'batchSize=1' } })).body as {
        nextRecordsUrl: string;
      };
    const first = await page();
    for (let index = 0; index < 1000; index += 1) await page();
    const stale = await api(`${emulator.url}${first.nextRecordsUrl}`, token);
    expect(stale).toMatchObject({ status: 400, body: [{ errorCode: 'INVALID_QUERY_LOCATOR' }] });
  });

  it('control endpoints expire sessions and read counters from outside the process', async () => {
    const token = await login();
    const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as {
      tokenExchanges: number;
    };
    expect(stats.tokenExchanges).toBe(emulator.stats().tokenExchanges);
    const expired = await fetch(`${emulator.url}/__emulator/sessions/expire`, { method: 'POST' });
    expect(expired.status).toBe(200);
    expect((await api(`${emulator.url}/services/data/v62.0/limits`, token)).status).toBe(401);
  });
});
