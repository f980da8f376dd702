import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type JwtBearerConfig,
  JwtBearerStrategy,
  MemoryTokenStore,
  type SalesforceAuthError,
} from '../src/index.js';
import {
  clockedStrategy,
  LOGIN,
  notApproved,
  ORG_ID,
  okToken,
  settle,
  strategyTest,
  tokenEndpoint,
  USER_ID,
} from './harness.js';

const { config: base } = strategyTest({ retry: false });
const clocked = (extra: Partial<JwtBearerConfig> = {}) => clockedStrategy(base, extra);

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
