/**
 * Hand-built SCCP messages. Every octet below was laid out from the Q.713 field descriptions cited next to
 * it (pointer values computed by hand per §2.3), then spot-checked by wrapping each in an M3UA DATA message,
 * `text2pcap -S 2905,2905,3` and `tshark 4.0.17 -T fields -e sccp.*` (same SSNs, digits, PCs, hop counter,
 * class, importance, segmentation reference, and TCAP found at the data offset).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError, EncodeError } from "../../../src/codec/errors.js";
import {
  decodeSccp,
  decodeSccpAddress,
  decodeSccpFast,
  decodeSccpUnitdata,
  encodeSccp,
  encodeSccpAddress,
  SccpFastView,
  SccpGlobalTitleIndicator,
  SccpMessageType,
  SccpNatureOfAddress,
  SccpNumberingPlan,
  SccpReturnCause,
  SccpRoutingIndicator,
  SccpSubsystemNumber,
  toSccpInput,
} from "../../../src/codec/sccp/index.js";

/**
 * UDT (Q.713 §4.10), class 0 with "return message on error" (§3.6: 1000 0000).
 * called (§3.4): AI 0x12 = RI route-on-GT, GTI 0100, SSN present; SSN 6 (HLR); TT 0; NP 1 (E.164) / ES 2
 *   (BCD even); NAI 4 (international); digits 491720000001.
 * calling: AI 0x12; SSN 8 (MSC); TT 0; NP 1 / ES 1 (BCD odd); NAI 4; digits 491721234 + filler.
 * Pointers at offsets 2, 3, 4 → LIs at 5, 17, 28: 3, 14 (0x0e), 24 (0x18).
 */
const UDT = fromHex(`
  09 80 03 0e 18
  0b 12 06 00 12 04 94 71 02 00 00 10
  0a 12 08 00 11 04 94 71 12 32 04
  04 de ad be ef`);

/**
 * UDTS (Q.713 §4.11), return cause 1 "no translation for this specific address" (§3.12).
 * called: AI 0x43 = RI route-on-SSN, GTI 0, SSN and PC present; PC 0x1234 sent LSB first (§3.4.2.1); SSN 7 (VLR).
 * calling: AI 0x06 = RI route-on-GT, GTI 0001, SSN present; SSN 6; §3.4.2.3.1 octet 0x84 = odd, NAI 4;
 *   digits 12345 + filler.
 * Pointers at 2, 3, 4 → LIs at 5, 10, 17: 3, 7, 13 (0x0d).
 */
const UDTS = fromHex(`
  0a 01 03 07 0d
  04 43 34 12 07
  06 06 06 84 21 43 05
  02 01 02`);

/**
 * XUDT (Q.713 §4.18), class 1, hop counter 15 (§3.18).
 * called: AI 0x0a = GTI 0010 (TT only), SSN present; SSN 146 (gsmSCF/CAP); TT 5; digits 1234.
 * calling: AI 0x0e = GTI 0011, SSN present; SSN 149 (SGSN); TT 0; NP 7 (E.214) / ES 2; digits 26201123.
 * Pointers at 3, 4, 5, 6 → called LI 7 (4), calling LI 13 (9), data LI 22 (0x11), optional part 26 (0x14).
 * Optional part (§1.5): segmentation (§3.17, name 0x10, length 4): 0xc2 = first, class 1, 2 remaining;
 * local reference 0x123456 LSB first; importance (§3.19, name 0x12, length 1) 5; end of optional parameters.
 */
const XUDT = fromHex(`
  11 01 0f 04 09 11 14
  05 0a 92 05 21 43
  08 0e 95 00 72 62 02 11 32
  03 aa bb cc
  10 04 c2 56 34 12 12 01 05 00`);

/**
 * XUDTS (Q.713 §4.19), return cause 12 "hop counter violation", hop counter 3, no optional part
 * (optional-part pointer 0, §2.3). Both addresses AI 0x42 = route on SSN, SSN only: 6 and 8.
 */
const XUDTS = fromHex(`
  12 0c 03 04 06 08 00
  02 42 06
  02 42 08
  01 00`);

/**
 * LUDT (Q.713 §4.20): class 0, hop counter 15, two-octet pointers (least significant octet first, counted
 * from the pointer's second octet) at 3, 5, 7, 9 → LIs at 11, 14, 17 and optional part at 319.
 * Long data: two-octet length indicator 0x012c = 300 (LSB first). Optional part: importance 7, end.
 */
