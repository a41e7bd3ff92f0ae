import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromHex } from "../../../src/codec/bytes.js";
import {
  encodeTcap,
  InvokeProblem,
  inspectTcap,
  PAbortCause,
  ProblemType,
  type TcapFindingCode,
  type TcapMessageValue,
  tcapFindings,
} from "../../../src/codec/tcap/index.js";
import { canonicalFixtures, fixture } from "./fixtures.js";

function codes(v: TcapMessageValue): TcapFindingCode[] {
  return inspectTcap(encodeTcap(v)).findings.map((f) => f.code);
}

describe("TCAP sanity findings for the firewall (Q.773/Q.774)", () => {
  it("finds nothing wrong with well-formed dialogue messages", () => {
    for (const name of canonicalFixtures) {
      if (name === "beginNoDialogue" || name === "beginExternalDialogue") continue;
      assert.deepEqual(inspectTcap(fixture(name)).findings, [], name);
    }
  });

  it("notes a Begin without dialogue portion (no application context) as info", () => {
    const { message, findings } = inspectTcap(fixture("beginNoDialogue"));
    assert.equal(message?.type, "begin");
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity]),
      [["beginWithoutDialoguePortion", "info"]],
    );
  });

  it("reports a Continue and an End without dtid as errors with P-Abort incorrectTransactionPortion", () => {
    for (const hex of ["65 08 48 02 01 02 6c 02 a1 00", "64 07 6c 05 a2 03 02 01 01"]) {
      const { message, findings } = inspectTcap(fromHex(hex));
      assert.equal(message, undefined);
      assert.equal(findings.length, 1);
      const [f] = findings;
      assert.equal(f!.code, "decodeError");
      assert.equal(f!.severity, "error");
      assert.equal(f!.portion, "transaction");
      assert.equal(f!.offset, 0);
      assert.deepEqual(f!.remedy, { type: "pAbort", cause: PAbortCause.incorrectTransactionPortion });
      assert.match(f!.detail, /without dtid/);
    }
  });

  it("reports an unknown message type with P-Abort unrecognizedMessageType", () => {
    const [f] = inspectTcap(fromHex("66 03 48 01 01")).findings;
    assert.deepEqual(f!.remedy, { type: "pAbort", cause: PAbortCause.unrecognizedMessageType });
  });

  it("flags dialogue APDUs in the wrong message type", () => {
    const aare = {
      type: "aare",
      applicationContext: "0.4.0.0.1.0.20.3",
      result: 0,
      diagnosticSource: "dialogueServiceUser",
      diagnostic: 0,
    } as const;
    assert.deepEqual(codes({ type: "begin", otid: "01", dialogue: aare }), ["unexpectedDialoguePdu"]);
    assert.deepEqual(
      codes({ type: "end", dtid: "01", dialogue: { type: "aarq", applicationContext: "0.4" } }),
      ["unexpectedDialoguePdu"],
    );
    assert.deepEqual(
      codes({
        type: "unidirectional",
        dialogue: { type: "aarq", applicationContext: "0.4" },
        components: [{ type: "invoke", invokeId: 1, opcode: { type: "local", value: 1 } }],
      }),
      ["unexpectedDialoguePdu"],
    );
    assert.deepEqual(codes({ type: "abort", dtid: "01", dialogue: aare }), []);
  });

  it("flags a protocol-version without version1 as no common dialogue portion", () => {
    const { findings } = inspectTcap(
      encodeTcap({
        type: "begin",
        otid: "01",
        dialogue: { type: "aarq", protocolVersion: "0640", applicationContext: "0.4" },
      }),
    );
    assert.equal(findings[0]?.code, "unsupportedProtocolVersion");
    assert.deepEqual(findings[0]?.remedy, { type: "noCommonDialoguePortion" });
  });

  it("flags duplicate invoke IDs, unknown values and an empty component portion", () => {
    const invoke = { type: "invoke", invokeId: 3, opcode: { type: "local", value: 1 } } as const;
    const dup = inspectTcap(
      encodeTcap({ type: "continue", otid: "01", dtid: "02", components: [invoke, invoke] }),
    ).findings;
    assert.deepEqual(dup[0]?.remedy, {
      type: "reject",
      problemType: ProblemType.invoke,
      problem: InvokeProblem.duplicateInvokeID,
    });
    assert.deepEqual(codes({ type: "abort", dtid: "01", pAbortCause: 9 }), ["unknownValue"]);
    assert.deepEqual(codes({ type: "abort", dtid: "01", dialogue: { type: "abrt", abortSource: 2 } }), [
      "unknownValue",
    ]);
    assert.deepEqual(
      codes({
        type: "end",
        dtid: "01",
        components: [{ type: "reject", invokeId: 1, problemType: ProblemType.general, problem: 3 }],
      }),
      ["unknownValue"],
    );
    assert.deepEqual(codes({ type: "end", dtid: "01", components: [] }), ["emptyComponentPortion"]);
  });

  it("flags a dialogue portion that is not a Q.773 dialogue APDU", () => {
    const findings = tcapFindings({
      type: "begin",
      otid: "01",
      dialogue: { type: "external", directReference: "1.2.3.4", externalStart: 0, externalEnd: 0 },
    });
    assert.deepEqual(
      findings.map((f) => f.code),
      ["unknownDialoguePortion"],
    );
  });

  it("reports component and dialogue decode errors with a Reject or abnormal-dialogue remedy", () => {
    const comp = inspectTcap(fromHex("62 0a 48 01 01 6c 05 a1 03 02 01 01")).findings[0]!;
    assert.equal(comp.portion, "component");
    assert.deepEqual(comp.remedy, { type: "reject", problemType: 0, problem: 1 });
    const dlg = inspectTcap(fromHex("62 07 48 01 01 6b 02 30 00")).findings[0]!;
    assert.equal(dlg.portion, "dialogue");
    assert.deepEqual(dlg.remedy, { type: "abnormalDialogue" });
  });
});
