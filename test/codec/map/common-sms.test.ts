import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { EncodeError } from "../../../src/codec/errors.js";
import {
  decodeGeographicalPoint,
  decodeGsm7,
  encodeGsm7Ussd,
  gsm7Septets,
  mapOctets,
  ussdAlphabet,
  ussdText,
} from "../../../src/codec/map/common-sms.js";

const DEFAULT_ALPHABET =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

describe("GSM 7-bit default alphabet (TS 23.038 §6.1.2, §6.2.1)", () => {
  it("packs and unpacks the TS 23.038 §6.1.2.1 layout: septets LSB first across octets", () => {
    // Hand-packed: "*100#" → aa 18 0c 36 02; "hellohello" → e8 32 9b fd 46 97 d9 ec 37.
    assert.equal(toHex(encodeGsm7Ussd("*100#")), "aa180c3602");
    assert.equal(toHex(encodeGsm7Ussd("hellohello")), "e8329bfd4697d9ec37");
    assert.equal(decodeGsm7(fromHex("e8329bfd4697d9ec37"), 0, 9), "hellohello");
  });

  it("pads 8n-1 septets with <CR> and drops that <CR> on decoding (§6.1.2.3.1)", () => {
    const packed = encodeGsm7Ussd("1234567");
    assert.equal(toHex(packed), "31d98c56b3dd1a");
    assert.equal(decodeGsm7(packed, 0, packed.length), "1234567");
    // Eight real septets fill 7 octets exactly and keep their last character.
    assert.equal(decodeGsm7(encodeGsm7Ussd("12345678"), 0, 7), "12345678");
    // A message ending in a wanted <CR> on an octet boundary gets a second <CR>; the receiver shows both.
    assert.equal(decodeGsm7(encodeGsm7Ussd("1234567\r"), 0, 8), "1234567\r\r");
  });

  it("maps every default-alphabet septet and the extension table after ESC", () => {
    const septets = [...Array(128).keys()].filter((s) => s !== 0x1b);
    assert.deepEqual(gsm7Septets(DEFAULT_ALPHABET), septets);
    assert.deepEqual(
      gsm7Septets("€[]{}\\^~|\f"),
      [
        0x1b, 0x65, 0x1b, 0x3c, 0x1b, 0x3e, 0x1b, 0x28, 0x1b, 0x29, 0x1b, 0x2f, 0x1b, 0x14, 0x1b, 0x3d, 0x1b,
        0x40, 0x1b, 0x0a,
      ],
    );
    const text = "Price: 5€ [ok]";
    const p = encodeGsm7Ussd(text);
    assert.equal(decodeGsm7(p, 0, p.length), text);
  });

  it("shows an escape to an undefined extension as the default-table character (§6.2.1.1)", () => {
    // ESC 'A' packed: septets 1b 41 → 0x1b | (0x41 & 1) << 7 = 0x9b, 0x41 >> 1 = 0x20.
    assert.equal(decodeGsm7(fromHex("9b 20"), 0, 2, 2), "A");
  });

  it("decodes exactly the requested number of septets", () => {
    assert.equal(decodeGsm7(fromHex("e8329bfd4697d9ec37"), 0, 9, 4), "hell");
  });

  it("refuses characters outside the alphabet when encoding", () => {
    assert.throws(() => encodeGsm7Ussd("日本"), EncodeError);
  });

  it("round-trips any default-alphabet text not ending in <CR> (property)", () => {
    const ch = fc.constantFrom(...DEFAULT_ALPHABET, "€", "[", "]", "{", "}", "\\", "^", "~", "|");
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 180 }), (chars) => {
        const text = chars.join("");
        fc.pre(!text.endsWith("\r"));
        const p = encodeGsm7Ussd(text);
        assert.equal(decodeGsm7(p, 0, p.length), text);
      }),
    );
  });
});

describe("USSD data coding scheme and text (TS 23.038 §5)", () => {
  it("classifies the CBS data coding groups", () => {
    assert.equal(ussdAlphabet(0x0f), "gsm7");
    assert.equal(ussdAlphabet(0x00), "gsm7");
    assert.equal(ussdAlphabet(0x10), "gsm7WithLanguage");
    assert.equal(ussdAlphabet(0x11), "ucs2WithLanguage");
    assert.equal(ussdAlphabet(0x44), "8bit");
    assert.equal(ussdAlphabet(0x48), "ucs2");
    assert.equal(ussdAlphabet(0x60), "unknown"); // compressed
    assert.equal(ussdAlphabet(0xf0), "gsm7");
    assert.equal(ussdAlphabet(0xf4), "8bit");
    assert.equal(ussdAlphabet(0x90), "unknown");
  });

  it("gives text for 7-bit and UCS2 strings and nothing for 8-bit data", () => {
    assert.equal(ussdText(0x0f, mapOctets(fromHex("aa180c3602"))), "*100#");
    assert.equal(ussdText(0x48, mapOctets(fromHex("0048 0069 20ac"))), "Hi€");
    // 0x11: two octets of language indication (two packed 7-bit characters) are skipped, then UCS2.
    assert.equal(ussdText(0x11, mapOctets(fromHex("e536 0048 0069"))), "Hi");
    // 0x10: the first three characters are the language and a <CR>.
    assert.equal(ussdText(0x10, mapOctets(encodeGsm7Ussd("en\rhello"))), "hello");
    assert.equal(ussdText(0x44, mapOctets(fromHex("0102"))), undefined);
  });
});

describe("Geographical point (TS 23.032 §6.1, §7.3)", () => {
  it("decodes an ellipsoid point with uncertainty circle", () => {
    // Shape 1 (0x10), latitude N 51.5° → 0x493e93, longitude -0.1° → 0xffedcb, uncertainty code 10.
    const p = decodeGeographicalPoint(fromHex("10 49 3e 93 ff ed cb 0a"), 0, 8);
    assert.ok(p);
    assert.equal(p.shape, 1);
    assert.ok(Math.abs(p.latitude - 51.5) < 1e-4);
    assert.ok(Math.abs(p.longitude + 0.1) < 1e-4);
    assert.equal(p.uncertaintyCode, 10);
  });

  it("reads the sign bit of a southern latitude and ignores polygons and short data", () => {
    const south = decodeGeographicalPoint(fromHex("00 c9 3e 93 00 00 00"), 0, 7);
    assert.ok(south && south.latitude < -51.49 && south.longitude === 0);
    assert.equal(decodeGeographicalPoint(fromHex("50 00 00 00 00 00 00"), 0, 7), undefined);
    assert.equal(decodeGeographicalPoint(fromHex("10 49 3e"), 0, 3), undefined);
  });
});