const LUDT_DATA = new Uint8Array(300).map((_, i) => i & 0xff);
const LUDT = Buffer.concat([
  fromHex("13 00 0f 07 00 08 00 09 00 35 01  02 42 06  02 42 08  2c 01"),
  LUDT_DATA,
  fromHex("12 01 07 00"),
]);

/** LUDTS (Q.713 §4.21): return cause 14 "segmentation failure", hop counter 1, no optional part. */
const LUDTS = fromHex(`
  14 0e 01 07 00 08 00 09 00 00 00
  02 42 06
  02 42 08
  02 00 ab cd`);

describe("SCCP fixtures (Q.713)", () => {
  it("decodes a UDT with GT indicator 4 on both addresses", () => {
    const m = decodeSccp(UDT);
    assert.deepEqual(m, {
      messageType: SccpMessageType.unitdata,
      protocolClass: 0,
      returnOnError: true,
      called: {
        nationalIndicator: false,
        routingIndicator: SccpRoutingIndicator.routeOnGlobalTitle,
        globalTitleIndicator: 4,
        ssn: SccpSubsystemNumber.hlr,
        gt: {
          digits: "491720000001",
          tt: 0,
          np: SccpNumberingPlan.isdnTelephony,
          es: 2,
          nai: SccpNatureOfAddress.internationalNumber,
        },
      },
      calling: {
        nationalIndicator: false,
        routingIndicator: 0,
        globalTitleIndicator: 4,
        ssn: SccpSubsystemNumber.msc,
        gt: { digits: "491721234", tt: 0, np: 1, es: 1, nai: 4 },
      },
      dataStart: 29,
      dataEnd: 33,
    });
    assert.equal(toHex(UDT, 29, 33), "deadbeef");
  });

  it("decodes a UDTS with a point code, GT indicator 1 and an odd digit count", () => {
    const m = decodeSccp(UDTS);
    assert.deepEqual(m, {
      messageType: SccpMessageType.unitdataService,
      returnCause: SccpReturnCause.noTranslationForThisSpecificAddress,
      called: { nationalIndicator: false, routingIndicator: 1, globalTitleIndicator: 0, pc: 0x1234, ssn: 7 },
      calling: {
        nationalIndicator: false,
        routingIndicator: 0,
        globalTitleIndicator: 1,
        ssn: 6,
        gt: { digits: "12345", nai: 4 },
      },
      dataStart: 18,
      dataEnd: 20,
    });
  });

  it("decodes an XUDT with GT indicators 2 and 3, segmentation and importance", () => {
    const m = decodeSccp(XUDT);
    assert.deepEqual(m, {
      messageType: SccpMessageType.extendedUnitdata,
      protocolClass: 1,
      returnOnError: false,
      hopCounter: 15,
      called: {
        nationalIndicator: false,
        routingIndicator: 0,
        globalTitleIndicator: 2,
        ssn: 146,
        gt: { digits: "1234", tt: 5 },
      },
      calling: {
        nationalIndicator: false,
        routingIndicator: 0,
        globalTitleIndicator: 3,
        ssn: 149,
        gt: { digits: "26201123", tt: 0, np: SccpNumberingPlan.isdnMobile, es: 2 },
      },
      dataStart: 23,
      dataEnd: 26,
      segmentation: { firstSegment: true, protocolClass: 1, remainingSegments: 2, localReference: 0x123456 },
      importance: 5,
    });
  });

  it("decodes an XUDTS whose optional-part pointer is 0", () => {
    const m = decodeSccp(XUDTS);
    assert.deepEqual(m, {
      messageType: SccpMessageType.extendedUnitdataService,
      returnCause: SccpReturnCause.hopCounterViolation,
      hopCounter: 3,
      called: { nationalIndicator: false, routingIndicator: 1, globalTitleIndicator: 0, ssn: 6 },
      calling: { nationalIndicator: false, routingIndicator: 1, globalTitleIndicator: 0, ssn: 8 },
      dataStart: 14,
      dataEnd: 15,
    });
  });

  it("decodes a LUDT with two-octet pointers and a 300-octet long data", () => {
    const m = decodeSccpUnitdata(LUDT);
    assert.equal(m.messageType, SccpMessageType.longUnitdata);
    assert.equal(m.dataStart, 19);
    assert.equal(m.dataEnd, 319);
    assert.deepEqual(LUDT.subarray(m.dataStart, m.dataEnd), Buffer.from(LUDT_DATA));
    assert.ok(m.messageType === 0x13);
    assert.equal(m.hopCounter, 15);
    assert.equal(m.importance, 7);
    assert.equal(m.called.ssn, 6);
    assert.equal(m.calling.ssn, 8);
  });

  it("decodes a LUDTS", () => {
    const m = decodeSccpUnitdata(LUDTS);
    assert.ok(m.messageType === 0x14);
    assert.equal(m.returnCause, SccpReturnCause.segmentationFailure);
    assert.equal(m.hopCounter, 1);
    assert.equal(toHex(LUDTS, m.dataStart, m.dataEnd), "abcd");
  });

  it("re-encodes every fixture to the same octets", () => {
    for (const bytes of [UDT, UDTS, XUDT, XUDTS, LUDT, LUDTS]) {
      assert.equal(toHex(encodeSccp(toSccpInput(decodeSccp(bytes), bytes))), toHex(bytes));
    }
  });

  it("encodes a UDT from a hand-written value with defaults for the address indicators", () => {
    const bytes = encodeSccp({
      messageType: SccpMessageType.unitdata,
      protocolClass: 0,
      returnOnError: true,
      called: { ssn: 6, gt: { tt: 0, np: 1, nai: 4, digits: "491720000001" } },
      calling: { ssn: 8, gt: { tt: 0, np: 1, nai: 4, digits: "491721234" } },
      data: fromHex("de ad be ef"),
    });
    assert.equal(toHex(bytes), toHex(UDT));
  });

  it("fills the fast view with the same fields as the full decoder", () => {
    const v = new SccpFastView();
    assert.equal(decodeSccpFast(UDT, 0, UDT.length, v), true);
    assert.equal(v.messageType, 0x09);
    assert.equal(v.protocolClass, 0);
    assert.equal(v.returnOnError, true);
    assert.equal(v.called.ssn, 6);
    assert.equal(v.called.pc, -1);
    assert.equal(v.called.digits, "491720000001");
    assert.equal(v.called.tt, 0);
    assert.equal(v.called.np, 1);
    assert.equal(v.called.nai, 4);
    assert.equal(v.calling.digits, "491721234");
    assert.deepEqual([v.dataStart, v.dataEnd], [29, 33]);
    assert.equal(v.segmented, false);

    assert.equal(decodeSccpFast(XUDT, 0, XUDT.length, v), true);
    assert.equal(v.called.digits, "1234");
    assert.equal(v.called.nai, -1);
    assert.equal(v.hopCounter, 15);
    assert.deepEqual(
      [v.segmented, v.firstSegment, v.segmentationClass, v.remainingSegments, v.localReference, v.importance],
      [true, true, 1, 2, 0x123456, 5],
    );
    assert.equal(decodeSccpFast(UDTS, 0, UDTS.length, v), true);
    assert.equal(v.called.pc, 0x1234);
    assert.equal(v.called.digits, "");
    assert.equal(v.returnCause, 1);
    assert.equal(v.protocolClass, -1);
    assert.equal(v.hopCounter, -1);
    assert.equal(v.segmented, false);
    assert.equal(v.importance, -1);
  });

  it("decodes a message embedded at an offset without reading outside [start, end)", () => {
    const framed = Buffer.concat([fromHex("ff ff ff"), XUDT, fromHex("ee ee")]);
    const m = decodeSccp(framed, 3, 3 + XUDT.length);
    assert.ok(!("other" in m));
    assert.equal(m.dataStart, 26);
    assert.equal(toHex(framed, m.dataStart, m.dataEnd), "aabbcc");
    const v = new SccpFastView();
    decodeSccpFast(framed, 3, 3 + XUDT.length, v);
    assert.equal(v.dataStart, 26);
    // Cut one octet short, the end-of-optional-parameters octet is missing.
    assert.throws(() => decodeSccp(framed, 3, 2 + XUDT.length), DecodeError);
  });

  it("keeps connection-oriented and unknown message types as type code plus offsets", () => {
    // Q.713 §4.2: CR carries a source local reference and class 2; not decoded field by field here.
    const cr = fromHex("01 01 02 03 02 02 04 02 42 08 00");
    assert.deepEqual(decodeSccp(cr), {
      messageType: SccpMessageType.connectionRequest,
      other: true,
      bodyStart: 1,
      bodyEnd: 11,
    });
    assert.equal(decodeSccpFast(cr, 0, cr.length, new SccpFastView()), false);
    assert.throws(() => decodeSccpUnitdata(cr), DecodeError);
    assert.equal(toHex(encodeSccp(toSccpInput(decodeSccp(cr), cr))), toHex(cr));
  });
});

