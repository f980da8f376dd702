import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type RunningEmulator, startEmulator } from '../src/index.js';
import { jsforceConnection } from './harness.js';

let emulator: RunningEmulator;
let conn: Connection;
const cancels: Array<() => void> = [];

beforeAll(async () => {
  const org = await createTestOrg();
  emulator = await startEmulator({ setup: org.setup });
  conn = await jsforceConnection(org, emulator);
});
afterAll(async () => {
  for (const cancel of cancels) cancel();
  await emulator.stop();
});

/** Subscribes with jsforce's Streaming client and resolves with the first `count` messages. */
async function firstMessages<T>(
  subscribe: (listener: (message: T) => void) => { cancel(): void },
  count: number,
) {
  const messages: T[] = [];
  let done: () => void = () => {};
  const arrived = new Promise<void>((resolve) => {
    done = resolve;
  });
  const subscription = subscribe((message) => {
    messages.push(message);
    if (messages.length === count) done();
  });
  cancels.push(() => subscription.cancel());
  // Let the handshake and subscribe complete before the DML or push that should reach it.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { messages, arrived };
}

type TopicMessage = { event: { type: string }; sobject: { Id: string; Name: string } };

describe('PushTopics publish DML', () => {
  it('publishes created and updated Accounts matching the query, not deletes it was told to skip', async () => {
    await conn.sobject('PushTopic').create({
      Name: 'Big-Accounts',
      Query: "SELECT Id, Name FROM Account WHERE Name LIKE 'Topic %'",
      ApiVersion: 62,
      NotifyForFields: 'Referenced',
      NotifyForOperationCreate: true,
      NotifyForOperationUpdate: true,
      NotifyForOperationDelete: false,
      NotifyForOperationUndelete: false,
    });
    const { messages, arrived } = await firstMessages<TopicMessage>(
      (listener) => conn.streaming.topic('Big-Accounts').subscribe(listener as never),
      3,
    );
    const { id } = await conn.sobject('Account').create({ Name: 'Topic One' });
    await conn.sobject('Account').create({ Name: 'Not for the topic' });
    await conn.sobject('Account').update({ Id: id!, Name: 'Topic One renamed' });
    await conn.sobject('Account').destroy(id!);
    await conn.sobject('Account').create({ Name: 'Topic Two' });
    await arrived;
    // Events arrive in order: a published delete would sit before the second create.
    expect(messages.map((message) => [message.event.type, message.sobject.Name])).toEqual([
      ['created', 'Topic One'],
      ['updated', 'Topic One renamed'],
      ['created', 'Topic Two'],
    ]);
  });
});

describe('generic streaming channels', () => {
  it('delivers a payload pushed to a StreamingChannel to its subscriber', async () => {
    await conn.sobject('StreamingChannel').create({ Name: '/u/Notices' });
    const channel = conn.streaming.channel('/u/Notices');
    const { messages, arrived } = await firstMessages<{ payload: string }>(
      (listener) => channel.subscribe(listener as never),
      1,
    );
    const result = await channel.push({ payload: 'hello', userIds: [] });
    expect(result).toEqual({ fanoutCount: -1, userOnlineStatus: {} });
    await arrived;
    expect(messages[0]!.payload).toBe('hello');
  });
});
