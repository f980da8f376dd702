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

/** One raw Bayeux POST. */
async function bayeux(messages: unknown[], headers: Record<string, string> = {}, version = '62.0') {
  const response = await fetch(`${emulator.url}/cometd/${version}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(messages),
  });
  // biome-ignore lint/suspicious/noExplicitAny: Bayeux replies, read field by field below
  return { status: response.status, body: (await response.json()) as any[] };
}
const handshake = {
  channel: '/meta/handshake',
  version: '1.0',
  supportedConnectionTypes: ['long-polling'],
};

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

describe('Streaming API (CometD) answers, raw', () => {
  it('denies a handshake with an invalid token as Salesforce does', async () => {
    const { status, body } = await bayeux([handshake], { authorization: 'Bearer 00Dnotvalid' });
    expect(status).toBe(200);
    expect(body[0]).toMatchObject({
      channel: '/meta/handshake',
      successful: false,
      error: '403::Handshake denied',
      ext: { sfdc: { failureReason: '401::Authentication invalid' } },
      advice: { reconnect: 'none' },
    });
  });

  it('asks for authentication when the header is missing', async () => {
    const { body } = await bayeux([handshake]);
    expect(body[0].ext.sfdc.failureReason).toBe('401::Request requires authentication');
    const connect = await bayeux([
      { channel: '/meta/connect', clientId: 'x', connectionType: 'long-polling' },
    ]);
    expect(connect.body[0]).toMatchObject({
      error: '401::Request requires authentication',
      advice: { reconnect: 'none' },
    });
  });

  it('handshakes with a live session, long-polling only, with the replay extension', async () => {
    const { body: token } = await exchange(emulator.url, assertion(org));
    const { body } = await bayeux([handshake], { authorization: `OAuth ${token.access_token}` });
    expect(body[0]).toMatchObject({
      successful: true,
      supportedConnectionTypes: ['long-polling'],
      ext: { replay: true },
    });
    expect(emulator.streamingStats().handshakes).toBeGreaterThan(0);
  });

  it('answers a connect from a Bayeux client it does not know with 403::Unknown client', async () => {
    const { body: token } = await exchange(emulator.url, assertion(org));
    const { body } = await bayeux(
      [{ channel: '/meta/connect', clientId: 'gone', connectionType: 'long-polling' }],
      { authorization: `Bearer ${token.access_token}` },
    );
    expect(body[0]).toMatchObject({
      successful: false,
      error: '403::Unknown client',
      advice: { reconnect: 'handshake' },
    });
  });

  it('forgetStreamingClients({ forever: true }) answers every connect and subscribe 403::Unknown client until called without it', async () => {
    const { body: token } = await exchange(emulator.url, assertion(org));
    const authorization = `Bearer ${token.access_token}`;
    emulator.forgetStreamingClients({ forever: true });
    try {
      const [shaken] = (await bayeux([handshake], { authorization })).body;
      expect(shaken.successful).toBe(true);
      const connect = {
        channel: '/meta/connect',
        clientId: shaken.clientId,
        connectionType: 'long-polling',
      };
      const subscribe = {
        channel: '/meta/subscribe',
        clientId: shaken.clientId,
        subscription: '/data/ChangeEvents',
      };
      for (const message of [connect, subscribe, connect]) {
        const { body } = await bayeux([message], { authorization });
        expect(body[0]).toMatchObject({
          successful: false,
          error: '403::Unknown client',
          advice: { reconnect: 'handshake', interval: 0 },
        });
      }
    } finally {
      emulator.forgetStreamingClients();
    }
    const [shaken] = (await bayeux([handshake], { authorization })).body;
    const { body } = await bayeux(
      [
        {
          channel: '/meta/subscribe',
          clientId: shaken.clientId,
          subscription: '/data/ChangeEvents',
        },
      ],
      { authorization },
    );
    expect(body[0].successful).toBe(true);
  });

  it('rejects a missing or too old API version with 400', async () => {
    expect((await bayeux([handshake], {}, '')).status).toBe(400);
    expect((await bayeux([handshake], {}, '36.0')).status).toBe(400);
  });

  it('refuses a subscribe with a replay id outside the retained events', async () => {
    emulator.createChannel('/event/Window__e');
    const { body: token } = await exchange(emulator.url, assertion(org));
    const authorization = `Bearer ${token.access_token}`;
    const [shaken] = (await bayeux([handshake], { authorization })).body;
    const { body } = await bayeux(
      [
        {
          channel: '/meta/subscribe',
          clientId: shaken.clientId,
          subscription: '/event/Window__e',
          ext: { replay: { '/event/Window__e': 99 } },
        },
      ],
      { authorization },
    );
    expect(body[0]).toMatchObject({ successful: false });
    expect(body[0].error).toMatch(/^400::The replayId \{99\}/);
  });
});
