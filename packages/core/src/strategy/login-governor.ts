import type { LoginBudget } from '../config/login-budget.js';
import { ERROR_CODE_INFO, type SalesforceAuthErrorCode } from '../errors/error-codes.js';
import { oauthFieldsOf, SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import type { StoredLoginFailure } from '../types.js';

/** Why the governor refused a login. */
export type LoginRefusalReason = 'remembered_failure' | 'hourly_ceiling' | 'rejected_cooldown';

const HOUR_MS = 3_600_000;

// Failures that come from the caller's side or from sf-jwt itself say nothing about the setup.
const NOT_REMEMBERED = new Set([
  'invalid_config',
  'aborted',
  'login_budget_exhausted',
  'session_rejected',
  'no_subject',
]);

/** What a {@link LoginGovernor} reads: the budget with its defaults, the clock, the jitter. */
export interface GovernorConfig {
  readonly loginBudget: Required<LoginBudget>;
  readonly now: () => number;
  /** For the failure window's jitter. @defaultValue Math.random */
  readonly random?: () => number;
}

/** A refusal: the error to throw and why. */
export interface Refusal {
  readonly reason: LoginRefusalReason;
  readonly error: SalesforceAuthError;
}

/*
 * The login budget. Every token request of a strategy passes `beforeAttempt` (counted against the
 * hourly ceiling); every exchange passes `refusal` first (a remembered failure still in its
 * window is thrown again, as the same typed error with `retryAfterMs`, without contacting
 * Salesforce); a refresh for a rejected session passes `rejectedRefreshRefusal` (at most one
 * such exchange per cooldown). Together they bound the logins any fault can cause: one per
 * failure window, one per cooldown, and never more than the hourly ceiling.
 */
export class LoginGovernor {
  // Only the per-user state lives here; the limits and the clock are the shared config's, so a
  // pool of many users holds three fields per user (bench/pool.ts).
  readonly #config: GovernorConfig;
  #attempts: number[] | undefined;
  #failure: { error: SalesforceAuthError; until: number; streak: number } | undefined;

  constructor(config: GovernorConfig) {
    this.#config = config;
  }

  /** The remembered failure, while its window lasts. */
  refusal(): Refusal | undefined {
    const failure = this.#failure;
    if (!failure) return undefined;
    const retryAfterMs = failure.until - this.#config.now();
    if (retryAfterMs <= 0) return undefined;
    const { error } = failure;
    return {
      reason: 'remembered_failure',
      error: new SalesforceAuthError({
        code: error.code,
        message: `${error.message} (remembered: not retried for another ${Math.ceil(retryAfterMs / 1000)} s)`,
        hint: `${error.hint} Once fixed, call clearLoginFailure() to try at once.`,
        ...oauthFieldsOf(error),
        retryable: false,
        retryAfterMs,
        cause: error,
      }),
    };
  }

  /** Counts one token request; a refusal past the hourly ceiling. */
  beforeAttempt(): Refusal | undefined {
    const now = this.#config.now();
    const { maxLoginsPerHour } = this.#config.loginBudget;
    const attempts = this.#attempts;
    if (!attempts) {
      this.#attempts = [now]; // an exact-size array: most users log in once an hour or less
      return undefined;
    }
    while (attempts.length > 0 && attempts[0]! <= now - HOUR_MS) attempts.shift();
    if (attempts.length >= maxLoginsPerHour) {
      const retryAfterMs = attempts[0]! + HOUR_MS - now;
      return {
        reason: 'hourly_ceiling',
        error: new SalesforceAuthError({
          code: 'login_budget_exhausted',
          message: `sf-jwt refused to log in: ${maxLoginsPerHour} logins for this user in the last hour`,
          retryAfterMs,
        }),
      };
    }
    attempts.push(now);
    return undefined;
  }

  /**
   * A refusal when the session being replaced was itself obtained by a refresh for a rejected
   * session less than a cooldown ago (`refreshedAt`).
   */
  rejectedRefreshRefusal(refreshedAt: number | undefined): Refusal | undefined {
    if (refreshedAt === undefined) return undefined;
    const { rejectedRefreshCooldownMs } = this.#config.loginBudget;
    const retryAfterMs = refreshedAt + rejectedRefreshCooldownMs - this.#config.now();
    if (retryAfterMs <= 0) return undefined;
    return {
      reason: 'rejected_cooldown',
      error: new SalesforceAuthError({
        code: 'session_rejected',
        message:
          'Salesforce rejected the session it had just issued; no new login until the cooldown ends',
        retryAfterMs,
      }),
    };
  }

  /**
   * Remembers a failed exchange that another try cannot fix, and returns the failure for a
   * shared store (undefined when it is not remembered).
   */
  failed(error: unknown): StoredLoginFailure | undefined {
    if (!SalesforceAuthError.isInstance(error) || error.retryable) return undefined;
    if (NOT_REMEMBERED.has(error.code)) return undefined;
    const streak = (this.#failure?.streak ?? 0) + 1;
    const { failureBackoffMs, maxFailureBackoffMs } = this.#config.loginBudget;
    const window = Math.min(failureBackoffMs * 2 ** Math.min(streak - 1, 20), maxFailureBackoffMs);
    const random = this.#config.random ?? Math.random;
    // Jitter (80-120 %) so a fleet that failed together does not retry together.
    const failedAt = this.#config.now();
    const until = failedAt + Math.round(window * (0.8 + 0.4 * random()));
    this.#failure = { error, until, streak };
    return {
      code: error.code,
      ...oauthFieldsOf(error),
      failedAt,
      until,
      streak,
    };
  }

  /**
   * Takes on a failure another process remembered (read from a shared store), unless this
   * process already remembers one lasting longer. A malformed value is ignored.
   */
  adopt(value: unknown): void {
    const shared = checkLoginFailure(value);
    if (!shared) return;
    // Never longer than this process would wait itself: a bad value cannot lock the fleet out.
    const longest = this.#config.now() + this.#config.loginBudget.maxFailureBackoffMs * 1.2;
    const until = Math.min(shared.until, longest);
    if (until <= (this.#failure?.until ?? 0)) return;
    const { until: _until, failedAt: _failedAt, streak, ...fields } = shared;
    const error = new SalesforceAuthError({
      ...fields,
      hint: `${ERROR_CODE_INFO[fields.code].hint} (Remembered by another process sharing the token store.)`,
    });
    this.#failure = { error, until, streak };
  }

  /** A login succeeded: the failure memory is cleared. True when there was one. */
  succeeded(): boolean {
    const had = this.#failure !== undefined;
    this.#failure = undefined;
    return had;
  }

  /** Forgets a remembered failure (an operator fixed the setup). */
  clearFailure(): void {
    this.#failure = undefined;
  }
}

/** A stored login failure as the strategy may use it, or undefined for anything else. */
function checkLoginFailure(value: unknown): StoredLoginFailure | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Record<string, unknown>;
  const { code, error, errorDescription, status, failedAt, until, streak } = candidate;
  if (typeof code !== 'string' || !Object.hasOwn(ERROR_CODE_INFO, code)) return undefined;
  if (NOT_REMEMBERED.has(code)) return undefined;
  if (typeof until !== 'number' || !Number.isFinite(until)) return undefined;
  if (typeof failedAt !== 'number' || !Number.isFinite(failedAt)) return undefined;
  if (typeof streak !== 'number' || !Number.isInteger(streak) || streak < 1) return undefined;
  const text = (field: unknown) =>
    field === undefined || (typeof field === 'string' && field.length <= 1000);
  if (!text(error) || !text(errorDescription)) return undefined;
  if (status !== undefined && !Number.isInteger(status)) return undefined;
  return {
    code: code as SalesforceAuthErrorCode,
    ...(error === undefined ? {} : { error: error as string }),
    ...(errorDescription === undefined ? {} : { errorDescription: errorDescription as string }),
    ...(status === undefined ? {} : { status: status as number }),
    failedAt,
    until,
    // Capped like the window itself: a forged streak cannot stretch it past the maximum.
    streak: Math.min(streak, 21),
  };
}
