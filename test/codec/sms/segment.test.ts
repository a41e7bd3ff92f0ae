/**
 * UCS2/UTF-16, the choice of alphabet and segmentation into concatenated short messages (TS 23.038 §6.2.3,
 * TS 23.040 §9.2.3.24.1 / .8).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { EncodeError } from "../../../src/codec/errors.js";
import {
  chooseEncoding,
  countSegments,
  decodeGsm7Packed,
  decodeUcs2,
  decodeUserDataHeader,
  encodeUcs2,
  fillBitsAfterHeader,
  gsm7Length,
  headerSeptets,
  isWellFormedUtf16,
  type SmsSegment,
  segmentCapacity,
  segmentText,
} from "../../../src/codec/sms/index.js";
import { arbAnyText, arbGsm7Text, assertDecodeError } from "./helpers.js";

describe("UCS2 / UTF-16BE (TS 23.038 §6.2.3)", () => {
  it("writes code units big-endian, an emoji as a surrogate pair of 4 octets", () => {
    assert.equal(toHex(encodeUcs2("Aж")), "00410436");
    assert.equal(toHex(encodeUcs2("😀")), "d83dde00");
    assert.equal(encodeUcs2("你好😀").length, 8);
    assert.equal(decodeUcs2(fromHex("4f60 597d d83d de00")), "你好😀");
  });

  it("writes and reads an unpaired surrogate unit as it is, and refuses an odd octet count when decoding", () => {
    assert.equal(toHex(encodeUcs2("a\ud83d")), "0061d83d");
    assert.equal(toHex(encodeUcs2("\ude00b")), "de000062");
    assert.equal(isWellFormedUtf16("a\ud83db"), false);
    assert.equal(isWellFormedUtf16("a\ud83d\ude00b"), true);
    assertDecodeError(() => decodeUcs2(fromHex("00 41 00")), /not a whole number/, 2);
    // From the wire an unpaired surrogate is kept as it is (decoding never judges the text).
    assert.equal(decodeUcs2(fromHex("d83d 0041")), "\ud83dA");
  });

  it("round-trips any well-formed text", () => {
    fc.assert(
      fc.property(arbAnyText(300), (text) => {
        assert.equal(decodeUcs2(encodeUcs2(text)), text);
      }),
      { numRuns: 200 },
    );
  });
});

describe("chooseEncoding", () => {
  it("takes GSM 7-bit when every character is in the default alphabet or its extension table", () => {
    assert.equal(chooseEncoding("Your code is 1234"), "gsm7");
    assert.equal(chooseEncoding("Price 5€ {promo} ^_^"), "gsm7");
    assert.equal(chooseEncoding(""), "gsm7");
    assert.equal(chooseEncoding("Façade"), "ucs2"); // ç is not in the default alphabet (Ç is)
    assert.equal(chooseEncoding("OK 😀"), "ucs2");
    assert.equal(chooseEncoding("验证码 1234"), "ucs2");
  });
});

/** Reassembles the parts the way a handset does and checks each part's TP-UD against its fields. */
function checkParts(text: string, parts: SmsSegment[], reference?: number, bits: 8 | 16 = 8): void {
  assert.equal(parts.map((p) => p.text).join(""), text);
  for (const [i, p] of parts.entries()) {
    const ud = p.userDataOctets;
    if (parts.length === 1) {
      assert.equal(p.concatenation, undefined);
      assert.equal(p.userData.header, undefined);
    } else {
      assert.deepEqual(p.concatenation, {
        reference,
        referenceBits: bits,
        totalParts: parts.length,
        partNumber: i + 1,
      });
      const h = decodeUserDataHeader(ud, 0, ud.length);
      assert.deepEqual(h.header.concatenation, p.concatenation);
      assert.equal(h.end, bits === 8 ? 6 : 7);
    }
    const headerOctets = parts.length === 1 ? 0 : bits === 8 ? 6 : 7;
    if (p.encoding === "gsm7") {
      assert.equal(p.dataCodingScheme, 0x00);
      assert.equal(p.units, gsm7Length(p.text));
      assert.equal(p.userDataLength, headerSeptets(headerOctets) + p.units);
      assert.ok(p.userDataLength <= 160);
      const body = decodeGsm7Packed(ud, headerOctets, ud.length, p.units, fillBitsAfterHeader(headerOctets));
      assert.equal(body, p.text);
    } else {
      assert.equal(p.dataCodingScheme, 0x08);
      assert.equal(p.units, p.text.length);
      assert.equal(p.userDataLength, headerOctets + 2 * p.units);
      assert.ok(p.userDataLength <= 140);
      assert.equal(decodeUcs2(ud, headerOctets, ud.length), p.text);
      assert.ok(isWellFormedUtf16(p.text), `part ${i + 1} splits a surrogate pair`);
    }
    assert.equal(ud.length, p.encoding === "gsm7" ? Math.ceil((p.userDataLength * 7) / 8) : p.userDataLength);
  }
}

