import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ByteWriter, fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError, EncodeError } from "../../../src/codec/errors.js";
import {
  type AddressString,
  decodeAddressString,
  decodeCellGlobalIdFixedLength,
  decodeImei,
  decodeImsi,
  decodeIsdnAddressString,
  decodeLaiFixedLength,
  decodeLmsi,
  decodePlmnId,
  decodeTbcd,
  decodeTmsi,
  encodeAddressString,
  encodeCellGlobalIdFixedLength,
  encodeImei,
  encodeImsi,
  encodeIsdnAddressString,
  encodeLaiFixedLength,
  encodeLmsi,
  encodePlmnId,
  encodeTbcd,
  encodeTmsi,
  imeiCheckDigit,
  imsiParts,
  NatureOfAddress,
  NumberingPlan,
  natureOfAddressName,
  numberingPlanName,
  writeTbcd,
} from "../../../src/codec/gsm/index.js";
import { mutate } from "../../fuzz/mutate.js";
import { targets } from "../../fuzz/targets/gsm.js";

const isDecodeErrorAt = (offset: number) => (e: unknown) => e instanceof DecodeError && e.offset === offset;

describe("TBCD-STRING (TS 29.002 §17.7.8)", () => {
  it("puts the first digit in bits 4-1 and fills an odd count with 1111", () => {
    // TS 29.002 §17.7.8: "bits 4321 of octet n encoding digit 2(n-1)+1", "1111 used as filler".
    assert.equal(decodeTbcd(fromHex("21 43 f5")), "12345");
    assert.equal(toHex(encodeTbcd("12345")), "2143f5");
    assert.equal(toHex(encodeTbcd("1234")), "2143");
  });

  it("maps 1010..1110 to * # a b c (TS 29.002 TBCD-STRING, TS 24.008 Table 10.5.118)", () => {
    assert.equal(decodeTbcd(fromHex("ba dc fe")), "*#abc");
    assert.equal(toHex(encodeTbcd("*#abc")), "badcfe");
  });

  it("decodes a sub-range without reading outside it", () => {
    const b = fromHex("ff 21 43 ff");
    assert.equal(decodeTbcd(b, 1, 3), "1234");
    assert.equal(decodeTbcd(b, 2, 2), "");
  });

  it("accepts 0xFF padding after the filler but rejects a digit after it", () => {
    assert.equal(decodeTbcd(fromHex("21 f3 ff ff")), "123");
    assert.equal(decodeTbcd(fromHex("ff")), "");
    assert.throws(() => decodeTbcd(fromHex("21 f3 45")), isDecodeErrorAt(2));
    assert.throws(() => decodeTbcd(fromHex("2f 43")), isDecodeErrorAt(0));
  });

  it("rejects a range outside the buffer as a DecodeError", () => {
    assert.throws(() => decodeTbcd(fromHex("21"), 0, 5), DecodeError);
  });

  it("refuses characters that are not TBCD digits", () => {
    for (const bad of ["12d", "1 2", "+44", "A"]) {
      assert.throws(() => encodeTbcd(bad), EncodeError, bad);
    }
  });

  it("round-trips every TBCD digit string", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789*#abc"), maxLength: 40 }), (digits) => {
        const bytes = encodeTbcd(digits);
        assert.equal(decodeTbcd(bytes), digits);
        assert.deepEqual(encodeTbcd(decodeTbcd(bytes)), bytes);
      }),
    );
  });

  it("writes into a shared ByteWriter", () => {
    const w = new ByteWriter(2);
    w.u8(0x91);
    writeTbcd(w, "447");
    assert.equal(toHex(w.finish()), "9144f7");
  });
});

