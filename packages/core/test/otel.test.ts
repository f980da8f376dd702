import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { delay, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type JwtBearerConfig,
  JwtBearerStrategy,
  MemoryTokenStore,
  SalesforceAuthError,
} from '../src/index.js';
import { instrumentStore, instrumentStrategy, observePoolSize } from '../src/otel.js';
import { makeKeys, server, tokenBody, tokenEndpoint } from './harness.js';

const keys = makeKeys();
const USERNAME = 'integration@acme.com';
const contextManager = new AsyncLocalStorageContextManager();
let spans: InMemorySpanExporter;
let tracerProvider: BasicTracerProvider;
let metricExporter: InMemoryMetricExporter;
let reader: PeriodicExportingMetricReader;
let meterProvider: MeterProvider;

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  server.close();
  context.disable();
});
beforeEach(() => {
  spans = new InMemorySpanExporter();
  tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  reader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  meterProvider = new MeterProvider({ readers: [reader] });
});
afterEach(async () => {
  server.resetHandlers();
  await meterProvider.shutdown();
});

/** Every exported data point of `name`: its attributes and value (a sum, or a histogram count). */
async function points(name: string) {
  await reader.forceFlush();
  const last = metricExporter.getMetrics().at(-1);
  const metric = last?.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .find((m) => m.descriptor.name === name);
  return (metric?.dataPoints ?? []).map((point) => ({
    attributes: point.attributes,
    value: typeof point.value === 'number' ? point.value : (point.value as { count: number }).count,
  }));
}
/** The strategy under test: the test app, no retries, with `extra` options. */
const otelStrategy = (extra: Partial<JwtBearerConfig> = {}) =>
  new JwtBearerStrategy({
    clientId: '3MVG9-consumer',
    username: USERNAME,
    privateKey: keys.pkcs8,
    retry: false,
    ...extra,
  });
