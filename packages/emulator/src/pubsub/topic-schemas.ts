import { createHash } from 'node:crypto';
import avro from 'avsc';

type FieldType = 'double' | 'boolean' | 'string';

/** One Avro schema of a topic: its id (as Salesforce's, 22 URL-safe characters), JSON and type. */
export interface TopicSchema {
  id: string;
  json: string;
  type: avro.Type;
  /** The record as encoded: each field of the schema from an event's payload. */
  recordOf(payload: Record<string, unknown>, publishedAt: number): Record<string, unknown>;
}

const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BASE_FIELDS = ['CreatedDate', 'CreatedById'];

/**
 * The Avro schemas of the Pub/Sub topics, as the emulator infers them: every platform event and
 * change event has `CreatedDate` (long, epoch ms) and `CreatedById`, plus one nullable field per
 * payload field seen on the topic (numbers `double`, booleans, strings; anything else as JSON
 * text). A new field makes a new schema, with a new id, as a changed event definition does on
 * Salesforce; schemas are never forgotten, so any id a client saw can be fetched.
 */
export class TopicSchemas {
  readonly #fields = new Map<string, Map<string, FieldType>>();
  readonly #current = new Map<string, TopicSchema>();
  readonly #byId = new Map<string, TopicSchema>();

  /** Takes note of an event's fields. */
  observe(topic: string, payload: Record<string, unknown>): void {
    const fields = this.#fieldsOf(topic);
    let changed = false;
    for (const [name, value] of Object.entries(payload)) {
      if (fields.has(name) || BASE_FIELDS.includes(name) || !AVRO_NAME.test(name)) continue;
      if (value === null || value === undefined) continue;
      fields.set(
        name,
        typeof value === 'number' ? 'double' : typeof value === 'boolean' ? 'boolean' : 'string',
      );
      changed = true;
    }
    if (changed) this.#current.delete(topic);
  }

  /** The topic's current schema. */
  current(topic: string): TopicSchema {
    let schema = this.#current.get(topic);
    if (!schema) {
      schema = this.#build(topic, this.#fieldsOf(topic));
      this.#current.set(topic, schema);
    }
    return schema;
  }

  byId(id: string): TopicSchema | undefined {
    return this.#byId.get(id);
  }

  #fieldsOf(topic: string): Map<string, FieldType> {
    let fields = this.#fields.get(topic);
    if (!fields) {
      fields = new Map();
      this.#fields.set(topic, fields);
    }
    return fields;
  }

  #build(topic: string, fields: Map<string, FieldType>): TopicSchema {
    const name = topic.split('/').pop() ?? 'Event';
    const definition = {
      type: 'record',
      name,
      namespace: 'com.sforce.eventbus',
      fields: [
        { name: 'CreatedDate', type: 'long', doc: 'CreatedDate:DateTime' },
        { name: 'CreatedById', type: 'string', doc: 'CreatedBy:EntityId' },
        ...[...fields].map(([field, type]) => ({
          name: field,
          type: ['null', type],
          default: null,
        })),
      ],
    };
    const json = JSON.stringify(definition);
    const id = createHash('sha256').update(json).digest('base64url').slice(0, 22);
    const known = this.#byId.get(id);
    if (known) return known;
    const types = new Map(fields);
    const schema: TopicSchema = {
      id,
      json,
      type: avro.Type.forSchema(definition as avro.Schema),
      recordOf: (payload, publishedAt) => {
        const created = Date.parse(String(payload.CreatedDate));
        const record: Record<string, unknown> = {
          CreatedDate: Number.isFinite(created) ? created : publishedAt,
          CreatedById:
            typeof payload.CreatedById === 'string' ? payload.CreatedById : '005000000000000AAA',
        };
        for (const [field, type] of types) record[field] = coerce(payload[field], type);
        return record;
      },
    };
    this.#byId.set(id, schema);
    return schema;
  }
}

function coerce(value: unknown, type: FieldType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'double') return typeof value === 'number' ? value : null;
  if (type === 'boolean') return typeof value === 'boolean' ? value : null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
