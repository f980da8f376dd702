import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { clearSharedStrategies } from '@sf-jwt/core';
import jsforce, { type Connection, type UserInfo } from 'jsforce';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { listAccounts } from '../examples/esm-connection-per-call.js';
import { connectAll } from '../examples/own-strategy.js';
import { attach, createConnection, DEFAULT_API_VERSION } from '../src/index.js';
import { type Org, startOrg } from './harness.js';

// The three shapes of codebase from issue 18, each through the README's own example file.
let env: Org;
const saved = { ...process.env };
const require = createRequire(import.meta.url);
const builtCjs = fileURLToPath(new URL('../dist/index.cjs', import.meta.url));

beforeAll(async () => {
  env = await startOrg();
  Object.assign(process.env, env.env());
  delete process.env.SF_API_VERSION;
});
afterEach(() => env.emulator.clearFaults());
afterAll(async () => {
  process.env = saved;
  await env.emulator.stop();
});

async function identity(conn: Connection) {
  return (await conn.identity()) as unknown as { user_id: string; organization_id: string };
}

describe('a TypeScript ESM server that builds a Connection per call', () => {
  it('makes one token exchange in total for 20 calls', async () => {
    const before = env.exchanges();
    for (let call = 0; call < 20; call += 1) {
      const { accounts } = await listAccounts();
      expect(accounts.length).toBeGreaterThan(0);
    }
    expect(env.exchanges()).toBe(before + 1);
  });

  it('makes one token exchange for 20 concurrent calls on a cold start', async () => {
    clearSharedStrategies();
    const before = env.exchanges();
    const results = await Promise.all(Array.from({ length: 20 }, () => listAccounts()));
    expect(results.every(({ accounts }) => accounts.length > 0)).toBe(true);
    expect(env.exchanges()).toBe(before + 1);
  });

  it('keeps the default API version when `version: process.env.X` is unset', async () => {
    const conn = await createConnection(env.config(), {
      version: undefined,
      maxRequest: undefined,
    });
    expect(conn.version).toBe(DEFAULT_API_VERSION);
    await conn.query('SELECT Id FROM Account');
    const last = env.emulator.requestLog().at(-1);
    expect(last?.path).toContain(`/v${DEFAULT_API_VERSION}/`);
  });

  it('keeps an explicit version 50.0 in createConnection and attach, and on the wire', async () => {
    const created = await createConnection(env.config(), { version: '50.0' });
    const attached = await attach(new jsforce.Connection({ version: '50.0' }), env.config());
    for (const conn of [created, attached]) {
      expect(conn.version).toBe('50.0');
      await conn.query('SELECT Id FROM Account');
      expect(env.emulator.requestLog().at(-1)?.path).toContain('/v50.0/');
    }
  });

  it("sets the version given to attach, and keeps the Connection's own otherwise", async () => {
    const given = await attach(new jsforce.Connection({ version: '61.0' }), env.config(), {
      version: '63.0',
    });
    expect(given.version).toBe('63.0');
    const unset = await attach(new jsforce.Connection({ version: '61.0' }), env.config(), {
      version: undefined,
    });
    expect(unset.version).toBe('61.0');
  });

  it('builds a strategy of its own with shared: false', async () => {
    await createConnection(env.config());
    const before = env.exchanges();
    await createConnection(env.config(), { shared: false });
    expect(env.exchanges()).toBe(before + 1);
  });
});

describe('a codebase with a hand-rolled token fetch, moved to a strategy it builds', () => {
  it('authenticates createConnection and attach with one exchange between them', async () => {
    const before = env.exchanges();
    const [created, attached] = await connectAll();
    expect(env.exchanges()).toBe(before + 1);
    expect(attached.accessToken).toBe(created.accessToken);
    expect([created.version, attached.version]).toEqual(['63.0', '62.0']);
    await expect(attached.query('SELECT Id FROM Account')).resolves.toMatchObject({ totalSize: 7 });
  });
});

describe('code that reads what conn.login() used to set', () => {
  it('finds conn.userInfo.id and organizationId, the identity URL and the login URL', async () => {
    const conn = await createConnection(env.config());
    expectTypeOf(conn.userInfo).toEqualTypeOf<UserInfo>(); // no `!` needed (checked by tsc)
    const who = await identity(conn);
    expect(conn.userInfo.id).toBe(who.user_id);
    expect(conn.userInfo.organizationId).toBe(who.organization_id);
    expect(conn.userInfo.url).toBe(`${env.emulator.url}/id/${who.organization_id}/${who.user_id}`);
    expect(conn.loginUrl).toBe(env.emulator.url);
    expect(conn.oauth2.loginUrl).toBe(env.emulator.url);
    expect(conn.oauth2.revokeServiceUrl).toBe(`${env.emulator.url}/services/oauth2/revoke`);
  });

  it('still has them after the session healed', async () => {
    const conn = await createConnection(env.config());
    const userInfo = conn.userInfo;
    env.emulator.expireSessions();
    await conn.query('SELECT Id FROM Account');
    expect(conn.userInfo).toEqual(userInfo);
  });

  it('returns the same ids from listAccounts as the org reports', async () => {
    const { userId, orgId } = await listAccounts();
    const who = await identity(await createConnection(env.config()));
    expect([userId, orgId]).toEqual([who.user_id, who.organization_id]);
  });
});

describe('a CommonJS app, required from the built package', () => {
  beforeAll(() => {
    if (!existsSync(builtCjs)) {
      throw new Error(
        'Build first: pnpm --filter @sf-jwt/core build && pnpm --filter @sf-jwt/jsforce-adapter build',
      );
    }
  });

  it('exports a Connection at load time that attach logs in, heals and describes', async () => {
    const exported = require('../examples/attach-exported-connection.cjs') as {
      conn: Connection;
      ready: Promise<Connection>;
    };
    expect(await exported.ready).toBe(exported.conn);
    const { conn } = exported;
    expect(conn.version).toBe(DEFAULT_API_VERSION);
    expect(conn.loginUrl).toBe(env.emulator.url);
    expect(conn.userInfo?.organizationId).toBe((await identity(conn)).organization_id);
    env.emulator.expireSessions();
    const before = env.exchanges();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => conn.query('SELECT Id FROM Account')),
    );
    expect(results.map((result) => result.totalSize)).toEqual([7, 7, 7, 7, 7]);
    expect(env.exchanges()).toBe(before + 1);
  });

  it('creates a connection per call with require, one exchange for 20 calls', async () => {
    const { countAccounts } = require('../examples/commonjs-require.cjs') as {
      countAccounts: () => Promise<{ organizationId: string; totalSize: number }>;
    };
    await countAccounts();
    const before = env.exchanges();
    for (let call = 0; call < 20; call += 1) {
      expect((await countAccounts()).totalSize).toBe(7);
    }
    expect(env.exchanges()).toBe(before);
  });

  it('loads the CommonJS build, not the sources', () => {
    expect(require.resolve('@sf-jwt/jsforce-adapter')).toBe(builtCjs);
  });
});
