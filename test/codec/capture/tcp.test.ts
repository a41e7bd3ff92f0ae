import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import {
  type CapturedPacket,
  decodeTcpHeader,
  decodeTcpOptions,
  LinkType,
  PacketBuilder,
  PayloadExtractor,
  PcapWriter,
  TcpFlag,
  type TcpSegmentSpec,
  TcpStreamReassembler,
  type TcpStreamSink,
} from "../../../src/codec/capture/index.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { concat, haveTshark, prng, randomBytes, tshark, writeTemp } from "./helpers.js";

interface Delivered {
  seq: number;
  hex: string;
  gap: boolean;
  reassembled: boolean;
  zeroCopy: boolean;
}

/** Records what the reassembler delivers. */
class Recorder implements TcpStreamSink {
  out: Delivered[] = [];
  source: Uint8Array | undefined;
  tcpData(
    bytes: Uint8Array,
    start: number,
    end: number,
    sequence: number,
    gap: boolean,
    reassembled: boolean,
  ) {
    this.out.push({
      seq: sequence,
      hex: toHex(bytes, start, end),
      gap,
      reassembled,
      zeroCopy: bytes === this.source,
    });
  }
  text(): string {
    return this.out.map((d) => d.hex).join("");
  }
}

function seg(
  r: TcpStreamReassembler,
  sink: Recorder,
  seq: number,
  data: Uint8Array | string,
  flags: number = TcpFlag.ack,
  seconds = 0,
  key = "c→s",
): void {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  sink.source = bytes;
  r.segment(key, seq >>> 0, flags, bytes, 0, bytes.length, seconds, sink);
}

const ascii = (hex: string) => new TextDecoder().decode(fromHex(hex));

describe("TCP header (RFC 9293 §3.1)", () => {
  it("decodes ports, numbers, flags and options", () => {
    // SYN with MSS 1460, SACK permitted, timestamps, NOP, window scale 7: data offset 10 (40 bytes).
    const bytes = fromHex(`
      9c40 0b59 fffffff0 00000000 a002 faf0 0000 0000
      020405b4 0402 080a 00000001 00000000 01 030307`);
    const h = decodeTcpHeader(bytes);
    assert.deepEqual(
      [h.srcPort, h.dstPort, h.sequence, h.acknowledgment, h.headerLength, h.flags, h.window, h.payloadStart],
      [40000, 2905, 0xfffffff0, 0, 40, TcpFlag.syn, 0xfaf0, 40],
    );
    assert.deepEqual(
      decodeTcpOptions(bytes, h).map((o) => [o.kind, toHex(bytes, o.valueStart, o.valueEnd)]),
      [
        [2, "05b4"],
        [4, ""],
        [8, "0000000100000000"],
        [3, "07"],
      ],
    );
  });

  it("rejects a data offset below 5 or beyond the segment and malformed options", () => {
    assert.throws(
      () => decodeTcpHeader(fromHex("9c40 0b59 00000000 00000000 4002 0000 0000 0000")),
      DecodeError,
    );
    assert.throws(
      () => decodeTcpHeader(fromHex("9c40 0b59 00000000 00000000 6002 0000 0000 0000")),
      DecodeError,
    );
    assert.throws(() => decodeTcpHeader(fromHex("9c40 0b59 00000000 00000000 50")), DecodeError);
    const h = decodeTcpHeader(fromHex("9c40 0b59 00000000 00000000 6002 0000 0000 0000 0209 0000"));
    assert.throws(
      () => decodeTcpOptions(fromHex("9c40 0b59 00000000 00000000 6002 0000 0000 0000 0209 0000"), h),
      (e: unknown) => e instanceof DecodeError && e.layer === "tcp",
    );
  });
});

