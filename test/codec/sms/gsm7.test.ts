/**
 * GSM 7-bit default alphabet, extension table and septet packing (TS 23.038 §6.1.2.1.1, §6.2.1, §6.2.1.1).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { EncodeError } from "../../../src/codec/errors.js";
import {
  canEncodeGsm7,
  decodeGsm7,
  decodeGsm7Packed,
  encodeGsm7,
  encodeGsm7Packed,
  fillBitsAfterHeader,
  GSM7_DEFAULT_ALPHABET,
  gsm7Length,
  headerSeptets,
  packSeptets,
  unpackSeptets,
} from "../../../src/codec/sms/index.js";
import { arbGsm7Text, assertDecodeError, GSM7_BASIC_CHARS, GSM7_EXTENSION_CHARS } from "./helpers.js";

describe("GSM 7-bit default alphabet (TS 23.038 §6.2.1)", () => {
  it("has 128 code points with the spec's characters at the spec's positions", () => {
    assert.equal(GSM7_DEFAULT_ALPHABET.length, 128);
    const at = (s: number) => GSM7_DEFAULT_ALPHABET[s];
    assert.deepEqual(
      [at(0x00), at(0x01), at(0x02), at(0x03), at(0x09), at(0x0a), at(0x0d), at(0x10), at(0x11), at(0x1f)],
      ["@", "£", "$", "¥", "Ç", "\n", "\r", "Δ", "_", "É"],
    );
    assert.deepEqual(
      [at(0x24), at(0x40), at(0x41), at(0x5b), at(0x5f), at(0x60), at(0x61), at(0x7b), at(0x7f)],
      ["¤", "¡", "A", "Ä", "§", "¿", "a", "ä", "à"],
    );
    assert.equal(new Set(GSM7_DEFAULT_ALPHABET).size, 128, "no character twice");
  });

  it("encodes every default character as one septet, its index", () => {
    for (let s = 0; s < 128; s++) {
      if (s === 0x1b) continue;
      assert.deepEqual([...encodeGsm7(GSM7_DEFAULT_ALPHABET[s]!)], [s]);
    }
  });

  it("encodes the extension table as escape + code (§6.2.1.1) and counts 2 septets each", () => {
    const table: [string, number][] = [
      ["\f", 0x0a],
      ["^", 0x14],
      ["{", 0x28],
      ["}", 0x29],
      ["\\", 0x2f],
      ["[", 0x3c],
      ["~", 0x3d],
      ["]", 0x3e],
      ["|", 0x40],
      ["€", 0x65],
    ];
    for (const [ch, code] of table) {
      assert.deepEqual([...encodeGsm7(ch)], [0x1b, code], ch);
      assert.equal(gsm7Length(ch), 2, ch);
      assert.equal(decodeGsm7([0x1b, code]), ch);
    }
    assert.equal(gsm7Length("€"), 2);
    assert.equal(gsm7Length("Price: 5€ [promo]"), 20);
  });

  it("tells encodable text from text that needs UCS2", () => {
    assert.equal(canEncodeGsm7(""), true);
    assert.equal(canEncodeGsm7("Hello @ £5 {ok} ~ ÄÖÑÜ §"), true);
    for (const t of ["ç", "á", "€uro ç", "你好", "😀", "\t", "`", "Ω\u0301", "\u001b"]) {
      assert.equal(canEncodeGsm7(t), false, JSON.stringify(t));
      assert.throws(() => encodeGsm7(t), EncodeError);
      assert.throws(() => gsm7Length(t), EncodeError);
    }
  });

  it("decodes an escape to an undefined extension as the default character, a lone or double escape as a space", () => {
    assert.equal(decodeGsm7([0x1b, 0x41]), "A"); // §6.2.1.1 note: show the main-table character
    assert.equal(decodeGsm7([0x41, 0x1b]), "A ");
    assert.equal(decodeGsm7([0x1b, 0x1b, 0x41]), " A");
    assert.equal(decodeGsm7([0xc1]), "A", "values above 127 read modulo 128");
    assert.equal(decodeGsm7([0x41, 0x42, 0x43], 1, 2), "B");
  });

  it("round-trips any encodable text through septets and through packing with every fill-bit count", () => {
    fc.assert(
      fc.property(arbGsm7Text(200), fc.integer({ min: 0, max: 6 }), (text, fill) => {
        const septets = encodeGsm7(text);
        assert.equal(septets.length, gsm7Length(text));
        assert.equal(decodeGsm7(septets), text);
        const packed = packSeptets(septets, fill);
        assert.equal(packed.length, Math.ceil((fill + 7 * septets.length) / 8));
        assert.equal(packed[0] === undefined ? 0 : packed[0] & ((1 << fill) - 1), 0, "fill bits are zero");
        assert.deepEqual(unpackSeptets(packed, 0, packed.length, septets.length, fill), septets);
        assert.equal(decodeGsm7Packed(packed, 0, packed.length, septets.length, fill), text);
      }),
      { numRuns: 300 },
    );
  });

  it("covers every default and extension character in one round trip", () => {
    const all = GSM7_BASIC_CHARS.join("") + GSM7_EXTENSION_CHARS.join("");
    const packed = encodeGsm7Packed(all);
    assert.equal(gsm7Length(all), 127 + 2 * 10);
    assert.equal(decodeGsm7Packed(packed, 0, packed.length, gsm7Length(all)), all);
  });
});

describe("Septet packing (TS 23.038 §6.1.2.1.1)", () => {
  it('packs "hellohello" to E8 32 9B FD 46 97 D9 EC 37', () => {
    assert.equal(toHex(encodeGsm7Packed("hellohello")), "e8329bfd4697d9ec37");
    assert.equal(decodeGsm7Packed(fromHex("e8329bfd4697d9ec37"), 0, 9, 10), "hellohello");
  });

  it("packs 8 septets into exactly 7 octets and the 1st septet of the next group on an octet boundary", () => {
    // "12345678": 0x31..0x38 → 31 D9 8C 56 B3 DD 70 (7 octets), "123456789" adds 39.
    assert.equal(toHex(encodeGsm7Packed("12345678")), "31d98c56b3dd70");
    assert.equal(toHex(encodeGsm7Packed("123456789")), "31d98c56b3dd7039");
  });

  it("shifts by the fill bits that follow a user data header", () => {
    // 6-octet header (concatenation, 8-bit reference) = 48 bits: 1 fill bit, the text starts at septet 7.
    assert.equal(fillBitsAfterHeader(6), 1);
    assert.equal(headerSeptets(6), 7);
    // 7-octet header (16-bit reference) = 56 bits = 8 septets exactly: no fill bits.
    assert.equal(fillBitsAfterHeader(7), 0);
    assert.equal(headerSeptets(7), 8);
    assert.equal(fillBitsAfterHeader(1), 6);
    assert.equal(fillBitsAfterHeader(0), 0);
    // "h" (0x68) after one fill bit: 0xD0; "hellohello" after one fill bit is the plain packing shifted left.
    assert.equal(toHex(packSeptets(encodeGsm7("h"), 1)), "d0");
    assert.equal(toHex(encodeGsm7Packed("hellohello", 1)), "d06536fb8d2eb3d96f");
  });

  it("unpacks from an offset without reading outside the range and rejects a count the octets cannot hold", () => {
    const buf = fromHex("ff e8 32 9b fd 46 97 d9 ec 37 ff");
    assert.equal(decodeGsm7Packed(buf, 1, 10, 10), "hellohello");
    assertDecodeError(() => unpackSeptets(buf, 1, 9, 10), /10 septets need 9 octets, only 8/, 9);
    assertDecodeError(() => unpackSeptets(buf, 5, 20, 1), /outside/);
    assertDecodeError(() => unpackSeptets(buf, 1, 10, 1, 7), /fill bits/);
    assertDecodeError(() => unpackSeptets(buf, 1, 10, -1), /count/);
  });

  it("refuses septets above 127 and fill bits outside 0..6 when packing", () => {
    assert.throws(() => packSeptets([0x80]), EncodeError);
    assert.throws(() => packSeptets([1], 7), EncodeError);
  });
});
