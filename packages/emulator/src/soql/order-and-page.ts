import type { Query } from '@jetstreamapp/soql-parser-js';
import { asList } from '../org/schema/as-list.js';
import { SoqlFailure, unsupportedConstruct } from './soql-errors.js';

type Row = Record<string, unknown>;

/** The rows in ORDER BY order (nulls first ascending, last descending, unless NULLS says), then OFFSET and LIMIT. */
export function orderedPage(
  query: Query,
  rows: Row[],
  resolve: (field: string) => { read: (record: Row) => unknown },
): Row[] {
  return ordered(query, rows, resolve).slice(
    query.offset ?? 0,
    query.limit === undefined ? undefined : (query.offset ?? 0) + query.limit,
  );
}

function ordered(
  query: Query,
  rows: Row[],
  resolve: (field: string) => { read: (record: Row) => unknown },
): Row[] {
  const orderBy = asList(query.orderBy);
  if (orderBy.length === 0) return rows;
  const keys = orderBy.map((clause) => {
    if (!('field' in clause)) throw new SoqlFailure(unsupportedConstruct('ORDER BY a function'));
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
