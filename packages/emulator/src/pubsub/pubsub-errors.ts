import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type { NormalisedUser } from '../org/setup.js';
import type { EmulatorState } from '../state/emulator-state.js';

/** The `error-code` trailer values Salesforce's Pub/Sub API sends. */
export const AUTH_ERROR = 'sfdc.platform.eventbus.grpc.service.auth.error';
export const REPLAY_ID_CORRUPTED =
  'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted';
export const TOPIC_NOT_FOUND = 'sfdc.platform.eventbus.grpc.service.topic.not.found';
export const SCHEMA_NOT_FOUND = 'sfdc.platform.eventbus.grpc.schema.not.found';
export const PUBLISH_NOT_ALLOWED = 'sfdc.platform.eventbus.grpc.publish.not.allowed';
export const UNSUPPORTED = 'sfdc.platform.eventbus.grpc.service.unsupported';
export const UNAVAILABLE = 'sfdc.platform.eventbus.grpc.service.unavailable';

/** A gRPC error as Salesforce ends a call: status, details, and `error-code` and `rpc-id` trailers. */
export function pubSubError(
  code: grpc.status,
  errorCode: string,
  details: string,
): grpc.ServiceError {
  const metadata = new grpc.Metadata();
  metadata.set('error-code', errorCode);
  metadata.set('rpc-id', randomUUID());
  return Object.assign(new Error(details), { code, details, metadata });
}

export const unauthenticated = () =>
  pubSubError(
    grpc.status.UNAUTHENTICATED,
    AUTH_ERROR,
    'An error occurred while trying to authenticate. Verify your authentication header values and try again.',
  );

/**
 * The caller of a call, from its `accesstoken`, `instanceurl` and `tenantid` metadata: the
 * session must be live (checking it extends it), the tenant its org id and the instance URL's
 * host the emulator's (any scheme: clients insist on `https://`).
 */
export function callerOf(
  state: EmulatorState,
  metadata: grpc.Metadata,
): NormalisedUser | undefined {
  const [token] = metadata.get('accesstoken');
  const [instanceUrl] = metadata.get('instanceurl');
  const [tenantId] = metadata.get('tenantid');
  const session = state.sessions.use(typeof token === 'string' ? token : undefined);
  if (!session || session.user.orgId !== tenantId) return undefined;
  try {
    const given = new URL(String(instanceUrl));
    return given.host === new URL(state.instanceUrl(given)).host ? session.user : undefined;
  } catch {
    return undefined;
  }
}
