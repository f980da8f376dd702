import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { type DmlResult, deleteRecord, insertRecord, updateRecord } from '../org/dml.js';
import { isNumeric } from '../org/schema/field-types.js';
import type { ObjectSchema } from '../org/schema/org-schema.js';
import type { SoqlResult } from '../soql/run-soql.js';
import type { EmulatorState } from '../state/emulator-state.js';

type Row = Record<string, string>;

/** The outcome of one CSV row of an ingest job. */
export interface RowOutcome {
  row: Row;
  id: string | undefined;
  created: boolean;
  error: string | undefined;
}

/** Parses an upload; undefined when it is not CSV. */
export function parseCsv(
  csv: string,
  delimiter = ',',
): { columns: string[]; rows: Row[] } | undefined {
  try {
    const records = parse(csv, {
      delimiter,
      columns: true,
      skip_empty_lines: true,
      bom: true,
      relax_column_count: false,
    }) as Row[];
    const header =
      (parse(csv.split(/\r?\n/, 1)[0] ?? '', { bom: true, delimiter }) as string[][])[0] ?? [];
    return { columns: header, rows: records };
  } catch {
    return undefined;
  }
}

const DELIMITERS: Record<string, string> = {
  COMMA: ',',
  BACKQUOTE: '`',
  CARET: '^',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
};

/** The character of a Bulk 2.0 `columnDelimiter` (comma when unknown or absent). */
export function delimiterOf(name: string | undefined): string {
  return DELIMITERS[name ?? 'COMMA'] ?? ',';
}

function typed(object: ObjectSchema, row: Row, update: boolean): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(row)) {
    if (raw === '' && update) continue;
    const field = object.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (raw === '#N/A' || raw === '') values[name] = null;
    else if (field && isNumeric(field.type)) values[name] = Number(raw);
    else if (field?.type === 'boolean') values[name] = raw.toLowerCase() === 'true';
    else values[name] = raw;
  }
  return values;
}

/** Applies an insert, update, upsert or delete to each row, with Salesforce's per-row answers. */
export function applyRows(
  state: EmulatorState,
  object: ObjectSchema,
  operation: string,
  rows: Row[],
  userId: string,
  externalId = 'Id',
): RowOutcome[] {
  return rows.map((row) => {
    const idKey = Object.keys(row).find((key) => key.toLowerCase() === 'id');
    const id = idKey ? row[idKey] : undefined;
    let result: DmlResult;
    let created = false;
    if (operation === 'insert') {
      result = insertRecord(state, object.name, typed(object, row, false), userId);
      created = !result.errors;
    } else if (operation === 'update') {
      result = id
        ? updateRecord(state, id, typed(object, row, true), userId, object.name)
        : missingId();
    } else if (operation === 'delete' || operation === 'hardDelete') {
      result = id ? deleteRecord(state, id, object.name) : missingId();
    } else if (operation === 'upsert') {
      const key = Object.keys(row).find((name) => name.toLowerCase() === externalId.toLowerCase());
      const value = key ? row[key] : undefined;
      const field =
        object.fields.find((f) => f.name.toLowerCase() === externalId.toLowerCase())?.name ??
        externalId;
      const existingId = value
        ? (state.data.records.get(object.name.toLowerCase()) ?? []).find((record) =>
            field === 'Id'
              ? String(record.Id).slice(0, 15) === value.slice(0, 15)
              : String(record[field]) === value,
          )?.Id
        : undefined;
      if (typeof existingId === 'string') {
        const values = typed(object, row, true);
        delete values[key ?? ''];
        result = updateRecord(state, existingId, values, userId, object.name);
      } else {
        const values = typed(object, row, false);
        if (externalId.toLowerCase() === 'id') delete values[key ?? ''];
        result = insertRecord(state, object.name, values, userId);
        created = !result.errors;
      }
    } else {
      result = {
        errors: [
          {
            errorCode: 'INVALID_OPERATION',
            message: `operation ${operation} is not supported by the emulator`,
            fields: [],
          },
        ],
      };
    }
    const error = result.errors
      ?.map((item) => `${item.errorCode}:${item.message}:${item.fields.join(',')} --`)
      .join(' ');
    return { row, id: result.id ?? id, created, error };
  });
}

function missingId(): DmlResult {
  return {
    errors: [
      { errorCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] },
    ],
  };
}

/** Writes rows as CSV with the given header. */
export function toCsv(columns: string[], rows: unknown[][]): string {
  return stringify([columns, ...rows], { quoted: true, record_delimiter: '\n' });
}

/** Query results flattened to CSV (`Account.Name` columns), as both Bulk APIs return them. */
export function queryCsv(
  result: SoqlResult,
  offset = 0,
  limit = Number.POSITIVE_INFINITY,
): { csv: string; count: number } {
  const columns = result.columns.map((column) =>
    column.path
      ? [
          ...column.path.hops.map((hop) => hop.reference.relationshipName!),
          column.path.field.name,
        ].join('.')
      : column.label,
  );
  const records = result.records.slice(offset, offset + limit);
  const rows = records.map((record) =>
    columns.map((name) => {
      let value: unknown = record;
      for (const part of name.split('.'))
        value =
          value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : null;
      return value === null || value === undefined ? '' : String(value);
    }),
  );
  return { csv: toCsv(columns, rows), count: records.length };
}
