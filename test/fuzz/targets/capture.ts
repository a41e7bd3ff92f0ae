import {
  type CapturedPacket,
  CaptureReader,
  fragmentIp,
  IpProtocol,
  LinkType,
  PacketBuilder,
  PayloadExtractor,
  PcapngBlockType,
  PcapWriter,
  SctpChunkType,
  TcpFlag,
} from "../../../src/codec/capture/index.js";
import { DecodeError } from "../../../src/codec/errors.js";
import type { FuzzTarget } from "../target.js";

const LINK_TYPES = [
  LinkType.ethernet,
  LinkType.raw,
  LinkType.linuxSll,
  LinkType.linuxSll2,
  LinkType.null,
  LinkType.loop,
  LinkType.ipv4,
  LinkType.ipv6,
] as const;

function bytesOf(n: number, v: number): Uint8Array {
  return new Uint8Array(n).fill(v);
}

/** Frames covering every decoder path: link layers, VLANs, IPv4 options, IPv6 extensions, SCTP, TCP. */
export function seedFrames(): { linkType: number; frame: Uint8Array }[] {
  const b = new PacketBuilder();
  const v4 = { srcIp: "10.0.0.1", dstIp: "10.0.0.2" };
  const v6 = { srcIp: "2001:db8::1", dstIp: "2001:db8::2" };
  const out: { linkType: number; frame: Uint8Array }[] = [];
  const add = (linkType: number, frame: Uint8Array) => out.push({ linkType, frame: Uint8Array.from(frame) });
  add(
    LinkType.ethernet,
    b.sctp({
      ...v4,
      vlans: [10, 20],
      qinq: true,
      srcPort: 2905,
      dstPort: 2905,
      verificationTag: 5,
      chunks: [
        { type: SctpChunkType.sack, value: new Uint8Array(12) },
        { tsn: 1, ppid: 3, data: bytesOf(9, 1) },
        { tsn: 2, stream: 1, ppid: 3, data: bytesOf(3, 2), ending: false },
        { tsn: 3, stream: 1, ppid: 3, data: bytesOf(3, 3), beginning: false },
      ],
    }),
  );
  add(
    LinkType.linuxSll2,
    b.sctp({
      ...v6,
      linkType: LinkType.linuxSll2,
      ipv6Extensions: [IpProtocol.hopByHop, IpProtocol.ipv6Routing, IpProtocol.ipv6DestinationOptions],
      srcPort: 3565,
      dstPort: 3565,
      chunks: [{ tsn: 7, ppid: 5, data: bytesOf(5, 4), iData: { mid: 1, fsn: 0 } }],
    }),
  );
  add(
    LinkType.ethernet,
    b.tcp({
      ...v4,
      ipv4Options: Uint8Array.of(1, 1, 1, 0),
      srcPort: 40000,
      dstPort: 2905,
      seq: 1,
      flags: TcpFlag.syn,
    }),
  );
  add(
    LinkType.raw,
    b.tcp({
      ...v4,
      linkType: LinkType.raw,
      srcPort: 40000,
      dstPort: 2905,
      seq: 2,
      options: Uint8Array.of(1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0),
      data: bytesOf(16, 7),
    }),
  );
  for (const l of [LinkType.linuxSll, LinkType.null, LinkType.loop, LinkType.ipv6]) {
    add(
      l,
      b.sctp({
        ...v6,
        linkType: l,
        srcPort: 1,
        dstPort: 2,
        chunks: [{ tsn: 1, ppid: 0, data: bytesOf(4, 9) }],
      }),
    );
  }
  const big4 = Uint8Array.from(
    b.sctp({
      ...v4,
      ipId: 99,
      srcPort: 2905,
      dstPort: 2905,
      chunks: [{ tsn: 9, ppid: 3, data: bytesOf(100, 5) }],
    }),
  );
  for (const f of fragmentIp(big4, { maxFragmentData: 48 })) add(LinkType.ethernet, f);
  const big6 = Uint8Array.from(
    b.sctp({
      ...v6,
      ipv6Extensions: [IpProtocol.hopByHop, IpProtocol.ipv6DestinationOptions],
      srcPort: 2905,
      dstPort: 2905,
      chunks: [{ tsn: 9, ppid: 3, data: bytesOf(100, 6) }],
    }),
  );
  for (const f of fragmentIp(big6, { maxFragmentData: 48, identification: 7 }).reverse())
    add(LinkType.ethernet, f);
  add(LinkType.ethernet, b.tcp({ ...v4, srcPort: 40000, dstPort: 2905, seq: 30, data: bytesOf(8, 8) }));
  add(LinkType.ethernet, b.tcp({ ...v4, srcPort: 40000, dstPort: 2905, seq: 18, data: bytesOf(12, 8) }));
  return out;
}