describe("Segment capacity (TS 23.040 §9.2.3.24.1 / .8)", () => {
  it("is 160/153/152 septets and 70/67/66 code units", () => {
    assert.deepEqual(
      [segmentCapacity("gsm7", 0), segmentCapacity("gsm7", 8), segmentCapacity("gsm7", 16)],
      [160, 153, 152],
    );
    assert.deepEqual(
      [segmentCapacity("ucs2", 0), segmentCapacity("ucs2", 8), segmentCapacity("ucs2", 16)],
      [70, 67, 66],
    );
  });

  it("puts 160 GSM 7-bit characters in one message and 161 in two parts of 153 + 8", () => {
    const one = segmentText("a".repeat(160), { reference: 1 });
    assert.equal(one.length, 1);
    assert.equal(one[0]!.userDataLength, 160);
    assert.equal(one[0]!.userDataOctets.length, 140);
    const two = segmentText("a".repeat(161), { reference: 1 });
    assert.deepEqual(
      two.map((p) => p.units),
      [153, 8],
    );
    checkParts("a".repeat(161), two, 1);
    assert.equal(countSegments("a".repeat(160)), 1);
    assert.equal(countSegments("a".repeat(161)), 2);
    assert.equal(countSegments("a".repeat(306)), 2);
    assert.equal(countSegments("a".repeat(307)), 3);
    assert.equal(countSegments("a".repeat(304), { referenceBits: 16 }), 2);
    assert.equal(countSegments("a".repeat(305), { referenceBits: 16 }), 3);
  });

  it("counts an extension character as 2 septets against the limit", () => {
    assert.equal(countSegments("€".repeat(80)), 1);
    assert.equal(countSegments(`${"€".repeat(80)}a`), 2);
    assert.equal(countSegments(`${"a".repeat(159)}€`), 2);
  });

  it("puts 70 UCS2 code units in one message and 71 in two parts of 67 + 4", () => {
    const t70 = "ж".repeat(70);
    assert.equal(countSegments(t70), 1);
    assert.equal(segmentText(t70, { reference: 0 })[0]!.userDataLength, 140);
    const t71 = "ж".repeat(71);
    const parts = segmentText(t71, { reference: 200 });
    assert.deepEqual(
      parts.map((p) => p.units),
      [67, 4],
    );
    checkParts(t71, parts, 200);
    assert.equal(countSegments("ж".repeat(134)), 2);
    assert.equal(countSegments("ж".repeat(135)), 3);
    const wide = segmentText("ж".repeat(133), { reference: 0xbeef, referenceBits: 16 });
    assert.deepEqual(
      wide.map((p) => p.units),
      [66, 66, 1],
    );
    checkParts("ж".repeat(133), wide, 0xbeef, 16);
  });

  it("counts an emoji as 2 code units: 35 fit one message, 36 do not", () => {
    assert.equal(countSegments("😀".repeat(35)), 1);
    assert.equal(countSegments("😀".repeat(36)), 2);
  });
});

