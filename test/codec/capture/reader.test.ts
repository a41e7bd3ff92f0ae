import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import {
  type CapturedPacket,
  CaptureReader,
  LinkType,
  PacketBuilder,
  PcapngBlockType,
  PcapWriter,
  type PcapWriterOptions,
  readCapture,
} from "../../../src/codec/capture/index.js";
import { DecodeError } from "../../../src/codec/errors.js";
import {
  BodyWriter,
  concat,
  editcap,
  epochText,
  haveTshark,
  prng,
  randomBytes,
  readTemp,
  tsharkFields,
  writeTemp,
} from "./helpers.js";

interface Sample {
  seconds: number;
  nanoseconds: number;
  data: Uint8Array;
  originalLength: number;
}

/** Plain copies of what the reader returned, so they outlive the reader's buffer. */
function summarize(p: CapturedPacket): Record<string, unknown> {
  return {
    frame: p.frameNumber,
    seconds: p.seconds,
    ns: p.nanoseconds,
    link: p.linkType,
    iface: p.interfaceId,
    caplen: p.capturedLength,
    len: p.originalLength,
    data: toHex(p.bytes, p.start, p.end),
  };
}

function readAll(bytes: Uint8Array): Record<string, unknown>[] {
  return [...readCapture(bytes)].map(summarize);
}

function writeSamples(options: PcapWriterOptions, samples: readonly Sample[]): Uint8Array {
  const w = new PcapWriter({ chunkSize: 4096, ...options });
  for (const s of samples)
    w.writePacket(s.seconds, s.nanoseconds, s.data, 0, s.data.length, s.originalLength);
  return w.take();
}

const VARIANTS: readonly (PcapWriterOptions & { name: string })[] = [
  { name: "pcap µs little-endian", format: "pcap" },
  { name: "pcap µs big-endian", format: "pcap", bigEndian: true },
  { name: "pcap ns little-endian", format: "pcap", nanoseconds: true },
  { name: "pcap ns big-endian", format: "pcap", nanoseconds: true, bigEndian: true },
  { name: "pcapng µs little-endian", format: "pcapng" },
  { name: "pcapng ns big-endian", format: "pcapng", nanoseconds: true, bigEndian: true },
  { name: "pcapng ns little-endian", format: "pcapng", nanoseconds: true },
  { name: "pcapng µs big-endian", format: "pcapng", bigEndian: true },
];

const sampleArb = fc.record({
  seconds: fc.integer({ min: 0, max: 0xffffffff }),
  nanoseconds: fc.integer({ min: 0, max: 999_999_999 }),
  data: fc.uint8Array({ minLength: 0, maxLength: 200 }),
  extra: fc.integer({ min: 0, max: 1500 }),
});

