import { metrics } from '@opentelemetry/api';
import type { TokenStore } from '../types.js';
import { ATTR, createInstruments, SCOPE } from './otel-names.js';
import type { OtelOptions } from './otel-options.js';

const OPERATIONS = [
  'get',
  'set',
  'delete',
  'exchangeOnce',
  'getLoginFailure',
  'setLoginFailure',
] as const;

/**
 * The store, with the duration of each operation recorded in `sf_jwt.store.operation.duration`
 * (`db.operation.name`, and `error.type` when it failed). Optional methods stay absent when the
 * store has none, and values pass through untouched.
 *
 * @example
 * ```ts
 * const store = instrumentStore(new RedisTokenStore({ redis: process.env.REDIS_URL! }));
 * const strategy = new JwtBearerStrategy({ ...config, store });
 * ```
 */
export function instrumentStore<S extends TokenStore>(store: S, options: OtelOptions = {}): S {
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE);
  const { storeDuration } = createInstruments(meter);
  const wrapped: Record<string, unknown> = {};
  for (const operation of OPERATIONS) {
    const method = store[operation] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (typeof method !== 'function') continue;
    wrapped[operation] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        const result = await method.apply(store, args);
        storeDuration.record((performance.now() - started) / 1000, { [ATTR.operation]: operation });
        return result;
      } catch (error) {
        const errorType = (error as { code?: unknown })?.code ?? (error as Error)?.name ?? 'Error';
        storeDuration.record((performance.now() - started) / 1000, {
          [ATTR.operation]: operation,
          [ATTR.errorType]: String(errorType),
        });
        throw error;
      }
    };
  }
  // Everything else (close, keyFor...) is the store's own.
  return new Proxy(store, {
    get: (target, property, receiver) =>
      typeof property === 'string' && property in wrapped
        ? wrapped[property]
        : Reflect.get(target, property, receiver),
  });
}
