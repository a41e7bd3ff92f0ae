import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import {
  type CapturedPacket,
  decodeIpv4,
  decodeIpv6,
  decodeLinkLayer,
  EtherType,
  formatIpv6,
  fragmentIp,
  IpFragmentReassembler,
  IpProtocol,
  LinkType,
  PacketBuilder,
  PayloadExtractor,
  type PayloadRecord,
  PcapWriter,
  parseIpAddress,
  type SctpPacketSpec,
} from "../../../src/codec/capture/index.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { haveTshark, prng, randomBytes, tsharkFields, writeTemp } from "./helpers.js";

const builder = new PacketBuilder();

function packet(
  bytes: Uint8Array,
  linkType: number = LinkType.ethernet,
  seconds = 0,
  frameNumber = 1,
): CapturedPacket {
  return {
    frameNumber,
    seconds,
    nanoseconds: 0,
    linkType,
    interfaceId: 0,
    capturedLength: bytes.length,
    originalLength: bytes.length,
    bytes,
    start: 0,
    end: bytes.length,
  };
}

function payloadHex(records: readonly PayloadRecord[]): string[] {
  return records.map((r) => toHex(r.bytes, r.start, r.end));
}

function sctpSpec(overrides: Partial<SctpPacketSpec>): SctpPacketSpec {
  return {
    srcIp: "192.0.2.1",
    dstIp: "192.0.2.2",
    srcPort: 5000,
    dstPort: 6000,
    verificationTag: 1,
    chunks: [{ tsn: 1, ppid: 1000, data: Uint8Array.of(1, 2, 3, 4, 5) }],
    ...overrides,
  };
}

