import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import {
  type CapturedPacket,
  crc32c,
  crc32cUpdate,
  decodeSctpPacket,
  LinkType,
  PacketBuilder,
  PayloadExtractor,
  type PayloadRecord,
  PcapWriter,
  readCapture,
  SctpChunkCursor,
  SctpChunkType,
  type SctpDataChunkSpec,
  SctpMessageReassembler,
  type SctpPacketSpec,
  SctpPpid,
  type SctpRawChunkSpec,
  sctpChecksumValid,
  sigtranProtocol,
} from "../../../src/codec/capture/index.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { haveTshark, prng, randomBytes, readTemp, tempDir, tsharkFields, writeTemp } from "./helpers.js";

const builder = new PacketBuilder();

function packet(bytes: Uint8Array, seconds = 0, frameNumber = 1): CapturedPacket {
  return {
    frameNumber,
    seconds,
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

function spec(chunks: readonly (SctpDataChunkSpec | SctpRawChunkSpec)[], tag = 9): SctpPacketSpec {
  return { srcIp: "10.0.0.1", dstIp: "10.0.0.2", srcPort: 5000, dstPort: 6000, verificationTag: tag, chunks };
}

function hexes(records: readonly PayloadRecord[]): string[] {
  return records.map((r) => toHex(r.bytes, r.start, r.end));
}

/** Bit-at-a-time CRC-32C straight from the polynomial, to check the table-driven one against. */
function crc32cBitwise(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return ~c >>> 0;
}

describe("CRC-32C (RFC 9260 Appendix A)", () => {
  it("matches the RFC 3720 §B.4 test vectors and the catalogue check value", () => {
    const inc = Uint8Array.from({ length: 32 }, (_, i) => i);
    const dec = Uint8Array.from({ length: 32 }, (_, i) => 31 - i);
    assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
    assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
    assert.equal(crc32c(inc), 0x46dd794e);
    assert.equal(crc32c(dec), 0x113fdb5c);
    assert.equal(crc32c(new TextEncoder().encode("123456789")), 0xe3069283);
  });

  it("agrees with a bitwise implementation and can be computed piecewise", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, cut) => {
        const expected = crc32cBitwise(bytes);
        assert.equal(crc32c(bytes), expected);
        const k = bytes.length ? cut % bytes.length : 0;
        const c = crc32cUpdate(crc32cUpdate(-1, bytes, 0, k), bytes, k, bytes.length);
        assert.equal(~c >>> 0, expected);
      }),
      { numRuns: 300 },
    );
  });

  it("accepts the checksums text2pcap writes and tshark accepts ours", { skip: !haveTshark }, async () => {
    // text2pcap -S builds Ethernet/IPv4/SCTP/DATA with its own CRC-32C: an independent producer.
    const hexdump = "0000  01 00 01 01 00 00 00 08\n\n0000  aa bb cc\n";
    const dump = writeTemp("t2p.txt", new TextEncoder().encode(hexdump));
    const out = `${tempDir()}/t2p.pcap`;
    await promisify(execFile)("text2pcap", ["-q", "-F", "pcap", "-S", "2905,2905,3", dump, out]);
    const x = new PayloadExtractor({ verifySctpChecksum: true });
    const got = [...readCapture(readTemp(out))].flatMap((p) => [...x.extract(p)]);
    assert.deepEqual(hexes(got), ["0100010100000008", "aabbcc"]);
    assert.deepEqual(
      got.map((r) => [r.ppid, r.srcPort, r.dstPort, sigtranProtocol(r.ppid, r.srcPort, r.dstPort)]),
      [
        [3, 2905, 2905, "m3ua"],
        [3, 2905, 2905, "m3ua"],
      ],
    );
    const w = new PcapWriter();
    const next = prng(3);
    for (let i = 0; i < 50; i++) {
      const v6 = i % 2 === 1;
      const frame = builder.sctp({
        ...spec([{ tsn: i, ppid: 3, data: randomBytes(next, next() % 200) }], next()),
        ...(v6 ? { srcIp: "2001:db8::5", dstIp: "2001:db8::6" } : {}),
      });
      assert.ok(sctpChecksumValid(frame, v6 ? 54 : 34, frame.length));
      w.writePacket(i, 0, frame);
    }
    const rows = await tsharkFields(
      writeTemp("crc.pcap", w.take()),
      ["sctp.checksum.status"],
      ["-o", "sctp.checksum:CRC-32c"],
    );
    assert.deepEqual(
      rows.map((r) => r[0]),
      new Array(50).fill("1"),
    );
  });
});

