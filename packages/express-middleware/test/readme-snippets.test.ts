import 'reflect-metadata';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXPRESS_VERSIONS, type Org, startOrg } from './harness.js';

// Every ```ts block of the package README is a file in examples/, quoted after a
// `<!-- snippet: examples/NAME.ts -->` line (checked, with every README's blocks, by
// test/readme-snippets.test.ts at the root) and compiled under strict tsc with Express 4 and 5
// types by `typecheck:snippets`. These tests run every example, on both Express majors, against
// the emulator.

let env: Org;
let keyDir: string;
beforeAll(async () => {
  env = await startOrg();
  keyDir = await mkdtemp(join(tmpdir(), 'sf-jwt-snippets-'));
  const keyFile = join(keyDir, 'server.key');
  await writeFile(keyFile, env.org.privateKey, { mode: 0o600 });
  vi.stubEnv('SF_JWT_CLIENT_ID', env.config.clientId);
  vi.stubEnv('SF_JWT_USERNAME', env.config.username);
  vi.stubEnv('SF_JWT_KEY_FILE', keyFile);
  vi.stubEnv('SF_JWT_LOGIN_URL', env.emulator.url);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(keyDir, { recursive: true, force: true });
  await env.emulator.stop();
});

describe.each(EXPRESS_VERSIONS)('README examples on %s', (_name, express) => {
  /** Loads an example afresh, with `express` resolving to this major (counted, to prove it). */
  async function example(name: string): Promise<Express> {
    let created = 0;
    const counted = Object.assign((...args: Parameters<typeof express>) => {
      created += 1;
      return express(...args);
    }, express);
    vi.resetModules();
    vi.doMock('express', () => ({ default: counted }));
    const loaded: { app: Express } = await import(`../examples/${name}.ts`);
    expect(created).toBe(1);
    return loaded.app;
  }
  const userinfo = (response: request.Response) =>
    (response.body as { preferred_username: string }).preferred_username;

  it('quick-start and integration-user: one integration user on /api', async () => {
    const quick = await example('quick-start');
    expect((await request(quick).get('/api/accounts').expect(200)).body.length).toBe(3);
    const app = await example('integration-user');
    await request(app).get('/health').expect(200);
    const accounts = await request(app).get('/api/accounts').expect(200);
    expect(accounts.body.map((account: { Name: string }) => account.Name).sort()).toEqual([
      'Acme',
      'Globex',
      'Initech',
    ]);
  });

  it('per-user: each signed-in user acts as themselves; nobody signed in is a 401', async () => {
    const app = await example('per-user');
    const me = await request(app).get('/api/me').set('x-demo-user', 'user3@example.com');
    expect(userinfo(me)).toBe('user3@example.com');
    const anonymous = await request(app).get('/api/me').expect(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer realm="salesforce"/);
  });

  it('passport and authenticator: the strategy and the named mounts', async () => {
    const viaPassport = await example('passport');
    expect((await request(viaPassport).get('/accounts').expect(200)).body.length).toBe(3);
    const app = await example('authenticator');
    expect(userinfo(await request(app).get('/reports').expect(200))).toBe(env.org.username);
    const mine = await request(app).get('/mine').set('x-demo-user', 'user8@example.com');
    expect(userinfo(mine)).toBe('user8@example.com');
  });

  it('cors: preflight answered by cors() behind the middleware, problem+json errors', async () => {
    const app = await example('cors');
    const preflight = await request(app)
      .options('/contacts')
      .set('origin', 'https://app.acme.com')
      .set('access-control-request-method', 'POST')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.acme.com');
    const created = await request(app)
      .post('/contacts')
      .set('x-demo-user', 'user4@example.com')
      .send({ lastName: 'Lovelace' })
      .expect(201);
    expect(created.body.success).toBe(true);
    const anonymous = await request(app)
      .post('/contacts')
      .send({ lastName: 'Nobody' })
      .expect(401)
      .expect('content-type', /^application\/problem\+json/);
    expect(JSON.parse(anonymous.text)).toMatchObject({ status: 401, code: 'no_subject' });
  });
});

describe('README example on NestJS (its own Express)', () => {
  let app: INestApplication | undefined;
  afterAll(() => app?.close());

  it('validate() puts its user on req.user, and the controller queries through it', async () => {
    vi.resetModules();
    const { AppModule } = await import(`../examples/${'nestjs'}.ts`);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const response = await request(app.getHttpServer()).get('/accounts').expect(200);
    expect(response.body.length).toBe(3);
  });
});
