import jsforce, { type Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from '../src/index.js';
import { type Org, startOrg } from './harness.js';

let env: Org;
let conn: Connection;
let firstPage: { nextRecordsUrl?: string };

beforeAll(async () => {
  // The Apex REST surface below needs a working answer: the emulator's opt-in echo.
  env = await startOrg({}, { apexRest: 'echo' });
  // Each surface below meets its own expiry, 16 within a second: more than the login policy's 10
  // rejected-session replacements a minute (that bound is tested in login-budget.test.ts).
  conn = await createConnection(
    env.strategy({ loginBudget: { maxRejectedRefreshesPerMinute: 100 } }),
  );
  // A cursor to page through later, once the session behind it has expired.
  firstPage = await conn.query('SELECT Id FROM Account');
});
afterAll(() => env.emulator.stop());

describe('createConnection', () => {
  it('runs the jsforce version this leg is meant to test', () => {
    const expected =
      process.env.SF_JWT_JSFORCE === 'latest' ? /^3\.10\.(1[7-9]|[2-9]\d)/ : /^3\.10\.16$/;
    expect(jsforce.VERSION).toMatch(expected);
  });

  it('returns a ready connection that queries with one exchange', async () => {
    expect(env.exchanges()).toBe(1);
    expect(conn.instanceUrl).toBe(env.emulator.url);
    expect(conn.version).toBe('62.0');
    const result = await conn.query('SELECT Id, Name FROM Account');
    expect(result.totalSize).toBe(7);
    expect(firstPage.nextRecordsUrl).toBeDefined();
    expect(env.exchanges()).toBe(1);
  });
});

// Each surface: expire every session, call it, and expect exactly one more token exchange.
const surfaces: Array<[string, (conn: Connection) => Promise<unknown>]> = [
  ['query', async (c) => c.query('SELECT Id FROM Account')],
  ['queryMore', async (c) => c.queryMore(firstPage.nextRecordsUrl!)],
  ['sobject create', (c) => c.sobject('Contact').create({ LastName: 'Healed' })],
  [
    'sobject retrieve',
    async (c) => c.sobject('Account').retrieve(String(env.emulator.records('Account')[0]!.Id)),
  ],
  [
    'sobject update',
    async (c) =>
      c
        .sobject('Account')
        .update({ Id: String(env.emulator.records('Account')[0]!.Id), Name: 'Renamed' }),
  ],
  [
    'sobject destroy',
    async (c) => {
      const id = String(env.emulator.records('Account').at(-1)!.Id);
      return c.sobject('Account').destroy(id);
    },
  ],
  ['describe', (c) => c.sobject('Account').describe()],
  ['limits', (c) => c.limits()],
  ['request', (c) => c.request('/services/data/v62.0/limits')],
  ['tooling', async (c) => c.tooling.query('SELECT Id FROM ApexClass')],
  ['apex REST', (c) => c.apex.get('/echo')],
  ['identity', (c) => c.identity()],
  [
    'bulk 2.0',
    (c) => c.bulk2.query('SELECT Id, Name FROM Account').then((records) => records.toArray()),
  ],
  ['bulk 1.0', (c) => c.bulk.createJob('Account', 'insert').info()],
  ['SOAP', (c) => c.soap.getUserInfo()],
  ['metadata (SOAP)', (c) => c.metadata.describe()],
];

describe('after expireSessions(), each surface heals with exactly one exchange', () => {
  it.each(surfaces)('%s', async (_name, call) => {
    env.emulator.expireSessions();
    const before = env.exchanges();
    await call(conn);
    expect(env.exchanges()).toBe(before + 1);
  });
});
