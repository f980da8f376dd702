import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from '@sf-jwt/jsforce-adapter';
import { afterEach, describe, expect, it } from 'vitest';
import { backToBack } from '../../../test/support/back-to-back.js';
import { channelOrgs } from '../../../test/support/channel-orgs.js';
import { refusingStrategy } from '../../../test/support/refusing-strategy.js';
import { failure as reportedFailure, until } from '../../../test/support/waiting.js';
import {
  type PubSubError,
  type PubSubEvent,
  type PubSubSubscription,
  subscribe,
} from '../src/index.js';
import { startPubSubOrg } from './harness.js';

const TOPIC = '/event/Order__e';
const { org } = channelOrgs(startPubSubOrg, TOPIC);
const subscriptions: PubSubSubscription[] = [];
const failure = () => reportedFailure<PubSubError>();

// Registered after channelOrgs' hook, so it runs before it: subscriptions close, then emulators stop.
afterEach(() => {
  for (const subscription of subscriptions.splice(0)) subscription.close();
});

const numbers = (events: PubSubEvent[]) => events.map((event) => event.payload.n as number);

describe('a healing Pub/Sub subscription (gRPC over TLS, emulator as the server)', () => {
  it('delivers 1,000 events across three session expiries once each and in order, one exchange per expiry shared with REST', async () => {
    const env = await org();
    const strategy = env.strategy({ loginBudget: { rejectedRefreshCooldownMs: 1 } });
    const conn = await createConnection(strategy);
    const received: PubSubEvent[] = [];
    const subscription = subscribe({
      strategy,
      topic: TOPIC,
      onEvent: (event) => received.push(event),
      ...env.connection,
    });
    subscriptions.push(subscription);
    await subscription.ready;
    const exchangesBefore = env.exchanges();
    let queries = 0;
    const rest = backToBack(() => conn.query('SELECT Id FROM Account'));
    try {
      for (let n = 1; n <= 1000; n += 1) {
        if (n === 250 || n === 500 || n === 750) {
          // Each expiry meets a live stream: the previous heal is done once every event so far came.
          await until(() => received.length === n - 1);
          env.emulator.expireSessions();
        }
        env.emulator.publishEvent(TOPIC, { n });
        if (n % 10 === 0) await sleep(2);
      }
      await until(() => received.length >= 1000);
    } finally {
      queries = await rest.stop();
    }
    await sleep(300); // room for a duplicate to show up, if one were coming (keep-alives every 100 ms)
    expect(numbers(received)).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
    expect(subscription.received).toBe(1000);
    expect(subscription.reconnects).toBe(3);
    expect(env.exchanges() - exchangesBefore).toBe(3);
    expect(queries).toBeGreaterThan(0);
  });

  it('stops with session_rejected after maxAuthAttempts refused fresh sessions (loop guard), one refresh each', async () => {
    const env = await org();
    const real = env.strategy();
    let refreshes = 0;
    // Tokens from refresh() are ones the org never issued: every stream with them is refused.
    const refusing = refusingStrategy(real, () => ++refreshes);
    const { report, reported } = failure();
    const subscription = subscribe({
      strategy: refusing,
      topic: TOPIC,
      onEvent: () => {},
      onError: report,
      ...env.connection,
    });
    subscriptions.push(subscription);
    await subscription.ready;
    env.emulator.expireSessions(); // the open stream ends UNAUTHENTICATED at its next keep-alive
    const error = await reported;
    expect(error.code).toBe('session_rejected');
    expect(error.grpcCode).toBe(16); // UNAUTHENTICATED
    expect(error.errorCode).toBe('sfdc.platform.eventbus.grpc.service.auth.error');
    expect(refreshes).toBe(3);
    expect(subscription.reconnects).toBe(4);
  });

  it('gives replay_id_corrupted for a replay id outside the 72-hour window, and never delivers', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const env = await org({ now: () => now });
    const first = env.emulator.publishEvent(TOPIC, { n: 1 });
    env.emulator.publishEvent(TOPIC, { n: 2 });
    now += 73 * 60 * 60 * 1000; // both events are past retention now
    const { report, reported } = failure();
    const events: PubSubEvent[] = [];
    const replayId = Buffer.alloc(8);
    replayId.writeBigUInt64BE(BigInt(first));
    const subscription = subscribe({
      strategy: env.strategy(),
      topic: TOPIC,
      replayFrom: replayId,
      onEvent: (event) => events.push(event),
      onError: report,
      ...env.connection,
    });
    subscriptions.push(subscription);
    const error = await reported;
    expect(error.code).toBe('replay_id_corrupted');
    expect(error.errorCode).toBe(
      'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted',
    );
    await expect(subscription.ready).rejects.toMatchObject({ code: 'replay_id_corrupted' });
    expect(subscription.reconnects).toBe(0);
    expect(events).toEqual([]);
  });

  it('bounds endless UNAVAILABLE: maxAttempts streams in a row with growing waits, then unavailable, no login', async () => {
    const env = await org();
    env.emulator.pubsub!.failNextSubscribes(Number.POSITIVE_INFINITY);
    const strategy = env.strategy();
    await strategy.getToken();
    const exchanges = env.exchanges();
    const { report, reported } = failure();
    const started = performance.now();
    const subscription = subscribe({
      strategy,
      topic: TOPIC,
      onEvent: () => {},
      onError: report,
      retry: { maxAttempts: 4, initialDelayMs: 20, maxDelayMs: 80 },
      ...env.connection,
    });
    subscriptions.push(subscription);
    const error = await reported;
    expect(error.code).toBe('unavailable');
    expect(subscription.reconnects).toBe(5); // the first stream and 4 retries each failed
    expect(performance.now() - started).toBeGreaterThanOrEqual(20 + 40 + 80 + 80); // it waited
    expect(env.exchanges()).toBe(exchanges);
  });

  it('rides out a few UNAVAILABLE streams on an ordinary day without losing an event', async () => {
    const env = await org();
    const received: PubSubEvent[] = [];
    const subscription = subscribe({
      strategy: env.strategy(),
      topic: TOPIC,
      onEvent: (event) => received.push(event),
      retry: { initialDelayMs: 20 },
      ...env.connection,
    });
    subscriptions.push(subscription);
    await subscription.ready;
    env.emulator.publishEvent(TOPIC, { n: 1 });
    await until(() => received.length === 1);
    env.emulator.pubsub!.failNextSubscribes(3);
    env.emulator.expireSessions(); // ends the open stream at its next response
    for (let n = 2; n <= 10; n += 1) env.emulator.publishEvent(TOPIC, { n });
    await until(() => received.length === 10);
    expect(numbers(received)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(subscription.reconnects).toBe(4);
  });

  it('ends with unknown_error (the throw as cause) when onEvent throws, and delivers nothing after', async () => {
    const env = await org();
    const { report, reported } = failure();
    const seen: number[] = [];
    const boom = new Error('handler failed');
    const subscription = subscribe({
      strategy: env.strategy(),
      topic: TOPIC,
      onEvent: (event) => {
        seen.push(event.payload.n as number);
        throw boom;
      },
      onError: report,
      ...env.connection,
    });
    subscriptions.push(subscription);
    await subscription.ready;
    env.emulator.publishEvent(TOPIC, { n: 1 });
    env.emulator.publishEvent(TOPIC, { n: 2 });
    const error = await reported;
    expect(error.code).toBe('unknown_error');
    expect(error.cause).toBe(boom);
    await sleep(200);
    expect(seen).toEqual([1]);
  });

  it('keeps num_requested flow control: batchSize 3 still brings 50 events in order', async () => {
    const env = await org();
    for (let n = 1; n <= 50; n += 1) env.emulator.publishEvent(TOPIC, { n });
    const received: PubSubEvent[] = [];
    const subscription = subscribe({
      strategy: env.strategy(),
      topic: TOPIC,
      replayFrom: 'EARLIEST',
      batchSize: 3,
      onEvent: (event) => received.push(event),
      ...env.connection,
    });
    subscriptions.push(subscription);
    await until(() => received.length === 50);
    expect(numbers(received)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(received[0]!.schemaId).toMatch(/^[\w-]{22}$/);
  });
});