describe("link layers", () => {
  it("walks 802.1Q and 802.1ad (QinQ) tags", () => {
    const frame = builder.sctp(sctpSpec({ vlans: [100, 200], qinq: true }));
    assert.equal(toHex(frame, 12, 22), "88a80064810000c80800");
    const link = decodeLinkLayer(LinkType.ethernet, frame);
    assert.deepEqual(
      [link.etherType, link.networkStart, link.vlanCount, link.outerVlan, link.innerVlan],
      [EtherType.ipv4, 22, 2, 100, 200],
    );
  });

  it("treats an 802.3 length field as a non-IP frame and an unknown link type as not decoded", () => {
    const llc = fromHex("ffffffffffff 020000000001 0026 424203000000");
    assert.equal(decodeLinkLayer(LinkType.ethernet, llc).etherType, 0);
    assert.equal(decodeLinkLayer(LinkType.mtp2, llc).etherType, -1);
    const x = new PayloadExtractor();
    assert.equal(x.extract(packet(llc)).length, 0);
    assert.equal(x.extract(packet(llc, LinkType.mtp2)).length, 0);
    assert.deepEqual([x.stats.notIp, x.stats.unsupportedLink], [1, 1]);
  });

  it("reads the BSD loopback family in either byte order", () => {
    // DLT_NULL: host order, so 02000000 (little-endian host) and 00000002 (big-endian host) are IPv4.
    assert.equal(decodeLinkLayer(LinkType.null, fromHex("02000000 45")).etherType, EtherType.ipv4);
    assert.equal(decodeLinkLayer(LinkType.null, fromHex("00000002 45")).etherType, EtherType.ipv4);
    assert.equal(decodeLinkLayer(LinkType.null, fromHex("1e000000 60")).etherType, EtherType.ipv6);
    assert.equal(decodeLinkLayer(LinkType.loop, fromHex("00000018 60")).etherType, EtherType.ipv6);
    assert.equal(decodeLinkLayer(LinkType.raw, fromHex("60")).etherType, EtherType.ipv6);
  });

  it("rejects truncated link headers and too many VLAN tags", () => {
    assert.throws(() => decodeLinkLayer(LinkType.ethernet, new Uint8Array(13)), DecodeError);
    assert.throws(() => decodeLinkLayer(LinkType.linuxSll, new Uint8Array(15)), DecodeError);
    assert.throws(() => decodeLinkLayer(LinkType.linuxSll2, new Uint8Array(19)), DecodeError);
    assert.throws(() => decodeLinkLayer(LinkType.null, new Uint8Array(3)), DecodeError);
    const tags = new Uint8Array(12 + 4 * 9 + 2);
    for (let i = 0; i < 10; i++) tags.set([0x81, 0x00], 12 + 4 * i);
    assert.throws(
      () => decodeLinkLayer(LinkType.ethernet, tags),
      (e: unknown) => e instanceof DecodeError && e.layer === "link" && /VLAN/.test(e.message),
    );
  });

  it("extracts the same payload over every supported link type, as tshark decodes it", async () => {
    const links = [
      LinkType.ethernet,
      LinkType.raw,
      LinkType.ipv4,
      LinkType.ipv6,
      LinkType.linuxSll,
      LinkType.linuxSll2,
      LinkType.null,
      LinkType.loop,
    ];
    const w = new PcapWriter({ format: "pcapng", linkType: LinkType.ethernet });
    const ids = new Map<number, number>([[LinkType.ethernet, 0]]);
    for (const l of links) if (!ids.has(l)) ids.set(l, w.addInterface({ linkType: l }));
    const expected: string[][] = [];
    const x = new PayloadExtractor();
    let frame = 0;
    for (const l of links) {
      for (const v6 of [false, true]) {
        if ((l === LinkType.ipv4 && v6) || (l === LinkType.ipv6 && !v6)) continue;
        const bytes = builder.sctp(
          sctpSpec({
            linkType: l,
            srcIp: v6 ? "2001:db8::a" : "198.51.100.7",
            dstIp: v6 ? "2001:db8::b" : "198.51.100.8",
            vlans: l === LinkType.ethernet && v6 ? [7] : undefined,
            chunks: [{ tsn: 40 + frame, stream: 3, ppid: 1000, data: Uint8Array.of(frame, 0xaa) }],
          }),
        );
        w.writePacket(1, 0, bytes, 0, bytes.length, bytes.length, ids.get(l)!);
        frame++;
        const [r] = x.extract(packet(Uint8Array.from(bytes), l, 1, frame));
        assert.ok(r, `link type ${l} v6=${v6}`);
        assert.deepEqual(
          [r.srcIp, r.srcPort, r.dstPort, r.stream, r.sequence, r.ppid, toHex(r.bytes, r.start, r.end)],
          [
            v6 ? "2001:db8::a" : "198.51.100.7",
            5000,
            6000,
            3,
            40 + frame - 1,
            1000,
            toHex(Uint8Array.of(frame - 1, 0xaa)),
          ],
        );
        expected.push([String(frame), r.srcIp, String(r.sequence), toHex(r.bytes, r.start, r.end)]);
      }
    }
    if (!haveTshark) return;
    const rows = await tsharkFields(writeTemp("links.pcapng", w.take()), [
      "frame.number",
      "ip.src",
      "ipv6.src",
      "sctp.data_tsn_raw",
      "data.data",
    ]);
    assert.deepEqual(
      rows.map(([n, v4, v6, tsn, data]) => [n!, v4 || v6!, tsn!, data!]),
      expected,
    );
  });
});

