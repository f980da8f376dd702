import { describe, expect, it } from 'vitest';
import { LOGIN_BUDGET_DEFAULTS, SalesforceAuthError } from '../src/index.js';
import {
  type Admission,
  LoginPolicy,
  type Refusal,
  suspectWaitMs,
} from '../src/strategy/login-policy.js';

// The policy alone, on a fake monotonic clock: no strategy, no fetch.
function policy(budget: Partial<typeof LOGIN_BUDGET_DEFAULTS> = {}) {
  const clock = { ms: 1_000 };
  const rules = new LoginPolicy({
    loginBudget: { ...LOGIN_BUDGET_DEFAULTS, ...budget },
    monotonicNow: () => clock.ms,
    random: () => 0.5,
  });
  return { clock, rules };
}
const refused = (result: Admission | Refusal) => ('error' in result ? result.reason : undefined);
const notApproved = () =>
  new SalesforceAuthError({ code: 'user_not_approved', error: 'invalid_grant' });

describe('login policy rules', () => {
  it('heals an ordinary expiry (a session that served) at once, every time, up to 10 a minute', () => {
    const { clock, rules } = policy();
    for (let index = 0; index < 10; index += 1) {
      rules.received();
      rules.used();
      clock.ms += 5;
      expect(refused(rules.admit('rejected'))).toBeUndefined();
      rules.settle(1);
    }
    rules.received();
    rules.used();
    const eleventh = rules.admit('rejected') as Refusal;
    expect(eleventh.reason).toBe('rejection_ceiling');
    expect(eleventh.error.code).toBe('login_budget_exhausted');
    expect(eleventh.error.retryAfterMs).toBe(60_000 - 45);
    clock.ms += 60_000;
    expect(refused(rules.admit('rejected'))).toBeUndefined();
  });

  it('backs suspects off in growing steps: 0, 1 s, 2 s, 4 s ... capped at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => suspectWaitMs(n, LOGIN_BUDGET_DEFAULTS))).toEqual([
      0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    const { clock, rules } = policy();
    rules.received(0);
    const first = rules.admit('rejected') as Admission;
    expect(first.suspectStreak).toBe(1);
    rules.received(first.suspectStreak);
    const second = rules.admit('rejected') as Refusal;
    expect(second).toMatchObject({
      reason: 'suspect_backoff',
      error: { code: 'session_rejected' },
    });
    expect(second.error.retryAfterMs).toBe(1000);
    clock.ms += 1000;
    expect((rules.admit('rejected') as Admission).suspectStreak).toBe(2);
  });

  it('remembers a failure for its window, doubling while it repeats, on the monotonic clock', () => {
    const { clock, rules } = policy();
    rules.admit('initial');
    const shared = rules.settle(1, notApproved());
    expect(shared).toMatchObject({ code: 'user_not_approved', windowMs: 30_000, streak: 1 });
    expect(refused(rules.admit('initial'))).toBe('remembered_failure');
    clock.ms += 30_000;
    rules.admit('initial');
    expect(rules.settle(1, notApproved())).toMatchObject({ windowMs: 60_000, streak: 2 });
    clock.ms += 59_999;
    expect(refused(rules.admit('initial'))).toBe('remembered_failure');
    clock.ms += 1;
    expect(refused(rules.admit('initial'))).toBeUndefined();
    expect(rules.settle(1)).toBeNull(); // a success after a failure: clear the shared one
  });

  it('keeps the hourly ceiling and tells an admitted exchange how many requests it may send', () => {
    const { clock, rules } = policy({ maxLoginsPerHour: 5 });
    expect((rules.admit('initial') as Admission).maxAttempts).toBe(5);
    rules.settle(4);
    expect((rules.admit('forced') as Admission).maxAttempts).toBe(1);
    rules.settle(1);
    expect(refused(rules.admit('refresh-ahead'))).toBe('hourly_ceiling');
    clock.ms += 3_600_000;
    expect(refused(rules.admit('refresh-ahead'))).toBeUndefined();
  });

  it('adopts a shared failure by what remains of it, never longer than its own longest window', () => {
    const { rules } = policy();
    rules.adopt({ code: 'user_not_approved', windowMs: 30_000, remainingMs: 5_000, streak: 1 });
    expect((rules.admit('initial') as Refusal).error.retryAfterMs).toBe(5_000);
    const fresh = policy().rules;
    fresh.adopt({ code: 'user_not_approved', windowMs: 10 ** 12, streak: 1 });
    expect((fresh.admit('initial') as Refusal).error.retryAfterMs).toBe(900_000 * 1.2);
  });
});
