import type { EmulatorState } from './emulator-state.js';
import { type EmulatorRequest, type EmulatorResponse, json, text } from './http-types.js';
import { newId } from './ids.js';
import { recordsOf } from './sobject-routes.js';
import { parseSoql, runSoql } from './soql.js';

interface Job {
  id: string;
  object: string;
  operation: string;
  query?: string;
  state: string;
  csv: string;
}

const jobs = new WeakMap<EmulatorState, Map<string, Job>>();
const jobsOf = (state: EmulatorState) => {
  let table = jobs.get(state);
  if (!table) {
    table = new Map();
    jobs.set(state, table);
  }
  return table;
};

/** Bulk API 2.0 (`/jobs/ingest`, `/jobs/query`), enough for jobs to be created, run and read. */
export function handleBulk2(
  state: EmulatorState,
  request: EmulatorRequest,
  base: string,
  parts: string[],
): EmulatorResponse {
  const [kind, jobId, sub] = parts;
  const table = jobsOf(state);
  if (!jobId && request.method === 'POST') {
    const spec = JSON.parse(request.body || '{}') as {
      object?: string;
      operation?: string;
      query?: string;
    };
    const object =
      spec.object ??
      (spec.query ? (parseSoql(spec.query) as { object?: string }).object : undefined) ??
      'Account';
    const job: Job = {
      id: newId('750'),
      object,
      operation: spec.operation ?? 'insert',
      state: kind === 'query' ? 'JobComplete' : 'Open',
      csv: '',
      ...(spec.query ? { query: spec.query } : {}),
    };
    table.set(job.id, job);
    return json(200, info(job, base, kind!));
  }
  const job = table.get(jobId ?? '');
  if (!job)
    return json(404, [
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
    ]);
  if (sub === 'batches' && request.method === 'PUT') {
    job.csv += request.body;
    return text(201, '', 'text/plain');
  }
  if (sub === 'results' && job.query) {
    const parsed = parseSoql(job.query);
    if ('error' in parsed)
      return json(400, [{ errorCode: 'MALFORMED_QUERY', message: parsed.error }]);
    const rows = runSoql(parsed, recordsOf(state, parsed.object), () => '');
    const header = parsed.fields.join(',');
    const lines = rows.map((row) =>
      parsed.fields
        .map((field) =>
          JSON.stringify(
            String(
              row[field] ??
                row[
                  Object.keys(row).find((key) => key.toLowerCase() === field.toLowerCase()) ?? ''
                ] ??
                '',
            ),
          ),
        )
        .join(','),
    );
    return {
      ...text(200, `${[header, ...lines].join('\n')}\n`, 'text/csv'),
      headers: {
        'content-type': 'text/csv',
        'sforce-locator': 'null',
        'sforce-numberofrecords': String(rows.length),
      },
    };
  }
  if (sub) return text(200, 'sf__Id,sf__Created\n', 'text/csv');
  if (request.method === 'PATCH') {
    const { state: next } = JSON.parse(request.body || '{}') as { state?: string };
    job.state = next === 'UploadComplete' ? 'JobComplete' : (next ?? job.state);
  }
  if (request.method === 'DELETE') {
    table.delete(job.id);
    return json(204, null);
  }
  return json(200, info(job, base, kind!));
}

function info(job: Job, base: string, kind: string) {
  const processed = job.csv ? Math.max(0, job.csv.trim().split('\n').length - 1) : 0;
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    state: job.state,
    contentType: 'CSV',
    apiVersion: Number(base.replace(/.*v/, '')),
    numberRecordsProcessed: processed,
    numberRecordsFailed: 0,
    contentUrl: `${base.replace(/^.*\/services/, 'services')}/jobs/${kind}/${job.id}/batches`,
  };
}

/** The Bulk API 1.0 answer to a stale session: HTTP 400 with InvalidSessionId. */
export const BULK1_INVALID_SESSION = text(
  400,
  '<?xml version="1.0" encoding="UTF-8"?><error xmlns="http://www.force.com/2009/06/asyncapi/dataload"><exceptionCode>InvalidSessionId</exceptionCode><exceptionMessage>Invalid session id</exceptionMessage></error>',
  'application/xml',
);

/** Bulk API 1.0 (`/services/async/<v>/job...`): jobs can be created, read and closed. */
export function handleBulk1(
  state: EmulatorState,
  request: EmulatorRequest,
  parts: string[],
): EmulatorResponse {
  const [, jobId] = parts;
  const table = jobsOf(state);
  let job = jobId ? table.get(jobId) : undefined;
  if (!jobId) {
    const object = /<object>([^<]+)<\/object>/.exec(request.body)?.[1] ?? 'Account';
    const operation = /<operation>([^<]+)<\/operation>/.exec(request.body)?.[1] ?? 'insert';
    job = { id: newId('750'), object, operation, state: 'Open', csv: '' };
    table.set(job.id, job);
  }
  if (!job)
    return text(
      400,
      '<error xmlns="http://www.force.com/2009/06/asyncapi/dataload"><exceptionCode>InvalidJob</exceptionCode><exceptionMessage>Invalid job id</exceptionMessage></error>',
      'application/xml',
    );
  const next = /<state>([^<]+)<\/state>/.exec(request.body)?.[1];
  if (next) job.state = next;
  return text(
    200,
    `<?xml version="1.0" encoding="UTF-8"?><jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload"><id>${job.id}</id><operation>${job.operation}</operation><object>${job.object}</object><state>${job.state}</state><contentType>CSV</contentType><numberBatchesTotal>0</numberBatchesTotal></jobInfo>`,
    'application/xml',
  );
}
