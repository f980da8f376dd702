import type { EventEmitter } from 'node:events';
import type { ConfigNormalisation } from '../config/validate-config.js';
import type { SalesforceAuthErrorCode } from '../errors/error-codes.js';
import type { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import type { ExchangeKind, LoginRefusalReason } from './login-policy.js';

/** Event payloads of a `JwtBearerStrategy`. None carries a token, assertion or key. */
export interface JwtBearerEvents {
  token: [
    {
      source: 'exchange' | 'store';
      organizationId: string;
      userId: string;
      instanceUrl: string;
      audience?: string;
      exchangeMs?: number;
    },
  ];
  /** A refresh starts: a rejected token, `refresh()` without one, or before a known expiry. */
  refresh: [{ reason: 'rejected' | 'forced' | 'proactive' }];
  /** One token request (a login against the user's hourly limit) is about to be sent. */
  loginAttempt: [{ audience: string; kind?: ExchangeKind }];
  /** A login ended (after any retries of transient failures). */
  loginResult: [
    {
      audience: string;
      ok: boolean;
      code?: SalesforceAuthErrorCode;
      ms: number;
      kind?: ExchangeKind;
      /** For `clock_skew`: Salesforce's clock minus this machine's, in ms. */
      clockSkewMs?: number;
    },
  ];
  /** The login policy refused a login; the caller got `code` with `retryAfterMs`. */
  loginRefused: [
    {
      reason: LoginRefusalReason;
      code: SalesforceAuthErrorCode;
      retryAfterMs: number;
      kind?: ExchangeKind;
    },
  ];
  error: [SalesforceAuthError];
  /**
   * An option was accepted after a rewrite (a login URL ending in `/services/oauth2/token`, a PEM
   * with literal `\n`). Emitted once, in a microtask after the constructor, so a listener added
   * right after `new` hears it.
   */
  normalised: [ConfigNormalisation];
}

/** The strategy as the emitter of its events (internal). */
export type StrategyEmitter = EventEmitter<JwtBearerEvents>;
