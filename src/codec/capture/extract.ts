import { DecodeError } from "../errors.js";
import { sctpChecksumValid } from "./checksum.js";
import { EtherType, IpProtocol, SctpDataFlag, SctpPpid, SigtranPort } from "./constants.js";
import {
  decodeIpv4,
  decodeIpv6,
  formatIpv6,
  IpFragmentReassembler,
  IpHeader,
  type IpReassemblyLimits,
  walkIpv6Extensions,
} from "./ip.js";
import { decodeLinkLayer, LinkLayerInfo } from "./link.js";
import { type CaptureReaderOptions, readCapture } from "./reader.js";
import { SctpChunkCursor, SctpMessageReassembler, type SctpReassemblyLimits } from "./sctp.js";
import {
  decodeTcpHeader,
  TcpHeader,
  type TcpReassemblyLimits,
  TcpStreamReassembler,
  type TcpStreamSink,
} from "./tcp.js";
import type { CapturedPacket, PayloadRecord } from "./types.js";

export interface PayloadExtractorOptions {
  readonly ipReassembly?: IpReassemblyLimits;
  readonly sctpReassembly?: SctpReassemblyLimits;
  /** TCP stream reassembly limits, or `false` to ignore TCP altogether. */
  readonly tcpReassembly?: TcpReassemblyLimits | false;
  /**
   * Check the SCTP CRC-32C and reject packets whose checksum is wrong (a receiver would drop them).
   * Off by default: captures taken on the sending host carry unfilled, offloaded checksums.
   */
  readonly verifySctpChecksum?: boolean;
}

export interface PayloadExtractorStats {
  packets: number;
  /** Frames of a link type this module does not decode (MTP2, …). */
  unsupportedLink: number;
  /** Frames whose network layer is not IPv4/IPv6 (ARP, LLC, …). */
  notIp: number;
  /** IP datagrams carrying neither SCTP nor TCP (or TCP when disabled). */
  otherTransport: number;
  /** IP fragments handed to the reassembler. */
  fragments: number;
  /** SCTP packets whose CRC-32C was wrong (only counted with verifySctpChecksum). */
  badSctpChecksum: number;
  payloads: number;
}

/** IPv6 Next Header values that may precede the upper layer inside a fragmentable part. */
function isIpv6Extension(nh: number): boolean {
  return (
    nh === IpProtocol.hopByHop ||
    nh === IpProtocol.ipv6Routing ||
    nh === IpProtocol.ipv6DestinationOptions ||
    nh === IpProtocol.authenticationHeader ||
    nh === 135 ||
    nh === 139 ||
    nh === 140
  );
}

const IPV4_CACHE_LIMIT = 65536;

/**
 * Stateful extractor of SIGTRAN candidate payloads from captured packets: link layer → IPv4/IPv6 (with
 * fragment reassembly) → every SCTP DATA / I-DATA chunk (with B/E message reassembly) or the in-order
 * TCP byte stream of each flow direction. Every payload is reported, whatever its PPID or port; use
 * `sigtranProtocol()` to pick M3UA / M2PA by PPID, or by well-known port when the PPID is 0.
 *
 * Reassembly is keyed as follows. IP fragments: (version, source, destination, identification and, for
 * IPv4, protocol). SCTP DATA fragments: (source port, destination port, verification tag) and TSN —
 * the verification tag names the association (RFC 9260 §8.5), and unlike the addresses it does not
 * change when a multi-homed peer retransmits a fragment over its alternate path; I-DATA adds stream,
 * U flag and MID. TCP: (source address, source port, destination address, destination port).
 * All state is bounded (see the *Limits options) and timed by packet timestamps only.
 */
export class PayloadExtractor implements TcpStreamSink {
  readonly stats: PayloadExtractorStats = {
    packets: 0,
    unsupportedLink: 0,
    notIp: 0,
    otherTransport: 0,
    fragments: 0,
    badSctpChecksum: 0,
    payloads: 0,
  };
  readonly ipReassembler: IpFragmentReassembler;
  readonly sctpReassembler: SctpMessageReassembler;
  readonly tcpReassembler: TcpStreamReassembler | undefined;

  private readonly verifyChecksum: boolean;
  private readonly out: PayloadRecord[] = [];
  private readonly link = new LinkLayerInfo();
  private readonly ip = new IpHeader();
  private readonly tcpHeader = new TcpHeader();
  private readonly cursor = new SctpChunkCursor();
  private readonly ipv4Names = new Map<number, string>();
  // Context of the packet being extracted, read by tcpData().
  private packet: CapturedPacket | undefined;
  private srcIp = "";
  private dstIp = "";
  private srcPort = 0;
  private dstPort = 0;
  private ipReassembled = false;

