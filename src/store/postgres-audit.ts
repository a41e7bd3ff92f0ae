/**
 * The audit trail in PostgreSQL (pg): the same one-table layout as the SQLite store, `seq` BIGINT PRIMARY
 * KEY and the body as canonical JSON text (not jsonb: jsonb reorders keys and normalises numbers, and the
 * verifier must see the text that was hashed, or at least its exact value). `time` is compared in the "C"
 * collation, where the fixed-width ISO times sort as they read.
 *
 * Each append is one transaction that takes a transaction-scoped advisory lock on the table before reading
 * max(seq), so concurrent writers (several gateway processes) serialise, and sets `synchronous_commit = on`
 * for itself, so the commit is flushed to the WAL on disk before `append` resolves even where a deployment
 * turned it off for bulk data (the reason is the SQLite store's: a lost acknowledged record is a hole no
 * one can tell from a deletion).
 */
import { createHash } from "node:crypto";
import pg from "pg";
import type { AuditRow } from "../audit/record.js";
import { AuditConflictError, type AuditStore } from "../audit/store.js";
import { checkTableName } from "./sqlite-audit.js";

export interface PostgresAuditStoreOptions {
  /** `postgres://user@host:port/db`; or a pg pool configuration. */
  connection: string | pg.PoolConfig;
  /** Schema (created if missing). Default `public`. */
  schema?: string;
  /** Table name. Default `audit_log`. */
  table?: string;
  /** Do not create the schema or table (verify, export). */
  readonly?: boolean;
}

type Row = { seq: string; time: string; kind: string; body: string; prev: string; hash: string };

const COLUMNS = "seq, time, kind, body, prev, hash";

function toRow(r: Row): AuditRow {
  return { seq: Number(r.seq), time: r.time, kind: r.kind, body: r.body, prev: r.prev, hash: r.hash };
}

export class PostgresAuditStore implements AuditStore {
  private constructor(
    private readonly pool: pg.Pool,
    /** `"schema"."table"`, quoted. */
    readonly qualified: string,
    /** The advisory lock key of this table (two int4 halves of SHA-256 of its name). */
    private readonly lockKey: [number, number],
  ) {}

  static async open(options: PostgresAuditStoreOptions): Promise<PostgresAuditStore> {
    const schema = checkTableName(options.schema ?? "public");
    const table = checkTableName(options.table ?? "audit_log");
    const config: pg.PoolConfig =
      typeof options.connection === "string" ? { connectionString: options.connection } : options.connection;
    const pool = new pg.Pool({ max: 4, ...config });
    // An idle client's error (server restart) must not crash the process; the next query reports it.
    pool.on("error", () => {});
    const qualified = `"${schema}"."${table}"`;
    const digest = createHash("sha256").update(`ss7guard-audit:${schema}.${table}`).digest();
    const store = new PostgresAuditStore(pool, qualified, [digest.readInt32BE(0), digest.readInt32BE(4)]);
    try {
      if (!options.readonly) {
        await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        await pool.query(
          `CREATE TABLE IF NOT EXISTS ${qualified} (
             seq BIGINT PRIMARY KEY,
             time TEXT COLLATE "C" NOT NULL,
             kind TEXT NOT NULL,
             body TEXT NOT NULL,
             prev TEXT NOT NULL,
             hash TEXT NOT NULL
           )`,
        );
        await pool.query(`CREATE INDEX IF NOT EXISTS "${table}_time" ON ${qualified} (time)`);
        await pool.query(
          `CREATE INDEX IF NOT EXISTS "${table}_seals" ON ${qualified} (seq) WHERE kind = 'seal'`,
        );
      } else {
        await pool.query(`SELECT 1 FROM ${qualified} LIMIT 0`);
      }
    } catch (e) {
      await pool.end();
      throw e;
    }
    return store;
  }

  async append(rows: readonly AuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      try {
        await client.query("SET LOCAL synchronous_commit = on");
        await client.query("SELECT pg_advisory_xact_lock($1, $2)", this.lockKey);
        const max = await client.query<{ seq: string | null }>(
          `SELECT max(seq) AS seq FROM ${this.qualified}`,
        );
        const next = Number(max.rows[0]?.seq ?? 0) + 1;
        rows.forEach((r, i) => {
          if (r.seq !== next + i) throw new AuditConflictError(next + i, r.seq);
        });
        await client.query(
          `INSERT INTO ${this.qualified} (${COLUMNS})
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
          [
            rows.map((r) => r.seq),
            rows.map((r) => r.time),
            rows.map((r) => r.kind),
            rows.map((r) => r.body),
            rows.map((r) => r.prev),
            rows.map((r) => r.hash),
          ],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw e;
      }
    } finally {
      client.release(broken);
    }
  }

  async read(fromSeq: number, limit: number, toSeq = Number.MAX_SAFE_INTEGER): Promise<AuditRow[]> {
    const r = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM ${this.qualified} WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
      [fromSeq, toSeq, limit],
    );
    return r.rows.map(toRow);
  }

  async last(): Promise<AuditRow | undefined> {
    const r = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM ${this.qualified} ORDER BY seq DESC LIMIT 1`,
    );
    return r.rows[0] && toRow(r.rows[0]);
  }

  async seal(afterSeq?: number): Promise<AuditRow | undefined> {
    const r =
      afterSeq === undefined
        ? await this.pool.query<Row>(
            `SELECT ${COLUMNS} FROM ${this.qualified} WHERE kind = 'seal' ORDER BY seq DESC LIMIT 1`,
          )
        : await this.pool.query<Row>(
            `SELECT ${COLUMNS} FROM ${this.qualified} WHERE kind = 'seal' AND seq > $1 ORDER BY seq LIMIT 1`,
            [afterSeq],
          );
    return r.rows[0] && toRow(r.rows[0]);
  }

  async seqRange(from: string, to: string): Promise<{ first: number; last: number } | undefined> {
    const r = await this.pool.query<{ first: string | null; last: string | null }>(
      `SELECT min(seq) AS first, max(seq) AS last FROM ${this.qualified} WHERE time >= $1 AND time < $2`,
      [from, to],
    );
    const row = r.rows[0];
    return !row || row.first === null || row.last === null
      ? undefined
      : { first: Number(row.first), last: Number(row.last) };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