describe("AddressString / ISDN-AddressString (TS 29.002 §17.7.8)", () => {
  // International E.164 number +44 7700 900123 (Ofcom drama range): 0x91 = no extension, international,
  // ISDN/telephony plan; then TBCD digits.
  const msisdnHex = "91 44 77 00 09 10 32";
  const msisdn: AddressString = {
    natureOfAddress: NatureOfAddress.international,
    numberingPlan: NumberingPlan.isdnTelephony,
    digits: "447700900123",
  };

  it("decodes the nature of address, numbering plan and digits", () => {
    assert.deepEqual(decodeIsdnAddressString(fromHex(msisdnHex)), msisdn);
    assert.equal(toHex(encodeIsdnAddressString(msisdn)), msisdnHex.replace(/ /g, ""));
  });

  it("decodes an E.212 land mobile address with an odd digit count", () => {
    // 0x86: no extension, nature 000 unknown, plan 0110 E.212 (as in SM-RP-DA of some SMSCs).
    const a = decodeAddressString(fromHex("86 32 14 05 21 43 65 87 f9"));
    assert.deepEqual(a, { natureOfAddress: 0, numberingPlan: 6, digits: "234150123456789" });
    assert.equal(natureOfAddressName(a.natureOfAddress), "unknown");
    assert.equal(numberingPlanName(a.numberingPlan), "landMobile");
  });

  it("keeps a cleared extension bit so re-encoding is exact", () => {
    const a = decodeAddressString(fromHex("11 21 43"));
    assert.deepEqual(a, { natureOfAddress: 1, numberingPlan: 1, digits: "1234", extension: true });
    assert.equal(toHex(encodeAddressString(a)), "112143");
  });

  it("accepts a header-only address (SIZE lower bound 1)", () => {
    assert.deepEqual(decodeAddressString(fromHex("81")), {
      natureOfAddress: 0,
      numberingPlan: 1,
      digits: "",
    });
    assert.throws(() => decodeAddressString(fromHex("")), isDecodeErrorAt(0));
  });

  it("enforces maxISDN-AddressLength 9 on decode and encode", () => {
    const nine = fromHex("91 21 43 65 87 09 21 43 65");
    assert.equal(decodeIsdnAddressString(nine).digits, "1234567890123456");
    const ten = fromHex("91 21 43 65 87 09 21 43 65 f7");
    assert.throws(() => decodeIsdnAddressString(ten), isDecodeErrorAt(9));
    assert.equal(decodeAddressString(ten).digits, "12345678901234567");
    assert.throws(() => encodeIsdnAddressString({ ...msisdn, digits: "12345678901234567" }), EncodeError);
  });

  it("enforces maxAddressLength 20 on decode and encode", () => {
    const digits = "1".repeat(38);
    const bytes = encodeAddressString({ ...msisdn, digits });
    assert.equal(bytes.length, 20);
    assert.throws(() => encodeAddressString({ ...msisdn, digits: `${digits}1` }), EncodeError);
    const long = Buffer.concat([bytes, fromHex("11")]);
    assert.throws(() => decodeAddressString(long), isDecodeErrorAt(20));
  });

  it("refuses out-of-range header fields", () => {
    assert.throws(() => encodeAddressString({ ...msisdn, natureOfAddress: 8 }), EncodeError);
    assert.throws(() => encodeAddressString({ ...msisdn, numberingPlan: -1 }), EncodeError);
    assert.throws(() => encodeAddressString({ ...msisdn, numberingPlan: 1.5 }), EncodeError);
  });

  it("names spare and reserved numbering plans", () => {
    assert.equal(numberingPlanName(2), "spare(2)");
    assert.equal(numberingPlanName(12), "reserved(12)");
    assert.equal(numberingPlanName(15), "reservedForExtension");
  });

  it("round-trips arbitrary AddressString values within SIZE (1..20)", () => {
    const value = fc.record(
      {
        natureOfAddress: fc.integer({ min: 0, max: 7 }),
        numberingPlan: fc.integer({ min: 0, max: 15 }),
        digits: fc.string({ unit: fc.constantFrom(..."0123456789*#abc"), maxLength: 38 }),
        extension: fc.constant(true as const),
      },
      { requiredKeys: ["natureOfAddress", "numberingPlan", "digits"] },
    );
    fc.assert(
      fc.property(value, (raw) => {
        // fc.record builds null-prototype objects; compare plain ones.
        const v: AddressString = { ...raw };
        const bytes = encodeAddressString(v);
        assert.deepEqual(decodeAddressString(bytes), v);
        assert.deepEqual(encodeAddressString(decodeAddressString(bytes)), bytes);
      }),
    );
  });
});

