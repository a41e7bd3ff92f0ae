/**
 * The store suite: the same round-trip and tamper tests against every `AuditStore` (the SQLite file and the
 * PostgreSQL table). Tampering goes around the store, straight to the table in SQL, as someone with access
 * to the database would.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AuditExportError, exportRange, verifyExport } from "../../src/audit/export.js";
import { AuditKeyring, keyFingerprint, signMessage } from "../../src/audit/keys.js";
import { AuditLog } from "../../src/audit/log.js";
import {
  type AuditRow,
  chainHash,
  recordDigest,
  recordOfRow,
  rowOf,
  sealMessage,
} from "../../src/audit/record.js";
import type { AuditStore } from "../../src/audit/store.js";
import { type VerifyResult, verifyAuditStore } from "../../src/audit/verify.js";
import { fillLog, keys, otherKeys, steppingClock, T0 } from "./helpers.js";

export interface StoreHarness {
  /** A fresh, empty store on its own table. */
  store: AuditStore;
  /** Raw SQL on the same table, bypassing the store. */
  update(seq: number, fields: Partial<AuditRow>): Promise<void>;
  remove(seq: number): Promise<void>;
  /** Another store on the same table (a second process). */
  reopen(): Promise<AuditStore>;
  close(): Promise<void>;
}

const keyring = new AuditKeyring(keys.publicKey);

async function verify(store: AuditStore): Promise<VerifyResult> {
  return verifyAuditStore(store, keyring, { batch: 7 });
}

async function all(store: AuditStore): Promise<AuditRow[]> {
  return store.read(1, 1_000_000);
}

/** Rewrites the chain from `fromSeq` on as a forger without the signing key would: every hash recomputed. */
async function rewriteChain(
  h: StoreHarness,
  fromSeq: number,
  sealWith: { key: import("node:crypto").KeyObject; claim: string },
): Promise<void> {
  const rows = await all(h.store);
  let prev = rows[fromSeq - 2]?.hash ?? "0".repeat(64);
  for (const row of rows.slice(fromSeq - 1)) {
    const r = recordOfRow(row);
    let body = r.body;
    if (r.kind === "seal") {
      const count = r.seq - 1;
      const signature = signMessage(sealWith.key, sealMessage(prev, count, r.time, sealWith.claim));
      body = { head: prev, count, key: sealWith.claim, signature };
    }
    const hash = chainHash(prev, recordDigest(r.seq, r.time, r.kind, body));
    await h.update(r.seq, { body: rowOf({ ...r, body, prev, hash }).body, prev, hash });
    prev = hash;
  }
}

