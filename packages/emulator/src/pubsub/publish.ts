import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type { EmulatorState } from '../state/emulator-state.js';
import {
  callerOf,
  PUBLISH_NOT_ALLOWED,
  pubSubError,
  SCHEMA_NOT_FOUND,
  TOPIC_NOT_FOUND,
  unauthenticated,
} from './pubsub-errors.js';
import { encodeReplayId } from './replay-id.js';
import type { TopicSchemas } from './topic-schemas.js';

interface PublishRequest {
  topicName: string;
  events: Array<{ id: string; schemaId: string; payload: Buffer }>;
}

interface PublishDependencies {
  state: EmulatorState;
  schemas: TopicSchemas;
  topicExists(name: string): boolean;
  publishEvent(channel: string, payload: Record<string, unknown>): number;
}

/**
 * `Publish` (and each request of `PublishStream`): every event is decoded with the schema its
 * `schema_id` names and appended to the same event log the CometD endpoint serves, so one
 * publish reaches subscribers of both. Only platform event topics (`/event/...`) take events.
 */
export function publishHandler(deps: PublishDependencies) {
  return (metadata: grpc.Metadata, request: PublishRequest): grpc.ServiceError | object => {
    if (!callerOf(deps.state, metadata)) return unauthenticated();
    const topic = request.topicName;
    if (!deps.topicExists(topic)) {
      return pubSubError(
        grpc.status.NOT_FOUND,
        TOPIC_NOT_FOUND,
        `The topic ${topic} does not exist.`,
      );
    }
    if (!topic.startsWith('/event/')) {
      return pubSubError(
        grpc.status.PERMISSION_DENIED,
        PUBLISH_NOT_ALLOWED,
        `Publishing to ${topic} is not allowed.`,
      );
    }
    const results = request.events.map((event) => {
      const schema = deps.schemas.byId(event.schemaId);
      if (!schema) {
        return {
          error: { code: 'PUBLISH', msg: `Unknown schema ${event.schemaId} (${SCHEMA_NOT_FOUND})` },
          correlationKey: event.id,
        };
      }
      let record: Record<string, unknown>;
      try {
        record = schema.type.fromBuffer(event.payload) as Record<string, unknown>;
      } catch {
        return {
          error: { code: 'PUBLISH', msg: 'The payload does not match the schema.' },
          correlationKey: event.id,
        };
      }
      const { CreatedDate: _created, ...fields } = record;
      const payload = Object.fromEntries(
        Object.entries(fields).filter(([, value]) => value !== null),
      );
      return {
        replayId: encodeReplayId(deps.publishEvent(topic, payload)),
        correlationKey: event.id,
      };
    });
    return { results, schemaId: deps.schemas.current(topic).id, rpcId: randomUUID() };
  };
}