describe("IPv4 (RFC 791)", () => {
  it("skips options via the IHL and ignores Ethernet padding after Total Length", () => {
    // Record Route option (type 7, length 7, pointer 4) + End of Option List padding.
    const frame = builder.sctp(sctpSpec({ ipv4Options: Uint8Array.of(7, 7, 4, 0, 0, 0, 0) }));
    const padded = new Uint8Array(frame.length + 6);
    padded.set(frame);
    const ip = decodeIpv4(padded, 14);
    assert.deepEqual([ip.payloadStart, ip.payloadEnd, ip.protocol], [14 + 28, frame.length, IpProtocol.sctp]);
    assert.deepEqual(payloadHex(new PayloadExtractor().extract(packet(padded))), ["0102030405"]);
  });

  it("treats Total Length 0 as 'to the end of the capture' (segmentation offload)", () => {
    const frame = Uint8Array.from(builder.sctp(sctpSpec({})));
    frame[16] = 0;
    frame[17] = 0;
    assert.deepEqual(payloadHex(new PayloadExtractor().extract(packet(frame))), ["0102030405"]);
  });

  it("rejects bad versions, short IHLs, and a Total Length beyond the captured bytes", () => {
    const frame = Uint8Array.from(builder.sctp(sctpSpec({})));
    const cases: [number, number][] = [
      [14, 0x55],
      [14, 0x44],
      [16, 0xff],
    ];
    for (const [at, v] of cases) {
      const bad = Uint8Array.from(frame);
      bad[at] = v;
      assert.throws(
        () => new PayloadExtractor().extract(packet(bad)),
        (e: unknown) => e instanceof DecodeError && e.layer === "ip",
      );
    }
  });

  it("reads flags and fragment offset", () => {
    const h = decodeIpv4(
      fromHex("45000020 1234 2003 40 84 0000 0a000001 0a000002 0000000000000000 0000000000000000"),
    );
    assert.deepEqual(
      [h.identification, h.moreFragments, h.fragmentOffset, h.isFragment, h.protocol],
      [0x1234, true, 24, true, 132],
    );
  });
});

describe("IPv6 (RFC 8200)", () => {
  it("walks hop-by-hop, routing and destination options headers to SCTP", () => {
    const frame = builder.sctp(
      sctpSpec({ srcIp: "2001:db8::1", dstIp: "2001:db8::2", ipv6Extensions: [0, 43, 60] }),
    );
    const ip = decodeIpv6(frame, 14);
    assert.deepEqual([ip.protocol, ip.payloadStart], [IpProtocol.sctp, 14 + 40 + 24]);
    assert.deepEqual(payloadHex(new PayloadExtractor().extract(packet(frame))), ["0102030405"]);
  });

  it("skips an authentication header and treats an atomic fragment as unfragmented", () => {
    // RFC 4302 AH: Next Header 132, Payload Len 4 (→ 24 bytes), then RFC 6946 atomic fragment: offset 0, M 0.
    const sctp = builder.sctp(sctpSpec({ linkType: LinkType.raw, srcIp: "::1", dstIp: "::2" })).subarray(40);
    const ah = new Uint8Array(24);
    ah[0] = IpProtocol.ipv6Fragment;
    ah[1] = 4;
    const frag = fromHex("84 00 0000 0000abcd");
    const header = fromHex(
      `6000 0000 ${(24 + 8 + sctp.length).toString(16).padStart(4, "0")} 33 40 ${"00".repeat(15)}01 ${"00".repeat(15)}02`,
    );
    const bytes = Uint8Array.from([...header, ...ah, ...frag, ...sctp]);
    const ip = decodeIpv6(bytes);
    assert.deepEqual([ip.protocol, ip.isFragment, ip.payloadStart], [IpProtocol.sctp, false, 40 + 24 + 8]);
    assert.deepEqual(payloadHex(new PayloadExtractor().extract(packet(bytes, LinkType.raw))), ["0102030405"]);
  });

  it("rejects extension headers that run past the payload and too many of them", () => {
    const header = (nh: number, len: number) =>
      fromHex(
        `6000 0000 ${len.toString(16).padStart(4, "0")} ${nh.toString(16).padStart(2, "0")} 40 ${"00".repeat(32)}`,
      );
    assert.throws(() => decodeIpv6(Uint8Array.from([...header(0, 8), 60, 1, 0, 0, 0, 0, 0, 0])), DecodeError);
    const many = new Uint8Array(40 + 8 * 20);
    many.set(header(60, 8 * 20));
    for (let i = 0; i < 20; i++) many[40 + 8 * i] = 60;
    assert.throws(() => decodeIpv6(many), /too many IPv6 extension headers/);
  });

  it("formats addresses as RFC 5952 text, like the WHATWG URL serializer", () => {
    const cases: [string, string][] = [
      ["20010db8000000000000000000000001", "2001:db8::1"],
      ["00000000000000000000000000000000", "::"],
      ["00000000000000000000000000000001", "::1"],
      ["20010db8000000010001000100010001", "2001:db8:0:1:1:1:1:1"],
      ["20010000000000010000000000000001", "2001:0:0:1::1"],
      ["20010db8000000000001000000000001", "2001:db8::1:0:0:1"],
      ["00000000000000000000ffffc0000201", "::ffff:192.0.2.1"],
    ];
    for (const [hex, text] of cases) assert.equal(formatIpv6(fromHex(hex), 0), text);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.boolean(), (b, zeros) => {
        if (zeros) b.fill(0, 4, 4 + (b[0]! % 12));
        const text = formatIpv6(b, 0);
        // The URL serializer prints IPv4-mapped addresses in hex, RFC 5952 §5 as a dotted quad.
        if (!text.startsWith("::ffff:") || !text.includes(".")) {
          assert.equal(text, new URL(`http://[${text}]/`).hostname.slice(1, -1));
        }
        assert.deepEqual(parseIpAddress(text), b);
      }),
      { numRuns: 300 },
    );
  });
});

