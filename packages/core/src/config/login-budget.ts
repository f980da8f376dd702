import { LOGIN_BUDGET_DEFAULTS } from './defaults.js';

/**
 * Limits on how often a strategy may log in (every JWT exchange is a login). Salesforce allows
 * about 3,600 logins per user per hour and blocks IPs after repeated failed logins; these bounds
 * keep any fault far below that. Every bound is per user and per process, timed by a monotonic
 * clock; the defaults are {@link LOGIN_BUDGET_DEFAULTS}, and SECURITY.md lists each rule.
 *
 * @example
 * ```ts
 * new JwtBearerStrategy({ ...config, loginBudget: { maxLoginsPerHour: 120 } });
 * ```
 */
export interface LoginBudget {
  /**
   * Most token requests for this user per rolling hour, in this process. Past it, callers get a
   * retryable `login_budget_exhausted` with `retryAfterMs` instead of a login.
   * @defaultValue 300 ({@link LOGIN_BUDGET_DEFAULTS})
   */
  maxLoginsPerHour?: number;
  /**
   * Most replacements of rejected sessions for this user per rolling minute, in this process.
   * A session that served a successful call and is then rejected is an ordinary expiry, healed at
   * once; this bounds a session killed after every use. Past it, `login_budget_exhausted`.
   * @defaultValue 10 ({@link LOGIN_BUDGET_DEFAULTS})
   */
  maxRejectedRefreshesPerMinute?: number;
  /**
   * A session rejected before any successful call is suspect. The first suspect in a row is
   * replaced at once; the next is replaced only once its session is this old (ms), and the wait
   * doubles with each further suspect in a row. Meanwhile callers get `session_rejected`.
   * @defaultValue 1000 ({@link LOGIN_BUDGET_DEFAULTS})
   */
  suspectBackoffMs?: number;
  /**
   * The longest wait before replacing a suspect session.
   * @defaultValue 30000 ({@link LOGIN_BUDGET_DEFAULTS})
   */
  maxSuspectBackoffMs?: number;
  /**
   * @deprecated The former fixed cooldown after a rejected replacement; now read as
   * `maxSuspectBackoffMs` when that is not given.
   * @defaultValue undefined
   */
  rejectedRefreshCooldownMs?: number;
  /**
   * After a login Salesforce refuses for good (invalid_grant, inactive user, ...), callers get
   * the same error, without a login, for this long; the window doubles while the failure repeats.
   * A store with `setLoginFailure` (Redis) shares the window with the fleet, as a duration.
   * @defaultValue 30000 ({@link LOGIN_BUDGET_DEFAULTS})
   */
  failureBackoffMs?: number;
  /**
   * The longest failure window.
   * @defaultValue 900000 (15 minutes, {@link LOGIN_BUDGET_DEFAULTS})
   */
  maxFailureBackoffMs?: number;
}

/** A {@link LoginBudget} with every bound set. */
export type ResolvedLoginBudget = Required<Omit<LoginBudget, 'rejectedRefreshCooldownMs'>>;

/** The budget with its defaults (the deprecated cooldown read as the suspect maximum). */
export function resolveLoginBudget(budget: LoginBudget = {}): ResolvedLoginBudget {
  const defaults: ResolvedLoginBudget = LOGIN_BUDGET_DEFAULTS;
  const pick = (name: keyof ResolvedLoginBudget) => budget[name] ?? defaults[name];
  return {
    maxLoginsPerHour: pick('maxLoginsPerHour'),
    maxRejectedRefreshesPerMinute: pick('maxRejectedRefreshesPerMinute'),
    suspectBackoffMs: pick('suspectBackoffMs'),
    maxSuspectBackoffMs:
      budget.maxSuspectBackoffMs ??
      budget.rejectedRefreshCooldownMs ??
      LOGIN_BUDGET_DEFAULTS.maxSuspectBackoffMs,
    failureBackoffMs: pick('failureBackoffMs'),
    maxFailureBackoffMs: pick('maxFailureBackoffMs'),
  };
}
