import { createKeyPairAndCertificate } from '@sf-jwt/emulator';
import { ConnectionPool } from '@sf-jwt/jsforce-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SalesforcePluginOptions, salesforcePlugin } from '../src/index.js';
import { afterExpiry, appsPerTest, byHeader, type Org, startOrg } from './harness.js';

let env: Org;
beforeAll(async () => {
  env = await startOrg();
});
afterAll(() => env.emulator.stop());
const { bare, withPlugin } = appsPerTest();

async function appWith(options: SalesforcePluginOptions) {
  const app = await withPlugin(options);
  app.get('/accounts', async (request) => {
    const result = await request.sf.query<{ Name: string }>('SELECT Id, Name FROM Account');
    return result.records.map((record) => record.Name);
  });
  return app;
}

describe('@sf-jwt/fastify on Fastify 5', () => {
  it('serves warm requests with no token exchange and one Connection', async () => {
    const app = await appWith({ source: env.config });
    const seen = new Set<unknown>();
    app.get('/which', async (request) => {
      seen.add(request.sf);
      return { ok: true };
    });
    expect((await app.inject('/accounts')).json().sort()).toEqual(['Acme', 'Globex', 'Initech']);
    await app.inject('/which');
    const before = env.emulator.stats();
    for (let index = 0; index < 20; index += 1) {
      expect((await app.inject('/which')).statusCode).toBe(200);
    }
    const after = env.emulator.stats();
    expect(after.tokenExchanges).toBe(before.tokenExchanges);
    expect(after.apiRequests).toBe(before.apiRequests);
    expect(seen.size).toBe(1);
  });

  it('gives 200 concurrent requests for 20 subjects only their own user', async () => {
    const connections = new ConnectionPool(env.config);
    const app = await appWith({ connections, subject: byHeader });
    const subjects = env.org.usernames;
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, index) => {
        const subject = subjects[(index * 7) % subjects.length]!;
        return app
          .inject({ url: '/me', headers: { 'x-user': subject } })
          .then((response) => ({ subject, response }));
      }),
    );
    const mismatches = responses.filter(
      ({ subject, response }) =>
        response.statusCode !== 200 || response.json().username !== subject,
    );
    expect(mismatches).toHaveLength(0);
    expect(connections.size).toBe(20);
  });

  it('heals a burst after session expiry with one exchange per subject', async () => {
    const app = await appWith({ source: env.config, subject: byHeader });
    const subjects = env.org.usernames;
    const load = (count: number) =>
      Promise.all(
        Array.from({ length: count }, (_, index) =>
          app.inject({ url: '/me', headers: { 'x-user': subjects[index % 20]! } }),
        ),
      );
    await load(40);
    const { before, responses, after } = await afterExpiry(env, () => load(200));
    expect(responses.filter((response) => response.statusCode !== 200)).toHaveLength(0);
    for (const subject of subjects) expect(after[subject]! - before[subject]!).toBe(1);
  });

  it('answers 401 no_subject with a Bearer challenge when no subject maps to the request', async () => {
    const app = await appWith({ source: env.config, subject: () => undefined });
    const response = await app.inject('/accounts');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('no_subject');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="salesforce"/);
  });

  it('answers 503 server_error with Retry-After when Salesforce is unavailable, and no secret', async () => {
    env.emulator.injectFault({ endpoint: 'token', mode: 'html-503' });
    try {
      const app = await appWith({
        source: { ...env.config, retry: { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 2 } },
        format: 'problem+json',
      });
      const response = await app.inject('/accounts');
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 503, code: 'server_error' });
      expect(response.headers['retry-after']).toBe('30');
      expect(response.body).not.toContain(env.org.privateKey.split('\n')[1]!);
    } finally {
      env.emulator.clearFaults();
    }
  });

  it('answers 500 invalid_assertion with a hint for a wrong key, and no secret', async () => {
    const wrongKey = (await createKeyPairAndCertificate()).privateKey;
    const app = await appWith({ source: { ...env.config, privateKey: wrongKey } });
    const response = await app.inject('/accounts');
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('invalid_assertion');
    expect(response.json().error.hint).toMatch(/certificate/);
    for (const secret of [
      wrongKey.split('\n')[1]!,
      env.org.privateKey.split('\n')[1]!,
      'eyJ',
      '!AQ',
    ]) {
      expect(response.body).not.toContain(secret);
    }
  });

  it('leaves other errors to the error handler set before it', async () => {
    const app = bare();
    app.setErrorHandler((_error, _request, reply) => reply.code(418).send({ mine: true }));
    await app.register(salesforcePlugin, { source: env.config });
    app.get('/boom', async () => {
      throw new Error('not sf-jwt');
    });
    const response = await app.inject('/boom');
    expect(response.statusCode).toBe(418);
    expect(response.json()).toEqual({ mine: true });
  });

  it('gives request.sf only to opted-in routes, with no exchange for the others', async () => {
    const app = await appWith({
      source: env.config,
      subject: byHeader,
      routes: 'opted-in',
    });
    app.get('/public', async (request) => ({ sf: request.sf !== null }));
    app.get('/opted', { config: { salesforce: true } }, async (request) => ({
      username: (await request.sf.identity()).username,
    }));
    const before = env.emulator.stats().tokenExchanges;
    expect((await app.inject('/public')).json()).toEqual({ sf: false });
    expect(env.emulator.stats().tokenExchanges).toBe(before);
    const opted = await app.inject({ url: '/opted', headers: { 'x-user': 'user3@example.com' } });
    expect(opted.json()).toEqual({ username: 'user3@example.com' });
  });

  it('applies only inside the encapsulated context it is registered in', async () => {
    const app = bare();
    app.get('/outside', async (request) => ({ sf: Boolean(request.sf) }));
    await app.register(async (api) => {
      await api.register(salesforcePlugin, { source: env.config });
      api.get('/inside', async (request) => ({
        username: (await request.sf.identity()).username,
      }));
    });
    expect((await app.inject('/outside')).json()).toEqual({ sf: false });
    expect((await app.inject('/inside')).json()).toEqual({ username: env.org.username });
  });

  it('heals two org-wide expiries 5 s apart after successful traffic with one exchange each, no caller error', async () => {
    const clock = { now: Date.now() };
    const tick = () => (clock.now += 5000);
    const app = await appWith({
      source: { ...env.config, now: () => clock.now },
      subject: byHeader,
    });
    const subjects = env.org.usernames.slice(0, 5);
    const load = (count: number) =>
      Promise.all(
        Array.from({ length: count }, (_, index) =>
          app.inject({ url: '/me', headers: { 'x-user': subjects[index % 5]! } }),
        ),
      );
    await load(10);
    for (let expiry = 0; expiry < 2; expiry += 1) {
      const { before, responses, after } = await afterExpiry(env, () => load(100), tick);
      expect(responses.filter((response) => response.statusCode !== 200)).toHaveLength(0);
      for (const subject of subjects) expect(after[subject]! - before[subject]!).toBe(1);
    }
  });
});
