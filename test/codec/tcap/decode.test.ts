import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readObjectIdentifier } from "../../../src/codec/ber/index.js";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import {
  AbortSource,
  AssociateResult,
  ComponentType,
  DialogueServiceUserDiagnostic,
  decodeComponent,
  decodeComponents,
  decodeDialoguePortion,
  decodeTcap,
  GeneralProblem,
  InvokeProblem,
  PAbortCause,
  ProblemType,
  ProtocolVersion,
  ReturnErrorProblem,
  ReturnResultProblem,
  TcapDecodeError,
  TcapMessageType,
  TcapOid,
} from "../../../src/codec/tcap/index.js";
import { canonicalFixtures, fixture } from "./fixtures.js";

describe("TCAP constants (Q.773)", () => {
  it("names every message type, P-Abort cause and problem code with its Q.773 value", () => {
    assert.deepEqual(TcapMessageType, { unidirectional: 1, begin: 2, end: 4, continue: 5, abort: 7 });
    assert.deepEqual(PAbortCause, {
      unrecognizedMessageType: 0,
      unrecognizedTransactionID: 1,
      badlyFormattedTransactionPortion: 2,
      incorrectTransactionPortion: 3,
      resourceLimitation: 4,
    });
    assert.deepEqual(ComponentType, {
      invoke: 1,
      returnResultLast: 2,
      returnError: 3,
      reject: 4,
      returnResultNotLast: 7,
    });
    assert.equal(Object.keys(GeneralProblem).length, 3);
    assert.equal(InvokeProblem.unexpectedLinkedOperation, 7);
    assert.equal(Object.keys(InvokeProblem).length, 8);
    assert.equal(ReturnResultProblem.mistypedParameter, 2);
    assert.equal(ReturnErrorProblem.mistypedParameter, 4);
    assert.equal(Object.keys(ReturnErrorProblem).length, 5);
    assert.equal(DialogueServiceUserDiagnostic.applicationContextNameNotSupported, 2);
    assert.equal(AbortSource.dialogueServiceProvider, 1);
  });
});

