import pRetry from 'p-retry';
import { isLoopbackHost } from '../audience/login-hosts.js';
import { EXCHANGE_TIMEOUT_MS, RETRY_DEFAULTS } from '../config/defaults.js';
import type { ExchangeSettings } from '../config/jwt-bearer-config.js';
import { ownOptions } from '../config/own-options.js';
import { abortedError } from '../errors/aborted-error.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import type { SalesforceToken } from '../types.js';
import { nameClockSkew } from './clock-skew.js';
import { parseTokenResponse } from './parse-token-response.js';
import { readBodyCapped } from './read-body.js';

const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * Options for {@link exchangeAssertion}: the token request settings of a `JwtBearerConfig`
 * (`fetch`, `timeoutMs`, `retry`, `trustedHosts`, `now`, with the same defaults) plus where and
 * a cancel signal.
 * @example
 * ```ts
 * const options: ExchangeOptions = { loginUrl: 'https://login.salesforce.com', timeoutMs: 5000 };
 * ```
 */
export interface ExchangeOptions extends ExchangeSettings {
  /** The token endpoint host, e.g. https://login.salesforce.com. */
  loginUrl: string;
  /**
   * Cancels the exchange: the request in flight is aborted and the call rejects with `aborted`.
   * @defaultValue undefined (not cancellable)
   */
  signal?: AbortSignal;
}

/**
 * POSTs a signed assertion to `<loginUrl>/services/oauth2/token` and returns the token.
 * Transient failures (network, timeout, 5xx, 429, non-JSON pages) are retried with exponential
 * backoff and jitter, bounded in count and total time; Salesforce's 400 answers never are, since
 * each is a failed login that counts against the user and can get this IP blocked.
 *
 * @example
 * ```ts
 * const token = await exchangeAssertion(assertion, { loginUrl: 'https://login.salesforce.com' });
 * console.log(token.instanceUrl);
 * ```
 */
export async function exchangeAssertion(
  assertion: string,
  given: ExchangeOptions,
): Promise<SalesforceToken> {
  // Own properties only: trustedHosts or loginUrl from a polluted Object.prototype is ignored.
  const options = ownOptions(given);
  const retry = options.retry === false ? { retries: 0 } : (options.retry ?? {});
  if (options.signal?.aborted) throw abortedError(options.signal.reason);
  return pRetry(() => attemptExchange(assertion, options), {
    retries: retry.retries ?? RETRY_DEFAULTS.retries,
    factor: 2,
    minTimeout: retry.minTimeoutMs ?? RETRY_DEFAULTS.minTimeoutMs,
    maxTimeout: retry.maxTimeoutMs ?? RETRY_DEFAULTS.maxTimeoutMs,
    maxRetryTime: retry.maxRetryTimeMs ?? RETRY_DEFAULTS.maxRetryTimeMs,
    randomize: true,
    shouldRetry: (error) =>
      SalesforceAuthError.isInstance(error) &&
      error.retryable &&
      error.code !== 'aborted' &&
      error.code !== 'login_budget_exhausted',
    ...(options.signal ? { signal: options.signal } : {}),
  }).catch((error: unknown) => {
    // p-retry rejects with the signal's reason when aborted between attempts.
    if (options.signal?.aborted && !SalesforceAuthError.isInstance(error)) {
      throw abortedError(error);
    }
    throw error;
  });
}

async function attemptExchange(
  assertion: string,
  options: ExchangeOptions,
): Promise<SalesforceToken> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? EXCHANGE_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const endpoint = `${options.loginUrl.replace(/\/+$/, '')}/services/oauth2/token`;
  try {
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ grant_type: GRANT_TYPE, assertion }).toString(),
      // A redirect would re-send the assertion to wherever it points: refuse to follow it.
      redirect: 'manual',
      signal,
    });
    if (response.status >= 300 && response.status < 400) {
      throw new SalesforceAuthError({
        code: 'invalid_response',
        status: response.status,
        message: `The token endpoint redirected (HTTP ${response.status})`,
        hint: 'Set loginUrl to the final Salesforce URL (https://login.salesforce.com, https://test.salesforce.com or your My Domain).',
        retryable: false,
      });
    }
    const text = await readBodyCapped(response, undefined, signal);
    const now = (options.now ?? Date.now)();
    try {
      return parseTokenResponse(text, {
        status: response.status,
        issuedAt: now,
        // Always an own property, so a polluted Object.prototype.trustedHosts is never read.
        trustedHosts: options.trustedHosts ?? [],
        allowLoopback: isLoopbackHost(new URL(endpoint).hostname),
      });
    } catch (error) {
      throw nameClockSkew(error, response.headers.get('date'), now);
    }
  } catch (error) {
    if (SalesforceAuthError.isInstance(error)) throw error;
    if (options.signal?.aborted) throw abortedError(error);
    if (signal.aborted) {
      throw new SalesforceAuthError({
        code: 'timeout',
        message: `The token endpoint did not answer within ${timeoutMs} ms`,
        cause: error,
      });
    }
    throw new SalesforceAuthError({ code: 'network_error', cause: error });
  }
}