describe("pcap file format (draft-ietf-opsawg-pcap)", () => {
  it("reads a hand-made little-endian microsecond file", () => {
    // §4 file header: magic d4c3b2a1 (LE), v2.4, SnapLen 65535, LinkType 1; §5 record: 1694498816 s,
    // 123456 µs, 4 of 60 bytes captured.
    const file = fromHex(`
      d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000
      00000065 40e20100 04000000 3c000000 deadbeef`);
    assert.deepEqual(readAll(file), [
      {
        frame: 1,
        seconds: 0x65000000,
        ns: 123456000,
        link: 1,
        iface: 0,
        caplen: 4,
        len: 60,
        data: "deadbeef",
      },
    ]);
  });

  it("reads a hand-made big-endian nanosecond raw-IP file", () => {
    // Magic a1b23c4d in network order → big-endian, nanoseconds; LinkType 101 (raw IP).
    const file = fromHex(`
      a1b23c4d 0002 0004 00000000 00000000 00040000 00000065
      00000001 3b9ac9ff 00000002 00000002 4500
      00000002 00000000 00000000 00000000`);
    const packets = readAll(file);
    assert.equal(packets.length, 2);
    assert.deepEqual(packets[0], {
      frame: 1,
      seconds: 1,
      ns: 999_999_999,
      link: 101,
      iface: 0,
      caplen: 2,
      len: 2,
      data: "4500",
    });
    assert.deepEqual(packets[1], {
      frame: 2,
      seconds: 2,
      ns: 0,
      link: 101,
      iface: 0,
      caplen: 0,
      len: 0,
      data: "",
    });
  });

  it("masks the FCS bits out of the LinkType field", () => {
    // §4: bits 28-31 FCS length and bit 26 F; the link type is the low 16 bits.
    const file = fromHex("d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000014");
    const r = new CaptureReader();
    r.push(file);
    assert.equal(r.next(), undefined);
    assert.equal(r.pcapLinkType, 1);
    r.end();
  });

  it("rejects an unknown magic number and stays failed", () => {
    const r = new CaptureReader();
    r.push(fromHex("00112233 44556677"));
    assert.throws(
      () => r.next(),
      (e: unknown) => e instanceof DecodeError && e.layer === "pcap" && e.offset === 0,
    );
    assert.throws(() => r.next(), DecodeError);
    assert.throws(() => r.end(), DecodeError);
  });

  it("rejects a record length above the cap without buffering it", () => {
    const header = fromHex("d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000");
    const r = new CaptureReader({ maxRecordBytes: 1000 });
    r.push(concat([header, fromHex("00000000 00000000 ffffffff ffffffff")]));
    assert.throws(
      () => r.next(),
      (e: unknown) => e instanceof DecodeError && e.layer === "pcap" && e.offset === 24 + 8,
    );
  });

  it("reports a truncated tail at end()", () => {
    const file = writeSamples({ format: "pcap" }, [
      { seconds: 1, nanoseconds: 0, data: new Uint8Array(40), originalLength: 40 },
      { seconds: 2, nanoseconds: 0, data: new Uint8Array(40), originalLength: 40 },
    ]);
    const r = new CaptureReader();
    r.push(file.subarray(0, file.length - 5));
    assert.equal(r.next()?.frameNumber, 1);
    assert.equal(r.next(), undefined);
    assert.equal(r.pending, 16 + 35);
    assert.throws(
      () => r.end(),
      (e: unknown) =>
        e instanceof DecodeError && e.offset === 24 + 16 + 40 && /middle of a record/.test(e.message),
    );
  });

  it("reports an empty file and a truncated file header", () => {
    assert.throws(() => new CaptureReader().end(), /empty capture/);
    const r = new CaptureReader();
    r.push(fromHex("d4c3b2a1 0200"));
    assert.equal(r.next(), undefined);
    assert.throws(() => r.end(), /truncated file header/);
  });
});