describe("TCAP decoder on hand-built Q.773 messages", () => {
  it("decodes a Begin with an AARQ and an Invoke whose parameter offsets cover the whole TLV", () => {
    const b = fixture("beginAarqInvoke");
    const m = decodeTcap(b);
    assert.deepEqual(m, {
      type: "begin",
      otid: "0a0b0c0d",
      dialogue: {
        type: "aarq",
        protocolVersion: ProtocolVersion.version1,
        applicationContext: "0.4.0.0.1.0.20.3",
      },
      components: [
        { type: "invoke", invokeId: 1, opcode: { type: "local", value: 45 }, paramStart: 50, paramEnd: 63 },
      ],
    });
    // The parameter starts at its own tag (30 = SEQUENCE), which is what MAP decodes from.
    assert.equal(toHex(b, 50, 63), "300b8006914497000001810101");
  });

  it("decodes the indefinite-length form of the same Begin to the same values", () => {
    const definite = decodeTcap(fixture("beginAarqInvoke"));
    const b = fixture("beginAarqInvokeIndefinite");
    const m = decodeTcap(b);
    assert.equal(m.type, "begin");
    assert.deepEqual({ ...m, components: undefined }, { ...definite, components: undefined });
    const inv = m.type === "begin" ? m.components![0]! : undefined;
    assert.ok(inv?.type === "invoke");
    // Parameter offsets cover the indefinite TLV including its end-of-contents octets.
    assert.equal(toHex(b, inv.paramStart!, inv.paramEnd!), "30808006914497000001810101" + "0000");
  });

  it("decodes a Continue with an accepted AARE and a ReturnResultLast", () => {
    const b = fixture("continueAareReturnResult");
    const m = decodeTcap(b);
    assert.ok(m.type === "continue");
    assert.equal(m.otid, "11223344");
    assert.equal(m.dtid, "0a0b0c0d");
    assert.deepEqual(m.dialogue, {
      type: "aare",
      protocolVersion: "0780",
      applicationContext: "0.4.0.0.1.0.20.3",
      result: AssociateResult.accepted,
      diagnosticSource: "dialogueServiceUser",
      diagnostic: DialogueServiceUserDiagnostic.null,
    });
    const rr = m.components![0]!;
    assert.ok(rr.type === "returnResultLast");
    assert.deepEqual(rr.opcode, { type: "local", value: 45 });
    assert.equal(b[rr.paramStart!], 0x30);
    assert.equal(rr.paramEnd, b.length);
  });

  it("decodes an End with a ReturnError and an End with a bare ReturnResultLast", () => {
    assert.deepEqual(decodeTcap(fixture("endReturnError")), {
      type: "end",
      dtid: "11223344",
      components: [
        {
          type: "returnError",
          invokeId: 1,
          errorCode: { type: "local", value: 6 },
          paramStart: 18,
          paramEnd: 23,
        },
      ],
    });
    assert.deepEqual(decodeTcap(fixture("endReturnResultEmpty")), {
      type: "end",
      dtid: "01",
      components: [{ type: "returnResultLast", invokeId: 1 }],
    });
  });

  it("decodes a P-Abort, a U-Abort with ABRT and a U-Abort with a rejecting AARE", () => {
    assert.deepEqual(decodeTcap(fixture("abortP")), {
      type: "abort",
      dtid: "11223344",
      pAbortCause: PAbortCause.unrecognizedTransactionID,
    });
    assert.deepEqual(decodeTcap(fixture("abortUAbrt")), {
      type: "abort",
      dtid: "0a0b0c0d",
      dialogue: { type: "abrt", abortSource: AbortSource.dialogueServiceUser },
    });
    assert.deepEqual(decodeTcap(fixture("abortAareReject")), {
      type: "abort",
      dtid: "0a0b0c0d",
      dialogue: {
        type: "aare",
        applicationContext: "0.4.0.0.1.0.20.2",
        result: AssociateResult.rejectPermanent,
        diagnosticSource: "dialogueServiceUser",
        diagnostic: DialogueServiceUserDiagnostic.applicationContextNameNotSupported,
      },
    });
  });

  it("decodes a Unidirectional with an AUDT and an Invoke with a linked ID and a global opcode", () => {
    assert.deepEqual(decodeTcap(fixture("unidirectionalAudt")), {
      type: "unidirectional",
      dialogue: { type: "audt", protocolVersion: "0780", applicationContext: "0.4.0.0.1.0.25.2" },
      components: [
        { type: "invoke", invokeId: 5, linkedId: 2, opcode: { type: "global", oid: "1.2.840.10045.1" } },
      ],
    });
  });

  it("decodes several components, negative invoke IDs and both forms of Reject invoke ID", () => {
    const m = decodeTcap(fixture("continueFourComponents"));
    assert.ok(m.type === "continue");
    assert.equal(m.dtid, "0002");
    assert.deepEqual(m.components, [
      { type: "invoke", invokeId: 127, opcode: { type: "local", value: 59 } },
      {
        type: "returnResultNotLast",
        invokeId: -128,
        opcode: { type: "local", value: 59 },
        paramStart: 29,
        paramEnd: 34,
      },
      {
        type: "reject",
        invokeId: null,
        problemType: ProblemType.general,
        problem: GeneralProblem.badlyStructuredComponent,
      },
      {
        type: "reject",
        invokeId: 5,
        problemType: ProblemType.returnError,
        problem: ReturnErrorProblem.mistypedParameter,
      },
    ]);
  });

  it("decodes a Begin without dialogue portion, an unknown EXTERNAL, and AARQ user-information offsets", () => {
    const plain = decodeTcap(fixture("beginNoDialogue"));
    assert.ok(plain.type === "begin" && plain.dialogue === undefined && plain.components?.length === 1);
    assert.deepEqual(decodeTcap(fixture("beginExternalDialogue")), {
      type: "begin",
      otid: "01",
      dialogue: { type: "external", directReference: "1.2.3.4", externalStart: 7, externalEnd: 19 },
    });
    const b = fixture("beginAarqUserInfo");
    const m = decodeTcap(b);
    assert.ok(m.type === "begin" && m.dialogue?.type === "aarq" && !("components" in m));
    const { userInformationStart: s, userInformationEnd: e } = m.dialogue;
    // The content of [30]: one EXTERNAL whose direct-reference is MAP's map-DialogueAS.
    assert.equal(b[s!], 0x28);
    assert.equal(e, b.length);
    assert.equal(readObjectIdentifier(b, s! + 4, s! + 11), "0.4.0.0.1.1.1.1");
  });

  it("keeps offsets absolute when the message sits inside a larger buffer, and never reads past end", () => {
    const msg = fixture("beginAarqInvoke");
    const buf = Buffer.concat([fromHex("ff ff ff ff ff"), msg, fromHex("ee ee")]);
    const m = decodeTcap(buf, 5, 5 + msg.length);
    assert.ok(m.type === "begin");
    const inv = m.components![0]!;
    assert.ok(inv.type === "invoke");
    assert.deepEqual([inv.paramStart, inv.paramEnd], [55, 68]);
    // Cutting the range one octet short is a decode error, not a read of the trailing octets.
    assert.throws(() => decodeTcap(buf, 5, 4 + msg.length), DecodeError);
  });

  it("decodes every fixture with the standalone component and dialogue decoders too", () => {
    for (const name of canonicalFixtures) {
      const b = fixture(name);
      const m = decodeTcap(b);
      // Find the portions by walking the message TLV.
      let at = 2;
      if (b[1]! & 0x80) at += b[1]! & 0x7f;
      while (at < b.length) {
        const tag = b[at]!;
        const len = b[at + 1]!;
        if (tag === 0x6b) {
          assert.deepEqual(decodeDialoguePortion(b, at, at + 2 + len), m.dialogue, name);
        } else if (tag === 0x6c) {
          const components = decodeComponents(b, at + 2, at + 2 + len);
          assert.deepEqual(components, "components" in m ? m.components : undefined, name);
          let c = at + 2;
          for (const comp of components) {
            const clen = 2 + b[c + 1]!;
            assert.deepEqual(decodeComponent(b, c, c + clen), comp, name);
            c += clen;
          }
        }
        at += 2 + len;
      }
    }
  });

  it("uses the Q.773 dialogue OIDs", () => {
    assert.equal(TcapOid.dialogueAsId, "0.0.17.773.1.1.1");
    assert.equal(TcapOid.uniDialogueAsId, "0.0.17.773.1.2.1");
  });
});

