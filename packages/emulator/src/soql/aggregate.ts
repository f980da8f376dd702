import type { FieldType, QueryBase } from '@jetstreamapp/soql-parser-js';
import { asList } from '../org/schema/as-list.js';
import type { FieldPath } from './field-paths.js';
import { malformedQuery, SoqlFailure, unsupportedConstruct } from './soql-errors.js';

type Row = Record<string, unknown>;
type Resolve = (field: string) => { path: FieldPath; read: (record: Row) => unknown };

/**
 * GROUP BY with COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX: AggregateResult rows, unaliased
 * aggregates named expr0, expr1... as Salesforce names them.
 */
export function runAggregate(
  query: QueryBase,
  fields: FieldType[],
  rows: Row[],
  resolve: Resolve,
  soql: string,
): { records: Row[]; columns: Array<{ label: string; path?: FieldPath; aggregate?: boolean }> } {
  const groupBy = asList(query.groupBy).map((clause) => {
    if (!('field' in clause)) throw new SoqlFailure(unsupportedConstruct('GROUP BY a function'));
    return resolve(clause.field);
  });
  let expression = 0;
  const columns = fields.map((field) => {
    if (field.type === 'Field' || field.type === 'FieldRelationship') {
      const raw = field.type === 'Field' ? field.field : (field.rawValue ?? field.field);
      const { path, read } = resolve(raw);
      if (!groupBy.some((group) => group.path === path)) {
        throw new SoqlFailure(
          malformedQuery(soql, `Field must be grouped or aggregated: ${path.field.name}`),
        );
      }
      return {
        label: field.type === 'Field' && field.alias ? field.alias : path.field.name,
        path,
        compute: (group: Row[]) => (group[0] ? read(group[0]) : null),
      };
    }
    if (field.type !== 'FieldFunctionExpression' || !field.isAggregateFn) {
      throw new SoqlFailure(
        unsupportedConstruct(
          `The select item ${'rawValue' in field ? field.rawValue : field.type}`,
        ),
      );
    }
    const name = field.functionName.toUpperCase();
    const argument = field.parameters[0];
    const read = typeof argument === 'string' ? resolve(argument).read : undefined;
    const label = field.alias ?? `expr${expression++}`;
    return { label, aggregate: true, compute: (group: Row[]) => aggregate(name, group, read) };
  });
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = JSON.stringify(groupBy.map((group) => group.read(row)));
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  if (groupBy.length === 0 && groups.size === 0) groups.set('[]', []);
  let records: Row[] = [...groups.values()].map((group) => {
    const record: Row = { attributes: { type: 'AggregateResult' } };
    for (const column of columns) record[column.label] = column.compute(group);
    return record;
  });
  const orderBy = asList(query.orderBy);
  for (const clause of [...orderBy].reverse()) {
    const label =
      'field' in clause
        ? resolve(clause.field).path.field.name
        : columns.find((c) => c.aggregate)?.label;
    const sign = clause.order === 'DESC' ? -1 : 1;
    records = [...records].sort(
      (a, b) =>
        sign *
        String(a[label ?? ''] ?? '').localeCompare(String(b[label ?? ''] ?? ''), undefined, {
          numeric: true,
        }),
    );
  }
  records = records.slice(
    query.offset ?? 0,
    query.limit === undefined ? undefined : (query.offset ?? 0) + query.limit,
  );
  return {
    records,
    columns: columns.map(({ label, path, aggregate }) => ({
      label,
      ...(path ? { path } : {}),
      ...(aggregate ? { aggregate } : {}),
    })),
  };
}

function aggregate(
  name: string,
  group: Row[],
  read: ((record: Row) => unknown) | undefined,
): unknown {
  const values = read
    ? group.map(read).filter((value) => value !== null && value !== undefined)
    : group;
  const numbers = values.map(Number);
  switch (name) {
    case 'COUNT':
      return values.length;
    case 'COUNT_DISTINCT':
      return new Set(values.map(String)).size;
    case 'SUM':
      return numbers.length ? numbers.reduce((a, b) => a + b, 0) : null;
    case 'AVG':
      return numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : null;
    case 'MIN':
    case 'MAX': {
      if (values.length === 0) return null;
      const numeric = values.every((value) => typeof value === 'number');
      const sorted = [...values].sort((x, y) =>
        numeric ? Number(x) - Number(y) : String(x).localeCompare(String(y)),
      );
      return name === 'MIN' ? sorted[0] : sorted[sorted.length - 1];
    }
    default:
      throw new SoqlFailure(unsupportedConstruct(`The function ${name}`));
  }
}
