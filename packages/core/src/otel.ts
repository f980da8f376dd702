/*
 * `@sf-jwt/core/otel`: OpenTelemetry spans and metrics for a strategy, a store and a pool, through
 * `@opentelemetry/api` (an optional peer dependency: install it to use this entry point).
 */
export { instrumentStore } from './otel/instrument-store.js';
export { instrumentStrategy } from './otel/instrument-strategy.js';
export { observePoolSize } from './otel/observe-pool-size.js';
export type { OtelOptions } from './otel/otel-options.js';
