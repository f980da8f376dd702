import cors from 'cors';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforce, salesforceHandler } from '../src/index.js';
import { appBehind, EXPRESS_VERSIONS, type Org, startOrg } from './harness.js';

let env: Org;
beforeAll(async () => {
  env = await startOrg();
});
afterAll(() => env.emulator.stop());

/** `cors()` after the middleware, the order that used to answer preflights with 401. */
function corsAndContacts(application: Express) {
  application.use(cors({ origin: 'https://app.example.com' }));
  application.post(
    '/contacts',
    salesforceHandler((req, res) => {
      res.json({ instanceUrl: req.sf.instanceUrl });
    }),
  );
}

describe.each(EXPRESS_VERSIONS)('CORS preflights on %s', (_name, express) => {
  const app = (middleware: ReturnType<typeof salesforce>) =>
    appBehind(middleware, corsAndContacts, { express });
  const preflight = (server: ReturnType<typeof app>) =>
    request(server)
      .options('/contacts')
      .set('origin', 'https://app.example.com')
      .set('access-control-request-method', 'POST');

  it('pass through untouched in per-user mode and cold integration mode: zero exchanges', async () => {
    const before = env.emulator.stats();
    const perUser = app(salesforce(env.config, { subject: (req) => req.get('x-user') }));
    const integration = app(salesforce(env.config));
    for (const server of [perUser, integration, perUser, integration]) {
      const response = await preflight(server).expect(204);
      expect(response.headers['access-control-allow-origin']).toBe('https://app.example.com');
    }
    const after = env.emulator.stats();
    expect(after.tokenExchanges).toBe(before.tokenExchanges);
    expect(after.failedTokenExchanges).toBe(before.failedTokenExchanges);
  });

  it('still authenticate the actual request that follows', async () => {
    const server = app(salesforce(env.config, { subject: (req) => req.get('x-user') }));
    await preflight(server).expect(204);
    await request(server).post('/contacts').expect(401);
    const response = await request(server)
      .post('/contacts')
      .set('x-user', 'user2@example.com')
      .expect(200);
    expect(response.body.instanceUrl).toBe(env.emulator.url);
  });

  it('are checked like any request with passPreflight: false', async () => {
    const server = app(salesforce(env.config, { subject: () => undefined, passPreflight: false }));
    const response = await preflight(server).expect(401);
    expect(response.body.error.code).toBe('no_subject');
  });
});