describe("IMSI (TS 23.003 §2.2, TS 29.002 §17.7.8)", () => {
  // MCC 234, MNC 15, MSIN 0123456789: 15 digits, the last octet holds digit 15 and a filler.
  const imsiHex = "32 14 05 21 43 65 87 f9";

  it("decodes MCC, MNC, MSIN digits in order", () => {
    assert.equal(decodeImsi(fromHex(imsiHex)), "234150123456789");
    assert.equal(toHex(encodeImsi("234150123456789")), imsiHex.replace(/ /g, ""));
    assert.deepEqual(imsiParts("234150123456789", 2), { mcc: "234", mnc: "15", msin: "0123456789" });
    assert.deepEqual(imsiParts("310150123456789", 3), { mcc: "310", mnc: "150", msin: "123456789" });
  });

  it("rejects sizes outside SIZE (3..8) and more than 15 digits", () => {
    assert.throws(() => decodeImsi(fromHex("32 14")), isDecodeErrorAt(0));
    assert.throws(() => decodeImsi(fromHex("32 14 05 21 43 65 87 f9 ff")), isDecodeErrorAt(0));
    assert.throws(() => decodeImsi(fromHex("32 14 05 21 43 65 87 99")), isDecodeErrorAt(7));
    assert.throws(() => encodeImsi("2341501234567890"), EncodeError);
    assert.throws(() => encodeImsi("2341"), EncodeError);
  });

  it("rejects non-decimal IMSI digits at their octet", () => {
    assert.throws(() => decodeImsi(fromHex("32 14 a5 21")), isDecodeErrorAt(2));
    assert.throws(() => encodeImsi("23415012345678a"), EncodeError);
  });

  it("round-trips every 5..15-digit IMSI", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 5, maxLength: 15 }),
        (imsi) => {
          const bytes = encodeImsi(imsi);
          assert.equal(decodeImsi(bytes), imsi);
          assert.deepEqual(encodeImsi(decodeImsi(bytes)), bytes);
        },
      ),
    );
  });
});

describe("IMEI, LMSI, TMSI (TS 29.002 §17.7.8, TS 23.003 §6)", () => {
  it("computes the TS 23.003 Annex B check digit", () => {
    // TS 23.003 Annex B example: IMEI 35 209900 176148 1.
    assert.equal(imeiCheckDigit("35209900176148"), "1");
    assert.equal(imeiCheckDigit("49015420323751"), "8");
  });

  it("decodes an IMEI (spare digit 0 and filler) and an IMEISV", () => {
    // TS 29.002 IMEI: "If the SVN is not present the last octet shall contain the digit 0 and a filler."
    assert.equal(decodeImei(fromHex("53 02 99 00 71 16 84 f0")), "352099001761480");
    assert.equal(decodeImei(fromHex("53 02 99 00 71 16 84 32")), "3520990017614823");
    assert.equal(toHex(encodeImei("352099001761480")), "53029900711684f0");
    assert.throws(() => decodeImei(fromHex("53 02 99 00 71 16 84")), isDecodeErrorAt(0));
    assert.throws(() => decodeImei(fromHex("53 02 99 00 71 16 f4 ff")), isDecodeErrorAt(0));
    assert.throws(() => encodeImei("35209900176148"), EncodeError);
  });

  it("hands out LMSI and TMSI as lower-case hex", () => {
    assert.equal(decodeLmsi(fromHex("01 0a ff 00")), "010aff00");
    assert.equal(toHex(encodeLmsi("010AFF00")), "010aff00");
    assert.throws(() => decodeLmsi(fromHex("01 02 03")), isDecodeErrorAt(0));
    assert.throws(() => encodeLmsi("0102"), EncodeError);
    assert.equal(decodeTmsi(fromHex("c0 ff ee")), "c0ffee");
    assert.equal(toHex(encodeTmsi("c0ffee01")), "c0ffee01");
    assert.throws(() => decodeTmsi(fromHex("")), DecodeError);
    assert.throws(() => encodeTmsi("c0ffee0102"), EncodeError);
  });

  it("round-trips IMEI/IMEISV digit strings", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 15, maxLength: 16 }),
        (imei) => {
          assert.equal(decodeImei(encodeImei(imei)), imei);
        },
      ),
    );
  });
});

