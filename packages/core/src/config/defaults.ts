// The default of every option that has one, in one place: the config's (JwtBearerConfig, each
// option's TSDoc names its default too), the login budget's and the signers' retries.

/** `lifetimeSeconds`: how long an assertion is valid (Salesforce wants at most 3 minutes). */
export const ASSERTION_LIFETIME_SECONDS = 180;

/** `keyCheckIntervalMs`: how often a `privateKeyFile` is checked for a new key. */
export const KEY_CHECK_INTERVAL_MS = 5000;

/** `timeoutMs`: how long one token request may take, body included. */
export const EXCHANGE_TIMEOUT_MS = 10_000;

/** `retry`: how transient token-endpoint failures (5xx, 429, network) are retried. */
export const RETRY_DEFAULTS = Object.freeze({
  retries: 3,
  minTimeoutMs: 250,
  maxTimeoutMs: 4000,
  maxRetryTimeMs: 15_000,
});

/** `refreshBeforeExpiryMs`: Azure's token cycler refreshes in the last 2 minutes too. */
export const REFRESH_BEFORE_EXPIRY_MS = 120_000;

/** A signer's retries of `signer_unavailable` (HSM unplugged, KMS throttling). */
export const SIGNER_RETRY_DEFAULTS = Object.freeze({
  retries: 2,
  retryDelayMs: 100,
  maxRetryDelayMs: 1000,
});

/**
 * The default of every {@link LoginBudget} bound, in one place.
 *
 * @example
 * ```ts
 * const budget = { ...LOGIN_BUDGET_DEFAULTS, maxLoginsPerHour: 120 };
 * ```
 */
export const LOGIN_BUDGET_DEFAULTS: Readonly<{
  maxLoginsPerHour: number;
  maxRejectedRefreshesPerMinute: number;
  suspectBackoffMs: number;
  maxSuspectBackoffMs: number;
  failureBackoffMs: number;
  maxFailureBackoffMs: number;
}> = Object.freeze({
  maxLoginsPerHour: 300,
  maxRejectedRefreshesPerMinute: 10,
  suspectBackoffMs: 1000,
  maxSuspectBackoffMs: 30_000,
  failureBackoffMs: 30_000,
  maxFailureBackoffMs: 900_000,
});
