import { inspect } from 'node:util';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { JwtBearerStrategy, MemoryTokenStore, SalesforceAuthError } from '../src/index.js';
import { toAuthStrategy } from '../src/internal.js';
import {
  decodeJwt,
  delayedToken,
  LOGIN,
  notApproved,
  okToken,
  strategyTest,
  tokenEndpoint,
} from './harness.js';

const { keys, config } = strategyTest({
  retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5, maxRetryTimeMs: 1000 },
});

const slowToken = delayedToken(20);

describe('JwtBearerStrategy', () => {
  it('makes one exchange for 100 concurrent getToken() calls, then serves from cache', async () => {
    const requests = tokenEndpoint(LOGIN, slowToken);
    const strategy = new JwtBearerStrategy(config);
    const tokens = await Promise.all(Array.from({ length: 100 }, () => strategy.getToken()));
    expect(requests).toHaveLength(1);
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
    await strategy.getToken();
    expect(requests).toHaveLength(1);
  });

  it('makes one exchange for 100 concurrent refresh(stale) calls', async () => {
    const requests = tokenEndpoint(LOGIN, slowToken);
    const strategy = new JwtBearerStrategy(config);
    const stale = await strategy.getToken();
    const fresh = await Promise.all(
      Array.from({ length: 100 }, () => strategy.refresh(stale.accessToken)),
    );
    expect(requests).toHaveLength(2);
    expect(new Set(fresh.map((token) => token.accessToken))).toEqual(
      new Set([fresh[0]!.accessToken]),
    );
    expect(fresh[0]!.accessToken).not.toBe(stale.accessToken);
    // A late 401 for the same stale token costs nothing more.
    await strategy.refresh(stale.accessToken);
    expect(requests).toHaveLength(2);
  });

  it('forces a new exchange on refresh() without a rejected token', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    const strategy = new JwtBearerStrategy(config);
    const first = await strategy.getToken();
    const second = await strategy.refresh();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(requests).toHaveLength(2);
  });

  it('reports a failed exchange to every waiting caller once, remembers it, and tries afresh after clearLoginFailure()', async () => {
    const requests = tokenEndpoint(LOGIN, (_request, index) =>
      index === 0
        ? HttpResponse.json(
            { error: 'invalid_grant', error_description: 'invalid assertion' },
            { status: 400 },
          )
        : okToken(),
    );
    const strategy = new JwtBearerStrategy(config);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => strategy.getToken()));
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    const reason = (results[0] as PromiseRejectedResult).reason;
    expect(reason).toMatchObject({ code: 'invalid_assertion' });
    expect(requests).toHaveLength(1);
    const remembered = await strategy.getToken().catch((thrown: unknown) => thrown);
    expect(remembered).toMatchObject({ code: 'invalid_assertion' });
    expect((remembered as SalesforceAuthError).retryAfterMs).toBeGreaterThan(0);
    expect(requests).toHaveLength(1);
    strategy.clearLoginFailure();
    await expect(strategy.getToken()).resolves.toMatchObject({ tokenType: 'Bearer' });
    expect(requests).toHaveLength(2);
  });

  it('shares tokens through its store, keyed by login URL, consumer key and username', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    const store = new MemoryTokenStore();
    const first = new JwtBearerStrategy({ ...config, store });
    const second = new JwtBearerStrategy({ ...config, store });
    const other = new JwtBearerStrategy({ ...config, store, username: 'other@acme.com' });
    expect((await first.getToken()).accessToken).toBe((await second.getToken()).accessToken);
    expect(requests).toHaveLength(1);
    await other.getToken();
    expect(requests).toHaveLength(2);
    expect(first.cacheKey).toContain('integration@acme.com');
    expect(first.cacheKey).not.toBe(other.cacheKey);
  });

  it('emits token, refresh and error events that never carry a secret', async () => {
    tokenEndpoint(LOGIN, (_request, index) =>
      index < 2
        ? okToken()
        : HttpResponse.json(
            { error: 'inactive_user', error_description: 'user is inactive' },
            { status: 400 },
          ),
    );
    let clock = Date.now();
    const strategy = new JwtBearerStrategy({ ...config, now: () => clock });
    const events: unknown[] = [];
    strategy.on('token', (event) => events.push(event));
    strategy.on('refresh', (event) => events.push(event));
    strategy.on('error', (event) => events.push(event));
    const first = await strategy.getToken();
    const second = await strategy.refresh(first.accessToken);
    clock += 31_000; // past the rejected-session cooldown
    const error = await strategy.refresh(second.accessToken).catch((thrown: unknown) => thrown);
    expect(SalesforceAuthError.isInstance(error) && error.code).toBe('inactive_user');
    expect(
      events.map((event) =>
        SalesforceAuthError.isInstance(event) ? 'error' : Object.keys(event as object).join(),
      ),
    ).toHaveLength(5);
    const dump = inspect(events, { depth: 5 }) + JSON.stringify(events) + String(error);
    for (const secret of [
      first.accessToken,
      second.accessToken,
      'PRIVATE KEY',
      keys.pkcs8.split('\n')[2]!,
    ]) {
      expect(dump).not.toContain(secret);
    }
  });

  it('does not crash the process when it fails with no error listener', async () => {
    tokenEndpoint(LOGIN, () =>
      HttpResponse.json(
        {
          error: 'inactive_org',
          error_description: 'organization is locked, closed, or suspended',
        },
        { status: 400 },
      ),
    );
    const strategy = new JwtBearerStrategy(config);
    await expect(strategy.getToken()).rejects.toMatchObject({ code: 'inactive_org' });
  });

  it('is what toAuthStrategy builds from a config, and passes a strategy through', () => {
    const strategy = toAuthStrategy(config);
    expect(strategy).toBeInstanceOf(JwtBearerStrategy);
    expect(toAuthStrategy(strategy)).toBe(strategy);
    expect(strategy.name).toBe('jwt-bearer');
  });
});

