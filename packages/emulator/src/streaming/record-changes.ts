import type { ObjectSchema } from '../org/schema/org-schema.js';
import { type EmulatorResponse, json } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

/**
 * `GET /sobjects/<Type>/updated?start=&end=` and `/deleted?start=&end=`: the ids changed in the
 * window (from LastModifiedDate) and the records in the recycle bin deleted in it.
 */
export function recordChanges(
  state: EmulatorState,
  object: ObjectSchema,
  kind: 'updated' | 'deleted',
  params: URLSearchParams,
): EmulatorResponse {
  const start = Date.parse(params.get('start') ?? '');
  const end = Date.parse(params.get('end') ?? '');
  if (Number.isNaN(start) || Number.isNaN(end)) {
    return json(400, [
      { errorCode: 'MALFORMED_QUERY', message: 'start and end are required date-times' },
    ]);
  }
  const inWindow = (at: number) => at >= start && at <= end;
  const latest = iso(Math.min(end, state.now()));
  if (kind === 'updated') {
    const ids = (state.data.records.get(object.name.toLowerCase()) ?? [])
      .filter((row) =>
        inWindow(Date.parse(String(row.LastModifiedDate ?? '').replace('+0000', 'Z'))),
      )
      .map((row) => String(row.Id));
    return json(200, { ids, latestDateCovered: latest });
  }
  const deleted = state.data.recycleBin
    .of(object.name.toLowerCase())
    .filter((entry) => inWindow(entry.deletedAt));
  return json(200, {
    deletedRecords: deleted.map((entry) => ({
      deletedDate: iso(entry.deletedAt),
      id: String(entry.record.Id),
    })),
    earliestDateAvailable: iso(deleted[0]?.deletedAt ?? start),
    latestDateCovered: latest,
  });
}
