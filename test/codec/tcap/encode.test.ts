import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { BerClass } from "../../../src/codec/ber/index.js";
import { toHex } from "../../../src/codec/bytes.js";
import { EncodeError } from "../../../src/codec/errors.js";
import {
  AbortSource,
  decodeComponent,
  decodeDialoguePortion,
  decodeTcap,
  encodeDialoguePortion,
  encodeTcap,
  encodeTcapComponent,
  GeneralProblem,
  PAbortCause,
  ProblemType,
  ProtocolVersion,
  scanTcap,
  type TcapMessageValue,
  TcapScan,
  tcapComponentValue,
  tcapDialogueValue,
  tcapValue,
} from "../../../src/codec/tcap/index.js";
import { componentArb, dialogueArb, messageArb } from "./arbitraries.js";
import { canonicalFixtures, fixture } from "./fixtures.js";
import { assertAsn1jsAgrees, assertScanMatches } from "./helpers.js";

const RUNS = { numRuns: 400 };

describe("TCAP encoder reproduces the hand-built Q.773 fixtures", () => {
  for (const name of canonicalFixtures) {
    it(`re-encodes ${name} octet for octet`, () => {
      const b = fixture(name);
      assert.equal(toHex(encodeTcap(tcapValue(decodeTcap(b), b))), toHex(b));
    });
  }

  it("encodes the indefinite-length Begin with definite lengths, keeping the opaque parameter as received", () => {
    const b = fixture("beginAarqInvokeIndefinite");
    const definite = toHex(fixture("beginAarqInvoke"));
    // The parameter is opaque to TCAP, so its indefinite form (2 octets of EOC) stays; lengths grow by 2.
    const expected = definite
      .replace(/^623d/, "623f")
      .replace("6c15a113", "6c17a115")
      .replace("300b8006914497000001810101", "30808006914497000001810101" + "0000");
    assert.equal(toHex(encodeTcap(tcapValue(decodeTcap(b), b))), expected);
  });

  it("builds a Begin from values, with a MAP-style parameter writer callback", () => {
    const bytes = encodeTcap({
      type: "begin",
      otid: "0A0B0C0D", // upper case accepted, decoded back as lower case
      dialogue: {
        type: "aarq",
        protocolVersion: ProtocolVersion.version1,
        applicationContext: "0.4.0.0.1.0.20.3",
      },
      components: [
        {
          type: "invoke",
          invokeId: 1,
          opcode: { type: "local", value: 45 },
          parameter: (w) => {
            const m = w.begin(BerClass.universal, 16);
            w.primitive(BerClass.contextSpecific, 0, Uint8Array.of(0x91, 0x44, 0x97, 0x00, 0x00, 0x01));
            w.boolean(BerClass.contextSpecific, 1, true);
            w.end(m);
          },
        },
      ],
    });
    // Same as the fixture except sm-RP-PRI TRUE is written as 0xff (X.690 §11.1 canonical TRUE).
    assert.equal(toHex(bytes), toHex(fixture("beginAarqInvoke")).replace(/01$/, "ff"));
  });

  it("writes long-form lengths when a parameter exceeds 127 octets", () => {
    // OCTET STRING of 300 octets: 04 82 01 2c + content.
    const fullParam = new Uint8Array(304);
    fullParam.set([0x04, 0x82, 0x01, 0x2c]);
    const v: TcapMessageValue = {
      type: "end",
      dtid: "01",
      components: [
        { type: "returnError", invokeId: 1, errorCode: { type: "local", value: 1 }, parameter: fullParam },
      ],
    };
    const bytes = encodeTcap(v);
    // End: 49 01 01 (3) + 6c 82 01 3a { a3 82 01 36 { 02 01 01, 02 01 01, parameter (304) } } = 321 = 0x141.
    assert.equal(toHex(bytes, 0, 4), "64820141");
    assertAsn1jsAgrees(bytes);
    assert.deepEqual(tcapValue(decodeTcap(bytes), bytes), v);
  });
});

describe("TCAP encodings agree with asn1js (independent BER parser)", () => {
  it("has the same TLV structure, tags and lengths for every fixture", () => {
    for (const name of canonicalFixtures) assertAsn1jsAgrees(fixture(name));
  });

  it("has the same TLV structure, tags and lengths for generated messages", () => {
    fc.assert(
      fc.property(messageArb, (v) => assertAsn1jsAgrees(encodeTcap(v))),
      { numRuns: 150 },
    );
  });
});

