import { newId } from '../org/salesforce-ids.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../server/http-types.js';
import { queryColumns } from '../soql/query-columns.js';
import { runSoql, type SoqlSource } from '../soql/run-soql.js';
import { SoqlFailure } from '../soql/soql-errors.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { explainPlan } from './query-explain.js';
import { notSupported } from './salesforce-errors.js';

/** The schema, records and URLs a query runs over. */
export function soqlSource(state: EmulatorState, base: string, all = false): SoqlSource {
  return {
    schema: state.setup.schema,
    records: all ? state.data.recycleBin.withDeleted(state.data.records) : state.data.records,
    recordUrl: (type, id) => `${base}/sobjects/${type}/${id}`,
    today: () => new Date(state.now()).toISOString().slice(0, 10),
  };
}

/** `GET .../query?q=` (and queryAll, tooling/query): pages, COUNT(), aggregates, `columns=true`. */
export function query(
  state: EmulatorState,
  request: EmulatorRequest,
  base: string,
  all = false,
): EmulatorResponse {
  const explain = request.url.searchParams.get('explain');
  if (explain !== null) return explainPlan(state, explain);
  const soql = request.url.searchParams.get('q') ?? '';
  const analytics = /\bFROM\s+(Report|Dashboard)\b/i.exec(soql)?.[1];
  if (analytics) return notSupported(`Reports and dashboards (SOQL on ${analytics})`);
  try {
    const result = runSoql(soql, soqlSource(state, base, all));
    markSeen(state, result.object.name, result.records, soql);
    if (request.url.searchParams.get('columns') === 'true') return json(200, queryColumns(result));
    if (result.countOnly)
      return json(200, { totalSize: result.totalSize, done: true, records: [] });
    return page(state, base, result.records, 0, batchSize(state, request));
  } catch (error) {
    if (error instanceof SoqlFailure) return json(400, [error.error]);
    throw error;
  }
}

/** A query `FOR VIEW` (`FOR REFERENCE`) stamps LastViewedDate (LastReferencedDate) on its rows. */
function markSeen(
  state: EmulatorState,
  object: string,
  rows: Array<Record<string, unknown>>,
  soql: string,
): void {
  const mode = /\bFOR\s+(VIEW|REFERENCE)\s*$/i.exec(soql.trim())?.[1]?.toUpperCase();
  if (!mode) return;
  const field = mode === 'VIEW' ? 'LastViewedDate' : 'LastReferencedDate';
  const at = new Date(state.now()).toISOString().replace('Z', '+0000');
  const ids = new Set(rows.map((row) => String(row.Id)));
  for (const record of state.data.records.get(object.toLowerCase()) ?? []) {
    if (ids.has(String(record.Id))) record[field] = at;
  }
}

function batchSize(state: EmulatorState, request: EmulatorRequest): number {
  const option = /batchSize=(\d+)/i.exec(request.headers['sforce-query-options'] ?? '');
  return option ? Number(option[1]) : state.setup.queryBatchSize;
}

/** `GET .../query/<locator>`: the next page of an earlier query. */
export function queryMore(state: EmulatorState, base: string, locator: string): EmulatorResponse {
  const [cursorId, offset] = locator.split('-');
  const cursor = state.data.queryCursors.get(cursorId ?? '');
  if (!cursor)
    return json(400, [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]);
  const size = Number(/size(\d+)/.exec(cursorId ?? '')?.[1] ?? state.setup.queryBatchSize);
  return page(state, base, cursor, Number(offset), size, cursorId);
}

function page(
  state: EmulatorState,
  base: string,
  rows: Array<Record<string, unknown>>,
  offset: number,
  size: number,
  existingCursor?: string,
): EmulatorResponse {
  const records = rows.slice(offset, offset + size);
  const done = offset + size >= rows.length;
  let nextRecordsUrl: string | undefined;
  if (!done) {
    const cursorId = existingCursor ?? `${newId('01g').slice(0, 15)}size${size}`;
    state.data.rememberCursor(cursorId, rows);
    nextRecordsUrl = `${base}/query/${cursorId}-${offset + size}`;
  }
  return json(200, {
    totalSize: rows.length,
    done,
    ...(nextRecordsUrl ? { nextRecordsUrl } : {}),
    records,
  });
}