describe("SCCP addresses (Q.713 §3.4)", () => {
  it("maps address signals 1010–1111 to the hex digits a–f", () => {
    // Q.713 §3.4.2.3.1: 1011 = code 11, 1100 = code 12, 1111 = ST. AI 0x84 = national indicator (bit 8) + GTI 1;
    // 0x03 = even, NAI 3 (national significant number).
    const even = fromHex("84 03 21 4b fc");
    const a = decodeSccpAddress(even);
    assert.deepEqual(a, {
      nationalIndicator: true,
      routingIndicator: 0,
      globalTitleIndicator: 1,
      gt: { digits: "12b4cf", nai: 3 },
    });
    assert.equal(toHex(encodeSccpAddress(a)), "8403214bfc");
    assert.equal(
      toHex(encodeSccpAddress({ gt: { nai: 3, digits: "12B4CF" }, nationalIndicator: true })),
      "8403214bfc",
    );
    // 0x83 = odd: the high nibble of the last octet is filler and not a digit.
    assert.equal(decodeSccpAddress(fromHex("84 83 21 4b 0c")).gt!.digits, "12b4c");
  });

  it("keeps the octets of a spare global title indicator", () => {
    // GTI 0101 is spare (Q.713 §3.4.1): AI 0x16 = GTI 5 + SSN present.
    const bytes = fromHex("16 06 01 02 03");
    const a = decodeSccpAddress(bytes);
    assert.equal(a.globalTitleIndicator, 5);
    assert.equal(a.gt, undefined);
    assert.equal(toHex(a.unknownGlobalTitle!), "010203");
    assert.equal(toHex(encodeSccpAddress(a)), "1606010203");
  });

  it("masks the spare bits of the point code and reads 14 bits", () => {
    // Q.713 §3.4.2.1: bits 8–7 of the second PC octet are spare.
    assert.equal(decodeSccpAddress(fromHex("41 ff ff")).pc, 0x3fff);
    assert.equal(toHex(encodeSccpAddress({ pc: 0x3fff, routingIndicator: 1 })), "41ff3f");
  });

  it("decodes every nibble of GT indicator 2 and of non-BCD encoding schemes", () => {
    // GTI 2 has no odd/even indicator; ES 3 (national specific) is not BCD odd.
    assert.equal(decodeSccpAddress(fromHex("08 00 21 03")).gt!.digits, "1230");
    assert.equal(decodeSccpAddress(fromHex("0c 00 13 21 03")).gt!.digits, "1230");
    assert.equal(decodeSccpAddress(fromHex("0c 00 11 21 03")).gt!.digits, "123");
  });

  it("rejects addresses that contradict their indicators, with the offset", () => {
    const cases: [string, number][] = [
      ["", 0], // no address indicator
      ["01 34", 1], // PC indicator, one PC octet
      ["02", 1], // SSN indicator, no SSN
      ["42 06 99", 2], // GTI 0 followed by octets
      ["04", 1], // GTI 1 without its NAI octet
      ["04 84", 2], // odd indicator without address octets
      ["0c 00", 1], // GTI 3 with one of two fixed octets
      ["10 00 11 04", 4], // GTI 4, ES BCD odd, no address octets
    ];
    for (const [hex, offset] of cases) {
      assert.throws(
        () => decodeSccpAddress(fromHex(hex)),
        (e: unknown) => e instanceof DecodeError && e.layer === "sccp" && e.offset === offset,
        hex,
      );
    }
  });

  it("refuses to encode values that cannot be put on the wire", () => {
    const bad = [
      { pc: 0x4000 },
      { ssn: 256 },
      { gt: { tt: 0, digits: "123" } }, // GTI 2 with an odd count
      { gt: { nai: 4, digits: "12x" } },
      { gt: { nai: 128, digits: "1" } },
      { gt: { tt: 0, np: 1, es: 2, digits: "123" } }, // ES even with an odd count
      { gt: { tt: 0, np: 1, es: 1, digits: "" } },
      { globalTitleIndicator: 1, gt: { tt: 0, digits: "12" } }, // TT is not carried by GTI 1
      { globalTitleIndicator: 0, gt: { nai: 4, digits: "12" } },
      { globalTitleIndicator: 6 },
      { gt: { np: 1, digits: "12" } }, // no indicator carries NP without TT
    ];
    for (const a of bad) assert.throws(() => encodeSccpAddress(a), EncodeError, JSON.stringify(a));
  });

  it("infers the GT indicator from the fields present", () => {
    const gti = (gt: object) =>
      decodeSccpAddress(encodeSccpAddress({ gt: { digits: "12", ...gt } })).globalTitleIndicator;
    assert.equal(gti({ nai: 4 }), SccpGlobalTitleIndicator.natureOfAddressOnly);
    assert.equal(gti({ tt: 1 }), SccpGlobalTitleIndicator.translationTypeOnly);
    assert.equal(gti({ tt: 1, np: 1 }), SccpGlobalTitleIndicator.translationTypeNumberingPlanEncodingScheme);
    assert.equal(gti({ tt: 1, np: 1, nai: 4 }), 4);
    assert.equal(
      decodeSccpAddress(encodeSccpAddress({ ssn: 6 })).routingIndicator,
      SccpRoutingIndicator.routeOnSsn,
    );
  });
});

