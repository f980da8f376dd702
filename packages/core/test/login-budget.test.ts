import { inspect } from 'node:util';
import { delay, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  exchangeAssertion,
  type JwtBearerConfig,
  JwtBearerStrategy,
  MemoryTokenStore,
  type SalesforceAuthError,
} from '../src/index.js';
import {
  LOGIN,
  notApproved,
  ORG_ID,
  okToken,
  strategyTest,
  tokenBody,
  tokenEndpoint,
  USER_ID,
} from './harness.js';

const { config: base } = strategyTest({ retry: false });

function clocked(extra: Partial<JwtBearerConfig> = {}) {
  const clock = { now: Date.parse('2026-11-26T10:00:00Z') };
  const strategy = new JwtBearerStrategy({ ...base, now: () => clock.now, ...extra });
  const refused: string[] = [];
  strategy.on('loginRefused', (event) => refused.push(event.reason));
  return { clock, strategy, refused };
}

const settle = (calls: Array<Promise<unknown>>) => Promise.allSettled(calls);

describe('failure memory', () => {
  it('costs one failed login per backoff window for 1,000 calls (500 sequential, 500 concurrent)', async () => {
    const requests = tokenEndpoint(LOGIN, notApproved);
    const { clock, strategy, refused } = clocked();
    const attempts: string[] = [];
    strategy.on('loginAttempt', ({ audience }) => attempts.push(audience));
    for (let index = 0; index < 500; index += 1) {
      const error = await strategy.getToken().catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: 'user_not_approved', error: 'invalid_grant' });
    }
    const concurrent = await settle(Array.from({ length: 500 }, () => strategy.getToken()));
    expect(concurrent.every((result) => result.status === 'rejected')).toBe(true);
    expect(requests).toHaveLength(1);
    expect(attempts).toHaveLength(1);
    expect(refused).toHaveLength(999);

    // The window is 30 s with 20 % jitter: past 36 s one more login is allowed, and it fails again.
    const remembered = (await strategy.getToken().catch((e: unknown) => e)) as SalesforceAuthError;
    expect(remembered.retryAfterMs).toBeGreaterThan(23_000);
    expect(remembered.retryAfterMs).toBeLessThanOrEqual(36_000);
    expect(remembered.retryable).toBe(false);
    clock.now += 36_001;
    await settle(Array.from({ length: 100 }, () => strategy.getToken()));
    expect(requests).toHaveLength(2);
    // The failure repeated, so the window doubled (60 s +/- 20 %): 40 s later it still holds.
    clock.now += 40_000;
    await settle(Array.from({ length: 100 }, () => strategy.getToken()));
    expect(requests).toHaveLength(2);
    clock.now += 40_000;
    await settle([strategy.getToken()]);
    expect(requests).toHaveLength(3);
  });

  it('costs one failed login for 8 processes sharing a store: the others take the failure on', async () => {
    const requests = tokenEndpoint(LOGIN, notApproved);
    const clock = { now: Date.parse('2026-11-26T10:00:00Z') };
    // The store keeps the failure as a TTL on its own clock, here the test's.
    const store = new MemoryTokenStore({ now: () => clock.now });
    // Eight strategies for the same user and store stand for eight processes of a fleet.
    const fleet = Array.from(
      { length: 8 },
      () => new JwtBearerStrategy({ ...base, store, now: () => clock.now }),
    );
    // The first process fails; the others, coming later, find its failure in the store. (Without
    // a store lock, processes that start at the same instant each log in once: RedisTokenStore's
    // exchangeOnce serialises them, see packages/redis-store.)
    await expect(fleet[0]!.getToken()).rejects.toMatchObject({ code: 'user_not_approved' });
    for (let round = 0; round < 10; round += 1) {
      const results = await settle(fleet.map((strategy) => strategy.getToken()));
      for (const result of results) {
        expect(result).toMatchObject({ status: 'rejected', reason: { code: 'user_not_approved' } });
      }
    }
    expect(requests).toHaveLength(1);
    const shared = (await fleet[7]!.getToken().catch((e: unknown) => e)) as SalesforceAuthError;
    expect(shared.retryAfterMs).toBeGreaterThan(23_000);
    expect(shared.retryable).toBe(false);
    clock.now += 36_001;
    for (const strategy of fleet) await settle([strategy.getToken()]);
    expect(requests).toHaveLength(2);
  });

  it('ignores a malformed shared failure, and caps a forged one at the longest window', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    const clock = { now: Date.parse('2026-11-26T10:00:00Z') };
    const store = new MemoryTokenStore({ now: () => clock.now });
    const strategy = new JwtBearerStrategy({ ...base, store, now: () => clock.now });
    const setLoginFailure = store.setLoginFailure.bind(store);
    const forge = (value: unknown) => setLoginFailure(strategy.cacheKey, value as never);
    for (const bad of [
      'oops',
      { code: 'no_such_code', windowMs: 60_000, streak: 1 },
      { code: 'aborted', windowMs: 60_000, streak: 1 },
      { code: 'user_not_approved', windowMs: 'later', streak: 1 },
      { code: 'user_not_approved', windowMs: 60_000, streak: 0 },
      { code: 'user_not_approved', windowMs: -5, streak: 1 },
      // A wall-clock deadline (the old shape) is another machine's clock: never read.
      { code: 'user_not_approved', failedAt: clock.now, until: clock.now + 60_000, streak: 1 },
    ]) {
      await forge(bad);
      await strategy.refresh();
    }
    expect(requests).toHaveLength(7);
    const aYear = 365 * 86_400_000;
    await forge({ code: 'user_not_approved', windowMs: aYear, streak: 1 });
    const error = (await strategy.refresh().catch((e: unknown) => e)) as SalesforceAuthError;
    expect(error.code).toBe('user_not_approved');
    expect(error.retryAfterMs).toBeLessThanOrEqual(900_000 * 1.2);
    expect(requests).toHaveLength(7);
    await strategy.clearLoginFailure();
    expect(await store.getLoginFailure(strategy.cacheKey)).toBeUndefined();
    await strategy.refresh();
    expect(requests).toHaveLength(8);
  });

  it('refuses a refresh for a user that keeps failing, and forgets after clearLoginFailure()', async () => {
    let approved = false;
    const requests = tokenEndpoint(LOGIN, () => (approved ? okToken() : notApproved()));
    const { strategy } = clocked();
    await settle(Array.from({ length: 50 }, () => strategy.refresh('stale-token')));
    await settle(Array.from({ length: 50 }, () => strategy.refresh()));
    expect(requests).toHaveLength(1);
    approved = true;
    strategy.clearLoginFailure();
    await expect(strategy.getToken()).resolves.toMatchObject({ organizationId: ORG_ID });
    expect(requests).toHaveLength(2);
  });

  it('does not remember transient failures', async () => {
    const requests = tokenEndpoint(LOGIN, (_request, index) =>
      index === 0 ? new HttpResponse('maintenance', { status: 503 }) : okToken(),
    );
    const { strategy } = clocked();
    await expect(strategy.getToken()).rejects.toMatchObject({ code: 'server_error' });
    await expect(strategy.getToken()).resolves.toMatchObject({ userId: USER_ID });
    expect(requests).toHaveLength(2);
  });
});

