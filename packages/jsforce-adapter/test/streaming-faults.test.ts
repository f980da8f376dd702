import { setTimeout as sleep } from 'node:timers/promises';
import type { SalesforceAuthError } from '@sf-jwt/core';
import { describe, expect, it } from 'vitest';
import { channelOrgs } from '../../../test/support/channel-orgs.js';
import { until } from '../../../test/support/waiting.js';
import { createConnection, type HealingSubscription, subscribe } from '../src/index.js';
import { type Org, startOrg } from './harness.js';

// A CometD server that misbehaves the way production ones do: sessions lost before the first
// event, `403::Unknown client` forever, and an unsubscribe() in the middle of it all.
const CHANNEL = '/event/Order__e';
const { org, running } = channelOrgs(() => startOrg(), CHANNEL);

/** What keeps the event loop alive, by kind (timers, sockets, ...). */
function keepingAlive(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo())
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** `count()` once it has not changed for 200 ms (checked for at most 5 s). */
async function quietCount(count: () => number): Promise<number> {
  let last = count();
  for (let quietFor = 0, waited = 0; quietFor < 200 && waited < 5_000; waited += 20) {
    await sleep(20);
    const now = count();
    quietFor = now === last ? quietFor + 20 : 0;
    last = now;
  }
  return last;
}

describe('a healing Streaming subscription against a misbehaving CometD server', () => {
  it('heals an expiry before the first delivery without losing the events published meanwhile', async () => {
    const env = await org();
    for (let n = 1; n <= 2; n += 1) env.emulator.publishEvent(CHANNEL, { n }); // before subscribe
    const conn = await createConnection(env.strategy());
    const received: number[] = [];
    const subscription = subscribe(conn, CHANNEL, (message) =>
      received.push(message.event.replayId),
    );
    await subscription.ready;
    const exchangesBefore = env.exchanges();
    env.emulator.expireSessions();
    env.emulator.forgetStreamingClients(); // the open long-poll ends empty: nothing delivered yet
    for (let n = 3; n <= 5; n += 1) env.emulator.publishEvent(CHANNEL, { n }); // during the heal
    await until(() => received.includes(5));
    await sleep(50);
    subscription.unsubscribe();
    // CometD cannot say where the channel stood at subscribe time: the heal replays with -2,
    // so the two older retained events come too, once each and in order.
    expect(received).toEqual([1, 2, 3, 4, 5]);
    expect(subscription.refusals).toBe(1);
    expect(env.exchanges() - exchangesBefore).toBe(1);
  });

  it('re-handshakes after a lost Bayeux session before the first delivery, without a login or a lost event', async () => {
    const env = await org();
    const conn = await createConnection(env.strategy());
    const received: number[] = [];
    const subscription = subscribe(
      conn,
      CHANNEL,
      (message) => received.push(message.event.replayId),
      {
        pacing: { initialDelayMs: 20 },
      },
    );
    await subscription.ready;
    const exchangesBefore = env.exchanges();
    env.emulator.forgetStreamingClients();
    for (let n = 1; n <= 3; n += 1) env.emulator.publishEvent(CHANNEL, { n });
    await until(() => received.length === 3);
    env.emulator.publishEvent(CHANNEL, { n: 4 });
    await until(() => received.length === 4);
    subscription.unsubscribe();
    expect(received).toEqual([1, 2, 3, 4]);
    expect(subscription.refusals).toBe(0);
    expect(subscription.handshakes).toBe(2);
    expect(env.exchanges()).toBe(exchangesBefore);
  });

  it('under endless 403::Unknown client keeps within maxPerMinute handshakes, logs in zero times and never gives up', async () => {
    const env = await org();
    const conn = await createConnection(env.strategy());
    const errors: SalesforceAuthError[] = [];
    const received: number[] = [];
    const subscription = subscribe(
      conn,
      CHANNEL,
      (message) => received.push(message.event.replayId),
      {
        pacing: { initialDelayMs: 10, maxDelayMs: 40, maxPerMinute: 6 },
        onError: (error) => errors.push(error),
      },
    );
    await subscription.ready;
    const exchangesBefore = env.exchanges();
    env.emulator.forgetStreamingClients({ forever: true });
    await until(() => subscription.handshakes === 6); // 1 + 5 re-handshakes, 10 to 40 ms apart
    await sleep(1_000); // without the bound, ~25 more would come in this second
    expect(subscription.handshakes).toBe(6);
    expect(env.emulator.streamingStats().handshakes).toBe(6);
    expect(env.exchanges()).toBe(exchangesBefore);
    expect(subscription.refusals).toBe(0);
    expect(errors).toEqual([]);
    subscription.unsubscribe();
  });

  it('with the default pacing, a lost session heals at once on an ordinary day and backs off under endless Unknown client', async () => {
    const env = await org();
    const conn = await createConnection(env.strategy());
    const received: number[] = [];
    const subscription = subscribe(conn, CHANNEL, (message) =>
      received.push(message.event.replayId),
    );
    await subscription.ready;
    env.emulator.forgetStreamingClients({ forever: true });
    await sleep(2_000); // 500 ms, then 1 s: two re-handshakes, not hundreds
    expect(subscription.handshakes).toBeLessThanOrEqual(3);
    expect(subscription.handshakes).toBeGreaterThanOrEqual(2);
    env.emulator.forgetStreamingClients();
    env.emulator.publishEvent(CHANNEL, { n: 1 });
    await until(() => received.length === 1, 15_000);
    expect(received).toEqual([1]);
    subscription.unsubscribe();
  });
});