describe("SCCP framing errors (Q.713 §2.3 pointers)", () => {
  const lie = (bytes: Uint8Array, at: number, v: number) => {
    const b = Uint8Array.from(bytes);
    b[at] = v;
    return b;
  };
  const expectAt = (bytes: Uint8Array, offset: number, re: RegExp) =>
    assert.throws(
      () => decodeSccp(bytes),
      (e: unknown) => e instanceof DecodeError && e.offset === offset && re.test(e.reason),
    );

  it("rejects a mandatory pointer of 0", () => expectAt(lie(UDT, 2, 0), 2, /is 0/));
  it("rejects a pointer into the pointer area", () => expectAt(lie(UDT, 2, 1), 2, /pointer area/));
  it("rejects a pointer past the end", () => expectAt(lie(UDT, 4, 0xff), 4, /past the end/));
  it("rejects a data length of 0xFF", () => expectAt(lie(UDT, 28, 0xff), 28, /data length 255/));
  it("rejects an address length of 0xFF", () =>
    expectAt(lie(UDT, 5, 0xff), 5, /called party address length 255/));
  it("rejects an address length of 0", () => expectAt(lie(UDT, 17, 0), 17, /length 0/));
  it("rejects overlapping parameters", () => expectAt(lie(UDT, 3, 2), 5, /overlaps/));
  it("rejects a message cut inside the pointers", () => expectAt(UDT.subarray(0, 4), 1, /pointers/));
  it("rejects an optional-part pointer past the end", () => expectAt(lie(XUDT, 6, 0xf0), 6, /past the end/));
  it("rejects an optional part without its end octet", () =>
    expectAt(XUDT.subarray(0, XUDT.length - 1), XUDT.length - 1, /end of optional/));
  it("rejects a segmentation parameter of the wrong length", () =>
    expectAt(lie(XUDT, 27, 3), 27, /segmentation parameter of length 3/));
  it("rejects a second importance parameter", () => {
    const twice = Buffer.concat([XUDT.subarray(0, XUDT.length - 1), fromHex("12 01 01 00")]);
    expectAt(twice, 35, /second importance/);
  });
  // Pointed at the TT octet (0x00) of the calling address, the optional part reads as a lone end octet.
  it("rejects an optional part overlapping an address", () => expectAt(lie(XUDT, 6, 0x0a), 16, /overlaps/));
  it("rejects an empty message", () => expectAt(new Uint8Array(0), 0, /empty/));
  it("rejects a LUDT pointer past the end", () => expectAt(lie(LUDT, 10, 0x09), 9, /past the end/));
  it("keeps unknown optional parameters and forwards them unchanged", () => {
    const withUnknown = Buffer.concat([XUDT.subarray(0, XUDT.length - 1), fromHex("f3 02 01 02 00")]);
    const m = decodeSccp(withUnknown);
    assert.ok("unknownParameters" in m && m.unknownParameters);
    assert.equal(m.unknownParameters.length, 1);
    assert.equal(m.unknownParameters[0]!.name, 0xf3);
    assert.equal(toHex(m.unknownParameters[0]!.value), "0102");
    assert.equal(toHex(encodeSccp(toSccpInput(m, withUnknown))), toHex(withUnknown));
  });
});
