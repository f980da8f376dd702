import { JwtBearerStrategy } from '@sf-jwt/core';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { type Started, useRedisAndOrg } from './harness.js';

// Serverless functions: each cold start is a new strategy with nothing in memory, sharing only
// Redis. The org's app is an External Client App and the login URL its My Domain, with
// `audience` left unset: discovery tries the classic audience first (a failed login), then the
// My Domain. The emulator answers for https://acme.my.salesforce.com through a fetch that
// routes that host to it on 127.0.0.1 (as DNS would) and maps its URL back in the answers.
const MY_DOMAIN = 'https://acme.my.salesforce.com';
const clock = Date.now();

function myDomainFetch(): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input).replace(
      MY_DOMAIN,
      emulator.url,
    );
    const response = await fetch(url, init);
    const body = (await response.text()).replaceAll(emulator.url, MY_DOMAIN);
    return new Response(body, {
      status: response.status,
      headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' },
    });
  };
}

/** One cold start: a new strategy (a new process's memory) on the shared Redis. */
function coldStart(stores: RedisTokenStore[]) {
  const store = new RedisTokenStore({ redis: redis.url, logger: { warn: () => {} } });
  stores.push(store);
  return new JwtBearerStrategy({
    clientId: org.clientId,
    username: org.username,
    privateKey: org.privateKey,
    loginUrl: MY_DOMAIN,
    fetch: myDomainFetch(),
    store,
    now: () => clock,
    maxTokenAgeMs: 2_000,
    retry: false,
  });
}

let { redis, org, emulator } = {} as Started;
useRedisAndOrg(
  { org: { kind: 'external-client-app', myDomain: MY_DOMAIN }, now: () => clock },
  (started) => ({ redis, org, emulator } = started),
);

describe('serverless cold starts sharing Redis, audience unset on a My Domain login URL', () => {
  it('cost one audience discovery in all, though the second must exchange again', async () => {
    const stores: RedisTokenStore[] = [];
    try {
      const first = coldStart(stores);
      await Promise.all([first.getToken(), first.getToken()]);
      expect(first.audience).toBe(MY_DOMAIN);
      expect(emulator.stats()).toMatchObject({ tokenExchanges: 1, failedTokenExchanges: 1 });

      // Past maxTokenAgeMs (Redis's clock keeps the age) the stored token is too old to use, but
      // its audience is still known.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const second = coldStart(stores);
      await Promise.all([second.getToken(), second.getToken()]);
      expect(second.audience).toBe(MY_DOMAIN);
      expect(emulator.stats()).toMatchObject({ tokenExchanges: 2, failedTokenExchanges: 1 });

      // A third whose stored token Salesforce expired replaces it with the known audience too.
      emulator.expireSessions();
      const third = coldStart(stores);
      const stale = await third.getToken();
      await third.refresh(stale.accessToken);
      expect(emulator.stats()).toMatchObject({ tokenExchanges: 3, failedTokenExchanges: 1 });
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
