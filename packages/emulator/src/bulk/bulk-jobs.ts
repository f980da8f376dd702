import type { RowOutcome } from './bulk-ingest.js';

/** A Bulk job of either API, with what its uploads produced. */
export interface BulkJob {
  id: string;
  api: 1 | 2;
  kind: 'ingest' | 'query';
  object: string;
  operation: string;
  externalIdFieldName?: string;
  /** Bulk 2.0: COMMA (default), BACKQUOTE, CARET, PIPE, SEMICOLON or TAB. */
  columnDelimiter?: string;
  query?: string;
  state: string;
  createdById: string;
  createdDate: string;
  apiVersion: string;
  /** Bulk 2.0: the CSV uploaded so far. */
  csv: string;
  outcomes: RowOutcome[];
  /** Rows left unprocessed (an aborted job), with the upload's columns. */
  unprocessed: Array<Record<string, string>>;
  columns: string[];
  batches: BulkBatch[];
}

/** A Bulk 1.0 batch, processed when it is posted. */
export interface BulkBatch {
  id: string;
  state: 'Completed' | 'Failed';
  stateMessage?: string;
  createdDate: string;
  columns: string[];
  outcomes: RowOutcome[];
  /** Query batches: the query whose results are read back. */
  query?: string;
  queryCount?: number;
}

/** Processed and failed counts of a job. */
export function counts(job: BulkJob): { processed: number; failed: number } {
  const outcomes = [...job.outcomes, ...job.batches.flatMap((batch) => batch.outcomes)];
  const queried = job.batches.reduce((sum, batch) => sum + (batch.queryCount ?? 0), 0);
  return {
    processed: outcomes.length + queried,
    failed: outcomes.filter((outcome) => outcome.error).length,
  };
}

/** The fields that open a job's info in both APIs. */
export function jobHeader(job: BulkJob) {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.createdDate,
    state: job.state,
  };
}

/** The processing times both APIs report for a job or batch: none, the emulator runs at once. */
export const NO_PROCESSING_TIME = {
  totalProcessingTime: 0,
  apiActiveProcessingTime: 0,
  apexProcessingTime: 0,
};
