import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '../src/index.js';
import { assertion, exchange } from './harness.js';

interface EventData {
  event: { replayId: number };
  payload: { n: number };
}
interface FayeClient {
  subscribe(channel: string, listener: (data: EventData) => void): PromiseLike<unknown>;
  disconnect(): unknown;
}

let org: TestOrg;
let emulator: RunningEmulator;
const clients: FayeClient[] = [];

async function connection(): Promise<Connection> {
  const { body } = await exchange(emulator.url, assertion(org));
  return new Connection({
    instanceUrl: body.instance_url,
    accessToken: body.access_token,
    version: '62.0',
  });
}

/** jsforce's own Streaming client, with its Replay and AuthFailure extensions. */
function client(
  conn: Connection,
  channel: string,
  replayId: number,
  onAuthFailure: (message: Record<string, unknown>) => void = () => {},
) {
  const created = conn.streaming.createClient([
    new StreamingExtension.AuthFailure(onAuthFailure),
    new StreamingExtension.Replay(channel, replayId),
  ]) as unknown as FayeClient;
  clients.push(created);
  return created;
}

async function collect(conn: Connection, channel: string, replayId: number, count: number) {
  const received: EventData[] = [];
  const { promise, resolve } = deferred();
  await client(conn, channel, replayId).subscribe(channel, (data) => {
    received.push(data);
    if (received.length === count) resolve();
  });
  return { received, done: promise };
}

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

beforeAll(async () => {
  org = await createTestOrg();
  emulator = await startEmulator({ setup: org.setup });
});
afterAll(async () => {
  for (const created of clients) created.disconnect();
  await emulator.stop();
});

describe('Streaming API (CometD) with jsforce', () => {
  it('replays every retained event with -2, in order, then delivers new ones', async () => {
    const channel = '/event/Retained__e';
    for (let n = 1; n <= 5; n += 1) emulator.publishEvent(channel, { n });
    const { received, done } = await collect(await connection(), channel, -2, 8);
    for (let n = 6; n <= 8; n += 1) emulator.publishEvent(channel, { n });
    await done;
    expect(received.map((data) => data.payload.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(received.map((data) => data.event.replayId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('with -1 delivers only new events, with an id only the events after it', async () => {
    const channel = '/event/Replay__e';
    for (let n = 1; n <= 4; n += 1) emulator.publishEvent(channel, { n });
    const conn = await connection();
    const fresh = await collect(conn, channel, -1, 1);
    const after = await collect(conn, channel, 2, 3);
    emulator.publishEvent(channel, { n: 5 });
    await Promise.all([fresh.done, after.done]);
    expect(fresh.received.map((data) => data.payload.n)).toEqual([5]);
    expect(after.received.map((data) => data.payload.n)).toEqual([3, 4, 5]);
  });

  it('answers a subscription to an unknown channel with 400', async () => {
    const subscription = client(await connection(), '/event/Nope__e', -1).subscribe(
      '/event/Nope__e',
      () => {},
    );
    await expect(subscription).rejects.toMatchObject({
      message: "400::The channel you requested to subscribe to doesn't exist",
    });
  });

  it('serves /topic/<PushTopic> and /data/ChangeEvents', async () => {
    emulator.records('PushTopic').push({ Name: 'AccountUpdates', Query: 'SELECT Id FROM Account' });
    const conn = await connection();
    const topic = await collect(conn, '/topic/AccountUpdates', -1, 1);
    const changes = await collect(conn, '/data/ChangeEvents', -1, 1);
    emulator.publishEvent('/topic/AccountUpdates', { Id: '001x' });
    emulator.publishEvent('/data/ChangeEvents', { n: 1 });
    await Promise.all([topic.done, changes.done]);
    expect(topic.received[0]).toMatchObject({
      event: { type: 'created', replayId: 1 },
      sobject: { Id: '001x' },
    });
    expect(changes.received[0]).toMatchObject({ event: { replayId: 1 } });
  });

  it('answers a connect after expireSessions() with 401::Authentication invalid, reconnect none', async () => {
    const channel = '/event/Expiry__e';
    emulator.createChannel(channel);
    const failures: Array<Record<string, unknown>> = [];
    const { promise, resolve } = deferred();
    const subscriber = client(await connection(), channel, -1, (message) => {
      failures.push(message);
      resolve();
    });
    await subscriber.subscribe(channel, () => {});
    emulator.expireSessions();
    // Ends a pending long-poll, if one is open: the next /meta/connect meets the check.
    emulator.publishEvent(channel, { n: 1 });
    await promise;
    expect(failures[0]).toMatchObject({
      channel: '/meta/connect',
      successful: false,
      error: '401::Authentication invalid',
      advice: { reconnect: 'none', interval: 0 },
    });
  });
});
