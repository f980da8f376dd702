import type { AddressInfo } from 'node:net';
import { type RunningTestOrg, startTestOrg } from '@sf-jwt/emulator';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforce, salesforceHandler } from '../src/index.js';
import { appBehind, EXPRESS_VERSIONS } from './harness.js';

// An app set to issue JWT-based access tokens: REST through the middleware on a real port.
let env: RunningTestOrg;
beforeAll(async () => {
  env = await startTestOrg({ accessTokenFormat: 'jwt' });
});
afterAll(() => env.emulator.stop());

/** The statuses of `count` concurrent GETs of `url`. */
const statusesOf = (count: number, url: string) =>
  Promise.all(Array.from({ length: count }, () => fetch(url).then((response) => response.status)));

describe.each(EXPRESS_VERSIONS)('%s with JWT-based access tokens', (_name, express) => {
  it('queries over REST and heals an expiry with one exchange for 20 concurrent requests', async () => {
    const totalSize = (application: Express) =>
      application.get(
        '/accounts',
        salesforceHandler(async (req, res) => {
          res.json((await req.sf.query('SELECT Id FROM Account')).totalSize);
        }),
      );
    const server = appBehind(salesforce(env.config), totalSize, { express }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/accounts`;
    try {
      expect(await (await fetch(url)).json()).toBe(3);
      env.emulator.expireSessions();
      const before = env.emulator.stats().tokenExchanges;
      const statuses = await statusesOf(20, url);
      expect(statuses).toEqual(Array(20).fill(200));
      expect(env.emulator.stats().tokenExchanges).toBe(before + 1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
