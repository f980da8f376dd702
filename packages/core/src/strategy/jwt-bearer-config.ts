import type { PrivateKeyOptions } from '../key/load-private-key.js';
import type { TokenStore } from '../types.js';
import type { LoginBudget } from './login-governor.js';

/** Signs the JWT signing input with a key held elsewhere (KMS, HSM) and returns RS256 bytes. */
export type AssertionSigner = (signingInput: Uint8Array) => Promise<Uint8Array>;

/** Retry policy for transient token-endpoint failures; `false` disables retries. */
export type RetryOptions =
  | {
      /** Retries after the first attempt (default 3). */
      retries?: number;
      /** First backoff in ms (default 250). */
      minTimeoutMs?: number;
      /** Longest backoff in ms (default 4000). */
      maxTimeoutMs?: number;
      /** Give up retrying after this long in ms (default 15000). */
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
  /** The token endpoint host; default https://login.salesforce.com. */
  loginUrl?: string;
  /** Shorthand for loginUrl https://test.salesforce.com (or a sandbox audience on loopback). */
  sandbox?: boolean;
  /**
   * The `aud` claim: a URL, `'my-domain'` (the login URL's origin, for External Client Apps), or
   * left out to derive it from loginUrl (with one-step discovery on My Domain login URLs).
   */
  audience?: string;
  /** Assertion lifetime in seconds, 1 to 300 (default 180). */
  lifetimeSeconds?: number;
  /** The fetch used for the token endpoint (default the global fetch). */
  fetch?: typeof fetch;
  /** Timeout per token request in ms (default 10000). */
  timeoutMs?: number;
  /** Retry policy for transient failures. */
  retry?: RetryOptions;
  /** Where tokens are kept (default in memory). */
  store?: TokenStore;
  /** Extra trusted host suffixes for instance_url, besides Salesforce's own domains. */
  trustedHosts?: readonly string[];
  /** The clock, in ms since the epoch (default Date.now). */
  now?: () => number;
  /**
   * Replace a token older than this many ms before use (Salesforce sends no expiry). One exchange
   * serves every caller and, with a shared store, the fleet.
   * @defaultValue undefined (a token is used until Salesforce rejects it)
   */
  maxTokenAgeMs?: number;
  /** Bounds on logins (failure memory, rejected-session cooldown, hourly ceiling). */
  loginBudget?: LoginBudget;
}
