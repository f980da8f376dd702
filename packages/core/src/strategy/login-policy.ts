import type { ResolvedLoginBudget } from '../config/login-budget.js';
import { ERROR_CODE_INFO } from '../errors/error-codes.js';
import { oauthFieldsOf, SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import type { StoredLoginFailure } from '../types.js';
import { checkLoginFailure, NOT_REMEMBERED } from './check-login-failure.js';

/**
 * Why an exchange is made: a first token, the replacement of a rejected session, an explicit
 * `refresh()`, or a replacement before the token ages out.
 */
export type ExchangeKind = 'initial' | 'rejected' | 'forced' | 'refresh-ahead';

/** Which rule of the login policy refused a login. */
export type LoginRefusalReason =
  | 'remembered_failure'
  | 'hourly_ceiling'
  | 'rejection_ceiling'
  | 'suspect_backoff';

/** What a {@link LoginPolicy} reads: the budget with its defaults, the clock, the jitter. */
export interface PolicyConfig {
  readonly loginBudget: ResolvedLoginBudget;
  /** A clock that never jumps (ms); every window and cooldown is measured with it. */
  readonly monotonicNow: () => number;
  /** For the failure window's jitter. @defaultValue Math.random */
  readonly random?: () => number;
}

/** A refusal: the error to throw and which rule refused. */
export interface Refusal {
  readonly reason: LoginRefusalReason;
  readonly error: SalesforceAuthError;
}

/** An admitted exchange, to be settled once it ends. */
export interface Admission {
  readonly kind: ExchangeKind;
  /** The suspect streak the new session carries (0 unless it replaces a suspect). */
  readonly suspectStreak: number;
  /** Token requests this exchange may send (its retries included) within the hourly ceiling. */
  readonly maxAttempts: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/*
 * The rules, as named predicates and measures of the budget. SECURITY.md's table states each.
 */

/** Rule: a session rejected before any successful call is suspect; one that has served is not. */
export const isSuspect = (proven: boolean): boolean => !proven;

/** Rule: how old a suspect session must be before it is replaced; `streak` counts it too. */
export function suspectWaitMs(streak: number, budget: ResolvedLoginBudget): number {
  if (streak <= 1) return 0; // the first suspect in a row may be a revocation: heal at once
  return Math.min(
    budget.suspectBackoffMs * 2 ** Math.min(streak - 2, 20),
    budget.maxSuspectBackoffMs,
  );
}

/** Rule: the window (before jitter) after the `streak`-th failed login in a row. */
export function failureWindowMs(streak: number, budget: ResolvedLoginBudget): number {
  const { failureBackoffMs, maxFailureBackoffMs } = budget;
  return Math.min(failureBackoffMs * 2 ** Math.min(streak - 1, 20), maxFailureBackoffMs);
}

/** Drops the times older than `span` before `now`; the count left is the rolling window's. */
function inWindow(times: number[], now: number, span: number): number {
  while (times.length > 0 && times[0]! <= now - span) times.shift();
  return times.length;
}

/*
 * The login policy of one user: every exchange is admitted first (remembered failure, suspect
 * backoff, rejection ceiling, hourly ceiling) and settled after (attempts counted, failure
 * remembered or cleared). It also tracks the session held now: when it was received (monotonic),
 * whether a call with it succeeded, and its suspect streak.
 */
export class LoginPolicy {
  // Only per-user state lives here; the limits and the clock are the shared config's.
  readonly #config: PolicyConfig;
  #attempts: number[] | undefined;
  #rejections: number[] | undefined;
  #failure: { error: SalesforceAuthError; until: number; streak: number } | undefined;
  #receivedAt = 0;
  #proven = false;
  #streak = 0;

  constructor(config: PolicyConfig) {
    this.#config = config;
  }

  /** A new session is held (from an exchange or a store), with the suspect streak it carries. */
  received(suspectStreak = 0): void {
    this.#receivedAt = this.#config.monotonicNow();
    this.#proven = false;
    this.#streak = suspectStreak;
  }

  /** A call with the held session succeeded: its rejection will be an ordinary expiry. */
  used(): void {
    this.#proven = true;
  }

  /** The remembered failure, while its window lasts. */
  rememberedFailure(): Refusal | undefined {
    const failure = this.#failure;
    if (!failure) return undefined;
    const retryAfterMs = failure.until - this.#config.monotonicNow();
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

  /** Admits one exchange of this kind, or says which rule refuses it. */
  admit(kind: ExchangeKind): Admission | Refusal {
    const remembered = this.rememberedFailure();
    if (remembered) return remembered;
    const now = this.#config.monotonicNow();
    const budget = this.#config.loginBudget;
    let suspectStreak = 0;
    if (kind === 'rejected') {
      if (isSuspect(this.#proven)) {
        suspectStreak = this.#streak + 1;
        const wait = suspectWaitMs(suspectStreak, budget) - (now - this.#receivedAt);
        if (wait > 0) return suspectRefusal(wait);
      }
      this.#rejections ??= [];
      const max = budget.maxRejectedRefreshesPerMinute;
      if (inWindow(this.#rejections, now, MINUTE_MS) >= max) {
        const retryAfterMs = this.#rejections[0]! + MINUTE_MS - now;
        return exhausted('rejection_ceiling', retryAfterMs, `${max} rejected sessions replaced`);
      }
    }
    this.#attempts ??= [];
    const max = budget.maxLoginsPerHour;
    const used = inWindow(this.#attempts, now, HOUR_MS);
    if (used >= max) {
      const retryAfterMs = this.#attempts[0]! + HOUR_MS - now;
      return exhausted('hourly_ceiling', retryAfterMs, `${max} logins`);
    }
    if (kind === 'rejected') this.#rejections!.push(now);
    return { kind, suspectStreak, maxAttempts: max - used };
  }

  /**
   * Settles an admitted exchange that sent `attempts` token requests: counts them, and remembers
   * a failure another try cannot fix. Returns what to share through a store: the failure, `null`
   * to clear a shared one (a success after a failure), or undefined for nothing.
   */
  settle(attempts: number, error?: unknown): StoredLoginFailure | null | undefined {
    const now = this.#config.monotonicNow();
    for (let index = 0; index < attempts; index += 1) this.#attempts!.push(now);
    if (error === undefined) {
      const had = this.#failure !== undefined;
      this.#failure = undefined;
      return had ? null : undefined;
    }
    if (!SalesforceAuthError.isInstance(error) || error.retryable) return undefined;
    if (NOT_REMEMBERED.has(error.code)) return undefined;
    const streak = (this.#failure?.streak ?? 0) + 1;
    const random = this.#config.random ?? Math.random;
    // Jitter (80-120 %) so a fleet that failed together does not retry together.
    const windowMs = Math.round(
      failureWindowMs(streak, this.#config.loginBudget) * (0.8 + 0.4 * random()),
    );
    this.#failure = { error, until: now + windowMs, streak };
    return { code: error.code, ...oauthFieldsOf(error), windowMs, streak };
  }

  /**
   * Takes on a failure another process remembered (read from a shared store), unless this
   * process already remembers one lasting longer. Only durations are read: what remains by the
   * store's clock, else the whole window, never longer than this process would wait itself.
   */
  adopt(value: unknown): void {
    const shared = checkLoginFailure(value);
    if (!shared) return;
    const now = this.#config.monotonicNow();
    const remaining = Math.min(
      shared.remainingMs ?? shared.windowMs,
      this.#config.loginBudget.maxFailureBackoffMs * 1.2,
    );
    const until = now + remaining;
    if (until <= (this.#failure?.until ?? 0)) return;
    const { windowMs: _window, remainingMs: _remaining, streak, ...fields } = shared;
    const error = new SalesforceAuthError({
      ...fields,
      hint: `${ERROR_CODE_INFO[fields.code].hint} (Remembered by another process sharing the token store.)`,
    });
    this.#failure = { error, until, streak };
  }

  /** Forgets a remembered failure (an operator fixed the setup). */
  clearFailure(): void {
    this.#failure = undefined;
  }
}

function suspectRefusal(retryAfterMs: number): Refusal {
  return {
    reason: 'suspect_backoff',
    error: new SalesforceAuthError({
      code: 'session_rejected',
      message: `Salesforce rejected sessions before any call with them succeeded, several in a row; no new login for another ${Math.ceil(retryAfterMs / 1000)} s`,
      retryAfterMs,
    }),
  };
}

function exhausted(reason: LoginRefusalReason, retryAfterMs: number, what: string): Refusal {
  const span = reason === 'hourly_ceiling' ? 'hour' : 'minute';
  return {
    reason,
    error: new SalesforceAuthError({
      code: 'login_budget_exhausted',
      message: `sf-jwt refused to log in: ${what} for this user in the last ${span}`,
      retryAfterMs,
    }),
  };
}
