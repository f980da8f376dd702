import { SalesforceAuthError } from '@sf-jwt/core';
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

/** What Salesforce answers to a bare REST call with this token. */
async function statusWith(accessToken: string): Promise<number> {
  const response = await fetch(`${env.emulator.url}/services/data/v62.0/limits`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  await response.body?.cancel();
  return response.status;
}

describe('logout()', () => {
  it('revokes the token at the strategy login URL and drops it from the shared cache', async () => {
    const conn = await createConnection(env.config());
    const revoked = conn.accessToken!;
    expect(await statusWith(revoked)).toBe(200);
    await conn.logout();
    expect(await statusWith(revoked)).toBe(401);
    expect(env.emulator.requestLog().at(-2)).toMatchObject({
      method: 'POST',
      path: '/services/oauth2/revoke',
      status: 200,
    });
    expect(conn.accessToken).toBeNull();
    expect(conn.userInfo).toBeNull();

    const before = env.exchanges();
    const next = await createConnection(env.config());
    expect(next.accessToken).not.toBe(revoked);
    expect(env.exchanges()).toBe(before + 1);
    await expect(next.query('SELECT Id FROM Account')).resolves.toMatchObject({ totalSize: 7 });
  });

  it('revokes a connection that attach authenticated', async () => {
    const conn = await attach(new jsforce.Connection({}), env.strategy());
    const revoked = conn.accessToken!;
    await conn.logout();
    expect(await statusWith(revoked)).toBe(401);
  });

  it('revokes through the fetch the strategy was configured with, not the global one', async () => {
    const urls: string[] = [];
    const configured: typeof fetch = (input, init) => {
      urls.push(new URL(input instanceof Request ? input.url : input).pathname);
      return fetch(input, init);
    };
    const conn = await createConnection({ ...env.config(), fetch: configured }, { shared: false });
    const revoked = conn.accessToken!;
    await conn.logout();
    expect(urls).toEqual(['/services/oauth2/token', '/services/oauth2/revoke']);
    expect(await statusWith(revoked)).toBe(401);

    const attached = await attach(new jsforce.Connection({}), env.strategy({ fetch: configured }));
    await attached.logout();
    expect(urls.filter((path) => path === '/services/oauth2/revoke')).toHaveLength(2);
  });

  it('fails with revoke_failed and keeps the session when Salesforce refuses', async () => {
    const conn = await createConnection(env.config());
    const token = conn.accessToken!;
    env.emulator.injectFault({ endpoint: 'rest', mode: 'http-error', status: 503, times: 1 });
    const error = await caught(() => conn.logout());
    expect(SalesforceAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'revoke_failed', status: 503 });
    expect(String((error as Error).message)).not.toContain(token);
    expect(conn.accessToken).toBe(token);
    await conn.logout();
    expect(await statusWith(token)).toBe(401);
  });
});

describe('a leftover conn.login()', () => {
  it('is refused with login_not_supported, and no login reaches Salesforce', async () => {
    const conn = await createConnection(env.config());
    const requests = env.emulator.requestLog().length;
    for (const login of [
      () => conn.login('integration@acme.com', 'password'),
      () => conn.loginBySoap('integration@acme.com', 'password'),
      () => conn.loginByOAuth2('integration@acme.com', 'password'),
    ]) {
      const error = await caught(login);
      expect(SalesforceAuthError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'login_not_supported', retryable: false });
      expect((error as SalesforceAuthError).hint).toMatch(/createConnection/);
    }
    expect(env.emulator.requestLog()).toHaveLength(requests);
    await expect(conn.query('SELECT Id FROM Account')).resolves.toMatchObject({ totalSize: 7 });
  });

  it('is refused on a connection that attach authenticated', async () => {
    const conn = await attach(new jsforce.Connection({}), env.config());
    await expect(conn.login('a@b.c', 'secret')).rejects.toMatchObject({
      code: 'login_not_supported',
    });
  });
});
