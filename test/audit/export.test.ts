/** Signed exports: shape, verification, redaction, sealing on demand, and every kind of modification failing. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalJson } from "../../src/audit/canonical.js";
import {
  type AuditExport,
  exportedRecords,
  exportRange,
  isRedacted,
  verifyExport,
} from "../../src/audit/export.js";
import { keyFingerprint, signMessage } from "../../src/audit/keys.js";
import { AuditLog } from "../../src/audit/log.js";
import { type AuditRecord, GENESIS_HASH, recordDigest, recordOfRow } from "../../src/audit/record.js";
import { MemoryAuditStore } from "../../src/audit/store.js";
import { fillLog, keys, otherKeys, steppingClock, T0 } from "./helpers.js";

/** 60 sample records one second apart from T0, sealed every 10; the tail sealed at close. */
async function sampleStore(): Promise<MemoryAuditStore> {
  const store = new MemoryAuditStore();
  await fillLog(store, 60, { sealEvery: 10, now: steppingClock(T0, 1000) });
  return store;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Re-signs a modified export with the real key, so that the chain checks (not the signature) must catch it. */
function resign(x: AuditExport): AuditExport {
  const { signature: _, ...unsigned } = x;
  return { ...unsigned, signature: signMessage(keys.privateKey, Buffer.from(canonicalJson(unsigned))) };
}

function clone(x: AuditExport): AuditExport {
  return JSON.parse(JSON.stringify(x)) as AuditExport;
}

describe("exportRange / verifyExport", () => {
  it("exports [from, to): the records in full, the chain on to the covering seal redacted, signed", async () => {
    const store = await sampleStore();
    const x = await exportRange(store, {
      from: T0 + 12_000,
      to: T0 + 17_000,
      signingKey: keys.privateKey,
      now: () => T0,
    });
    const rows = store.rows;
    const inRange = rows.filter((r) => r.time >= iso(T0 + 12_000) && r.time < iso(T0 + 17_000));
    assert.deepEqual([x.first, x.last], [inRange[0]!.seq, inRange.at(-1)!.seq]);
    assert.equal(x.before.seq, x.first! - 1);
    assert.equal(x.before.hash, rows[x.before.seq - 1]!.hash);
    assert.equal(x.key, keyFingerprint(keys.publicKey));
    assert.equal(x.created, iso(T0));
    const cover = x.records.at(-1) as AuditRecord;
    assert.equal(cover.kind, "seal");
    assert.equal(cover.seq, rows.find((r) => r.kind === "seal" && r.seq >= x.last!)!.seq);
    for (const e of x.records) {
      const inside = e.seq >= x.first! && e.seq <= x.last!;
      const row = recordOfRow(rows[e.seq - 1]!);
      if (inside || row.kind === "seal") assert.deepEqual(e, row);
      else
        assert.deepEqual(e, {
          seq: e.seq,
          redacted: true,
          digest: recordDigest(row.seq, row.time, row.kind, row.body),
        });
    }
    const v = verifyExport(x, keys.publicKey);
    assert.equal(v.ok, true, v.error);
    assert.equal(v.records, inRange.filter((r) => r.kind !== "seal").length);
    assert.equal(
      exportedRecords(x)
        .map((r) => r.seq)
        .join(),
      inRange
        .filter((r) => r.kind !== "seal")
        .map((r) => r.seq)
        .join(),
    );
    // JSON round trip (what the operator receives) verifies too.
    assert.equal(verifyExport(JSON.parse(JSON.stringify(x)), keys.publicKey).ok, true);
  });

  it("an export from the start of the chain links to the genesis hash", async () => {
    const store = await sampleStore();
    const x = await exportRange(store, { from: T0 - 1000, to: T0 + 3000, signingKey: keys.privateKey });
    assert.deepEqual(x.before, { seq: 0, hash: GENESIS_HASH });
    assert.equal(x.first, 1);
    assert.equal(verifyExport(x, keys.publicKey).ok, true);
  });

  it("any modification breaks the export's signature", async () => {
    const x = await exportRange(await sampleStore(), {
      from: T0 + 12_000,
      to: T0 + 17_000,
      signingKey: keys.privateKey,
    });
    const edits: [string, (y: AuditExport) => void][] = [
      ["a record's field", (y) => ((y.records[1] as AuditRecord).body["peer"] = "999")],
      ["a record dropped", (y) => y.records.splice(2, 1)],
      ["two records swapped", (y) => ([y.records[1], y.records[2]] = [y.records[2]!, y.records[1]!])],
      ["the range", (y) => (y.to = iso(T0 + 99_000))],
      ["the before link", (y) => (y.before.hash = "1".repeat(64))],
      ["the signature", (y) => (y.signature = `${"A".repeat(84)}AA==`)],
    ];
    for (const [what, edit] of edits) {
      const y = clone(x);
      edit(y);
      const v = verifyExport(y, keys.publicKey);
      assert.equal(v.ok, false, what);
      assert.match(v.error ?? "", /signature does not verify/, what);
    }
  });

  it("re-signed after a modification, the chain checks catch it and name the record", async () => {
    const x = await exportRange(await sampleStore(), {
      from: T0 + 12_000,
      to: T0 + 17_000,
      signingKey: keys.privateKey,
    });
    const first = x.first!;
    const cases: [string, (y: AuditExport) => void, number, string][] = [
      ["edited", (y) => ((y.records[1] as AuditRecord).body["status"] = "x"), first + 1, "edited"],
      ["dropped", (y) => y.records.splice(1, 1), first + 1, "deleted"],
      [
        "swapped",
        (y) => ([y.records[1], y.records[2]] = [y.records[2]!, y.records[1]!]),
        first + 1,
        "reordered",
      ],
      [
        "a redacted digest changed",
        (y) => {
          const r = y.records.find(isRedacted)!;
          r.digest = "2".repeat(64);
        },
        (x.records.at(-1) as AuditRecord).seq,
        "reordered",
      ],
    ];
    for (const [what, edit, seq, reason] of cases) {
      const y = clone(x);
      edit(y);
      const v = verifyExport(resign(y), keys.publicKey);
      assert.equal(v.ok, false, what);
      assert.deepEqual([v.firstBad?.seq, v.firstBad?.reason], [seq, reason], `${what}: ${JSON.stringify(v)}`);
    }
    const narrowed = clone(x);
    narrowed.from = iso(T0 + 14_000);
    assert.match(verifyExport(resign(narrowed), keys.publicKey).error ?? "", /outside the range/);
    const unsealed = clone(x);
    unsealed.records.pop();
    assert.match(verifyExport(resign(unsealed), keys.publicKey).error ?? "", /do not end in a seal/);
  });

  it("refuses an export checked with another key, or that is not an export at all", async () => {
    const x = await exportRange(await sampleStore(), {
      from: T0,
      to: T0 + 5000,
      signingKey: keys.privateKey,
    });
    assert.match(verifyExport(x, otherKeys.publicKey).error ?? "", /not the key given/);
    assert.equal(verifyExport(x, [otherKeys.publicKey, keys.publicKey]).ok, true);
    for (const junk of [null, 42, "x", [], { format: "other" }, { ...x, records: "no" }])
      assert.equal(verifyExport(junk, keys.publicKey).ok, false);
  });

  it("with peers, shows in full only dialogues toward them (and seals); the rest is redacted but links", async () => {
    const store = await sampleStore();
    const x = await exportRange(store, {
      from: T0,
      to: T0 + 30_000,
      signingKey: keys.privateKey,
      peers: ["1202555"],
    });
    const shown = x.records.filter((e): e is AuditRecord => !isRedacted(e));
    assert.ok(shown.some((r) => r.kind === "dialogue"));
    for (const r of shown)
      assert.ok(r.kind === "seal" || String(r.body["peer"]).startsWith("1202555"), JSON.stringify(r));
    assert.ok(x.records.filter(isRedacted).length > 10);
    const v = verifyExport(x, keys.publicKey);
    assert.equal(v.ok, true, v.error);
    assert.equal(v.records, shown.filter((r) => r.kind === "dialogue").length);
  });

  it("a range in the unsealed tail is sealed first, or refused when the exporter cannot seal", async () => {
    const store = new MemoryAuditStore();
    await fillLog(store, 25, { sealEvery: 10, sealTail: false, now: steppingClock(T0, 1000) });
    const range = { from: T0 + 22_000, to: T0 + 40_000, signingKey: keys.privateKey };
    await assert.rejects(exportRange(store, range), /no seal covers record/);
    const x = await exportRange(store, {
      ...range,
      seal: async () => {
        const log = await AuditLog.open({ store, signingKey: keys.privateKey, sealIntervalMs: 0 });
        await log.close();
      },
    });
    assert.equal((x.records.at(-1) as AuditRecord).seq, store.rows.length);
    assert.equal(verifyExport(x, keys.publicKey).ok, true);
  });

  it("an empty range still shows where it stands in the chain, up to a seal", async () => {
    const store = new MemoryAuditStore();
    const clock = steppingClock(T0, 1000);
    await fillLog(store, 5, { sealEvery: 0, now: clock });
    // A gap of a minute with nothing logged.
    for (let i = 0; i < 60; i++) clock();
    await fillLog(store, 5, { sealEvery: 0, now: clock });
    const x = await exportRange(store, { from: T0 + 10_000, to: T0 + 50_000, signingKey: keys.privateKey });
    assert.deepEqual([x.first, x.last], [null, null]);
    assert.equal(x.before.seq, 6);
    assert.ok(x.records.length > 0 && x.records.slice(0, -1).every(isRedacted));
    const v = verifyExport(x, keys.publicKey);
    assert.deepEqual([v.ok, v.records], [true, 0]);
    assert.deepEqual(exportedRecords(x), []);
    await assert.rejects(
      exportRange(store, { from: T0, to: T0, signingKey: keys.privateKey }),
      /range is empty/,
    );
    await assert.rejects(
      exportRange(store, { from: "yesterday", to: T0, signingKey: keys.privateKey }),
      /not a time/,
    );
  });
});
