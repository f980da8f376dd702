import { metrics } from '@opentelemetry/api';
import { SCOPE } from './otel-names.js';
import type { OtelOptions } from './otel-options.js';

/**
 * Reports a pool's size (a `ConnectionPool` of `@sf-jwt/jsforce-adapter`, or anything with a
 * `size`) as the gauge `sf_jwt.pool.size`, read at each collection.
 *
 * @returns a function that stops reporting it.
 * @example
 * ```ts
 * const stop = observePoolSize(pool);
 * ```
 */
export function observePoolSize(
  pool: { readonly size: number },
  options: OtelOptions = {},
): () => void {
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE);
  const gauge = meter.createObservableGauge('sf_jwt.pool.size', {
    description: 'Users with a connection in the pool',
    unit: '{connection}',
  });
  const callback = (result: { observe(value: number): void }) => result.observe(pool.size);
  gauge.addCallback(callback);
  return () => gauge.removeCallback(callback);
}