/** Small captures in every container variant, each holding all the seed frames. */
export function seedCaptures(): Uint8Array[] {
  const frames = seedFrames();
  const out: Uint8Array[] = [];
  for (const [format, nanoseconds, bigEndian] of [
    ["pcap", false, false],
    ["pcap", true, true],
  ] as const) {
    // pcap has one link type per file: keep the Ethernet frames.
    const w = new PcapWriter({ format, nanoseconds, bigEndian });
    frames.forEach((f, i) => {
      if (f.linkType === LinkType.ethernet) w.writePacket(1000 + i, i * 1000, f.frame);
    });
    out.push(w.take());
  }
  for (const bigEndian of [false, true]) {
    const w = new PcapWriter({ format: "pcapng", bigEndian, nanoseconds: bigEndian });
    const ids = new Map<number, number>([[LinkType.ethernet, 0]]);
    for (const l of LINK_TYPES) {
      if (!ids.has(l))
        ids.set(l, w.addInterface({ linkType: l, timestampResolution: l === LinkType.raw ? 0x8a : 6 }));
    }
    w.writeBlock(PcapngBlockType.nameResolution, new Uint8Array(4));
    frames.forEach((f, i) => {
      w.writePacket(2000 + i, i, f.frame, 0, f.frame.length, f.frame.length, ids.get(f.linkType)!);
    });
    w.writeSimplePacket(frames[0]!.frame);
    w.writeBlock(PcapngBlockType.interfaceStatistics, new Uint8Array(12));
    w.addSection();
    w.addInterface({ linkType: LinkType.ethernet });
    w.writePacket(3000, 0, frames[0]!.frame);
    out.push(w.take());
  }
  return out;
}

/**
 * Reads a whole capture and extracts every payload, as the CLI does: per-packet DecodeErrors are noted
 * and skipped (the first is thrown once the file is done), a framing DecodeError ends the file at once.
 * Returns the number of payloads. With `chunkSize` the file is pushed in chunks of that size.
 */
export function decodeCapture(bytes: Uint8Array, chunkSize = 0): number {
  const reader = new CaptureReader({ maxRecordBytes: 65536 });
  const extractor = new PayloadExtractor({
    verifySctpChecksum: bytes.length % 2 === 0,
    ipReassembly: { maxDatagrams: 8, maxBytes: 65535 },
    sctpReassembly: { maxFragments: 16 },
    tcpReassembly: { maxFlows: 8, maxBufferedBytesPerFlow: 4096 },
  });
  let payloads = 0;
  let firstError: DecodeError | undefined;
  const drain = () => {
    for (;;) {
      let p: CapturedPacket | undefined;
      try {
        p = reader.next();
      } catch (e) {
        if (!(e instanceof DecodeError) || reader.failure) throw e;
        firstError ??= e;
        continue;
      }
      if (!p) return;
      try {
        payloads += extractor.extract(p).length;
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        firstError ??= e;
      }
    }
  };
  const step = chunkSize > 0 ? chunkSize : bytes.length;
  for (let at = 0; at < bytes.length; at += step) {
    reader.push(bytes.subarray(at, Math.min(bytes.length, at + step)));
    drain();
  }
  reader.end();
  if (firstError) throw firstError;
  return payloads;
}

/** Extracts the payloads of one frame; the first byte of the input picks the link type. */
export function decodeFrame(input: Uint8Array): number {
  if (input.length === 0) throw new DecodeError("link", 0, "empty input");
  const bytes = input.subarray(1);
  const packet: CapturedPacket = {
    frameNumber: 1,
    seconds: 0,
    nanoseconds: 0,
    linkType: LINK_TYPES[input[0]! % LINK_TYPES.length]!,
    interfaceId: 0,
    capturedLength: bytes.length,
    originalLength: bytes.length,
    bytes: input,
    start: 1,
    end: input.length,
  };
  return new PayloadExtractor({ verifySctpChecksum: input.length % 2 === 0 }).extract(packet).length;
}

/** Frame seeds in the decodeFrame input form (link type selector byte + frame). */
export function frameSeeds(): Uint8Array[] {
  return seedFrames().map(({ linkType, frame }) => {
    const out = new Uint8Array(frame.length + 1);
    out[0] = LINK_TYPES.indexOf(linkType as (typeof LINK_TYPES)[number]);
    out.set(frame, 1);
    return out;
  });
}

export const targets: FuzzTarget[] = [
  { name: "capture-file", seeds: seedCaptures(), decode: (bytes) => decodeCapture(bytes) },
  {
    name: "capture-stream",
    seeds: seedCaptures(),
    decode: (bytes) => decodeCapture(bytes, 1 + (bytes.length % 97)),
  },
  { name: "capture-frame", seeds: frameSeeds(), decode: decodeFrame },
];
