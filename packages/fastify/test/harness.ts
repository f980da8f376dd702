import { type RunningTestOrg, startTestOrg } from '@sf-jwt/emulator';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { type SalesforcePluginOptions, salesforcePlugin } from '../src/index.js';

export type Org = RunningTestOrg;

/** A test org with 20 users on a real emulator server (HTTP on 127.0.0.1). */
export const startOrg = (): Promise<Org> =>
  startTestOrg({ usernames: Array.from({ length: 20 }, (_, index) => `user${index}@example.com`) });

/** The subject of a request: its `x-user` header. */
export const byHeader = (request: { headers: Record<string, unknown> }) =>
  request.headers['x-user'] as string | undefined;

/**
 * Fastify apps for a test file, each closed after the test that made it: `bare()` as it is,
 * `withPlugin(options)` with the plugin registered and `/me` answering the request's username.
 */
export function appsPerTest() {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });
  const bare = () => {
    const app = Fastify();
    apps.push(app);
    return app;
  };
  const withPlugin = async (options: SalesforcePluginOptions) => {
    const app = bare();
    await app.register(salesforcePlugin, options);
    app.get('/me', async (request) => ({
      username: (
        await request.sf.request<{ preferred_username: string }>('/services/oauth2/userinfo')
      ).preferred_username,
    }));
    return app;
  };
  return { bare, withPlugin };
}

/**
 * Each user's token exchanges before and after: `tick` (a clock moving on), every session
 * expired, then `load`, whose result comes back as `responses`.
 */
export async function afterExpiry<T>(env: Org, load: () => Promise<T>, tick = () => {}) {
  const before = env.emulator.stats().tokenExchangesByUser;
  tick();
  env.emulator.expireSessions();
  return { before, responses: await load(), after: env.emulator.stats().tokenExchangesByUser };
}
