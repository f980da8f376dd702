import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { RetainedEvent } from '../streaming/event-log.js';
import type { StreamingEvents } from '../streaming/streaming-endpoint.js';
import {
  callerOf,
  pubSubError,
  REPLAY_ID_CORRUPTED,
  TOPIC_NOT_FOUND,
  UNAVAILABLE,
  unauthenticated,
} from './pubsub-errors.js';
import { decodeReplayId, encodeReplayId } from './replay-id.js';
import type { TopicSchemas } from './topic-schemas.js';

interface FetchRequest {
  topicName: string;
  replayPreset: 'LATEST' | 'EARLIEST' | 'CUSTOM';
  replayId: Buffer;
  numRequested: number;
}

/** Salesforce sends at most 100 events per FetchResponse, and counts credit up to that. */
export const MAX_EVENTS_PER_FETCH = 100;

export interface SubscribeContext {
  state: EmulatorState;
  events: StreamingEvents;
  schemas: TopicSchemas;
  keepAliveMs: number;
  /** Open streams, ended by the server's shutdown. */
  open: Set<grpc.ServerDuplexStream<unknown, unknown>>;
  /** Subscribe streams still to end with UNAVAILABLE as soon as they open (a fault). */
  failures: { remaining: number };
}

/**
 * One `Subscribe` stream: the first FetchRequest names the topic and where to start (LATEST,
 * EARLIEST, or CUSTOM after a replay id still retained, else `replayid.corrupted`); every
 * FetchRequest adds `num_requested` credit, and events go out only against credit, in order, at
 * most 100 per response. An empty response with `latest_replay_id` is the keep-alive, every
 * `keepAliveMs` (Salesforce: within 270 s). The session is checked on every FetchRequest and
 * before every response: an expired one ends the stream with UNAUTHENTICATED.
 */
export function serveSubscribe(
  context: SubscribeContext,
  call: grpc.ServerDuplexStream<FetchRequest, unknown>,
): void {
  const { state, events, schemas } = context;
  let topic: string | undefined;
  let credit = 0;
  let position = 0; // replay id of the last event queued or sent
  const queue: RetainedEvent[] = [];
  let ended = false;
  context.open.add(call as grpc.ServerDuplexStream<unknown, unknown>);
  if (context.failures.remaining > 0) {
    context.failures.remaining -= 1;
    context.open.delete(call as grpc.ServerDuplexStream<unknown, unknown>);
    call.emit(
      'error',
      pubSubError(grpc.status.UNAVAILABLE, UNAVAILABLE, 'The service is unavailable.'),
    );
    return;
  }

  const end = (error?: grpc.ServiceError) => {
    if (ended) return;
    ended = true;
    stopListening();
    clearInterval(keepAlive);
    context.open.delete(call as grpc.ServerDuplexStream<unknown, unknown>);
    if (error) call.emit('error', error);
    else call.end();
  };
  const authorised = () => {
    if (callerOf(state, call.metadata)) return true;
    end(unauthenticated());
    return false;
  };
  const send = (batch: RetainedEvent[]) => {
    if (!topic || !authorised()) return;
    const log = events.logOf(topic);
    const schema = schemas.current(topic);
    call.write({
      events: batch.map((event) => ({
        event: {
          id: String(
            (event.data.event as { EventUuid?: string } | undefined)?.EventUuid ?? randomUUID(),
          ),
          schemaId: schema.id,
          payload: schema.type.toBuffer(schema.recordOf(payloadOf(event), event.publishedAt)),
          headers: [],
        },
        replayId: encodeReplayId(event.replayId),
      })),
      latestReplayId: encodeReplayId(batch.at(-1)?.replayId ?? log?.lastReplayId ?? 0),
      rpcId: randomUUID(),
      pendingNumRequested: credit,
    });
  };
  const pump = () => {
    while (!ended && credit > 0 && queue.length > 0) {
      const batch = queue.splice(0, Math.min(credit, MAX_EVENTS_PER_FETCH));
      credit -= batch.length;
      send(batch);
    }
  };
  const stopListening = events.onPublish((channel, event) => {
    if (channel !== topic || event.replayId <= position) return;
    position = event.replayId;
    queue.push(event);
    pump();
  });
  const keepAlive = setInterval(() => {
    if (topic && queue.length === 0) send([]);
  }, context.keepAliveMs);

  call.on('data', (request: FetchRequest) => {
    if (ended || !authorised()) return;
    if (topic === undefined) {
      const log = events.logOf(request.topicName);
      if (!log || request.topicName.startsWith('/topic/')) {
        end(
          pubSubError(
            grpc.status.NOT_FOUND,
            TOPIC_NOT_FOUND,
            `The topic ${request.topicName} does not exist.`,
          ),
        );
        return;
      }
      const start =
        request.replayPreset === 'EARLIEST'
          ? -2
          : request.replayPreset === 'CUSTOM'
            ? decodeReplayId(request.replayId)
            : -1;
      const backlog = start === undefined ? undefined : log.replayFrom(start);
      if (!backlog) {
        end(
          pubSubError(
            grpc.status.INVALID_ARGUMENT,
            REPLAY_ID_CORRUPTED,
            'The Replay ID validation failed. Ensure that the Replay ID is valid and within the retention window, or use the EARLIEST or LATEST preset.',
          ),
        );
        return;
      }
      topic = request.topicName;
      queue.push(...backlog);
      position =
        backlog.at(-1)?.replayId ?? (start !== undefined && start >= 0 ? start : log.lastReplayId);
    }
    credit = Math.min(MAX_EVENTS_PER_FETCH, credit + Math.max(0, request.numRequested));
    pump();
  });
  call.on('end', () => end());
  call.on('cancelled', () => end());
  call.on('error', () => end());
}

function payloadOf(event: RetainedEvent): Record<string, unknown> {
  const payload = event.data.payload ?? event.data.sobject;
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
}
