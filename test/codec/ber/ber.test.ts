import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as asn1js from "asn1js";
import fc from "fast-check";
import {
  BerClass,
  BerCursor,
  BerWriter,
  decodeBerTree,
  readInteger,
  readObjectIdentifier,
  readUnsigned,
} from "../../../src/codec/ber/index.js";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { mutate } from "../../fuzz/mutate.js";

describe("BER cursor (X.690 §8.1)", () => {
  it("reads a low tag number with a short-form length", () => {
    // X.690 §8.1.2.2 / §8.1.3.4: [APPLICATION 2] constructed (TCAP Begin), length 5.
    const c = new BerCursor(fromHex("62 05 48 03 01 02 03")).read(0, 7);
    assert.equal(c.tagClass, BerClass.application);
    assert.equal(c.constructed, true);
    assert.equal(c.tagNumber, 2);
    assert.deepEqual([c.valueStart, c.valueEnd, c.end], [2, 7, 7]);
  });

  it("reads a multi-octet tag number", () => {
    // X.690 §8.1.2.4: tag number 201 = 0x81 0x49 after a 0x1f leading octet.
    const c = new BerCursor(fromHex("bf 81 49 00")).read(0, 4);
    assert.equal(c.tagClass, BerClass.contextSpecific);
    assert.equal(c.tagNumber, 201);
    assert.equal(c.valueLength, 0);
  });

  it("reads long-form lengths", () => {
    const body = new Uint8Array(300);
    const bytes = Buffer.concat([fromHex("04 82 01 2c"), body]);
    const c = new BerCursor(bytes).read(0, bytes.length);
    assert.equal(c.valueStart, 4);
    assert.equal(c.valueLength, 300);
  });

  it("finds the end of nested indefinite lengths", () => {
    // X.690 §8.1.3.6: 30 80 { 30 80 { 02 01 05 } 00 00 } 00 00
    const bytes = fromHex("30 80 30 80 02 01 05 00 00 00 00");
    const c = new BerCursor(bytes).read(0, bytes.length);
    assert.equal(c.indefinite, true);
    assert.equal(c.valueEnd, 9);
    assert.equal(c.end, 11);
    const tree = decodeBerTree(bytes);
    assert.equal(tree[0]!.children![0]!.children![0]!.tagNumber, 2);
  });

  it("rejects the reserved length octet 0xFF with its offset", () => {
    assert.throws(
      () => new BerCursor(fromHex("04 ff 00")).read(0, 3),
      (e: unknown) => e instanceof DecodeError && e.offset === 1 && /0xFF/.test(e.message),
    );
  });

  it("rejects a length that runs past the data", () => {
    assert.throws(
      () => new BerCursor(fromHex("04 05 01 02")).read(0, 4),
      (e: unknown) => e instanceof DecodeError && e.layer === "ber",
    );
  });

  it("rejects a leading zero octet in a high tag number inside an indefinite value (X.690 §8.1.2.4.2 c)", () => {
    assert.throws(() => new BerCursor(fromHex("30 80 1f 80 01 00 00 00")).read(0, 8), DecodeError);
  });

  it("rejects an indefinite length on a primitive", () => {
    assert.throws(() => new BerCursor(fromHex("04 80 00 00")).read(0, 4), DecodeError);
  });

  it("rejects indefinite nesting deeper than the limit", () => {
    const bytes = Buffer.alloc(2000);
    for (let i = 0; i < 1000; i++) {
      bytes[2 * i] = 0x30;
      bytes[2 * i + 1] = 0x80;
    }
    assert.throws(() => new BerCursor(bytes).read(0, bytes.length), DecodeError);
  });
});

