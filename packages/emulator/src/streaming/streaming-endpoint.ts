/// <reference path="./faye.d.ts" />
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import faye from 'faye';
import type { EmulatorState } from '../state/emulator-state.js';
import { bayeuxEngineOf } from './bayeux-engine.js';
import type { BayeuxMessage, ExtensionCallback, NodeAdapterConstructor } from './bayeux-types.js';
import { EventDelivery } from './event-delivery.js';
import { ChannelLog, type RetainedEvent } from './event-log.js';
import { SessionCheck } from './session-check.js';

/** What the Streaming endpoint counted since the emulator started. */
export interface StreamingStats {
  /** Successful `/meta/handshake`s. */
  handshakes: number;
  /** Handshakes answered `403::Handshake denied`. */
  deniedHandshakes: number;
  /** Bayeux messages refused for a missing or invalid session (handshakes included). */
  refusedMessages: number;
  eventsPublished: number;
  /** `/meta/connect`s received, answered or not. */
  connects: number;
  /** HTTP requests to `/cometd/...` received, answered or not. */
  bayeuxRequests: number;
}

/** The controls of the Streaming API (CometD) endpoint of a running emulator. */
export interface StreamingControl {
  /**
   * Publishes an event: retained for replay and delivered to every subscriber, with
   * `event.replayId` (1, 2, 3, ... per channel). The channel is created if needed.
   * @returns The event's replay id.
   */
  publishEvent(channel: string, payload?: Record<string, unknown>): number;
  /**
   * Makes a channel exist (`/event/Name__e`, `/data/AccountChangeEvent`, `/topic/Name`), so a
   * client can subscribe before the first event. `/data/ChangeEvents` and `/topic/X` for a
   * `PushTopic` record named X exist without it.
   */
  createChannel(channel: string): void;
  streamingStats(): StreamingStats;
  /**
   * Forgets every Bayeux client now, as Salesforce does with a client that did not reconnect
   * within 40 s: open long-polls end empty, and the next `/meta/connect` (or `/meta/subscribe`)
   * meets `403::Unknown client` with `advice: { reconnect: 'handshake', interval: 0 }`. With
   * `forever`, every later connect and subscribe meets it too while handshakes still succeed (a
   * client that re-handshakes at once loops), until called again without it.
   */
  forgetStreamingClients(options?: { forever?: boolean }): void;
}

/** The event log behind the endpoint, shared with the Pub/Sub API. */
export interface StreamingEvents {
  /** The channel's retained events, if the channel exists. */
  logOf(channel: string): ChannelLog | undefined;
  /** Calls the listener after each publication; returns the way to stop. */
  onPublish(listener: (channel: string, event: RetainedEvent) => void): () => void;
}

/** The CometD endpoint as the HTTP server mounts it. */
export interface StreamingEndpoint {
  handles(request: IncomingMessage): boolean;
  handle(request: IncomingMessage, response: ServerResponse): void;
  control: StreamingControl;
  events: StreamingEvents;
  /** Publishes a PushTopic event of a DML change (`created`, `updated`...) on `/topic/<Name>`. */
  publishChange(channel: string, sobject: Record<string, unknown>, type: string): number;
  close(): void;
}

const UNKNOWN_CLIENT = '403::Unknown client';
const CHANNEL = /^\/(topic|event|data|u)\/[A-Za-z][A-Za-z0-9_-]*$/;
const MINIMUM_VERSION = 37;
/** Salesforce holds a long-poll up to 110 s. */
const LONG_POLL_SECONDS = 110;

/**
 * The Streaming API at `/cometd/<version>`, on faye's Bayeux server (NodeAdapter): faye speaks
 * the protocol (handshake, connect, subscribe, long-polling, client timeouts); the emulator adds
 * Salesforce's session check, channels and the replay extension over a retained event log.
 */
