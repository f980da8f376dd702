import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { PUBSUB_API_PROTO } from './pubsub-api-proto.js';

/** A `FetchResponse` of `Subscribe`, as loaded (camelCase fields, bytes as Buffers). */
export interface FetchResponse {
  events: Array<{
    event: { id: string; schemaId: string; payload: Buffer };
    replayId: Buffer;
  }>;
  latestReplayId: Buffer;
  rpcId: string;
  pendingNumRequested: number;
}

/** The generated `eventbus.v1.PubSub` client, as far as this package calls it. */
export interface PubSubClient extends grpc.Client {
  Subscribe(metadata: grpc.Metadata): grpc.ClientDuplexStream<object, FetchResponse>;
  GetSchema(
    request: { schemaId: string },
    metadata: grpc.Metadata,
    callback: (
      error: grpc.ServiceError | null,
      response?: { schemaJson: string; schemaId: string },
    ) => void,
  ): grpc.ClientUnaryCall;
}

let PubSubConstructor: grpc.ServiceClientConstructor | undefined;

/** Builds a client of Salesforce's Pub/Sub API (the public `pubsub_api.proto`). */
export function createPubSubClient(
  endpoint: string,
  credentials: grpc.ChannelCredentials,
  options: grpc.ChannelOptions,
): PubSubClient {
  if (!PubSubConstructor) {
    const root = protobuf.parse(PUBSUB_API_PROTO, { keepCase: false }).root;
    const definition = fromJSON(root.toJSON(), {
      longs: String,
      enums: String,
      defaults: true,
      oneofs: true,
    });
    const loaded = grpc.loadPackageDefinition(definition) as unknown as {
      eventbus: { v1: { PubSub: grpc.ServiceClientConstructor } };
    };
    PubSubConstructor = loaded.eventbus.v1.PubSub;
  }
  return new PubSubConstructor(endpoint, credentials, options) as unknown as PubSubClient;
}

/** The three metadata headers every Pub/Sub API call carries. */
export function authMetadata(token: {
  accessToken: string;
  instanceUrl: string;
  organizationId: string;
}): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('accesstoken', token.accessToken);
  metadata.set('instanceurl', token.instanceUrl);
  metadata.set('tenantid', token.organizationId);
  return metadata;
}
