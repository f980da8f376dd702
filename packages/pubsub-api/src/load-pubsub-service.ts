import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { PUBSUB_API_PROTO } from './pubsub-api-proto.js';

/**
 * The options Salesforce's own clients load the proto with (`salesforce-pubsub-api-client`'s):
 * fields in camelCase (the parse below), int64 and enums as strings, defaults filled in.
 */
const LOADER_OPTIONS = { longs: String, enums: String, defaults: true, oneofs: true };

let loaded: grpc.ServiceClientConstructor | undefined;

/**
 * `eventbus.v1.PubSub` of {@link PUBSUB_API_PROTO}, loaded once per process for `@grpc/grpc-js`:
 * construct it for a client (`new PubSub(endpoint, credentials, options)`), or give its `service`
 * to `grpc.Server.addService` for a server. Messages have camelCase fields (`replayId`,
 * `numRequested`), `bytes` as Buffers, int64 and enums as strings, and defaults filled in.
 *
 * @example
 * ```ts
 * import * as grpc from '@grpc/grpc-js';
 * const PubSub = loadPubSubService();
 * const client = new PubSub('api.pubsub.salesforce.com:7443', grpc.credentials.createSsl());
 * const server = new grpc.Server();
 * server.addService(PubSub.service, {});
 * ```
 */
export function loadPubSubService(): grpc.ServiceClientConstructor {
  if (!loaded) {
    const root = protobuf.parse(PUBSUB_API_PROTO, { keepCase: false }).root;
    const api = grpc.loadPackageDefinition(fromJSON(root.toJSON(), LOADER_OPTIONS)) as unknown as {
      eventbus: { v1: { PubSub: grpc.ServiceClientConstructor } };
    };
    loaded = api.eventbus.v1.PubSub;
  }
  return loaded;
}
