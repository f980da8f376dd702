import type { EmulatorState } from '../state/emulator-state.js';
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

const tables = new WeakMap<EmulatorState, Map<string, BulkJob>>();

/** The jobs of an emulator. */
export function jobsOf(state: EmulatorState): Map<string, BulkJob> {
  let table = tables.get(state);
  if (!table) {
    table = new Map();
    tables.set(state, table);
  }
  return table;
}

/** Jobs kept per emulator; the oldest is forgotten beyond this (a bound on memory). */
export const MAX_JOBS = 1000;

/** Stores a new job, forgetting the oldest beyond {@link MAX_JOBS}. */
export function rememberJob(state: EmulatorState, job: BulkJob): void {
  const table = jobsOf(state);
  table.set(job.id, job);
  while (table.size > MAX_JOBS) table.delete(table.keys().next().value!);
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
