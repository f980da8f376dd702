import { type EmulatorRequest, type EmulatorResponse, json } from '../server/http-types.js';
import { runSoql } from '../soql/run-soql.js';
import { SoqlFailure } from '../soql/soql-errors.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { soqlSource } from './query-routes.js';

const SOSL =
  /^\s*FIND\s+\{((?:[^}\\]|\\.)*)\}\s*(?:IN\s+\w+\s+FIELDS\s*)?(?:RETURNING\s+(.+?))?\s*(?:LIMIT\s+(\d+))?\s*$/is;
const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist']);

/** Splits `Account(Id, Name), Contact` at the commas outside parentheses. */
function returningList(text: string): Array<{ object: string; fields: string; where?: string }> {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      items.push(current);
      current = '';
    } else current += char;
  }
  items.push(current);
  return items.map((item) => {
    const match = /^\s*(\w+)\s*(?:\((.*)\))?\s*$/s.exec(item);
    const inner = match?.[2] ?? 'Id';
    const [fields, where] = inner.split(/\s+WHERE\s+/i);
    return {
      object: match?.[1] ?? item.trim(),
      fields: fields!.trim() || 'Id',
      ...(where ? { where } : {}),
    };
  });
}

/**
 * `GET .../search?q=FIND {term} [IN ALL FIELDS] [RETURNING Object(fields [WHERE ...]), ...] [LIMIT n]`:
 * a case-insensitive match of the term (`*` wildcard) in any text field.
 */
export function search(
  state: EmulatorState,
  request: EmulatorRequest,
  base: string,
): EmulatorResponse {
  const sosl = request.url.searchParams.get('q') ?? '';
  const match = SOSL.exec(sosl);
  if (!match)
    return json(400, [
      {
        errorCode: 'MALFORMED_SEARCH',
        message: `No search term found. The search term must be enclosed in braces: ${sosl.slice(0, 80)}`,
      },
    ]);
  const term = match[1]!.replace(/\\(.)/g, '$1').replace(/^"|"$/g, '').trim();
  if (term.replace(/\*/g, '').length < 2) {
    return json(400, [
      { errorCode: 'INVALID_SEARCH', message: 'search term must be longer than one character' },
    ]);
  }
  const pattern = new RegExp(term.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'), 'i');
  const { schema } = state.setup;
  const { records } = state.data;
  const targets: Array<{ object: string; fields: string; where?: string }> = match[2]
    ? returningList(match[2])
    : schema
        .objects()
        .filter((object) => object.fields.some((field) => TEXT_TYPES.has(field.type)))
        .map((object) => ({ object: object.name, fields: 'Id' }));
  const searchRecords: Array<Record<string, unknown>> = [];
  try {
    for (const target of targets) {
      const object = schema.object(target.object);
      const textFields = object?.fields.filter((field) => TEXT_TYPES.has(field.type)) ?? [];
      const ids = (records.get(target.object.toLowerCase()) ?? [])
        .filter((record) =>
          textFields.some((field) => pattern.test(String(record[field.name] ?? ''))),
        )
        .map((record) => `'${String(record.Id)}'`);
      const where = [
        target.where ? `(${target.where})` : '',
        ids.length ? `Id IN (${ids.join(',')})` : 'Id = null',
      ]
        .filter(Boolean)
        .join(' AND ');
      searchRecords.push(
        ...runSoql(
          `SELECT ${target.fields} FROM ${target.object} WHERE ${where}`,
          soqlSource(state, base),
        ).records,
      );
    }
  } catch (error) {
    if (error instanceof SoqlFailure) return json(400, [error.error]);
    throw error;
  }
  const limit = match[3] ? Number(match[3]) : 2000;
  return json(200, { searchRecords: searchRecords.slice(0, limit) });
}
