import { newId } from '../org/salesforce-ids.js';
import { soqlSource } from '../rest/query-routes.js';
import type { RestCall } from '../rest/rest-call.js';
import { INVALID_JSON, NOT_FOUND } from '../rest/salesforce-errors.js';
import { type EmulatorResponse, json, text } from '../server/http-types.js';
import { runSoql } from '../soql/run-soql.js';
import { SoqlFailure } from '../soql/soql-errors.js';
import { applyRows, delimiterOf, parseCsv, queryCsv, toCsv } from './bulk-ingest.js';
import { type BulkJob, counts, jobHeader, NO_PROCESSING_TIME } from './bulk-jobs.js';

const csv = (body: string, headers: Record<string, string> = {}): EmulatorResponse => ({
  ...text(200, body, 'text/csv'),
  headers: { 'content-type': 'text/csv', ...headers },
});

function info(job: BulkJob, base: string) {
  const { processed, failed } = counts(job);
  return {
    ...jobHeader(job),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    ...(job.kind === 'ingest'
      ? {
          contentUrl: `${base.replace(/^\//, '')}/jobs/ingest/${job.id}/batches`,
          lineEnding: 'LF',
          columnDelimiter: job.columnDelimiter ?? 'COMMA',
        }
      : { lineEnding: 'LF', columnDelimiter: job.columnDelimiter ?? 'COMMA' }),
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    jobType: job.kind === 'query' ? 'V2Query' : 'V2Ingest',
    numberRecordsProcessed: processed,
    numberRecordsFailed: failed,
    retries: 0,
    ...NO_PROCESSING_TIME,
  };
}

/** Bulk API 2.0 (`/jobs/ingest`, `/jobs/query`): uploads really insert, update, upsert and delete. */
export function handleBulk2(call: RestCall): EmulatorResponse {
  const { state, request, base, parts, userId } = call;
  const [kind, jobId, sub] = parts;
  if (kind !== 'ingest' && kind !== 'query') return NOT_FOUND;
  const table = state.data.bulkJobs;
  const version = base.replace(/.*\/v/, '');
  if (!jobId && request.method === 'GET') {
    const records = [...table.values()]
      .filter((job) => job.api === 2 && job.kind === kind)
      .map((job) => info(job, base));
    return json(200, { done: true, records, nextRecordsUrl: null });
  }
  if (!jobId && request.method === 'POST') {
    let spec: {
      object?: string;
      operation?: string;
      query?: string;
      externalIdFieldName?: string;
      columnDelimiter?: string;
    };
    try {
      spec = JSON.parse(request.body || '{}');
    } catch {
      return INVALID_JSON;
    }
    let object = spec.object ?? '';
    let processed = 0;
    if (kind === 'query') {
      try {
        const result = runSoql(spec.query ?? '', soqlSource(state, base));
        object = result.object.name;
        processed = result.totalSize;
      } catch (error) {
        if (error instanceof SoqlFailure) return json(400, [error.error]);
        throw error;
      }
    } else if (!state.setup.schema.object(object)) {
      return json(400, [
        { errorCode: 'INVALIDJOB', message: `InvalidJob : Unable to find object: ${object}` },
      ]);
    }
    const job: BulkJob = {
      id: newId('750'),
      api: 2,
      kind,
      object: state.setup.schema.object(object)?.name ?? object,
      operation: spec.operation ?? (kind === 'query' ? 'query' : 'insert'),
      ...(spec.externalIdFieldName ? { externalIdFieldName: spec.externalIdFieldName } : {}),
      ...(spec.columnDelimiter ? { columnDelimiter: spec.columnDelimiter } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      state: kind === 'query' ? 'JobComplete' : 'Open',
      createdById: userId,
      createdDate: new Date(state.now()).toISOString().replace('Z', '+0000'),
      apiVersion: version,
      csv: '',
      outcomes: Array.from({ length: processed }, () => ({
        row: {},
        id: undefined,
        created: false,
        error: undefined,
      })),
      unprocessed: [],
      columns: [],
      batches: [],
    };
    state.data.rememberJob(job);
    return json(200, info(job, base));
  }
  const job = table.get(jobId ?? '');
  if (job?.api !== 2) return NOT_FOUND;
  if (sub === 'batches' && request.method === 'PUT') {
    if (job.state !== 'Open')
      return json(400, [
        { errorCode: 'INVALIDJOBSTATE', message: `Job is not Open: ${job.state}` },
      ]);
    job.csv += job.csv && !job.csv.endsWith('\n') ? `\n${request.body}` : request.body;
    return text(201, '', 'text/plain');
  }
  if (kind === 'query' && sub === 'results') {
    const result = runSoql(job.query ?? '', soqlSource(state, base));
    const offset = Number(request.url.searchParams.get('locator') || 0);
    const max = Number(request.url.searchParams.get('maxRecords') || 50_000);
    const page = queryCsv(result, offset, max);
    const next = offset + page.count < result.records.length ? String(offset + page.count) : 'null';
    return csv(page.csv, { 'sforce-locator': next, 'sforce-numberofrecords': String(page.count) });
  }
  if (sub === 'successfulResults' || sub === 'failedResults' || sub === 'unprocessedrecords') {
    if (sub === 'unprocessedrecords')
      return csv(
        toCsv(
          job.columns,
          job.unprocessed.map((row) => job.columns.map((c) => row[c] ?? '')),
        ),
      );
    const failed = sub === 'failedResults';
    const rows = job.outcomes.filter((outcome) => Boolean(outcome.error) === failed);
    const header = failed
      ? ['sf__Id', 'sf__Error', ...job.columns]
      : ['sf__Id', 'sf__Created', ...job.columns];
    return csv(
      toCsv(
        header,
        rows.map((outcome) => [
          outcome.id ?? '',
          failed ? outcome.error : String(outcome.created),
          ...job.columns.map((c) => outcome.row[c] ?? ''),
        ]),
      ),
    );
  }
  if (sub) return NOT_FOUND;
  if (request.method === 'PATCH') {
    const { state: next } = JSON.parse(request.body || '{}') as { state?: string };
    if (next === 'UploadComplete' && job.state === 'Open') {
      const upload = parseCsv(job.csv, delimiterOf(job.columnDelimiter));
      if (!upload) {
        job.state = 'Failed';
      } else {
        job.columns = upload.columns;
        const object = state.setup.schema.object(job.object)!;
        job.outcomes = applyRows(
          state,
          object,
          job.operation,
          upload.rows,
          userId,
          job.externalIdFieldName,
        );
        job.state = 'JobComplete';
      }
    } else if (next === 'Aborted') {
      const upload = parseCsv(job.csv, delimiterOf(job.columnDelimiter));
      job.columns = upload?.columns ?? [];
      job.unprocessed = upload?.rows ?? [];
      job.state = 'Aborted';
    } else if (next) {
      return json(400, [
        {
          errorCode: 'INVALIDJOBSTATE',
          message: `Cannot move the job from ${job.state} to ${next}`,
        },
      ]);
    }
  }
  if (request.method === 'DELETE') {
    table.delete(job.id);
    return json(204, null);
  }
  return json(200, info(job, base));
}