  constructor(options: PayloadExtractorOptions = {}) {
    this.ipReassembler = new IpFragmentReassembler(options.ipReassembly);
    this.sctpReassembler = new SctpMessageReassembler(options.sctpReassembly);
    this.tcpReassembler =
      options.tcpReassembly === false ? undefined : new TcpStreamReassembler(options.tcpReassembly);
    this.verifyChecksum = options.verifySctpChecksum ?? false;
  }

  /**
   * The payloads of one packet, in packet order. The returned array is reused by the next call (the
   * records in it are not: keep them if needed). Throws DecodeError for a malformed packet; payloads
   * of chunks before the malformed one in the same packet are then lost.
   */
  extract(packet: CapturedPacket): readonly PayloadRecord[] {
    const out = this.out;
    out.length = 0;
    this.stats.packets++;
    const bytes = packet.bytes;
    const link = decodeLinkLayer(packet.linkType, bytes, packet.start, packet.end, this.link);
    const ip = this.ip;
    if (link.etherType === EtherType.ipv4) decodeIpv4(bytes, link.networkStart, packet.end, ip);
    else if (link.etherType === EtherType.ipv6) decodeIpv6(bytes, link.networkStart, packet.end, ip);
    else {
      if (link.etherType === -1) this.stats.unsupportedLink++;
      else this.stats.notIp++;
      return out;
    }
    let proto = ip.protocol;
    const v6 = ip.version === 6;
    if (!v6 && proto === IpProtocol.authenticationHeader) {
      // RFC 4302 §2.2 on IPv4: skip AH to the protected upper layer (unfragmented datagrams only).
      if (!ip.isFragment) walkIpv6Extensions(bytes, ip.payloadStart, ip.payloadEnd, proto, ip, true);
      proto = ip.protocol;
    }
    const wanted =
      proto === IpProtocol.sctp ||
      (proto === IpProtocol.tcp && this.tcpReassembler !== undefined) ||
      (v6 && ip.isFragment && isIpv6Extension(proto));
    if (!wanted) {
      this.stats.otherTransport++;
      return out;
    }
    if (v6) {
      this.srcIp = formatIpv6(bytes, ip.srcStart);
      this.dstIp = formatIpv6(bytes, ip.dstStart);
    } else {
      this.srcIp = this.ipv4Name(bytes, ip.srcStart);
      this.dstIp = this.ipv4Name(bytes, ip.dstStart);
    }
    this.packet = packet;
    let data = bytes;
    let start = ip.payloadStart;
    let end = ip.payloadEnd;
    this.ipReassembled = false;
    if (ip.isFragment) {
      this.stats.fragments++;
      const key = v6
        ? `6|${this.srcIp}|${this.dstIp}|${ip.identification}`
        : `4|${this.srcIp}|${this.dstIp}|${ip.identification}|${proto}`;
      const whole = this.ipReassembler.add(
        key,
        ip.fragmentOffset,
        ip.moreFragments,
        bytes,
        start,
        end,
        packet.seconds,
      );
      if (!whole) return out;
      data = whole;
      start = 0;
      end = whole.length;
      this.ipReassembled = true;
      if (v6) {
        walkIpv6Extensions(whole, 0, whole.length, proto, ip, true);
        proto = ip.protocol;
        start = ip.payloadStart;
      }
    }
    if (proto === IpProtocol.sctp) this.sctp(data, start, end);
    else if (proto === IpProtocol.tcp && this.tcpReassembler) this.tcp(data, start, end);
    else this.stats.otherTransport++;
    this.stats.payloads += out.length;
    return out;
  }

  private ipv4Name(bytes: Uint8Array, at: number): string {
    const key = ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
    let name = this.ipv4Names.get(key);
    if (name === undefined) {
      if (this.ipv4Names.size >= IPV4_CACHE_LIMIT) this.ipv4Names.clear();
      name = `${key >>> 24}.${(key >>> 16) & 0xff}.${(key >>> 8) & 0xff}.${key & 0xff}`;
      this.ipv4Names.set(key, name);
    }
    return name;
  }