describe("Segmentation never splits an escape sequence or a surrogate pair", () => {
  it("moves a € that would straddle the 153rd septet to the next part", () => {
    const text = `${"a".repeat(152)}€${"b".repeat(10)}`;
    const parts = segmentText(text, { reference: 9 });
    assert.deepEqual(
      parts.map((p) => p.units),
      [152, 12],
    );
    assert.equal(parts[1]!.text, `€${"b".repeat(10)}`);
    checkParts(text, parts, 9);
  });

  it("moves a € that would straddle the 152nd septet (16-bit reference) to the next part", () => {
    const text = `${"a".repeat(151)}€${"b".repeat(10)}`;
    const parts = segmentText(text, { reference: 0x1234, referenceBits: 16 });
    assert.deepEqual(
      parts.map((p) => p.units),
      [151, 12],
    );
    checkParts(text, parts, 0x1234, 16);
  });

  it("moves an emoji that would straddle the 67th code unit to the next part", () => {
    const text = `${"ж".repeat(66)}😀${"ж".repeat(10)}`;
    const parts = segmentText(text, { reference: 3 });
    assert.deepEqual(
      parts.map((p) => p.units),
      [66, 12],
    );
    assert.ok(parts[1]!.text.startsWith("😀"));
    checkParts(text, parts, 3);
  });

  it("holds for any text, alphabet and reference size (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(arbAnyText(700), arbGsm7Text(800)),
        fc.constantFrom(8 as const, 16 as const),
        fc.integer({ min: 0, max: 255 }),
        (text, bits, reference) => {
          const parts = segmentText(text, { reference, referenceBits: bits });
          checkParts(text, parts, reference, bits);
          assert.equal(countSegments(text, { referenceBits: bits }), parts.length);
          const encoding = chooseEncoding(text);
          const cap = segmentCapacity(encoding, parts.length === 1 ? 0 : bits);
          // Every part but the last is full up to one unit (the unit that would have been cut).
          for (const p of parts.slice(0, -1)) assert.ok(p.units >= cap - 1 && p.units <= cap);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("segmentText options and limits", () => {
  it("forces UCS2 on GSM-encodable text when asked, and refuses GSM 7-bit for text that needs UCS2", () => {
    const parts = segmentText("hello", { encoding: "ucs2" });
    assert.equal(parts[0]!.encoding, "ucs2");
    assert.equal(toHex(parts[0]!.userDataOctets), "00680065006c006c006f");
    assert.throws(() => segmentText("😀", { encoding: "gsm7" }), EncodeError);
    assert.throws(() => countSegments("ç", { encoding: "gsm7" }), EncodeError);
  });

  it("makes one empty message of empty text", () => {
    const parts = segmentText("");
    assert.equal(parts.length, 1);
    assert.equal(parts[0]!.userDataLength, 0);
    assert.equal(parts[0]!.userDataOctets.length, 0);
  });

  it("writes the classic concatenation header 05 00 03 ref total part, 1 fill bit, then the text", () => {
    const parts = segmentText("a".repeat(154 + 7), { reference: 0xcc });
    assert.equal(toHex(parts[0]!.userDataOctets.subarray(0, 6)), "050003cc0201");
    assert.equal(toHex(parts[1]!.userDataOctets.subarray(0, 6)), "050003cc0202");
    // "a" (0x61) after 1 fill bit: 0x61 << 1 = 0xC2.
    assert.equal(parts[1]!.userDataOctets[6], 0xc2);
    assert.equal(parts[1]!.userDataLength, 7 + 8);
  });

  it("writes the 16-bit reference header 06 08 04 hi lo total part", () => {
    const parts = segmentText("a".repeat(161), { reference: 0xabcd, referenceBits: 16 });
    assert.equal(toHex(parts[0]!.userDataOctets.subarray(0, 7)), "060804abcd0201");
  });

  it("refuses more than 255 parts, a missing reference and a reference out of range", () => {
    assert.equal(countSegments("a".repeat(153 * 255)), 255);
    assert.equal(segmentText("a".repeat(153 * 255), { reference: 1 }).length, 255);
    assert.equal(countSegments("a".repeat(153 * 255 + 1)), 256);
    assert.throws(() => segmentText("a".repeat(153 * 255 + 1), { reference: 1 }), /256 parts/);
    assert.throws(() => segmentText("a".repeat(200)), /reference/);
    assert.throws(() => segmentText("a".repeat(200), { reference: 256 }), EncodeError);
    assert.throws(() => segmentText("a".repeat(200), { reference: 65536, referenceBits: 16 }), EncodeError);
    assert.throws(() => segmentText("a\ud800", {}), EncodeError);
  });
});
