import { type EmulatorResponse, json } from '../server/http-types.js';
import { parseSoql } from '../soql/run-soql.js';
import { invalidType } from '../soql/soql-errors.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { listViewObject } from './sobjects/list-view-ids.js';

/**
 * `GET .../query?explain=<soql or list view id>`: the plan Salesforce's optimizer would pick, as
 * the emulator runs every query: one TableScan over the object's records.
 */
export function explainPlan(state: EmulatorState, explain: string): EmulatorResponse {
  let objectName: string | undefined;
  if (/^00B\w{12,15}$/.test(explain)) {
    objectName = listViewObject(state, explain);
  } else {
    const query = parseSoql(explain);
    if ('errorCode' in query) return json(400, [query]);
    objectName = query.sObject;
  }
  const object = state.setup.schema.object(objectName ?? '');
  if (!object) return json(400, [invalidType(explain, objectName ?? '')]);
  const count = state.data.records.get(object.name.toLowerCase())?.length ?? 0;
  return json(200, {
    plans: [
      {
        cardinality: count,
        fields: [],
        leadingOperationType: 'TableScan',
        notes: [],
        relativeCost: count > 0 ? 1 : 0,
        sobjectCardinality: count,
        sobjectType: object.name,
      },
    ],
    sourceQuery: explain,
  });
}
