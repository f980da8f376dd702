import type { MeterProvider, TracerProvider } from '@opentelemetry/api';

/**
 * Options of {@link instrumentStrategy}, {@link instrumentStore} and {@link observePoolSize}.
 *
 * @example
 * ```ts
 * const options: OtelOptions = { subjectHashKey: process.env.SF_JWT_SUBJECT_KEY };
 * ```
 */
export interface OtelOptions {
  /**
   * Where spans go.
   * @defaultValue the global provider of `@opentelemetry/api` (a no-op until an SDK registers one)
   */
  tracerProvider?: TracerProvider;
  /**
   * Where metrics go.
   * @defaultValue the global provider of `@opentelemetry/api` (a no-op until an SDK registers one)
   */
  meterProvider?: MeterProvider;
  /**
   * A secret key: spans then carry `enduser.pseudo.id`, an HMAC-SHA256 of the username under it
   * (the same user, the same value; the username itself never appears).
   * @defaultValue undefined (no subject attribute)
   */
  subjectHashKey?: string | Buffer;
}
