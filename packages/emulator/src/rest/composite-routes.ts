import {
  type DmlResult,
  deleteRecord,
  findRecord,
  insertRecord,
  updateRecord,
} from '../org/dml.js';
import { type EmulatorResponse, json } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { RestCall } from './rest-call.js';
import { INVALID_JSON, NOT_FOUND } from './salesforce-errors.js';
import { type UpsertResult, upsertRecord } from './sobjects/sobject-upsert.js';

const MAX_RECORDS = 200;
type Row = Record<string, unknown>;

function answer(result: DmlResult, rolledBack: boolean) {
  if (!result.errors && !rolledBack) return { id: result.id, success: true, errors: [] };
  const errors = result.errors
    ? result.errors.map(({ errorCode, message, fields }) => ({
        statusCode: errorCode,
        message,
        fields,
      }))
    : [
        {
          statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
          message:
            'Record rolled back because not all records were valid and the request was using AllOrNone header',
          fields: [],
        },
      ];
  return { ...(result.id && !rolledBack ? { id: result.id } : {}), success: false, errors };
}

/** Upserts as `run` does, each answer with `created`; several matches answer MULTIPLE_CHOICES. */
function runUpserts(
  allOrNone: boolean,
  count: number,
  operation: (index: number, apply: boolean) => UpsertResult,
) {
  const asDml = (result: UpsertResult): DmlResult =>
    result.matches
      ? {
          errors: [
            {
              errorCode: 'MULTIPLE_CHOICES',
              message: `Multiple records found: ${result.matches.join(', ')}`,
              fields: [],
            },
          ],
        }
      : result;
  const created: Array<boolean | undefined> = [];
  const answers = run(allOrNone, count, (index, apply) => {
    const result = operation(index, apply);
    created[index] = result.created;
    return asDml(result);
  });
  return answers.map((answer, index) => ({ ...answer, created: created[index] === true }));
}

/** Runs each operation dry first when allOrNone, so a failure applies nothing. */
function run(
  allOrNone: boolean,
  count: number,
  operation: (index: number, apply: boolean) => DmlResult,
) {
  if (allOrNone) {
    const dry = Array.from({ length: count }, (_, index) => operation(index, false));
    if (dry.some((result) => result.errors))
      return dry.map((result) => answer(result, !result.errors));
  }
  return Array.from({ length: count }, (_, index) => answer(operation(index, true), false));
}

const tooMany = () =>
  json(400, [
    {
      errorCode: 'EXCEEDED_ID_LIMIT',
      message: `The number of ids exceeds the limit of ${MAX_RECORDS}`,
    },
  ]);

function readMany(
  state: EmulatorState,
  base: string,
  type: string,
  ids: string[],
  fields: string[] | undefined,
): EmulatorResponse {
  const object = state.setup.schema.object(type);
  if (!object) return NOT_FOUND;
  const wanted = (fields ?? object.fields.map((field) => field.name)).map((field) =>
    field.trim().toLowerCase(),
  );
  return json(
    200,
    ids.map((id) => {
      const found = findRecord(state, id, object.name);
      if (!found) return null;
      const record: Row = {
        attributes: {
          type: object.name,
          url: `${base}/sobjects/${object.name}/${found.record.Id}`,
        },
      };
      for (const field of object.fields) {
        if (wanted.includes(field.name.toLowerCase()))
          record[field.name] = found.record[field.name] ?? null;
      }
      return record;
    }),
  );
}

/** `/composite/sobjects`: create (POST), update (PATCH), read (GET /Type?ids=), delete (DELETE ?ids=), up to 200 records. */
export function handleCompositeSobjects(call: RestCall): EmulatorResponse {
  const { state, request, base, parts, userId } = call;
  const params = request.url.searchParams;
  if (request.method === 'DELETE') {
    const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length > MAX_RECORDS) return tooMany();
    return json(
      200,
      run(params.get('allOrNone') === 'true', ids.length, (index, apply) =>
        deleteRecord(state, ids[index]!, undefined, apply),
      ),
    );
  }
  if (request.method === 'GET' || (request.method === 'POST' && parts[0])) {
    let ids = (params.get('ids') ?? '').split(',').filter(Boolean);
    let fields = params.get('fields')?.split(',');
    if (request.method === 'POST') {
      try {
        const body = JSON.parse(request.body || '{}') as { ids?: string[]; fields?: string[] };
        ids = body.ids ?? [];
        fields = body.fields;
      } catch {
        return INVALID_JSON;
      }
    }
    if (ids.length > MAX_RECORDS) return tooMany();
    return readMany(state, base, parts[0] ?? '', ids, fields);
  }
  let body: { allOrNone?: boolean; records?: Row[] };
  try {
    body = JSON.parse(request.body || '{}');
  } catch {
    return INVALID_JSON;
  }
  const records = Array.isArray(body.records) ? body.records : [];
  if (records.length > MAX_RECORDS)
    return json(400, [
      { errorCode: 'EXCEEDED_ID_LIMIT', message: `Record limit exceeded: ${MAX_RECORDS}` },
    ]);
  const typeOf = (record: Row) => (record.attributes as { type?: string } | undefined)?.type;
  const allOrNone = body.allOrNone === true;
  if (request.method === 'POST') {
    return json(
      200,
      run(allOrNone, records.length, (index, apply) => {
        const record = records[index]!;
        const type = typeOf(record);
        if (!type)
          return {
            errors: [
              {
                errorCode: 'INVALID_TYPE',
                message: 'No SObject Type defined in the attributes',
                fields: [],
              },
            ],
          };
        return insertRecord(state, type, record, userId, apply);
      }),
    );
  }
  if (request.method === 'PATCH' && parts[0] && parts[1]) {
    const [type, field] = [parts[0], parts[1]];
    return json(
      200,
      runUpserts(allOrNone, records.length, (index, apply) => {
        const record = records[index]!;
        const key = Object.keys(record).find((name) => name.toLowerCase() === field.toLowerCase());
        return upsertRecord(
          state,
          type,
          field,
          key ? record[key] : undefined,
          record,
          userId,
          apply,
        );
      }),
    );
  }
  if (request.method === 'PATCH') {
    return json(
      200,
      run(allOrNone, records.length, (index, apply) => {
        const record = records[index]!;
        const idKey = Object.keys(record).find((key) => key.toLowerCase() === 'id');
        const id =
          idKey && typeof record[idKey] === 'string' ? (record[idKey] as string) : undefined;
        if (!id)
          return {
            errors: [
              {
                errorCode: 'MISSING_ARGUMENT',
                message: 'Id not specified in an update call',
                fields: [],
              },
            ],
          };
        return updateRecord(state, id, record, userId, typeOf(record), apply);
      }),
    );
  }
  return json(405, [
    {
      errorCode: 'METHOD_NOT_ALLOWED',
      message: `HTTP Method '${request.method}' not allowed. Allowed are DELETE,GET,PATCH,POST`,
    },
  ]);
}
