import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError, EncodeError } from "../../../src/codec/errors.js";
import {
  decodeMtp3,
  encodeMtp3,
  formatPointCode,
  MTP3_MAX_POINT_CODE,
  MTP3_MAX_SLS,
  type Mtp3Msu,
  Mtp3NetworkIndicator,
  Mtp3ServiceIndicator,
  type Mtp3Variant,
  mtp3Msu,
  parsePointCode,
} from "../../../src/codec/mtp3/index.js";
import { mutate } from "../../fuzz/mutate.js";

/** Offsets resolved to the SIF's hex, so MSUs over different buffers compare by content. */
function normalize(m: Mtp3Msu): unknown {
  const { bytes, dataStart, dataEnd, ...rest } = m;
  return { ...rest, sif: toHex(bytes, dataStart, dataEnd) };
}

describe("MTP3 routing label (ITU-T Q.704 §2.2, §14.2)", () => {
  it("decodes SIO and a 14/14/4-bit ITU label packed least significant bit first", () => {
    // SIO 0x83: NI 10 (national), spare 00, SI 0011 (SCCP). Label as a little-endian word:
    // DPC 5678 = 0x162e in bits 0-13, OPC 1234 = 0x4d2 in bits 14-27, SLS 9 in bits 28-31
    // → 0x9134962e → octets 2e 96 34 91. Cross-checked with tshark 4.0.17's MTP3 dissector.
    const bytes = fromHex("83 2e 96 34 91 09 80 03");
    const msu = decodeMtp3(bytes);
    assert.deepEqual(normalize(msu), {
      variant: "itu",
      si: Mtp3ServiceIndicator.sccp,
      ni: Mtp3NetworkIndicator.national,
      mp: 0,
      dpc: 5678,
      opc: 1234,
      sls: 9,
      sif: "098003",
    });
    assert.deepEqual([msu.dataStart, msu.dataEnd], [5, 8]);
    assert.equal(msu.bytes, bytes, "the SIF is not copied");
    assert.equal(toHex(encodeMtp3(msu)), toHex(bytes));
  });

  it("puts every field at its bit boundary (all-ones in one field at a time)", () => {
    const cases: [Partial<Mtp3Msu>, string][] = [
      [{ dpc: 0x3fff }, "00 ff 3f 00 00"],
      [{ opc: 0x3fff }, "00 00 c0 ff 0f"],
      [{ sls: 0xf }, "00 00 00 00 f0"],
      [{ si: 0xf }, "0f 00 00 00 00"],
      [{ ni: 3 }, "c0 00 00 00 00"],
      [{ mp: 3 }, "30 00 00 00 00"],
    ];
    for (const [fields, hex] of cases) {
      const msu: Mtp3Msu = {
        ...mtp3Msu({ variant: "itu", si: 0, ni: 0, mp: 0, dpc: 0, opc: 0, sls: 0 }, new Uint8Array(0)),
        ...fields,
      };
      assert.equal(toHex(encodeMtp3(msu)), hex.replace(/ /g, ""), JSON.stringify(fields));
      assert.deepEqual(normalize(decodeMtp3(fromHex(hex))), normalize(msu));
    }
  });

  it("decodes the ANSI T1.111.4 label: 24-bit DPC and OPC member-cluster-network, 8-bit SLS", () => {
    // DPC 1-2-3, OPC 4-5-6, SLS 31, SIO priority bits 01. Cross-checked with tshark -o mtp3.standard:ANSI.
    const bytes = fromHex("93 03 02 01 06 05 04 1f 01 02");
    const msu = decodeMtp3(bytes, 0, bytes.length, "ansi");
    assert.deepEqual(normalize(msu), {
      variant: "ansi",
      si: 3,
      ni: 2,
      mp: 1,
      dpc: 0x010203,
      opc: 0x040506,
      sls: 31,
      sif: "0102",
    });
    assert.equal(formatPointCode(msu.dpc, "ansi"), "1-2-3");
    assert.equal(toHex(encodeMtp3(msu)), toHex(bytes));
  });

  it("decodes within a larger buffer with absolute offsets", () => {
    const bytes = fromHex("ff ff 83 2e 96 34 91 aa bb ff");
    const msu = decodeMtp3(bytes, 2, 9);
    assert.deepEqual([msu.dpc, msu.opc, msu.dataStart, msu.dataEnd], [5678, 1234, 7, 9]);
  });

  it("rejects an MSU shorter than SIO + label", () => {
    assert.throws(
      () => decodeMtp3(fromHex("83 2e 96 34")),
      (e: unknown) => e instanceof DecodeError && e.layer === "mtp3" && e.offset === 0,
    );
    assert.throws(() => decodeMtp3(fromHex("83 03 02 01 06 05 04"), 0, 7, "ansi"), DecodeError);
    assert.throws(() => decodeMtp3(new Uint8Array(0)), DecodeError);
  });

  it("rejects values outside the variant's fields when encoding", () => {
    const base = mtp3Msu({ variant: "itu", si: 3, ni: 2, mp: 0, dpc: 1, opc: 2, sls: 3 }, new Uint8Array(2));
    for (const bad of [
      { dpc: 0x4000 },
      { opc: -1 },
      { sls: 16 },
      { si: 16 },
      { ni: 4 },
      { mp: 4 },
      { dpc: 1.5 },
      { dataEnd: 3 },
      { dataStart: 2, dataEnd: 1 },
      { variant: "japan" as Mtp3Variant },
    ]) {
      assert.throws(() => encodeMtp3({ ...base, ...bad }), EncodeError, JSON.stringify(bad));
    }
    assert.doesNotThrow(() => encodeMtp3({ ...base, variant: "ansi", dpc: 0xffffff, sls: 255 }));
  });

  it("formats and parses point codes as ITU 3-8-3 and ANSI 8-8-8", () => {
    assert.equal(formatPointCode(5678), "2-197-6");
    assert.equal(parsePointCode("2-197-6"), 5678);
    assert.equal(parsePointCode("5678"), 5678);
    assert.equal(parsePointCode("255-255-255", "ansi"), 0xffffff);
    assert.throws(() => parsePointCode("8-0-0"), EncodeError);
    assert.throws(() => parsePointCode("16384"), EncodeError);
    assert.throws(() => parsePointCode("a-b-c"), EncodeError);
    fc.assert(
      fc.property(fc.nat(0x3fff), (pc) => parsePointCode(formatPointCode(pc)) === pc),
      { numRuns: 200 },
    );
  });

  for (const variant of ["itu", "ansi"] as const) {
    it(`round-trips any ${variant} MSU (fast-check)`, () => {
      const arb = fc
        .record({
          si: fc.nat(15),
          ni: fc.nat(3),
          mp: fc.nat(3),
          dpc: fc.nat(MTP3_MAX_POINT_CODE[variant]),
          opc: fc.nat(MTP3_MAX_POINT_CODE[variant]),
          sls: fc.nat(MTP3_MAX_SLS[variant]),
          sif: fc.uint8Array({ maxLength: 272 }),
        })
        .map(({ sif, ...f }) => mtp3Msu({ variant, ...f }, sif));
      fc.assert(
        fc.property(arb, (msu) => {
          const bytes = encodeMtp3(msu);
          const back = decodeMtp3(bytes, 0, bytes.length, variant);
          assert.deepEqual(normalize(back), normalize(msu));
          assert.deepEqual(encodeMtp3(back), bytes);
        }),
        { numRuns: 500 },
      );
    });

    it(`throws only DecodeError over 20 000 mutated ${variant} MSUs`, () => {
      const seeds = [
        fromHex(variant === "itu" ? "83 2e 96 34 91 09 80 03 05 07" : "93 03 02 01 06 05 04 1f 01 02"),
        fromHex(variant === "itu" ? "00 ff 3f 00 00" : "00 00 00 00 00 00 00 00"),
      ];
      for (let n = 0; n < 20_000; n++) {
        const input = mutate(seeds[n % 2]!, n);
        try {
          const msu = decodeMtp3(input, 0, input.length, variant);
          assert.equal(toHex(encodeMtp3(msu)), toHex(input), `n=${n}: every MTP3 octet string is canonical`);
        } catch (e) {
          if (!(e instanceof DecodeError)) throw e;
        }
      }
    });
  }
});
