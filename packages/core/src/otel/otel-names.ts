import { createHmac } from 'node:crypto';
import type { Meter } from '@opentelemetry/api';
import { PRODUCTION_LOGIN_URL, SANDBOX_LOGIN_URL } from '../audience/login-hosts.js';

/** The instrumentation scope of every tracer and meter. */
export const SCOPE = '@sf-jwt/core';

/** Attribute names: OpenTelemetry semantic conventions where one exists, `sf_jwt.*` otherwise. */
export const ATTR = {
  serverAddress: 'server.address',
  errorType: 'error.type',
  operation: 'db.operation.name',
  subject: 'enduser.pseudo.id',
  outcome: 'sf_jwt.outcome',
  audienceKind: 'sf_jwt.audience.kind',
  attempts: 'sf_jwt.login.attempts',
  decision: 'sf_jwt.governor.decision',
  refusalReason: 'sf_jwt.governor.reason',
  healReason: 'sf_jwt.heal.reason',
  tokenSource: 'sf_jwt.token.source',
} as const;

// Semantic conventions' advice for durations in seconds; token ages span seconds to hours.
const DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];
const AGE_BUCKETS = [1, 10, 60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400];

/** The metric instruments, one set per meter. */
export function createInstruments(meter: Meter) {
  const counter = (name: string, unit: string, description: string) =>
    meter.createCounter(name, { description, unit });
  // Durations and ages in seconds, with the buckets advised for them.
  const seconds = (name: string, buckets: number[], description: string) =>
    meter.createHistogram(name, {
      description,
      unit: 's',
      advice: { explicitBucketBoundaries: buckets },
    });
  return {
    logins: counter(
      'sf_jwt.login.attempts',
      '{attempt}',
      'Token requests sent to Salesforce (each counts against the hourly limit)',
    ),
    loginDuration: seconds(
      'sf_jwt.login.duration',
      DURATION_BUCKETS,
      'Duration of a login, retries included',
    ),
    refusals: counter(
      'sf_jwt.login.refusals',
      '{refusal}',
      'Logins the login governor refused before they reached Salesforce',
    ),
    heals: counter(
      'sf_jwt.heals',
      '{heal}',
      'Refreshes of a rejected (or forcibly replaced) session',
    ),
    tokenAge: seconds(
      'sf_jwt.token.age',
      AGE_BUCKETS,
      'How long this process had held the token when it was refreshed',
    ),
    storeDuration: seconds(
      'sf_jwt.store.operation.duration',
      DURATION_BUCKETS,
      'Duration of a TokenStore operation; failed ones carry error.type',
    ),
  };
}

/** `production`, `sandbox`, `my_domain` or `other`: a kind, low in cardinality (the host is `server.address`). */
export function audienceKind(audience: string): string {
  if (audience === PRODUCTION_LOGIN_URL) return 'production';
  if (audience === SANDBOX_LOGIN_URL) return 'sandbox';
  return /\.my\.salesforce\.com$|\.salesforce\.com$/i.test(audience) ? 'my_domain' : 'other';
}

/** A keyed hash of the subject, or nothing without a key. */
export function subjectAttribute(username: string, key: string | Buffer | undefined) {
  if (key === undefined) return {};
  return { [ATTR.subject]: createHmac('sha256', key).update(username).digest('hex').slice(0, 32) };
}
