import { SIGNER_RETRY_DEFAULTS } from '../config/defaults.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';

/** The bounds of {@link signWithRetries}. */
export interface SignerRetryOptions {
  /**
   * Retries after the first attempt, only for `signer_unavailable`.
   * @defaultValue 2
   */
  retries?: number;
  /**
   * The first wait in ms, doubled after each retry.
   * @defaultValue 100
   */
  retryDelayMs?: number;
  /**
   * The longest wait in ms.
   * @defaultValue 1000
   */
  maxRetryDelayMs?: number;
  /**
   * How to wait (injected in tests).
   * @defaultValue setTimeout
   */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` at most `1 + retries` times: a `signer_unavailable` failure (HSM unplugged, KMS
 * throttling) is retried after a doubling wait; anything else, or the last failure, is thrown
 * with `attempts` in its message. `mapError` turns the store's error into a typed one.
 */
export async function signWithRetries<T>(
  attempt: (index: number) => Promise<T>,
  mapError: (error: unknown) => SalesforceAuthError,
  options: SignerRetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? SIGNER_RETRY_DEFAULTS.retries;
  const sleep = options.sleep ?? defaultSleep;
  let delay = options.retryDelayMs ?? SIGNER_RETRY_DEFAULTS.retryDelayMs;
  for (let index = 0; ; index += 1) {
    try {
      return await attempt(index);
    } catch (raw) {
      const error = SalesforceAuthError.isInstance(raw) ? raw : mapError(raw);
      if (error.code !== 'signer_unavailable' || index >= retries) {
        if (index === 0) throw error;
        throw new SalesforceAuthError({
          code: error.code,
          message: `${error.message.replace(/^\[sf-jwt\] /, '')} (after ${index + 1} attempts)`,
          hint: error.hint,
          cause: error.cause ?? error,
        });
      }
      await sleep(delay);
      delay = Math.min(delay * 2, options.maxRetryDelayMs ?? SIGNER_RETRY_DEFAULTS.maxRetryDelayMs);
    }
  }
}
