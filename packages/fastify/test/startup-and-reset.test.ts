import { inspect } from 'node:util';
import { SalesforceAuthError } from '@sf-jwt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforcePluginOptions } from '../src/index.js';
import { appsPerTest, byHeader, type Org, startOrg } from './harness.js';

let env: Org;
beforeAll(async () => {
  env = await startOrg();
});
afterAll(() => env.emulator.stop());
const { withPlugin } = appsPerTest();

async function appWith(options: SalesforcePluginOptions) {
  const app = await withPlugin(options);
  app.get('/printed', async (request) => ({
    inspected: inspect(request.sf),
    json: JSON.stringify(request.sf),
    token: request.sf.accessToken,
  }));
  return app;
}

const startupError = (options: SalesforcePluginOptions) =>
  appWith(options).then(
    () => undefined,
    (error: unknown) => error,
  );

describe('salesforcePlugin validates a config source at register', () => {
  it.each([
    ['a key that is not PEM', { privateKey: 'not a key' }],
    ['a malformed consumer key (trailing newline)', { clientId: '3MVG9consumerKey\n' }],
    ['a login URL over http', { loginUrl: 'http://login.salesforce.com' }],
  ])('fails the start-up with invalid_config for %s, per request or not', async (_name, bad) => {
    for (const extra of [{}, { subject: byHeader }]) {
      const exchanges = env.emulator.stats().tokenExchanges;
      const error = await startupError({ source: { ...env.config, ...bad }, ...extra });
      expect(SalesforceAuthError.isInstance(error)).toBe(true);
      expect((error as SalesforceAuthError).code).toBe('invalid_config');
      expect(env.emulator.stats().tokenExchanges).toBe(exchanges);
    }
  });

  it('starts with a good config and contacts Salesforce only on the first request', async () => {
    const exchanges = env.emulator.stats().tokenExchanges;
    const app = await appWith({ source: env.config, subject: byHeader });
    await app.ready();
    expect(env.emulator.stats().tokenExchanges).toBe(exchanges);
    const response = await app.inject({ url: '/me', headers: { 'x-user': 'user2@example.com' } });
    expect(response.json()).toEqual({ username: 'user2@example.com' });
  });
});

describe('app.salesforce.clearLoginFailure() after fixing the setup', () => {
  it('lets the integration user log in at once instead of waiting out the remembered failure', async () => {
    const username = env.org.usernames[0]!;
    const app = await appWith({ source: env.config });
    env.emulator.updateUser(username, { active: false });
    try {
      expect((await app.inject('/me')).json().error.code).toBe('inactive_user');
      const exchanges = env.emulator.stats().tokenExchanges;
      env.emulator.updateUser(username, { active: true });
      // Remembered: the same answer, without contacting Salesforce.
      expect((await app.inject('/me')).json().error.code).toBe('inactive_user');
      expect(env.emulator.stats().tokenExchanges).toBe(exchanges);
      await app.salesforce.clearLoginFailure();
      expect((await app.inject('/me')).statusCode).toBe(200);
    } finally {
      env.emulator.updateUser(username, { active: true });
    }
  });

  it('does the same for one subject, leaving the others as they were', async () => {
    const subject = 'user7@example.com';
    const app = await appWith({ source: env.config, subject: byHeader });
    const get = (user: string) => app.inject({ url: '/me', headers: { 'x-user': user } });
    env.emulator.updateUser(subject, { active: false });
    try {
      expect((await get(subject)).json().error.code).toBe('inactive_user');
      env.emulator.updateUser(subject, { active: true });
      expect((await get(subject)).json().error.code).toBe('inactive_user');
      await app.salesforce.clearLoginFailure(subject);
      expect((await get(subject)).json()).toEqual({ username: subject });
      expect(app.salesforce.connections.size).toBe(1);
    } finally {
      env.emulator.updateUser(subject, { active: true });
    }
  });
});

describe('request.sf', () => {
  it('prints and serialises without its token', async () => {
    const app = await appWith({ source: env.config });
    const { inspected, json, token } = (await app.inject('/printed')).json();
    expect(token.length).toBeGreaterThan(20);
    expect(inspected).not.toContain(token);
    expect(json).not.toContain(token);
    expect(JSON.parse(json)).toMatchObject({ instanceUrl: expect.stringMatching(/^http/) });
  });
});
