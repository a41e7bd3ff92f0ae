/**
 * Reconciliation over a lab capture: an aggregator on the lab lessee Kestrel's GB range logs its SMS
 * deliveries; unlogged location queries (ATI, PSI, SRI-SM) from the same GTs are mixed into the home
 * operator's capture with the lab's benign background. `reconcile` must list exactly those, and nothing of
 * the background (other lessees' A2P traffic, partners' SMSCs, roaming).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type AuditDemo, buildAuditDemo } from "../../src/audit/demo.js";
import { type AuditExport, exportRange, verifyExport } from "../../src/audit/export.js";
import { AuditKeyring, loadIdentityKey, loadPublicKey } from "../../src/audit/keys.js";
import { AuditLog } from "../../src/audit/log.js";
import { type CapturedDialogue, reconcile } from "../../src/audit/reconcile.js";
import { dialogueBody } from "../../src/audit/record.js";
import { MemoryAuditStore } from "../../src/audit/store.js";
import { verifyAuditStore } from "../../src/audit/verify.js";
import { readCaptureDialogues, reconcileCapture } from "../../src/cli/audit.js";
import { SqliteAuditStore } from "../../src/store/sqlite-audit.js";
import { identityKey, keys, T0 } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "ss7guard-audit-reconcile-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("reconcile over a lab capture", () => {
  let demo: AuditDemo;
  let extract: AuditExport;
  let idKey: Buffer;

  before(async () => {
    demo = await buildAuditDemo({ dir: join(dir, "demo"), seed: 7, phantoms: 2 });
    extract = JSON.parse(readFileSync(demo.export, "utf8")) as AuditExport;
    idKey = await loadIdentityKey(demo.keys.identity);
  });

  it("the demo's log verifies and its export verifies with the public key", async () => {
    const pub = await loadPublicKey(demo.keys.public);
    const store = new SqliteAuditStore(demo.db, { readonly: true });
    try {
      const v = await verifyAuditStore(store, new AuditKeyring(pub));
      assert.equal(v.ok, true);
      assert.equal(v.unsealed, 0);
      assert.ok(v.seals >= 3);
    } finally {
      await store.close();
    }
    assert.equal(verifyExport(extract, pub).ok, true);
    assert.equal(demo.unlogged.length, 6);
    assert.deepEqual([...new Set(demo.unlogged.map((u) => u.operation))].sort(), [
      "anyTimeInterrogation",
      "provideSubscriberInfo",
      "sendRoutingInfoForSM",
    ]);
  });

  it("the capture holds other lessees' and partners' traffic too, which is not ours", async () => {
    const everyone = await readCaptureDialogues(demo.capture, [""]);
    const ours = await readCaptureDialogues(demo.capture, [demo.ourPrefix]);
    assert.equal(ours.complete, true);
    assert.equal(ours.problems, 0);
    assert.equal(ours.messages, demo.frames);
    assert.ok(everyone.dialogues.length > ours.dialogues.length * 5);
    // Other A2P GTs of the same lessee's other ranges, and the other lessee, send SRI-SM too.
    assert.ok(everyone.dialogues.some((d) => d.opcode === 45 && !d.gt.startsWith(demo.ourPrefix)));
    assert.equal(ours.dialogues.length, demo.loggedDialogues - demo.phantoms.length + demo.unlogged.length);
  });

  it("lists exactly the unlogged location queries, and every logged delivery is matched", async () => {
    const { report } = await reconcileCapture(extract, demo.capture, {
      ourGts: [demo.ourPrefix],
      identityKey: idKey,
    });
    assert.deepEqual(
      report.unaccounted.map((u) => u.frame),
      demo.unlogged.map((u) => u.frame),
    );
    for (const [u, truth] of report.unaccounted.map((u, i) => [u, demo.unlogged[i]!] as const)) {
      assert.equal(u.operation, truth.operation);
      assert.equal(u.gt, truth.gt);
      assert.equal(u.otid, truth.otid);
      assert.equal(u.reason, "not in the log");
      assert.ok(u.imsi !== undefined || u.msisdn !== undefined);
    }
    assert.equal(report.matched, demo.loggedDialogues - demo.phantoms.length);
    assert.equal(report.logged, demo.loggedDialogues);
    assert.equal(report.outsideRange, 0);
    // The phantom records (logged, never on the wire) are what the capture lacks.
    assert.deepEqual(
      report.missing.map((m) => [m.seq, m.operation, m.otid]),
      demo.phantoms.map((p) => [p.seq, p.operation, p.otid]),
    );
  });

  it("gives the same answer without the identity key, and restricts missing ones to the peers given", async () => {
    const plain = await reconcileCapture(extract, demo.capture, { ourGts: [demo.ourPrefix] });
    assert.deepEqual(
      plain.report.unaccounted.map((u) => u.frame),
      demo.unlogged.map((u) => u.frame),
    );
    const home = await reconcileCapture(extract, demo.capture, {
      ourGts: [demo.ourPrefix],
      peers: [demo.homePrefix],
    });
    assert.equal(home.report.missing.length, demo.phantoms.length);
    const elsewhere = await reconcileCapture(extract, demo.capture, {
      ourGts: [demo.ourPrefix],
      peers: ["4917"],
    });
    assert.equal(elsewhere.report.missing.length, 0);
  });

  it("with another aggregator's prefix as ours, everything it sent is unaccounted", async () => {
    const { report } = await reconcileCapture(extract, demo.capture, { ourGts: ["44778509"] });
    assert.ok(report.captured > 0);
    assert.equal(report.matched, 0);
    assert.equal(report.unaccounted.length, report.inRange);
  });
});

describe("reconcile (matching rules)", () => {
  const GT = "447785080101";
  const PEER = "12025550100";

  async function exportOf(
    dialogues: { otid: string; start: number; opcode: number; msisdn: string; peer?: string }[],
  ) {
    const store = new MemoryAuditStore();
    let now = T0;
    const log = await AuditLog.open({
      store,
      signingKey: keys.privateKey,
      sealIntervalMs: 0,
      now: () => now,
    });
    for (const d of dialogues) {
      now = d.start + 30;
      await log.append(
        "dialogue",
        dialogueBody(identityKey, {
          operation: d.opcode === 45 ? "sendRoutingInfoForSM" : "anyTimeInterrogation",
          opcode: d.opcode,
          msisdn: d.msisdn,
          gt: GT,
          peer: d.peer ?? PEER,
          otid: d.otid,
          start: d.start,
          result: "ok",
        }),
      );
    }
    await log.close();
    return exportRange(store, { from: T0 - 60_000, to: T0 + 600_000, signingKey: keys.privateKey });
  }

  function captured(
    frame: number,
    otid: string,
    timeMs: number,
    over: Partial<CapturedDialogue> = {},
  ): CapturedDialogue {
    return {
      frame,
      timeMs,
      gt: GT,
      peer: PEER,
      opcode: 45,
      operation: "sendRoutingInfoForSM",
      otid,
      msisdn: "12025560001",
      ...over,
    };
  }

  it("matches by GT, otid and time; names what differs when a record has the GT and otid", async () => {
    const x = await exportOf([
      { otid: "0a000001", start: T0, opcode: 45, msisdn: "12025560001" },
      { otid: "0a000002", start: T0 + 1000, opcode: 45, msisdn: "12025560001" },
      { otid: "0a000003", start: T0 + 2000, opcode: 45, msisdn: "12025560001" },
      { otid: "0a000004", start: T0 + 3000, opcode: 45, msisdn: "12025560001" },
    ]);
    const report = reconcile(
      x,
      [
        captured(1, "0a000001", T0 + 12.5),
        // Logged as SRI-SM, sent as anyTimeInterrogation with the same TID.
        captured(2, "0A000002", T0 + 1000, { opcode: 71, operation: "anyTimeInterrogation" }),
        // Another subscriber than the one logged.
        captured(3, "0a000003", T0 + 2000, { msisdn: "12025569999" }),
        // Another peer.
        captured(4, "0a000004", T0 + 3000, { peer: "4917000000100" }),
        // Not ours: ignored.
        captured(5, "0a000005", T0 + 3000, { gt: "447785090101" }),
      ],
      { ourGts: ["44778508"], identityKey },
    );
    assert.equal(report.captured, 4);
    assert.equal(report.matched, 1);
    assert.deepEqual(
      report.unaccounted.map((u) => [u.frame, u.reason, u.seq]),
      [
        [2, "logged as sendRoutingInfoForSM", 2],
        [3, "logged for another msisdn", 3],
        [4, "logged toward 12025550100", 4],
      ],
    );
    // Without the identity key the subscriber cannot be compared.
    const blind = reconcile(x, [captured(3, "0a000003", T0 + 2000, { msisdn: "12025569999" })], {
      ourGts: [GT],
    });
    assert.equal(blind.matched, 1);
  });

  it("a record outside the time tolerance does not match; a wider tolerance matches it", async () => {
    const x = await exportOf([{ otid: "0b000001", start: T0, opcode: 45, msisdn: "12025560001" }]);
    const late = [captured(1, "0b000001", T0 + 5000)];
    const strict = reconcile(x, late, { ourGts: [GT] });
    assert.deepEqual([strict.matched, strict.unaccounted.length, strict.missing.length], [0, 1, 1]);
    const loose = reconcile(x, late, { ourGts: [GT], toleranceMs: 10_000 });
    assert.deepEqual([loose.matched, loose.unaccounted.length, loose.missing.length], [1, 0, 0]);
  });

  it("one record accounts for one dialogue: a replayed TID is unaccounted the second time", async () => {
    const x = await exportOf([{ otid: "0c000001", start: T0, opcode: 45, msisdn: "12025560001" }]);
    const report = reconcile(x, [captured(1, "0c000001", T0), captured(2, "0c000001", T0 + 500)], {
      ourGts: [GT],
    });
    assert.equal(report.matched, 1);
    assert.deepEqual(
      report.unaccounted.map((u) => [u.frame, u.reason]),
      [[2, "not in the log"]],
    );
  });

  it("dialogues outside the export's range are counted, not judged; logged ones outside the capture's span are not missing", async () => {
    const x = await exportOf([
      { otid: "0d000001", start: T0, opcode: 45, msisdn: "12025560001" },
      { otid: "0d000002", start: T0 + 300_000, opcode: 45, msisdn: "12025560001" },
    ]);
    const report = reconcile(x, [captured(1, "0d000001", T0), captured(2, "0dffffff", T0 + 3_600_000)], {
      ourGts: [GT],
      captureSpan: { firstMs: T0 - 1000, lastMs: T0 + 60_000 },
    });
    assert.deepEqual(
      [report.matched, report.outsideRange, report.unaccounted.length, report.missing.length],
      [1, 1, 0, 0],
    );
  });
});
