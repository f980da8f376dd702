/** A parsed SOQL query of the subset the emulator supports. */
export interface SoqlQuery {
  fields: string[];
  count: boolean;
  object: string;
  conditions: Condition[];
  orderBy?: { field: string; descending: boolean };
  limit?: number;
  offset?: number;
}

interface Condition {
  field: string;
  operator: '=' | '!=' | 'LIKE' | 'IN';
  values: Array<string | number | boolean | null>;
}

const QUERY =
  /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+([\w.]+)(?:\s+(ASC|DESC))?)?(?:\s+LIMIT\s+(\d+))?(?:\s+OFFSET\s+(\d+))?\s*$/is;
const CONDITION = /^\s*([\w.]+)\s*(=|!=|LIKE|IN)\s*(.+?)\s*$/is;

/** Parses `SELECT f1, f2 FROM Obj [WHERE a = 'x' AND ...] [ORDER BY f] [LIMIT n] [OFFSET n]`. */
export function parseSoql(soql: string): SoqlQuery | { error: string } {
  const match = QUERY.exec(soql);
  if (!match) return { error: `unexpected token in query: ${soql.slice(0, 80)}` };
  const [, fieldList, object, where, orderField, direction, limit, offset] = match;
  const fields = fieldList!.split(',').map((field) => field.trim());
  const conditions: Condition[] = [];
  for (const part of where ? where.split(/\s+AND\s+/i) : []) {
    const condition = CONDITION.exec(part);
    if (!condition) return { error: `unsupported condition: ${part.slice(0, 80)}` };
    const operator = condition[2]!.toUpperCase() as Condition['operator'];
    const values =
      operator === 'IN'
        ? condition[3]!
            .replace(/^\(|\)$/g, '')
            .split(',')
            .map(parseValue)
        : [parseValue(condition[3]!)];
    conditions.push({ field: condition[1]!, operator, values });
  }
  return {
    fields,
    count: fields.length === 1 && /^count\(\)$/i.test(fields[0]!),
    object: object!,
    conditions,
    ...(orderField
      ? { orderBy: { field: orderField, descending: /desc/i.test(direction ?? '') } }
      : {}),
    ...(limit ? { limit: Number(limit) } : {}),
    ...(offset ? { offset: Number(offset) } : {}),
  };
}

function parseValue(raw: string): string | number | boolean | null {
  const value = raw.trim();
  if (/^'.*'$/s.test(value)) return value.slice(1, -1).replace(/\\'/g, "'");
  if (/^null$/i.test(value)) return null;
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return Number(value);
}

/** Reads a field case-insensitively, as SOQL does. */
export function readField(record: Record<string, unknown>, field: string): unknown {
  const key = Object.keys(record).find((name) => name.toLowerCase() === field.toLowerCase());
  return key === undefined ? null : record[key];
}

/** Runs a parsed query over records and shapes each as the REST API returns it. */
export function runSoql(
  query: SoqlQuery,
  records: Array<Record<string, unknown>>,
  recordUrl: (id: string) => string,
): Array<Record<string, unknown>> {
  let rows = records.filter((record) =>
    query.conditions.every((condition) => matches(record, condition)),
  );
  if (query.orderBy) {
    const { field, descending } = query.orderBy;
    rows = [...rows].sort((a, b) => {
      const order = String(readField(a, field) ?? '').localeCompare(
        String(readField(b, field) ?? ''),
      );
      return descending ? -order : order;
    });
  }
  rows = rows.slice(
    query.offset ?? 0,
    query.limit === undefined ? undefined : (query.offset ?? 0) + query.limit,
  );
  return rows.map((record) => {
    const shaped: Record<string, unknown> = {
      attributes: { type: query.object, url: recordUrl(String(record.Id)) },
    };
    for (const field of query.fields) {
      const key = Object.keys(record).find((name) => name.toLowerCase() === field.toLowerCase());
      shaped[key ?? field] = key === undefined ? null : record[key];
    }
    return shaped;
  });
}

function matches(record: Record<string, unknown>, condition: Condition): boolean {
  const value = readField(record, condition.field);
  switch (condition.operator) {
    case '=':
      return value === condition.values[0];
    case '!=':
      return value !== condition.values[0];
    case 'IN':
      return condition.values.includes(value as string);
    case 'LIKE': {
      const pattern = String(condition.values[0])
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/%/g, '.*')
        .replace(/_/g, '.');
      return new RegExp(`^${pattern}$`, 'i').test(String(value ?? ''));
    }
  }
}
