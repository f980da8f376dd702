import { oauthFieldsOf, SalesforceAuthError } from '../errors/salesforce-auth-error.js';

/** Past this difference between Salesforce's clock and this machine's, a refusal is named skew. */
export const CLOCK_SKEW_LIMIT_MS = 60_000;

// The refusals a wrong clock causes, whatever error_description Salesforce chose.
const ASSERTION_REFUSALS = new Set(['invalid_assertion', 'expired_assertion', 'invalid_grant']);

/**
 * A refused assertion, named `clock_skew` with the measured offset when the response's `Date`
 * header differs from the local clock by more than a minute either way; otherwise as it was.
 */
export function nameClockSkew(
  error: unknown,
  dateHeader: string | null,
  localNow: number,
): unknown {
  if (!SalesforceAuthError.isInstance(error) || !ASSERTION_REFUSALS.has(error.code)) return error;
  const remote = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
  if (!Number.isFinite(remote)) return error;
  const skewMs = remote - localNow;
  // The header has whole seconds: a second of slack either way.
  if (Math.abs(skewMs) <= CLOCK_SKEW_LIMIT_MS + 1000) return error;
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  const side = skewMs < 0 ? 'ahead of' : 'behind';
  return new SalesforceAuthError({
    code: 'clock_skew',
    ...oauthFieldsOf(error),
    message: `Salesforce refused the assertion (${error.errorDescription ?? error.code}); this machine's clock is ${seconds} s ${side} Salesforce's (its Date header)`,
    clockSkewMs: skewMs,
    cause: error,
  });
}
