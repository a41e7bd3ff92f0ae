import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError, EncodeError } from "../../../src/codec/errors.js";
import {
  decodeM2pa,
  encodeM2pa,
  M2PA_MAX_SEQUENCE_NUMBER,
  M2paLinkState,
  type M2paMessage,
} from "../../../src/codec/m2pa/index.js";
import {
  MTP3_MAX_POINT_CODE,
  MTP3_MAX_SLS,
  type Mtp3Variant,
  mtp3Msu,
} from "../../../src/codec/mtp3/index.js";
import { mutate } from "../../fuzz/mutate.js";
import { M2PA_FIXTURES } from "./fixtures.js";

function fixture(name: string): Buffer {
  return fromHex(M2PA_FIXTURES.find((f) => f.name === name)!.hex);
}

/** Offsets resolved to hex, so messages over different buffers compare by content. */
function normalize(m: M2paMessage): unknown {
  switch (m.kind) {
    case "userData": {
      if (!m.msu) return { ...m };
      const { bytes, dataStart, dataEnd, ...label } = m.msu;
      return { ...m, msu: { ...label, sif: toHex(bytes, dataStart, dataEnd) } };
    }
    case "linkStatus": {
      const { bytes, fillerStart, fillerEnd, ...rest } = m;
      return { ...rest, filler: toHex(bytes ?? new Uint8Array(0), fillerStart, fillerEnd) };
    }
    case "unknown": {
      const { bytes, dataStart, dataEnd, ...rest } = m;
      return { ...rest, data: toHex(bytes ?? new Uint8Array(0), dataStart, dataEnd) };
    }
  }
}

