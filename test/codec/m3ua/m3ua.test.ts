import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError, EncodeError } from "../../../src/codec/errors.js";
import {
  decodeM3ua,
  encodeM3ua,
  findM3uaParameter,
  M3uaAspsmMessage,
  M3uaDeregistrationStatus,
  M3uaErrorCode,
  type M3uaMessage,
  M3uaMessageClass,
  M3uaParameterTag,
  M3uaRkmMessage,
  M3uaStatusType,
  M3uaTrafficModeType,
  m3uaData,
  m3uaMessageName,
} from "../../../src/codec/m3ua/index.js";
import { M3UA_FIXTURES } from "./fixtures.js";
import { normalize } from "./helpers.js";

function fixture(clause: string): Buffer {
  const f = M3UA_FIXTURES.find((x) => x.clause === clause);
  if (!f) throw new Error(`no fixture for ${clause}`);
  return fromHex(f.hex);
}

function decodeError(offset?: number, pattern?: RegExp) {
  return (e: unknown) =>
    e instanceof DecodeError &&
    e.layer === "m3ua" &&
    (offset === undefined || e.offset === offset) &&
    (pattern === undefined || pattern.test(e.reason));
}

describe("M3UA fixtures (RFC 4666 §3)", () => {
  for (const f of M3UA_FIXTURES) {
    it(`decodes and re-encodes byte for byte: ${f.name} (${f.clause})`, () => {
      const bytes = fromHex(f.hex);
      const msg = decodeM3ua(bytes);
      assert.equal(toHex(encodeM3ua(msg)), toHex(bytes));
      assert.ok(m3uaMessageName(msg.messageClass, msg.messageType), "the RFC names every fixture's type");
    });
  }

  it("decodes DATA's routing label and hands the user data on as offsets into the input", () => {
    // RFC 4666 §3.3.1: NA 8, RC 100, OPC 1234, DPC 5678, SI 3 (SCCP), NI 2, MP 0, SLS 7, Correlation Id 77.
    const bytes = fixture("RFC 4666 §3.3.1");
    const msg = decodeM3ua(bytes);
    assert.equal(m3uaMessageName(msg.messageClass, msg.messageType), "DATA");
    assert.equal(msg.bytes, bytes, "the decoded message refers to the input, not a copy");
    assert.deepEqual(msg.parameters.slice(0, 2), [
      { kind: "networkAppearance", networkAppearance: 8 },
      { kind: "routingContext", routingContexts: [100] },
    ]);
    const pd = findM3uaParameter(msg, "protocolData")!;
    assert.deepEqual(
      { opc: pd.opc, dpc: pd.dpc, si: pd.si, ni: pd.ni, mp: pd.mp, sls: pd.sls },
      { opc: 1234, dpc: 5678, si: 3, ni: 2, mp: 0, sls: 7 },
    );
    // Header 8 + NA 8 + RC 8 + PD header 4 + label 12 = 40; the SCCP UDT is 17 octets.
    assert.deepEqual([pd.dataStart, pd.dataEnd], [40, 57]);
    assert.equal(bytes[pd.dataStart], 0x09, "SCCP UDT message type");
    assert.deepEqual(findM3uaParameter(msg, "correlationId"), { kind: "correlationId", correlationId: 77 });
  });

  it("builds the DATA fixture from m3uaData()", () => {
    const sccp = fromHex("09 80 03 05 07 02 42 01 02 42 01 05 01 08 2e 16 00");
    const built = encodeM3ua(
      m3uaData({ opc: 1234, dpc: 5678, si: 3, ni: 2, mp: 0, sls: 7 }, sccp, {
        networkAppearance: 8,
        routingContext: 100,
        correlationId: 77,
      }),
    );
    assert.equal(toHex(built), toHex(fixture("RFC 4666 §3.3.1")));
  });

  it("decodes a REG REQ Routing Key with its nested parameters and padded SI list", () => {
    const msg = decodeM3ua(fixture("RFC 4666 §3.6.1"));
    assert.equal(msg.messageClass, M3uaMessageClass.rkm);
    assert.equal(msg.messageType, M3uaRkmMessage.registrationRequest);
    assert.deepEqual(msg.parameters, [
      {
        kind: "routingKey",
        parameters: [
          { kind: "localRoutingKeyIdentifier", localRoutingKeyIdentifier: 1 },
          { kind: "trafficModeType", trafficModeType: M3uaTrafficModeType.loadshare },
          { kind: "destinationPointCode", mask: 0, pointCode: 0x1234 },
          { kind: "networkAppearance", networkAppearance: 8 },
          { kind: "serviceIndicators", serviceIndicators: [3] },
          { kind: "originatingPointCodeList", pointCodes: [{ mask: 0, pointCode: 1234 }] },
        ],
      },
    ]);
  });

  it("decodes a DEREG RSP result and ERR with diagnostic bytes as offsets", () => {
    const dereg = decodeM3ua(fixture("RFC 4666 §3.6.4"));
    assert.deepEqual(dereg.parameters, [
      {
        kind: "deregistrationResult",
        parameters: [
          { kind: "routingContext", routingContexts: [100] },
          { kind: "deregistrationStatus", deregistrationStatus: M3uaDeregistrationStatus.errorNotRegistered },
        ],
      },
    ]);
    const err = decodeM3ua(fixture("RFC 4666 §3.8.1"));
    assert.deepEqual(err.parameters[0], {
      kind: "errorCode",
      errorCode: M3uaErrorCode.invalidRoutingContext,
    });
    const diag = findM3uaParameter(err, "diagnosticInformation")!;
    assert.equal(toHex(err.bytes!, diag.start, diag.end), "aabbcc");
  });

  it("decodes SSNM parameters: masked point codes, concerned destination, congestion, user/cause", () => {
    assert.deepEqual(decodeM3ua(fixture("RFC 4666 §3.4.1")).parameters[1], {
      kind: "affectedPointCode",
      pointCodes: [
        { mask: 0, pointCode: 0x1234 },
        { mask: 2, pointCode: 0xff },
      ],
    });
    assert.deepEqual(decodeM3ua(fixture("RFC 4666 §3.4.4")).parameters.slice(1), [
      { kind: "concernedDestination", pointCode: 77 },
      { kind: "congestionIndications", congestionLevel: 2 },
    ]);
    assert.deepEqual(decodeM3ua(fixture("RFC 4666 §3.4.5")).parameters[1], {
      kind: "userCause",
      cause: 1,
      user: 5,
    });
  });

  it("decodes ASPSM and NTFY values", () => {
    const up = decodeM3ua(fixture("RFC 4666 §3.5.1"));
    assert.equal(up.messageType, M3uaAspsmMessage.aspUp);
    assert.deepEqual(up.parameters, [
      { kind: "aspIdentifier", aspIdentifier: 1 },
      { kind: "infoString", infoString: "ss7" },
    ]);
    const ntfy = decodeM3ua(fixture("RFC 4666 §3.8.2"));
    assert.deepEqual(ntfy.parameters[0], {
      kind: "status",
      statusType: M3uaStatusType.asStateChange,
      statusInformation: 3,
    });
    const beat = decodeM3ua(fixture("RFC 4666 §3.5.5"));
    const hb = findM3uaParameter(beat, "heartbeatData")!;
    assert.equal(toHex(beat.bytes!, hb.start, hb.end), "deadbeef01");
  });

  it("names every message type of RFC 4666 §3.1.2 and nothing else", () => {
    assert.equal(m3uaMessageName(1, 1), "DATA");
    assert.equal(m3uaMessageName(3, 6), "BEAT ACK");
    assert.equal(m3uaMessageName(9, 4), "DEREG RSP");
    assert.equal(m3uaMessageName(1, 0), undefined);
    assert.equal(m3uaMessageName(5, 1), undefined);
  });

  it("decodes a message at an offset inside a larger buffer, with offsets absolute", () => {
    const inner = fixture("RFC 4666 §3.3.1");
    const outer = Buffer.concat([Buffer.alloc(13, 0xee), inner, Buffer.alloc(5, 0xee)]);
    const msg = decodeM3ua(outer, 13, 13 + inner.length);
    const pd = findM3uaParameter(msg, "protocolData")!;
    assert.deepEqual([pd.dataStart, pd.dataEnd], [53, 70]);
    assert.equal(toHex(encodeM3ua(msg)), toHex(inner));
  });
});

