import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { toHex } from "../../../src/codec/bytes.js";
import { DecodeError, EncodeError } from "../../../src/codec/errors.js";
import {
  decodeSccpFast,
  decodeSccpUnitdata,
  SCCP_MAX_MTP_MESSAGE_LENGTH,
  SccpFastView,
  SccpReassembler,
  type SccpUnitdataMessage,
  segmentSccpXudt,
} from "../../../src/codec/sccp/index.js";

const called = { ssn: 6, gt: { tt: 0, np: 1, nai: 4, digits: "491720000001" } };
const calling = { ssn: 8, gt: { tt: 0, np: 1, nai: 4, digits: "491721234" } };

function payload(n: number, seed = 1): Uint8Array {
  return new Uint8Array(n).map((_, i) => (i * 31 + seed) & 0xff);
}

function segments(
  data: Uint8Array,
  localReference = 0x010203,
  protocolClass = 0,
  callingAddress: object = calling,
) {
  return segmentSccpXudt(
    { protocolClass, returnOnError: true, hopCounter: 15, called, calling: callingAddress, data },
    { localReference },
  );
}

const decodeAll = (bufs: Buffer[]) => bufs.map((b) => ({ b, m: decodeSccpUnitdata(b) }));

describe("XUDT segmenting (Q.714 §4.1.1.2)", () => {
  it("sends data that fits one XUDT unsegmented", () => {
    const out = segments(payload(100));
    assert.equal(out.length, 1);
    const m = decodeSccpUnitdata(out[0]!);
    assert.ok(m.messageType === 0x11);
    assert.equal(m.segmentation, undefined);
    assert.equal(m.protocolClass, 0);
  });

  it("splits 2000 octets into at most 268-octet XUDTs with F, C and the remaining count", () => {
    const data = payload(2000);
    const out = segments(data, 0xabcdef, 0);
    assert.ok(out.length > 1 && out.length <= 16);
    const parts: string[] = [];
    out.forEach((b, i) => {
      assert.ok(b.length <= SCCP_MAX_MTP_MESSAGE_LENGTH, `segment ${i} is ${b.length} octets`);
      const m = decodeSccpUnitdata(b);
      assert.ok(m.messageType === 0x11);
      assert.equal(m.protocolClass, 1, "segments travel as class 1 to stay in sequence");
      assert.deepEqual(m.segmentation, {
        firstSegment: i === 0,
        protocolClass: 0,
        remainingSegments: out.length - 1 - i,
        localReference: 0xabcdef,
      });
      parts.push(toHex(b, m.dataStart, m.dataEnd));
    });
    assert.equal(parts.join(""), toHex(data));
  });

  it("refuses data that needs more than 16 segments", () => {
    assert.throws(() => segments(payload(16 * 255 + 1)), EncodeError);
  });

  it("refuses a message length that leaves no room for data", () => {
    assert.throws(
      () =>
        segmentSccpXudt(
          { protocolClass: 0, returnOnError: false, hopCounter: 15, called, calling, data: payload(500) },
          { localReference: 1, maxMessageLength: 40 },
        ),
      EncodeError,
    );
  });
});

