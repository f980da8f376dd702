import { inspect } from 'node:util';
import jsforce, { type Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attach, ConnectionPool, createConnection } from '../src/index.js';
import { type Org, startOrg } from './harness.js';

let env: Org;
beforeAll(async () => {
  env = await startOrg();
});
afterAll(() => env.emulator.stop());

/** What a request log would hold: console.log's rendering, a deep one, and JSON. */
function printed(conn: Connection) {
  return {
    inspected: inspect(conn),
    deep: inspect({ request: { sf: conn } }, { depth: 10, showHidden: true }),
    json: JSON.stringify(conn),
  };
}

function expectNoToken(conn: Connection) {
  const token = conn.accessToken!;
  expect(token.length).toBeGreaterThan(20);
  const { inspected, deep, json } = printed(conn);
  for (const text of [inspected, deep, json]) {
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('!')[1]!);
  }
  expect(JSON.parse(json)).toEqual({
    instanceUrl: conn.instanceUrl,
    version: conn.version,
    userId: conn.userInfo!.id,
    organizationId: conn.userInfo!.organizationId,
  });
  expect(inspected).toContain(conn.instanceUrl);
  expect(inspected).toContain(conn.userInfo!.id);
  expect(inspected).toContain(conn.version);
}

describe('connections sf-jwt hands out print and serialise without their token', () => {
  it('from createConnection', async () => {
    expectNoToken(await createConnection(env.strategy()));
  });

  it('from attach, on a Connection the app built', async () => {
    expectNoToken(await attach(new jsforce.Connection({ version: '61.0' }), env.strategy()));
  });

  it('from the pool, for the integration user and a subject', async () => {
    const pool = new ConnectionPool(env.config());
    expectNoToken(await pool.get(''));
    expectNoToken(await pool.get(env.org.usernames[0]!));
    pool.clear();
  });

  it('after a refresh replaced the token, and still works as a Connection', async () => {
    const conn = await createConnection(env.strategy());
    const before = conn.accessToken;
    env.emulator.expireSessions();
    const { totalSize } = await conn.query('SELECT Id FROM Account');
    expect(totalSize).toBeGreaterThan(0);
    expect(conn.accessToken).not.toBe(before);
    expectNoToken(conn);
    expect(Object.keys(conn)).not.toContain('toJSON');
  });
});