/** Reassembles `fragments` (each handed in as given) and returns what completed. */
function feed(r: IpFragmentReassembler, fragments: readonly [number, boolean, Uint8Array][], seconds = 0) {
  const done: Uint8Array[] = [];
  for (const [offset, more, data] of fragments) {
    const whole = r.add("k", offset, more, data, 0, data.length, seconds);
    if (whole) done.push(Uint8Array.from(whole));
  }
  return done;
}

function split(data: Uint8Array, size: number): [number, boolean, Uint8Array][] {
  const out: [number, boolean, Uint8Array][] = [];
  for (let o = 0; o < data.length; o += size) {
    out.push([o, o + size < data.length, data.subarray(o, Math.min(data.length, o + size))]);
  }
  return out;
}

describe("IP fragment reassembly", () => {
  const data = randomBytes(prng(5), 1000);

  it("reassembles fragments in any order, with duplicates and same-content overlaps", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).map((n) => n * 8),
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (size, order, dups) => {
          const frags = split(data, size);
          // A permutation from the random keys, then some fragments again, and one overlapping piece.
          const perm = frags.map((f, i) => [order[i % order.length]! + i / 1000, f] as const);
          perm.sort((a, b) => a[0] - b[0]);
          const seq = perm.map((p) => p[1]);
          const last = seq.pop()!;
          for (const d of dups) seq.push(seq[d % Math.max(1, seq.length)] ?? last);
          seq.push([8, true, data.subarray(8, 24)]);
          seq.push(last);
          const r = new IpFragmentReassembler();
          const done = feed(r, seq);
          assert.equal(done.length, 1);
          assert.deepEqual(done[0], data);
          assert.equal(r.size, 0);
          assert.equal(r.bufferedBytes, 0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("drops the datagram and throws DecodeError when overlapping fragments disagree", () => {
    const r = new IpFragmentReassembler();
    feed(r, [[0, true, data.subarray(0, 16)]]);
    const changed = Uint8Array.from(data.subarray(8, 24));
    changed[3] ^= 1;
    assert.throws(
      () => r.add("k", 8, true, changed, 0, changed.length, 0),
      (e: unknown) => e instanceof DecodeError && e.layer === "ip" && e.offset === 3,
    );
    assert.equal(r.size, 0);
    assert.equal(r.stats.conflicts, 1);
    // Two different "last" fragments, and data beyond the last one.
    feed(r, [[16, false, data.subarray(16, 24)]]);
    assert.throws(() => r.add("k", 24, false, data, 0, 8, 0), /disagree/);
    feed(r, [[16, false, data.subarray(16, 24)]]);
    assert.throws(() => r.add("k", 24, true, data, 0, 8, 0), /past the last fragment/);
  });

  it("rejects non-final fragments that are not a multiple of 8 and datagrams beyond 65535 bytes", () => {
    const r = new IpFragmentReassembler();
    assert.throws(() => r.add("k", 0, true, data, 0, 12, 0), /multiple of 8/);
    assert.throws(() => r.add("k", 65528, false, data, 0, 16, 0), /65535/);
  });

  it("caps the fragments of one datagram, so sparse 8-byte fragments stay cheap", () => {
    const r = new IpFragmentReassembler();
    const t0 = performance.now();
    assert.throws(
      () => {
        for (let i = 0; i < 4000; i++) r.add("k", (i * 16) % 65000, true, data, 0, 8, 0);
      },
      (e: unknown) => e instanceof DecodeError && /more than 256 fragments/.test(e.message),
    );
    assert.equal(r.size, 0);
    assert.ok(performance.now() - t0 < 200);
  });

  it("expires datagrams by packet time and bounds entries and bytes", () => {
    const r = new IpFragmentReassembler({ timeoutSeconds: 30, maxDatagrams: 3, maxBytes: 65535 });
    assert.equal(r.add("a", 0, true, data, 0, 8, 100), undefined);
    assert.equal(r.add("a", 8, false, data, 8, 16, 131), undefined);
    assert.equal(r.stats.expired, 1);
    for (const k of ["b", "c", "d"]) r.add(k, 0, true, data, 0, 8, 131);
    assert.equal(r.size, 3);
    assert.ok(r.stats.evicted >= 1);
    r.add("big", 60000, true, data, 0, 1000, 131);
    assert.ok(r.bufferedBytes <= 65535 + 2048);
  });

  it("reassembles fragmented IPv4 and IPv6 datagrams in the extractor as tshark does", async () => {
    const next = prng(11);
    const w = new PcapWriter({ format: "pcap" });
    const x = new PayloadExtractor();
    const ours: string[][] = [];
    let frame = 0;
    const emit = (bytes: Uint8Array) => {
      frame++;
      w.writePacket(10 + frame, 0, bytes);
      for (const r of x.extract(packet(bytes, LinkType.ethernet, 10 + frame, frame))) {
        ours.push([String(frame), String(r.ppid), String(r.sequence), toHex(r.bytes, r.start, r.end)]);
      }
    };
    // IPv4: two DATA chunks across three fragments, delivered in reverse order.
    const v4 = Uint8Array.from(
      builder.sctp(
        sctpSpec({
          ipId: 0x4242,
          chunks: [
            { tsn: 7, ppid: 1000, data: randomBytes(next, 40) },
            { tsn: 8, ppid: 1000, data: randomBytes(next, 1900) },
          ],
        }),
      ),
    );
    for (const f of fragmentIp(v4, { maxFragmentData: 800 }).reverse()) emit(f);
    // IPv6: hop-by-hop (unfragmentable) before and destination options (fragmentable) after the Fragment header.
    const v6 = Uint8Array.from(
      builder.sctp(
        sctpSpec({
          srcIp: "2001:db8::1",
          dstIp: "2001:db8::2",
          ipv6Extensions: [IpProtocol.hopByHop, IpProtocol.ipv6DestinationOptions],
          chunks: [{ tsn: 9, ppid: 1000, data: randomBytes(next, 2500) }],
        }),
      ),
    );
    const v6frags = fragmentIp(v6, { maxFragmentData: 1000, identification: 0xabcdef });
    assert.equal(v6frags.length, 3);
    emit(v6frags[1]!);
    emit(v6frags[0]!);
    emit(v6frags[2]!);
    // An unfragmented packet between reassemblies still comes through.
    emit(builder.sctp(sctpSpec({ chunks: [{ tsn: 10, ppid: 1000, data: Uint8Array.of(9) }] })));
    assert.deepEqual(
      ours.map((r) => [r[0], r[2]]),
      [
        ["3", "7"],
        ["3", "8"],
        ["6", "9"],
        ["7", "10"],
      ],
    );
    if (!haveTshark) return;
    const rows = await tsharkFields(writeTemp("frag.pcap", w.take()), [
      "frame.number",
      "sctp.data_payload_proto_id",
      "sctp.data_tsn_raw",
      "data.data",
    ]);
    const theirs: string[][] = [];
    for (const [n, ppids, tsns, datas] of rows) {
      if (!tsns) continue;
      const p = ppids!.split(",");
      const t = tsns.split(",");
      const d = datas!.split(",");
      for (let i = 0; i < t.length; i++) theirs.push([n!, p[i]!, t[i]!, d[i]!]);
    }
    assert.deepEqual(theirs, ours);
  });
});
