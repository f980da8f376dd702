export { PubSubError, type PubSubErrorCode, type PubSubErrorOptions } from './pubsub-error.js';
export { subscribe } from './subscribe.js';
export type {
  PubSubEvent,
  PubSubSubscription,
  ReplayFrom,
  RetryOptions,
  SubscribeOptions,
} from './subscribe-options.js';
