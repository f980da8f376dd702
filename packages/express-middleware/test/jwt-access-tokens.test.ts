import type { AddressInfo } from 'node:net';
import { type RunningTestOrg, startTestOrg } from '@sf-jwt/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, salesforce, salesforceHandler } from '../src/index.js';
import { EXPRESS_VERSIONS } from './harness.js';

// An app set to issue JWT-based access tokens: REST through the middleware on a real port.
let env: RunningTestOrg;
beforeAll(async () => {
  env = await startTestOrg({ accessTokenFormat: 'jwt' });
});
afterAll(() => env.emulator.stop());

describe.each(EXPRESS_VERSIONS)('%s with JWT-based access tokens', (_name, express) => {
  it('queries over REST and heals an expiry with one exchange for 20 concurrent requests', async () => {
    const application = express();
    application.use(salesforce(env.config));
    application.get(
      '/accounts',
      salesforceHandler(async (req, res) => {
        res.json((await req.sf.query('SELECT Id FROM Account')).totalSize);
      }),
    );
    application.use(errorHandler());
    const server = application.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/accounts`;
    try {
      expect(await (await fetch(url)).json()).toBe(3);
      env.emulator.expireSessions();
      const before = env.emulator.stats().tokenExchanges;
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () => fetch(url).then((response) => response.status)),
      );
      expect(statuses).toEqual(Array(20).fill(200));
      expect(env.emulator.stats().tokenExchanges).toBe(before + 1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
