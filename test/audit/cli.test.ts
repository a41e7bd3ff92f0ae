/** `ss7guard audit …` as a child process: exit codes, what it prints, and no stack traces. */
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { assertNoStackTrace, type CliRun, ss7guard } from "../cli/run.js";

const dir = mkdtempSync(join(tmpdir(), "ss7guard-audit-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const demo = join(dir, "demo");
const pub = join(demo, "keys", "audit-public.pem");
const priv = join(demo, "keys", "audit-signing.pem");
const idKey = join(demo, "keys", "identity.key");
const db = join(demo, "audit.sqlite");
const exportFile = join(demo, "export.json");
const capture = join(demo, "capture.pcap");
/** Keys that did not sign the demo's log (written by keygen in the first test). */
const otherKeys = join(dir, "other-keys");
let keygen: Promise<CliRun>;

/** A copy of the demo's database to tamper with. */
function copyDb(name: string): string {
  const file = join(dir, name);
  copyFileSync(db, file);
  if (existsSync(`${db}-wal`)) copyFileSync(`${db}-wal`, `${file}-wal`);
  return file;
}

describe("ss7guard audit", { concurrency: true }, () => {
  before(async () => {
    // Key generation runs alongside the demo; the tests that need another key wait for it.
    keygen = ss7guard("audit", "keygen", "--out", otherKeys);
    const r = await ss7guard("audit", "demo", "--out", demo, "--seed", "3");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /audit\.sqlite: \d+ records \(\d+ dialogues\), sealed/);
    assert.match(r.stdout, /6 of them unlogged location queries from 44778508…/);
    assert.match(r.stdout, /ss7guard audit reconcile .*--gt 44778508/);
  });

  it("keygen writes the three key files", async () => {
    const r = await keygen;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /signing key: {2}.*audit-signing\.pem \(keep it secret\)/);
    assert.match(r.stdout, /fingerprint: {2}[0-9a-f]{64}/);
    for (const f of ["audit-signing.pem", "audit-public.pem", "identity.key"])
      assert.ok(existsSync(join(otherKeys, f)), f);
  });

  it("verify: exit 0 on the intact log", async () => {
    const r = await ss7guard("audit", "verify", "--db", db, "--public-key", pub);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /OK: \d+ records, \d+ seals, chain intact; last seal at record \d+/);
  });

  it("verify: exit 1 naming the first bad record after an SQL edit and a deletion", async () => {
    const edited = copyDb("edited.sqlite");
    const raw = new Database(edited);
    raw.prepare("UPDATE audit_log SET body = replace(body, '\"ok\"', '\"error:27\"') WHERE seq = 10").run();
    const deleted = copyDb("deleted.sqlite");
    new Database(deleted).prepare("DELETE FROM audit_log WHERE seq = 17").run();
    raw.close();
    const row = new Database(edited, { readonly: true })
      .prepare("SELECT body FROM audit_log WHERE seq = 10")
      .get() as {
      body: string;
    };
    assert.match(row.body, /error:27/);
    const [r, json] = await Promise.all([
      ss7guard("audit", "verify", "--db", edited, "--public-key", pub),
      ss7guard("audit", "verify", "--db", deleted, "--public-key", pub, "--json"),
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /FAILED at record 10: hash mismatch \(edited\)/);
    assertNoStackTrace(r.stderr);
    assert.equal(json.code, 1);
    const v = JSON.parse(json.stdout) as { ok: boolean; firstBad: { seq: number; reason: string } };
    assert.deepEqual([v.ok, v.firstBad.seq, v.firstBad.reason], [false, 17, "deleted"]);
  });

  it("verify: a key that did not sign the seals fails at the first seal", async () => {
    await keygen;
    const r = await ss7guard(
      "audit",
      "verify",
      "--db",
      db,
      "--public-key",
      join(otherKeys, "audit-public.pem"),
    );
    assert.equal(r.code, 1);
    assert.match(r.stdout, /seal signed by an unknown key/);
  });

  it("export writes a signed extract that verify-export accepts, and rejects once modified", async () => {
    const file = join(dir, "extract.json");
    const r = await ss7guard(
      "audit",
      "export",
      "--db",
      copyDb("export.sqlite"),
      "--from",
      "2026-01-01T00:00:30Z",
      "--to",
      "2026-01-01T00:01:00Z",
      "--private-key",
      priv,
      "--out",
      file,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /extract\.json: records \d+–\d+ \(\d+ in range/);
    const ok = await ss7guard("audit", "verify-export", file, "--public-key", pub);
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, /OK: \d+ records in range/);
    const x = JSON.parse(readFileSync(file, "utf8")) as { records: { body?: Record<string, unknown> }[] };
    const rec = x.records.find((e) => e.body?.["gt"] !== undefined)!;
    rec.body!["gt"] = "447785089999";
    const bad = join(dir, "extract-modified.json");
    writeFileSync(bad, JSON.stringify(x));
    const no = await ss7guard("audit", "verify-export", bad, "--public-key", pub);
    assert.equal(no.code, 1);
    assert.match(no.stdout, /FAILED: the export's signature does not verify/);
  });

  it("reconcile: exit 1 listing exactly the unlogged location queries", async () => {
    const truth = JSON.parse(readFileSync(join(demo, "unlogged.json"), "utf8")) as {
      unlogged: { frame: number }[];
    };
    const args = ["audit", "reconcile", exportFile, capture, "--public-key", pub, "--gt", "44778508"];
    const r = await ss7guard(...args, "--identity-key", idKey);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /signed export verified/);
    assert.match(r.stdout, /UNACCOUNTED: 6 dialogues from our GTs that the signed log does not account for/);
    for (const u of truth.unlogged) assert.match(r.stdout, new RegExp(`^ {2}frame ${u.frame} `, "m"));
    assert.match(r.stdout, /anyTimeInterrogation/);
    assert.match(r.stdout, /provideSubscriberInfo/);
    assert.match(r.stdout, /missing: none/);
    const none = await ss7guard(
      "audit",
      "reconcile",
      exportFile,
      capture,
      "--public-key",
      pub,
      "--gt",
      "999",
      "--json",
    );
    assert.equal(none.code, 0, none.stdout);
    const report = JSON.parse(none.stdout) as { unaccounted: unknown[]; captured: number };
    assert.deepEqual([report.captured, report.unaccounted.length], [0, 0]);
  });

  it("reconcile: exit 2 when the export does not verify; a bad prefix is a usage error", async () => {
    await keygen;
    const other = otherKeys;
    const r = await ss7guard(
      "audit",
      "reconcile",
      exportFile,
      capture,
      "--public-key",
      join(other, "audit-public.pem"),
      "--gt",
      "44778508",
    );
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /the export does not verify: signed by key [0-9a-f]{16}…, not the key given; nothing reconciled/,
    );
    const usage = await ss7guard(
      "audit",
      "reconcile",
      exportFile,
      capture,
      "--public-key",
      pub,
      "--gt",
      "44x",
    );
    assert.equal(usage.code, 1);
    assert.match(usage.stderr, /a GT prefix is 1 to 15 digits/);
    assertNoStackTrace(usage.stderr);
  });
});
