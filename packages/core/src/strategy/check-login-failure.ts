import { ERROR_CODE_INFO, type SalesforceAuthErrorCode } from '../errors/error-codes.js';
import type { StoredLoginFailure } from '../types.js';

// Failures that come from the caller's side or from sf-jwt itself say nothing about the setup.
export const NOT_REMEMBERED: ReadonlySet<string> = new Set([
  'invalid_config',
  'aborted',
  'login_budget_exhausted',
  'session_rejected',
  'no_subject',
]);

const isDuration = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** A stored login failure as the strategy may use it, or undefined for anything else. */
export function checkLoginFailure(value: unknown): StoredLoginFailure | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Record<string, unknown>;
  const { code, error, errorDescription, status, windowMs, remainingMs, streak } = candidate;
  if (typeof code !== 'string' || !Object.hasOwn(ERROR_CODE_INFO, code)) return undefined;
  if (NOT_REMEMBERED.has(code)) return undefined;
  if (!isDuration(windowMs)) return undefined;
  if (remainingMs !== undefined && !isDuration(remainingMs)) return undefined;
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
    windowMs,
    ...(remainingMs === undefined ? {} : { remainingMs }),
    // Capped like the window itself: a forged streak cannot stretch it past the maximum.
    streak: Math.min(streak, 21),
  };
}
