/** The store suite on a real SQLite file (WAL, synchronous = FULL), tampered with through a second connection. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import type { AuditRow } from "../../src/audit/record.js";
import { SqliteAuditStore } from "../../src/store/sqlite-audit.js";
import { fillLog } from "./helpers.js";
import { type StoreHarness, storeSuite } from "./store-suite.js";

const dir = mkdtempSync(join(tmpdir(), "ss7guard-audit-sqlite-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function harness(): Promise<StoreHarness> {
  const file = join(dir, `audit-${++n}.sqlite`);
  const store = new SqliteAuditStore(file);
  const raw = new Database(file);
  return {
    store,
    async update(seq: number, fields: Partial<AuditRow>): Promise<void> {
      const cols = Object.keys(fields);
      raw
        .prepare(`UPDATE audit_log SET ${cols.map((c) => `${c} = @${c}`).join(", ")} WHERE seq = @where`)
        .run({ ...fields, where: seq });
    },
    async remove(seq: number): Promise<void> {
      raw.prepare("DELETE FROM audit_log WHERE seq = ?").run(seq);
    },
    async reopen() {
      return new SqliteAuditStore(file);
    },
    async close() {
      raw.close();
      await store.close();
    },
  };
}

storeSuite("SqliteAuditStore", harness);

describe("SqliteAuditStore specifics", () => {
  it("runs in WAL mode with synchronous = FULL, one STRICT table keyed by seq", async () => {
    const file = join(dir, "pragmas.sqlite");
    const store = new SqliteAuditStore(file);
    try {
      assert.equal(store.db.pragma("journal_mode", { simple: true }), "wal");
      // 2 = FULL: the WAL is fsynced at every commit.
      assert.equal(store.db.pragma("synchronous", { simple: true }), 2);
      const sql = (
        store.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log'").get() as { sql: string }
      ).sql;
      assert.match(sql, /seq INTEGER PRIMARY KEY/);
      assert.match(sql, /STRICT/);
    } finally {
      await store.close();
    }
  });

  it("opens an existing log read-only, and refuses a file without one", async () => {
    const file = join(dir, "readonly.sqlite");
    const writer = new SqliteAuditStore(file);
    await fillLog(writer, 5);
    await writer.close();
    const reader = new SqliteAuditStore(file, { readonly: true });
    try {
      assert.equal((await reader.last())?.seq, 6);
      await assert.rejects(reader.append([]).then(() => reader.append([{ seq: 7 } as AuditRow])));
    } finally {
      await reader.close();
    }
    assert.throws(
      () => new SqliteAuditStore(join(dir, "absent.sqlite"), { readonly: true }),
      /unable to open|does not exist/i,
    );
    const empty = join(dir, "empty.sqlite");
    new Database(empty).close();
    assert.throws(() => new SqliteAuditStore(empty, { readonly: true }), /holds no audit table/);
  });

  it("refuses a table name that is not an identifier", () => {
    assert.throws(
      () => new SqliteAuditStore(join(dir, "x.sqlite"), { table: "audit; DROP TABLE x" }),
      /bad table name/,
    );
  });
});