const named = (name: string) => spans.getFinishedSpans().filter((span) => span.name === name);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('OpenTelemetry spans and metrics for one refresh storm', () => {
  it('traces one exchange and one heal for 50 concurrent refresh(stale), under the caller span, with the counts in metrics', async () => {
    const tokens: string[] = [];
    const requests = tokenEndpoint('https://login.salesforce.com', async () => {
      await delay(50);
      const body = tokenBody();
      tokens.push(body.access_token);
      return HttpResponse.json(body);
    });
    const store = instrumentStore(new MemoryTokenStore(), { meterProvider });
    const strategy = otelStrategy({ store });
    const options = { tracerProvider, meterProvider, subjectHashKey: 'k' };
    instrumentStrategy(strategy, options);
    observePoolSize({ size: 3 }, { meterProvider });

    const stale = await strategy.getToken();
    const caller = tracerProvider.getTracer('app').startSpan('GET /accounts');
    await context.with(trace.setSpan(context.active(), caller), () =>
      Promise.all(Array.from({ length: 50 }, () => strategy.refresh(stale.accessToken))),
    );
    caller.end();

    expect(requests).toHaveLength(2);
    const exchanges = named('sf-jwt token exchange');
    const heals = named('sf-jwt heal');
    expect(exchanges).toHaveLength(2);
    expect(heals).toHaveLength(1);
    expect(parentOf(heals[0]!)).toBe(caller.spanContext().spanId);
    expect(parentOf(exchanges[1]!)).toBe(heals[0]!.spanContext().spanId);
    expect(exchanges[1]!.attributes).toMatchObject({
      'server.address': 'login.salesforce.com',
      'sf_jwt.audience.kind': 'production',
      'sf_jwt.login.attempts': 1,
      'sf_jwt.outcome': 'ok',
      'sf_jwt.governor.decision': 'allowed',
    });
    expect(heals[0]!.attributes).toMatchObject({
      'sf_jwt.heal.reason': 'rejected',
      'sf_jwt.outcome': 'ok',
      'sf_jwt.token.source': 'exchange',
    });
    expect(heals[0]!.attributes['enduser.pseudo.id']).toMatch(/^[0-9a-f]{32}$/);

    expect(await points('sf_jwt.login.attempts')).toEqual([
      {
        attributes: {
          'server.address': 'login.salesforce.com',
          'sf_jwt.audience.kind': 'production',
          'sf_jwt.outcome': 'ok',
        },
        value: 2,
      },
    ]);
    expect(await points('sf_jwt.heals')).toEqual([
      {
        attributes: {
          'server.address': 'login.salesforce.com',
          'sf_jwt.heal.reason': 'rejected',
          'sf_jwt.outcome': 'ok',
        },
        value: 1,
      },
    ]);
    expect((await points('sf_jwt.token.age')).map((point) => point.value)).toEqual([1]);
    expect((await points('sf_jwt.login.duration')).map((point) => point.value)).toEqual([2]);
    expect(await points('sf_jwt.pool.size')).toEqual([{ attributes: {}, value: 3 }]);
    const storeOps = await points('sf_jwt.store.operation.duration');
    // MemoryTokenStore has no exchangeOnce: the instrumented store has none either.
    expect('exchangeOnce' in store).toBe(false);
    expect(storeOps.map((point) => point.attributes['db.operation.name']).sort()).toEqual([
      'get',
      'getLoginFailure',
      'set',
    ]);
    expect(storeOps.find((point) => point.attributes['db.operation.name'] === 'set')?.value).toBe(
      2,
    );

    // Nothing secret or personal in any attribute of any span or data point.
    const values = [
      ...spans.getFinishedSpans().flatMap((span) => Object.values(span.attributes)),
      ...(
        await Promise.all(
          [
            'sf_jwt.login.attempts',
            'sf_jwt.heals',
            'sf_jwt.token.age',
            'sf_jwt.login.duration',
            'sf_jwt.store.operation.duration',
          ].map(points),
        )
      )
        .flat()
        .flatMap((point) => Object.values(point.attributes)),
    ].map(String);
    expect(values.length).toBeGreaterThan(20);
    for (const secret of [
      USERNAME,
      'acme.com',
      ...tokens,
      'PRIVATE KEY',
      'eyJ',
      requests[0]!.assertion.slice(0, 30),
    ]) {
      expect(values.filter((value) => value.includes(secret))).toEqual([]);
    }
  });

  it('counts a refusal by reason, with a span that says why, and fails the heal with its code', async () => {
    tokenEndpoint('https://login.salesforce.com', () => HttpResponse.json(tokenBody()));
    const strategy = otelStrategy();
    instrumentStrategy(strategy, { tracerProvider, meterProvider });
    const first = await strategy.getToken();
    const second = await strategy.refresh(first.accessToken);
    // Two sessions rejected before any success: the second replacement waits (suspect backoff).
    const refusal = await strategy.refresh(second.accessToken).catch((error: unknown) => error);
    expect(SalesforceAuthError.isInstance(refusal) && refusal.code).toBe('session_rejected');
    expect(await points('sf_jwt.login.refusals')).toEqual([
      {
        attributes: {
          'server.address': 'login.salesforce.com',
          'sf_jwt.governor.reason': 'suspect_backoff',
        },
        value: 1,
      },
    ]);
    // The refusal ends the heal that asked for the login: it is told on that heal's span.
    expect(named('sf-jwt login refused')).toHaveLength(0);
    const refused = named('sf-jwt heal').filter(
      (span) => span.attributes['sf_jwt.governor.decision'] === 'refused',
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]!.attributes).toMatchObject({
      'sf_jwt.governor.decision': 'refused',
      'sf_jwt.governor.reason': 'suspect_backoff',
      'error.type': 'session_rejected',
    });
    expect(refused[0]!.attributes['enduser.pseudo.id']).toBeUndefined();
  });

  it('traces a login refused outside a heal (a remembered failure) as its own span', async () => {
    tokenEndpoint('https://login.salesforce.com', () =>
      HttpResponse.json(
        { error: 'invalid_grant', error_description: 'user hasn’t approved this consumer' },
        { status: 400 },
      ),
    );
    const strategy = otelStrategy();
    instrumentStrategy(strategy, { tracerProvider, meterProvider });
    const failed = await strategy.getToken().catch((error: unknown) => error);
    expect(SalesforceAuthError.isInstance(failed) && failed.code).toBe('user_not_approved');
    const again = await strategy.getToken().catch((error: unknown) => error);
    expect(SalesforceAuthError.isInstance(again) && again.code).toBe('user_not_approved');
    const refused = named('sf-jwt login refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.attributes).toMatchObject({
      'sf_jwt.governor.decision': 'refused',
      'sf_jwt.governor.reason': 'remembered_failure',
      'error.type': 'user_not_approved',
    });
    expect(named('sf-jwt token exchange')).toHaveLength(1);
  });
});