describe('rejected sessions', () => {
  it('heals two org-wide expiries 5 s apart after successful traffic with one exchange each, no caller error', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    const { clock, strategy, refused } = clocked();
    let token = await strategy.getToken();
    for (let expiry = 0; expiry < 2; expiry += 1) {
      strategy.succeeded(token.accessToken); // traffic served by this session
      clock.now += 5000;
      const rejected = token.accessToken;
      const healed = await Promise.all(
        Array.from({ length: 50 }, () => strategy.refresh(rejected)),
      );
      expect(new Set(healed.map((each) => each.accessToken)).size).toBe(1);
      token = healed[0]!;
      expect(token.accessToken).not.toBe(rejected);
    }
    expect(requests).toHaveLength(3);
    expect(refused).toEqual([]);
  });

  it('replaces a session rejected before any success at once, then backs off 1 s, 2 s, 4 s', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    const { clock, strategy, refused } = clocked();
    let token = await strategy.getToken();
    token = await strategy.refresh(token.accessToken); // first suspect: at once
    expect(requests).toHaveLength(2);
    for (const wait of [1000, 2000, 4000]) {
      const error = (await strategy
        .refresh(token.accessToken)
        .catch((e) => e)) as SalesforceAuthError;
      expect(error).toMatchObject({ code: 'session_rejected', retryAfterMs: wait });
      clock.now += wait - 1;
      await expect(strategy.refresh(token.accessToken)).rejects.toMatchObject({
        code: 'session_rejected',
      });
      clock.now += 1;
      token = await strategy.refresh(token.accessToken);
    }
    expect(requests).toHaveLength(5);
    expect(new Set(refused)).toEqual(new Set(['suspect_backoff']));
    // A success ends the streak: the next rejection is an ordinary expiry.
    strategy.succeeded(token.accessToken);
    await strategy.refresh(token.accessToken);
    expect(requests).toHaveLength(6);
  });

  it('costs at most 10 exchanges for 100 alternations of success and rejection within 1 s', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    const { clock, strategy, refused } = clocked();
    let token = await strategy.getToken();
    const codes = new Set<string>();
    for (let index = 0; index < 100; index += 1) {
      clock.now += 10;
      strategy.succeeded(token.accessToken);
      token = await strategy.refresh(token.accessToken).catch((error: SalesforceAuthError) => {
        codes.add(error.code);
        return token;
      });
    }
    expect(requests).toHaveLength(1 + 10);
    expect([...codes]).toEqual(['login_budget_exhausted']);
    expect(new Set(refused)).toEqual(new Set(['rejection_ceiling']));
    clock.now += 60_000;
    await strategy.refresh(token.accessToken);
    expect(requests).toHaveLength(12);
  });
});

