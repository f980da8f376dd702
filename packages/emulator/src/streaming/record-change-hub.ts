type Row = Record<string, unknown>;

/** One applied DML change, as PushTopics see it. */
export interface RecordChange {
  type: 'created' | 'updated' | 'deleted' | 'undeleted';
  object: string;
  record: Row;
}

/**
 * Who hears about applied DML (PushTopics) and who publishes Streaming events (the HTTP server's
 * CometD endpoint sets it; the msw transport has none).
 */
export class RecordChangeHub {
  readonly #listeners = new Set<(change: RecordChange) => void>();
  publisher: ((channel: string, payload: Row) => number) | undefined;

  listen(listener: (change: RecordChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(change: RecordChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}