describe("pcapng file format (draft-ietf-opsawg-pcapng)", () => {
  it("reads a hand-made little-endian SHB, IDB and EPB", () => {
    // §4.1 SHB v1.0 with unknown section length; §4.2 IDB LinkType 1 SnapLen 262144; §4.3 EPB on
    // interface 0 at 1700000000.123456 s (µs units: 0x00060a24 18202240).
    const file = fromHex(`
      0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffff ffffffff 1c000000
      01000000 14000000 0100 0000 00000400 14000000
      06000000 24000000 00000000 240a0600 40222018 04000000 04000000 deadbeef 24000000`);
    assert.deepEqual(readAll(file), [
      {
        frame: 1,
        seconds: 1700000000,
        ns: 123456000,
        link: 1,
        iface: 0,
        caplen: 4,
        len: 4,
        data: "deadbeef",
      },
    ]);
  });

  it("reads a hand-made big-endian section with if_tsresol 2^-10 and a padded EPB", () => {
    // if_tsresol 0x8a → 1/1024 s; timestamp 1024·5 + 512 units = 5.5 s; 3 bytes captured, 1 pad.
    const file = fromHex(`
      0a0d0d0a 0000001c 1a2b3c4d 0001 0000 ffffffff ffffffff 0000001c
      00000001 00000020 0065 0000 00000000 0009 0001 8a000000 0000 0000 00000020
      00000006 00000024 00000000 00000000 00001600 00000003 00000005 450000 00 00000024`);
    assert.deepEqual(readAll(file), [
      { frame: 1, seconds: 5, ns: 500_000_000, link: 101, iface: 0, caplen: 3, len: 5, data: "450000" },
    ]);
  });

  it("skips NRB, ISB, custom and unknown blocks, and reads SPB and the obsolete Packet Block", () => {
    for (const bigEndian of [false, true]) {
      const w = new PcapWriter({ format: "pcapng", bigEndian, snapLength: 7 });
      const le = w.littleEndian;
      const frame = Uint8Array.of(1, 2, 3, 4, 5, 6, 7);
      // §4.5 NRB: one IPv4 record then nrb_record_end.
      w.writeBlock(
        PcapngBlockType.nameResolution,
        new BodyWriter(le)
          .u16(1)
          .u16(8)
          .bytes(Uint8Array.of(10, 0, 0, 1, 0x61, 0x62, 0x63, 0))
          .u16(0)
          .u16(0)
          .finish(),
      );
      w.writePacket(10, 1000, frame);
      // §4.6 ISB for interface 0, no options.
      w.writeBlock(PcapngBlockType.interfaceStatistics, new BodyWriter(le).u32(0).u32(0).u32(0).finish());
      // §4.7 custom block with a PEN and opaque data, and a block type nobody defined.
      w.writeBlock(PcapngBlockType.customCopiable, new BodyWriter(le).u32(32473).u32(0xdeadbeef).finish());
      w.writeBlock(0x12345678, new Uint8Array(8));
      w.writeSimplePacket(frame, 0, 7, 9);
      // Appendix A obsolete PB: interface id(2), drops(2), ts hi, ts lo, caplen, len, data, padding.
      w.writeBlock(
        PcapngBlockType.packet,
        new BodyWriter(le).u16(0).u16(0).u32(0).u32(3_000_001).u32(7).u32(7).bytes(frame).pad().finish(),
      );
      const got = readAll(w.take());
      assert.deepEqual(
        got.map((p) => [p.frame, p.seconds, p.ns, p.caplen, p.len, p.data]),
        [
          [1, 10, 1000, 7, 7, "01020304050607"],
          // Frame 2 is the custom block, which tshark numbers as a frame.
          [3, 0, 0, 7, 9, "01020304050607"],
          [4, 3, 1000, 7, 7, "01020304050607"],
        ],
      );
    }
  });

  it("follows several sections of different byte order, each with its own interfaces", () => {
    const w = new PcapWriter({ format: "pcapng", linkType: LinkType.raw });
    const eth = w.addInterface({ linkType: LinkType.ethernet, timestampResolution: 9 });
    w.writePacket(1, 2, Uint8Array.of(0x45), 0, 1, 1, 0);
    w.writePacket(3, 4, Uint8Array.of(0x46), 0, 1, 1, eth);
    const first = w.take();
    const w2 = new PcapWriter({ format: "pcapng", bigEndian: true, linkType: LinkType.linuxSll2 });
    w2.writePacket(5, 6000, Uint8Array.of(0x47));
    const r = new CaptureReader();
    r.push(concat([first, w2.take()]));
    const got: Record<string, unknown>[] = [];
    for (let p = r.next(); p; p = r.next()) got.push(summarize(p));
    r.end();
    assert.equal(r.sections, 2);
    assert.deepEqual(
      got.map((p) => [p.frame, p.link, p.iface, p.seconds, p.ns]),
      [
        [1, 101, 0, 1, 0],
        [2, 1, 1, 3, 4],
        [3, 276, 0, 5, 6000],
      ],
    );
  });

  it("converts 64-bit timestamps exactly for decimal and binary resolutions", () => {
    const cases: [number, number, number][] = [
      // [if_tsresol, seconds, ns] — ns representable at that resolution.
      [9, 4_000_000_000, 999_999_999],
      [6, 4_102_444_800, 999_999_000],
      [3, 1_700_000_000, 5_000_000],
      [0, 1_700_000_000, 0],
      [0x80 | 30, 1_700_000_000, 500_000_000],
      [0x80 | 20, 2_000_000_000, 250_000_000],
      [0x80 | 1, 7, 500_000_000],
    ];
    for (const [res, seconds, ns] of cases) {
      const w = new PcapWriter({ format: "pcapng", bigEndian: res % 2 === 1 });
      const i = w.addInterface({ linkType: 1, timestampResolution: res });
      w.writePacket(seconds, ns, new Uint8Array(1), 0, 1, 1, i);
      const [p] = readAll(w.take());
      assert.deepEqual([p!.seconds, p!.ns], [seconds, ns], `if_tsresol ${res}`);
    }
  });

  it("applies if_tsoffset and handles resolutions finer than 2^-32 with BigInt", () => {
    // if_tsresol 12 (ps) is outside the writer; hand-made LE block: ts = 1.5 s in ps, offset 100 s.
    const le = true;
    const idbBody = new BodyWriter(le)
      .u16(1)
      .u16(0)
      .u32(0)
      .u16(9)
      .u16(1)
      .u8(12)
      .pad()
      .u16(14)
      .u16(8)
      .u32(100)
      .u32(0)
      .u16(0)
      .u16(0)
      .finish();
    const ps = 1_500_000_000_000n;
    const epbBody = new BodyWriter(le)
      .u32(0)
      .u32(Number(ps >> 32n))
      .u32(Number(ps & 0xffffffffn))
      .u32(1)
      .u32(1)
      .bytes(Uint8Array.of(9))
      .pad()
      .finish();
    const w = new PcapWriter({ format: "pcapng" });
    w.addSection();
    w.writeBlock(PcapngBlockType.interfaceDescription, idbBody);
    w.writeBlock(PcapngBlockType.enhancedPacket, epbBody);
    const got = readAll(w.take());
    assert.deepEqual(
      got.map((p) => [p.seconds, p.ns]),
      [[101, 500_000_000]],
    );
  });

  it("recovers after a packet block naming an unknown interface", () => {
    const w = new PcapWriter({ format: "pcapng" });
    w.writeBlock(
      PcapngBlockType.enhancedPacket,
      new BodyWriter(true).u32(7).u32(0).u32(0).u32(1).u32(1).u8(1).pad().finish(),
    );
    w.writePacket(1, 0, Uint8Array.of(2));
    const r = new CaptureReader();
    r.push(w.take());
    assert.throws(
      () => r.next(),
      (e: unknown) =>
        e instanceof DecodeError && e.layer === "pcapng" && /undefined interface 7/.test(e.message),
    );
    const p = r.next();
    assert.equal(p?.frameNumber, 2);
    assert.equal(p?.bytes[p.start], 2);
    r.end();
  });

  it("fails for a trailer length that differs, a length not a multiple of 4, and a bad byte-order magic", () => {
    const good = new PcapWriter({ format: "pcapng" }).take();
    const badTrailer = Uint8Array.from(good);
    badTrailer[good.length - 4] ^= 4;
    const bad4 = Uint8Array.from(good);
    bad4[4] = bad4[4]! + 1;
    for (const bytes of [badTrailer, bad4]) {
      const r = new CaptureReader();
      r.push(bytes);
      assert.throws(
        () => r.next(),
        (e: unknown) => e instanceof DecodeError && e.layer === "pcapng",
      );
      assert.throws(() => r.next(), DecodeError);
    }
    const noByteOrder = Uint8Array.from(good);
    noByteOrder[8] = 0;
    assert.throws(() => readAll(noByteOrder), /byte-order magic/);
  });
});

