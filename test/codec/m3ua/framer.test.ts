import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { decodeM3ua, M3UA_MAX_MESSAGE_LENGTH, M3uaStreamFramer } from "../../../src/codec/m3ua/index.js";
import { M3UA_FIXTURES } from "./fixtures.js";

const MESSAGES = M3UA_FIXTURES.map((f) => fromHex(f.hex));
const STREAM = Buffer.concat(MESSAGES);
const EXPECTED = MESSAGES.map((m) => toHex(m));

function drain(framer: M3uaStreamFramer, into: string[]): void {
  for (let m = framer.pull(); m; m = framer.pull()) into.push(toHex(m));
}

function feed(chunks: Uint8Array[]): string[] {
  const framer = new M3uaStreamFramer();
  const got: string[] = [];
  for (const c of chunks) {
    framer.push(c);
    drain(framer, got);
  }
  assert.equal(framer.pending, 0);
  return got;
}

describe("M3UA stream framer (RFC 4666 §3.1 length over TCP)", () => {
  it("cuts a stream of every fixture pushed as one chunk", () => {
    assert.deepEqual(feed([STREAM]), EXPECTED);
  });

  it("cuts the same messages when the stream is split at every byte boundary", () => {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      assert.deepEqual(feed([STREAM.subarray(0, cut), STREAM.subarray(cut)]), EXPECTED, `cut at ${cut}`);
    }
  });

  it("cuts the same messages when fed one byte at a time", () => {
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < STREAM.length; i++) chunks.push(STREAM.subarray(i, i + 1));
    assert.deepEqual(feed(chunks), EXPECTED);
  });

  it("cuts the same messages for any chunking (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(STREAM.length), { maxLength: 30 }), (cuts) => {
        const points = [...new Set([0, ...cuts, STREAM.length])].sort((a, b) => a - b);
        const chunks = points.slice(1).map((p, i) => STREAM.subarray(points[i]!, p));
        assert.deepEqual(feed(chunks), EXPECTED);
      }),
      { numRuns: 300 },
    );
  });

  it("hands out views without copying when a chunk holds whole messages", () => {
    const framer = new M3uaStreamFramer();
    framer.push(STREAM);
    assert.equal(framer.next(), true);
    assert.equal(framer.frameBytes, STREAM);
    assert.deepEqual([framer.frameStart, framer.frameEnd], [0, MESSAGES[0]!.length]);
    const msg = decodeM3ua(framer.frameBytes, framer.frameStart, framer.frameEnd);
    assert.equal(msg.messageClass, 1);
  });

  it("hands out views of large chunks and copies only the message that straddles two of them", () => {
    const data = MESSAGES[0]!; // 68 octets
    const stream = Buffer.concat(Array.from({ length: 40 }, () => data)); // 2720 octets
    const cut = 20 * data.length + 30; // inside the 21st message
    const a = stream.subarray(0, cut);
    const b = stream.subarray(cut);
    const framer = new M3uaStreamFramer();
    framer.push(a);
    framer.push(b);
    const sources: string[] = [];
    while (framer.next()) {
      assert.equal(toHex(framer.frameBytes, framer.frameStart, framer.frameEnd), toHex(data));
      sources.push(framer.frameBytes === a ? "a" : framer.frameBytes === b ? "b" : "copy");
    }
    assert.deepEqual(sources, [...Array(20).fill("a"), "copy", ...Array(19).fill("b")]);
    assert.equal(framer.pending, 0);
  });

  it("keeps earlier frames intact while later chunks arrive", () => {
    const framer = new M3uaStreamFramer();
    const frames: Uint8Array[] = [];
    for (let i = 0; i < STREAM.length; i += 7) {
      framer.push(Uint8Array.from(STREAM.subarray(i, i + 7)));
      for (let m = framer.pull(); m; m = framer.pull()) frames.push(m);
    }
    assert.deepEqual(
      frames.map((f) => toHex(f)),
      EXPECTED,
    );
  });

  it("holds only the unconsumed tail", () => {
    const framer = new M3uaStreamFramer();
    const first = MESSAGES[0]!;
    framer.push(Buffer.concat([first, first.subarray(0, 10)]));
    assert.equal(framer.pending, first.length + 10);
    assert.ok(framer.pull());
    assert.equal(framer.pending, 10);
    assert.equal(framer.pull(), null);
    framer.push(first.subarray(10));
    assert.equal(toHex(framer.pull()!), toHex(first));
    assert.equal(framer.pending, 0);
    assert.equal(framer.consumed, 2 * first.length);
  });

  it("rejects a length below the common header with the stream offset, after the messages before it", () => {
    const framer = new M3uaStreamFramer();
    framer.push(MESSAGES[1]!);
    framer.push(fromHex("01 00 03 04 00000007"));
    assert.equal(toHex(framer.pull()!), EXPECTED[1]);
    assert.throws(
      () => framer.pull(),
      (e: unknown) => e instanceof DecodeError && e.layer === "m3ua" && e.offset === MESSAGES[1]!.length + 4,
    );
  });

  it("rejects a length over the cap as soon as the header arrives, without waiting for the body", () => {
    const framer = new M3uaStreamFramer();
    assert.equal(M3UA_MAX_MESSAGE_LENGTH, 1 << 20);
    assert.throws(
      () => framer.push(fromHex("01 00 01 01 00100001")),
      (e: unknown) => e instanceof DecodeError && e.offset === 4 && /exceeds/.test(e.reason),
    );
    const small = new M3uaStreamFramer({ maxMessageLength: 64 });
    assert.throws(() => small.push(fromHex("01 00 01 01 00000044")), DecodeError);
    assert.throws(() => new M3uaStreamFramer().push(fromHex("01 00 01 01 ffffffff")), DecodeError);
  });

  it("rejects a stream that is not M3UA version 1", () => {
    assert.throws(() => new M3uaStreamFramer().push(fromHex("47 45 54 20 2f 20 48 54")), DecodeError);
  });

  it("stays failed after an error until reset", () => {
    const framer = new M3uaStreamFramer();
    assert.throws(() => framer.push(fromHex("01 00 03 04 00000000")), DecodeError);
    assert.throws(() => framer.push(MESSAGES[0]!), DecodeError);
    assert.throws(() => framer.pull(), DecodeError);
    framer.reset();
    framer.push(MESSAGES[0]!);
    assert.equal(toHex(framer.pull()!), EXPECTED[0]);
  });

  it("refuses to hold more than maxBuffered unconsumed bytes", () => {
    const framer = new M3uaStreamFramer({ maxMessageLength: 64, maxBuffered: 100 });
    framer.push(MESSAGES[1]!); // 28 bytes, not pulled
    framer.push(MESSAGES[1]!);
    framer.push(MESSAGES[1]!);
    assert.throws(
      () => framer.push(MESSAGES[1]!),
      (e: unknown) => e instanceof DecodeError && /limit/.test(e.reason),
    );
  });

  it("waits for a header split over chunks before judging it", () => {
    const framer = new M3uaStreamFramer();
    framer.push(fromHex("01 00 03"));
    assert.equal(framer.pull(), null);
    framer.push(fromHex("04 00 00"));
    assert.equal(framer.pull(), null);
    framer.push(fromHex("00 08"));
    assert.equal(toHex(framer.pull()!), "0100030400000008");
  });
});
