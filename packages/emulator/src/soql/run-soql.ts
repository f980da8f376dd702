import {
  type FieldType,
  parseQuery,
  type Query,
  type QueryBase,
  type Subquery,
} from '@jetstreamapp/soql-parser-js';
import type { ObjectSchema, OrgSchema } from '../org/schema/org-schema.js';
import { runAggregate } from './aggregate.js';
import { type FieldPath, parentOf, readPath, resolvePath } from './field-paths.js';
import { orderedPage } from './order-and-page.js';
import {
  invalidType,
  malformedQuery,
  type SoqlError,
  SoqlFailure,
  unsupportedConstruct,
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
  return runQuery(query, object, source.records.get(object.name.toLowerCase()) ?? [], source, soql);
}

/** Runs a parsed query (or subquery) over the given records of an object. */
function runQuery(
  query: QueryBase,
  object: ObjectSchema,
  candidates: Row[],
  source: SoqlSource,
  soql: string,
): SoqlResult {
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
  let rows = candidates.filter(predicate);
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
  rows = orderedPage(query, rows, resolve);
  const children: Array<{ label: string; run: (parent: Row) => unknown }> = [];
  const columns: SoqlResult['columns'] = [];
  for (const field of fields) {
    if (field.type === 'Field')
      columns.push({ label: field.field, path: resolve(field.field).path });
    else if (field.type === 'FieldRelationship') {
      const raw = field.rawValue ?? [...field.relationships, field.field].join('.');
      columns.push({ label: raw, path: resolve(raw).path });
    } else if (field.type === 'FieldSubquery') {
      children.push(childQuery(field.subquery, object, source, soql));
    } else {
      throw new SoqlFailure(unsupportedConstruct(`The select item ${field.type}`));
    }
  }
  const records = rows.map((record) => {
    const shaped = shape(
      source,
      object,
      record,
      columns.map((column) => column.path!),
    );
    for (const child of children) shaped[child.label] = child.run(record);
    return shaped;
  });
  return {
    object,
    countOnly: false,
    totalSize: records.length,
    records,
    columns,
    aggregate: false,
  };
}

/** A relationship subquery (`SELECT (SELECT Id FROM Contacts) FROM Account`): per parent, a nested result or null. */
function childQuery(subquery: Subquery, parent: ObjectSchema, source: SoqlSource, soql: string) {
  const relationship = source.schema
    .childRelationships(parent.name)
    .find(
      (child) => child.relationshipName?.toLowerCase() === subquery.relationshipName.toLowerCase(),
    );
  const child = relationship && source.schema.object(relationship.childSObject);
  if (!relationship || !child) {
    throw new SoqlFailure({
      errorCode: 'INVALID_TYPE',
      message: `Didn't understand relationship '${subquery.relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
    });
  }
  const all = source.records.get(child.name.toLowerCase()) ?? [];
  return {
    label: relationship.relationshipName!,
    run: (record: Row) => {
      const id = String(record.Id).slice(0, 15);
      const mine = all.filter((row) => String(row[relationship.field] ?? '').slice(0, 15) === id);
      const result = runQuery(subquery, child, mine, source, soql);
      return result.records.length === 0
        ? null
        : { totalSize: result.totalSize, done: true, records: result.records };
    },
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