describe("TCP stream reassembly", () => {
  it("delivers in-order data without copying, after the SYN's sequence number", () => {
    const r = new TcpStreamReassembler();
    const s = new Recorder();
    seg(r, s, 99, "", TcpFlag.syn);
    seg(r, s, 100, "abc");
    seg(r, s, 103, "def");
    assert.equal(ascii(s.text()), "abcdef");
    assert.deepEqual(
      s.out.map((d) => [d.seq, d.gap, d.reassembled, d.zeroCopy]),
      [
        [100, false, false, true],
        [103, false, false, true],
      ],
    );
  });

  it("queues out-of-order segments and drops retransmitted and overlapping bytes", () => {
    const r = new TcpStreamReassembler();
    const s = new Recorder();
    seg(r, s, 0, "", TcpFlag.syn);
    seg(r, s, 7, "ghi");
    seg(r, s, 4, "def");
    seg(r, s, 4, "def");
    seg(r, s, 1, "abc");
    seg(r, s, 1, "abcd");
    seg(r, s, 2, "bcdefghijk");
    assert.equal(ascii(s.text()), "abcdefghijk");
    assert.deepEqual(
      s.out.map((d) => [d.seq, d.reassembled]),
      [
        [1, false],
        [4, true],
        [7, true],
        [10, false],
      ],
    );
    assert.ok(r.stats.duplicates >= 3);
    assert.equal(r.bufferedBytes, 0);
  });

  it("handles sequence numbers wrapping past 2^32", () => {
    const r = new TcpStreamReassembler();
    const s = new Recorder();
    seg(r, s, 0xfffffffd, "", TcpFlag.syn);
    seg(r, s, 0x00000002, "56");
    seg(r, s, 0xfffffffe, "1234");
    assert.equal(ascii(s.text()), "123456");
    assert.deepEqual(
      s.out.map((d) => d.seq),
      [0xfffffffe, 2],
    );
  });

  it("starts mid-stream with a gap flag, and a reset forgets the direction", () => {
    const r = new TcpStreamReassembler();
    const s = new Recorder();
    seg(r, s, 5000, "xy");
    seg(r, s, 5002, "z");
    seg(r, s, 5003, "", TcpFlag.rst);
    seg(r, s, 9000, "q");
    assert.deepEqual(
      s.out.map((d) => [d.seq, d.gap]),
      [
        [5000, true],
        [5002, false],
        [9000, true],
      ],
    );
  });

  it("closes a direction once every byte before the FIN arrived, even when the FIN came early", () => {
    const r = new TcpStreamReassembler();
    const s = new Recorder();
    seg(r, s, 0, "", TcpFlag.syn);
    seg(r, s, 3, "cd", TcpFlag.fin | TcpFlag.ack);
    seg(r, s, 1, "ab");
    seg(r, s, 5, "late");
    seg(r, s, 1, "ab");
    assert.equal(ascii(s.text()), "abcd");
    // A new SYN on the same 4-tuple starts a new connection.
    seg(r, s, 700, "", TcpFlag.syn);
    seg(r, s, 701, "new");
    assert.equal(ascii(s.text()), "abcdnew");
    // A retransmitted SYN changes nothing.
    seg(r, s, 700, "", TcpFlag.syn);
    seg(r, s, 704, "!");
    assert.equal(ascii(s.text()), "abcdnew!");
  });

  it("gives up a hole when the per-flow buffer cap or the hole timeout is reached", () => {
    const r = new TcpStreamReassembler({ maxBufferedBytesPerFlow: 10, holeTimeoutSeconds: 5 });
    const s = new Recorder();
    seg(r, s, 0, "", TcpFlag.syn);
    seg(r, s, 1, "a");
    seg(r, s, 10, "123456");
    seg(r, s, 16, "7890X");
    assert.deepEqual(
      s.out.map((d) => [d.seq, ascii(d.hex), d.gap]),
      [
        [1, "a", false],
        [10, "123456", true],
        [16, "7890X", false],
      ],
    );
    seg(r, s, 30, "late", TcpFlag.ack, 1);
    seg(r, s, 40, "later", TcpFlag.ack, 7);
    // The hole before 30 is older than 5 s and given up; the new hole before 40 starts its own clock.
    seg(r, s, 60, "x", TcpFlag.ack, 13);
    assert.deepEqual(
      s.out.slice(3).map((d) => [d.seq, d.gap]),
      [
        [30, true],
        [40, true],
      ],
    );
    assert.equal(r.stats.holesSkipped, 3);
    assert.equal(r.bufferedBytes, 1);
  });

  it("caps the out-of-order queue by segments too, so 1-byte segments cannot make it quadratic", () => {
    const r = new TcpStreamReassembler({ maxQueuedSegmentsPerFlow: 100 });
    const s = new Recorder();
    seg(r, s, 0, "", TcpFlag.syn);
    const one = Uint8Array.of(0x61);
    const t0 = performance.now();
    for (let i = 0; i < 50_000; i++) seg(r, s, 3 + 2 * ((i * 7919) % 25_000), one);
    assert.ok(performance.now() - t0 < 1000);
    assert.ok(r.stats.holesSkipped > 0);
    assert.ok(s.out.every((d, i) => i === 0 || d.gap));
    assert.ok(r.bufferedBytes <= 101);
  });

  it("bounds the number of flows, dropping the least recently used", () => {
    const r = new TcpStreamReassembler({ maxFlows: 3 });
    const s = new Recorder();
    for (const k of ["a", "b", "c"]) seg(r, s, 0, "x", TcpFlag.ack, 0, k);
    seg(r, s, 1, "y", TcpFlag.ack, 5, "a");
    seg(r, s, 0, "x", TcpFlag.ack, 6, "d");
    assert.equal(r.size, 3);
    assert.equal(r.stats.flowsEvicted, 1);
    // "a" was used recently and survived: its next byte is in order (no gap); "b" was evicted.
    seg(r, s, 2, "z", TcpFlag.ack, 7, "a");
    assert.equal(s.out.at(-1)!.gap, false);
  });

  it("rebuilds any stream cut, reordered, duplicated and overlapped within the buffer cap", () => {
    const stream = randomBytes(prng(41), 3000);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (sizes, keys, isn) => {
          const segments: [number, number][] = [];
          let at = 0;
          for (let i = 0; at < stream.length; i++) {
            const n = sizes[i % sizes.length]!;
            // Some segments reach back over their predecessor (overlap).
            const from = i % 3 === 2 ? Math.max(0, at - 5) : at;
            segments.push([from, Math.min(stream.length, at + n)]);
            at += n;
          }
          const shuffled = segments
            .map((sgm, i) => [keys[i % keys.length]! + i / 1000, sgm] as const)
            .sort((a, b) => a[0] - b[0])
            .map((x) => x[1]);
          // "Within the buffer cap": 1-byte sizes cut the stream into up to 3000 segments (+3 repeats), more
          // than the default queue of 1024 segments, past which holes are given up by design.
          const r = new TcpStreamReassembler({ maxQueuedSegmentsPerFlow: 4096 });
          const s = new Recorder();
          seg(r, s, isn, "", TcpFlag.syn);
          for (const [a, b] of [...shuffled, ...shuffled.slice(0, 3)])
            seg(r, s, isn + 1 + a, stream.subarray(a, b));
          assert.equal(s.text(), toHex(stream));
          assert.ok(s.out.every((d) => !d.gap));
        },
      ),
      {
        numRuns: 150,
        ...(process.env.TCP_PROPERTY_SEED ? { seed: Number(process.env.TCP_PROPERTY_SEED) } : {}),
      },
    );
  });
});

