import type { EmulatorState } from '../state/emulator-state.js';
import type { ObjectSchema } from './schema/org-schema.js';
import { checkWrite, newRecord, updatedRecord, type WriteError } from './schema/record-writes.js';

type Row = Record<string, unknown>;

/** The result of one DML operation: the record's Id, or Salesforce's errors. */
export type DmlResult = { id: string; errors?: undefined } | { id?: string; errors: WriteError[] };

/** The live records of an object (an empty list stored on first use). */
export function recordsOf(state: EmulatorState, object: ObjectSchema): Row[] {
  const key = object.name.toLowerCase();
  let list = state.data.records.get(key);
  if (!list) {
    list = [];
    state.data.records.set(key, list);
  }
  return list;
}

const sameId = (a: unknown, b: string) => String(a).slice(0, 15) === b.slice(0, 15);

/** Finds a record by Id (any object, through the Id's key prefix and then every object). */
export function findRecord(
  state: EmulatorState,
  id: string,
  type?: string,
): { object: ObjectSchema; index: number; record: Row } | undefined {
  const objects = type
    ? [state.setup.schema.object(type)].filter((o) => o !== undefined)
    : state.setup.schema.objects();
  for (const object of objects) {
    const list = state.data.records.get(object.name.toLowerCase()) ?? [];
    const index = list.findIndex((row) => sameId(row.Id, id));
    if (index >= 0) return { object, index, record: list[index]! };
  }
  return undefined;
}

const error = (errorCode: string, message: string, fields: string[] = []): WriteError => ({
  errorCode,
  message,
  fields,
});

/** Inserts a record after checking it against the schema. */
export function insertRecord(
  state: EmulatorState,
  type: string,
  input: Row,
  userId: string | null,
  apply = true,
): DmlResult {
  const object = state.setup.schema.object(type);
  if (!object)
    return { errors: [error('INVALID_TYPE', `sObject type '${type}' is not supported.`)] };
  const checked = checkWrite(object, input, 'create');
  if ('error' in checked) return { errors: [checked.error] };
  const record = newRecord(object, checked.values, state.now(), userId);
  if (apply) {
    recordsOf(state, object).push(record);
    state.changes.emit({ type: 'created', object: object.name, record });
  }
  return { id: String(record.Id) };
}

/** Updates a record by Id after checking the values against the schema. */
export function updateRecord(
  state: EmulatorState,
  id: string,
  input: Row,
  userId: string | null,
  type?: string,
  apply = true,
): DmlResult {
  const found = findRecord(state, id, type);
  if (!found) return { errors: [error('ENTITY_IS_DELETED', 'entity is deleted')] };
  const checked = checkWrite(found.object, input, 'update');
  if ('error' in checked) return { errors: [checked.error] };
  if (apply) {
    const record = updatedRecord(found.object, found.record, checked.values, state.now(), userId);
    recordsOf(state, found.object)[found.index] = record;
    state.changes.emit({ type: 'updated', object: found.object.name, record });
  }
  return { id: String(found.record.Id) };
}

/** Deletes a record by Id. */
export function deleteRecord(
  state: EmulatorState,
  id: string,
  type?: string,
  apply = true,
): DmlResult {
  const found = findRecord(state, id, type);
  if (!found) return { errors: [error('ENTITY_IS_DELETED', 'entity is deleted')] };
  if (apply) {
    recordsOf(state, found.object).splice(found.index, 1);
    state.data.recycleBin.add(found.object.name.toLowerCase(), found.record, state.now());
    state.changes.emit({ type: 'deleted', object: found.object.name, record: found.record });
  }
  return { id: String(found.record.Id) };
}
