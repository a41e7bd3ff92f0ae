import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { decodeSmppPdu, SMPP_MAX_PDU_LENGTH, SmppStreamFramer } from "../../../src/codec/smpp/index.js";
import { SMPP_FIXTURES } from "./fixtures.js";

const PDUS = SMPP_FIXTURES.map((f) => fromHex(f.hex));
const STREAM = Buffer.concat(PDUS);
const EXPECTED = PDUS.map((m) => toHex(m));

function feed(chunks: Uint8Array[], framer = new SmppStreamFramer()): string[] {
  const got: string[] = [];
  for (const c of chunks) {
    framer.push(c);
    for (let m = framer.pull(); m; m = framer.pull()) got.push(toHex(m));
  }
  assert.equal(framer.pending, 0);
  return got;
}

function isDecodeError(offset: number, pattern: RegExp) {
  return (e: unknown) =>
    e instanceof DecodeError && e.layer === "smpp" && e.offset === offset && pattern.test(e.reason);
}

describe("SMPP stream framer (§3.2 command_length over TCP)", () => {
  it("cuts a stream of every fixture pushed as one chunk", () => {
    assert.deepEqual(feed([STREAM]), EXPECTED);
  });

  it("cuts the same PDUs when the stream is split at every byte boundary", () => {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      assert.deepEqual(feed([STREAM.subarray(0, cut), STREAM.subarray(cut)]), EXPECTED, `cut at ${cut}`);
    }
  });

  it("cuts the same PDUs when the stream is split at every pair of boundaries within the first PDUs", () => {
    const head = Buffer.concat(PDUS.slice(0, 4));
    const want = EXPECTED.slice(0, 4);
    for (let a = 0; a <= head.length; a++) {
      for (let b = a; b <= head.length; b++) {
        assert.deepEqual(
          feed([head.subarray(0, a), head.subarray(a, b), head.subarray(b)]),
          want,
          `${a}/${b}`,
        );
      }
    }
  });

  it("cuts the same PDUs when fed one byte at a time", () => {
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < STREAM.length; i++) chunks.push(STREAM.subarray(i, i + 1));
    assert.deepEqual(feed(chunks), EXPECTED);
  });

  it("cuts the same PDUs for any chunking (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(STREAM.length), { maxLength: 40 }), (cuts) => {
        const points = [...new Set([0, ...cuts, STREAM.length])].sort((a, b) => a - b);
        const chunks = points.slice(1).map((p, i) => STREAM.subarray(points[i]!, p));
        assert.deepEqual(feed(chunks), EXPECTED);
      }),
      { numRuns: 300 },
    );
  });

  it("hands out views without copying when a chunk holds whole PDUs", () => {
    const framer = new SmppStreamFramer();
    framer.push(STREAM);
    let at = 0;
    for (const pdu of PDUS) {
      assert.equal(framer.next(), true);
      assert.equal(framer.frameBytes, STREAM, "a view of the pushed chunk");
      assert.deepEqual([framer.frameStart, framer.frameEnd], [at, at + pdu.length]);
      decodeSmppPdu(framer.frameBytes, framer.frameStart, framer.frameEnd);
      at += pdu.length;
    }
    assert.equal(framer.next(), false);
    assert.equal(framer.consumed, STREAM.length);
  });

  it("copies only the PDU that straddles two large chunks", () => {
    const pdu = PDUS.find((p) => p.length > 60)!;
    const stream = Buffer.concat(Array.from({ length: 40 }, () => pdu));
    const cut = 20 * pdu.length + 30;
    const a = stream.subarray(0, cut);
    const b = stream.subarray(cut);
    const framer = new SmppStreamFramer();
    framer.push(a);
    framer.push(b);
    const sources: string[] = [];
    while (framer.next()) {
      assert.equal(toHex(framer.frameBytes, framer.frameStart, framer.frameEnd), toHex(pdu));
      sources.push(framer.frameBytes === a ? "a" : framer.frameBytes === b ? "b" : "copy");
    }
    assert.deepEqual(sources, [...Array(20).fill("a"), "copy", ...Array(19).fill("b")]);
  });

  it("keeps earlier frames intact while later chunks arrive, and after ownPending()", () => {
    const framer = new SmppStreamFramer();
    const frames: Uint8Array[] = [];
    const reused = new Uint8Array(7);
    for (let i = 0; i < STREAM.length; i += 7) {
      // The caller reuses its read buffer: ownPending() must stop the framer referring to it.
      const n = Math.min(7, STREAM.length - i);
      reused.set(STREAM.subarray(i, i + n));
      framer.push(reused.subarray(0, n));
      for (let m = framer.pull(); m; m = framer.pull()) frames.push(Uint8Array.from(m));
      framer.ownPending();
    }
    assert.deepEqual(
      frames.map((f) => toHex(f)),
      EXPECTED,
    );
  });

  it("rejects a command_length below 16 at the stream offset of the PDU, after the PDUs before it", () => {
    const framer = new SmppStreamFramer();
    framer.push(PDUS[0]!);
    framer.push(fromHex("0000000f 00000015 00000000 00000001"));
    assert.equal(toHex(framer.pull()!), EXPECTED[0]);
    assert.throws(() => framer.pull(), isDecodeError(PDUS[0]!.length, /command_length 15 is shorter/));
  });

  it("rejects a command_length over the cap as soon as its 4 octets arrive", () => {
    assert.equal(SMPP_MAX_PDU_LENGTH, 65_536);
    const framer = new SmppStreamFramer();
    framer.push(fromHex("0001"));
    assert.throws(() => framer.push(fromHex("0001")), isDecodeError(0, /command_length 65537 exceeds/));
    const fits = new SmppStreamFramer();
    fits.push(fromHex("00010000 00000004"));
    assert.equal(fits.pull(), null, "exactly 64 KiB is allowed, and waited for");
    assert.throws(
      () => new SmppStreamFramer().push(fromHex("00010001")),
      isDecodeError(0, /exceeds the 65536/),
    );
    const small = new SmppStreamFramer({ maxPduLength: 64 });
    small.push(PDUS[0]!);
    assert.ok(small.pull());
    assert.throws(() => small.push(fromHex("00000041")), isDecodeError(16, /exceeds the 64-octet limit/));
  });

  it("stays failed after an error until reset", () => {
    const framer = new SmppStreamFramer();
    assert.throws(() => framer.push(fromHex("00000000")), DecodeError);
    assert.throws(() => framer.push(PDUS[0]!), DecodeError);
    assert.throws(() => framer.pull(), DecodeError);
    framer.reset();
    framer.push(PDUS[0]!);
    assert.equal(toHex(framer.pull()!), EXPECTED[0]);
  });

  it("refuses to hold more than maxBuffered unconsumed bytes", () => {
    const framer = new SmppStreamFramer({ maxPduLength: 64, maxBuffered: 100 });
    for (let i = 0; i < 6; i++) framer.push(PDUS[0]!); // 96 bytes, not pulled
    assert.throws(
      () => framer.push(PDUS[0]!),
      (e: unknown) => e instanceof DecodeError && /limit/.test(e.reason),
    );
    assert.throws(() => new SmppStreamFramer({ maxPduLength: 8 }), RangeError);
  });

  it("holds only the unconsumed tail", () => {
    const framer = new SmppStreamFramer();
    const first = PDUS.find((p) => p.length > 40)!;
    framer.push(Buffer.concat([first, first.subarray(0, 10)]));
    assert.equal(framer.pending, first.length + 10);
    assert.ok(framer.pull());
    assert.equal(framer.pending, 10);
    assert.equal(framer.pull(), null);
    framer.push(first.subarray(10));
    assert.equal(toHex(framer.pull()!), toHex(first));
    assert.equal(framer.pending, 0);
  });
});
