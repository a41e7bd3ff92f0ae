import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { BerCursor } from "../../../src/codec/ber/index.js";
import { fromHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { decodeImsi } from "../../../src/codec/gsm/index.js";
import {
  LocatedIdentities,
  locateIdentities,
  mapIdentityPaths,
} from "../../../src/codec/map/identity-paths.js";
import { mapOperationCodecs } from "../../../src/codec/map/registry.js";

// ProvideRoamingNumberArg (TS 29.002 §17.7.3): imsi [0] 262011234567890, msc-Number [1], msisdn [2].
const PRN = "30 1c 80 08 62 02 11 32 54 76 98 f0 81 07 91 94 71 02 00 00 10 82 07 91 94 71 12 32 54 76 ";
// The same with indefinite lengths (X.690 §8.1.3.6), as some MSCs send.
const PRN_INDEFINITE =
  "30 80 80 08 62 02 11 32 54 76 98 f0 81 07 91 94 71 02 00 00 10 82 07 91 94 71 12 32 54 76 00 00";

describe("MAP identity-path table and locateIdentities", () => {
  it("describes every path as low-tag identifier octets (optionally positional) ending on a primitive", () => {
    for (const [opcode, paths] of mapIdentityPaths) {
      for (const p of [...paths.argument, ...paths.result]) {
        assert.ok(p.identity === "imsi" || p.identity === "msisdn", `opcode ${opcode}`);
        assert.ok(p.path.length >= 1);
        // A step is an identifier octet, optionally plus (position + 1) * 256 for a positional step.
        assert.ok(p.path[0]! <= 0xff, `opcode ${opcode}: the parameter step is not positional`);
        for (const step of p.path) {
          const octet = step & 0xff;
          assert.ok(Number.isInteger(step) && step >= 0 && (octet & 0x1f) !== 0x1f, `opcode ${opcode}`);
        }
        assert.equal(p.path[p.path.length - 1]! & 0x20, 0, `opcode ${opcode}: last step must be primitive`);
      }
    }
  });

  it("has an entry for every operation with a typed codec", () => {
    for (const opcode of mapOperationCodecs.keys())
      assert.ok(mapIdentityPaths.has(opcode), `opcode ${opcode}`);
  });

  it("returns offsets of the content octets and reuses the result object", () => {
    const bytes = fromHex(PRN);
    const cursor = new BerCursor(bytes);
    const out = new LocatedIdentities();
    const r = locateIdentities(4, false, bytes, 0, bytes.length, cursor, out);
    assert.equal(r, out);
    assert.equal(r.known, true);
    assert.equal(r.imsi, "262011234567890");
    assert.deepEqual([r.imsiStart, r.imsiEnd], [4, 12]);
    assert.equal(r.msisdn, "491721234567");
    assert.deepEqual([r.msisdnStart, r.msisdnEnd], [23, 30]);
    assert.equal(bytes[r.msisdnStart], 0x91, "the MSISDN offsets include the nature/plan octet");
    // A later call overwrites everything: sendIMSI's result has no MSISDN.
    const imsiOnly = fromHex("04 08 62 02 11 32 54 76 98 f0");
    locateIdentities(58, true, imsiOnly, 0, imsiOnly.length, cursor, out);
    assert.deepEqual([out.imsi, out.msisdn, out.msisdnStart], ["262011234567890", undefined, -1]);
  });

  it("walks indefinite-length encodings and a parameter inside a larger buffer", () => {
    const inner = fromHex(PRN_INDEFINITE);
    const bytes = new Uint8Array(inner.length + 7);
    bytes.set(inner, 5);
    const r = locateIdentities(4, false, bytes, 5, 5 + inner.length, new BerCursor(bytes));
    assert.equal(r.imsi, "262011234567890");
    assert.equal(r.msisdn, "491721234567");
    assert.equal(r.imsiStart, 9);
  });

  it("reports unknown opcodes and absent identities without throwing", () => {
    const bytes = fromHex(PRN);
    const c = new BerCursor(bytes);
    const unknown = locateIdentities(250, false, bytes, 0, bytes.length, c);
    assert.deepEqual([unknown.known, unknown.imsi, unknown.msisdn], [false, undefined, undefined]);
    assert.equal(locateIdentities(-1, false, bytes, 0, bytes.length, c).known, false);
    // A result of provideRoamingNumber names no subscriber; an argument of the wrong shape finds nothing.
    assert.equal(locateIdentities(4, true, bytes, 0, bytes.length, c).imsi, undefined);
    assert.equal(locateIdentities(56, false, fromHex("02 01 05"), 0, 3, c).imsi, undefined);
    assert.equal(locateIdentities(56, false, bytes, 0, 0, c).known, true);
  });

  it("throws DecodeError for an IMSI of impossible length and for a broken TLV on the path", () => {
    const c = new BerCursor(new Uint8Array(0));
    const long = fromHex("04 09 62 02 11 32 54 76 98 10 f0");
    assert.throws(() => locateIdentities(58, true, long, 0, long.length, c), DecodeError);
    const broken = fromHex("30 05 80 08 62 02 11");
    assert.throws(() => locateIdentities(4, false, broken, 0, broken.length, c), DecodeError);
  });

  it("accepts and rejects exactly the IMSIs the gsm IMSI codec does (property)", () => {
    const c = new BerCursor(new Uint8Array(0));
    const nibbles = fc.array(fc.constantFrom(0, 1, 5, 9, 9, 10, 15), { minLength: 6, maxLength: 16 });
    const octets = fc.oneof(
      fc.uint8Array({ minLength: 3, maxLength: 8 }),
      nibbles.map((n) => {
        const out = new Uint8Array(Math.max(3, Math.min(8, n.length >> 1)));
        for (let i = 0; i < out.length; i++) out[i] = (n[2 * i + 1] ?? 15) * 16 + (n[2 * i] ?? 15);
        return out;
      }),
    );
    fc.assert(
      fc.property(octets, (content) => {
        const param = new Uint8Array([0x04, content.length, ...content]);
        let expected: string | Error;
        try {
          expected = decodeImsi(content);
        } catch (e) {
          expected = e as Error;
        }
        let got: string | Error;
        try {
          got = locateIdentities(58, true, param, 0, param.length, c).imsi!;
        } catch (e) {
          got = e as Error;
        }
        if (typeof expected === "string") assert.equal(got, expected);
        else assert.ok(got instanceof DecodeError, `expected a DecodeError, got ${String(got)}`);
      }),
      { numRuns: 2000 },
    );
  });

  it("locates identities in well under a microsecond per parameter", () => {
    const bytes = fromHex(PRN);
    const cursor = new BerCursor(bytes);
    const out = new LocatedIdentities();
    const n = 200_000;
    for (let i = 0; i < 10_000; i++) locateIdentities(4, false, bytes, 0, bytes.length, cursor, out);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) locateIdentities(4, false, bytes, 0, bytes.length, cursor, out);
    const ns = Number(process.hrtime.bigint() - t0) / n;
    // Typically ~150 ns here; the bound leaves room for a loaded CI machine.
    assert.ok(ns < 2000, `${ns.toFixed(0)} ns per call`);
  });
});
