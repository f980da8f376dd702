import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { JwtBearerStrategy, MemoryTokenStore } from '../src/index.js';
import { PIN_AUDIENCE_WARNING, resetPinAudienceWarning } from '../src/internal.js';
import { decodeJwt, makeKeys, okToken, server, tokenEndpoint } from './harness.js';

const MY_DOMAIN = 'https://acme.my.salesforce.com';
const keys = makeKeys();
const config = {
  clientId: '3MVG9-consumer-key',
  username: 'integration@acme.com',
  privateKey: keys.pkcs8,
  loginUrl: MY_DOMAIN,
  retry: false as const,
};
// An External Client App: only the My Domain audience is accepted.
const externalClientApp = (request: Request) =>
  request
    .clone()
    .text()
    .then((text) =>
      decodeJwt(new URLSearchParams(text).get('assertion')!).claims.aud === MY_DOMAIN
        ? okToken()
        : HttpResponse.json(
            {
              error: 'app_not_found',
              error_description: 'External client app is not installed in this org',
            },
            { status: 400 },
          ),
    );

let warnings: Array<{ message: string; code: unknown }>;
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  resetPinAudienceWarning();
  warnings = [];
  vi.spyOn(process, 'emitWarning').mockImplementation(((
    message: string,
    options: { code?: string },
  ) => {
    warnings.push({ message, code: options?.code });
  }) as never);
});
afterEach(() => {
  vi.restoreAllMocks();
  server.resetHandlers();
});
afterAll(() => server.close());

describe('the warning to pin the audience', () => {
  it('is given once per process, with the exact config line, when discovery cost a failed login and no store keeps it', async () => {
    tokenEndpoint(MY_DOMAIN, externalClientApp);
    await new JwtBearerStrategy(config).getToken();
    await new JwtBearerStrategy(config).getToken();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.code).toBe(PIN_AUDIENCE_WARNING);
    expect(warnings[0]!.message).toContain("`audience: 'my-domain'`");
  });

  it('is not given with a store, with a pinned audience, or when the first audience worked', async () => {
    tokenEndpoint(MY_DOMAIN, externalClientApp);
    await new JwtBearerStrategy({ ...config, store: new MemoryTokenStore() }).getToken();
    await new JwtBearerStrategy({ ...config, audience: 'my-domain' }).getToken();
    server.resetHandlers();
    tokenEndpoint(MY_DOMAIN, () => okToken());
    await new JwtBearerStrategy(config).getToken();
    expect(warnings).toEqual([]);
  });
});
