import 'reflect-metadata';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createKeyPairAndCertificate } from '@sf-jwt/emulator';
import type { ConnectionPool } from '@sf-jwt/jsforce-adapter';
import type { Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  InjectSalesforce,
  SALESFORCE_CONNECTIONS,
  SalesforceModule,
  type SalesforceModuleOptions,
} from '../src/index.js';
import { afterExpiry, type Org, startOrg } from './harness.js';

let env: Org;
beforeAll(async () => {
  env = await startOrg();
});
afterAll(() => env.emulator.stop());

const seen = new Set<unknown>();

@Controller()
class MeController {
  constructor(@InjectSalesforce() private readonly sf: Connection) {}

  @Get('me')
  async me() {
    seen.add(this.sf);
    const info = await this.sf.request<{ preferred_username: string }>('/services/oauth2/userinfo');
    return { username: info.preferred_username };
  }

  @Get('accounts')
  async accounts() {
    const result = await this.sf.query<{ Name: string }>('SELECT Id, Name FROM Account');
    return result.records.map((record) => record.Name);
  }
}

const byHeader: SalesforceModuleOptions['subject'] = (request) =>
  request.headers['x-user'] as string | undefined;

const PLATFORMS = [
  ['platform-express', () => undefined],
  ['platform-fastify', () => new FastifyAdapter()],
] as const;

describe.each(PLATFORMS)('SalesforceModule on %s', (_name, adapter) => {
  const apps: INestApplication[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  async function start(module: ReturnType<typeof SalesforceModule.forRoot>) {
    const moduleRef = await Test.createTestingModule({
      imports: [module],
      controllers: [MeController],
    }).compile();
    const platform = adapter();
    const app = platform
      ? moduleRef.createNestApplication(platform, { logger: false })
      : moduleRef.createNestApplication({ logger: false });
    apps.push(app);
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const get = (path: string, user?: string) =>
      fetch(`${url}${path}`, user ? { headers: { 'x-user': user } } : {});
    return { app, get, pool: app.get<ConnectionPool>(SALESFORCE_CONNECTIONS) };
  }

  it('serves warm requests with no token exchange and one Connection', async () => {
    const { get } = await start(SalesforceModule.forRoot({ source: env.config }));
    expect(((await (await get('/accounts')).json()) as string[]).sort()).toEqual([
      'Acme',
      'Globex',
      'Initech',
    ]);
    seen.clear();
    const before = env.emulator.stats().tokenExchanges;
    for (let index = 0; index < 20; index += 1) expect((await get('/me')).status).toBe(200);
    expect(env.emulator.stats().tokenExchanges).toBe(before);
    expect(seen.size).toBe(1);
  });

  it('gives 200 concurrent requests for 20 subjects only their own user', async () => {
    const { get, pool } = await start(
      SalesforceModule.forRoot({ source: env.config, subject: byHeader }),
    );
    const subjects = env.org.usernames;
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => {
        const subject = subjects[(index * 7) % subjects.length]!;
        const response = await get('/me', subject);
        const body = (await response.json()) as { username?: string };
        return { subject, status: response.status, username: body.username };
      }),
    );
    const mismatches = results.filter(
      ({ subject, status, username }) => status !== 200 || username !== subject,
    );
    expect(mismatches).toHaveLength(0);
    expect(pool.size).toBe(20);
  });

  it('heals a burst after session expiry with one exchange per subject', async () => {
    const { get } = await start(
      SalesforceModule.forRoot({ source: env.config, subject: byHeader }),
    );
    const subjects = env.org.usernames;
    const load = (count: number) =>
      Promise.all(Array.from({ length: count }, (_, index) => get('/me', subjects[index % 20]!)));
    await load(40);
    const { before, responses, after } = await afterExpiry(env, () => load(200));
    expect(responses.filter((response) => response.status !== 200)).toHaveLength(0);
    for (const subject of subjects) expect(after[subject]! - before[subject]!).toBe(1);
  });

  it('heals two org-wide expiries 5 s apart after successful traffic with one exchange each, no caller error', async () => {
    const clock = { now: Date.now() };
    const tick = () => (clock.now += 5000);
    const { get } = await start(
      SalesforceModule.forRoot({
        source: { ...env.config, now: () => clock.now },
        subject: byHeader,
      }),
    );
    const subjects = env.org.usernames.slice(0, 5);
    const load = (count: number) =>
      Promise.all(Array.from({ length: count }, (_, index) => get('/me', subjects[index % 5]!)));
    await load(10);
    for (let expiry = 0; expiry < 2; expiry += 1) {
      const { before, responses, after } = await afterExpiry(env, () => load(100), tick);
      expect(responses.filter((response) => response.status !== 200)).toHaveLength(0);
      for (const subject of subjects) expect(after[subject]! - before[subject]!).toBe(1);
    }
  });

  it('answers 401 no_subject with a Bearer challenge when no subject maps to the request', async () => {
    const { get } = await start(
      SalesforceModule.forRoot({ source: env.config, subject: byHeader }),
    );
    const response = await get('/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="salesforce"/);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('no_subject');
  });

  it('answers 503 server_error with Retry-After when Salesforce is unavailable, and no secret', async () => {
    const { get } = await start(
      SalesforceModule.forRoot({
        source: { ...env.config, retry: { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 2 } },
        subject: byHeader,
        format: 'problem+json',
      }),
    );
    env.emulator.injectFault({ endpoint: 'token', mode: 'html-503' });
    try {
      const response = await get('/me', 'user5@example.com');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('30');
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ status: 503, code: 'server_error' });
      expect(text).not.toContain(env.org.privateKey.split('\n')[1]!);
    } finally {
      env.emulator.clearFaults();
    }
  });

  it('answers 500 invalid_assertion with a hint for a wrong key, and no secret', async () => {
    const wrongKey = (await createKeyPairAndCertificate()).privateKey;
    const { get } = await start(
      SalesforceModule.forRoot({
        source: { ...env.config, privateKey: wrongKey },
        subject: byHeader,
      }),
    );
    const response = await get('/me', 'user6@example.com');
    expect(response.status).toBe(500);
    const text = await response.text();
    const body = JSON.parse(text) as { error: { code: string; hint: string } };
    expect(body.error.code).toBe('invalid_assertion');
    expect(body.error.hint).toMatch(/certificate/);
    for (const secret of [wrongKey.split('\n')[1]!, env.org.privateKey.split('\n')[1]!, 'eyJ']) {
      expect(text).not.toContain(secret);
    }
  });

  it('builds the module from forRootAsync with an injected options source', async () => {
    @Module({
      providers: [{ provide: 'SALESFORCE_SETTINGS', useFactory: () => env.config }],
      exports: ['SALESFORCE_SETTINGS'],
    })
    class SettingsModule {}
    const { get } = await start(
      SalesforceModule.forRootAsync({
        imports: [SettingsModule],
        inject: ['SALESFORCE_SETTINGS'],
        useFactory: async (settings: typeof env.config) => ({
          source: settings,
          subject: byHeader,
        }),
        perRequest: true,
      }),
    );
    const response = await get('/me', 'user9@example.com');
    expect(await response.json()).toEqual({ username: 'user9@example.com' });
  });
});
