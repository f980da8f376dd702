import { type DmlResult, insertRecord, recordsOf, updateRecord } from '../../org/dml.js';
import { type EmulatorResponse, json } from '../../server/http-types.js';
import type { EmulatorState } from '../../state/emulator-state.js';

type Row = Record<string, unknown>;

/** An upsert's outcome: created or updated, Salesforce's errors, or the matching Ids (300). */
export type UpsertResult =
  | (DmlResult & { created?: boolean; matches?: undefined })
  | { matches: string[]; errors?: undefined; id?: undefined; created?: undefined };

/**
 * Upserts by an external id field (or `Id`): no match creates the record with the field set, one
 * match updates it, several answer MULTIPLE_CHOICES. A field that is not an external id is
 * INVALID_FIELD, as on Salesforce.
 */
export function upsertRecord(
  state: EmulatorState,
  type: string,
  fieldName: string,
  value: unknown,
  input: Row,
  userId: string,
  apply = true,
): UpsertResult {
  const object = state.setup.schema.object(type);
  const field = state.setup.schema.field(type, fieldName);
  if (!object)
    return { errors: [dmlError('INVALID_TYPE', `sObject type '${type}' is not supported.`)] };
  if (!field || (field.name !== 'Id' && !field.externalId)) {
    return {
      errors: [
        dmlError(
          'INVALID_FIELD',
          `Provided external ID field does not exist or is not accessible: ${fieldName}`,
        ),
      ],
    };
  }
  const values = { ...input };
  for (const key of Object.keys(values)) {
    if (key.toLowerCase() === field.name.toLowerCase() || key.toLowerCase() === 'id')
      delete values[key];
  }
  const wanted = String(value ?? '');
  const matches = wanted
    ? recordsOf(state, object).filter((row) =>
        field.name === 'Id'
          ? String(row.Id).slice(0, 15) === wanted.slice(0, 15)
          : String(row[field.name] ?? '') === wanted,
      )
    : [];
  if (matches.length > 1) return { matches: matches.map((row) => String(row.Id)) };
  if (matches.length === 1) {
    return {
      ...updateRecord(state, String(matches[0]!.Id), values, userId, object.name, apply),
      created: false,
    };
  }
  const created = field.name === 'Id' ? values : { ...values, [field.name]: value };
  return { ...insertRecord(state, object.name, created, userId, apply), created: true };
}

function dmlError(errorCode: string, message: string) {
  return { errorCode, message, fields: [] as string[] };
}

/** The REST answer to `PATCH /sobjects/<Type>/<Field>/<value>`: 201, 200 (204 before v46), 300. */
export function upsertAnswer(
  result: UpsertResult,
  base: string,
  type: string,
  version: number,
): EmulatorResponse {
  if (result.matches) {
    return json(
      300,
      result.matches.map((id) => `${base}/sobjects/${type}/${id}`),
    );
  }
  if (result.errors) {
    return json(
      400,
      result.errors.map(({ errorCode, message, fields }) => ({ message, errorCode, fields })),
    );
  }
  if (result.created) return json(201, { id: result.id, success: true, errors: [], created: true });
  if (version < 46) return json(204, null);
  return json(200, { id: result.id, success: true, errors: [], created: false });
}
