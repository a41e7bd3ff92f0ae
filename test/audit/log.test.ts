/** AuditLog over the in-memory store: chaining, sealing by count and by timer, group commit, failures. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keyFingerprint, verifyMessage } from "../../src/audit/keys.js";
import { AuditLog } from "../../src/audit/log.js";
import { type AuditRow, GENESIS_HASH, recordOfRow, sealMessage } from "../../src/audit/record.js";
import { MemoryAuditStore } from "../../src/audit/store.js";
import { keys, steppingClock, T0 } from "./helpers.js";

/** A memory store that counts its transactions and can be told to fail the next one. */
class CountingStore extends MemoryAuditStore {
  transactions = 0;
  failNext: Error | undefined;
  override async append(rows: readonly AuditRow[]): Promise<void> {
    this.transactions++;
    const e = this.failNext;
    this.failNext = undefined;
    if (e) throw e;
    return super.append(rows);
  }
}

describe("AuditLog", () => {
  it("chains records from the genesis hash and seals every N records, then the tail at close", async () => {
    const store = new MemoryAuditStore();
    const log = await AuditLog.open({
      store,
      signingKey: keys.privateKey,
      sealEvery: 3,
      sealIntervalMs: 0,
      now: steppingClock(),
    });
    const records = [];
    for (let i = 0; i < 7; i++) records.push(await log.append("event", { type: "tick", i }));
    assert.equal(records[0]!.prev, GENESIS_HASH);
    for (let i = 1; i < records.length; i++)
      assert.equal(records[i]!.seq, records[i - 1]!.seq + (i % 3 === 0 ? 2 : 1));
    assert.deepEqual(
      store.rows.map((r) => r.kind),
      ["event", "event", "event", "seal", "event", "event", "event", "seal", "event"],
    );
    assert.equal(log.chainHead.unsealed, 1);
    await log.close();
    assert.equal(store.rows.at(-1)!.kind, "seal");
    const v = await log.verify(keys.publicKey);
    assert.deepEqual([v.ok, v.records, v.seals, v.unsealed], [true, 10, 3, 0]);
  });

  it("a seal signs the head hash, count, time and key fingerprint with Ed25519", async () => {
    const store = new MemoryAuditStore();
    const log = await AuditLog.open({ store, signingKey: keys.privateKey, sealEvery: 0, sealIntervalMs: 0 });
    const a = await log.append("event", { type: "a" });
    const b = await log.append("event", { type: "b" });
    const seal = (await log.seal())!;
    assert.equal(seal.seq, 3);
    assert.equal(seal.prev, b.hash);
    const body = seal.body as { head: string; count: number; key: string; signature: string };
    assert.deepEqual([body.head, body.count, body.key], [b.hash, 2, keyFingerprint(keys.publicKey)]);
    assert.ok(verifyMessage(keys.publicKey, sealMessage(b.hash, 2, seal.time, body.key), body.signature));
    assert.ok(!verifyMessage(keys.publicKey, sealMessage(a.hash, 1, seal.time, body.key), body.signature));
    // Nothing new: no second seal.
    assert.equal(await log.seal(), undefined);
    await log.close();
    assert.equal(store.rows.length, 3);
  });

  it("group-commits appends made in the same tick into one transaction, in call order", async () => {
    const store = new CountingStore();
    const log = await AuditLog.open({ store, signingKey: keys.privateKey, sealEvery: 40, sealIntervalMs: 0 });
    const all = await Promise.all(
      Array.from({ length: 100 }, (_, i) => log.append("event", { type: "n", i })),
    );
    assert.equal(store.transactions, 1);
    assert.deepEqual(
      all.map((r) => r.body["i"]),
      Array.from({ length: 100 }, (_, i) => i),
    );
    // Seals after 40 and 80 in the same batch: record 41 is a seal, so the 41st append is seq 42.
    assert.equal(all[40]!.seq, 42);
    assert.equal(store.rows[40]!.kind, "seal");
    await log.close();
    assert.equal((await log.verify()).ok, true);
  });

  it("never writes a time earlier than the record before, whatever the clock says", async () => {
    const store = new MemoryAuditStore();
    const times = [T0, T0 + 5000, T0 + 1000, T0 + 7000];
    const log = await AuditLog.open({ store, sealIntervalMs: 0, now: () => times.shift() ?? T0 });
    const rs = [];
    for (let i = 0; i < 4; i++) rs.push(await log.append("event", { type: "t" }));
    assert.deepEqual(
      rs.map((r) => r.time),
      [
        "2026-03-01T12:00:00.000Z",
        "2026-03-01T12:00:05.000Z",
        "2026-03-01T12:00:05.000Z",
        "2026-03-01T12:00:07.000Z",
      ],
    );
  });

  it("seals on the timer while something is unsealed", async () => {
    const store = new MemoryAuditStore();
    const log = await AuditLog.open({ store, signingKey: keys.privateKey, sealEvery: 0, sealIntervalMs: 20 });
    await log.append("event", { type: "x" });
    const deadline = Date.now() + 5000;
    while (!store.rows.some((r) => r.kind === "seal") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    assert.equal(store.rows[1]?.kind, "seal");
    // Idle: no further seals.
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(store.rows.length, 2);
    await log.close();
    assert.equal(store.rows.length, 2);
  });

  it("rejects a body without a canonical form alone; the rest of the tick's batch is written", async () => {
    const store = new MemoryAuditStore();
    const log = await AuditLog.open({ store, sealIntervalMs: 0 });
    const results = await Promise.allSettled([
      log.append("event", { type: "ok1" }),
      log.append("event", { type: "bad", ratio: 0.5 }),
      log.append("event", { type: "ok2" }),
      log.append("seal" as "event", {}),
      log.append("event", [] as never),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["fulfilled", "rejected", "fulfilled", "rejected", "rejected"],
    );
    assert.deepEqual(
      store.rows.map((r) => recordOfRow(r).body["type"]),
      ["ok1", "ok2"],
    );
  });

  it("a later change to the caller's body object does not change what is written", async () => {
    const store = new MemoryAuditStore();
    const log = await AuditLog.open({ store, sealIntervalMs: 0 });
    const body = { type: "x", n: 1 };
    const p = log.append("event", body);
    body.n = 2;
    assert.equal((await p).body["n"], 1);
    assert.equal(recordOfRow(store.rows[0]!).body["n"], 1);
  });

  it("a failed store write rejects its batch and leaves the head where it was", async () => {
    const store = new CountingStore();
    const log = await AuditLog.open({ store, signingKey: keys.privateKey, sealIntervalMs: 0 });
    await log.append("event", { type: "1" });
    store.failNext = new Error("disk full");
    await assert.rejects(
      Promise.all([log.append("event", { type: "2" }), log.append("event", { type: "3" })]),
      /disk full/,
    );
    const r = await log.append("event", { type: "4" });
    assert.equal(r.seq, 2);
    await log.close();
    assert.equal((await log.verify()).ok, true);
    await assert.rejects(log.append("event", { type: "late" }), /closed/);
  });

  it("a log without a signing key appends but cannot seal", async () => {
    const store = new MemoryAuditStore();
    const log = await AuditLog.open({ store });
    await log.append("config-change", { actor: "ops", change: "x" });
    await assert.rejects(log.seal(), /no signing key/);
    await log.close();
    const v = await log.verify(keys.publicKey);
    assert.deepEqual([v.ok, v.seals, v.unsealed], [true, 0, 1]);
  });
});
