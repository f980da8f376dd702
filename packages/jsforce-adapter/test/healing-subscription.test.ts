import { setTimeout as sleep } from 'node:timers/promises';
import type { SalesforceAuthError } from '@sf-jwt/core';
import { describe, expect, it } from 'vitest';
import { backToBack } from '../../../test/support/back-to-back.js';
import { channelOrgs } from '../../../test/support/channel-orgs.js';
import { refusingStrategy } from '../../../test/support/refusing-strategy.js';
import { failure as reportedFailure, until } from '../../../test/support/waiting.js';
import { createConnection, type StreamingEvent, subscribe } from '../src/index.js';
import { startOrg } from './harness.js';

const CHANNEL = '/event/Order__e';
const { org } = channelOrgs(() => startOrg(), CHANNEL);
const failure = () => reportedFailure<SalesforceAuthError>();

describe('a healing Streaming subscription (jsforce Streaming client, emulator over HTTP)', () => {
  it('delivers 1,000 events across three session expiries exactly once and in order, one exchange per expiry shared with REST', async () => {
    const env = await org();
    // Three expiries within seconds, each after the session served: ordinary expiries.
    const strategy = env.strategy();
    const conn = await createConnection(strategy);
    const restOnly = await createConnection(strategy);
    const received: StreamingEvent[] = [];
    const subscription = subscribe(conn, CHANNEL, (message) => received.push(message));
    await subscription.ready;
    const exchangesBefore = env.exchanges();

    // REST traffic on the same strategy (both connections) all along.
    let queries = 0;
    const rest = backToBack(() =>
      Promise.all([conn.query('SELECT Id FROM Account'), restOnly.limits()]),
    );

    try {
      for (let n = 1; n <= 1000; n += 1) {
        if (n === 250 || n === 500 || n === 750) env.emulator.expireSessions();
        env.emulator.publishEvent(CHANNEL, { n });
        if (n % 10 === 0) await sleep(2);
      }
      await until(() => received.length >= 1000);
    } finally {
      queries = await rest.stop();
      subscription.unsubscribe();
    }
    await sleep(50); // room for a duplicate to show up, if one were coming

    const numbers = received.map((message) => (message.payload as { n: number }).n);
    expect(numbers).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
    expect(received.map((message) => message.event.replayId)).toEqual(numbers);
    expect(subscription.lastReplayId).toBe(1000);
    expect(subscription.refusals).toBe(3);
    expect(env.exchanges() - exchangesBefore).toBe(3);
    expect(env.emulator.streamingStats().handshakes).toBe(4);
    expect(queries).toBeGreaterThan(0);
  });

  it('resumes after the given replay id with replayFrom, and replays everything with -2', async () => {
    const env = await org();
    for (let n = 1; n <= 5; n += 1) env.emulator.publishEvent(CHANNEL, { n });
    const conn = await createConnection(env.strategy());
    const all: number[] = [];
    const after: number[] = [];
    const first = subscribe(conn, CHANNEL, (message) => all.push(message.event.replayId), {
      replayFrom: -2,
    });
    const second = subscribe(conn, CHANNEL, (message) => after.push(message.event.replayId), {
      replayFrom: 3,
    });
    await Promise.all([first.ready, second.ready]);
    env.emulator.publishEvent(CHANNEL, { n: 6 });
    await until(() => all.length === 6 && after.length === 3);
    expect(all).toEqual([1, 2, 3, 4, 5, 6]);
    expect(after).toEqual([4, 5, 6]);
    first.unsubscribe();
    second.unsubscribe();
  });

  it('gives an unapproved user the typed error after one refused connect and one exchange', async () => {
    const env = await org();
    const conn = await createConnection(env.strategy());
    const { report, reported } = failure();
    const subscription = subscribe(conn, CHANNEL, () => {}, { onError: report });
    await subscription.ready;
    env.emulator.updateApp(env.org.clientId, { adminApproved: false });
    env.emulator.expireSessions();
    env.emulator.publishEvent(CHANNEL, { n: 1 }); // ends the pending long-poll
    const error = await reported;
    expect(error.code).toBe('user_not_approved');
    expect(subscription.refusals).toBe(1);
    expect(env.emulator.stats().failedTokenExchanges).toBe(1);
    await sleep(100);
    expect(env.emulator.stats().failedTokenExchanges).toBe(1); // and nothing after giving up
  });

  it('stops with session_rejected when Salesforce refuses the fresh session too (loop guard)', async () => {
    const env = await org();
    const real = env.strategy();
    let refreshes = 0;
    // Tokens from refresh() are ones the org never issued: every handshake with them is refused.
    const refusing = refusingStrategy(real, () => ++refreshes);
    const conn = await createConnection(refusing);
    const { report, reported } = failure();
    const subscription = subscribe(conn, CHANNEL, () => {}, { onError: report });
    await subscription.ready;
    env.emulator.expireSessions();
    env.emulator.publishEvent(CHANNEL, { n: 1 });
    const error = await reported;
    expect(error.code).toBe('session_rejected');
    // The served session's expiry and the first refused replacement (the first suspect) are
    // each replaced at once; the second refused replacement is the third refusal in a row,
    // maxAttempts' bound.
    expect(subscription.refusals).toBe(3);
    expect(refreshes).toBe(2);
    expect(env.emulator.streamingStats().deniedHandshakes).toBe(2);
  });

  it('gives up after maxAttempts refusals in a row, even if each refresh looks fine', async () => {
    const env = await org();
    const conn = await createConnection(env.strategy());
    const { report, reported } = failure();
    const subscription = subscribe(conn, CHANNEL, () => {}, { onError: report, maxAttempts: 1 });
    await subscription.ready;
    env.emulator.expireSessions();
    env.emulator.publishEvent(CHANNEL, { n: 1 });
    expect((await reported).code).toBe('session_rejected');
    expect(subscription.refusals).toBe(1);
  });

  it('rejects ready with a typed error for a channel that does not exist', async () => {
    const env = await org();
    const conn = await createConnection(env.strategy());
    const { report, reported } = failure();
    const subscription = subscribe(conn, '/event/Missing__e', () => {}, { onError: report });
    await expect(subscription.ready).rejects.toMatchObject({ code: 'unknown_error' });
    expect((await reported).code).toBe('unknown_error');
    expect(subscription.refusals).toBe(0);
  });

  it('refuses a connection without sf-jwt healing', async () => {
    const { Connection } = await import('jsforce');
    expect(() => subscribe(new Connection({}), CHANNEL, () => {})).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });
});