describe('unsubscribe() stops at once, in every state', () => {
  const states: Array<[string, (env: Org, subscription: HealingSubscription) => Promise<void>]> = [
    ['connected (long-poll open)', async (_env, subscription) => subscription.ready],
    ['handshaking (first handshake in flight)', async () => {}],
    [
      'backing off (403::Unknown client forever)',
      async (env, subscription) => {
        await subscription.ready;
        env.emulator.forgetStreamingClients({ forever: true });
        await until(() => subscription.handshakes >= 3);
      },
    ],
    [
      'healing an expired session',
      async (env, subscription) => {
        await subscription.ready;
        env.emulator.expireSessions();
        env.emulator.forgetStreamingClients();
        await until(() => subscription.refusals === 1);
      },
    ],
  ];

  it.each(states)(
    '%s: no request within 1 s after, and nothing left keeping the process alive',
    async (_state, reach) => {
      const env = await org();
      const conn = await createConnection(env.strategy());
      const subscription = subscribe(conn, CHANNEL, () => {}, {
        pacing: { initialDelayMs: 30, maxDelayMs: 30 },
      });
      await reach(env, subscription);
      const bayeuxRequests = () => env.emulator.streamingStats().bayeuxRequests;
      subscription.unsubscribe();
      const atUnsubscribe = bayeuxRequests();
      // Requests already on the wire when unsubscribe() ran may still land, as late as a loaded
      // machine delivers them: one per faye client (the current one, and one just abandoned for
      // a re-handshake). The server is let go quiet first, then watched for 1 s.
      const landed = await quietCount(bayeuxRequests);
      expect(landed - atUnsubscribe).toBeLessThanOrEqual(2);
      await sleep(1_000);
      expect(bayeuxRequests()).toBe(landed);
      // The emulator's own sockets and timers gone, nothing may be left that keeps Node running:
      // no timer, no socket (the HTTP agents' idle sockets are unreferenced).
      await env.emulator.stop();
      running.splice(running.indexOf(env.emulator), 1);
      // Closing sockets take a few turns of a loaded event loop: given up to 2 s to go.
      const kinds = ['Timeout', 'TCPSocketWrap', 'TCPServerWrap'];
      const left = () => kinds.map((kind) => keepingAlive().get(kind) ?? 0);
      await until(() => left().every((count) => count === 0), 2_000).catch(() => {});
      expect(left()).toEqual([0, 0, 0]);
    },
  );
});
