import { deleteRecord, findRecord, insertRecord, updateRecord } from '../../org/dml.js';
import { type EmulatorResponse, json } from '../../server/http-types.js';
import { parseBody } from '../../server/json-body.js';
import { multipartEntity } from '../../server/multipart-body.js';
import type { EmulatorState } from '../../state/emulator-state.js';
import { pushToChannel } from '../../streaming/channel-push.js';
import { recordChanges } from '../../streaming/record-changes.js';
import { recentItems } from '../org-resources.js';
import { handleQuickActions } from '../quick-actions.js';
import { INVALID_JSON, NOT_FOUND } from '../salesforce-errors.js';
import { describeObject, describeSummary } from './sobject-describe.js';
import { describeSubresource } from './sobject-layouts.js';
import { handleListViews } from './sobject-listviews.js';
import { upsertAnswer, upsertRecord } from './sobject-upsert.js';

const methodNotAllowed = (method: string) =>
  json(405, [
    {
      errorCode: 'METHOD_NOT_ALLOWED',
      message: `HTTP Method '${method}' not allowed. Allowed are GET,HEAD,POST`,
    },
  ]);

/** `/sobjects`, `/sobjects/<Type>[/describe|/<id>]` of the REST API, obeying the org's schema. */
export function handleSobjects(
  state: EmulatorState,
  request: { method: string; body: string; url: URL; headers?: Record<string, string> },
  base: string,
  parts: string[],
  userId: string,
): EmulatorResponse {
  const { method, body } = request;
  const [type, idOrDescribe] = parts;
  const { schema } = state.setup;
  if (!type) {
    const sobjects = schema.objects().map((object) => describeSummary(object, base));
    return json(200, { encoding: 'UTF-8', maxBatchSize: 200, sobjects });
  }
  const object = schema.object(type);
  if (!object) return NOT_FOUND;
  if (idOrDescribe === 'describe') {
    if (parts[2]) return describeSubresource(object, parts[2], parts[3]);
    return json(200, describeObject(schema, object, base));
  }
  if (idOrDescribe === 'listviews')
    return handleListViews(state, { headers: {}, ...request }, base, object, parts.slice(2));
  if (idOrDescribe === 'quickActions')
    return handleQuickActions(state, request, base, object.name, parts.slice(2), userId);
  if ((idOrDescribe === 'updated' || idOrDescribe === 'deleted') && !parts[2])
    return recordChanges(state, object, idOrDescribe, request.url.searchParams);
  if (idOrDescribe && parts[2] !== undefined && schema.field(object.name, idOrDescribe)) {
    const value = decodeURIComponent(parts[2]);
    if (method === 'PATCH') {
      const fields = parseBody(body);
      if (!fields) return INVALID_JSON;
      const result = upsertRecord(state, object.name, idOrDescribe, value, fields, userId);
      return upsertAnswer(result, base, object.name, Number(/v(\d+)/.exec(base)?.[1] ?? 64));
    }
  }
  if (!idOrDescribe) {
    if (method === 'GET')
      return json(200, {
        objectDescribe: describeSummary(object, base),
        recentItems: recentItems(state, base, object.name),
      });
    if (method !== 'POST') return methodNotAllowed(method);
    const contentType = request.headers?.['content-type'] ?? '';
    const fields = contentType.startsWith('multipart/')
      ? multipartEntity(contentType, body)
      : parseBody(body);
    if (!fields) return INVALID_JSON;
    const result = insertRecord(state, object.name, fields, userId);
    if (result.errors)
      return json(
        400,
        result.errors.map(({ errorCode, message, fields }) => ({ message, errorCode, fields })),
      );
    return json(201, { id: result.id, success: true, errors: [] });
  }
  const found = findRecord(state, idOrDescribe, object.name);
  if (!found) return NOT_FOUND;
  if (object.name === 'StreamingChannel' && parts[2] === 'push' && method === 'POST')
    return pushToChannel(state, idOrDescribe, body);
  const blobUrl = (field: string) => `${base}/sobjects/${object.name}/${found.record.Id}/${field}`;
  if (method === 'GET' && parts[2]) {
    const blob = schema.field(object.name, parts[2]);
    if (blob?.type !== 'base64' || typeof found.record[blob.name] !== 'string') return NOT_FOUND;
    const content = String(found.record[blob.name]);
    const type = String(found.record.ContentType ?? 'application/octet-stream');
    return { status: 200, headers: { 'content-type': type }, body: content, encoding: 'base64' };
  }
  if (method === 'GET') {
    const wanted = request.url.searchParams
      .get('fields')
      ?.split(',')
      .map((field) => field.trim().toLowerCase());
    const record = Object.fromEntries(
      object.fields
        .filter((field) => !wanted || wanted.includes(field.name.toLowerCase()))
        .map((field) => [
          field.name,
          field.type === 'base64' && found.record[field.name] != null
            ? blobUrl(field.name)
            : (found.record[field.name] ?? null),
        ]),
    );
    return json(200, {
      attributes: { type: object.name, url: `${base}/sobjects/${object.name}/${found.record.Id}` },
      ...record,
    });
  }
  if (method === 'PATCH') {
    const fields = parseBody(body);
    if (!fields) return INVALID_JSON;
    const result = updateRecord(state, idOrDescribe, fields, userId, object.name);
    if (result.errors)
      return json(
        400,
        result.errors.map(({ errorCode, message, fields }) => ({ message, errorCode, fields })),
      );
    return json(204, null);
  }
  if (method === 'DELETE') {
    deleteRecord(state, idOrDescribe, object.name);
    return json(204, null);
  }
  return methodNotAllowed(method);
}
