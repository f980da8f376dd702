import type { BulkJob } from '../bulk/bulk-jobs.js';
import { RecycleBin } from './recycle-bin.js';

type Row = Record<string, unknown>;

/** Query locators kept; the oldest is forgotten beyond this (INVALID_QUERY_LOCATOR, as expired). */
const MAX_CURSORS = 1000;

/** Bulk jobs kept; the oldest is forgotten beyond this (a bound on memory). */
export const MAX_JOBS = 1000;

/**
 * The org's data, in one owner: the live records (seeded from the setup, changed by DML), the
 * recycle bin, the query locators and the Bulk jobs of both APIs. Every collection is bounded.
 */
export class OrgData {
  /** Live records by lower-cased object name. */
  readonly records: Map<string, Row[]>;
  readonly recycleBin = new RecycleBin();
  /** The rows of an unfinished query by locator id (`nextRecordsUrl`). */
  readonly queryCursors = new Map<string, Row[]>();
  /** Bulk API 1.0 and 2.0 jobs by id. */
  readonly bulkJobs = new Map<string, BulkJob>();

  /** @param seed the setup's starting records, copied: DML never changes the setup. */
  constructor(seed: Map<string, Row[]>) {
    this.records = new Map([...seed].map(([object, rows]) => [object, [...rows]]));
  }

  /** Keeps a query locator, forgetting the oldest beyond {@link MAX_CURSORS}. */
  rememberCursor(id: string, rows: Row[]): void {
    this.queryCursors.set(id, rows);
    while (this.queryCursors.size > MAX_CURSORS) {
      this.queryCursors.delete(this.queryCursors.keys().next().value!);
    }
  }

  /** Keeps a new job, forgetting the oldest beyond {@link MAX_JOBS}. */
  rememberJob(job: BulkJob): void {
    this.bulkJobs.set(job.id, job);
    while (this.bulkJobs.size > MAX_JOBS) this.bulkJobs.delete(this.bulkJobs.keys().next().value!);
  }
}
