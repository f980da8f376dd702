import { SalesforceAuthError } from '@sf-jwt/core';
import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import { type ConnectionHealing, healingOf } from './heal-connection.js';

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
   * event delivered, whatever this says.
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
}

/** A running subscription. */
export interface HealingSubscription {
  /** Resolves once subscribed the first time; rejects with the error given to `onError` (stays pending if unsubscribed first). */
  readonly ready: Promise<void>;
  /** The replay id of the last event delivered, if any: save it to resume after a restart. */
  readonly lastReplayId: number | undefined;
  /** Refused handshakes and subscribes so far (every attempt, healed or not). */
  readonly refusals: number;
  /** Stops delivery and disconnects. */
  unsubscribe(): void;
}

// The parts of jsforce's Faye client used here (jsforce types it as faye's untyped Client).
interface FayeSubscription extends PromiseLike<unknown> {
  cancel(): void;
}
interface FayeClient {
  subscribe(channel: string, listener: (data: StreamingEvent) => void): FayeSubscription;
  disconnect(): unknown;
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

class Subscriber implements HealingSubscription {
  readonly ready: Promise<void>;
  lastReplayId: number | undefined;
  refusals = 0;
  #refusedInARow = 0;
  #client: FayeClient | undefined;
  #subscription: FayeSubscription | undefined;
  #closed = false;
  #settleReady: (error?: SalesforceAuthError) => void = () => {};
  readonly #maxAttempts: number;

  constructor(
    private readonly conn: Connection,
    private readonly healing: ConnectionHealing,
    private readonly channel: string,
    private readonly listener: (message: StreamingEvent) => void,
    private readonly options: SubscribeOptions,
  ) {
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.ready = new Promise<void>((resolve, reject) => {
      this.#settleReady = (error) => (error ? reject(error) : resolve());
    });
    this.ready.catch(() => {}); // reported through onError; awaiting `ready` is optional
    this.#connect();
  }

  unsubscribe(): void {
    this.#closed = true;
    this.#subscription?.cancel();
    this.#client?.disconnect();
    this.#client = undefined;
  }

  #connect(): void {
    if (this.#closed) return;
    const token = this.conn.accessToken ?? undefined;
    const replayFrom = this.lastReplayId ?? this.options.replayFrom ?? -1;
    const client = this.conn.streaming.createClient([
      new StreamingExtension.AuthFailure((message: { error?: string }) => {
        if (client === this.#client) this.#refused(token, message.error);
      }),
      new StreamingExtension.Replay(this.channel, replayFrom),
    ]) as unknown as FayeClient;
    this.#client = client;
    this.#subscription = client.subscribe(this.channel, (message) => this.#deliver(message));
    this.#subscription.then(
      () => {
        if (client !== this.#client) return;
        this.#refusedInARow = 0;
        this.healing.succeeded(token);
        this.#settleReady();
      },
      (error: { code?: number | null; message?: string }) => {
        if (client !== this.#client) return;
        const reason = error.code ? `${error.code}::${error.message}` : String(error.message);
        if (/^40[13]:/.test(reason)) this.#refused(token, reason);
        else this.#fail(refusedSubscribe(this.channel, reason));
      },
    );
  }

  /** Delivers each replay id once, in order, whatever a re-handshake replays. */
  #deliver(message: StreamingEvent): void {
    const replayId = message?.event?.replayId;
    if (typeof replayId === 'number') {
      if (this.lastReplayId !== undefined && replayId <= this.lastReplayId) return;
      this.lastReplayId = replayId;
    }
    this.listener(message);
  }

  /** Salesforce refused the session this client was built with: heal, within the bound. */
  #refused(rejectedToken: string | undefined, reason: string | undefined): void {
    this.#client = undefined; // the old client stays idle: AuthFailure swallowed the answer
    this.refusals += 1;
    this.#refusedInARow += 1;
    if (this.#closed) return;
    if (this.#refusedInARow >= this.#maxAttempts) {
      this.#fail(
        new SalesforceAuthError({
          code: 'session_rejected',
          message: `Salesforce refused ${this.#refusedInARow} Streaming handshakes in a row (${reason ?? 'no reason'})`,
          hint: 'The token works for OAuth but not for the Streaming API: check the user has "API Enabled" and "Streaming API" permissions, and no IP or session policy blocks it.',
        }),
      );
      return;
    }
    this.healing.refresh(rejectedToken).then(
      () => this.#connect(),
      (error: unknown) => this.#fail(toAuthError(error)),
    );
  }

  #fail(error: SalesforceAuthError): void {
    if (this.#closed) return;
    this.unsubscribe();
    this.#settleReady(error);
    this.options.onError?.(error);
  }
}

function refusedSubscribe(channel: string, reason: string): SalesforceAuthError {
  return new SalesforceAuthError({
    code: 'unknown_error',
    message: `Salesforce refused the subscription to ${channel} (${reason})`,
    hint: 'Check the channel name (/topic/<PushTopic>, /event/<Name>__e, /data/<Object>ChangeEvent) and that replayFrom is -1, -2 or an id still retained (24 h for PushTopics, 72 h for events).',
  });
}

function toAuthError(error: unknown): SalesforceAuthError {
  return SalesforceAuthError.isInstance(error)
    ? error
    : new SalesforceAuthError({ code: 'unknown_error', cause: error });
}
