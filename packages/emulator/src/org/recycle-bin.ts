type Row = Record<string, unknown>;

/** A deleted record as the recycle bin keeps it. */
export interface BinEntry {
  /** The object's name in lower case (the record store's key). */
  objectKey: string;
  record: Row;
  deletedAt: number;
}

/**
 * The org's recycle bin: deleted records with `IsDeleted: true`, what `queryAll`, `/deleted` and
 * SOAP `undelete` read. Bounded: past `capacity` records the oldest are purged for good, as
 * Salesforce purges a full bin.
 */
export class RecycleBin {
  readonly #entries = new Map<string, BinEntry>();

  /** @param capacity the most records kept (default 25,000). */
  constructor(readonly capacity = 25_000) {}

  add(objectKey: string, record: Row, deletedAt: number): void {
    const id = String(record.Id).slice(0, 15);
    this.#entries.set(id, { objectKey, record: { ...record, IsDeleted: true }, deletedAt });
    while (this.#entries.size > this.capacity) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  /** Takes a record out of the bin (for undelete); undefined when it is not there. */
  take(id: string): BinEntry | undefined {
    const key = id.slice(0, 15);
    const entry = this.#entries.get(key);
    this.#entries.delete(key);
    return entry;
  }

  has(id: string): boolean {
    return this.#entries.has(id.slice(0, 15));
  }

  /** The deleted records of one object. */
  of(objectKey: string): BinEntry[] {
    return [...this.#entries.values()].filter((entry) => entry.objectKey === objectKey);
  }

  /** The live records plus the deleted ones, per object (what `queryAll` reads). */
  withDeleted(records: Map<string, Row[]>): Map<string, Row[]> {
    const merged = new Map<string, Row[]>();
    for (const [key, rows] of records) merged.set(key, [...rows]);
    for (const entry of this.#entries.values()) {
      const rows = merged.get(entry.objectKey) ?? [];
      rows.push(entry.record);
      merged.set(entry.objectKey, rows);
    }
    return merged;
  }
}