describe('audience discovery on a My Domain login URL', () => {
  const MY_DOMAIN = 'https://acme.my.salesforce.com';
  const answerByAudience = (accepted: string) => (request: Request) =>
    request
      .clone()
      .text()
      .then((text) => {
        const { claims } = decodeJwt(new URLSearchParams(text).get('assertion')!);
        return claims.aud === accepted
          ? okToken()
          : HttpResponse.json(
              {
                error: 'app_not_found',
                error_description: 'External client app is not installed in this org',
              },
              { status: 400 },
            );
      });

  it('tries the classic audience, then the My Domain once, and remembers what worked', async () => {
    const requests = tokenEndpoint(MY_DOMAIN, answerByAudience(MY_DOMAIN));
    const strategy = new JwtBearerStrategy({ ...config, loginUrl: MY_DOMAIN });
    await strategy.getToken();
    expect(requests.map((request) => decodeJwt(request.assertion).claims.aud)).toEqual([
      'https://login.salesforce.com',
      MY_DOMAIN,
    ]);
    await strategy.refresh();
    expect(requests).toHaveLength(3);
    expect(decodeJwt(requests[2]!.assertion).claims.aud).toBe(MY_DOMAIN);
    expect(strategy.audience).toBe(MY_DOMAIN);
  });

  it('never makes the extra attempt with a pinned audience', async () => {
    const requests = tokenEndpoint(MY_DOMAIN, answerByAudience(MY_DOMAIN));
    const strategy = new JwtBearerStrategy({
      ...config,
      loginUrl: MY_DOMAIN,
      audience: 'my-domain',
    });
    await strategy.getToken();
    expect(requests).toHaveLength(1);
  });

  it('reports any other error at once, without a second attempt', async () => {
    const requests = tokenEndpoint(MY_DOMAIN, () => notApproved());
    const strategy = new JwtBearerStrategy({ ...config, loginUrl: MY_DOMAIN });
    await expect(strategy.getToken()).rejects.toMatchObject({ code: 'user_not_approved' });
    expect(requests).toHaveLength(1);
  });

  it('names both audiences and their answers when discovery fails', async () => {
    const requests = tokenEndpoint(MY_DOMAIN, answerByAudience('https://nowhere.example.com'));
    const strategy = new JwtBearerStrategy({ ...config, loginUrl: MY_DOMAIN });
    const error = (await strategy
      .getToken()
      .catch((thrown: unknown) => thrown)) as SalesforceAuthError;
    expect(error.code).toBe('app_not_found');
    expect(error.message).toContain('https://login.salesforce.com answered app_not_found');
    expect(error.message).toContain(`${MY_DOMAIN} answered app_not_found`);
    expect(requests).toHaveLength(2);
  });

  it('stores the discovered audience with the token so another process skips discovery', async () => {
    const requests = tokenEndpoint(MY_DOMAIN, answerByAudience(MY_DOMAIN));
    const store = new MemoryTokenStore();
    const first = new JwtBearerStrategy({ ...config, loginUrl: MY_DOMAIN, store });
    const token = await first.getToken();
    expect(requests).toHaveLength(2);
    const second = new JwtBearerStrategy({ ...config, loginUrl: MY_DOMAIN, store });
    await second.refresh(token.accessToken);
    expect(requests).toHaveLength(3);
    expect(decodeJwt(requests[2]!.assertion).claims.aud).toBe(MY_DOMAIN);
  });
});
