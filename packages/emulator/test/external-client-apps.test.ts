import { JwtBearerStrategy, MemoryTokenStore, SalesforceAuthError } from '@sf-jwt/core';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../src/index.js';
import { createHandlers } from '../src/msw.js';

// Real Salesforce hostnames, answered by the emulator through msw: nothing leaves the machine.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

type Kind = 'connected-app' | 'external-client-app';
const PRODUCTION_MY_DOMAIN = 'https://acme.my.salesforce.com';
const SANDBOX_MY_DOMAIN = 'https://acme--uat.sandbox.my.salesforce.com';

async function org(kind: Kind, sandbox: boolean) {
  const test = await createTestOrg({
    kind,
    sandbox,
    myDomain: sandbox ? SANDBOX_MY_DOMAIN : PRODUCTION_MY_DOMAIN,
  });
  const { handlers, emulator } = createHandlers(test.setup);
  server.resetHandlers(...handlers);
  const attempts = () => emulator.stats().tokenExchanges + emulator.stats().failedTokenExchanges;
  return { test, emulator, attempts };
}

const strategyFor = (test: TestOrg, loginUrl: string, extra: Record<string, unknown> = {}) =>
  new JwtBearerStrategy({
    clientId: test.clientId,
    username: test.username,
    privateKey: test.privateKey,
    loginUrl,
    retry: false,
    ...extra,
  });

// login URL, sandbox org, and for each app kind: attempts on the first exchange and the audience that works.
const matrix: Array<[string, boolean, Kind, number, string | undefined]> = [
  ['https://login.salesforce.com', false, 'connected-app', 1, 'https://login.salesforce.com'],
  ['https://test.salesforce.com', true, 'connected-app', 1, 'https://test.salesforce.com'],
  [PRODUCTION_MY_DOMAIN, false, 'connected-app', 1, 'https://login.salesforce.com'],
  [SANDBOX_MY_DOMAIN, true, 'connected-app', 1, 'https://test.salesforce.com'],
  ['https://login.salesforce.com', false, 'external-client-app', 1, undefined],
  ['https://test.salesforce.com', true, 'external-client-app', 1, undefined],
  [PRODUCTION_MY_DOMAIN, false, 'external-client-app', 2, PRODUCTION_MY_DOMAIN],
  [SANDBOX_MY_DOMAIN, true, 'external-client-app', 2, SANDBOX_MY_DOMAIN],
];

describe('audience discovery against classic connected apps and External Client Apps', () => {
  it.each(matrix)(
    '%s (sandbox: %s), %s: %i attempt(s) first, then one per exchange',
    async (loginUrl, sandbox, kind, first, audience) => {
      const { test, attempts } = await org(kind, sandbox);
      const strategy = strategyFor(test, loginUrl);
      if (audience === undefined) {
        const error = await strategy.getToken().catch((thrown: unknown) => thrown);
        expect(SalesforceAuthError.isInstance(error) && error.code).toBe('app_not_found');
        expect((error as SalesforceAuthError).hint).toMatch(/My Domain/);
        expect(attempts()).toBe(first);
        return;
      }
      const token = await strategy.getToken();
      expect(attempts()).toBe(first);
      expect(strategy.audience).toBe(audience);
      await strategy.refresh(token.accessToken);
      expect(attempts()).toBe(first + 1);
    },
  );

  it('never makes the extra attempt with a pinned audience', async () => {
    const { test, attempts } = await org('external-client-app', false);
    await strategyFor(test, PRODUCTION_MY_DOMAIN, { audience: 'my-domain' }).getToken();
    expect(attempts()).toBe(1);
    const classic = strategyFor(test, PRODUCTION_MY_DOMAIN, {
      audience: 'https://login.salesforce.com',
    });
    await expect(classic.getToken()).rejects.toMatchObject({ code: 'app_not_found' });
    expect(attempts()).toBe(2);
  });

  it('answers a My Domain audience on a classic app with "user hasn\'t approved this consumer"', async () => {
    const { test } = await org('connected-app', false);
    await expect(
      strategyFor(test, PRODUCTION_MY_DOMAIN, { audience: 'my-domain' }).getToken(),
    ).rejects.toMatchObject({
      code: 'user_not_approved',
      errorDescription: "user hasn't approved this consumer",
    });
  });

  it('never retries errors other than the two audience answers', async () => {
    const { test, attempts } = await org('connected-app', false);
    const wrongKey = new JwtBearerStrategy({
      clientId: 'not-a-consumer-key',
      username: test.username,
      privateKey: test.privateKey,
      loginUrl: PRODUCTION_MY_DOMAIN,
      retry: false,
    });
    await expect(wrongKey.getToken()).rejects.toMatchObject({ code: 'invalid_client_id' });
    const unknownUser = strategyFor(test, PRODUCTION_MY_DOMAIN, { username: 'ghost@example.com' });
    await expect(unknownUser.getToken()).rejects.toMatchObject({ code: 'user_not_approved' });
    expect(attempts()).toBe(2);
  });

  it('discovers once per fleet when processes share a store', async () => {
    const { test, attempts } = await org('external-client-app', false);
    const store = new MemoryTokenStore();
    const first = strategyFor(test, PRODUCTION_MY_DOMAIN, { store });
    const token = await first.getToken();
    expect(attempts()).toBe(2);
    const second = strategyFor(test, PRODUCTION_MY_DOMAIN, { store });
    await second.refresh(token.accessToken);
    expect(attempts()).toBe(3);
    expect(second.audience).toBe(PRODUCTION_MY_DOMAIN);
  });
});
