import { XMLParser } from 'fast-xml-parser';
import { newId } from '../org/salesforce-ids.js';
import { soqlSource } from '../rest/query-routes.js';
import { type EmulatorRequest, type EmulatorResponse, text } from '../server/http-types.js';
import { toXml } from '../soap/soap-envelope.js';
import { runSoql } from '../soql/run-soql.js';
import { SoqlFailure } from '../soql/soql-errors.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { applyRows, parseCsv, queryCsv, toCsv } from './bulk-ingest.js';
import {
  type BulkBatch,
  type BulkJob,
  counts,
  jobHeader,
  NO_PROCESSING_TIME,
} from './bulk-jobs.js';

const NS = 'http://www.force.com/2009/06/asyncapi/dataload';
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false });
const xml = (status: number, name: string, body: unknown): EmulatorResponse =>
  text(
    status,
    `<?xml version="1.0" encoding="UTF-8"?>${toXml(name, body).replace(`<${name}>`, `<${name} xmlns="${NS}">`)}`,
    'application/xml',
  );

/** A Bulk 1.0 error document. */
export function bulk1Error(status: number, code: string, message: string): EmulatorResponse {
  return xml(status, 'error', { exceptionCode: code, exceptionMessage: message });
}

/** The Bulk API 1.0 answer to a stale session: HTTP 400 with InvalidSessionId. */
export const BULK1_INVALID_SESSION = bulk1Error(400, 'InvalidSessionId', 'Invalid session id');

function jobInfo(job: BulkJob) {
  const { processed, failed } = counts(job);
  const completed = job.batches.filter((batch) => batch.state === 'Completed').length;
  return {
    ...jobHeader(job),
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    numberBatchesQueued: 0,
    numberBatchesInProgress: 0,
    numberBatchesCompleted: completed,
    numberBatchesFailed: job.batches.length - completed,
    numberBatchesTotal: job.batches.length,
    numberRecordsProcessed: processed,
    numberRetries: 0,
    apiVersion: job.apiVersion,
    numberRecordsFailed: failed,
    ...NO_PROCESSING_TIME,
  };
}

function batchInfo(job: BulkJob, batch: BulkBatch) {
  return {
    id: batch.id,
    jobId: job.id,
    state: batch.state,
    ...(batch.stateMessage ? { stateMessage: batch.stateMessage } : {}),
    createdDate: batch.createdDate,
    systemModstamp: batch.createdDate,
    numberRecordsProcessed: batch.query ? (batch.queryCount ?? 0) : batch.outcomes.length,
    numberRecordsFailed: batch.outcomes.filter((outcome) => outcome.error).length,
    ...NO_PROCESSING_TIME,
  };
}

