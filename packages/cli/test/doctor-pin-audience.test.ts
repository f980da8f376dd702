import { createTestOrg, startEmulator } from '@sf-jwt/emulator';
import { describe, expect, it } from 'vitest';
import { checkExchange } from '../src/doctor/doctor-checks.js';

const MY_DOMAIN = 'https://acme.my.salesforce.com';

describe('sf-jwt doctor on a My Domain login URL with an External Client App', () => {
  it('says discovery cost a failed login every cold start pays without a store, and prints the line to pin', async () => {
    const org = await createTestOrg({ kind: 'external-client-app', myDomain: MY_DOMAIN });
    const emulator = await startEmulator({ setup: org.setup });
    // The emulator on 127.0.0.1 answers for the My Domain (as DNS would), its URL mapped back.
    const myDomainFetch: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const response = await fetch(url.replace(MY_DOMAIN, emulator.url), init);
      const body = (await response.text()).replaceAll(emulator.url, MY_DOMAIN);
      return new Response(body, {
        status: response.status,
        headers: { 'content-type': 'application/json' },
      });
    };
    try {
      const result = await checkExchange({
        clientId: org.clientId,
        username: org.username,
        privateKey: org.privateKey,
        loginUrl: MY_DOMAIN,
        fetch: myDomainFetch,
      });
      expect(result.status).toBe('pass');
      expect(result.detail).toContain('finding it cost a failed login');
      expect(result.detail).toContain("add `audience: 'my-domain'` to the config");
      expect(emulator.stats().failedTokenExchanges).toBe(1);
    } finally {
      await emulator.stop();
    }
  });
});
