import { inspect } from 'node:util';
import { delay, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { JwtBearerStrategy, MemoryTokenStore, type SalesforceAuthError } from '../src/index.js';
import {
  LOGIN,
  ORG_ID,
  okToken,
  strategyTest,
  tokenBody,
  tokenEndpoint,
  USER_ID,
} from './harness.js';

const { config: base } = strategyTest({ retry: false });

describe('stored values are untrusted', () => {
  const cacheKey = `sf-jwt:${LOGIN}:${base.clientId}:${base.username}`;
  const good = () => {
    const body = tokenBody();
    return {
      cacheKey,
      token: {
        accessToken: body.access_token,
        instanceUrl: body.instance_url,
        id: body.id,
        organizationId: ORG_ID,
        userId: USER_ID,
        tokenType: 'Bearer',
        issuedAt: Date.now(),
      },
    };
  };
  const malformed: Array<[string, unknown]> = [
    ['an empty object', {}],
    ['a number', 1],
    ['a string', 'x'],
    ['an array', []],
    ['a null token', { token: null, cacheKey }],
    ['an empty token', { token: {}, cacheKey }],
    ["another user's value", { ...good(), cacheKey: `${cacheKey}x` }],
    [
      "an attacker's instance URL",
      { ...good(), token: { ...good().token, instanceUrl: 'https://evil.example.com' } },
    ],
    [
      'a loopback instance URL',
      { ...good(), token: { ...good().token, instanceUrl: 'http://127.0.0.1:6379' } },
    ],
    ['an id of another org', { ...good(), token: { ...good().token, organizationId: '00Dxx' } }],
  ];

  it.each(malformed)('replaces %s with one exchange', async (_name, value) => {
    const requests = tokenEndpoint(LOGIN, okToken);
    const store = new MemoryTokenStore();
    await store.set(cacheKey, value as never);
    const strategy = new JwtBearerStrategy({ ...base, store });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => strategy.getToken()));
    for (const token of tokens) {
      expect(token.accessToken).toMatch(/^00D\w+!AQ/);
      expect(token.instanceUrl).toBe('https://acme.my.salesforce.com');
    }
    expect(requests).toHaveLength(1);
    expect((await store.get(cacheKey))?.token.accessToken).toBe(tokens[0]!.accessToken);
  });

  it('uses a well-formed stored value without an exchange', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    const store = new MemoryTokenStore();
    const value = good();
    await store.set(cacheKey, value);
    const strategy = new JwtBearerStrategy({ ...base, store });
    expect((await strategy.getToken()).accessToken).toBe(value.token.accessToken);
    expect(requests).toHaveLength(0);
  });
});

describe('trust and redaction', () => {
  it.each([
    ['instance_url', { instance_url: 'http://127.0.0.1:6379' }],
    ['id', { id: `http://[::1]:2375/id/${ORG_ID}/${USER_ID}` }],
  ])('refuses a loopback %s for a production login URL', async (_field, override) => {
    tokenEndpoint(LOGIN, () => HttpResponse.json({ ...tokenBody(), ...override }));
    const strategy = new JwtBearerStrategy(base);
    await expect(strategy.getToken()).rejects.toMatchObject({ code: 'untrusted_instance_url' });
  });

  it('leaks no assertion when the endpoint echoes its input into every field', async () => {
    tokenEndpoint(LOGIN, async (request) => {
      const body = await request.text();
      const assertion = new URLSearchParams(body).get('assertion')!;
      return HttpResponse.json(
        { error: assertion, error_description: `bad request: ${body}` },
        { status: 400 },
      );
    });
    const strategy = new JwtBearerStrategy(base);
    const events: unknown[] = [];
    strategy.on('error', (error) => events.push(error));
    strategy.on('loginResult', (event) => events.push(event));
    const error = (await strategy.getToken().catch((e: unknown) => e)) as SalesforceAuthError;
    const again = await strategy.getToken().catch((e: unknown) => e);
    const outputs = [
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
      String(error),
      error.stack ?? '',
      String(error.error),
      String(error.errorDescription),
      inspect(events, { depth: 5 }),
      JSON.stringify(again),
      inspect(again),
    ].join('\n');
    expect(outputs).not.toMatch(/eyJ[\w-]{8,}/);
    expect(outputs).toContain('[redacted]');
  });
});

describe('maxTokenAgeMs', () => {
  it('replaces an old token with one exchange for 100 concurrent callers and a second process', async () => {
    const requests = tokenEndpoint(LOGIN, async () => {
      await delay(10);
      return okToken();
    });
    const store = new MemoryTokenStore();
    const clock = { now: Date.now() };
    const config = { ...base, store, now: () => clock.now, maxTokenAgeMs: 30 * 60_000 };
    const first = new JwtBearerStrategy(config);
    const second = new JwtBearerStrategy(config);
    const old = await first.getToken();
    expect((await second.getToken()).accessToken).toBe(old.accessToken);
    clock.now += 29 * 60_000;
    await first.getToken();
    expect(requests).toHaveLength(1);
    clock.now += 2 * 60_000;
    const tokens = await Promise.all(Array.from({ length: 100 }, () => first.getToken()));
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
    expect(tokens[0]!.accessToken).not.toBe(old.accessToken);
    expect((await second.getToken()).accessToken).toBe(tokens[0]!.accessToken);
    expect(requests).toHaveLength(2);
  });
});
