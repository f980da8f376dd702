import { describe, expect, it } from 'vitest';
import { loadPubSubService } from '../src/index.js';

// What the @sf-jwt/pubsub client and the emulator's server both rely on: one loaded definition,
// the proto's six RPCs, and messages with the field conventions of Salesforce's own clients.
describe('loadPubSubService', () => {
  it('loads eventbus.v1.PubSub once, with the six RPCs of the proto and their streaming kinds', () => {
    const PubSub = loadPubSubService();
    expect(loadPubSubService()).toBe(PubSub);
    expect(PubSub.serviceName).toBe('PubSub');
    const kinds = Object.fromEntries(
      Object.entries(PubSub.service).map(([name, method]) => [
        name,
        [method.path, method.requestStream, method.responseStream],
      ]),
    );
    expect(kinds).toEqual({
      Subscribe: ['/eventbus.v1.PubSub/Subscribe', true, true],
      GetSchema: ['/eventbus.v1.PubSub/GetSchema', false, false],
      GetTopic: ['/eventbus.v1.PubSub/GetTopic', false, false],
      Publish: ['/eventbus.v1.PubSub/Publish', false, false],
      PublishStream: ['/eventbus.v1.PubSub/PublishStream', true, true],
      ManagedSubscribe: ['/eventbus.v1.PubSub/ManagedSubscribe', true, true],
    });
  });

  it('reads a FetchRequest back in camelCase, the enum as its name and the defaults filled in', () => {
    const { Subscribe } = loadPubSubService().service;
    const wire = Subscribe!.requestSerialize({
      topicName: '/event/Order__e',
      replayPreset: 'CUSTOM',
      replayId: Buffer.from([0, 0, 0, 7]),
      numRequested: 100,
    });
    expect(Subscribe!.requestDeserialize(wire)).toEqual({
      topicName: '/event/Order__e',
      replayPreset: 'CUSTOM',
      replayId: Buffer.from([0, 0, 0, 7]),
      numRequested: 100,
      authRefresh: '',
    });
  });

  it('reads an int64 back as a string, exact beyond 2^53', () => {
    const { ManagedSubscribe } = loadPubSubService().service;
    const wire = ManagedSubscribe!.responseSerialize({
      commitResponse: { commitRequestId: 'c1', processTime: '9007199254740993' },
    });
    const read = ManagedSubscribe!.responseDeserialize(wire) as {
      commitResponse: { processTime: string };
    };
    expect(read.commitResponse.processTime).toBe('9007199254740993');
  });
});