export function createStreamingEndpoint(state: EmulatorState): StreamingEndpoint {
  const stats: StreamingStats = {
    handshakes: 0,
    deniedHandshakes: 0,
    refusedMessages: 0,
    eventsPublished: 0,
    connects: 0,
    bayeuxRequests: 0,
  };
  let forgetClients = false;
  const publishListeners = new Set<(channel: string, event: RetainedEvent) => void>();
  const logs = new Map<string, ChannelLog>();
  const logOf = (channel: string, create = false): ChannelLog | undefined => {
    let log = logs.get(channel);
    if (!log && (create || channelExists(state, channel))) {
      log = new ChannelLog(channel, () => state.now());
      logs.set(channel, log);
    }
    return log;
  };
  const { NodeAdapter } = faye as unknown as { NodeAdapter: NodeAdapterConstructor };
  const adapter = new NodeAdapter({ mount: '/cometd', timeout: LONG_POLL_SECONDS });
  // faye has no public way to hand a message to one client: its engine proxy does it.
  const engine = bayeuxEngineOf(adapter);
  const delivery = new EventDelivery(engine, (channel) => logOf(channel));
  const sessionCheck = new SessionCheck(state, (message) => {
    stats.refusedMessages += 1;
    // Told not to reconnect, the client is gone: stop queueing events for it.
    if (message.channel === '/meta/connect' && message.clientId) delivery.forget(message.clientId);
  });
  adapter.addExtension({
    incoming(message: BayeuxMessage, _request: unknown, callback: ExtensionCallback) {
      if (message.channel === '/meta/connect') stats.connects += 1;
      const forgettable =
        message.channel === '/meta/connect' || message.channel === '/meta/subscribe';
      if (forgetClients && forgettable && !message.error) message.error = UNKNOWN_CLIENT;
      callback(message);
    },
  });
  adapter.addExtension(sessionCheck);
  adapter.addExtension(delivery);
  adapter.addExtension({
    outgoing(message: BayeuxMessage, _request: unknown, callback: ExtensionCallback) {
      // faye words a lost Bayeux session `401:<id>:Unknown client`; Salesforce `403::Unknown client`.
      if (/^401:[^:]*:Unknown client$/.test(message.error ?? '')) message.error = UNKNOWN_CLIENT;
      if (message.error === UNKNOWN_CLIENT)
        message.advice = { reconnect: 'handshake', interval: 0 };
      if (message.channel === '/meta/handshake') {
        if (message.successful) stats.handshakes += 1;
        else stats.deniedHandshakes += 1;
      }
      callback(message);
    },
  });
  adapter.bind('connection:open', (clientId) => delivery.flush(clientId));
  adapter.bind('disconnect', (clientId) => delivery.forget(clientId));

  return {
    handles: (request) => /^\/cometd(\/|$|\?)/.test(request.url ?? ''),
    handle: (request, response) => {
      stats.bayeuxRequests += 1;
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      response.on('finish', () => {
        const caller = sessionCheck.callerOf(request);
        state.record({
          method: request.method ?? 'POST',
          path,
          status: response.statusCode,
          ...(caller ? { username: caller.username } : {}),
        });
      });
      const version = /^\/cometd\/([^/]+)\/?$/.exec(path)?.[1];
      if (!version) return badRequest(response, 'API version in the URI is mandatory');
      const number = /^\d+\.0$/.test(version) ? Number.parseFloat(version) : 0;
      if (number < MINIMUM_VERSION) return badRequest(response, 'Unsupported API version');
      adapter.handle(request, response);
    },
    control: {
      publishEvent: (channel, payload = {}) => publish(channel, payload, 'created'),
      createChannel: (channel) => {
        if (!CHANNEL.test(channel)) throw invalidChannel(channel);
        logOf(channel, true);
      },
      streamingStats: () => ({ ...stats }),
      forgetStreamingClients: (options = {}) => {
        forgetClients = options.forever ?? false;
        for (const clientId of engine.clientIds()) engine.destroyClient(clientId);
      },
    },
    events: {
      logOf: (channel) => logOf(channel),
      onPublish: (listener) => {
        publishListeners.add(listener);
        return () => publishListeners.delete(listener);
      },
    },
    publishChange: (channel, sobject, type) => publish(channel, sobject, type),
    close: () => adapter.close(),
  };

  function publish(channel: string, payload: Record<string, unknown>, type: string): number {
    if (!CHANNEL.test(channel)) throw invalidChannel(channel);
    const log = logOf(channel, true)!;
    const createdDate = new Date(state.now()).toISOString();
    const event = log.append((replayId) =>
      channel.startsWith('/topic/')
        ? { event: { type, createdDate, replayId }, sobject: payload }
        : channel.startsWith('/u/')
          ? { event: { createdDate, replayId }, payload: payload.payload }
          : {
              schema: 'sf-jwt-emulator',
              payload: { CreatedDate: createdDate, ...payload },
              event: { EventUuid: randomUUID(), replayId },
            },
    );
    stats.eventsPublished += 1;
    delivery.publish(channel, event);
    for (const listener of publishListeners) listener(channel, event);
    return event.replayId;
  }
}

function channelExists(state: EmulatorState, channel: string): boolean {
  if (channel === '/data/ChangeEvents') return true;
  if (channel.startsWith('/u/')) {
    const channels = state.data.records.get('streamingchannel') ?? [];
    return channels.some((record) => record.Name === channel);
  }
  const topic = /^\/topic\/(.+)$/.exec(channel)?.[1];
  const pushTopics = state.data.records.get('pushtopic') ?? [];
  return topic !== undefined && pushTopics.some((record) => record.Name === topic);
}

function badRequest(response: ServerResponse, message: string): void {
  const body = JSON.stringify([{ errorCode: 'INVALID_VERSION', message }]);
  response.writeHead(400, { 'content-type': 'application/json;charset=UTF-8' }).end(body);
}

function invalidChannel(channel: string): Error {
  return new TypeError(
    `[sf-jwt emulator] ${channel} is not a Streaming channel: use /event/Name__e, /data/<Object>ChangeEvent, /data/ChangeEvents or /topic/<PushTopic>`,
  );
}
