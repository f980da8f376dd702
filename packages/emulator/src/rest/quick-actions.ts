import { insertRecord } from '../org/dml.js';
import { type EmulatorResponse, json } from '../server/http-types.js';
import { parseBody } from '../server/json-body.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { NOT_FOUND } from './salesforce-errors.js';

/** The one action an emulated org has: Log a Call, which creates a completed Task. */
const ACTIONS = [
  { name: 'LogACall', label: 'Log a Call', type: 'LogACall', targetSobjectType: 'Task' },
];

/**
 * `/quickActions[/<name>[/describe|/defaultValues[/<contextId>]]]`, global or under
 * `/sobjects/<Type>`; POST to an action with `{ contextId, record }` runs it.
 */
export function handleQuickActions(
  state: EmulatorState,
  request: { method: string; body: string },
  base: string,
  objectName: string | undefined,
  parts: string[],
  userId: string,
): EmulatorResponse {
  const root = objectName ? `${base}/sobjects/${objectName}/quickActions` : `${base}/quickActions`;
  const summary = (action: (typeof ACTIONS)[number]) => ({
    ...action,
    urls: {
      defaultValues: `${root}/${action.name}/defaultValues`,
      quickAction: `${root}/${action.name}`,
      describe: `${root}/${action.name}/describe`,
      defaultValuesTemplate: `${root}/${action.name}/defaultValues/{ID}`,
    },
  });
  if (!parts[0]) return json(200, ACTIONS.map(summary));
  const action = ACTIONS.find((candidate) => candidate.name === parts[0]);
  const target = action && state.setup.schema.object(action.targetSobjectType);
  if (!action || !target) return NOT_FOUND;
  const fields = target.fields.filter((field) => field.createable);
  if (parts[1] === 'describe') {
    const items = fields.map((field) => ({
      editableForNew: true,
      editableForUpdate: field.updateable,
      label: field.label,
      layoutComponents: [{ type: 'Field', value: field.name }],
      placeholder: false,
      required: field.required,
    }));
    return json(200, {
      ...summary(action),
      layout: {
        layoutRows: items.map((item) => ({ layoutItems: [item], numItems: 1 })),
        numRows: items.length,
      },
      defaultValues: null,
      targetParentField: 'WhatId',
      targetRecordTypeId: null,
    });
  }
  if (parts[1] === 'defaultValues') {
    const defaults: Record<string, unknown> = { attributes: { type: target.name } };
    for (const field of fields) defaults[field.name] = null;
    defaults.WhatId = parts[2] ?? null;
    defaults.Status = 'Completed';
    return json(200, defaults);
  }
  if (parts[1] || request.method !== 'POST') return NOT_FOUND;
  const body = parseBody(request.body) as
    | { contextId?: string; record?: Record<string, unknown> }
    | undefined;
  if (!body?.contextId)
    return json(400, [{ errorCode: 'MISSING_ARGUMENT', message: 'contextId is required' }]);
  const result = insertRecord(
    state,
    target.name,
    { Status: 'Completed', ...body.record, WhatId: body.contextId },
    userId,
  );
  if (result.errors) return json(400, result.errors);
  return json(200, {
    contextId: body.contextId,
    created: true,
    errors: [],
    feedItemIds: [],
    id: result.id,
    success: true,
  });
}
