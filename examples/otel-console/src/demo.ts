/**
 * OpenTelemetry for sf-jwt, printed to the console: the SDK's console exporters show the spans of
 * one login and one heal (the heal under the caller's span) and the metrics, against a local
 * emulator. In a service, register your exporter (OTLP...) instead of the console ones.
 * Run: pnpm --filter @sf-jwt-examples/otel-console demo
 */
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  ConsoleMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { JwtBearerStrategy } from '@sf-jwt/core';
import { instrumentStrategy } from '@sf-jwt/core/otel';
import { createTestOrg, startEmulator } from '@sf-jwt/emulator';

// 1. The SDK: what a service sets up once at start.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracerProvider = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
});
trace.setGlobalTracerProvider(tracerProvider);
const reader = new PeriodicExportingMetricReader({
  exporter: new ConsoleMetricExporter(),
  exportIntervalMillis: 60_000,
});
const meterProvider = new MeterProvider({ readers: [reader] });
metrics.setGlobalMeterProvider(meterProvider);

// 2. sf-jwt: one line per strategy.
const org = await createTestOrg();
const emulator = await startEmulator({ setup: org.setup });
try {
  const strategy = new JwtBearerStrategy({
    clientId: org.clientId,
    username: org.username,
    privateKey: org.privateKey,
    loginUrl: emulator.url,
  });
  instrumentStrategy(strategy);

  const first = await strategy.getToken(); // span: sf-jwt token exchange
  emulator.expireSessions();
  const request = trace.getTracer('example-app').startSpan('GET /accounts');
  await context.with(
    trace.setSpan(context.active(), request),
    () => strategy.refresh(first.accessToken), // spans: sf-jwt heal > sf-jwt token exchange
  );
  request.end();
  await reader.forceFlush(); // prints sf_jwt.login.attempts, sf_jwt.heals, sf_jwt.token.age...

  const ok = emulator.stats().tokenExchanges === 2;
  console.log(ok ? 'otel console: OK' : 'otel console: FAILED');
  if (!ok) process.exitCode = 1;
} finally {
  await emulator.stop();
  await meterProvider.shutdown();
  await tracerProvider.shutdown();
}
