import type * as grpc from '@grpc/grpc-js';
import type { AuthStrategy, SalesforceAuthError } from '@sf-jwt/core';
import type { PubSubError } from './pubsub-error.js';

/** One decoded event, as {@link subscribe} delivers it. */
export interface PubSubEvent<Payload = Record<string, unknown>> {
  topic: string;
  /** Opaque position of the event (bytes): save it to resume after it. */
  replayId: Buffer;
  /** The event's id (`EventUuid`). */
  id: string;
  /** The Avro schema the payload was decoded with. */
  schemaId: string;
  payload: Payload;
}

/** Where a subscription starts: the tip, every retained event, or after a saved replay id. */
export type ReplayFrom = 'LATEST' | 'EARLIEST' | Uint8Array;

/** Backoff of reconnects after errors other than auth (UNAVAILABLE, INTERNAL, ...). */
export interface RetryOptions {
  /**
   * Failed streams in a row before giving up with `unavailable`; a response resets the count.
   * @defaultValue 10
   */
  maxAttempts?: number;
  /**
   * The first wait; it doubles with each failure in a row.
   * @defaultValue 500
   */
  initialDelayMs?: number;
  /**
   * The longest wait.
   * @defaultValue 30000
   */
  maxDelayMs?: number;
}

/** Options of {@link subscribe}. */
export interface SubscribeOptions<Payload = Record<string, unknown>> {
  /** Where tokens come from: a `JwtBearerStrategy` shared with the app's REST traffic. */
  strategy: AuthStrategy;
  /** `/event/Name__e`, `/data/<Object>ChangeEvent` or `/data/ChangeEvents`. */
  topic: string;
  /** Called once per event, in order. A throw ends the subscription (`unknown_error`). */
  onEvent: (event: PubSubEvent<Payload>) => void;
  /**
   * Called once when the subscription gives up, with a {@link PubSubError} or the strategy's
   * `SalesforceAuthError`. It is closed by then.
   */
  onError?: (error: PubSubError | SalesforceAuthError) => void;
  /**
   * Where the first stream starts; later ones start after the last event delivered (or the last
   * position a keep-alive reported), whatever this says.
   * @defaultValue 'LATEST'
   */
  replayFrom?: ReplayFrom;
  /**
   * The gRPC target.
   * @defaultValue 'api.pubsub.salesforce.com:7443'
   */
  endpoint?: string;
  /**
   * TLS for the channel.
   * @defaultValue grpc.credentials.createSsl() (the system's roots)
   */
  credentials?: grpc.ChannelCredentials;
  /**
   * gRPC channel options (e.g. `grpc.ssl_target_name_override` for a test server).
   * @defaultValue {}
   */
  channelOptions?: grpc.ChannelOptions;
  /**
   * Events asked for per `FetchRequest` (`num_requested`, 1 to 100): more are asked for when half
   * are consumed, so at most this many are ever in flight.
   * @defaultValue 100
   */
  batchSize?: number;
  /** @defaultValue `{ maxAttempts: 10, initialDelayMs: 500, maxDelayMs: 30000 }` */
  retry?: RetryOptions;
  /**
   * Auth failures in a row (fresh tokens refused before any response) before giving up with
   * `session_rejected`; each costs at most one exchange, shared with the strategy's other users.
   * @defaultValue 3
   */
  maxAuthAttempts?: number;
}

/** A running subscription. */
export interface PubSubSubscription {
  /** Resolves at the first response (events or a keep-alive); rejects with the error given to `onError`. */
  readonly ready: Promise<void>;
  /** The replay id of the last event delivered: save it to resume from it after a restart. */
  readonly lastReplayId: Buffer | undefined;
  /** Events delivered so far. */
  readonly received: number;
  /** Streams opened again after an error (auth or other). */
  readonly reconnects: number;
  /** Stops at once: cancels the stream, clears every timer and closes the channel. */
  close(): void;
}
