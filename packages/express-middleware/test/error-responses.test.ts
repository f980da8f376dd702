import type { ErrorRequestHandler } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ErrorHandlerOptions,
  errorHandler,
  salesforce,
  salesforceHandler,
} from '../src/index.js';
import {
  accountRecords,
  appBehind,
  EXPRESS_VERSIONS,
  FAST_RETRY,
  type Org,
  startOrg,
} from './harness.js';

let env: Org;
beforeAll(async () => {
  env = await startOrg();
});
afterAll(() => env.emulator.stop());

const CHALLENGE =
  /^Bearer realm="salesforce", error="invalid_token", error_description="No Salesforce user is mapped to this request"$/;

describe.each(EXPRESS_VERSIONS)('errorHandler on %s', (_name, express) => {
  const app = (middleware: ReturnType<typeof salesforce>, errors?: ErrorHandlerOptions) =>
    appBehind(middleware, accountRecords, { express, errors });
  const noSubject = () => salesforce(env.config, { subject: () => undefined });

  it('sends a Bearer challenge with every 401', async () => {
    const response = await request(app(noSubject())).get('/accounts').expect(401);
    expect(response.headers['www-authenticate']).toMatch(CHALLENGE);
    expect(response.body.error.code).toBe('no_subject');
  });

  it('names the realm it is given', async () => {
    const response = await request(app(noSubject(), { realm: 'crm' }))
      .get('/accounts')
      .expect(401);
    expect(response.headers['www-authenticate']).toMatch(
      /^Bearer realm="crm", error="invalid_token"/,
    );
  });

  it('renders an RFC 9457 problem document for a 401 when asked', async () => {
    const response = await request(app(noSubject(), { format: 'problem+json' }))
      .get('/accounts')
      .expect(401)
      .expect('content-type', /^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toMatch(CHALLENGE);
    expect(JSON.parse(response.text)).toEqual({
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: expect.stringMatching(/^\[sf-jwt\] /),
      code: 'no_subject',
      hint: expect.any(String),
    });
  });

  it('renders a problem document with Retry-After for a 503, and no challenge', async () => {
    env.emulator.injectFault({ endpoint: 'token', mode: 'html-503' });
    try {
      const middleware = salesforce({ ...env.config, retry: FAST_RETRY });
      const response = await request(app(middleware, { format: 'problem+json' }))
        .get('/accounts')
        .expect(503)
        .expect('content-type', /^application\/problem\+json/);
      expect(JSON.parse(response.text)).toMatchObject({
        status: 503,
        title: 'Service Unavailable',
        code: 'server_error',
      });
      expect(response.headers['retry-after']).toBe('30');
      expect(response.headers['www-authenticate']).toBeUndefined();
    } finally {
      env.emulator.clearFaults();
    }
  });

  it('answers a route that is not behind salesforce() with invalid_config, not a crash', async () => {
    const application = express();
    application.get(
      '/unmounted',
      salesforceHandler(async (req, res) => {
        res.json(await req.sf.query('SELECT Id FROM Account'));
      }),
    );
    application.use(errorHandler());
    const response = await request(application).get('/unmounted').expect(500);
    expect(response.body.error.code).toBe('invalid_config');
  });

  it('passes a rejected handler promise to the error handlers (Express 4 does not)', async () => {
    const application = express();
    application.use(salesforce(env.config));
    application.get(
      '/fails-later',
      salesforceHandler(async (req) => {
        await req.sf.query('SELECT Id FROM Account');
        throw new Error('downstream failed');
      }),
    );
    application.use(errorHandler());
    application.use(((error, _req, res, _next) => {
      res.status(502).json({ message: (error as Error).message });
    }) satisfies ErrorRequestHandler);
    const response = await request(application).get('/fails-later').expect(502);
    expect(response.body.message).toBe('downstream failed');
  });
});
