import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../src/index.js';
import { createHandlers } from '../src/msw.js';
import { api, assertion, exchange, TEST_AUD } from './harness.js';

let org: TestOrg;
const server = setupServer();
let control: ReturnType<typeof createHandlers>['emulator'];

beforeAll(async () => {
  org = await createTestOrg({
    sandbox: true,
    myDomain: 'https://acme--uat.sandbox.my.salesforce.com',
  });
  const { handlers, emulator } = createHandlers(org.setup);
  control = emulator;
  server.use(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(() => server.close());

describe('msw handlers', () => {
  it('answer fetch on Salesforce hosts with the same logic as the server', async () => {
    const { status, body } = await exchange(
      'https://test.salesforce.com',
      assertion(org, { aud: TEST_AUD }),
    );
    expect(status).toBe(200);
    expect(body.instance_url).toBe('https://acme--uat.sandbox.my.salesforce.com');
    expect(body.id).toMatch(/^https:\/\/test\.salesforce\.com\/id\//);
    const query = await api(
      `${body.instance_url}/services/data/v62.0/query?q=SELECT+Name+FROM+Account`,
      body.access_token!,
    );
    expect(query.body).toMatchObject({ totalSize: 3 });
    control.expireSessions();
    expect(
      (await api(`${body.instance_url}/services/data/v62.0/limits`, body.access_token!)).status,
    ).toBe(401);
    expect(control.stats().tokenExchanges).toBe(1);
  });

  it('answer the legacy login host with the same errors', async () => {
    const { body } = await exchange('https://login.salesforce.com', assertion(org));
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'audience is invalid' });
  });
});
