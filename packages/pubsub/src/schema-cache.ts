import type * as grpc from '@grpc/grpc-js';
import avro from 'avsc';
import type { PubSubClient } from './pubsub-api.js';

/** Avro types by schema id: each fetched once with `GetSchema`, concurrent asks sharing the call. */
export class SchemaCache {
  readonly #types = new Map<string, Promise<avro.Type>>();

  constructor(private readonly max = 100) {}

  typeOf(client: PubSubClient, schemaId: string, metadata: grpc.Metadata): Promise<avro.Type> {
    let type = this.#types.get(schemaId);
    if (!type) {
      type = new Promise<avro.Type>((resolve, reject) => {
        client.GetSchema({ schemaId }, metadata, (error, response) => {
          if (error || !response) reject(error ?? new Error('GetSchema answered nothing'));
          else resolve(avro.Type.forSchema(JSON.parse(response.schemaJson) as avro.Schema));
        });
      });
      type.catch(() => this.#types.delete(schemaId));
      if (this.#types.size >= this.max) this.#types.delete(this.#types.keys().next().value!);
      this.#types.set(schemaId, type);
    }
    return type;
  }
}
