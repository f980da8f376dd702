import type { WarningLogger } from '../key/key-warnings.js';
import type { PrivateKeyOptions } from '../key/load-private-key.js';
import type { TokenStore } from '../types.js';
import type { LoginBudget } from './login-budget.js';

/**
 * Signs the JWT signing input with a key held elsewhere (KMS, HSM) and returns RS256 bytes.
 * @example
 * ```ts
 * const signer: AssertionSigner = async (input) => kms.sign({ keyId, message: input, algorithm: 'RSASSA_PKCS1_V1_5_SHA_256' });
 * ```
 */
export type AssertionSigner = (signingInput: Uint8Array) => Promise<Uint8Array>;

/**
 * Retry policy for transient token-endpoint failures; `false` disables retries.
 * @example
 * ```ts
 * new JwtBearerStrategy({ ...config, retry: { retries: 1, maxRetryTimeMs: 5000 } });
 * ```
 */
export type RetryOptions =
  | {
      /**
       * Retries after the first attempt.
       * @defaultValue 3
       */
      retries?: number;
      /**
       * First backoff in ms.
       * @defaultValue 250
       */
      minTimeoutMs?: number;
      /**
       * Longest backoff in ms.
       * @defaultValue 4000
       */
      maxTimeoutMs?: number;
      /**
       * Give up retrying after this long in ms.
       * @defaultValue 15000
       */
      maxRetryTimeMs?: number;
    }
  | false;

/**
 * Everything the JWT Bearer flow needs. Only `clientId`, `username` and a key source are required.
 *
 * @example
 * ```ts
 * const config: JwtBearerConfig = {
 *   clientId: process.env.SF_CLIENT_ID!,
 *   username: 'integration@acme.com',
 *   privateKeyFile: './server.key',
 *   loginUrl: 'https://acme.my.salesforce.com',
 * };
 * ```
 */
export interface JwtBearerConfig extends PrivateKeyOptions {
  /** The connected app's Consumer Key (`iss`). */
  clientId: string;
  /** The Salesforce username to act as (`sub`). */
  username: string;
  /** Signs assertions outside the process (KMS/HSM); replaces privateKey. */
  signer?: AssertionSigner;
  /**
   * The token endpoint host.
   * @defaultValue `'https://login.salesforce.com'` (`'https://test.salesforce.com'` with `sandbox`)
   */
  loginUrl?: string;
  /**
   * Shorthand for loginUrl https://test.salesforce.com (or a sandbox audience on loopback).
   * @defaultValue false
   */
  sandbox?: boolean;
  /**
   * The `aud` claim: a URL, `'my-domain'` (the login URL's origin, for External Client Apps), or
   * left out to derive it from loginUrl (with one-step discovery on My Domain login URLs).
   * @defaultValue undefined (derived from loginUrl)
   */
  audience?: string;
  /**
   * Assertion lifetime in seconds, 1 to 300.
   * @defaultValue 180
   */
  lifetimeSeconds?: number;
  /**
   * The fetch used for the token endpoint, and by the jsforce adapter's `logout()` to revoke.
   * @defaultValue `globalThis.fetch`
   */
  fetch?: typeof fetch;
  /**
   * Timeout per token request in ms, body included.
   * @defaultValue 10000
   */
  timeoutMs?: number;
  /**
   * Retry policy for transient failures; `false` for none.
   * @defaultValue `{ retries: 3, minTimeoutMs: 250, maxTimeoutMs: 4000, maxRetryTimeMs: 15000 }`
   */
  retry?: RetryOptions;
  /**
   * A second tier for tokens, shared by a fleet (Redis); the token is always held in memory too.
   * @defaultValue undefined (this process only)
   */
  store?: TokenStore;
  /**
   * Extra trusted host suffixes for instance_url, besides Salesforce's own domains.
   * @defaultValue `[]`
   */
  trustedHosts?: readonly string[];
  /**
   * The wall clock, in ms since the epoch: the assertion's `iat`/`exp`, a token's `issuedAt`, and
   * the clock-skew check against Salesforce's `Date` header. No duration is measured with it.
   * @defaultValue `Date.now`
   */
  now?: () => number;
  /**
   * The clock every duration is measured with (failure windows, cooldowns, token age), in ms
   * from any origin; it must never jump.
   * @defaultValue `now` when `now` is given (a test's fake clock moves both), else `performance.now`
   */
  monotonicNow?: () => number;
  /**
   * Replace a token older than this many ms before use (Salesforce sends no expiry). One exchange
   * serves every caller and, with a shared store, the fleet; the age is measured with
   * `monotonicNow`, and a store that supports it (Redis) carries the rest as a TTL.
   * @defaultValue undefined (a token is used until Salesforce rejects it)
   */
  maxTokenAgeMs?: number;
  /**
   * Refuse (`key_file_unprotected`) a `privateKeyFile` that group or others may read, or that sits
   * in a directory others may write, instead of warning once.
   * @defaultValue false (warn once per key, as a process warning and to `logger`)
   */
  strictKeyPermissions?: boolean;
  /**
   * How often, at most, a `privateKeyFile` is checked for a replacement (inode, size, mtime) and
   * read again: rotation without restart. Also see `JwtBearerStrategy.reloadKey()`.
   * @defaultValue 5000
   */
  keyCheckIntervalMs?: number;
  /**
   * Where key warnings also go (an unprotected key file, a replacement that was not taken); they
   * are always emitted as process warnings (`process.on('warning')`). Never receives a secret.
   * @defaultValue undefined (process warnings only)
   */
  logger?: WarningLogger;
  /**
   * Refresh before expiry: when a held token's expiry is known (a JWT-based access token's
   * `expiresAt`, or `maxTokenAgeMs`), the first `getToken()` inside this many ms before it starts
   * one background exchange and returns the current token; callers never wait for it. At most
   * half the token's lifetime. `0` turns it off (tokens are replaced when rejected or too old).
   * @defaultValue 120000 (2 minutes)
   */
  refreshBeforeExpiryMs?: number;
  /**
   * Bounds on logins (failure memory, rejected-session cooldown, hourly ceiling).
   * @defaultValue `{}` (each bound at its own default)
   */
  loginBudget?: LoginBudget;
}

/**
 * The options that shape one token request, shared as is by {@link JwtBearerConfig}, the
 * strategy's resolved config and `exchangeAssertion`'s options.
 */
export type ExchangeSettings = Pick<
  JwtBearerConfig,
  'fetch' | 'timeoutMs' | 'retry' | 'trustedHosts' | 'now'
>;
