export { loadPubSubService } from './load-pubsub-service.js';
export { PUBSUB_API_PROTO } from './pubsub-api-proto.js';
