import * as grpc from '@grpc/grpc-js';

/** The stable codes of {@link PubSubError}. */
export type PubSubErrorCode =
  | 'session_rejected'
  | 'replay_id_corrupted'
  | 'topic_not_found'
  | 'permission_denied'
  | 'unavailable'
  | 'invalid_config'
  | 'unknown_error';

const HINTS: Record<PubSubErrorCode, string> = {
  session_rejected:
    'Fresh sessions are refused by the Pub/Sub API: check the user has "API Enabled", access to the topic, and that the org id (tenantid) and instance URL are the token\'s.',
  replay_id_corrupted:
    'The replay id is outside the retention window (72 hours) or not one of this topic\'s: subscribe again with replay "EARLIEST" or "LATEST", accepting the gap.',
  topic_not_found:
    'Check the topic name: /event/<Name>__e, /data/<Object>ChangeEvent or /data/ChangeEvents.',
  permission_denied:
    'The user may not subscribe to (or publish on) this topic: check its permissions.',
  unavailable:
    "The Pub/Sub API stayed unreachable through every retry: check the network path to the endpoint (port 7443, TLS) and Salesforce's status page; the subscription can be started again from lastReplayId.",
  invalid_config: 'Check the options given to subscribe().',
  unknown_error: "See the cause (the gRPC status and Salesforce's error-code trailer).",
};

/** Options of {@link PubSubError}. */
export interface PubSubErrorOptions {
  code: PubSubErrorCode;
  message: string;
  /** The gRPC status code, when the error came from a call. */
  grpcCode?: grpc.status;
  /** Salesforce's `error-code` trailer, e.g. `sfdc.platform.eventbus.grpc.service.auth.error`. */
  errorCode?: string;
  cause?: unknown;
}

/**
 * The error a Pub/Sub subscription gives up with: a stable `code` to branch on, the gRPC status
 * and Salesforce's `error-code` trailer when there was one, a `hint`, and the original as `cause`.
 * Its message never carries a token.
 *
 * @example
 * ```ts
 * subscribe({ strategy, topic: '/event/Order__e', onEvent, onError: (error) => {
 *   if (error.code === 'replay_id_corrupted') console.warn(error.hint);
 * } });
 * ```
 */
export class PubSubError extends Error {
  override readonly name = 'PubSubError';
  readonly code: PubSubErrorCode;
  readonly hint: string;
  readonly grpcCode: grpc.status | undefined;
  readonly errorCode: string | undefined;

  constructor(options: PubSubErrorOptions) {
    const hint = HINTS[options.code];
    super(
      `${options.message}. ${hint}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = options.code;
    this.hint = hint;
    this.grpcCode = options.grpcCode;
    this.errorCode = options.errorCode;
  }
}

/** Salesforce's `error-code` trailer of a failed call. */
export function errorCodeOf(error: Partial<grpc.ServiceError>): string | undefined {
  const [value] = error.metadata?.get('error-code') ?? [];
  return typeof value === 'string' ? value : undefined;
}

/** What a subscription does about a failed stream. */
export type Verdict = 'auth' | 'retry' | PubSubError;

/** Auth errors heal with a new token, transient ones retry with backoff, the rest end it. */
export function verdictOf(error: Partial<grpc.ServiceError>, topic: string): Verdict {
  const errorCode = errorCodeOf(error);
  if (error.code === grpc.status.UNAUTHENTICATED || errorCode?.endsWith('.auth.error'))
    return 'auth';
  const fail = (code: PubSubErrorCode) =>
    new PubSubError({
      code,
      message: `The Pub/Sub API refused the subscription to ${topic} (${grpc.status[error.code ?? 2]}${errorCode ? `, ${errorCode}` : ''})`,
      grpcCode: error.code,
      errorCode,
      cause: error,
    });
  if (errorCode?.includes('replayid')) return fail('replay_id_corrupted');
  if (error.code === grpc.status.NOT_FOUND) return fail('topic_not_found');
  if (error.code === grpc.status.PERMISSION_DENIED) return fail('permission_denied');
  if (error.code === grpc.status.INVALID_ARGUMENT || error.code === grpc.status.UNIMPLEMENTED)
    return fail('unknown_error');
  return 'retry';
}