describe("M3UA generic and lenient decoding", () => {
  it("keeps an unknown parameter tag as tag + offsets and re-encodes it verbatim", () => {
    // RFC 4666 §3.2: tag 0x7f01 is unassigned; its 3-octet value is padded with one zero.
    const bytes = fromHex("01 00 03 01 00000018  7f01 0007 01 02 03 00  0011 0008 00000009");
    const msg = decodeM3ua(bytes);
    assert.deepEqual(msg.parameters[0], { kind: "unknown", tag: 0x7f01, start: 12, end: 15 });
    assert.equal(toHex(encodeM3ua(msg)), toHex(bytes));
  });

  it("decodes an unknown message class and type generically", () => {
    const bytes = fromHex("01 00 0a 07 00000010 0006 0008 00000001");
    const msg = decodeM3ua(bytes);
    assert.deepEqual([msg.messageClass, msg.messageType], [10, 7]);
    assert.equal(m3uaMessageName(10, 7), undefined);
    assert.equal(toHex(encodeM3ua(msg)), toHex(bytes));
  });

  it("tolerates a missing pad after the last parameter and ignores pad contents", () => {
    // RFC 4666 §3.2: "The receiver MUST ignore the padding bytes."
    const unpadded = fromHex("01 00 03 03 00000011 0009 0009 de ad be ef 01");
    assert.equal(toHex(encodeM3ua(decodeM3ua(unpadded))), "0100030300000014000900" + "09deadbeef01000000");
    const dirtyPad = fromHex("01 00 03 03 00000014 0009 0009 de ad be ef 01 ff ff ff");
    assert.equal(toHex(encodeM3ua(decodeM3ua(dirtyPad))), "01000303000000140009000" + "9deadbeef01000000");
  });

  it("accepts an empty INFO String and reports ill-formed UTF-8 as U+FFFD", () => {
    assert.deepEqual(decodeM3ua(fromHex("01 00 03 01 0000000c 0004 0004")).parameters, [
      { kind: "infoString", infoString: "" },
    ]);
    assert.deepEqual(decodeM3ua(fromHex("01 00 03 01 00000010 0004 0005 ff 000000")).parameters, [
      { kind: "infoString", infoString: "\ufffd" },
    ]);
  });
});

