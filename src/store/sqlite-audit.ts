/**
 * The audit trail in SQLite (better-sqlite3), the default store: one table, `seq` its primary key.
 *
 * Durability: the connection runs in WAL mode with `synchronous = FULL`, so every commit fsyncs the WAL
 * before `append` resolves. With NORMAL (WAL's usual setting) a commit survives a process crash but not a
 * power cut or kernel panic: the last transactions before the WAL checkpoint can vanish. For the audit trail
 * that loss is the one thing it must not have: the gateway answers a client (and sends signalling) only
 * after the record is stored, so a lost record means a dialogue on the wire that the log cannot account
 * for, the very discrepancy an operator's reconciliation flags, and a truncated tail that nothing can tell
 * from a deletion. The price (one fsync per commit) is paid per batch, since `AuditLog` group-commits.
 * `synchronous` is a property of the connection, not of a table: this store opens its own connection, so
 * other data kept in the same file through other connections may run with NORMAL.
 */
import Database from "better-sqlite3";
import type { AuditRow } from "../audit/record.js";
import { AuditConflictError, type AuditStore } from "../audit/store.js";

export interface SqliteAuditStoreOptions {
  /** Table name (letters, digits, underscore). Default `audit_log`. */
  table?: string;
  /** Open for reading only (verify, export of a log another process writes). The file must exist. */
  readonly?: boolean;
  /** Fail instead of creating a new database file. */
  mustExist?: boolean;
}

type Row = { seq: number; time: string; kind: string; body: string; prev: string; hash: string };

export function checkTableName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`bad table name ${JSON.stringify(name)}`);
  return name;
}

export class SqliteAuditStore implements AuditStore {
  readonly db: Database.Database;
  readonly table: string;
  private readonly insertMany: (rows: readonly AuditRow[]) => void;
  private readonly stmts: {
    insert: Database.Statement;
    maxSeq: Database.Statement;
    read: Database.Statement;
    last: Database.Statement;
    lastSeal: Database.Statement;
    nextSeal: Database.Statement;
    range: Database.Statement;
  };

  constructor(path: string, options: SqliteAuditStoreOptions = {}) {
    const t = checkTableName(options.table ?? "audit_log");
    this.table = t;
    const readonly = options.readonly ?? false;
    this.db = new Database(path, { readonly, fileMustExist: readonly || (options.mustExist ?? false) });
    try {
      this.db.pragma("busy_timeout = 5000");
      if (!readonly) {
        this.db.pragma("journal_mode = WAL");
        this.db.pragma("synchronous = FULL");
        this.db.exec(
          `CREATE TABLE IF NOT EXISTS ${t} (
             seq INTEGER PRIMARY KEY,
             time TEXT NOT NULL,
             kind TEXT NOT NULL,
             body TEXT NOT NULL,
             prev TEXT NOT NULL,
             hash TEXT NOT NULL
           ) STRICT;
           CREATE INDEX IF NOT EXISTS ${t}_time ON ${t} (time);
           CREATE INDEX IF NOT EXISTS ${t}_seals ON ${t} (seq) WHERE kind = 'seal';`,
        );
      }
      const columns = "seq, time, kind, body, prev, hash";
      this.stmts = {
        insert: this.db.prepare(
          `INSERT INTO ${t} (${columns}) VALUES (@seq, @time, @kind, @body, @prev, @hash)`,
        ),
        maxSeq: this.db.prepare(`SELECT max(seq) AS seq FROM ${t}`),
        read: this.db.prepare(`SELECT ${columns} FROM ${t} WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?`),
        last: this.db.prepare(`SELECT ${columns} FROM ${t} ORDER BY seq DESC LIMIT 1`),
        lastSeal: this.db.prepare(
          `SELECT ${columns} FROM ${t} WHERE kind = 'seal' ORDER BY seq DESC LIMIT 1`,
        ),
        nextSeal: this.db.prepare(
          `SELECT ${columns} FROM ${t} WHERE kind = 'seal' AND seq > ? ORDER BY seq LIMIT 1`,
        ),
        range: this.db.prepare(
          `SELECT min(seq) AS first, max(seq) AS last FROM ${t} WHERE time >= ? AND time < ?`,
        ),
      };
    } catch (e) {
      this.db.close();
      if (e instanceof Error && /no such table/.test(e.message))
        throw new Error(`${path} holds no audit table ${JSON.stringify(t)}`);
      throw e;
    }
    const insert = this.stmts.insert;
    const maxSeq = this.stmts.maxSeq;
    const tx = this.db.transaction((rows: readonly AuditRow[]) => {
      const next = ((maxSeq.get() as { seq: number | null }).seq ?? 0) + 1;
      rows.forEach((r, i) => {
        if (r.seq !== next + i) throw new AuditConflictError(next + i, r.seq);
        insert.run(r);
      });
    });
    // BEGIN IMMEDIATE: the write lock is taken before max(seq) is read, so two writers cannot both
    // see the same head.
    this.insertMany = (rows) => tx.immediate(rows);
  }

  async append(rows: readonly AuditRow[]): Promise<void> {
    if (rows.length > 0) this.insertMany(rows);
  }

  async read(fromSeq: number, limit: number, toSeq = Number.MAX_SAFE_INTEGER): Promise<AuditRow[]> {
    return this.stmts.read.all(fromSeq, toSeq, limit) as Row[];
  }

  async last(): Promise<AuditRow | undefined> {
    return this.stmts.last.get() as Row | undefined;
  }

  async seal(afterSeq?: number): Promise<AuditRow | undefined> {
    return (afterSeq === undefined ? this.stmts.lastSeal.get() : this.stmts.nextSeal.get(afterSeq)) as
      | Row
      | undefined;
  }

  async seqRange(from: string, to: string): Promise<{ first: number; last: number } | undefined> {
    const r = this.stmts.range.get(from, to) as { first: number | null; last: number | null };
    return r.first === null || r.last === null ? undefined : { first: r.first, last: r.last };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