describe("TCAP decode errors carry the portion and the Q.774 remedy", () => {
  const cases: [string, string, string, Record<string, unknown>][] = [
    // [description, hex, portion, remedy]
    [
      "an ANSI TCAP package type (private class)",
      "e2 03 c7 01 01",
      "transaction",
      { type: "pAbort", cause: 0 },
    ],
    ["the reserved tag [APPLICATION 3]", "63 03 48 01 01", "transaction", { type: "pAbort", cause: 0 }],
    ["a Continue without dtid", "65 08 48 02 01 02 6c 02 a1 00", "transaction", { type: "pAbort", cause: 3 }],
    ["an End without dtid", "64 05 6c 03 a2 01 00", "transaction", { type: "pAbort", cause: 3 }],
    ["a Begin without otid", "62 05 6c 03 a2 01 00", "transaction", { type: "pAbort", cause: 3 }],
    ["a Begin carrying a dtid", "62 06 48 01 01 49 01 02", "transaction", { type: "pAbort", cause: 3 }],
    [
      "a Continue with dtid before otid",
      "65 06 49 01 01 48 01 02",
      "transaction",
      { type: "pAbort", cause: 3 },
    ],
    [
      "an Abort with both causes",
      "67 0b 49 01 01 4a 01 01 6b 03 28 01 00",
      "transaction",
      { type: "pAbort", cause: 3 },
    ],
    ["an otid of five octets", "62 07 48 05 01 02 03 04 05", "transaction", { type: "pAbort", cause: 2 }],
    ["an empty otid", "62 02 48 00", "transaction", { type: "pAbort", cause: 2 }],
    ["a constructed otid", "62 05 68 03 04 01 01", "transaction", { type: "pAbort", cause: 2 }],
    [
      "a length running past the message",
      "62 09 48 04 01 02 03 04",
      "transaction",
      { type: "pAbort", cause: 2 },
    ],
    ["octets after the message", "62 03 48 01 01 00", "transaction", { type: "pAbort", cause: 2 }],
    [
      "a dialogue portion without EXTERNAL",
      "62 07 48 01 01 6b 02 30 00",
      "dialogue",
      { type: "abnormalDialogue" },
    ],
    [
      "an AARQ without application-context-name",
      "62 1a 48 01 01 6b 15 28 13 06 07 00 11 86 05 01 01 01 a0 08 60 06 80 02 07 80 00 00",
      "dialogue",
      { type: "abnormalDialogue" },
    ],
    [
      "a component of unknown type [5]",
      "62 0a 48 01 01 6c 05 a5 03 02 01 01",
      "component",
      { type: "reject", problemType: 0, problem: 0 },
    ],
    [
      "an Invoke without operationCode",
      "62 0a 48 01 01 6c 05 a1 03 02 01 01",
      "component",
      { type: "reject", problemType: 0, problem: 1 },
    ],
    [
      "an invoke ID of 128",
      "62 0e 48 01 01 6c 09 a1 07 02 02 00 80 02 01 01",
      "component",
      { type: "reject", problemType: 0, problem: 1 },
    ],
    [
      "a component whose length lies",
      "62 0a 48 01 01 6c 05 a1 07 02 01 01",
      "component",
      { type: "reject", problemType: 0, problem: 2 },
    ],
  ];
  for (const [what, hex, portion, remedy] of cases) {
    it(`reports ${what}`, () => {
      assert.throws(
        () => decodeTcap(fromHex(hex)),
        (e: unknown) => {
          assert.ok(e instanceof TcapDecodeError, String(e));
          assert.ok(e instanceof DecodeError);
          assert.equal(e.layer, "tcap");
          assert.equal(e.portion, portion, e.message);
          assert.deepEqual({ ...e.remedy }, remedy, e.message);
          return true;
        },
      );
    });
  }

  it("rejects a range outside the buffer as a DecodeError", () => {
    assert.throws(() => decodeTcap(fromHex("62 00"), 0, 5), DecodeError);
    assert.throws(() => decodeTcap(fromHex("62 00"), 2, 1), DecodeError);
  });

  it("skips 5 000 levels of definite nesting in a parameter without recursing", () => {
    let param: Buffer = fromHex("05 00");
    for (let i = 0; i < 5000; i++) param = Buffer.concat([fromHex("30"), berLength(param.length), param]);
    const m = decodeTcap(beginWithParameter(param));
    assert.ok(m.type === "begin" && m.components?.[0]?.type === "invoke");
    assert.equal(m.components[0].paramEnd! - m.components[0].paramStart!, param.length);
  });

  it("refuses indefinite nesting deeper than the BER limit with a DecodeError, not a stack overflow", () => {
    const inner: number[] = [];
    for (let i = 0; i < 5000; i++) inner.push(0x30, 0x80);
    for (let i = 0; i < 5000; i++) inner.push(0, 0);
    assert.throws(() => decodeTcap(beginWithParameter(Buffer.from(inner))), TcapDecodeError);
  });
});

function berLength(n: number): Buffer {
  if (n < 0x80) return Buffer.of(n);
  const b = Buffer.alloc(5);
  b[0] = 0x84;
  b.writeUInt32BE(n, 1);
  return b;
}

/** Begin { otid 01, components { Invoke { 1, opcode 1, parameter } } } around a parameter TLV. */
function beginWithParameter(param: Buffer): Buffer {
  const invoke = Buffer.concat([fromHex("02 01 01 02 01 01"), param]);
  const comp = Buffer.concat([fromHex("a1"), berLength(invoke.length), invoke]);
  const portion = Buffer.concat([fromHex("6c"), berLength(comp.length), comp]);
  const body = Buffer.concat([fromHex("48 01 01"), portion]);
  return Buffer.concat([fromHex("62"), berLength(body.length), body]);
}
