import { inspect } from 'node:util';
import { redactSecrets } from '../redact-secrets.js';
import { ERROR_CODE_INFO, type SalesforceAuthErrorCode } from './error-codes.js';

const BRAND = Symbol.for('sf-jwt.SalesforceAuthError');
const PREFIX = '[sf-jwt] ';

/** What a {@link SalesforceAuthError} is built from. */
export interface SalesforceAuthErrorOptions {
  code: SalesforceAuthErrorCode;
  /**
   * What failed, never what to do (that is `hint`). `[sf-jwt] ` is put in front unless present.
   * @defaultValue the code's summary, with the OAuth error and description when given
   */
  message?: string;
  /**
   * What to do about it.
   * @defaultValue the code's hint
   */
  hint?: string;
  status?: number;
  /** The OAuth `error` field. */
  error?: string;
  /** The OAuth `error_description` field. */
  errorDescription?: string;
  /** @defaultValue the code's default (true for network, timeout, 5xx and rate limits) */
  retryable?: boolean;
  /** How long, in ms, until sf-jwt will try this login again (set when it refused to log in). */
  retryAfterMs?: number;
  /** For `clock_skew`: Salesforce's clock (`Date` header) minus this machine's, in ms. */
  clockSkewMs?: number;
  cause?: unknown;
  /** The raw response; kept non-enumerable so it is never serialised by accident. */
  response?: unknown;
}

/** The serialisable, secret-free view of a {@link SalesforceAuthError}. */
export interface SalesforceAuthErrorJSON {
  name: string;
  code: SalesforceAuthErrorCode;
  message: string;
  hint: string;
  status?: number;
  error?: string;
  errorDescription?: string;
  retryable: boolean;
  retryAfterMs?: number;
  clockSkewMs?: number;
}

/**
 * The one error type every sf-jwt package throws. `code` is stable; `message` says what failed
 * and `hint` what to do (`toString()` gives both).
 *
 * @example
 * ```ts
 * try {
 *   await strategy.getToken();
 * } catch (error) {
 *   if (SalesforceAuthError.isInstance(error) && error.code === 'user_not_approved') {
 *     console.error(error.hint);
 *   }
 * }
 * ```
 */
export class SalesforceAuthError extends Error {
  readonly code: SalesforceAuthErrorCode;
  readonly hint: string;
  readonly status?: number;
  readonly error?: string;
  readonly errorDescription?: string;
  readonly retryable: boolean;
  /** Set when sf-jwt refused to log in (remembered failure, login budget): ms until it will try again. */
  readonly retryAfterMs?: number;
  /** For `clock_skew`: Salesforce's clock (its `Date` header) minus this machine's, in ms. */
  readonly clockSkewMs?: number;
  declare readonly response?: unknown;

  constructor(options: SalesforceAuthErrorOptions) {
    const info = ERROR_CODE_INFO[options.code];
    // Fields copied from a response are untrusted: an endpoint or proxy that echoes its input
    // would otherwise leak the signed assertion through them.
    const hint = redactSecrets(options.hint ?? info.hint);
    const what = options.message ?? summarise(info.summary, options);
    super(redactSecrets(what.startsWith(PREFIX) ? what : `${PREFIX}${what}`), {
      cause: options.cause,
    });
    this.name = new.target.name;
    this.code = options.code;
    this.hint = hint;
    if (options.status !== undefined) this.status = options.status;
    if (options.error !== undefined) this.error = redactSecrets(options.error);
    if (options.errorDescription !== undefined) {
      this.errorDescription = redactSecrets(options.errorDescription);
    }
    this.retryable = options.retryable ?? info.retryable;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = Math.max(0, options.retryAfterMs);
    if (options.clockSkewMs !== undefined) this.clockSkewMs = options.clockSkewMs;
    Object.defineProperty(this, 'response', { value: options.response, enumerable: false });
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  /**
   * True for a SalesforceAuthError from any copy of this package (`instanceof` fails across copies).
   *
   * @example
   * ```ts
   * if (SalesforceAuthError.isInstance(error)) console.error(error.code, error.hint);
   * ```
   */
  static isInstance(value: unknown): value is SalesforceAuthError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  /**
   * What failed and what to do, in one line: `SalesforceAuthError: [sf-jwt] what. hint`.
   * @example
   * ```ts
   * console.error(String(error));
   * ```
   */
  override toString(): string {
    const stop = this.message.endsWith('.') ? '' : '.';
    return `${this.name}: ${this.message}${stop} ${this.hint}`;
  }

  /** A secret-free plain object, for logs and HTTP bodies. */
  toJSON(): SalesforceAuthErrorJSON {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      hint: this.hint,
      ...oauthFieldsOf(this),
      retryable: this.retryable,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      ...(this.clockSkewMs === undefined ? {} : { clockSkewMs: this.clockSkewMs }),
    };
  }

  [inspect.custom](): string {
    return `${this.name} ${inspect(this.toJSON())}`;
  }
}

function summarise(summary: string, options: SalesforceAuthErrorOptions): string {
  if (options.error === undefined) return summary;
  const detail = options.errorDescription
    ? `${options.error}: ${options.errorDescription}`
    : options.error;
  return `${summary} (${options.status ?? 'HTTP ?'} ${detail})`;
}

/**
 * The OAuth answer's fields an error carries (`status`, `error`, `errorDescription`), only those
 * set: to copy them onto another error or record.
 */
export function oauthFieldsOf(
  source: Pick<SalesforceAuthError, 'status' | 'error' | 'errorDescription'>,
): { status?: number; error?: string; errorDescription?: string } {
  return {
    ...(source.status === undefined ? {} : { status: source.status }),
    ...(source.error === undefined ? {} : { error: source.error }),
    ...(source.errorDescription === undefined ? {} : { errorDescription: source.errorDescription }),
  };
}