/** Bulk API 1.0 (`/services/async/<v>/job[/id[/batch[/id[/result[/id]]]]]`): batches run when posted. */
export function handleBulk1(
  state: EmulatorState,
  request: EmulatorRequest,
  version: string,
  parts: string[],
  userId: string,
): EmulatorResponse {
  const [, jobId, batchPart, batchId, resultPart, resultId] = parts;
  const table = state.data.bulkJobs;
  const base = `/services/data/v${version}`;
  if (!jobId) {
    if (request.method !== 'POST') return bulk1Error(405, 'InvalidUrl', 'Method not allowed');
    const spec = readSpec(request);
    const object = state.setup.schema.object(spec.object ?? '');
    if (!object)
      return bulk1Error(400, 'InvalidJob', `Unable to find object: ${spec.object ?? ''}`);
    const job: BulkJob = {
      id: newId('750'),
      api: 1,
      kind: spec.operation === 'query' || spec.operation === 'queryAll' ? 'query' : 'ingest',
      object: object.name,
      operation: spec.operation ?? 'insert',
      ...(spec.externalIdFieldName ? { externalIdFieldName: spec.externalIdFieldName } : {}),
      state: 'Open',
      createdById: userId,
      createdDate: new Date(state.now()).toISOString(),
      apiVersion: version,
      csv: '',
      outcomes: [],
      unprocessed: [],
      columns: [],
      batches: [],
    };
    state.data.rememberJob(job);
    return xml(201, 'jobInfo', jobInfo(job));
  }
  const job = table.get(jobId);
  if (job?.api !== 1) return bulk1Error(400, 'InvalidJob', `Invalid job id: ${jobId}`);
  if (!batchPart) {
    if (request.method === 'POST') {
      const next = readSpec(request).state;
      if (next === 'Closed' || next === 'Aborted') job.state = next;
    }
    return xml(200, 'jobInfo', jobInfo(job));
  }
  if (batchPart !== 'batch') return bulk1Error(404, 'InvalidUrl', 'Unknown resource');
  if (!batchId) {
    if (request.method === 'GET')
      return xml(200, 'batchInfoList', {
        batchInfo: job.batches.map((batch) => batchInfo(job, batch)),
      });
    if (job.state !== 'Open')
      return bulk1Error(400, 'InvalidJobState', `Job ${job.id} is not open`);
    const isCsv = (request.headers['content-type'] ?? 'text/csv').includes('csv');
    if (job.kind !== 'query' && isCsv && parseCsv(request.body)?.rows.length === 0) {
      // Salesforce refuses a CSV batch without a record.
      return bulk1Error(
        400,
        'ClientInputError',
        'Failed to read the CSV: the batch has no records',
      );
    }
    const batch = runBatch(state, job, request.body, base, userId);
    job.batches.push(batch);
    return xml(201, 'batchInfo', batchInfo(job, batch));
  }
  const batch = job.batches.find((candidate) => candidate.id === batchId);
  if (!batch) return bulk1Error(400, 'InvalidBatch', `Invalid batch id: ${batchId}`);
  if (!resultPart) return xml(200, 'batchInfo', batchInfo(job, batch));
  if (batch.query) {
    if (!resultId) return xml(200, 'result-list', { result: [`752${batch.id.slice(3)}`] });
    const result = runSoql(batch.query, soqlSource(state, base));
    return text(200, queryCsv(result).csv, 'text/csv');
  }
  const rows = batch.outcomes.map((outcome) => [
    outcome.id ?? '',
    String(!outcome.error),
    String(outcome.created),
    outcome.error ?? '',
  ]);
  return text(200, toCsv(['Id', 'Success', 'Created', 'Error'], rows), 'text/csv');
}

function readSpec(request: EmulatorRequest): Record<string, string | undefined> {
  if ((request.headers['content-type'] ?? '').includes('json')) {
    try {
      return JSON.parse(request.body || '{}');
    } catch {
      return {};
    }
  }
  const document = parser.parse(request.body || '') as { jobInfo?: Record<string, string> };
  return document.jobInfo ?? {};
}

function runBatch(
  state: EmulatorState,
  job: BulkJob,
  body: string,
  base: string,
  userId: string,
): BulkBatch {
  const batch: BulkBatch = {
    id: newId('751'),
    state: 'Completed',
    createdDate: new Date(state.now()).toISOString(),
    columns: [],
    outcomes: [],
  };
  if (job.kind === 'query') {
    try {
      batch.queryCount = runSoql(body, soqlSource(state, base)).totalSize;
      batch.query = body;
    } catch (error) {
      if (!(error instanceof SoqlFailure)) throw error;
      batch.state = 'Failed';
      batch.stateMessage = `${error.error.errorCode} : ${error.error.message}`;
    }
    return batch;
  }
  const upload = parseCsv(body);
  if (!upload) {
    batch.state = 'Failed';
    batch.stateMessage = 'InvalidBatch : Failed to parse CSV';
    return batch;
  }
  batch.columns = upload.columns;
  batch.outcomes = applyRows(
    state,
    state.setup.schema.object(job.object)!,
    job.operation,
    upload.rows,
    userId,
    job.externalIdFieldName,
  );
  return batch;
}