describe("M3UA decode errors", () => {
  it("rejects input shorter than the common header", () => {
    assert.throws(() => decodeM3ua(fromHex("01 00 03 01 00 00 00")), decodeError(0, /common header/));
  });

  it("rejects a version other than 1 (RFC 4666 §3.1.1)", () => {
    assert.throws(() => decodeM3ua(fromHex("02 00 03 04 00000008")), decodeError(0, /version 2/));
  });

  it("rejects a message length that lies in either direction", () => {
    assert.throws(
      () => decodeM3ua(fromHex("01 00 03 04 00000004")),
      decodeError(4, /shorter than the common header/),
    );
    assert.throws(() => decodeM3ua(fromHex("01 00 03 04 0000000c")), decodeError(4, /does not match/));
    assert.throws(() => decodeM3ua(fromHex("01 00 03 04 00000008 0000")), decodeError(4, /does not match/));
    assert.throws(() => decodeM3ua(fromHex("01 00 03 04 ffffffff")), decodeError(4));
  });

  it("rejects parameter lengths below 4 or past the message", () => {
    assert.throws(() => decodeM3ua(fromHex("01 00 03 01 0000000c 0011 0003")), decodeError(10, /below/));
    assert.throws(
      () => decodeM3ua(fromHex("01 00 03 01 00000010 0011 0009 00000001")),
      decodeError(10, /past/),
    );
    assert.throws(() => decodeM3ua(fromHex("01 00 03 01 0000000c 0011 ffff")), decodeError(10, /past/));
    assert.throws(() => decodeM3ua(fromHex("01 00 03 01 0000000a 0011")), decodeError(8, /header needs 4/));
  });

  it("rejects fixed-size parameters of the wrong size", () => {
    assert.throws(
      () => decodeM3ua(fromHex("01 00 03 01 00000010 0011 0006 0001 0000")),
      decodeError(10, /exactly 4/),
    );
    assert.throws(
      () => decodeM3ua(fromHex("01 00 04 02 00000010 0006 0006 0001 0000")),
      decodeError(10, /4-octet entries/),
    );
    assert.throws(() => decodeM3ua(fromHex("01 00 04 02 0000000c 0006 0004")), decodeError(10, /non-empty/));
    assert.throws(
      () => decodeM3ua(fromHex("01 00 01 01 00000014 0210 000c 00000001 00000002")),
      decodeError(10, /12-octet/),
    );
  });

  it("rejects an INFO String over 255 octets (RFC 4666 §3.5.1)", () => {
    const long = Buffer.concat([fromHex("01 00 03 01 0000010c 0004 0104"), Buffer.alloc(256, 0x41)]);
    assert.throws(() => decodeM3ua(long), decodeError(10, /255/));
  });

  it("rejects Routing Keys nested deeper than the limit without exhausting the stack", () => {
    let inner = fromHex("020a 0008 00000001");
    for (let i = 0; i < 2000; i++) {
      const head = Buffer.alloc(4);
      head.writeUInt16BE(M3uaParameterTag.routingKey, 0);
      head.writeUInt16BE(Math.min(0xffff, inner.length + 4), 2);
      inner = Buffer.concat([head, inner]);
      if (inner.length > 0xfff0) break;
    }
    const head = Buffer.alloc(8);
    head.writeUInt32BE(0x01000901, 0);
    head.writeUInt32BE(8 + inner.length, 4);
    assert.throws(() => decodeM3ua(Buffer.concat([head, inner])), decodeError(undefined, /nested/));
  });
});

