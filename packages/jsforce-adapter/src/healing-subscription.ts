import { SalesforceAuthError } from '@sf-jwt/core';
import type { Connection } from 'jsforce';
import type { HandshakePacing } from './handshake-pacer.js';
import { healingOf } from './heal-connection.js';
import { Subscriber } from './healing-subscriber.js';

/** An event as the Streaming API delivers it: `event.replayId` plus the channel's own fields. */
export interface StreamingEvent {
  event: { replayId: number; [field: string]: unknown };
  [field: string]: unknown;
}

/** Options of {@link subscribe}. */
export interface SubscribeOptions {
  /**
   * Where the first subscribe starts: `-1` only new events, `-2` every retained event, or a replay
   * id to resume after (e.g. one saved by a previous run). Later resubscribes start after the last
   * event delivered, whatever this says; when none was delivered yet, a `-1` subscription
   * resubscribes with `-2` (CometD cannot say where the channel stood when `subscribe()` resolved),
   * so retained events may arrive then, once each and in order, and none is lost.
   * @defaultValue -1
   */
  replayFrom?: number;
  /**
   * Called once when the subscription gives up, with a `SalesforceAuthError`: the strategy's own
   * error (`user_not_approved`, `inactive_user`, ...), `session_rejected` when Salesforce refuses
   * fresh sessions for Streaming, or `unknown_error` when it refuses the subscribe itself (an
   * unknown channel, a replay id past retention). The subscription is closed by then.
   */
  onError?: (error: SalesforceAuthError) => void;
  /**
   * Refused handshakes (or subscribes) in a row before giving up; each but the last costs at most
   * one token exchange, shared with the strategy's other callers.
   * @defaultValue 3
   */
  maxAttempts?: number;
  /**
   * Backoff and per-minute bound of handshakes: `403::Unknown client` (and any other refused
   * handshake) re-handshakes after a growing wait, and no more than `maxPerMinute` handshakes
   * happen in any 60 s. Neither costs a token exchange.
   * @defaultValue `{ initialDelayMs: 500, maxDelayMs: 30000, maxPerMinute: 10 }`
   */
  pacing?: HandshakePacing;
  /**
   * The monotonic clock (ms) the per-minute bound is measured with.
   * @defaultValue performance.now
   */
  now?: () => number;
}

/** A running subscription. */
export interface HealingSubscription {
  /** Resolves once subscribed the first time; rejects with the error given to `onError` (stays pending if unsubscribed first). */
  readonly ready: Promise<void>;
  /** The replay id of the last event delivered, if any: save it to resume after a restart. */
  readonly lastReplayId: number | undefined;
  /** Refused handshakes and subscribes so far (every attempt, healed or not). */
  readonly refusals: number;
  /** Handshakes so far (the first included). */
  readonly handshakes: number;
  /**
   * Stops at once, in every state (connected, handshaking, waiting to re-handshake, refreshing):
   * clears every timer, destroys the requests in flight and sends nothing more.
   */
  unsubscribe(): void;
}

/**
 * Subscribes to a Streaming API channel (PushTopic, Platform Event, Change Data Capture) with
 * jsforce's Streaming client, and keeps the subscription alive across session expiry: on
 * `401::Authentication invalid` it takes a token from the connection's strategy (one exchange per
 * burst, shared with REST traffic), builds a new client (jsforce's caches its token), handshakes
 * again and resubscribes after the last replay id delivered, so no event is lost or delivered
 * twice. The connection must come from {@link createConnection} or {@link attach}.
 *
 * @example
 * ```ts
 * const conn = await createConnection(strategy);
 * const subscription = subscribe(conn, '/event/Order__e', (message) => handle(message.payload), {
 *   replayFrom: -2,
 *   onError: (error) => console.error(error.code, error.hint),
 * });
 * await subscription.ready;
 * // later: subscription.unsubscribe(); save subscription.lastReplayId to resume from it
 * ```
 */
export function subscribe(
  conn: Connection,
  channel: string,
  listener: (message: StreamingEvent) => void,
  options: SubscribeOptions = {},
): HealingSubscription {
  const healing = healingOf(conn);
  if (!healing) {
    throw new SalesforceAuthError({
      code: 'invalid_config',
      message: 'subscribe() was given a connection without sf-jwt healing',
      hint: 'Build the connection with createConnection(strategy) or attach(conn, strategy).',
    });
  }
  return new Subscriber(conn, healing, channel, listener, options);
}