describe("SCTP chunks (RFC 9260 §3)", () => {
  it("walks a hand-made packet with SACK, a padded DATA chunk and an I-DATA chunk", () => {
    // Common header 2905→2905 tag 1; SACK (type 3, 16 bytes); DATA TSN 5 stream 1 SSN 2 PPID 3 with 3
    // bytes + 1 pad; I-DATA (type 64) TSN 6 stream 4 MID 9 B+E PPID 5 with 2 bytes + 2 pad.
    const bytes = fromHex(`
      0b59 0b59 00000001 00000000
      03 00 0010 00000004 0000ffff 00000000
      00 03 0013 00000005 0001 0002 00000003 aabbcc 00
      40 03 0016 00000006 0004 0000 00000009 00000005 ddee 0000`);
    const c = new SctpChunkCursor().reset(bytes);
    const seen: unknown[] = [];
    while (c.next()) {
      seen.push(
        c.isData
          ? [c.type, c.tsn, c.stream, c.streamSequence, c.ppid, toHex(bytes, c.dataStart, c.dataEnd)]
          : [c.type, c.length],
      );
    }
    assert.deepEqual(seen, [
      [SctpChunkType.sack, 16],
      [SctpChunkType.data, 5, 1, 2, 3, "aabbcc"],
      [SctpChunkType.iData, 6, 4, 9, 5, "ddee"],
    ]);
    const decoded = decodeSctpPacket(bytes);
    assert.equal(decoded.chunks.length, 3);
    assert.equal(decoded.chunks[1]!.data!.beginning && decoded.chunks[1]!.data!.ending, true);
  });

  it("tolerates a missing pad after the last chunk and rejects bad chunk lengths", () => {
    const last = fromHex("0b59 0b59 00000001 00000000 00 03 0011 00000005 0001 0002 00000003 aa");
    const c = new SctpChunkCursor().reset(last);
    assert.equal(c.next(), true);
    assert.equal(c.dataEnd - c.dataStart, 1);
    assert.equal(c.next(), false);
    const bad = [
      "0b59 0b59 00000001 00000000 00 03 0003 00",
      "0b59 0b59 00000001 00000000 00 03 0020 00000005",
      "0b59 0b59 00000001 00000000 00 03 000c 00000005 0001 0002",
      "0b59 0b59 00000001 00000000 40 03 0010 00000005 0001 0002 00000003",
      "0b59 0b59 00000001 00000000 00 03",
      "0b59 0b59 00000001 000000",
    ];
    for (const h of bad) {
      assert.throws(
        () => {
          const cur = new SctpChunkCursor().reset(fromHex(h));
          while (cur.next());
        },
        (e: unknown) => e instanceof DecodeError && e.layer === "sctp",
        h,
      );
    }
  });

  it("yields every DATA chunk of a packet and skips control and empty chunks", () => {
    const frame = builder.sctp(
      spec([
        { type: SctpChunkType.sack, value: new Uint8Array(12) },
        { tsn: 1, stream: 0, ssn: 0, ppid: SctpPpid.m3ua, data: Uint8Array.of(1) },
        { tsn: 2, stream: 1, ssn: 7, ppid: SctpPpid.m2pa, data: Uint8Array.of(2, 2) },
        { tsn: 3, ppid: 0, data: new Uint8Array(0) },
        { type: SctpChunkType.heartbeat, value: new Uint8Array(8) },
        { tsn: 4, stream: 2, ppid: 0, unordered: true, data: Uint8Array.of(4, 4, 4, 4, 4) },
      ]),
    );
    const got = new PayloadExtractor().extract(packet(frame));
    assert.deepEqual(
      got.map((r) => [
        r.sequence,
        r.stream,
        r.streamSequence,
        r.ppid,
        r.unordered,
        r.reassembled,
        r.bytes === frame,
      ]),
      [
        [1, 0, 0, 3, false, false, true],
        [2, 1, 7, 5, false, false, true],
        [4, 2, 0, 0, true, false, true],
      ],
    );
    assert.deepEqual(hexes(got), ["01", "0202", "0404040404"]);
  });

  it("picks M3UA / M2PA by PPID, or by port when the PPID is 0", () => {
    assert.equal(sigtranProtocol(3, 1, 2), "m3ua");
    assert.equal(sigtranProtocol(5, 2905, 2905), "m2pa");
    assert.equal(sigtranProtocol(0, 40000, 2905), "m3ua");
    assert.equal(sigtranProtocol(0, 3565, 40000), "m2pa");
    assert.equal(sigtranProtocol(0, 14001, 1), "sua");
    assert.equal(sigtranProtocol(0, 1, 2), undefined);
    assert.equal(sigtranProtocol(46, 2905, 2905), undefined);
  });
});

