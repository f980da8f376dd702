import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforce, salesforceHandler } from '../src/index.js';
import { appBehind, EXPRESS_VERSIONS, FAST_RETRY, type Org, startOrg } from './harness.js';

let env: Org;
beforeAll(async () => {
  env = await startOrg();
});
afterAll(() => env.emulator.stop());

describe.each(EXPRESS_VERSIONS)('%s', (_name, express) => {
  const app = (middleware: ReturnType<typeof salesforce>) =>
    appBehind(
      middleware,
      (application) => {
        application.get('/health', (_req, res) => {
          res.json({ ok: true });
        });
        application.get(
          '/accounts',
          salesforceHandler(async (req, res) => {
            const result = await req.sf.query<{ Name: string }>('SELECT Id, Name FROM Account');
            res.json(result.records.map((record) => record.Name));
          }),
        );
      },
      { express },
    );

  it('lets a route read req.sf and query', async () => {
    const response = await request(app(salesforce(env.config)))
      .get('/accounts')
      .expect(200);
    expect(response.body.sort()).toEqual(['Acme', 'Globex', 'Initech']);
  });

  it('gives 200 interleaved concurrent requests for 20 subjects only their own user', async () => {
    const middleware = salesforce(env.config, { subject: (req) => req.get('x-user') });
    const server = app(middleware);
    const subjects = env.org.usernames;
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, index) => {
        const subject = subjects[(index * 7) % subjects.length]!;
        return request(server)
          .get('/me')
          .set('x-user', subject)
          .then((response) => ({ subject, response }));
      }),
    );
    const mismatches = responses.filter(
      ({ subject, response }) => response.status !== 200 || response.body.username !== subject,
    );
    expect(mismatches).toHaveLength(0);
    expect(middleware.connections.size).toBe(20);
  });

  it('heals sessions expired mid-load with one exchange per subject', async () => {
    const middleware = salesforce(env.config, { subject: (req) => req.get('x-user') });
    const server = app(middleware);
    const subjects = env.org.usernames;
    const load = (count: number) =>
      Promise.all(
        Array.from({ length: count }, (_, index) =>
          request(server)
            .get('/me')
            .set('x-user', subjects[index % 20]!),
        ),
      );
    await load(40);
    const before = env.emulator.stats().tokenExchangesByUser;
    env.emulator.expireSessions();
    const responses = await load(200);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const after = env.emulator.stats().tokenExchangesByUser;
    for (const subject of subjects) expect(after[subject]! - before[subject]!).toBe(1);
  });

  it('answers 401 with a code when no subject maps to the request', async () => {
    const response = await request(app(salesforce(env.config, { subject: () => undefined })))
      .get('/accounts')
      .expect(401);
    expect(response.body.error.code).toBe('no_subject');
  });

  it('answers 503 with the code when Salesforce is unavailable, and no secret', async () => {
    env.emulator.injectFault({ endpoint: 'token', mode: 'html-503' });
    try {
      const middleware = salesforce({ ...env.config, retry: FAST_RETRY });
      const response = await request(app(middleware)).get('/accounts').expect(503);
      expect(response.body.error).toMatchObject({ code: 'server_error' });
      expect(response.headers['retry-after']).toBe('30');
    } finally {
      env.emulator.clearFaults();
    }
  });

  it('answers 500 with the code and hint for a misconfiguration, and no secret', async () => {
    const { createKeyPairAndCertificate } = await import('@sf-jwt/emulator');
    const wrongKey = (await createKeyPairAndCertificate()).privateKey;
    const response = await request(app(salesforce({ ...env.config, privateKey: wrongKey })))
      .get('/accounts')
      .expect(500);
    expect(response.body.error.code).toBe('invalid_assertion');
    expect(response.body.error.hint).toMatch(/certificate/);
    const text = JSON.stringify(response.body);
    for (const secret of [
      wrongKey.split('\n')[1]!,
      env.org.privateKey.split('\n')[1]!,
      'eyJ',
      '!AQ',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('lets routes that do not need Salesforce skip it', async () => {
    const middleware = salesforce(env.config, {
      skip: (req) => req.path === '/health',
      subject: () => undefined,
    });
    await request(app(middleware)).get('/health').expect(200);
  });

  it('evicts least recently used subjects and recreates them on demand', async () => {
    const middleware = salesforce(env.config, {
      subject: (req) => req.get('x-user'),
      maxSubjects: 5,
    });
    const server = app(middleware);
    for (const subject of env.org.usernames) {
      await request(server).get('/me').set('x-user', subject).expect(200);
      expect(middleware.connections.size).toBeLessThanOrEqual(5);
    }
    const before = env.emulator.stats().tokenExchangesByUser[env.org.usernames[0]!]!;
    const response = await request(server)
      .get('/me')
      .set('x-user', env.org.usernames[0]!)
      .expect(200);
    expect(response.body.username).toBe(env.org.usernames[0]);
    expect(env.emulator.stats().tokenExchangesByUser[env.org.usernames[0]!]).toBe(before + 1);
  });

  it('costs no exchange and no new connection per request once warm', async () => {
    const middleware = salesforce(env.config);
    const server = app(middleware);
    const seen = new Set<unknown>();
    server.get(
      '/which',
      salesforceHandler((req, res) => {
        seen.add(req.sf);
        res.json({ ok: true });
      }),
    );
    await request(server).get('/which').expect(200);
    const before = env.emulator.stats();
    for (let index = 0; index < 20; index += 1) await request(server).get('/which').expect(200);
    const after = env.emulator.stats();
    expect(after.tokenExchanges).toBe(before.tokenExchanges);
    expect(after.apiRequests).toBe(before.apiRequests);
    expect(seen.size).toBe(1);
  });
});
