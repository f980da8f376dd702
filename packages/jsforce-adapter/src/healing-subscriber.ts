import { SalesforceAuthError } from '@sf-jwt/core';
import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import { type FayeClient, stopFayeClient } from './faye-client.js';
import { HandshakePacer } from './handshake-pacer.js';
import type { ConnectionHealing } from './heal-connection.js';
import type {
  HealingSubscription,
  StreamingEvent,
  SubscribeOptions,
} from './healing-subscription.js';

const UNKNOWN_CLIENT = /^403::Unknown client/;

interface BayeuxReply {
  channel?: string;
  successful?: boolean;
  error?: string;
}

/** The running subscription behind {@link subscribe}. */
export class Subscriber implements HealingSubscription {
  readonly ready: Promise<void>;
  lastReplayId: number | undefined;
  refusals = 0;
  handshakes = 0;
  #refusedInARow = 0;
  #subscribed = false;
  #client: FayeClient | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #settleReady: (error?: SalesforceAuthError) => void = () => {};
  readonly #maxAttempts: number;
  readonly #pacer: HandshakePacer;

  constructor(
    private readonly conn: Connection,
    private readonly healing: ConnectionHealing,
    private readonly channel: string,
    private readonly listener: (message: StreamingEvent) => void,
    private readonly options: SubscribeOptions,
  ) {
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.#pacer = new HandshakePacer(
      options.pacing ?? {},
      options.now ?? (() => performance.now()),
    );
    this.ready = new Promise<void>((resolve, reject) => {
      this.#settleReady = (error) => (error ? reject(error) : resolve());
    });
    this.ready.catch(() => {}); // reported through onError; awaiting `ready` is optional
    this.#connect();
  }

  unsubscribe(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abandon();
  }

  /** Where a (re)subscribe starts: after the last event delivered, else see `replayFrom`. */
  #replayFrom(): number {
    if (this.lastReplayId !== undefined) return this.lastReplayId;
    const asked = this.options.replayFrom ?? -1;
    return asked === -1 && this.#subscribed ? -2 : asked;
  }

  #connect(): void {
    this.#timer = undefined;
    if (this.#closed) return;
    const token = this.conn.accessToken ?? undefined;
    this.#pacer.handshaking();
    this.handshakes += 1;
    const client = this.conn.streaming.createClient([
      new StreamingExtension.AuthFailure((message: { error?: string }) => {
        if (client === this.#client) this.#refused(token, message.error);
      }),
      {
        incoming: (message: BayeuxReply, next: (m: BayeuxReply) => void) =>
          this.#watch(client, message, next),
      },
      new StreamingExtension.Replay(this.channel, this.#replayFrom()),
    ]) as unknown as FayeClient;
    this.#client = client;
    const subscription = client.subscribe(this.channel, (message) => {
      if (client === this.#client) this.#deliver(message);
    });
    subscription.then(
      () => {
        if (client !== this.#client) return;
        this.#refusedInARow = 0;
        this.#subscribed = true;
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

  /**
   * Takes `403::Unknown client` (the Bayeux session is gone; the token is fine) and any other
   * refused handshake away from faye, whose own answer is an immediate re-handshake loop, and
   * re-handshakes with backoff instead. A successful connect resets the backoff.
   */
  #watch(client: FayeClient, message: BayeuxReply, next: (message: BayeuxReply) => void): void {
    const lostSession = UNKNOWN_CLIENT.test(message.error ?? '');
    const refusedHandshake = message.channel === '/meta/handshake' && message.successful === false;
    if (!lostSession && !refusedHandshake) {
      if (message.channel === '/meta/connect' && message.successful) this.#pacer.connected();
      next(message);
      return;
    }
    if (client !== this.#client || this.#closed) return;
    this.#abandon();
    this.#schedule(this.#pacer.delayBeforeNext(true));
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
    this.#abandon();
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
      () => this.#schedule(this.#pacer.delayBeforeNext(false)),
      (error: unknown) => this.#fail(toAuthError(error)),
    );
  }

  #schedule(delayMs: number): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#connect(), delayMs);
  }

  /** Stops the current client for good (faye would otherwise keep its timers and requests). */
  #abandon(): void {
    const client = this.#client;
    this.#client = undefined;
    if (client) stopFayeClient(client);
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