describe("SCTP user message reassembly (RFC 9260 §6.9, RFC 8260)", () => {
  const message = randomBytes(prng(17), 600);

  function fragments(
    tsn0: number,
    pieces: number,
    opts: Partial<SctpDataChunkSpec> = {},
  ): SctpDataChunkSpec[] {
    const size = Math.ceil(message.length / pieces);
    const out: SctpDataChunkSpec[] = [];
    for (let i = 0; i < pieces; i++) {
      out.push({
        tsn: (tsn0 + i) >>> 0,
        stream: 1,
        ssn: 4,
        ppid: 3,
        data: message.subarray(i * size, Math.min(message.length, (i + 1) * size)),
        beginning: i === 0,
        ending: i === pieces - 1,
        ...opts,
        ...(opts.iData ? { iData: { mid: opts.iData.mid, fsn: i } } : {}),
      });
    }
    return out;
  }

  it("reassembles DATA fragments in any order, with retransmissions, across TSN wraparound", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.constantFrom(1, 0xfffffffa, 0x7ffffffe),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        (pieces, tsn0, keys, dups) => {
          const frags = fragments(tsn0, pieces);
          const order = frags.map((f, i) => [keys[i]! + i / 100, f] as const).sort((a, b) => a[0] - b[0]);
          const seq = order.map((o) => o[1]);
          const tail = seq.pop()!;
          for (const d of dups) seq.push(seq[d % Math.max(1, seq.length)] ?? tail);
          seq.push(tail);
          const x = new PayloadExtractor();
          const out: PayloadRecord[] = [];
          seq.forEach((c, i) => {
            out.push(...x.extract(packet(Uint8Array.from(builder.sctp(spec([c]))), 0, i + 1)));
          });
          assert.equal(out.length, 1);
          const r = out[0]!;
          assert.deepEqual(
            [r.sequence, r.stream, r.streamSequence, r.ppid, r.reassembled, r.frameNumber],
            [tsn0, 1, 4, 3, true, seq.length],
          );
          assert.deepEqual(r.bytes.subarray(r.start, r.end), message);
          assert.equal(x.sctpReassembler.size, 0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("keeps associations apart and does not join fragments of different streams or messages", () => {
    const x = new PayloadExtractor();
    const a = fragments(100, 3);
    const b = fragments(100, 3);
    const got: PayloadRecord[] = [];
    for (const [c, tag] of [
      [a[0]!, 1],
      [b[0]!, 2],
      [a[1]!, 1],
      [b[2]!, 2],
      [{ ...a[2]!, stream: 9 }, 1],
      [b[1]!, 2],
    ] as const) {
      got.push(...x.extract(packet(Uint8Array.from(builder.sctp(spec([c], tag))))));
    }
    assert.equal(got.length, 1);
    assert.equal(x.sctpReassembler.size, 3);
    // Ordered fragments must share the SSN.
    const y = new PayloadExtractor();
    const c = fragments(1, 2);
    y.extract(packet(Uint8Array.from(builder.sctp(spec([c[0]!])))));
    assert.equal(y.extract(packet(Uint8Array.from(builder.sctp(spec([{ ...c[1]!, ssn: 5 }]))))).length, 0);
  });

  it("reassembles interleaved I-DATA messages by MID and FSN", () => {
    const x = new PayloadExtractor();
    const m1 = fragments(1, 3, { iData: { mid: 1, fsn: 0 } });
    const m2 = fragments(10, 2, { iData: { mid: 2, fsn: 0 }, unordered: true, ppid: 5 });
    const order = [m1[2]!, m2[1]!, m1[0]!, m2[0]!, m1[1]!];
    const got = order.flatMap((c, i) => [
      ...x.extract(packet(Uint8Array.from(builder.sctp(spec([c]))), 0, i + 1)),
    ]);
    assert.deepEqual(
      got.map((r) => [r.frameNumber, r.streamSequence, r.ppid, r.unordered, r.end - r.start]),
      [
        [4, 2, 5, true, 600],
        [5, 1, 3, false, 600],
      ],
    );
  });

  it("bounds fragments per message, total fragments and age", () => {
    const r = new SctpMessageReassembler({ maxFragmentsPerMessage: 4, maxFragments: 8, timeoutSeconds: 5 });
    const c = new SctpChunkCursor();
    const add = (s: SctpDataChunkSpec, tag: number, t: number) => {
      const f = builder.sctp(spec([s], tag));
      c.reset(f, 34, f.length).next();
      return r.add(`a${tag}`, c, t);
    };
    const long = fragments(1, 6);
    for (const f of long) assert.equal(add(f, 1, 0), undefined);
    assert.ok(r.stats.oversized >= 1);
    for (let i = 0; i < 20; i++) add({ ...long[1]!, tsn: 1000 + 2 * i }, 2, 0);
    assert.ok(r.size <= 8);
    assert.ok(r.stats.evicted > 0);
    add(long[0]!, 3, 100);
    assert.ok(r.stats.expired > 0);
    assert.equal(r.size, 1);
  });

  it("stays cheap under a flood of middle fragments that never complete", () => {
    const x = new PayloadExtractor();
    const frames = Array.from({ length: 20_000 }, (_, i) =>
      Uint8Array.from(
        builder.sctp(
          spec([{ tsn: i, ppid: 3, data: Uint8Array.of(1, 2, 3), beginning: false, ending: false }]),
        ),
      ),
    );
    const t0 = performance.now();
    for (let i = 0; i < frames.length; i++) x.extract(packet(frames[i]!, 0, i + 1));
    assert.ok(performance.now() - t0 < 1500);
    assert.ok(x.sctpReassembler.size <= 128);
    assert.ok(x.sctpReassembler.stats.oversized > 100);
  });

  it("agrees with tshark's SCTP reassembly on multi-chunk and fragmented DATA / I-DATA", {
    skip: !haveTshark,
  }, async () => {
    const next = prng(23);
    const w = new PcapWriter();
    const x = new PayloadExtractor();
    const ours: string[][] = [];
    let frame = 0;
    const put = (chunks: (SctpDataChunkSpec | SctpRawChunkSpec)[]) => {
      const bytes = Uint8Array.from(builder.sctp(spec(chunks)));
      frame++;
      w.writePacket(frame, 0, bytes);
      for (const r of x.extract(packet(bytes, frame, frame))) {
        ours.push([String(frame), toHex(r.bytes, r.start, r.end)]);
      }
    };
    const d = (n: number) => randomBytes(next, n);
    put([
      { tsn: 1, ppid: 1000, data: d(10) },
      { tsn: 2, stream: 1, ppid: 1000, data: d(7) },
      { tsn: 3, stream: 2, ppid: 1000, data: d(1) },
    ]);
    put([{ tsn: 10, ppid: 1000, data: d(100), ending: false }]);
    put([{ tsn: 12, ppid: 1000, data: d(50), beginning: false }]);
    put([
      { tsn: 11, ppid: 1000, data: d(100), beginning: false, ending: false },
      { tsn: 13, ppid: 1000, data: d(3) },
    ]);
    put([
      { tsn: 20, stream: 3, ppid: 1000, data: d(30), ending: false, iData: { mid: 7, fsn: 0 } },
      { tsn: 21, stream: 3, ppid: 1000, data: d(5), iData: { mid: 8, fsn: 0 } },
    ]);
    put([{ tsn: 22, stream: 3, ppid: 1000, data: d(30), beginning: false, iData: { mid: 7, fsn: 1 } }]);
    const rows = await tsharkFields(
      writeTemp("sctp.pcap", w.take()),
      ["frame.number", "data.data"],
      ["-o", "sctp.reassembly:TRUE"],
    );
    const theirs = rows.filter((r) => r[1]).flatMap(([n, data]) => data!.split(",").map((h) => [n!, h]));
    assert.deepEqual(theirs, ours);
  });
});
