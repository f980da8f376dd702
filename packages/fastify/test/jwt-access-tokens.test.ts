import { type RunningTestOrg, startTestOrg } from '@sf-jwt/emulator';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforcePlugin } from '../src/index.js';

// An app set to issue JWT-based access tokens: REST through the plugin on a real port.
let env: RunningTestOrg;
beforeAll(async () => {
  env = await startTestOrg({ accessTokenFormat: 'jwt' });
});
afterAll(() => env.emulator.stop());

describe('@sf-jwt/fastify with JWT-based access tokens', () => {
  it('queries over REST and heals an expiry with one exchange for 20 concurrent requests', async () => {
    const app = Fastify();
    await app.register(salesforcePlugin, { source: env.config });
    app.get(
      '/accounts',
      async (request) => (await request.sf.query('SELECT Id FROM Account')).totalSize,
    );
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect(await (await fetch(`${base}/accounts`)).json()).toBe(3);
      env.emulator.expireSessions();
      const before = env.emulator.stats().tokenExchanges;
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`${base}/accounts`).then((response) => response.status),
        ),
      );
      expect(statuses).toEqual(Array(20).fill(200));
      expect(env.emulator.stats().tokenExchanges).toBe(before + 1);
    } finally {
      await app.close();
    }
  });
});