describe("BER primitive values", () => {
  it("reads two's-complement INTEGERs (X.690 §8.3.3)", () => {
    assert.equal(readInteger(fromHex("00"), 0, 1), 0);
    assert.equal(readInteger(fromHex("7f"), 0, 1), 127);
    assert.equal(readInteger(fromHex("0080"), 0, 2), 128);
    assert.equal(readInteger(fromHex("80"), 0, 1), -128);
    assert.equal(readInteger(fromHex("ff7f"), 0, 2), -129);
    assert.equal(readInteger(fromHex("ff"), 0, 1), -1);
  });

  it("reads unsigned transaction-ID style integers", () => {
    assert.equal(readUnsigned(fromHex("deadbeef"), 0, 4), 0xdeadbeef);
  });

  it("reads the MAP application-context OID 0.4.0.0.1.0.20.3 (TS 29.002 §17.3.4)", () => {
    assert.equal(readObjectIdentifier(fromHex("04 00 00 01 00 14 03"), 0, 7), "0.4.0.0.1.0.20.3");
  });

  it("reads the TCAP dialogue-as-id OID 0.0.17.773.1.1.1 (Q.773 §4.2.2)", () => {
    assert.equal(readObjectIdentifier(fromHex("00 11 86 05 01 01 01"), 0, 7), "0.0.17.773.1.1.1");
  });
});

describe("BER writer", () => {
  it("writes the shortest length form and a patched constructed length", () => {
    const w = new BerWriter();
    const m = w.begin(BerClass.application, 2);
    w.fixedUnsigned(BerClass.application, 8, 0x01020304, 4);
    w.end(m);
    assert.equal(toHex(w.finish()), "62064804" + "01020304");
  });

  it("moves content when a constructed value needs a long-form length", () => {
    const w = new BerWriter(8);
    const m = w.begin(BerClass.universal, 16);
    w.primitive(BerClass.universal, 4, new Uint8Array(200).fill(7));
    w.end(m);
    const out = w.finish();
    assert.equal(toHex(out, 0, 6), "3081cb" + "0481c8");
    assert.equal(out.length, 3 + 3 + 200);
  });

  it("round-trips INTEGER, OID and high tag numbers (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 47), max: 2 ** 47 - 1 }),
        fc.integer({ min: 0, max: 0x0fffffff }),
        fc.array(fc.integer({ min: 0, max: 2 ** 32 }), { minLength: 1, maxLength: 10 }),
        (value, tagNumber, arcs) => {
          const oid = ["1", "3", ...arcs.map(String)].join(".");
          const w = new BerWriter();
          w.integer(BerClass.contextSpecific, tagNumber, value);
          w.objectIdentifier(BerClass.universal, 6, oid);
          const bytes = w.finish();
          const c = new BerCursor(bytes).read(0, bytes.length);
          assert.equal(c.tagNumber, tagNumber);
          assert.equal(readInteger(bytes, c.valueStart, c.valueEnd), value);
          c.read(c.end, bytes.length);
          assert.equal(readObjectIdentifier(bytes, c.valueStart, c.valueEnd), oid);
        },
      ),
    );
  });

  it("agrees with asn1js, an independent BER implementation, on INTEGER and OID encodings", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 47), max: 2 ** 47 - 1 }), (value) => {
        const ours = new BerWriter().integer(BerClass.universal, 2, value).finish();
        const theirs = new Uint8Array(new asn1js.Integer({ value }).toBER());
        assert.equal(toHex(ours), toHex(theirs));
      }),
    );
    const oid = "0.4.0.0.1.0.25.3";
    const theirs = new Uint8Array(new asn1js.ObjectIdentifier({ value: oid }).toBER());
    assert.equal(toHex(new BerWriter().objectIdentifier(BerClass.universal, 6, oid).finish()), toHex(theirs));
  });
});

describe("BER on hostile input", () => {
  it("throws only DecodeError on 30 000 mutated encodings", () => {
    const seeds = [
      fromHex("30 80 30 80 02 01 05 00 00 00 00"),
      fromHex("62 0c 48 04 01 02 03 04 6c 04 a1 02 02 01"),
      fromHex("bf 81 49 03 04 01 aa"),
    ];
    let decoded = 0;
    for (let i = 0; i < 30_000; i++) {
      const input = mutate(seeds[i % seeds.length]!, i);
      try {
        decodeBerTree(input);
        decoded++;
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
      }
    }
    assert.ok(decoded > 0, "some mutations should still decode");
  });
});