describe("M3UA encoder", () => {
  it("writes the common header, pads parameters and counts the padding in the message length", () => {
    const msg: M3uaMessage = {
      messageClass: 3,
      messageType: 1,
      parameters: [{ kind: "infoString", infoString: "a" }],
    };
    assert.equal(toHex(encodeM3ua(msg)), "010003010000001000040005" + "61000000");
  });

  it("rejects values that do not fit their fields", () => {
    const bad: M3uaMessage[] = [
      { messageClass: 256, messageType: 1, parameters: [] },
      { messageClass: 0, messageType: 1, parameters: [{ kind: "aspIdentifier", aspIdentifier: -1 }] },
      { messageClass: 0, messageType: 1, parameters: [{ kind: "aspIdentifier", aspIdentifier: 2 ** 32 }] },
      { messageClass: 0, messageType: 1, parameters: [{ kind: "aspIdentifier", aspIdentifier: 1.5 }] },
      {
        messageClass: 0,
        messageType: 1,
        parameters: [{ kind: "concernedDestination", pointCode: 0x1000000 }],
      },
      { messageClass: 0, messageType: 1, parameters: [{ kind: "routingContext", routingContexts: [] }] },
      { messageClass: 0, messageType: 1, parameters: [{ kind: "infoString", infoString: "x".repeat(256) }] },
      { messageClass: 0, messageType: 1, parameters: [{ kind: "infoString", infoString: "\ud800" }] },
      { messageClass: 0, messageType: 1, parameters: [{ kind: "heartbeatData", start: 0, end: 4 }] },
      {
        messageClass: 0,
        messageType: 1,
        parameters: [{ kind: "heartbeatData", start: 3, end: 2 }],
        bytes: new Uint8Array(8),
      },
      { messageClass: 0, messageType: 1, parameters: [{ kind: "unknown", tag: 0x0006, start: 0, end: 0 }] },
      { messageClass: 0, messageType: 1, parameters: [{ kind: "unknown", tag: 0x10000, start: 0, end: 0 }] },
      {
        messageClass: 1,
        messageType: 1,
        parameters: [
          { kind: "protocolData", opc: 1, dpc: 2, si: 256, ni: 0, mp: 0, sls: 0, dataStart: 0, dataEnd: 0 },
        ],
      },
    ];
    for (const m of bad) assert.throws(() => encodeM3ua(m), EncodeError, JSON.stringify(m.parameters));
  });

  it("rejects a parameter too long for its 16-bit length", () => {
    const big = new Uint8Array(70000);
    assert.throws(
      () =>
        encodeM3ua({
          messageClass: 3,
          messageType: 3,
          parameters: [{ kind: "heartbeatData", start: 0, end: big.length }],
          bytes: big,
        }),
      EncodeError,
    );
  });

  it("round-trips an unknown parameter inside a Routing Key", () => {
    const pool = fromHex("aa bb cc dd ee");
    const msg: M3uaMessage = {
      messageClass: 9,
      messageType: 1,
      parameters: [
        {
          kind: "routingKey",
          parameters: [
            { kind: "unknown", tag: 0x02ff, start: 1, end: 4 },
            { kind: "serviceIndicators", serviceIndicators: [3, 5] },
          ],
        },
      ],
      bytes: pool,
    };
    const encoded = encodeM3ua(msg);
    assert.equal(toHex(encoded), "010009010000001c" + "02070014" + "02ff0007bbccdd00" + "020c000603050000");
    assert.deepEqual(normalize(decodeM3ua(encoded)), normalize(msg));
  });
});
