import type { ObjectSchema } from '../../org/schema/org-schema.js';
import { type EmulatorResponse, json } from '../../server/http-types.js';
import type { EmulatorState } from '../../state/emulator-state.js';
import { query } from '../query-routes.js';
import { NOT_FOUND } from '../salesforce-errors.js';
import { listViewId } from './list-view-ids.js';

function columns(object: ObjectSchema) {
  return ['Name', 'Id']
    .map((name) => object.fields.find((field) => field.name === name))
    .filter((field) => field !== undefined)
    .map((field) => ({
      ascendingLabel: 'Z-A',
      descendingLabel: 'A-Z',
      fieldNameOrPath: field.name,
      hidden: field.name === 'Id',
      label: field.label,
      selectListItem: field.name,
      sortDirection: field.name === 'Name' ? 'ascending' : null,
      sortIndex: field.name === 'Name' ? 0 : null,
      sortable: field.name !== 'Id',
      type: field.type,
    }));
}

/** `/sobjects/<Type>/listviews[/<id>/describe|results]`. */
export function handleListViews(
  state: EmulatorState,
  request: { method: string; url: URL; headers: Record<string, string>; body: string },
  base: string,
  object: ObjectSchema,
  parts: string[],
): EmulatorResponse {
  const id = listViewId(state, object);
  const url = `${base}/sobjects/${object.name}/listviews/${id}`;
  const label = `All ${object.labelPlural}`;
  const developerName = `All${object.labelPlural.replace(/\W/g, '')}`;
  const soql = `SELECT ${columns(object)
    .map((c) => c.fieldNameOrPath)
    .join(
      ', ',
    )} FROM ${object.name} ORDER BY ${object.fields.some((f) => f.name === 'Name') ? 'Name' : 'Id'} ASC NULLS FIRST, Id ASC NULLS FIRST`;
  if (!parts[0]) {
    const listview = {
      describeUrl: `${url}/describe`,
      developerName,
      id,
      label,
      resultsUrl: `${url}/results`,
      soqlCompatible: true,
      url,
    };
    return json(200, {
      done: true,
      listviews: [listview],
      nextRecordsUrl: null,
      size: 1,
      sobjectType: object.name,
    });
  }
  if (parts[0].slice(0, 15) !== id.slice(0, 15)) return NOT_FOUND;
  if (parts[1] === 'describe') {
    return json(200, {
      columns: columns(object),
      id,
      orderBy: [{ fieldNameOrPath: 'Name', nullsPosition: 'first', sortDirection: 'ascending' }],
      query: soql,
      scope: 'everything',
      sobjectType: object.name,
      whereCondition: null,
    });
  }
  if (parts[1] === 'results') {
    const queryUrl = new URL(request.url);
    queryUrl.search = new URLSearchParams({ q: soql }).toString();
    const result = query(state, { ...request, url: queryUrl }, base);
    if (result.status !== 200) return result;
    const { records } = JSON.parse(result.body) as { records: Array<Record<string, unknown>> };
    const rows = records.map((record) => ({
      columns: columns(object).map((column) => ({
        fieldNameOrPath: column.fieldNameOrPath,
        value: record[column.fieldNameOrPath] ?? null,
      })),
    }));
    return json(200, {
      columns: columns(object),
      developerName,
      done: true,
      id,
      label,
      records: rows,
      size: rows.length,
    });
  }
  return NOT_FOUND;
}
