import {
  type Attributes,
  context,
  metrics,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import type { JwtBearerEvents, JwtBearerStrategy } from '../strategy/jwt-bearer-strategy.js';
import { ATTR, audienceKind, createInstruments, SCOPE, subjectAttribute } from './otel-names.js';
import type { OtelOptions } from './otel-options.js';

type Listeners = { [E in keyof JwtBearerEvents]?: (...args: JwtBearerEvents[E]) => void };

/**
 * Traces and measures a strategy from its events: a span per token exchange (`sf-jwt token
 * exchange`, a child of the caller's active span) and per heal (`sf-jwt heal`), and the metrics
 * of the README's table. No attribute holds a username, token, assertion or key. With no SDK
 * registered, `@opentelemetry/api` is a no-op; a warm `getToken()` emits no event at all.
 *
 * @returns a function that detaches the instrumentation.
 * @example
 * ```ts
 * import { instrumentStrategy } from '@sf-jwt/core/otel';
 * const detach = instrumentStrategy(strategy);
 * ```
 */
export function instrumentStrategy(
  strategy: JwtBearerStrategy,
  options: OtelOptions = {},
): () => void {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE);
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE);
  const instruments = createInstruments(meter);
  const host = { [ATTR.serverAddress]: new URL(strategy.loginUrl).hostname };
  const spanBase: Attributes = {
    ...host,
    ...subjectAttribute(strategy.username, options.subjectHashKey),
  };
  let heal: { span: Span; reason: string } | undefined;
  let exchange: { span: Span; attempts: number; kind: string } | undefined;
  let heldSince: number | undefined; // monotonic: when this process last got its token

  const end = (span: Span, outcome: string) => {
    span.setAttribute(ATTR.outcome, outcome);
    if (outcome !== 'ok') {
      span.setAttribute(ATTR.errorType, outcome);
      span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
    }
    span.end();
  };
  const endHeal = (outcome: string) => {
    if (!heal) return;
    end(heal.span, outcome);
    instruments.heals.add(1, { ...host, [ATTR.healReason]: heal.reason, [ATTR.outcome]: outcome });
    heal = undefined;
  };
  const endExchange = (outcome: string) => {
    if (!exchange) return;
    exchange.span.setAttribute(ATTR.attempts, exchange.attempts);
    end(exchange.span, outcome);
    const attributes = { ...host, [ATTR.audienceKind]: exchange.kind, [ATTR.outcome]: outcome };
    instruments.logins.add(exchange.attempts, attributes);
    exchange = undefined;
  };
  const parent = () => (heal ? trace.setSpan(context.active(), heal.span) : context.active());

  const listeners: Listeners = {
    refresh: ({ reason }) => {
      if (heldSince !== undefined) {
        instruments.tokenAge.record((performance.now() - heldSince) / 1000, host);
      }
      endHeal('superseded');
      const attributes = { ...spanBase, [ATTR.healReason]: reason };
      heal = { span: tracer.startSpan('sf-jwt heal', { attributes }, context.active()), reason };
    },
    loginAttempt: ({ audience }) => {
      if (!exchange) {
        const kind = audienceKind(audience);
        const attributes = { ...spanBase, [ATTR.audienceKind]: kind, [ATTR.decision]: 'allowed' };
        const options = { kind: SpanKind.CLIENT, attributes };
        exchange = {
          span: tracer.startSpan('sf-jwt token exchange', options, parent()),
          attempts: 0,
          kind,
        };
      }
      exchange.attempts += 1;
    },
    loginResult: ({ ok, code, ms }) => {
      const outcome = ok ? 'ok' : (code ?? 'unknown_error');
      instruments.loginDuration.record(ms / 1000, { ...host, [ATTR.outcome]: outcome });
      endExchange(outcome);
    },
    loginRefused: ({ reason, code }) => {
      instruments.refusals.add(1, { ...host, [ATTR.refusalReason]: reason });
      const refused = { [ATTR.decision]: 'refused', [ATTR.refusalReason]: reason };
      if (exchange) {
        exchange.span.setAttributes(refused);
        endExchange(code);
      } else if (heal) {
        heal.span.setAttributes(refused);
      } else {
        const attributes = { ...spanBase, ...refused };
        end(tracer.startSpan('sf-jwt login refused', { attributes }, parent()), code);
      }
      endHeal(code);
    },
    token: ({ source }) => {
      heldSince = performance.now();
      heal?.span.setAttribute(ATTR.tokenSource, source);
      endHeal('ok');
    },
    error: (error: SalesforceAuthError) => {
      endExchange(error.code);
      endHeal(error.code);
    },
  };
  for (const [event, listener] of Object.entries(listeners)) {
    strategy.on(event as 'token', listener as () => void);
  }
  return () => {
    for (const [event, listener] of Object.entries(listeners)) {
      strategy.off(event as 'token', listener as () => void);
    }
    endExchange('detached');
    endHeal('detached');
  };
}
