import * as grpc from '@grpc/grpc-js';
import { loadPubSubService } from '@sf-jwt/pubsub-api';

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

/** Builds a client of Salesforce's Pub/Sub API (the public `pubsub_api.proto`). */
export function createPubSubClient(
  endpoint: string,
  credentials: grpc.ChannelCredentials,
  options: grpc.ChannelOptions,
): PubSubClient {
  const PubSub = loadPubSubService();
  return new PubSub(endpoint, credentials, options) as unknown as PubSubClient;
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