describe('hourly ceiling', () => {
  it('answers login_budget_exhausted with retryAfterMs past the ceiling, without a login', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    const { clock, strategy, refused } = clocked({ loginBudget: { maxLoginsPerHour: 20 } });
    await strategy.getToken();
    for (let index = 0; index < 19; index += 1) {
      clock.now += 1000;
      await strategy.refresh();
    }
    const error = (await strategy.refresh().catch((e: unknown) => e)) as SalesforceAuthError;
    expect(error).toMatchObject({ code: 'login_budget_exhausted', retryable: true });
    expect(error.retryAfterMs).toBe(3_600_000 - 19_000);
    expect(requests).toHaveLength(20);
    expect(refused).toEqual(['hourly_ceiling']);
    // The held token still serves callers.
    await expect(strategy.getToken()).resolves.toBeTruthy();
    clock.now += error.retryAfterMs! + 1;
    await strategy.refresh();
    expect(requests).toHaveLength(21);
  });
});

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

describe('AbortSignal', () => {
  it('ends an aborted getToken() at once while another caller still gets the token', async () => {
    const order: string[] = [];
    tokenEndpoint(LOGIN, async () => {
      await delay(100);
      order.push('endpoint answered');
      return okToken();
    });
    const strategy = new JwtBearerStrategy(base);
    const controller = new AbortController();
    const aborted = strategy.getToken({ signal: controller.signal }).catch((error: unknown) => {
      order.push('aborted caller settled');
      return error;
    });
    const other = strategy.getToken();
    setTimeout(() => controller.abort(), 10);
    expect(await aborted).toMatchObject({ code: 'aborted', retryable: true });
    await expect(other).resolves.toMatchObject({ organizationId: ORG_ID });
    expect(order).toEqual(['aborted caller settled', 'endpoint answered']);
  });

  it('cancels the request itself when the only caller aborts, and the next call starts afresh', async () => {
    let cancelled = 0;
    const requests = tokenEndpoint(LOGIN, async (request, index) => {
      if (index > 0) return okToken();
      request.signal.addEventListener('abort', () => {
        cancelled += 1;
      });
      await delay(5000);
      return okToken();
    });
    const strategy = new JwtBearerStrategy(base);
    const controller = new AbortController();
    const pending = strategy.refresh(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    await expect.poll(() => cancelled).toBe(1);
    await expect(strategy.getToken()).resolves.toBeTruthy();
    expect(requests).toHaveLength(2);
  });

  it('rejects exchangeAssertion with aborted for a signal that already fired', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    await expect(
      exchangeAssertion('eyJ.a.b', { loginUrl: LOGIN, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'aborted' });
    expect(requests).toHaveLength(0);
  });
});

describe('wall clock jumps', () => {
  // The wall clock (`now`) jumps; durations run on `monotonicNow`, which does not.
  function jumping(extra: Partial<JwtBearerConfig> = {}) {
    const clock = { wall: Date.parse('2026-11-26T10:00:00Z'), mono: 0 };
    const strategy = new JwtBearerStrategy({
      ...base,
      now: () => clock.wall,
      monotonicNow: () => clock.mono,
      ...extra,
    });
    return { clock, strategy };
  }
  const advance = (clock: { wall: number; mono: number }, ms: number) => {
    clock.wall += ms;
    clock.mono += ms;
  };

  it.each([-3_600_000, 3_600_000])(
    'changes no failure window when the wall clock jumps %i ms',
    async (jump) => {
      const requests = tokenEndpoint(LOGIN, notApproved);
      const { clock, strategy } = jumping({ loginBudget: { failureBackoffMs: 1000 } });
      await expect(strategy.getToken()).rejects.toMatchObject({ code: 'user_not_approved' });
      clock.wall += jump;
      const error = (await strategy.getToken().catch((e: unknown) => e)) as SalesforceAuthError;
      expect(error.retryAfterMs).toBeLessThanOrEqual(1200);
      expect(requests).toHaveLength(1);
      advance(clock, 1201);
      await expect(strategy.getToken()).rejects.toMatchObject({ code: 'user_not_approved' });
      expect(requests).toHaveLength(2);
    },
  );

  it.each([-3_600_000, 3_600_000])(
    'changes no suspect backoff when the wall clock jumps %i ms',
    async (jump) => {
      const requests = tokenEndpoint(LOGIN, okToken);
      const { clock, strategy } = jumping();
      const first = await strategy.getToken();
      const second = await strategy.refresh(first.accessToken);
      clock.wall += jump;
      await expect(strategy.refresh(second.accessToken)).rejects.toMatchObject({
        code: 'session_rejected',
        retryAfterMs: 1000,
      });
      advance(clock, 1000);
      await strategy.refresh(second.accessToken);
      expect(requests).toHaveLength(3);
    },
  );

  it.each([-3_600_000, 3_600_000])(
    'changes no token age when the wall clock jumps %i ms',
    async (jump) => {
      const requests = tokenEndpoint(LOGIN, okToken);
      const { clock, strategy } = jumping({ maxTokenAgeMs: 60_000 });
      const first = await strategy.getToken();
      clock.wall += jump;
      advance(clock, 59_999);
      expect((await strategy.getToken()).accessToken).toBe(first.accessToken);
      expect(requests).toHaveLength(1);
      advance(clock, 1);
      expect((await strategy.getToken()).accessToken).not.toBe(first.accessToken);
      expect(requests).toHaveLength(2);
    },
  );
});
