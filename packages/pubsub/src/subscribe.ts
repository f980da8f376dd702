import { HealingSubscriber } from './healing-subscriber.js';
import { PubSubError } from './pubsub-error.js';
import type { PubSubSubscription, SubscribeOptions } from './subscribe-options.js';

/**
 * Subscribes to a Pub/Sub API topic and keeps the subscription alive: an expired session
 * (`UNAUTHENTICATED`) takes a new token from the strategy (one exchange per expiry, shared with
 * the app's REST calls of that strategy) and resubscribes after the last event delivered, so no
 * event is lost or delivered twice; other stream errors resubscribe the same way after a growing
 * wait, a bounded number of times in a row. Events are Avro-decoded with their schema (fetched
 * once per schema id) and delivered in order; `num_requested` keeps at most `batchSize` in flight.
 *
 * @example
 * ```ts
 * const orders = subscribe({
 *   strategy,
 *   topic: '/event/Order__e',
 *   onEvent: (event) => console.log(event.payload),
 *   onError: (error) => console.error(error.code, error.hint),
 * });
 * await orders.ready;
 * // later: orders.close(); keep orders.lastReplayId to resume with replayFrom after a restart
 * ```
 */
export function subscribe<Payload = Record<string, unknown>>(
  options: SubscribeOptions<Payload>,
): PubSubSubscription {
  if (!options?.strategy || !options.topic || typeof options.onEvent !== 'function') {
    throw new PubSubError({
      code: 'invalid_config',
      message: 'subscribe() needs strategy, topic and onEvent',
    });
  }
  return new HealingSubscriber(options);
}
