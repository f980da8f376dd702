/// <reference path="./faye.d.ts" />
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import faye from 'faye';
import type { EmulatorState } from '../emulator-state.js';
import type { BayeuxMessage, ExtensionCallback, NodeAdapterConstructor } from './bayeux-types.js';
import { type BayeuxEngine, EventDelivery } from './event-delivery.js';
import { ChannelLog } from './event-log.js';
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
}

/** The CometD endpoint as the HTTP server mounts it. */
export interface StreamingEndpoint {
  handles(request: IncomingMessage): boolean;
  handle(request: IncomingMessage, response: ServerResponse): void;
  control: StreamingControl;
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
  };
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
  const engine = (adapter as unknown as { _server: { _engine: BayeuxEngine } })._server._engine;
  const delivery = new EventDelivery(engine, (channel) => logOf(channel));
  const sessionCheck = new SessionCheck(state, (message) => {
    stats.refusedMessages += 1;
    // Told not to reconnect, the client is gone: stop queueing events for it.
    if (message.channel === '/meta/connect' && message.clientId) delivery.forget(message.clientId);
  });
  adapter.addExtension(sessionCheck);
  adapter.addExtension(delivery);
  adapter.addExtension({
    outgoing(message: BayeuxMessage, _request: unknown, callback: ExtensionCallback) {
      // faye words a lost Bayeux session `401:<id>:Unknown client`; Salesforce `403::Unknown client`.
      if (/^401:[^:]*:Unknown client$/.test(message.error ?? '')) message.error = UNKNOWN_CLIENT;
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
    return event.replayId;
  }
}

function channelExists(state: EmulatorState, channel: string): boolean {
  if (channel === '/data/ChangeEvents') return true;
  if (channel.startsWith('/u/')) {
    const channels = state.setup.records.get('streamingchannel') ?? [];
    return channels.some((record) => record.Name === channel);
  }
  const topic = /^\/topic\/(.+)$/.exec(channel)?.[1];
  const pushTopics = state.setup.records.get('pushtopic') ?? [];
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
