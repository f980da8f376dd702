import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { createLoopbackCertificate } from '../server/loopback-certificate.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { StreamingControl, StreamingEvents } from '../streaming/streaming-endpoint.js';
import { publishHandler } from './publish.js';
import {
  callerOf,
  pubSubError,
  SCHEMA_NOT_FOUND,
  TOPIC_NOT_FOUND,
  UNSUPPORTED,
  unauthenticated,
} from './pubsub-errors.js';
import { pubSubServiceDefinition } from './pubsub-service.js';
import { type SubscribeContext, serveSubscribe } from './subscribe-stream.js';
import { TopicSchemas } from './topic-schemas.js';

/** Where a running emulator serves the Pub/Sub API, the certificate to trust, and its fault. */
export interface PubSubInfo {
  /** `127.0.0.1:<port>`, the gRPC target (TLS). */
  endpoint: string;
  /** The server's self-signed certificate (PEM, `CN=localhost`): trust it, with `localhost` as the name to check. */
  certificate: string;
  /**
   * Ends the next `count` `Subscribe` streams with UNAVAILABLE as soon as they open
   * (`Infinity`: every one, until called again with 0).
   */
  failNextSubscribes(count: number): void;
}

/** The Pub/Sub API server of an emulator. */
export interface PubSubEndpoint extends PubSubInfo {
  stop(): Promise<void>;
}

type Unary<Request> = grpc.handleUnaryCall<Request, unknown>;

/** Starts the Pub/Sub API (gRPC over TLS) on 127.0.0.1, over the Streaming endpoint's event log. */
export async function startPubSubServer(
  state: EmulatorState,
  streaming: { control: StreamingControl; events: StreamingEvents },
  options: { keepAliveMs: number; host: string },
): Promise<PubSubEndpoint> {
  const schemas = new TopicSchemas();
  const stopObserving = streaming.events.onPublish((channel, event) => {
    const payload = event.data.payload;
    if (payload && typeof payload === 'object')
      schemas.observe(channel, payload as Record<string, unknown>);
  });
  const open: SubscribeContext['open'] = new Set();
  const failures = { remaining: 0 };
  const context: SubscribeContext = {
    state,
    events: streaming.events,
    schemas,
    keepAliveMs: options.keepAliveMs,
    open,
    failures,
  };
  const topicExists = (name: string) =>
    !name.startsWith('/topic/') && streaming.events.logOf(name) !== undefined;

  const getTopic: Unary<{ topicName: string }> = (call, callback) => {
    const caller = callerOf(state, call.metadata);
    if (!caller) return callback(unauthenticated());
    const name = call.request.topicName;
    if (!topicExists(name))
      return callback(
        pubSubError(grpc.status.NOT_FOUND, TOPIC_NOT_FOUND, `The topic ${name} does not exist.`),
      );
    callback(null, {
      topicName: name,
      tenantGuid: caller.orgId,
      canPublish: name.startsWith('/event/'),
      canSubscribe: true,
      schemaId: schemas.current(name).id,
      rpcId: randomUUID(),
    });
  };
  const getSchema: Unary<{ schemaId: string }> = (call, callback) => {
    if (!callerOf(state, call.metadata)) return callback(unauthenticated());
    const schema = schemas.byId(call.request.schemaId);
    if (!schema)
      return callback(
        pubSubError(
          grpc.status.NOT_FOUND,
          SCHEMA_NOT_FOUND,
          `The schema ${call.request.schemaId} does not exist.`,
        ),
      );
    callback(null, { schemaJson: schema.json, schemaId: schema.id, rpcId: randomUUID() });
  };
  const publish = publishHandler({
    state,
    schemas,
    topicExists,
    publishEvent: streaming.control.publishEvent,
  });

  const server = new grpc.Server();
  server.addService(pubSubServiceDefinition(), {
    GetTopic: getTopic,
    GetSchema: getSchema,
    Subscribe: ((call) => serveSubscribe(context, call as never)) as grpc.handleBidiStreamingCall<
      unknown,
      unknown
    >,
    Publish: ((call, callback) => {
      const answer = publish(call.metadata, call.request as never);
      if ('code' in answer) callback(answer as grpc.ServiceError);
      else callback(null, answer);
    }) as Unary<unknown>,
    PublishStream: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
      call.on('data', (request) => {
        const answer = publish(call.metadata, request as never);
        if ('code' in answer) call.emit('error', answer);
        else call.write(answer);
      });
      call.on('end', () => call.end());
    },
    ManagedSubscribe: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
      call.on('data', () => {});
      call.emit(
        'error',
        pubSubError(
          grpc.status.UNIMPLEMENTED,
          UNSUPPORTED,
          'ManagedSubscribe is not supported by the emulator.',
        ),
      );
    },
  });
  const { privateKey, certificate } = await createLoopbackCertificate();
  const credentials = grpc.ServerCredentials.createSsl(null, [
    { private_key: Buffer.from(privateKey), cert_chain: Buffer.from(certificate) },
  ]);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${options.host}:0`, credentials, (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
  return {
    endpoint: `${options.host}:${port}`,
    certificate,
    failNextSubscribes: (count) => {
      failures.remaining = Math.max(0, count);
    },
    stop: async () => {
      stopObserving();
      for (const call of open)
        call.emit(
          'error',
          pubSubError(grpc.status.UNAVAILABLE, UNSUPPORTED, 'The emulator stopped.'),
        );
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      server.forceShutdown();
    },
  };
}
