/**
 * What the audit trail needs from persistence. Implementations (`src/store/`) keep rows as they are given
 * and never interpret a body; hashing, sealing and verification all happen above this interface, so a store
 * is trusted for durability only, never for integrity: `verify` assumes anyone could have edited it.
 */
import type { AuditRow } from "./record.js";

/** Thrown by `append` when the rows do not start right after the store's last row (another writer won). */
export class AuditConflictError extends Error {
  override name = "AuditConflictError";
  constructor(
    readonly expectedSeq: number,
    readonly givenSeq: number,
  ) {
    super(`audit store: next seq is ${expectedSeq}, append started at ${givenSeq} (another writer appended)`);
  }
}

export interface AuditStore {
  /**
   * Stores `rows` (consecutive seqs) in one transaction, durably before the promise resolves, exclusive
   * against other writers of the same store. Rejects with AuditConflictError, storing nothing, when
   * `rows[0].seq` is not the last stored seq + 1.
   */
  append(rows: readonly AuditRow[]): Promise<void>;
  /** Up to `limit` rows with `seq >= fromSeq` (and `seq <= toSeq` when given), ascending. */
  read(fromSeq: number, limit: number, toSeq?: number): Promise<AuditRow[]>;
  /** The row with the highest seq. */
  last(): Promise<AuditRow | undefined>;
  /** The last `seal` row, or the first one after `afterSeq` when given. */
  seal(afterSeq?: number): Promise<AuditRow | undefined>;
  /** The lowest and highest seq whose time is in `[from, to)` (record time strings), or undefined if none. */
  seqRange(from: string, to: string): Promise<{ first: number; last: number } | undefined>;
  close(): Promise<void>;
}

/** An in-memory store, for tests and for a log that only lives as long as the process. */
export class MemoryAuditStore implements AuditStore {
  readonly rows: AuditRow[] = [];

  async append(rows: readonly AuditRow[]): Promise<void> {
    const next = (this.rows.at(-1)?.seq ?? 0) + 1;
    if (rows.length === 0) return;
    if (rows[0]!.seq !== next) throw new AuditConflictError(next, rows[0]!.seq);
    rows.forEach((r, i) => {
      if (r.seq !== next + i) throw new AuditConflictError(next + i, r.seq);
    });
    this.rows.push(...rows.map((r) => ({ ...r })));
  }

  async read(fromSeq: number, limit: number, toSeq = Number.MAX_SAFE_INTEGER): Promise<AuditRow[]> {
    return this.rows.filter((r) => r.seq >= fromSeq && r.seq <= toSeq).slice(0, limit);
  }

  async last(): Promise<AuditRow | undefined> {
    return this.rows.at(-1);
  }

  async seal(afterSeq?: number): Promise<AuditRow | undefined> {
    if (afterSeq === undefined) return this.rows.findLast((r) => r.kind === "seal");
    return this.rows.find((r) => r.kind === "seal" && r.seq > afterSeq);
  }

  async seqRange(from: string, to: string): Promise<{ first: number; last: number } | undefined> {
    const hits = this.rows.filter((r) => r.time >= from && r.time < to);
    return hits.length === 0 ? undefined : { first: hits[0]!.seq, last: hits.at(-1)!.seq };
  }

  async close(): Promise<void> {}
}
