/**
 * The store suite on PostgreSQL (127.0.0.1:5432, database `test`; AUDIT_PG_URL overrides), one schema per
 * run and one table per test, dropped at the end. Skipped, saying why, only when the server is unreachable.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, it } from "node:test";
import pg from "pg";
import type { AuditRow } from "../../src/audit/record.js";
import { PostgresAuditStore } from "../../src/store/postgres-audit.js";
import { fillLog } from "./helpers.js";
import { type StoreHarness, storeSuite } from "./store-suite.js";

const url = process.env.AUDIT_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `audit_test_${process.pid}_${randomBytes(3).toString("hex")}`;

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (e) {
    return `PostgreSQL unreachable at ${url} (${e instanceof Error ? e.message : e}): set AUDIT_PG_URL`;
  } finally {
    await client.end().catch(() => {});
  }
}

const unreachable = await probe();
if (unreachable) process.stderr.write(`postgres.test.ts: skipped: ${unreachable}\n`);

const admin = unreachable ? undefined : new pg.Pool({ connectionString: url, max: 2 });
admin?.on("error", () => {});
after(async () => {
  if (!admin) return;
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

let n = 0;

async function harness(): Promise<StoreHarness> {
  const table = `t${++n}`;
  const store = await PostgresAuditStore.open({ connection: url, schema, table });
  const q = `"${schema}"."${table}"`;
  return {
    store,
    async update(seq: number, fields: Partial<AuditRow>): Promise<void> {
      const cols = Object.keys(fields) as (keyof AuditRow)[];
      await admin!.query(
        `UPDATE ${q} SET ${cols.map((c, i) => `${c} = $${i + 1}`).join(", ")} WHERE seq = $${cols.length + 1}`,
        [...cols.map((c) => fields[c]), seq],
      );
    },
    async remove(seq: number): Promise<void> {
      await admin!.query(`DELETE FROM ${q} WHERE seq = $1`, [seq]);
    },
    async reopen() {
      return PostgresAuditStore.open({ connection: url, schema, table });
    },
    async close() {
      await store.close();
    },
  };
}

storeSuite("PostgresAuditStore", harness, unreachable);

describe("PostgresAuditStore specifics", { skip: unreachable ?? false }, () => {
  it("keeps the body as text, time in the C collation, and refuses to open a missing table read-only", async () => {
    const store = await PostgresAuditStore.open({ connection: url, schema, table: "specifics" });
    try {
      await fillLog(store, 3);
      const cols = await admin!.query<{
        column_name: string;
        data_type: string;
        collation_name: string | null;
      }>(
        "SELECT column_name, data_type, collation_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'specifics' ORDER BY ordinal_position",
        [schema],
      );
      assert.deepEqual(
        cols.rows.map((c) => [c.column_name, c.data_type]),
        [
          ["seq", "bigint"],
          ["time", "text"],
          ["kind", "text"],
          ["body", "text"],
          ["prev", "text"],
          ["hash", "text"],
        ],
      );
      assert.equal(cols.rows[1]!.collation_name, "C");
    } finally {
      await store.close();
    }
    await assert.rejects(
      PostgresAuditStore.open({ connection: url, schema, table: "absent", readonly: true }),
      /does not exist/,
    );
  });
});
