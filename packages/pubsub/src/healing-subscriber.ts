import * as grpc from '@grpc/grpc-js';
import { type AuthStrategy, SalesforceAuthError, type SalesforceToken } from '@sf-jwt/core';
import {
  authMetadata,
  createPubSubClient,
  type FetchResponse,
  type PubSubClient,
} from './pubsub-api.js';
import { errorCodeOf, PubSubError, verdictOf } from './pubsub-error.js';
import { SchemaCache } from './schema-cache.js';
import type { PubSubSubscription, SubscribeOptions } from './subscribe-options.js';

const MAX_BATCH = 100;

/** The running subscription behind {@link subscribe}. */
export class HealingSubscriber<Payload> implements PubSubSubscription {
  readonly ready: Promise<void>;
  lastReplayId: Buffer | undefined;
  received = 0;
  reconnects = 0;
  #position: Buffer | undefined; // where the next stream resumes (CUSTOM), once known
  #token: SalesforceToken | undefined;
  #client: PubSubClient;
  #stream: grpc.ClientDuplexStream<object, FetchResponse> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #chain: Promise<void> = Promise.resolve();
  #outstanding = 0;
  #authInARow = 0;
  #retriesInARow = 0;
  #closed = false;
  #settleReady: (error?: Error) => void = () => {};
  readonly #schemas = new SchemaCache();
  readonly #batch: number;
  readonly #strategy: AuthStrategy;