  private sctp(data: Uint8Array, start: number, end: number): void {
    const c = this.cursor.reset(data, start, end);
    if (this.verifyChecksum && !sctpChecksumValid(data, start, end)) {
      this.stats.badSctpChecksum++;
      throw new DecodeError("sctp", start + 8, "SCTP CRC-32C checksum is wrong");
    }
    const p = this.packet!;
    const version = this.ip.version;
    while (c.next()) {
      if (!c.isData || c.dataEnd === c.dataStart) continue;
      const flags = c.flags;
      const unordered = (flags & SctpDataFlag.unordered) !== 0;
      if (
        (flags & (SctpDataFlag.beginning | SctpDataFlag.ending)) ===
        (SctpDataFlag.beginning | SctpDataFlag.ending)
      ) {
        this.out.push({
          transport: "sctp",
          frameNumber: p.frameNumber,
          seconds: p.seconds,
          nanoseconds: p.nanoseconds,
          ipVersion: version,
          srcIp: this.srcIp,
          dstIp: this.dstIp,
          srcPort: c.srcPort,
          dstPort: c.dstPort,
          ppid: c.ppid,
          stream: c.stream,
          streamSequence: c.streamSequence,
          sequence: c.tsn,
          unordered,
          reassembled: this.ipReassembled,
          gap: false,
          bytes: data,
          start: c.dataStart,
          end: c.dataEnd,
        });
        continue;
      }
      const association = `${c.srcPort}>${c.dstPort}#${c.verificationTag}`;
      const m = this.sctpReassembler.add(association, c, p.seconds);
      if (!m) continue;
      this.out.push({
        transport: "sctp",
        frameNumber: p.frameNumber,
        seconds: p.seconds,
        nanoseconds: p.nanoseconds,
        ipVersion: version,
        srcIp: this.srcIp,
        dstIp: this.dstIp,
        srcPort: c.srcPort,
        dstPort: c.dstPort,
        ppid: m.ppid,
        stream: m.stream,
        streamSequence: m.streamSequence,
        sequence: m.tsn,
        unordered: m.unordered,
        reassembled: true,
        gap: false,
        bytes: m.bytes,
        start: 0,
        end: m.bytes.length,
      });
    }
  }

  private tcp(data: Uint8Array, start: number, end: number): void {
    const t = decodeTcpHeader(data, start, end, this.tcpHeader);
    this.srcPort = t.srcPort;
    this.dstPort = t.dstPort;
    const key = `${this.srcIp}|${t.srcPort}|${this.dstIp}|${t.dstPort}`;
    const r = this.tcpReassembler!;
    // RFC 9293 §3.5.3: a reset ends both directions.
    if (t.flags & 0x04) r.forget(`${this.dstIp}|${t.dstPort}|${this.srcIp}|${t.srcPort}`);
    r.segment(key, t.sequence, t.flags, data, t.payloadStart, t.payloadEnd, this.packet!.seconds, this);
  }

  /** TcpStreamSink: called by the TCP reassembler during `extract()`. */
  tcpData(
    bytes: Uint8Array,
    start: number,
    end: number,
    sequence: number,
    gap: boolean,
    reassembled: boolean,
  ): void {
    const p = this.packet!;
    this.out.push({
      transport: "tcp",
      frameNumber: p.frameNumber,
      seconds: p.seconds,
      nanoseconds: p.nanoseconds,
      ipVersion: this.ip.version,
      srcIp: this.srcIp,
      dstIp: this.dstIp,
      srcPort: this.srcPort,
      dstPort: this.dstPort,
      ppid: 0,
      stream: 0,
      streamSequence: 0,
      sequence,
      unordered: false,
      reassembled: reassembled || this.ipReassembled,
      gap,
      bytes,
      start,
      end,
    });
  }
}

export type SigtranProtocol = "m3ua" | "m2pa" | "sua";

/**
 * Which SIGTRAN adaptation layer a payload carries: by PPID (RFC 4666 §1.4.8 M3UA = 3, RFC 4165 M2PA = 5,
 * RFC 3868 SUA = 4), or, when the PPID is 0 (unspecified, and always for TCP), by the IANA port on
 * either side (decode-as). Undefined when neither says.
 */
export function sigtranProtocol(ppid: number, srcPort: number, dstPort: number): SigtranProtocol | undefined {
  if (ppid === SctpPpid.m3ua) return "m3ua";
  if (ppid === SctpPpid.m2pa) return "m2pa";
  if (ppid === SctpPpid.sua) return "sua";
  if (ppid !== SctpPpid.unspecified) return undefined;
  if (srcPort === SigtranPort.m3ua || dstPort === SigtranPort.m3ua) return "m3ua";
  if (srcPort === SigtranPort.m2pa || dstPort === SigtranPort.m2pa) return "m2pa";
  if (srcPort === SigtranPort.sua || dstPort === SigtranPort.sua) return "sua";
  return undefined;
}

export interface ExtractPayloadsOptions extends PayloadExtractorOptions, CaptureReaderOptions {
  /**
   * Called with each per-packet DecodeError; extraction then continues with the next packet. Without it
   * the first error is thrown. Errors of the capture file itself (framing) always throw.
   */
  readonly onError?: (error: DecodeError, packet: CapturedPacket) => void;
}

/** Every payload of a capture held in memory (pcap or pcapng), in file order. */
export function* extractPayloads(
  capture: Uint8Array,
  options: ExtractPayloadsOptions = {},
): Generator<PayloadRecord> {
  const extractor = new PayloadExtractor(options);
  for (const packet of readCapture(capture, options)) {
    let records: readonly PayloadRecord[];
    try {
      records = extractor.extract(packet);
    } catch (e) {
      if (options.onError && e instanceof DecodeError) {
        options.onError(e, packet);
        continue;
      }
      throw e;
    }
    yield* records;
  }
}
