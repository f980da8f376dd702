import { inspect } from 'node:util';
import { redactSecrets } from '../redact-secrets.js';
import { ERROR_CODE_INFO, type SalesforceAuthErrorCode } from './error-codes.js';

const BRAND = Symbol.for('sf-jwt.SalesforceAuthError');

/** What a {@link SalesforceAuthError} is built from. */
export interface SalesforceAuthErrorOptions {
  code: SalesforceAuthErrorCode;
  /** What happened; defaults to the code's summary. `[sf-jwt]` and the hint are added. */
  message?: string;
  /** What to do; defaults to the code's hint. */
  hint?: string;
  status?: number;
  /** The OAuth `error` field. */
  error?: string;
  /** The OAuth `error_description` field. */
  errorDescription?: string;
  retryable?: boolean;
  /** How long, in ms, until sf-jwt will try this login again (set when it refused to log in). */
  retryAfterMs?: number;
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
}

/**
 * The one error type every sf-jwt package throws. `code` is stable; `hint` says what to fix.
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
  declare readonly response?: unknown;

  constructor(options: SalesforceAuthErrorOptions) {
    const info = ERROR_CODE_INFO[options.code];
    // Fields copied from a response are untrusted: an endpoint or proxy that echoes its input
    // would otherwise leak the signed assertion through them.
    const hint = redactSecrets(options.hint ?? info.hint);
    const what = options.message ?? summarise(info.summary, options);
    super(redactSecrets(`[sf-jwt] ${what}. ${hint}`), { cause: options.cause });
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

  /** A secret-free plain object, for logs and HTTP bodies. */
  toJSON(): SalesforceAuthErrorJSON {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      hint: this.hint,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.error === undefined ? {} : { error: this.error }),
      ...(this.errorDescription === undefined ? {} : { errorDescription: this.errorDescription }),
      retryable: this.retryable,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
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
