import type { IncomingMessage } from 'node:http';
import type { BayeuxEngine as FayeEngine } from './bayeux-engine.js';
import type { BayeuxMessage, ExtensionCallback, ServerExtension } from './bayeux-types.js';
import type { ChannelLog, RetainedEvent } from './event-log.js';

/** The part of faye's engine that hands messages to one client's long-poll. */
type BayeuxEngine = Pick<FayeEngine, 'hasConnection' | 'deliver'>;

export const UNKNOWN_CHANNEL = "400::The channel you requested to subscribe to doesn't exist";
const PUBLISH_DENIED = '403::Publish denied';

/** Most messages waiting for one client's next /meta/connect; older ones are dropped beyond it. */
export const MAX_QUEUED_PER_CLIENT = 100_000;

const invalidReplay = (replayId: unknown) =>
  `400::The replayId {${String(replayId)}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`;

/**
 * Subscriptions, the replay extension and delivery, as a faye server extension. Every event for a
 * client goes through one queue in publication order: on a successful subscribe the retained events
 * the replay option asks for are queued at once, in the same turn as the subscription itself, so
 * a later event follows them and none is sent twice. faye's engine then hands the queue to the
 * client's long-poll (`/meta/connect`) as soon as one is open.
 */
export class EventDelivery implements ServerExtension {
  readonly #subscribers = new Map<string, Set<string>>();
  readonly #queues = new Map<string, BayeuxMessage[]>();
  readonly #replays = new Map<string, number>();

  constructor(
    private readonly engine: BayeuxEngine,
    private readonly logOf: (channel: string) => ChannelLog | undefined,
  ) {}

  incoming(
    message: BayeuxMessage,
    _request: IncomingMessage | null,
    callback: ExtensionCallback,
  ): void {
    if (message.error) {
      callback(message);
      return;
    }
    if (!message.channel.startsWith('/meta/')) {
      message.error = PUBLISH_DENIED; // clients of the Streaming API do not publish
      callback(message);
      return;
    }
    if (message.channel !== '/meta/subscribe') {
      callback(message);
      return;
    }
    const replay = (message.ext?.replay ?? {}) as Record<string, unknown>;
    for (const channel of [message.subscription ?? []].flat()) {
      const log = this.logOf(channel);
      if (!log) {
        message.error = UNKNOWN_CHANNEL;
        break;
      }
      const replayId = replay[channel] ?? -1;
      if (typeof replayId !== 'number' || !log.replayFrom(replayId)) {
        message.error = invalidReplay(replayId);
        break;
      }
      this.#replays.set(`${message.clientId}\n${channel}`, replayId);
    }
    callback(message);
  }

  outgoing(
    message: BayeuxMessage,
    _request: IncomingMessage | null,
    callback: ExtensionCallback,
  ): void {
    const clientId = message.clientId ?? '';
    for (const channel of [message.subscription ?? []].flat()) {
      const key = `${clientId}\n${channel}`;
      const replayId = this.#replays.get(key) ?? -1;
      this.#replays.delete(key);
      if (!message.successful) continue;
      if (message.channel === '/meta/subscribe') this.#subscribe(clientId, channel, replayId);
      if (message.channel === '/meta/unsubscribe') this.#subscribers.get(channel)?.delete(clientId);
    }
    if (message.channel === '/meta/handshake' && message.successful) {
      message.ext = { ...message.ext, replay: true, 'payload.format': true };
      message.supportedConnectionTypes = ['long-polling'];
    }
    callback(message);
  }

  /** Queues an event for every subscriber of its channel. */
  publish(channel: string, event: RetainedEvent): void {
    for (const clientId of this.#subscribers.get(channel) ?? []) {
      this.#enqueue(clientId, [{ channel, data: event.data }]);
    }
  }

  /** A long-poll opened: hand it what waits. */
  flush(clientId: string): void {
    const queue = this.#queues.get(clientId);
    if (!queue?.length || !this.engine.hasConnection(clientId)) return;
    this.#queues.delete(clientId);
    this.engine.deliver(clientId, queue);
  }

  /** The Bayeux client is gone (disconnect or timeout). */
  forget(clientId: string): void {
    this.#queues.delete(clientId);
    for (const clients of this.#subscribers.values()) clients.delete(clientId);
    for (const key of this.#replays.keys()) {
      if (key.startsWith(`${clientId}\n`)) this.#replays.delete(key);
    }
  }

  #subscribe(clientId: string, channel: string, replayId: number): void {
    let clients = this.#subscribers.get(channel);
    if (!clients) {
      clients = new Set();
      this.#subscribers.set(channel, clients);
    }
    clients.add(clientId);
    const replayed = this.logOf(channel)?.replayFrom(replayId) ?? [];
    this.#enqueue(
      clientId,
      replayed.map((event) => ({ channel, data: event.data })),
    );
  }

  #enqueue(clientId: string, messages: BayeuxMessage[]): void {
    if (messages.length === 0) return;
    let queue = this.#queues.get(clientId);
    if (!queue) {
      queue = [];
      this.#queues.set(clientId, queue);
    }
    for (const message of messages) queue.push(message);
    if (queue.length > MAX_QUEUED_PER_CLIENT) queue.splice(0, queue.length - MAX_QUEUED_PER_CLIENT);
    this.flush(clientId);
  }
}