describe("TCP through the extractor", () => {
  const builder = new PacketBuilder();
  const client = { srcIp: "10.0.0.1", dstIp: "10.0.0.2", srcPort: 40000, dstPort: 2905 };
  const server = { srcIp: "10.0.0.2", dstIp: "10.0.0.1", srcPort: 2905, dstPort: 40000 };

  function packet(bytes: Uint8Array, frameNumber: number): CapturedPacket {
    return {
      frameNumber,
      seconds: frameNumber,
      nanoseconds: 0,
      linkType: LinkType.ethernet,
      interfaceId: 0,
      capturedLength: bytes.length,
      originalLength: bytes.length,
      bytes,
      start: 0,
      end: bytes.length,
    };
  }

  it("yields each direction's bytes in order, matching tshark's Follow TCP Stream", async () => {
    const next = prng(77);
    const clientData = randomBytes(next, 2000);
    const serverData = randomBytes(next, 700);
    const segments: TcpSegmentSpec[] = [];
    const cIsn = 0xffffff00;
    const sIsn = 123456;
    segments.push({ ...client, seq: cIsn, flags: TcpFlag.syn });
    segments.push({ ...server, seq: sIsn, ack: cIsn + 1, flags: TcpFlag.syn | TcpFlag.ack });
    const cut = (data: Uint8Array, isn: number, side: typeof client, size: number) => {
      const out: TcpSegmentSpec[] = [];
      for (let a = 0; a < data.length; a += size) {
        out.push({
          ...side,
          seq: (isn + 1 + a) >>> 0,
          data: data.subarray(a, Math.min(data.length, a + size)),
        });
      }
      return out;
    };
    const c = cut(clientData, cIsn, client, 300);
    const s = cut(serverData, sIsn, server, 200);
    // Reorder, retransmit and overlap a few segments.
    const overlap = { ...client, seq: (cIsn + 1 + 250) >>> 0, data: clientData.subarray(250, 700) };
    segments.push(
      c[0]!,
      c[2]!,
      s[1]!,
      c[1]!,
      c[1]!,
      s[0]!,
      overlap,
      c[3]!,
      s[3]!,
      s[2]!,
      ...c.slice(4),
      c[5]!,
    );
    const w = new PcapWriter();
    const x = new PayloadExtractor();
    const got = { c: [] as Uint8Array[], s: [] as Uint8Array[] };
    segments.forEach((sg, i) => {
      const frame = Uint8Array.from(builder.tcp(sg));
      w.writePacket(i + 1, 0, frame);
      for (const r of x.extract(packet(frame, i + 1))) {
        assert.equal(r.transport, "tcp");
        assert.equal(r.gap, false);
        (r.srcPort === 40000 ? got.c : got.s).push(r.bytes.slice(r.start, r.end));
      }
    });
    assert.deepEqual(concat(got.c), clientData);
    assert.deepEqual(concat(got.s), serverData);
    if (!haveTshark) return;
    const out = await tshark(["-r", writeTemp("tcp.pcap", w.take()), "-q", "-z", "follow,tcp,raw,0"]);
    const lines = out.split("\n").filter((l) => /^\t?[0-9a-f]+$/.test(l));
    const theirs = {
      c: lines.filter((l) => !l.startsWith("\t")).join(""),
      s: lines
        .filter((l) => l.startsWith("\t"))
        .map((l) => l.slice(1))
        .join(""),
    };
    assert.equal(theirs.c, toHex(clientData));
    assert.equal(theirs.s, toHex(serverData));
  });

  it("can be switched off, leaving TCP packets as another transport", () => {
    const x = new PayloadExtractor({ tcpReassembly: false });
    assert.equal(
      x.extract(packet(Uint8Array.from(builder.tcp({ ...client, seq: 1, data: Uint8Array.of(1) })), 1))
        .length,
      0,
    );
    assert.equal(x.stats.otherTransport, 1);
  });
});