describe("writer → reader round trip", () => {
  for (const v of VARIANTS) {
    it(`round-trips random packets through ${v.name}`, () => {
      fc.assert(
        fc.property(fc.array(sampleArb, { maxLength: 12 }), (arr) => {
          const samples = arr.map((s) => ({
            seconds: s.seconds,
            nanoseconds: s.nanoseconds,
            data: s.data,
            originalLength: s.data.length + s.extra,
          }));
          const got = readAll(writeSamples(v, samples));
          assert.equal(got.length, samples.length);
          got.forEach((p, i) => {
            const s = samples[i]!;
            const ns = v.nanoseconds ? s.nanoseconds : Math.floor(s.nanoseconds / 1000) * 1000;
            assert.deepEqual(
              [p.frame, p.seconds, p.ns, p.caplen, p.len, p.data],
              [i + 1, s.seconds, ns, s.data.length, s.originalLength, toHex(s.data)],
            );
          });
        }),
        { numRuns: 40 },
      );
    });
  }

  it("gives the same packets whatever the chunking of the stream", () => {
    const next = prng(7);
    const samples: Sample[] = [];
    for (let i = 0; i < 40; i++) {
      const data = randomBytes(next, next() % 300);
      samples.push({
        seconds: 1000 + i,
        nanoseconds: (next() % 1e6) * 1000,
        data,
        originalLength: data.length,
      });
    }
    for (const v of VARIANTS) {
      const file = writeSamples(v, samples);
      const expected = readAll(file);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 50 }), (sizes) => {
          const r = new CaptureReader();
          const got: Record<string, unknown>[] = [];
          let at = 0;
          let k = 0;
          while (at < file.length) {
            const n = sizes[k++ % sizes.length]!;
            r.push(file.subarray(at, Math.min(file.length, at + n)));
            at += n;
            for (let p = r.next(); p; p = r.next()) got.push(summarize(p));
          }
          r.end();
          assert.deepEqual(got, expected);
        }),
        { numRuns: 15 },
      );
    }
  });

  it("keeps only the unconsumed tail between pushes", () => {
    const big = new Uint8Array(100_000);
    const file = writeSamples({ format: "pcap" }, [
      { seconds: 1, nanoseconds: 0, data: big, originalLength: big.length },
      { seconds: 2, nanoseconds: 0, data: big, originalLength: big.length },
    ]);
    const r = new CaptureReader();
    for (let at = 0; at < file.length; at += 1000) {
      r.push(file.subarray(at, at + 1000));
      while (r.next());
      assert.ok(r.pending < 100_016 + 1000);
    }
    r.end();
    assert.equal(r.frames, 2);
  });
});

