import cors from 'cors';
import type { ErrorRequestHandler } from 'express';
import passport from 'passport';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SalesforceJwtStrategy } from '../src/index.js';
import { EXPRESS_VERSIONS, failOnUnhandledRejections, type Org, startOrg } from './harness.js';

let env: Org;
failOnUnhandledRejections();
beforeAll(async () => {
  env = await startOrg();
});
afterAll(() => env.emulator.stop());

const reportErrors: ErrorRequestHandler = (error, _req, res, _next) => {
  res.status(500).json({ message: (error as Error).message });
};

describe.each(EXPRESS_VERSIONS)('real Passport 0.7 on %s', (_name, express) => {
  function app(strategy: SalesforceJwtStrategy) {
    const authenticator = new passport.Passport();
    authenticator.use(strategy);
    const application = express();
    application.use(authenticator.initialize());
    application.get('/callback', (req, res, next) => {
      authenticator.authenticate('salesforce-jwt', { session: false }, () => {
        throw new Error('custom callback failed');
      })(req, res, next);
    });
    application.use(
      '/api',
      authenticator.authenticate('salesforce-jwt', { session: false, assignProperty: 'sf' }),
      cors(),
    );
    application.post('/api/things', (_req, res) => {
      res.json({ ok: true });
    });
    application.use(reportErrors);
    return application;
  }
  const perUser = () =>
    new SalesforceJwtStrategy(env.config, { subject: (req) => req.get('x-user') });

  it('answers 500 when a custom callback throws, cold and warm, with no unhandled rejection', async () => {
    const server = app(perUser());
    for (const round of ['cold', 'warm']) {
      const response = await request(server).get('/callback').set('x-user', 'user1@example.com');
      expect({ round, status: response.status, body: response.body }).toEqual({
        round,
        status: 500,
        body: { message: 'custom callback failed' },
      });
    }
  });

  it('answers a failed attempt with 401 and a Bearer challenge', async () => {
    const response = await request(app(perUser())).post('/api/things').expect(401);
    expect(response.headers['www-authenticate']).toMatch(
      /^Bearer realm="salesforce", error="invalid_token", error_description="[^"]+"$/,
    );
  });

  it('lets cors() answer a preflight behind it, at no token exchange', async () => {
    const before = env.emulator.stats().tokenExchanges;
    for (const strategy of [perUser(), new SalesforceJwtStrategy(env.config)]) {
      const response = await request(app(strategy))
        .options('/api/things')
        .set('origin', 'https://app.example.com')
        .set('access-control-request-method', 'POST')
        .expect(204);
      expect(response.headers['access-control-allow-origin']).toBe('*');
    }
    expect(env.emulator.stats().tokenExchanges).toBe(before);
  });
});