describe("PLMN-Id, LAI and CGI (TS 29.002 §17.7.8, TS 24.008 §10.5.1.3)", () => {
  it("decodes a two-digit MNC with the 1111 filler in MNC digit 3", () => {
    // MCC 234, MNC 15: 0x32, 0xF4, 0x51.
    assert.deepEqual(decodePlmnId(fromHex("32 f4 51")), { mcc: "234", mnc: "15" });
    assert.equal(toHex(encodePlmnId({ mcc: "234", mnc: "15" })), "32f451");
  });

  it("decodes a three-digit MNC", () => {
    // MCC 310, MNC 150: 0x13, 0x00 (MNC digit 3 = 0, MCC digit 3 = 0), 0x51.
    assert.deepEqual(decodePlmnId(fromHex("13 00 51")), { mcc: "310", mnc: "150" });
    assert.equal(toHex(encodePlmnId({ mcc: "310", mnc: "150" })), "130051");
  });

  it("decodes LAC and cell identity big-endian", () => {
    assert.deepEqual(decodeLaiFixedLength(fromHex("32 f4 51 12 34")), {
      mcc: "234",
      mnc: "15",
      lac: 0x1234,
    });
    const cgi = { mcc: "645", mnc: "01", lac: 0x00ff, cellId: 0xabcd };
    assert.deepEqual(decodeCellGlobalIdFixedLength(fromHex("46 f5 10 00 ff ab cd")), cgi);
    assert.equal(toHex(encodeCellGlobalIdFixedLength(cgi)), "46f51000ffabcd");
    assert.equal(toHex(encodeLaiFixedLength({ mcc: "645", mnc: "01", lac: 1 })), "46f5100001");
  });

  it("rejects non-decimal MCC/MNC digits and wrong sizes", () => {
    assert.throws(() => decodePlmnId(fromHex("3a f4 51")), isDecodeErrorAt(0));
    assert.throws(() => decodePlmnId(fromHex("32 f4 5f")), isDecodeErrorAt(2));
    assert.throws(() => decodePlmnId(fromHex("32 f4")), isDecodeErrorAt(0));
    assert.throws(() => encodePlmnId({ mcc: "23", mnc: "15" }), EncodeError);
    assert.throws(
      () => encodeCellGlobalIdFixedLength({ mcc: "234", mnc: "15", lac: 1, cellId: 70000 }),
      EncodeError,
    );
  });

  it("round-trips arbitrary cell global identities", () => {
    const digits = (n: number) =>
      fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });
    fc.assert(
      fc.property(
        digits(3),
        fc.oneof(digits(2), digits(3)),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 0xffff }),
        (mcc, mnc, lac, cellId) => {
          const v = { mcc, mnc, lac, cellId };
          assert.deepEqual(decodeCellGlobalIdFixedLength(encodeCellGlobalIdFixedLength(v)), v);
        },
      ),
    );
  });
});

describe("hostile input", () => {
  for (const target of targets) {
    it(`${target.name}: 20 000 mutated inputs throw nothing but DecodeError`, () => {
      let decoded = 0;
      for (let n = 0; n < 20_000; n++) {
        const input = mutate(target.seeds[n % target.seeds.length]!, n);
        try {
          target.decode(input);
          decoded++;
        } catch (e) {
          if (!(e instanceof DecodeError)) {
            throw new Error(`${target.name} input ${n} (${toHex(input)}) threw ${String(e)}`);
          }
          assert.ok(e.offset >= 0 && e.offset <= input.length, `offset ${e.offset} inside the input`);
        }
      }
      // The seeds are valid, so a share of the mutations must still decode.
      assert.ok(decoded > 0);
    });
  }

  it("decoders given arbitrary bytes throw nothing but DecodeError", () => {
    const all = [
      decodeTbcd,
      decodeAddressString,
      decodeIsdnAddressString,
      decodeImsi,
      decodeImei,
      decodeLmsi,
      decodeTmsi,
      decodePlmnId,
      decodeLaiFixedLength,
      decodeCellGlobalIdFixedLength,
    ];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        for (const d of all) {
          try {
            d(bytes);
          } catch (e) {
            if (!(e instanceof DecodeError)) throw e;
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
