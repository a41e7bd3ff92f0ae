/**
 * TPDU fields: addresses (TS 23.040 §9.1.2.5), time stamps (§9.2.3.11), validity periods (§9.2.3.12),
 * TP-ST (§9.2.3.15), the data coding scheme (TS 23.038 §4) and the user data header (§9.2.3.24).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ByteWriter, fromHex, toHex } from "../../../src/codec/bytes.js";
import { EncodeError } from "../../../src/codec/errors.js";
import {
  alphanumericAddress,
  concatenationElement,
  decodeDataCodingScheme,
  decodeEnhancedValidityPeriod,
  decodeSmsAddress,
  decodeSmsTimestamp,
  decodeUserDataHeader,
  encodeDataCodingScheme,
  encodeSmsAddress,
  encodeUserDataHeader,
  internationalAddress,
  nationalAddress,
  relativeValidityFromMinutes,
  relativeValidityMinutes,
  type SmsDataCoding,
  smsOctets,
  smsStatusCategory,
  smsTimestampFromDate,
  smsTimestampToDate,
  udhElement,
  userDataAlphabet,
  userDataHeader,
  writeSmsTimestamp,
} from "../../../src/codec/sms/index.js";
import { arbAddress, arbTimestamp, arbUdhElements, assertDecodeError, normalize } from "./helpers.js";

describe("TP-DA / TP-OA / TP-RA addresses (TS 23.040 §9.1.2.5)", () => {
  it("encodes an international number: length in digits, 0x91, swapped semi-octets with an F filler", () => {
    assert.equal(toHex(encodeSmsAddress(internationalAddress("46708251358"))), "0b916407281553f8");
    assert.equal(toHex(encodeSmsAddress(internationalAddress("447700900123"))), "0c91447700091032");
    assert.equal(toHex(encodeSmsAddress(nationalAddress("0612345678"))), "0aa16021436587");
    const b = fromHex("0b 91 64 07 28 15 53 f8 ff");
    assert.deepEqual(decodeSmsAddress(b, 0, b.length), {
      address: { typeOfNumber: 1, numberingPlan: 1, address: "46708251358" },
      end: 8,
    });
  });

  it("reads * # a b c digits and an empty address", () => {
    const a = { typeOfNumber: 0, numberingPlan: 0, address: "*#abc12" };
    const bytes = encodeSmsAddress(a);
    assert.equal(toHex(bytes), "0780badc1ef2");
    assert.deepEqual(decodeSmsAddress(bytes, 0, bytes.length).address, a);
    assert.equal(toHex(encodeSmsAddress({ typeOfNumber: 0, numberingPlan: 1, address: "" })), "0081");
  });

  it("packs an alphanumeric sender ID in GSM 7-bit, the length counting semi-octets", () => {
    // "MyBank": 6 septets = 42 bits → 11 semi-octets, 6 octets; TOA 0xD0 = alphanumeric, plan unknown.
    const bytes = encodeSmsAddress(alphanumericAddress("MyBank"));
    assert.equal(toHex(bytes), "0bd0cdbc30ec5e03");
    assert.deepEqual(decodeSmsAddress(bytes, 0, bytes.length).address, alphanumericAddress("MyBank"));
    // 11 septets is the most there is room for (77 bits → 20 semi-octets, 10 octets).
    const eleven = encodeSmsAddress(alphanumericAddress("ABCDEFGHIJK"));
    assert.equal(eleven[0], 20);
    assert.equal(eleven.length, 12);
    assert.throws(() => encodeSmsAddress(alphanumericAddress("ABCDEFGHIJKL")), EncodeError);
    // Extension characters count 2 septets.
    const euro = encodeSmsAddress(alphanumericAddress("Pay€"));
    assert.equal(euro[0], Math.ceil((5 * 7) / 4));
    assert.equal(decodeSmsAddress(euro, 0, euro.length).address.address, "Pay€");
  });

  it("rejects a type-of-address without bit 8, a length over 20, a value cut short and a filler as a digit", () => {
    assertDecodeError(() => decodeSmsAddress(fromHex("04 11 21 43"), 0, 4), /bit 8 clear/, 1);
    assertDecodeError(() => decodeSmsAddress(fromHex(`15 91 ${"11".repeat(11)}`), 0, 13), /over 20/, 0);
    assertDecodeError(() => decodeSmsAddress(fromHex("0b 91 64 07 28"), 0, 5), /need 6 octets/, 0);
    assertDecodeError(() => decodeSmsAddress(fromHex("04 91 21 f3"), 0, 4), /filler/, 3);
    assertDecodeError(() => decodeSmsAddress(fromHex("04"), 0, 1), /cut short/, 0);
    assert.throws(() => encodeSmsAddress(internationalAddress("+4477")), EncodeError);
    assert.throws(() => encodeSmsAddress(internationalAddress("1".repeat(21))), EncodeError);
    assert.throws(() => encodeSmsAddress({ typeOfNumber: 8, numberingPlan: 1, address: "1" }), EncodeError);
  });

  it("round-trips any address", () => {
    fc.assert(
      fc.property(arbAddress, (a) => {
        const bytes = encodeSmsAddress(a);
        assert.ok(bytes.length >= 2 && bytes.length <= 12);
        const d = decodeSmsAddress(bytes, 0, bytes.length);
        assert.deepEqual(d.address, { ...a });
        assert.equal(d.end, bytes.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe("TP-SCTS / TP-DT time stamps (TS 23.040 §9.2.3.11)", () => {
  it("reads the classic 99 30 92 51 61 95 80: 1999-03-29 15:16:59, GMT+2 (8 quarters)", () => {
    const t = decodeSmsTimestamp(fromHex("99 30 92 51 61 95 80"), 0, 7);
    assert.deepEqual(t, { year: 99, month: 3, day: 29, hour: 15, minute: 16, second: 59, timezone: 8 });
  });

  it("reads a negative time zone from bit 4 of the 7th octet: 0x4A = −24 quarters (GMT−6)", () => {
    const t = decodeSmsTimestamp(fromHex("42 10 10 21 43 00 4a"), 0, 7);
    assert.deepEqual(t, { year: 24, month: 1, day: 1, hour: 12, minute: 34, second: 0, timezone: -24 });
    const w = new ByteWriter();
    writeSmsTimestamp(w, t);
    assert.equal(toHex(w.finish()), "4210102143004a");
    const w2 = new ByteWriter();
    writeSmsTimestamp(w2, { ...t, timezone: -15 }); // GMT−3:45 → tens 1 | sign, units 5
    assert.equal(toHex(w2.finish()).slice(12), "59");
    const w3 = new ByteWriter();
    writeSmsTimestamp(w3, { ...t, timezone: 79 });
    assert.equal(toHex(w3.finish()).slice(12), "97");
  });

  it("converts to and from a Date with the time zone as the SC's local offset", () => {
    const d = new Date("2025-12-31T23:30:15Z");
    const east = smsTimestampFromDate(d, 4 * 5.5); // India, GMT+5:30: local 2026-01-01 05:00:15
    assert.deepEqual(east, { year: 26, month: 1, day: 1, hour: 5, minute: 0, second: 15, timezone: 22 });
    assert.equal(smsTimestampToDate(east).toISOString(), d.toISOString());
    const west = smsTimestampFromDate(d, -20); // GMT−5: local 18:30:15 the same day
    assert.deepEqual(west, { year: 25, month: 12, day: 31, hour: 18, minute: 30, second: 15, timezone: -20 });
    assert.equal(smsTimestampToDate(west).toISOString(), d.toISOString());
  });

  it("rejects non-decimal semi-octets and a time stamp cut short", () => {
    assertDecodeError(() => decodeSmsTimestamp(fromHex("42 1a 10 21 43 00 00"), 0, 7), /month/, 1);
    assertDecodeError(() => decodeSmsTimestamp(fromHex("42 10 10 21 43 00 a0"), 0, 7), /time zone/, 6);
    assertDecodeError(() => decodeSmsTimestamp(fromHex("42 10 10 21 43 00"), 0, 6), /cut short/, 0);
    assert.throws(
      () =>
        writeSmsTimestamp(new ByteWriter(), {
          year: 100,
          month: 1,
          day: 1,
          hour: 0,
          minute: 0,
          second: 0,
          timezone: 0,
        }),
      EncodeError,
    );
    assert.throws(
      () =>
        writeSmsTimestamp(new ByteWriter(), {
          year: 1,
          month: 1,
          day: 1,
          hour: 0,
          minute: 0,
          second: 0,
          timezone: 80,
        }),
      EncodeError,
    );
  });

  it("round-trips any two-digit fields and time zone", () => {
    fc.assert(
      fc.property(arbTimestamp, (t) => {
        const w = new ByteWriter();
        writeSmsTimestamp(w, t);
        const b = w.finish();
        assert.deepEqual(decodeSmsTimestamp(b, 0, 7), { ...t });
      }),
      { numRuns: 300 },
    );
  });
});

describe("TP-VP validity period (TS 23.040 §9.2.3.12)", () => {
  it("maps relative values to 5 min steps, 30 min steps, days and weeks", () => {
    assert.equal(relativeValidityMinutes(0), 5);
    assert.equal(relativeValidityMinutes(143), 12 * 60);
    assert.equal(relativeValidityMinutes(144), 12 * 60 + 30);
    assert.equal(relativeValidityMinutes(167), 24 * 60);
    assert.equal(relativeValidityMinutes(168), 2 * 24 * 60);
    assert.equal(relativeValidityMinutes(170), 4 * 24 * 60);
    assert.equal(relativeValidityMinutes(196), 30 * 24 * 60);
    assert.equal(relativeValidityMinutes(197), 5 * 7 * 24 * 60);
    assert.equal(relativeValidityMinutes(255), 63 * 7 * 24 * 60);
    assert.equal(relativeValidityFromMinutes(60), 11);
    assert.equal(relativeValidityFromMinutes(24 * 60), 167);
    assert.equal(relativeValidityFromMinutes(1e9), 255);
    for (let vp = 0; vp <= 255; vp++)
      assert.equal(relativeValidityFromMinutes(relativeValidityMinutes(vp)), vp);
  });

  it("reads the enhanced format's functionality indicator and its three relative forms", () => {
    assert.deepEqual(decodeEnhancedValidityPeriod(smsOctets(fromHex("41 a7 00 00 00 00 00"))), {
      extension: false,
      singleShot: true,
      format: 1,
      seconds: 24 * 3600,
    });
    assert.deepEqual(decodeEnhancedValidityPeriod(smsOctets(fromHex("02 3c 00 00 00 00 00"))).seconds, 60);
    // HH MM SS as swapped semi-octets: 12:34:56.
    assert.deepEqual(decodeEnhancedValidityPeriod(smsOctets(fromHex("03 21 43 65 00 00 00"))).seconds, 45296);
    assert.deepEqual(decodeEnhancedValidityPeriod(smsOctets(fromHex("00 00 00 00 00 00 00"))), {
      extension: false,
      singleShot: false,
      format: 0,
    });
    assert.equal(decodeEnhancedValidityPeriod(smsOctets(fromHex("07 ff ff ff ff ff ff"))).seconds, undefined);
  });
});

describe("TP-ST (TS 23.040 §9.2.3.15)", () => {
  it("sorts status values into their four ranges", () => {
    assert.equal(smsStatusCategory(0x00), "completed");
    assert.equal(smsStatusCategory(0x02), "completed");
    assert.equal(smsStatusCategory(0x20), "temporaryErrorRetrying");
    assert.equal(smsStatusCategory(0x41), "permanentError");
    assert.equal(smsStatusCategory(0x65), "temporaryErrorNotRetrying");
    assert.equal(smsStatusCategory(0x80), "reserved");
  });
});

describe("TP-DCS data coding scheme (TS 23.038 §4)", () => {
  const cases: [number, SmsDataCoding, "gsm7" | "8bit" | "ucs2"][] = [
    [0x00, { group: "general", automaticDeletion: false, compressed: false, alphabet: "gsm7" }, "gsm7"],
    [0x04, { group: "general", automaticDeletion: false, compressed: false, alphabet: "8bit" }, "8bit"],
    [0x08, { group: "general", automaticDeletion: false, compressed: false, alphabet: "ucs2" }, "ucs2"],
    [0x0c, { group: "general", automaticDeletion: false, compressed: false, alphabet: "reserved" }, "gsm7"],
    [
      0x10,
      { group: "general", automaticDeletion: false, compressed: false, alphabet: "gsm7", messageClass: 0 },
      "gsm7",
    ],
    [
      0x18,
      { group: "general", automaticDeletion: false, compressed: false, alphabet: "ucs2", messageClass: 0 },
      "ucs2",
    ],
    [0x28, { group: "general", automaticDeletion: false, compressed: true, alphabet: "ucs2" }, "8bit"],
    [
      0x52,
      { group: "general", automaticDeletion: true, compressed: false, alphabet: "gsm7", messageClass: 2 },
      "gsm7",
    ],
    [0x80, { group: "reserved", octet: 0x80 }, "gsm7"],
    [0xb7, { group: "reserved", octet: 0xb7 }, "gsm7"],
    [
      0xc8,
      { group: "messageWaiting", store: false, alphabet: "gsm7", active: true, indication: "voicemail" },
      "gsm7",
    ],
    [
      0xd1,
      { group: "messageWaiting", store: true, alphabet: "gsm7", active: false, indication: "fax" },
      "gsm7",
    ],
    [
      0xda,
      { group: "messageWaiting", store: true, alphabet: "gsm7", active: true, indication: "email" },
      "gsm7",
    ],
    [
      0xeb,
      { group: "messageWaiting", store: true, alphabet: "ucs2", active: true, indication: "other" },
      "ucs2",
    ],
    [0xf0, { group: "dataCodingMessageClass", alphabet: "gsm7", messageClass: 0 }, "gsm7"],
    [0xf5, { group: "dataCodingMessageClass", alphabet: "8bit", messageClass: 1 }, "8bit"],
    [0xf6, { group: "dataCodingMessageClass", alphabet: "8bit", messageClass: 2 }, "8bit"],
  ];

  it("decodes the general, automatic deletion, reserved, message waiting and data coding/class groups", () => {
    for (const [octet, value, alphabet] of cases) {
      assert.deepEqual(decodeDataCodingScheme(octet), value, `0x${octet.toString(16)}`);
      assert.equal(encodeDataCodingScheme(value), octet, `0x${octet.toString(16)}`);
      assert.equal(userDataAlphabet(octet), alphabet, `0x${octet.toString(16)}`);
    }
  });

  it("decodes every octet, and re-encodes it exactly when no reserved bit is set", () => {
    for (let octet = 0; octet < 256; octet++) {
      const v = decodeDataCodingScheme(octet);
      const back = encodeDataCodingScheme(v);
      const reservedBits =
        (octet & 0xc0) === 0 || (octet & 0xc0) === 0x40
          ? octet & 0x10
            ? 0
            : octet & 0x03
          : octet >= 0xc0 && octet < 0xf0
            ? octet & 0x04
            : octet >= 0xf0
              ? octet & 0x08
              : 0;
      assert.equal(back, octet & ~reservedBits, `0x${octet.toString(16)}`);
    }
  });

  it("refuses combinations without a coding", () => {
    assert.throws(
      () =>
        encodeDataCodingScheme({
          group: "messageWaiting",
          store: false,
          alphabet: "ucs2",
          active: true,
          indication: "fax",
        }),
      EncodeError,
    );
    assert.throws(() => encodeDataCodingScheme({ group: "reserved", octet: 0x10 }), EncodeError);
  });
});

describe("User data header (TS 23.040 §9.2.3.24)", () => {
  it("decodes the classic 05 00 03 CC 02 01 with its concatenation", () => {
    const b = fromHex("05 00 03 cc 02 01 ff");
    const { header, end } = decodeUserDataHeader(b, 0, b.length);
    assert.equal(end, 6);
    assert.deepEqual(header.concatenation, {
      reference: 0xcc,
      referenceBits: 8,
      totalParts: 2,
      partNumber: 1,
    });
    assert.deepEqual(normalize(header.elements), [{ iei: 0, octets: "cc0201" }]);
  });

  it("decodes a 16-bit reference and keeps other elements generic (application port, 0x05)", () => {
    const b = fromHex("0c 05 04 0b 84 23 f0 08 04 12 34 03 02");
    const { header, end } = decodeUserDataHeader(b, 0, b.length);
    assert.equal(end, 13);
    assert.deepEqual(header.concatenation, {
      reference: 0x1234,
      referenceBits: 16,
      totalParts: 3,
      partNumber: 2,
    });
    assert.deepEqual(normalize(header.elements), [
      { iei: 5, octets: "0b8423f0" },
      { iei: 8, octets: "12340302" },
    ]);
    assert.equal(toHex(encodeUserDataHeader(header.elements)), toHex(b));
  });

  it("ignores a concatenation element with 0 parts or a part number beyond the total (§9.2.3.24.1)", () => {
    for (const hex of ["05 00 03 01 00 01", "05 00 03 01 02 00", "05 00 03 01 02 03"]) {
      const b = fromHex(hex);
      const { header } = decodeUserDataHeader(b, 0, b.length);
      assert.equal(header.concatenation, undefined, hex);
      assert.equal(header.elements.length, 1);
    }
    // The last valid occurrence counts.
    const b = fromHex("0a 00 03 01 02 01 00 03 07 02 02");
    assert.equal(decodeUserDataHeader(b, 0, b.length).header.concatenation?.reference, 7);
  });

  it("rejects UDHL beyond TP-UD, an element beyond UDHL and concatenation elements of the wrong length", () => {
    assertDecodeError(() => decodeUserDataHeader(fromHex("06 00 03 01 02 01"), 0, 6), /UDHL 6 goes past/, 0);
    assertDecodeError(() => decodeUserDataHeader(fromHex("04 00 04 01 02"), 0, 5), /goes past UDHL/, 2);
    assertDecodeError(() => decodeUserDataHeader(fromHex("01 00"), 0, 2), /cut by UDHL/, 1);
    assertDecodeError(() => decodeUserDataHeader(fromHex("04 00 02 01 02"), 0, 5), /not 3/, 2);
    assertDecodeError(() => decodeUserDataHeader(fromHex("05 08 03 01 02 01"), 0, 6), /not 4/, 2);
    assertDecodeError(() => decodeUserDataHeader(fromHex(""), 0, 0), /empty/, 0);
  });

  it("encodes concatenation elements and refuses out-of-range values", () => {
    const e = concatenationElement({ reference: 0xab, referenceBits: 8, totalParts: 3, partNumber: 3 });
    assert.equal(toHex(encodeUserDataHeader([e])), "050003ab0303");
    assert.throws(
      () => concatenationElement({ reference: 1, referenceBits: 8, totalParts: 3, partNumber: 4 }),
      EncodeError,
    );
    assert.throws(
      () => concatenationElement({ reference: 1, referenceBits: 8, totalParts: 0, partNumber: 0 }),
      EncodeError,
    );
    assert.throws(() => encodeUserDataHeader([udhElement(0x70, new Uint8Array(256))]), EncodeError);
    assert.throws(() => encodeUserDataHeader([udhElement(0x70, new Uint8Array(138))]), /over the 140/);
  });

  it("round-trips any list of elements", () => {
    fc.assert(
      fc.property(arbUdhElements, (elements) => {
        const b = encodeUserDataHeader(elements);
        const { header, end } = decodeUserDataHeader(b, 0, b.length);
        assert.equal(end, b.length);
        assert.deepEqual(normalize(header), normalize(userDataHeader(elements)));
      }),
      { numRuns: 300 },
    );
  });
});