describe("XUDT reassembly (Q.714 §4.1.1.3)", () => {
  it("returns the user data when the last segment arrives, and nothing before", () => {
    const data = payload(1500);
    const r = new SccpReassembler();
    const msgs = decodeAll(segments(data));
    msgs.forEach(({ b, m }, i) => {
      const got = r.accept(m, b, 1000 + i);
      if (i < msgs.length - 1) assert.equal(got, undefined);
      else assert.equal(toHex(got!), toHex(data));
    });
    assert.equal(r.size, 0);
    assert.equal(r.bufferedBytes, 0);
    assert.equal(r.stats.completed, 1);
  });

  it("reassembles segments in any order exactly once", () => {
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 3500 }), fc.nat(), (n, seed) => {
        const data = payload(n, seed);
        const msgs = decodeAll(segments(data));
        const order = fc.sample(
          fc.shuffledSubarray(msgs, { minLength: msgs.length, maxLength: msgs.length }),
          {
            seed,
            numRuns: 1,
          },
        )[0]!;
        const r = new SccpReassembler();
        const results = order.map(({ b, m }) => r.accept(m, b, 0)).filter((x) => x !== undefined);
        assert.equal(results.length, 1);
        assert.equal(toHex(results[0]!), toHex(data));
        assert.equal(r.size, 0);
      }),
      { numRuns: 60 },
    );
  });

  it("ignores exact duplicates", () => {
    const data = payload(900);
    const msgs = decodeAll(segments(data));
    const r = new SccpReassembler();
    const fed = msgs.flatMap((x, i) => (i < msgs.length - 1 ? [x, x] : [x]));
    const done = fed.map(({ b, m }) => r.accept(m, b, 0)).filter((x) => x !== undefined);
    assert.equal(done.length, 1);
    assert.equal(toHex(done[0]!), toHex(data));
    assert.equal(r.stats.duplicates, msgs.length - 1);
    assert.equal(r.size, 0);
  });

  it("drops the reassembly and throws DecodeError when a segment repeats with different contents", () => {
    const a = decodeAll(segments(payload(900, 1)));
    const b = decodeAll(segments(payload(900, 2)));
    const r = new SccpReassembler();
    r.accept(a[0]!.m, a[0]!.b, 0);
    assert.throws(() => r.accept(b[0]!.m, b[0]!.b, 0), DecodeError);
    assert.equal(r.size, 0);
    assert.equal(r.stats.failed, 1);
  });

  it("throws DecodeError when a segment does not fit the first segment's count", () => {
    const long = decodeAll(segments(payload(2000)));
    const short = decodeAll(segments(payload(600)));
    const r = new SccpReassembler();
    r.accept(short[0]!.m, short[0]!.b, 0);
    // A middle segment of the longer message claims more remaining segments than the first announced.
    assert.throws(() => r.accept(long[1]!.m, long[1]!.b, 0), DecodeError);
    // And a first segment arriving after segments that sit beyond its count.
    r.accept(long[1]!.m, long[1]!.b, 0);
    assert.throws(() => r.accept(short[0]!.m, short[0]!.b, 0), DecodeError);
  });

  it("keeps reassemblies apart by calling address, local reference and flow key", () => {
    const data1 = payload(700, 1);
    const data2 = payload(700, 2);
    const s1 = decodeAll(segments(data1, 7));
    const sRef = decodeAll(segments(data2, 8));
    const sAddr = decodeAll(
      segments(data2, 7, 0, { ssn: 8, gt: { tt: 0, np: 1, nai: 4, digits: "491729999" } }),
    );
    for (const other of [sRef, sAddr]) {
      const r = new SccpReassembler();
      const got: (Uint8Array | undefined)[] = [];
      for (let i = 0; i < s1.length; i++) {
        got.push(r.accept(s1[i]!.m, s1[i]!.b, 0));
        got.push(r.accept(other[i]!.m, other[i]!.b, 0));
      }
      const done = got.filter((x) => x !== undefined).map((x) => toHex(x!));
      assert.deepEqual(done.sort(), [toHex(data1), toHex(data2)].sort());
    }
    const r = new SccpReassembler();
    const got: (Uint8Array | undefined)[] = [];
    for (const { b, m } of s1) {
      got.push(r.accept(m, b, 0, "opc=1"));
      got.push(r.accept(m, b, 0, "opc=2"));
    }
    assert.equal(got.filter((x) => x !== undefined).length, 2);
  });

  it("drops a reassembly whose segment never comes after T(reass)", () => {
    const msgs = decodeAll(segments(payload(900)));
    const r = new SccpReassembler({ timeout: 10_000 });
    for (const { b, m } of msgs.slice(0, -1)) r.accept(m, b, 0);
    assert.equal(r.size, 1);
    assert.equal(r.expire(9_999), 0);
    assert.equal(r.expire(10_000), 1);
    assert.equal(r.size, 0);
    assert.equal(r.bufferedBytes, 0);
    // The last segment alone, later, starts a new incomplete reassembly instead of completing anything.
    const last = msgs.at(-1)!;
    assert.equal(r.accept(last.m, last.b, 20_000), undefined);
    assert.equal(r.stats.expired, 1);
  });

  it("evicts the oldest reassembly beyond maxEntries", () => {
    const r = new SccpReassembler({ maxEntries: 3 });
    const firsts = [1, 2, 3, 4].map((ref) => decodeAll(segments(payload(900, ref), ref)));
    firsts.forEach((s, i) => {
      r.accept(s[0]!.m, s[0]!.b, i);
    });
    assert.equal(r.size, 3);
    assert.equal(r.stats.evicted, 1);
    // Reference 1 was evicted: its remaining segments no longer complete it.
    const rest1 = firsts[0]!.slice(1).map(({ b, m }) => r.accept(m, b, 10));
    assert.ok(rest1.every((x) => x === undefined));
    // Reference 4 is intact.
    const rest4 = firsts[3]!.slice(1).map(({ b, m }) => r.accept(m, b, 10));
    assert.equal(toHex(rest4.at(-1)!), toHex(payload(900, 4)));
  });

  it("evicts the oldest reassembly beyond maxBytes and refuses one larger than maxBytes", () => {
    const r = new SccpReassembler({ maxBytes: 600 });
    const a = decodeAll(segments(payload(900, 1), 1));
    const b = decodeAll(segments(payload(900, 2), 2));
    r.accept(a[0]!.m, a[0]!.b, 0);
    r.accept(a[1]!.m, a[1]!.b, 0);
    r.accept(b[0]!.m, b[0]!.b, 0);
    assert.ok(r.bufferedBytes <= 600);
    assert.equal(r.size, 1);
    assert.equal(r.stats.evicted, 1);
    // 900 octets can never fit 600.
    const r2 = new SccpReassembler({ maxBytes: 600 });
    assert.throws(() => {
      for (const { b: x, m } of a) r2.accept(m, x, 0);
    }, DecodeError);
    assert.equal(r2.bufferedBytes, 0);
  });

  it("returns unsegmented data and lone first segments directly", () => {
    const r = new SccpReassembler();
    const [one] = segments(payload(50));
    const m = decodeSccpUnitdata(one!);
    assert.equal(toHex(r.accept(m, one!, 0)!), toHex(payload(50)));
    const lone: SccpUnitdataMessage = {
      ...m,
      segmentation: { firstSegment: true, protocolClass: 0, remainingSegments: 0, localReference: 9 },
    } as SccpUnitdataMessage;
    assert.equal(toHex(r.accept(lone, one!, 0)!), toHex(payload(50)));
    assert.equal(r.size, 0);
  });

  it("gives the same result through the fast view", () => {
    const data = payload(2500);
    const r = new SccpReassembler();
    const v = new SccpFastView();
    let out: Uint8Array | undefined;
    for (const b of segments(data).reverse()) {
      assert.equal(decodeSccpFast(b, 0, b.length, v), true);
      out = r.acceptFast(v, b, 0, "flow") ?? out;
    }
    assert.equal(toHex(out!), toHex(data));
  });

  it("rejects impossible segment positions with DecodeError", () => {
    const r = new SccpReassembler();
    const b = new Uint8Array(4);
    assert.throws(() => r.add("k", false, 15, b, 0, 4, 0), DecodeError);
    assert.throws(() => r.add("k", false, 16, b, 0, 4, 0), DecodeError);
    assert.throws(() => r.add("k", false, 1, b, 2, 9, 0), DecodeError);
  });
});
