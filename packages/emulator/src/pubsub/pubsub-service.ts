import type * as grpc from '@grpc/grpc-js';
import { loadPubSubService } from '@sf-jwt/pubsub-api';

/** `eventbus.v1.PubSub`, the service definition a gRPC server implements. */
export function pubSubServiceDefinition(): grpc.ServiceDefinition {
  return loadPubSubService().service;
}
