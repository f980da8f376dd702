/**
 * Limits on how often a strategy may log in (every JWT exchange is a login). Salesforce allows
 * about 3,600 logins per user per hour and blocks IPs after repeated failed logins; these bounds
 * keep any fault far below that.
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
   * @defaultValue 300
   */
  maxLoginsPerHour?: number;
  /**
   * After a rejected session was replaced, further rejections of that new session within this
   * many ms fail with `session_rejected` instead of logging in again, whatever succeeds in
   * between. With a shared store the whole fleet keeps this window.
   * @defaultValue 30000
   */
  rejectedRefreshCooldownMs?: number;
  /**
   * After a login Salesforce refuses for good (invalid_grant, inactive user, ...), callers get
   * the same error, without a login, for this long; the window doubles while the failure repeats.
   * A store with `setLoginFailure` (Redis) shares the window with the fleet.
   * @defaultValue 30000
   */
  failureBackoffMs?: number;
  /**
   * The longest failure window.
   * @defaultValue 900000 (15 minutes)
   */
  maxFailureBackoffMs?: number;
}
