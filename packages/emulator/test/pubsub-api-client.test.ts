import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PUBSUB_API_PROTO } from '@sf-jwt/pubsub-api';
import { Connection } from 'jsforce';
import protobuf from 'protobufjs';
import PubSubApiClient from 'salesforce-pubsub-api-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '../src/index.js';
import { assertion, exchange } from './harness.js';

// Fidelity judged by a client nobody here wrote: salesforce-pubsub-api-client (pozil), with its
// own copy of the proto, its own Avro library (avro-js) and TLS with rejectUnauthorizedSsl: false.

interface ParsedEvent {
  replayId: number;
  schemaId: string;
  payload: Record<string, unknown>;
}
const TOPIC = '/event/Order__e';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let org: TestOrg;
let emulator: RunningEmulator;
const clients: PubSubApiClient[] = [];

async function connectedClient(): Promise<PubSubApiClient> {
  const { body } = await exchange(emulator.url, assertion(org));
  const organizationId = new URL(body.id!).pathname.split('/')[2]!; // from the identity URL
  const client = new PubSubApiClient(
    {
      authType: 'user-supplied',
      accessToken: body.access_token!,
      // The client insists on https:// (it only sends it as the instanceurl header).
      instanceUrl: body.instance_url!.replace(/^http:/, 'https:'),
      organizationId,
      pubSubEndpoint: emulator.pubsub!.endpoint,
      rejectUnauthorizedSsl: false,
    },
    quiet,
  );
  await client.connect();
  clients.push(client);
  return client;
}

/** Subscribes and resolves with the first `count` events; `subscribed` once the first keep-alive came. */
function collect(
  start: (callback: (info: unknown, type: string, data?: unknown) => void) => void,
  count: number,
) {
  const events: ParsedEvent[] = [];
  let subscribed: () => void = () => {};
  const alive = new Promise<void>((resolve) => {
    subscribed = resolve;
  });
  const done = new Promise<ParsedEvent[]>((resolve, reject) => {
    start((_info, type, data) => {
      if (type === 'grpcKeepAlive') subscribed();
      if (type === 'event') events.push(data as ParsedEvent);
      if (type === 'error') reject(data);
      if (events.length === count) resolve(events);
    });
  });
  return Object.assign(done, { subscribed: alive });
}

beforeAll(async () => {
  org = await createTestOrg();
  emulator = await startEmulator({ setup: org.setup, pubsub: { keepAliveMs: 200 } });
  emulator.createChannel(TOPIC);
  emulator.publishEvent(TOPIC, { Amount__c: 10, Note__c: 'first' }); // replay id 1
});
afterAll(async () => {
  await emulator.stop(); // open streams end with UNAVAILABLE, reported to their callbacks
  for (const client of clients) client.close();
});

describe('salesforce-pubsub-api-client against the emulator', () => {
  it('ships the same proto the emulator serves (and @sf-jwt/pubsub calls with)', () => {
    const entry = createRequire(import.meta.url).resolve('salesforce-pubsub-api-client');
    const theirs = readFileSync(join(dirname(entry), '..', 'pubsub_api.proto'), 'utf8');
    const parse = (text: string) =>
      JSON.stringify(protobuf.parse(text, { keepCase: true }).root.toJSON());
    expect(parse(PUBSUB_API_PROTO)).toBe(parse(theirs));
  });

  it('subscribes, receives events published to the event log and through its own publish, decoded with their schema (its publish reads GetTopic and GetSchema); CometD gets the same events', async () => {
    const client = await connectedClient();
    const { body } = await exchange(emulator.url, assertion(org));
    const conn = new Connection({
      instanceUrl: body.instance_url,
      accessToken: body.access_token,
      version: '62.0',
    });
    const cometd = conn.streaming.createClient([]) as unknown as {
      subscribe(
        channel: string,
        listener: (data: { payload: Record<string, unknown> }) => void,
      ): PromiseLike<unknown>;
      disconnect(): void;
    };
    const viaCometd: Array<Record<string, unknown>> = [];
    await cometd.subscribe(TOPIC, (data) => viaCometd.push(data.payload));
    const received = collect((callback) => client.subscribe(TOPIC, callback, 2), 2);
    await received.subscribed; // a keep-alive: the stream is set up at the tip
    emulator.publishEvent(TOPIC, { Amount__c: 20, Note__c: 'second' });
    const published = await client.publish(TOPIC, {
      CreatedDate: Date.now(),
      CreatedById: '005000000000001AAA',
      Amount__c: { double: 30 }, // avro-js wants nullable fields as wrapped unions
      Note__c: { string: 'third' },
    });
    const events = await received;
    expect(
      events.map((event) => [event.replayId, event.payload.Amount__c, event.payload.Note__c]),
    ).toEqual([
      [2, 20, 'second'],
      [3, 30, 'third'],
    ]);
    expect(published.replayId).toBe(3);
    await vi.waitFor(() =>
      expect(viaCometd.map((payload) => payload.Note__c)).toEqual(['second', 'third']),
    );
    cometd.disconnect();
    expect(typeof events[0]!.payload.CreatedDate).toBe('number');
  });

  it('replays from a replay id and from the earliest event', async () => {
    const client = await connectedClient();
    const after = await collect(
      (callback) => client.subscribeFromReplayId(TOPIC, callback, 2, 1),
      2,
    );
    expect(after.map((event) => event.replayId)).toEqual([2, 3]);
    const other = await connectedClient();
    const all = await collect(
      (callback) => other.subscribeFromEarliestEvent(TOPIC, callback, 3),
      3,
    );
    expect(all.map((event) => event.payload.Note__c)).toEqual(['first', 'second', 'third']);
  });
});
