import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromHex } from "../../../src/codec/bytes.js";
import {
  ComponentType,
  decodeTcap,
  ScanCode,
  ScanDialogue,
  scanTcap,
  TcapDecodeError,
  TcapMessageType,
  TcapScan,
  tidHex,
} from "../../../src/codec/tcap/index.js";
import { type FixtureName, fixture, fixtures } from "./fixtures.js";
import { assertScanMatches } from "./helpers.js";

describe("scanTcap, the zero-allocation hot path", () => {
  it("reports the Begin's type, otid, application context and first Invoke", () => {
    const b = fixture("beginAarqInvoke");
    const s = scanTcap(b, 0, b.length, new TcapScan());
    assert.equal(s.messageType, TcapMessageType.begin);
    assert.equal(s.otid, 0x0a0b0c0d);
    assert.equal(s.otidLength, 4);
    assert.equal(s.otidHex(), "0a0b0c0d");
    assert.equal(s.dtidLength, 0);
    assert.equal(s.dtidHex(), undefined);
    assert.equal(s.dialogue, ScanDialogue.aarq);
    assert.equal(s.applicationContext(), "0.4.0.0.1.0.20.3");
    assert.equal(s.componentCount, 1);
    assert.equal(s.componentType, ComponentType.invoke);
    assert.equal(s.invokeId, 1);
    assert.equal(s.opcodeKind, ScanCode.local);
    assert.equal(s.opcode, 45);
    assert.deepEqual([s.paramStart, s.paramEnd], [50, 63]);
  });

  it("agrees with decodeTcap on every fixture, definite and indefinite", () => {
    const s = new TcapScan();
    for (const name of Object.keys(fixtures) as FixtureName[]) {
      const b = fixture(name);
      assertScanMatches(scanTcap(b, 0, b.length, s), decodeTcap(b));
    }
  });

  it("counts all components and reports a not-derivable Reject and global codes", () => {
    const s = new TcapScan();
    const four = fixture("continueFourComponents");
    scanTcap(four, 0, four.length, s);
    assert.equal(s.componentCount, 4);
    assert.equal(s.dtidHex(), "0002");
    // End { dtid 01, Reject { not-derivable NULL, invokeProblem [1] unrecognizedOperation (1) } }
    const ok = fromHex("64 0c 49 01 01 6c 07 a4 05 05 00 81 01 01");
    scanTcap(ok, 0, ok.length, s);
    assert.equal(s.hasInvokeId, false);
    assert.equal(s.problemType, 1);
    assert.equal(s.problem, 1);
    const uni = fixture("unidirectionalAudt");
    scanTcap(uni, 0, uni.length, s);
    assert.equal(s.dialogue, ScanDialogue.audt);
    assert.equal(s.opcodeOid(), "1.2.840.10045.1");
    assert.equal(s.hasLinkedId, true);
    assert.equal(s.linkedId, 2);
  });

  it("throws TcapDecodeError on a Continue without dtid, like decodeTcap", () => {
    const b = fromHex("65 08 48 02 01 02 6c 02 a1 00");
    assert.throws(
      () => scanTcap(b, 0, b.length, new TcapScan()),
      (e: unknown) => e instanceof TcapDecodeError && e.portion === "transaction",
    );
  });

  it("resets every field between scans of different messages", () => {
    const s = new TcapScan();
    const a = fixture("continueAareReturnResult");
    const b = fixture("abortP");
    scanTcap(a, 0, a.length, s);
    scanTcap(b, 0, b.length, s);
    assertScanMatches(s, decodeTcap(b));
    assert.equal(s.paramStart, -1);
    assert.equal(s.acnStart, -1);
  });

  it("formats transaction IDs with their leading zero octets", () => {
    assert.equal(tidHex(0, 4), "00000000");
    assert.equal(tidHex(0xff, 2), "00ff");
    assert.equal(tidHex(0xffffffff, 4), "ffffffff");
  });

  it("scans at least a million messages per second (prints ns/message)", (t) => {
    const s = new TcapScan();
    const report: string[] = [];
    for (const name of ["beginAarqInvoke", "continueAareReturnResult", "continueFourComponents"] as const) {
      const b = fixture(name);
      const n = 200_000;
      for (let i = 0; i < 20_000; i++) scanTcap(b, 0, b.length, s); // warm up
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) scanTcap(b, 0, b.length, s);
      const scanNs = Number(process.hrtime.bigint() - t0) / n;
      const m = 50_000;
      const t1 = process.hrtime.bigint();
      for (let i = 0; i < m; i++) decodeTcap(b);
      const decodeNs = Number(process.hrtime.bigint() - t1) / m;
      report.push(
        `${name}: scanTcap ${scanNs.toFixed(0)} ns/message, decodeTcap ${decodeNs.toFixed(0)} ns/message`,
      );
      // Generous bound so a slow CI box does not fail; the printed figure is the measurement.
      assert.ok(scanNs < 5_000, `${name}: ${scanNs} ns`);
    }
    for (const line of report) t.diagnostic(line);
  });
});
