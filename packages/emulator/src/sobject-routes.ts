import type { EmulatorState } from './emulator-state.js';
import { type EmulatorResponse, json } from './http-types.js';
import { keyPrefix, newId } from './ids.js';
import { readField } from './soql.js';

const notFound = (message: string) => json(404, [{ errorCode: 'NOT_FOUND', message }]);

/** The records of a type, created on first use. */
export function recordsOf(state: EmulatorState, type: string): Array<Record<string, unknown>> {
  const key = type.toLowerCase();
  let list = state.setup.records.get(key);
  if (!list) {
    list = [];
    state.setup.records.set(key, list);
  }
  return list;
}

/** `/sobjects`, `/sobjects/<Type>[/describe|/<id>]` of the REST API. */
export function handleSobjects(
  state: EmulatorState,
  method: string,
  base: string,
  parts: string[],
  body: string,
): EmulatorResponse {
  const [type, idOrDescribe] = parts;
  if (!type) {
    const sobjects = [...state.setup.records.keys(), 'account', 'contact'].map((name) =>
      describeSummary(name, base),
    );
    return json(200, { encoding: 'UTF-8', maxBatchSize: 200, sobjects });
  }
  const records = recordsOf(state, type);
  if (idOrDescribe === 'describe') return json(200, describe(type, records, base));
  if (!idOrDescribe) {
    if (method === 'GET')
      return json(200, { objectDescribe: describeSummary(type, base), recentItems: [] });
    if (method !== 'POST')
      return json(405, [
        { errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed` },
      ]);
    const fields = parseBody(body);
    if (!fields)
      return json(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'Invalid JSON body' }]);
    const id = newId(keyPrefix(type));
    records.push({ ...fields, Id: id });
    return json(201, { id, success: true, errors: [] });
  }
  const index = records.findIndex(
    (record) => String(record.Id).slice(0, 15) === idOrDescribe.slice(0, 15),
  );
  if (index < 0) return notFound('The requested resource does not exist');
  const record = records[index]!;
  if (method === 'GET') {
    return json(200, {
      attributes: { type, url: `${base}/sobjects/${type}/${record.Id}` },
      ...record,
    });
  }
  if (method === 'PATCH') {
    const fields = parseBody(body);
    if (!fields)
      return json(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'Invalid JSON body' }]);
    records[index] = { ...record, ...fields, Id: record.Id };
    return json(204, null);
  }
  if (method === 'DELETE') {
    records.splice(index, 1);
    return json(204, null);
  }
  return json(405, [
    { errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed` },
  ]);
}

function parseBody(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body || '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function describeSummary(name: string, base: string) {
  const label = name.charAt(0).toUpperCase() + name.slice(1);
  return {
    name: label,
    label,
    keyPrefix: keyPrefix(name),
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    urls: { sobject: `${base}/sobjects/${label}`, describe: `${base}/sobjects/${label}/describe` },
  };
}

function describe(type: string, records: Array<Record<string, unknown>>, base: string) {
  const names = new Set(['Id', 'Name', ...records.flatMap((record) => Object.keys(record))]);
  const fields = [...names].map((name) => ({
    name,
    label: name,
    type:
      name === 'Id'
        ? 'id'
        : typeof readField(records[0] ?? {}, name) === 'number'
          ? 'double'
          : 'string',
    nillable: name !== 'Id',
    createable: name !== 'Id',
    updateable: name !== 'Id',
  }));
  return { ...describeSummary(type, base), fields, childRelationships: [], recordTypeInfos: [] };
}