describe("cross-check against tshark and editcap", { skip: !haveTshark && "tshark not installed" }, () => {
  const builder = new PacketBuilder();
  const next = prng(99);
  const samples: Sample[] = [];
  for (let i = 0; i < 30; i++) {
    const frame = builder.sctp({
      srcIp: "192.0.2.1",
      dstIp: "192.0.2.2",
      srcPort: 2905,
      dstPort: 2905,
      verificationTag: 77,
      chunks: [{ tsn: i, ppid: i % 2 ? 3 : 5, data: randomBytes(next, 1 + (next() % 60)) }],
    });
    samples.push({
      seconds: 1_600_000_000 + (next() % 100_000_000),
      nanoseconds: next() % 1_000_000_000,
      data: Uint8Array.from(frame),
      originalLength: frame.length,
    });
  }

  it("agrees with tshark on frame number, time, lengths and PPID for both formats, byte orders and resolutions", async () => {
    // Both formats, both byte orders and both resolutions; the other combinations round-trip above.
    await Promise.all(
      [VARIANTS[0]!, VARIANTS[3]!, VARIANTS[5]!, VARIANTS[7]!].map(async (v, k) => {
        const file = writeSamples(v, samples);
        const path = writeTemp(`variant-${k}.${v.format}`, file);
        const rows = await tsharkFields(path, [
          "frame.number",
          "frame.time_epoch",
          "frame.cap_len",
          "frame.len",
          "sctp.data_payload_proto_id",
        ]);
        const ours = [...readCapture(file)].map((p) => [
          String(p.frameNumber),
          epochText(p.seconds, p.nanoseconds),
          String(p.capturedLength),
          String(p.originalLength),
          String(samples[p.frameNumber - 1]!.data[14 + 20 + 12 + 12 + 3]),
        ]);
        assert.deepEqual(rows, ours, v.name);
      }),
    );
  });

  it("reads what editcap and mergecap convert our pcap into (pcapng, nanosecond pcap, multi-interface)", async () => {
    const src = writeTemp("editcap-src.pcap", writeSamples({ format: "pcap", nanoseconds: true }, samples));
    const raw = new PcapWriter({ format: "pcap", linkType: LinkType.raw });
    for (const s of samples.slice(0, 5)) raw.writePacket(s.seconds + 1, 0, s.data, 14);
    const rawPath = writeTemp("editcap-raw.pcap", raw.take());
    const outputs = {
      pcapng: `${src}.pcapng`,
      nsecpcap: `${src}.nsec.pcap`,
      usecpcap: `${src}.usec.pcap`,
      merged: `${src}.merged.pcapng`,
    };
    await Promise.all([
      editcap(["-F", "pcapng", src, outputs.pcapng]),
      editcap(["-F", "nsecpcap", src, outputs.nsecpcap]),
      editcap(["-F", "pcap", src, outputs.usecpcap]),
      import("node:child_process").then(
        (cp) =>
          new Promise<void>((resolve, reject) =>
            cp.execFile("mergecap", ["-a", "-F", "pcapng", "-w", outputs.merged, src, rawPath], (e) =>
              e ? reject(e) : resolve(),
            ),
          ),
      ),
    ]);
    const base = [...readCapture(readTemp(src))].map(summarize);
    for (const [name, path] of Object.entries(outputs)) {
      const bytes = readTemp(path);
      const got = [...readCapture(bytes)].map(summarize);
      if (name === "merged") {
        assert.equal(got.length, samples.length + 5);
        assert.deepEqual(
          got.slice(0, samples.length).map((p) => [p.ns, p.data]),
          base.map((p) => [p.ns, p.data]),
        );
        assert.deepEqual(
          got.slice(samples.length).map((p) => [p.link, p.iface]),
          new Array(5).fill([LinkType.raw, 1]),
        );
        continue;
      }
      const expected =
        name === "usecpcap"
          ? base.map((p) => ({ ...p, ns: Math.floor((p.ns as number) / 1000) * 1000 }))
          : base;
      assert.deepEqual(got, expected, name);
    }
  });

  it("agrees with tshark on a pcapng with sections, interfaces, resolutions, SPB and skipped blocks", async () => {
    const w = new PcapWriter({ format: "pcapng", bigEndian: true });
    const frame = samples[0]!.data;
    w.writePacket(1_700_000_000, 123_456_789, frame);
    const bin = w.addInterface({ linkType: 1, timestampResolution: 0x80 | 20 });
    w.writePacket(1_700_000_000, 999_999_000, frame, 0, frame.length, frame.length, bin);
    const off = w.addInterface({ linkType: 1, timestampResolution: 3, timestampOffset: 1000, name: "eth9" });
    w.writePacket(1_700_000_000, 999_000_000, frame, 0, frame.length, frame.length, off);
    w.writeSimplePacket(frame);
    w.writeBlock(PcapngBlockType.interfaceStatistics, new BodyWriter(false).u32(0).u32(0).u32(0).finish());
    const fine = w.addInterface({ linkType: 1, timestampResolution: 0x80 | 30 });
    w.writePacket(1_700_000_000, 123_456_789, frame, 0, frame.length, frame.length, fine);
    const le = new PcapWriter({ format: "pcapng", nanoseconds: true });
    le.writePacket(1_700_000_002, 1, frame);
    le.writeBlock(0x0bad, new BodyWriter(true).u32(32473).finish());
    le.writePacket(1_700_000_003, 2, frame);
    const bytes = concat([w.take(), le.take()]);
    const path = writeTemp("mixed.pcapng", bytes);
    const rows = await tsharkFields(path, [
      "frame.number",
      "frame.time_epoch",
      "frame.interface_id",
      "frame.len",
    ]);
    const ours = [...readCapture(bytes)].map((p) => [
      String(p.frameNumber),
      // tshark prints no time for an SPB (it has none); we report 0.
      p.seconds === 0 && p.nanoseconds === 0 ? "" : epochText(p.seconds, p.nanoseconds),
      String(p.interfaceId),
      String(p.originalLength),
    ]);
    // tshark shows the custom block as frame 7 of its own; we skip it but number the next packet 8 alike.
    assert.deepEqual(rows[6], ["7", "", "", "0"]);
    assert.deepEqual([...rows.slice(0, 6), ...rows.slice(7)], ours);
  });
});