describe("TCAP round trips (fast-check)", () => {
  it("decode(encode(v)) equals v, and encode(decode(b)) equals b, for every message type", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(messageArb, (v) => {
        seen.add(v.type);
        const bytes = encodeTcap(v);
        const m = decodeTcap(bytes);
        assert.deepEqual(tcapValue(m, bytes), v);
        assert.equal(toHex(encodeTcap(tcapValue(m, bytes))), toHex(bytes));
        assertScanMatches(scanTcap(bytes, 0, bytes.length, new TcapScan()), m);
      }),
      { numRuns: 1000 },
    );
    assert.deepEqual([...seen].sort(), ["abort", "begin", "continue", "end", "unidirectional"]);
  });

  it("round-trips every component type on its own", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(componentArb, (v) => {
        seen.add(v.type);
        const bytes = encodeTcapComponent(v);
        assert.deepEqual(tcapComponentValue(decodeComponent(bytes), bytes), v);
      }),
      RUNS,
    );
    assert.equal(seen.size, 5);
  });

  it("round-trips every dialogue APDU (AARQ, AARE, ABRT, AUDT, other EXTERNAL) on its own", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(dialogueArb, (v) => {
        seen.add(v.type);
        const bytes = encodeDialoguePortion(v);
        assert.deepEqual(tcapDialogueValue(decodeDialoguePortion(bytes), bytes), v);
      }),
      RUNS,
    );
    assert.equal(seen.size, 5);
  });

  it("round-trips a message embedded at an offset in a larger buffer", () => {
    fc.assert(
      fc.property(
        messageArb,
        fc.uint8Array({ maxLength: 9 }),
        fc.uint8Array({ maxLength: 9 }),
        (v, pre, post) => {
          const msg = encodeTcap(v);
          const buf = Buffer.concat([pre, msg, post]);
          const m = decodeTcap(buf, pre.length, pre.length + msg.length);
          assert.deepEqual(tcapValue(m, buf), v);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("TCAP encoder refuses invalid values with EncodeError", () => {
  const bad: [string, TcapMessageValue][] = [
    ["a five-octet otid", { type: "begin", otid: "0102030405" }],
    ["an empty dtid", { type: "end", dtid: "" }],
    ["an odd-length TID", { type: "end", dtid: "abc" }],
    [
      "an invoke ID of 200",
      {
        type: "end",
        dtid: "01",
        components: [{ type: "invoke", invokeId: 200, opcode: { type: "local", value: 1 } }],
      },
    ],
    [
      "a parameter that is not BER",
      {
        type: "end",
        dtid: "01",
        components: [
          {
            type: "invoke",
            invokeId: 1,
            opcode: { type: "local", value: 1 },
            parameter: Uint8Array.of(0x30, 0x05),
          },
        ],
      },
    ],
    [
      "an empty parameter",
      {
        type: "end",
        dtid: "01",
        components: [
          { type: "invoke", invokeId: 1, opcode: { type: "local", value: 1 }, parameter: new Uint8Array() },
        ],
      },
    ],
    [
      "a ReturnResult parameter without opcode",
      {
        type: "end",
        dtid: "01",
        components: [{ type: "returnResultLast", invokeId: 1, parameter: Uint8Array.of(5, 0) }],
      },
    ],
    [
      "an Abort with both a P-Abort cause and a dialogue",
      {
        type: "abort",
        dtid: "01",
        pAbortCause: PAbortCause.resourceLimitation,
        dialogue: { type: "abrt", abortSource: AbortSource.dialogueServiceProvider },
      },
    ],
    [
      "a protocol-version with 9 unused bits",
      {
        type: "begin",
        otid: "01",
        dialogue: { type: "aarq", protocolVersion: "0980", applicationContext: "0.4" },
      },
    ],
    [
      "a malformed application-context-name",
      { type: "begin", otid: "01", dialogue: { type: "aarq", applicationContext: "banana" } },
    ],
    [
      "an unknown EXTERNAL that is not an EXTERNAL",
      { type: "begin", otid: "01", dialogue: { type: "external", external: Uint8Array.of(0x30, 0x00) } },
    ],
    [
      "a Reject problem type 4",
      {
        type: "end",
        dtid: "01",
        components: [
          {
            type: "reject",
            invokeId: null,
            problemType: 4 as ProblemType,
            problem: GeneralProblem.unrecognizedComponent,
          },
        ],
      },
    ],
  ];
  for (const [what, v] of bad) {
    it(`refuses ${what}`, () => {
      assert.throws(() => encodeTcap(v), EncodeError);
    });
  }

  it("accepts a Reject with every problem type", () => {
    for (const problemType of Object.values(ProblemType)) {
      const v: TcapMessageValue = {
        type: "end",
        dtid: "01",
        components: [{ type: "reject", invokeId: 1, problemType, problem: 0 }],
      };
      const bytes = encodeTcap(v);
      assert.deepEqual(tcapValue(decodeTcap(bytes), bytes), v);
    }
  });
});
