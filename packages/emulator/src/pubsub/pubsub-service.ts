import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { PUBSUB_API_PROTO } from './pubsub-api-proto.js';

/** The options the Pub/Sub API's clients load the proto with (`salesforce-pubsub-api-client`'s). */
const LOADER_OPTIONS = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** `eventbus.v1.PubSub`, the service definition a gRPC server implements. */
export function pubSubServiceDefinition(): grpc.ServiceDefinition {
  const root = protobuf.parse(PUBSUB_API_PROTO, { keepCase: false }).root;
  const definition = fromJSON(root.toJSON(), LOADER_OPTIONS);
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    eventbus: { v1: { PubSub: grpc.ServiceClientConstructor } };
  };
  return loaded.eventbus.v1.PubSub.service;
}
