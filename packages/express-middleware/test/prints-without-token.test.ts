import { inspect } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, salesforce, salesforceHandler } from '../src/index.js';
import { EXPRESS_VERSIONS, type Org, startOrg } from './harness.js';

let env: Org;
beforeAll(async () => {
  env = await startOrg();
});
afterAll(() => env.emulator.stop());

describe.each(EXPRESS_VERSIONS)('req.sf on %s', (_name, express) => {
  it('prints and serialises without its token, for the integration user and a subject', async () => {
    const application = express();
    application.use(salesforce(env.config, { subject: (req) => req.get('x-user') ?? undefined }));
    application.get(
      '/printed',
      salesforceHandler(async (req, res) => {
        res.json({
          inspected: inspect(req.sf),
          json: JSON.stringify(req.sf),
          token: req.sf.accessToken,
          userId: req.sf.userInfo?.id,
        });
      }),
    );
    application.use(errorHandler());
    const { body } = await request(application)
      .get('/printed')
      .set('x-user', 'user4@example.com')
      .expect(200);
    expect(body.token.length).toBeGreaterThan(20);
    expect(body.inspected).not.toContain(body.token);
    expect(body.inspected).toContain(body.userId);
    expect(body.json).not.toContain(body.token);
    expect(JSON.parse(body.json)).toMatchObject({ userId: body.userId });
  });
});
