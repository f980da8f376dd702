import express from 'express';
import passport from 'passport';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authenticator, SalesforceJwtStrategy, salesforceHandler } from '../src/index.js';
import { type Org, startOrg } from './harness.js';

let env: Org;
beforeAll(async () => {
  env = await startOrg();
});
afterAll(() => env.emulator.stop());

describe('real Passport', () => {
  it('drives SalesforceJwtStrategy with session: false and assignProperty: sf', async () => {
    const authenticator = new passport.Passport();
    authenticator.use(
      new SalesforceJwtStrategy(env.config, { subject: (req) => req.get('x-user') }),
    );
    const app = express();
    app.use(authenticator.initialize());
    app.get(
      '/me',
      authenticator.authenticate('salesforce-jwt', { session: false, assignProperty: 'sf' }),
      salesforceHandler(async (req, res) => {
        const info = await req.sf.request<{ preferred_username: string }>(
          '/services/oauth2/userinfo',
        );
        res.json({ username: info.preferred_username });
      }),
    );
    const response = await request(app).get('/me').set('x-user', 'user3@example.com').expect(200);
    expect(response.body.username).toBe('user3@example.com');
    await request(app).get('/me').expect(401);
  });
});

describe('Authenticator', () => {
  it('registers named strategies and hands out their middleware', async () => {
    const auth = new Authenticator()
      .use('integration', env.config)
      .use('per-user', env.config, { subject: (req) => req.get('x-user') });
    const app = express();
    const me = salesforceHandler(async (req, res) => {
      const info = await req.sf.request<{ preferred_username: string }>(
        '/services/oauth2/userinfo',
      );
      res.json({ username: info.preferred_username });
    });
    app.get('/integration', auth.authenticate('integration'), me);
    app.get('/mine', auth.authenticate('per-user'), me);
    expect((await request(app).get('/integration').expect(200)).body.username).toBe(
      env.org.username,
    );
    expect(
      (await request(app).get('/mine').set('x-user', 'user9@example.com').expect(200)).body
        .username,
    ).toBe('user9@example.com');
    expect(() => auth.authenticate('nope')).toThrowError(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });
});
