import { type FieldType, parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import type { ObjectSchema, OrgSchema } from '../schema/org-schema.js';
import { runAggregate } from './aggregate.js';
import { type FieldPath, parentOf, readPath, resolvePath } from './field-paths.js';
import {
  invalidType,
  malformedQuery,
  notSupported,
  type SoqlError,
  SoqlFailure,
} from './soql-errors.js';
import { compileWhere } from './where-clause.js';

type Row = Record<string, unknown>;

/** What a query produced: rows shaped as the REST API returns them, and how to read them flat. */
export interface SoqlResult {
  object: ObjectSchema;
  /** `SELECT COUNT() ...`: only totalSize matters. */
  countOnly: boolean;
  totalSize: number;
  records: Row[];
  /** The selected paths in order (`Name`, `Account.Name`), for CSV and column metadata. */
  columns: Array<{ label: string; path?: FieldPath; aggregate?: boolean }>;
  aggregate: boolean;
}

/** Where the data lives: the schema, the records by lower-cased object, a record URL builder. */
export interface SoqlSource {
  schema: OrgSchema;
  records: Map<string, Row[]>;
  recordUrl: (type: string, id: string) => string;
  today: () => string;
}

/** Parses a query with soql-parser-js; Salesforce's MALFORMED_QUERY when it does not parse. */
export function parseSoql(soql: string): Query | SoqlError {
  try {
    return parseQuery(soql);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]! : 'unexpected token';
    return malformedQuery(soql, `unexpected token: ${detail}`);
  }
}

/** Runs a query against the org; throws SoqlFailure with Salesforce's error. */
export function runSoql(soql: string, source: SoqlSource): SoqlResult {
  const query = parseSoql(soql);
  if ('errorCode' in query) throw new SoqlFailure(query);
  const object = source.schema.object(query.sObject ?? '');
  if (!object) throw new SoqlFailure(invalidType(soql, query.sObject ?? ''));
  const resolved = new Map<string, { path: FieldPath; read: (record: Row) => unknown }>();
  const resolve = (field: string) => {
    let entry = resolved.get(field.toLowerCase());
    if (!entry) {
      const path = resolvePath(source.schema, object, field, soql);
      entry = { path, read: (record: Row) => readPath(source.records, record, path) };
      resolved.set(field.toLowerCase(), entry);
    }
    return entry;
  };
  const predicate = compileWhere(query.where, resolve, source.today);
  let rows = (source.records.get(object.name.toLowerCase()) ?? []).filter(predicate);
  const fields = expandFields(query.fields ?? [], object);
  const isAggregate =
    fields.some(
      (field) =>
        field.type === 'FieldFunctionExpression' &&
        field.isAggregateFn &&
        field.rawValue?.toUpperCase() !== 'COUNT()',
    ) || query.groupBy !== undefined;
  if (
    fields.length === 1 &&
    fields[0]!.type === 'FieldFunctionExpression' &&
    fields[0]!.rawValue?.replace(/\s/g, '').toUpperCase() === 'COUNT()'
  ) {
    return {
      object,
      countOnly: true,
      totalSize: rows.length,
      records: [],
      columns: [],
      aggregate: false,
    };
  }
  if (isAggregate) {
    const result = runAggregate(query, fields, rows, resolve, soql);
    return {
      object,
      countOnly: false,
      totalSize: result.records.length,
      aggregate: true,
      ...result,
    };
  }
  rows = ordered(query, rows, resolve);
  rows = rows.slice(
    query.offset ?? 0,
    query.limit === undefined ? undefined : (query.offset ?? 0) + query.limit,
  );
  const columns = fields.map((field) => {
    if (field.type === 'Field') return { label: field.field, path: resolve(field.field).path };
    if (field.type === 'FieldRelationship') {
      const raw = field.rawValue ?? [...field.relationships, field.field].join('.');
      return { label: raw, path: resolve(raw).path };
    }
    throw new SoqlFailure(
      notSupported(
        field.type === 'FieldSubquery'
          ? 'A relationship subquery'
          : `The select item ${field.type}`,
      ),
    );
  });
  const records = rows.map((record) =>
    shape(
      source,
      object,
      record,
      columns.map((column) => column.path!),
    ),
  );
  return {
    object,
    countOnly: false,
    totalSize: records.length,
    records,
    columns,
    aggregate: false,
  };
}

function expandFields(fields: FieldType[], object: ObjectSchema): FieldType[] {
  return fields.flatMap((field): FieldType[] => {
    if (field.type !== 'FieldFunctionExpression' || field.functionName.toUpperCase() !== 'FIELDS')
      return [field];
    const which = String(field.parameters[0] ?? 'ALL').toUpperCase();
    return object.fields
      .filter((f) => which === 'ALL' || (which === 'CUSTOM' ? f.custom : !f.custom))
      .map((f) => ({ type: 'Field', field: f.name }));
  });
}

function ordered(
  query: Query,
  rows: Row[],
  resolve: (field: string) => { read: (record: Row) => unknown },
): Row[] {
  const orderBy =
    query.orderBy === undefined
      ? []
      : Array.isArray(query.orderBy)
        ? query.orderBy
        : [query.orderBy];
  if (orderBy.length === 0) return rows;
  const keys = orderBy.map((clause) => {
    if (!('field' in clause)) throw new SoqlFailure(notSupported('ORDER BY a function'));
    const descending = clause.order === 'DESC';
    return {
      read: resolve(clause.field).read,
      descending,
      nullsLast: clause.nulls ? clause.nulls === 'LAST' : descending,
    };
  });
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const x = key.read(a);
      const y = key.read(b);
      if (x === y) continue;
      if (x === null || x === undefined) return key.nullsLast ? 1 : -1;
      if (y === null || y === undefined) return key.nullsLast ? -1 : 1;
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
}

/** A record as the REST API returns it: attributes, then fields; parents nested under their relationship. */
function shape(source: SoqlSource, object: ObjectSchema, record: Row, paths: FieldPath[]): Row {
  const shaped: Row = {
    attributes: { type: object.name, url: source.recordUrl(object.name, String(record.Id)) },
  };
  for (const path of paths) {
    let target = shaped;
    let current: Row | undefined = record;
    let missing = false;
    for (const hop of path.hops) {
      const key = hop.reference.relationshipName!;
      if (missing || !current) {
        missing = true;
        break;
      }
      const parent = parentOf(source.records, hop.target, current[hop.reference.name]);
      if (!parent) {
        if (!(key in target)) target[key] = null;
        missing = true;
        break;
      }
      if (!target[key]) {
        target[key] = {
          attributes: {
            type: hop.target.name,
            url: source.recordUrl(hop.target.name, String(parent.Id)),
          },
        };
      }
      target = target[key] as Row;
      current = parent;
    }
    if (!missing && current) target[path.field.name] = current[path.field.name] ?? null;
  }
  return shaped;
}
