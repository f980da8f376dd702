import type { EmulatorState } from './emulator-state.js';
import { type EmulatorRequest, type EmulatorResponse, json } from './http-types.js';
import type { Session } from './sessions.js';
import { handleSobjects, recordsOf } from './sobject-routes.js';
import { parseSoql, runSoql } from './soql.js';

export const API_VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0'];

/** `/services/data[/vXX.X/...]`: versions, resources, query, sobjects, limits, tooling. */
export function handleRest(
  state: EmulatorState,
  request: EmulatorRequest,
  session: Session,
  parts: string[],
): EmulatorResponse {
  const origin = request.url.origin;
  const [versionPart, resource, ...rest] = parts;
  if (!versionPart) {
    return json(
      200,
      API_VERSIONS.map((version) => ({
        label: `v${version}`,
        url: `/services/data/v${version}`,
        version,
      })),
    );
  }
  const version = versionPart.replace(/^v/, '');
  const base = `/services/data/v${version}`;
  const { user } = session;
  switch (resource ?? '') {
    case '':
      return json(200, {
        sobjects: `${base}/sobjects`,
        query: `${base}/query`,
        limits: `${base}/limits`,
        tooling: `${base}/tooling`,
        identity: `${origin}/id/${user.orgId}/${user.userId}`,
      });
    case 'query':
    case 'queryAll':
      return rest[0]
        ? queryMore(state, base, rest[0])
        : query(state, base, request.url.searchParams.get('q') ?? '', batchSize(state, request));
    case 'tooling':
      return rest[0] === 'query'
        ? query(
            state,
            `${base}/tooling`,
            request.url.searchParams.get('q') ?? '',
            batchSize(state, request),
          )
        : json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    case 'sobjects':
      return handleSobjects(state, request.method, base, rest, request.body);
    case 'limits':
      return json(200, {
        DailyApiRequests: { Max: 15000, Remaining: 15000 - state.stats.apiRequests },
        DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
      });
    default:
      return json(404, [
        { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
      ]);
  }
}

function batchSize(state: EmulatorState, request: EmulatorRequest): number {
  const option = /batchSize=(\d+)/i.exec(request.headers['sforce-query-options'] ?? '');
  return option ? Number(option[1]) : state.setup.queryBatchSize;
}

function query(state: EmulatorState, base: string, soql: string, size: number): EmulatorResponse {
  const parsed = parseSoql(soql);
  if ('error' in parsed)
    return json(400, [{ errorCode: 'MALFORMED_QUERY', message: parsed.error }]);
  const rows = runSoql(
    parsed,
    recordsOf(state, parsed.object),
    (id) => `${base}/sobjects/${parsed.object}/${id}`,
  );
  if (parsed.count) return json(200, { totalSize: rows.length, done: true, records: [] });
  return page(state, base, rows, 0, size);
}

function queryMore(state: EmulatorState, base: string, locator: string): EmulatorResponse {
  const [cursorId, offset] = locator.split('-');
  const cursor = state.queryCursors.get(cursorId ?? '');
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
    const cursorId = existingCursor ?? `01g${state.queryCursors.size}size${size}`;
    state.queryCursors.set(cursorId, rows);
    nextRecordsUrl = `${base}/query/${cursorId}-${offset + size}`;
  }
  return json(200, {
    totalSize: rows.length,
    done,
    ...(nextRecordsUrl ? { nextRecordsUrl } : {}),
    records,
  });
}