export function storeSuite(name: string, harness: () => Promise<StoreHarness>, skip?: string): void {
  describe(name, { skip: skip ?? false }, () => {
    const withStore = (title: string, fn: (h: StoreHarness) => Promise<void>): void => {
      it(title, async () => {
        const h = await harness();
        try {
          await fn(h);
        } finally {
          await h.close();
        }
      });
    };

    withStore("appends a sealed chain, reads it back row for row, and verifies it", async (h) => {
      const records = await fillLog(h.store, 45, { sealEvery: 10 });
      const rows = await all(h.store);
      // Seals after every 10 records, and one for the last 5 at close: 45 + 5 rows.
      assert.equal(rows.length, 50);
      assert.deepEqual(
        rows.filter((r) => r.kind === "seal").map((r) => r.seq),
        [11, 22, 33, 44, 50],
      );
      for (const r of records) assert.deepEqual(rows[r.seq - 1], rowOf(r));
      const v = await verify(h.store);
      assert.equal(v.ok, true, JSON.stringify(v.firstBad));
      assert.equal(v.records, 50);
      assert.equal(v.seals, 5);
      assert.equal(v.unsealed, 0);
      assert.equal(v.head.seq, 50);
      assert.equal(v.head.hash, rows[49]!.hash);
      assert.equal(v.lastSeal?.key, keyFingerprint(keys.publicKey));
      assert.equal((await h.store.last())?.seq, 50);
      assert.equal((await h.store.seal())?.seq, 50);
      assert.equal((await h.store.seal(11))?.seq, 22);
      assert.equal((await h.store.seal(10))?.seq, 11);
      assert.deepEqual(await h.store.read(20, 3), rows.slice(19, 22));
      assert.deepEqual(await h.store.read(20, 10, 21), rows.slice(19, 21));
      const t = (seq: number): string => rows[seq - 1]!.time;
      assert.deepEqual(await h.store.seqRange(t(5), t(9)), { first: 5, last: 8 });
      assert.equal(await h.store.seqRange("2030-01-01T00:00:00.000Z", "2031-01-01T00:00:00.000Z"), undefined);
    });

    withStore("continues the chain of an existing store after reopening", async (h) => {
      await fillLog(h.store, 12, { sealEvery: 5 });
      const again = await h.reopen();
      try {
        const log = await AuditLog.open({
          store: again,
          signingKey: keys.privateKey,
          sealEvery: 5,
          sealIntervalMs: 0,
        });
        assert.equal(log.chainHead.unsealed, 0);
        const r = await log.append("event", { type: "restart" });
        assert.equal(r.seq, (await all(h.store)).length);
        await log.close();
      } finally {
        await again.close();
      }
      assert.equal((await verify(h.store)).ok, true);
    });

    withStore("records after the last seal are reported as the unsealed tail, not an error", async (h) => {
      await fillLog(h.store, 14, { sealEvery: 10, sealTail: false });
      const v = await verify(h.store);
      assert.equal(v.ok, true);
      assert.equal(v.seals, 1);
      assert.equal(v.lastSeal?.seq, 11);
      assert.equal(v.unsealed, 4);
    });

    withStore("a field edited with SQL UPDATE: verify fails and names the record (edited)", async (h) => {
      await fillLog(h.store, 30);
      const row = (await all(h.store))[6]!;
      assert.equal(row.kind, "dialogue");
      const body = JSON.parse(row.body) as Record<string, unknown>;
      await h.update(7, { body: JSON.stringify({ ...body, peer: "4477850000100" }) });
      const v = await verify(h.store);
      assert.equal(v.ok, false);
      assert.deepEqual([v.firstBad?.seq, v.firstBad?.reason], [7, "edited"]);
      assert.equal(v.records, 6);
    });

    withStore("an edited time or kind, or a stored hash replaced, each fails at that record", async (h) => {
      await fillLog(h.store, 30);
      const rows = await all(h.store);
      await h.update(3, { time: "2026-03-01T12:00:02.500Z" });
      assert.deepEqual(pick(await verify(h.store)), [3, "edited"]);
      await h.update(3, { time: rows[2]!.time, kind: "event" });
      assert.deepEqual(pick(await verify(h.store)), [3, "edited"]);
      await h.update(3, { kind: rows[2]!.kind, hash: "f".repeat(64) });
      assert.deepEqual(pick(await verify(h.store)), [3, "edited"]);
      await h.update(3, { hash: rows[2]!.hash, body: "{not json" });
      assert.deepEqual(pick(await verify(h.store)), [3, "malformed"]);
      await h.update(3, { body: rows[2]!.body });
      assert.equal((await verify(h.store)).ok, true);
    });

    withStore("a deleted record: verify fails and names the missing seq (deleted)", async (h) => {
      await fillLog(h.store, 30);
      await h.remove(13);
      const v = await verify(h.store);
      assert.deepEqual(pick(v), [13, "deleted"]);
      assert.match(v.firstBad!.detail, /record 13 is missing \(the next present is 14\)/);
      await h.remove(1);
      assert.deepEqual(pick(await verify(h.store)), [1, "deleted"]);
    });

    withStore("two records swapped: verify fails at the first of them (reordered)", async (h) => {
      await fillLog(h.store, 30);
      const rows = await all(h.store);
      const [a, b] = [rows[19]!, rows[20]!];
      const content = (r: AuditRow): Partial<AuditRow> => ({
        time: r.time,
        kind: r.kind,
        body: r.body,
        prev: r.prev,
        hash: r.hash,
      });
      await h.update(20, content(b));
      await h.update(21, content(a));
      assert.deepEqual(pick(await verify(h.store)), [20, "reordered"]);
      // The same two swapped by renumbering instead.
      await h.update(20, content(a));
      await h.update(21, content(b));
      assert.equal((await verify(h.store)).ok, true);
      await h.update(20, { seq: 1_000_000 });
      await h.update(21, { seq: 20 });
      await h.update(1_000_000, { seq: 21 });
      assert.deepEqual(pick(await verify(h.store)), [20, "reordered"]);
    });

    withStore(
      "an edit with the whole chain rehashed after it fails at the next seal (bad signature)",
      async (h) => {
        await fillLog(h.store, 30, { sealEvery: 10 });
        const row = (await all(h.store))[4]!;
        await h.update(5, { body: JSON.stringify({ ...JSON.parse(row.body), result: "error:27" }) });
        // A forger without the private key: hashes fixed, seals re-signed with a key of their own but
        // claiming ours.
        await rewriteChain(h, 5, { key: otherKeys.privateKey, claim: keyFingerprint(keys.publicKey) });
        const v = await verify(h.store);
        assert.deepEqual(pick(v), [11, "badSignature"]);
        assert.equal(v.records, 10);
      },
    );

    withStore("a forged seal under another key's name fails as unknown key", async (h) => {
      await fillLog(h.store, 25, { sealEvery: 10 });
      await rewriteChain(h, 11, { key: otherKeys.privateKey, claim: keyFingerprint(otherKeys.publicKey) });
      assert.deepEqual(pick(await verify(h.store)), [11, "unknownKey"]);
      // Trusting both keys (a rotation), the same chain verifies.
      const v = await verifyAuditStore(h.store, new AuditKeyring([keys.publicKey, otherKeys.publicKey]));
      assert.equal(v.ok, true);
    });

    withStore("a seal whose head does not name the record before it fails (bad seal)", async (h) => {
      await fillLog(h.store, 12, { sealEvery: 10 });
      const rows = await all(h.store);
      const seal = recordOfRow(rows[10]!);
      const body = { ...seal.body, count: 9 };
      const hash = chainHash(seal.prev, recordDigest(seal.seq, seal.time, seal.kind, body));
      await h.update(11, { body: JSON.stringify(body), hash });
      assert.deepEqual(pick(await verify(h.store)), [11, "badSeal"]);
    });

    withStore("two writers on one store interleave without breaking the chain", async (h) => {
      const second = await h.reopen();
      try {
        const a = await AuditLog.open({
          store: h.store,
          signingKey: keys.privateKey,
          sealEvery: 7,
          sealIntervalMs: 0,
        });
        const b = await AuditLog.open({
          store: second,
          signingKey: keys.privateKey,
          sealEvery: 7,
          sealIntervalMs: 0,
        });
        const appended = await Promise.all(
          Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).append("event", { type: "tick", i })),
        );
        await a.close();
        await b.close();
        const seqs = appended.map((r) => r.seq);
        assert.equal(new Set(seqs).size, 40);
        const v = await verify(h.store);
        assert.equal(v.ok, true, JSON.stringify(v.firstBad));
        assert.ok(v.records >= 40 + 5);
        assert.equal(v.unsealed, 0);
      } finally {
        await second.close();
      }
    });

    withStore("an export from the store verifies; after an edit the store refuses to export", async (h) => {
      await fillLog(h.store, 40, { sealEvery: 10, now: steppingClock(T0, 1000) });
      const extract = await exportRange(h.store, {
        from: T0 + 5_000,
        to: T0 + 15_000,
        signingKey: keys.privateKey,
      });
      const v = verifyExport(extract, keys.publicKey);
      assert.equal(v.ok, true, v.error ?? JSON.stringify(v.firstBad));
      const rows = await all(h.store);
      const inRange = rows.filter(
        (r) => r.time >= new Date(T0 + 5_000).toISOString() && r.time < new Date(T0 + 15_000).toISOString(),
      );
      assert.equal(extract.first, inRange[0]!.seq);
      assert.equal(extract.last, inRange.at(-1)!.seq);
      assert.equal(inRange.length, 11);
      const row = rows[7]!;
      await h.update(8, { body: JSON.stringify({ ...JSON.parse(row.body), tampered: true }) });
      await assert.rejects(
        exportRange(h.store, { from: T0 + 5_000, to: T0 + 15_000, signingKey: keys.privateKey }),
        (e: unknown) => e instanceof AuditExportError && /record 8: hash mismatch/.test(e.message),
      );
    });
  });
}

function pick(v: VerifyResult): [number | undefined, string | undefined] {
  assert.equal(v.ok, false, "verify should have failed");
  return [v.firstBad?.seq, v.firstBad?.reason];
}