  constructor(private readonly options: SubscribeOptions<Payload>) {
    this.#strategy = options.strategy;
    this.#batch = Math.min(MAX_BATCH, Math.max(1, Math.floor(options.batchSize ?? MAX_BATCH)));
    this.#client = createPubSubClient(
      options.endpoint ?? 'api.pubsub.salesforce.com:7443',
      options.credentials ?? grpc.credentials.createSsl(),
      options.channelOptions ?? {},
    );
    this.ready = new Promise<void>((resolve, reject) => {
      this.#settleReady = (error) => (error ? reject(error) : resolve());
    });
    this.ready.catch(() => {}); // reported through onError; awaiting `ready` is optional
    this.#open(() => this.#strategy.getToken());
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    const stream = this.#stream;
    this.#stream = undefined;
    stream?.cancel();
    this.#client.close();
  }

  /** Opens a stream with a token from `tokenOf`, from the known position or `replayFrom`. */
  #open(tokenOf: () => Promise<SalesforceToken>): void {
    tokenOf().then(
      (token) => {
        if (this.#closed) return;
        this.#token = token;
        const stream = this.#client.Subscribe(authMetadata(token));
        this.#stream = stream;
        this.#outstanding = this.#batch;
        const start = this.#position ?? this.options.replayFrom ?? 'LATEST';
        stream.write({
          topicName: this.options.topic,
          replayPreset: typeof start === 'string' ? start : 'CUSTOM',
          ...(typeof start === 'string' ? {} : { replayId: Buffer.from(start) }),
          numRequested: this.#batch,
        });
        stream.on('data', (response: FetchResponse) => {
          this.#chain = this.#chain
            .then(() => this.#handle(stream, response))
            .catch((error) => this.#broken(stream, error));
        });
        stream.on('error', () => {}); // every end is handled from 'status'
        stream.on('status', (status: grpc.StatusObject) => {
          this.#chain = this.#chain.then(() => this.#ended(stream, status));
        });
      },
      (error: unknown) => this.#fail(toAuthError(error)),
    );
  }

  async #handle(
    stream: grpc.ClientDuplexStream<object, FetchResponse>,
    response: FetchResponse,
  ): Promise<void> {
    if (stream !== this.#stream || this.#closed) return;
    this.#authInARow = 0;
    this.#retriesInARow = 0;
    this.#settleReady();
    const metadata = authMetadata(this.#token!);
    for (const { event, replayId } of response.events) {
      const type = await this.#schemas.typeOf(this.#client, event.schemaId, metadata);
      if (stream !== this.#stream || this.#closed) return;
      if (
        this.lastReplayId &&
        replayId.length === this.lastReplayId.length &&
        Buffer.compare(replayId, this.lastReplayId) <= 0
      )
        continue;
      this.lastReplayId = replayId;
      this.#position = replayId;
      this.received += 1;
      this.options.onEvent({
        topic: this.options.topic,
        replayId,
        id: event.id,
        schemaId: event.schemaId,
        payload: type.fromBuffer(event.payload) as Payload,
      });
    }
    // An empty response names the position only if credit was left (else events may be waiting).
    if (response.events.length === 0 && this.#outstanding > 0 && response.latestReplayId?.length) {
      this.#position = response.latestReplayId;
    }
    this.#outstanding -= response.events.length;
    if (this.#outstanding <= this.#batch / 2) {
      stream.write({
        topicName: this.options.topic,
        numRequested: this.#batch - this.#outstanding,
      });
      this.#outstanding = this.#batch;
    }
  }

  /** A schema fetch failed (as a stream would: heal or retry), or decoding or `onEvent` threw (the end). */
  async #broken(
    stream: grpc.ClientDuplexStream<object, FetchResponse>,
    error: unknown,
  ): Promise<void> {
    if (stream !== this.#stream || this.#closed) return;
    const status = error as Partial<grpc.StatusObject>;
    if (typeof status.code === 'number' && status.metadata) {
      stream.cancel();
      return this.#ended(stream, status as grpc.StatusObject);
    }
    this.#fail(
      new PubSubError({
        code: 'unknown_error',
        message: `An event of ${this.options.topic} could not be decoded or handled`,
        cause: error,
      }),
    );
  }

  async #ended(
    stream: grpc.ClientDuplexStream<object, FetchResponse>,
    status: grpc.StatusObject,
  ): Promise<void> {
    if (stream !== this.#stream || this.#closed) return;
    this.#stream = undefined;
    const verdict =
      status.code === grpc.status.OK ? 'retry' : verdictOf(status, this.options.topic);
    if (verdict instanceof PubSubError) return this.#fail(verdict);
    this.reconnects += 1;
    if (verdict === 'auth') {
      this.#authInARow += 1;
      if (this.#authInARow > (this.options.maxAuthAttempts ?? 3)) {
        return this.#fail(
          new PubSubError({
            code: 'session_rejected',
            message: `The Pub/Sub API refused ${this.#authInARow} sessions in a row for ${this.options.topic}`,
            grpcCode: status.code,
            errorCode: errorCodeOf(status),
            cause: status,
          }),
        );
      }
      const rejected = this.#token?.accessToken;
      return this.#open(() => this.#strategy.refresh(rejected));
    }
    this.#retriesInARow += 1;
    const retry = this.options.retry ?? {};
    if (this.#retriesInARow > (retry.maxAttempts ?? 10)) {
      return this.#fail(
        new PubSubError({
          code: 'unavailable',
          message: `The Pub/Sub stream for ${this.options.topic} failed ${this.#retriesInARow} times in a row (${grpc.status[status.code]})`,
          grpcCode: status.code,
          cause: status,
        }),
      );
    }
    const initial = Math.max(1, retry.initialDelayMs ?? 500);
    const delay = Math.min(
      Math.max(initial, retry.maxDelayMs ?? 30_000),
      initial * 2 ** (this.#retriesInARow - 1),
    );
    this.#timer = setTimeout(() => this.#open(() => this.#strategy.getToken()), delay);
  }

  #fail(error: PubSubError | SalesforceAuthError): void {
    if (this.#closed) return;
    this.close();
    this.#settleReady(error);
    this.options.onError?.(error);
  }
}

function toAuthError(error: unknown): SalesforceAuthError {
  return SalesforceAuthError.isInstance(error)
    ? error
    : new SalesforceAuthError({ code: 'unknown_error', cause: error });
}