describe("M2PA (RFC 4165)", () => {
  for (const f of M2PA_FIXTURES) {
    it(`decodes and re-encodes byte for byte: ${f.name} (${f.clause})`, () => {
      const bytes = fromHex(f.hex);
      const msg = decodeM2pa(bytes, 0, bytes.length, f.variant);
      assert.equal(toHex(encodeM2pa(msg)), toHex(bytes));
    });
  }

  it("decodes User Data: BSN, FSN, PRI and the MTP3 MSU through the MTP3 codec", () => {
    const bytes = fixture("User Data carrying an ITU MSU");
    const msg = decodeM2pa(bytes);
    assert.equal(msg.kind, "userData");
    if (msg.kind !== "userData") return;
    assert.deepEqual([msg.bsn, msg.fsn, msg.priority], [0x010203, 0x040506, 0]);
    const msu = msg.msu!;
    assert.deepEqual([msu.variant, msu.si, msu.ni, msu.dpc, msu.opc, msu.sls], ["itu", 3, 2, 5678, 1234, 9]);
    // Common header 8 + BSN/FSN 8 + PRI 1 + SIO 1 + label 4 = 22: the SCCP message starts there, uncopied.
    assert.deepEqual([msu.dataStart, msu.dataEnd], [22, bytes.length]);
    assert.equal(msu.bytes, bytes);
  });

  it("decodes an ANSI MSU and the JT-Q703 priority bits when asked for the ANSI label", () => {
    const bytes = fixture("User Data carrying an ANSI MSU with PRI 2");
    const msg = decodeM2pa(bytes, 0, bytes.length, "ansi");
    assert.ok(msg.kind === "userData" && msg.msu);
    assert.equal(msg.priority, 2);
    assert.deepEqual([msg.msu.dpc, msg.msu.opc, msg.msu.sls], [0x010203, 0x040506, 31]);
  });

  it("decodes an empty User Data message as an acknowledgement without an MSU", () => {
    assert.deepEqual(decodeM2pa(fixture("empty User Data (acknowledgement)")), {
      kind: "userData",
      bsn: 5,
      fsn: 7,
      priority: 0,
    });
  });

  it("decodes Link Status states and keeps proving filler as offsets", () => {
    const ready = decodeM2pa(fixture("Link Status Ready"));
    assert.deepEqual(normalize(ready), {
      kind: "linkStatus",
      bsn: 0xffffff,
      fsn: 0xffffff,
      state: M2paLinkState.ready,
      filler: "",
    });
    const proving = decodeM2pa(fixture("Link Status Proving Normal with filler"));
    assert.deepEqual(normalize(proving), {
      kind: "linkStatus",
      bsn: 0xffffff,
      fsn: 0xffffff,
      state: M2paLinkState.provingNormal,
      filler: "deadbeef",
    });
  });

  it("keeps an undefined message type generically", () => {
    const msg = decodeM2pa(fixture("undefined message type 3"));
    assert.deepEqual(normalize(msg), { kind: "unknown", messageType: 3, bsn: 1, fsn: 2, data: "abcd" });
  });

  it("ignores the unused octet before each sequence number", () => {
    const bytes = fromHex("01 00 0b 02 00000014 ff 000001 80 000002 00000004");
    const msg = decodeM2pa(bytes);
    assert.deepEqual([msg.bsn, msg.fsn], [1, 2]);
  });

  it("rejects a wrong version, class, length or a short body", () => {
    const cases: [string, string, number][] = [
      ["version", "02 00 0b 02 00000014 00000000 00000000 00000004", 0],
      ["class", "01 00 0a 02 00000014 00000000 00000000 00000004", 2],
      ["length too long", "01 00 0b 02 00000018 00000000 00000000 00000004", 4],
      ["length too short", "01 00 0b 02 00000010 00000000 00000000 00000004", 4],
      ["truncated header", "01 00 0b 02 00000014 00000000 000000", 0],
      ["Link Status without State", "01 00 0b 02 00000012 00000000 00000000 0000", 16],
    ];
    for (const [what, hex, offset] of cases) {
      assert.throws(
        () => decodeM2pa(fromHex(hex)),
        (e: unknown) => e instanceof DecodeError && e.layer === "m2pa" && e.offset === offset,
        what,
      );
    }
    // A data field too short for PRI + SIO + routing label fails in the MTP3 codec.
    assert.throws(
      () => decodeM2pa(fromHex("01 00 0b 01 00000014 00000000 00000000 00 83 2e 96")),
      (e: unknown) => e instanceof DecodeError && e.layer === "mtp3" && e.offset === 17,
    );
  });

  it("rejects values that do not fit when encoding", () => {
    const msu = mtp3Msu({ variant: "itu", si: 3, ni: 2, mp: 0, dpc: 1, opc: 2, sls: 3 }, new Uint8Array(3));
    const bad: M2paMessage[] = [
      { kind: "userData", bsn: M2PA_MAX_SEQUENCE_NUMBER + 1, fsn: 0, priority: 0 },
      { kind: "userData", bsn: 0, fsn: -1, priority: 0 },
      { kind: "userData", bsn: 0, fsn: 0, priority: 4, msu },
      { kind: "userData", bsn: 0, fsn: 0, priority: 1 },
      { kind: "userData", bsn: 0, fsn: 0, priority: 0, msu: { ...msu, dpc: 0x4000 } },
      { kind: "linkStatus", bsn: 0, fsn: 0, state: 2 ** 32, fillerStart: 0, fillerEnd: 0 },
      { kind: "linkStatus", bsn: 0, fsn: 0, state: 1, fillerStart: 0, fillerEnd: 2 },
      { kind: "unknown", messageType: 1, bsn: 0, fsn: 0, dataStart: 0, dataEnd: 0 },
      { kind: "unknown", messageType: 256, bsn: 0, fsn: 0, dataStart: 0, dataEnd: 0 },
    ];
    for (const m of bad) assert.throws(() => encodeM2pa(m), EncodeError, JSON.stringify(normalize(m)));
  });

  for (const variant of ["itu", "ansi"] as const satisfies Mtp3Variant[]) {
    it(`round-trips User Data, Link Status and unknown types with ${variant} MSUs (fast-check)`, () => {
      const seq = fc.nat(M2PA_MAX_SEQUENCE_NUMBER);
      const msuArb = fc
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
      const userData = fc.oneof(
        fc.tuple(seq, seq).map(([bsn, fsn]): M2paMessage => ({ kind: "userData", bsn, fsn, priority: 0 })),
        fc
          .tuple(seq, seq, fc.nat(3), msuArb)
          .map(([bsn, fsn, priority, msu]): M2paMessage => ({ kind: "userData", bsn, fsn, priority, msu })),
      );
      const linkStatus = fc.tuple(seq, seq, fc.nat(12), fc.uint8Array({ maxLength: 40 })).map(
        ([bsn, fsn, state, filler]): M2paMessage => ({
          kind: "linkStatus",
          bsn,
          fsn,
          state,
          fillerStart: 0,
          fillerEnd: filler.length,
          bytes: filler,
        }),
      );
      const unknown = fc
        .tuple(fc.integer({ min: 3, max: 255 }), seq, seq, fc.uint8Array({ maxLength: 40 }))
        .map(
          ([messageType, bsn, fsn, data]): M2paMessage => ({
            kind: "unknown",
            messageType,
            bsn,
            fsn,
            dataStart: 0,
            dataEnd: data.length,
            bytes: data,
          }),
        );
      fc.assert(
        fc.property(fc.oneof(userData, linkStatus, unknown), (msg) => {
          const bytes = encodeM2pa(msg);
          assert.equal(bytes.readUInt32BE(4), bytes.length);
          const back = decodeM2pa(bytes, 0, bytes.length, variant);
          assert.deepEqual(normalize(back), normalize(msg));
          assert.deepEqual(encodeM2pa(back), bytes);
        }),
        { numRuns: 600 },
      );
    });

    it(`throws only DecodeError over 20 000 mutated M2PA messages (${variant} label)`, () => {
      const seeds = M2PA_FIXTURES.map((f) => fromHex(f.hex));
      let accepted = 0;
      for (let n = 0; n < 20_000; n++) {
        const input = mutate(seeds[n % seeds.length]!, n);
        let msg: M2paMessage;
        try {
          msg = decodeM2pa(input, 0, input.length, variant);
        } catch (e) {
          if (e instanceof DecodeError) continue;
          throw new Error(`n=${n}: ${e instanceof Error ? e.stack : String(e)}`);
        }
        accepted++;
        assert.deepEqual(
          normalize(decodeM2pa(encodeM2pa(msg), 0, undefined, variant)),
          normalize(msg),
          `n=${n}`,
        );
      }
      assert.ok(accepted > 500, `only ${accepted} mutations decoded`);
    });
  }
});
