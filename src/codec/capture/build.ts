import { EncodeError } from "../errors.js";
import { finishInternetChecksum, onesComplementSum, sctpChecksum } from "./checksum.js";
import {
  EtherType,
  IpProtocol,
  LinkType,
  LoopbackFamily,
  SctpChunkType,
  SctpDataFlag,
  TcpFlag,
} from "./constants.js";
import { decodeIpv4, decodeIpv6, IpHeader, parseIpAddress } from "./ip.js";
import { decodeLinkLayer } from "./link.js";

/** Addressing and link-layer framing shared by every packet the builder makes. */
export interface FrameSpec {
  /** IPv4 dotted quad or IPv6 text (or the raw 4 / 16 bytes). Both must be the same family. */
  readonly srcIp: string | Uint8Array;
  readonly dstIp: string | Uint8Array;
  /**
   * Link layer to wrap the IP datagram in (LINKTYPE_* value): Ethernet (default), raw IP (101, 228,
   * 229), Linux SLL (113), SLL2 (276), BSD loopback NULL (0, little-endian) or LOOP (108).
   */
  readonly linkType?: number;
  readonly srcMac?: Uint8Array;
  readonly dstMac?: Uint8Array;
  /** VLAN ids, outermost first. With `qinq`, the outer tag uses TPID 0x88a8 (802.1ad). */
  readonly vlans?: readonly number[];
  readonly qinq?: boolean;
  readonly ttl?: number;
  /** IPv4 Identification (default 0). */
  readonly ipId?: number;
  /** IPv4 options, padded by the builder to 32 bits with End of Option List. */
  readonly ipv4Options?: Uint8Array;
  /** IPv6 extension headers to put before the transport header (hop-by-hop 0, routing 43, destination 60). */
  readonly ipv6Extensions?: readonly number[];
}

/** One DATA (RFC 9260 §3.3.1) or I-DATA (RFC 8260 §2.1) chunk. */
export interface SctpDataChunkSpec {
  readonly tsn: number;
  readonly stream?: number;
  /** DATA: Stream Sequence Number. */
  readonly ssn?: number;
  /** PPID (DATA, and I-DATA first fragments). */
  readonly ppid: number;
  readonly data: Uint8Array;
  /** B flag (default true). */
  readonly beginning?: boolean;
  /** E flag (default true). */
  readonly ending?: boolean;
  readonly unordered?: boolean;
  /** Make an I-DATA chunk with this Message Identifier and Fragment Sequence Number. */
  readonly iData?: { readonly mid: number; readonly fsn: number };
}

/** A chunk written verbatim (type, flags, value), e.g. a SACK before the DATA chunks. */
export interface SctpRawChunkSpec {
  readonly type: number;
  readonly flags?: number;
  readonly value: Uint8Array;
}

export interface SctpPacketSpec extends FrameSpec {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly verificationTag?: number;
  readonly chunks: readonly (SctpDataChunkSpec | SctpRawChunkSpec)[];
  /** Leave the checksum field zero (as offloaded captures do). */
  readonly zeroChecksum?: boolean;
}

export interface TcpSegmentSpec extends FrameSpec {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack?: number;
  /** TcpFlag bits; default ACK|PSH with data, ACK without. */
  readonly flags?: number;
  readonly window?: number;
  /** Raw TCP options, padded by the builder to 32 bits with End of Option List. */
  readonly options?: Uint8Array;
  readonly data?: Uint8Array;
}

const DEFAULT_SRC_MAC = Uint8Array.of(0x02, 0, 0, 0, 0, 0x01);
const DEFAULT_DST_MAC = Uint8Array.of(0x02, 0, 0, 0, 0, 0x02);

function isDataChunk(c: SctpDataChunkSpec | SctpRawChunkSpec): c is SctpDataChunkSpec {
  return (c as SctpDataChunkSpec).data !== undefined;
}

/**
 * Builds complete frames (link header, IPv4/IPv6, SCTP or TCP) with correct IPv4 header, TCP and SCTP
 * (CRC-32C) checksums, for tests, the lab and synthetic captures. Frames are written into one scratch
 * buffer that is reused: a returned frame is valid until the next build call (hand it to
 * `PcapWriter.writePacket`, which copies).
 */
export class PacketBuilder {
  private buf = new Uint8Array(2048);
  private readonly addresses = new Map<string, Uint8Array>();
  private l4 = 0;
  private pseudo = 0;

  /** An SCTP packet with the given chunks, in order. */
  sctp(spec: SctpPacketSpec): Uint8Array {
    let size = 12;
    for (const c of spec.chunks) {
      const header = isDataChunk(c) ? (c.iData ? 20 : 16) : 4;
      size += (header + (isDataChunk(c) ? c.data.length : c.value.length) + 3) & ~3;
    }
    const buf = this.begin(spec, IpProtocol.sctp, size);
    const l4 = this.l4;
    // RFC 9260 §3.1 common header.
    put16(buf, l4, spec.srcPort);
    put16(buf, l4 + 2, spec.dstPort);
    put32(buf, l4 + 4, spec.verificationTag ?? 0);
    put32(buf, l4 + 8, 0);
    let at = l4 + 12;
    for (const c of spec.chunks) {
      const start = at;
      if (isDataChunk(c)) {
        let flags = 0;
        if (c.beginning ?? true) flags |= SctpDataFlag.beginning;
        if (c.ending ?? true) flags |= SctpDataFlag.ending;
        if (c.unordered) flags |= SctpDataFlag.unordered;
        const header = c.iData ? 20 : 16;
        const length = header + c.data.length;
        buf[at] = c.iData ? SctpChunkType.iData : SctpChunkType.data;
        buf[at + 1] = flags;
        put16(buf, at + 2, length);
        put32(buf, at + 4, c.tsn);
        put16(buf, at + 8, c.stream ?? 0);
        if (c.iData) {
          put16(buf, at + 10, 0);
          put32(buf, at + 12, c.iData.mid);
          // RFC 8260 §2.1: PPID in the first fragment, FSN in the others.
          put32(buf, at + 16, flags & SctpDataFlag.beginning ? c.ppid : c.iData.fsn);
        } else {
          put16(buf, at + 10, c.ssn ?? 0);
          put32(buf, at + 12, c.ppid);
        }
        buf.set(c.data, at + header);
        at += length;
      } else {
        const length = 4 + c.value.length;
        buf[at] = c.type;
        buf[at + 1] = c.flags ?? 0;
        put16(buf, at + 2, length);
        buf.set(c.value, at + 4);
        at += length;
      }
      const padded = start + ((at - start + 3) & ~3);
      buf.fill(0, at, padded);
      at = padded;
    }
    if (!spec.zeroChecksum) {
      const crc = sctpChecksum(buf, l4, at);
      // RFC 9260 Appendix A: the CRC goes on the wire least significant byte first.
      buf[l4 + 8] = crc & 0xff;
      buf[l4 + 9] = (crc >>> 8) & 0xff;
      buf[l4 + 10] = (crc >>> 16) & 0xff;
      buf[l4 + 11] = crc >>> 24;
    }
    return buf.subarray(0, at);
  }

  /** A TCP segment. */
  tcp(spec: TcpSegmentSpec): Uint8Array {
    const data = spec.data ?? EMPTY;
    const optLen = spec.options ? (spec.options.length + 3) & ~3 : 0;
    const headerLength = 20 + optLen;
    if (headerLength > 60) throw new EncodeError("tcp", "options", "more than 40 bytes of options");
    const buf = this.begin(spec, IpProtocol.tcp, headerLength + data.length);
    const l4 = this.l4;
    const pseudo = this.pseudo;
    put16(buf, l4, spec.srcPort);
    put16(buf, l4 + 2, spec.dstPort);
    put32(buf, l4 + 4, spec.seq);
    put32(buf, l4 + 8, spec.ack ?? 0);
    const flags = spec.flags ?? (data.length > 0 ? TcpFlag.ack | TcpFlag.psh : TcpFlag.ack);
    buf[l4 + 12] = (headerLength / 4) << 4;
    buf[l4 + 13] = flags;
    put16(buf, l4 + 14, spec.window ?? 65535);
    put32(buf, l4 + 16, 0);
    if (spec.options) {
      buf.set(spec.options, l4 + 20);
      buf.fill(0, l4 + 20 + spec.options.length, l4 + headerLength);
    }
    buf.set(data, l4 + headerLength);
    const end = l4 + headerLength + data.length;
    // RFC 9293 §3.1: checksum over the pseudo-header and the segment.
    put16(buf, l4 + 16, finishInternetChecksum(onesComplementSum(pseudo, buf, l4, end)));
    return buf.subarray(0, end);
  }

  private address(a: string | Uint8Array): Uint8Array {
    if (typeof a !== "string") return a;
    let bytes = this.addresses.get(a);
    if (!bytes) {
      bytes = parseIpAddress(a);
      if (!bytes) throw new EncodeError("ip", "address", `${JSON.stringify(a)} is not an IP address`);
      if (this.addresses.size > 4096) this.addresses.clear();
      this.addresses.set(a, bytes);
    }
    return bytes;
  }

  /**
   * Writes link and IP headers for an upper-layer payload of `l4Length` bytes into the scratch buffer
   * (returned); sets `l4` to where the upper layer starts and `pseudo` to the pseudo-header sum
   * (RFC 9293 §3.1 / RFC 8200 §8.1) for its checksum.
   */
  private begin(spec: FrameSpec, protocol: number, l4Length: number): Uint8Array {
    const src = this.address(spec.srcIp);
    const dst = this.address(spec.dstIp);
    if (src.length !== dst.length)
      throw new EncodeError("ip", "address", "source and destination families differ");
    const v6 = src.length === 16;
    const ext = v6 ? (spec.ipv6Extensions ?? NONE) : NONE;
    const v4opts = !v6 && spec.ipv4Options ? (spec.ipv4Options.length + 3) & ~3 : 0;
    if (v4opts > 40) throw new EncodeError("ip", "ipv4Options", "more than 40 bytes of options");
    const ipHeader = v6 ? 40 + ext.length * 8 : 20 + v4opts;
    const linkType = spec.linkType ?? LinkType.ethernet;
    const vlans = spec.vlans ?? NONE;
    let linkLength: number;
    switch (linkType) {
      case LinkType.ethernet:
        linkLength = 14 + 4 * vlans.length;
        break;
      case LinkType.linuxSll:
        linkLength = 16;
        break;
      case LinkType.linuxSll2:
        linkLength = 20;
        break;
      case LinkType.null:
      case LinkType.loop:
        linkLength = 4;
        break;
      case LinkType.raw:
      case LinkType.ipv4:
      case LinkType.ipv6:
        linkLength = 0;
        break;
      default:
        throw new EncodeError("link", "linkType", `link type ${linkType} is not supported by the builder`);
    }
    const total = linkLength + ipHeader + l4Length;
    if (ipHeader + l4Length > (v6 ? 65535 + 40 : 65535)) {
      throw new EncodeError("ip", "length", `datagram of ${ipHeader + l4Length} bytes is too long`);
    }
    if (this.buf.length < total) this.buf = new Uint8Array(Math.max(total, this.buf.length * 2));
    const buf = this.buf;
    const etherType = v6 ? EtherType.ipv6 : EtherType.ipv4;
    let at = 0;
    switch (linkType) {
      case LinkType.ethernet:
        buf.set(spec.dstMac ?? DEFAULT_DST_MAC, 0);
        buf.set(spec.srcMac ?? DEFAULT_SRC_MAC, 6);
        at = 12;
        for (let i = 0; i < vlans.length; i++) {
          put16(buf, at, i === 0 && spec.qinq ? EtherType.qinq : EtherType.vlan);
          put16(buf, at + 2, vlans[i]! & 0x0fff);
          at += 4;
        }
        put16(buf, at, etherType);
        at += 2;
        break;
      case LinkType.linuxSll:
        // Packet type 0 (to us), ARPHRD_ETHER 1, address length 6, address padded to 8, protocol.
        put16(buf, 0, 0);
        put16(buf, 2, 1);
        put16(buf, 4, 6);
        buf.set(spec.srcMac ?? DEFAULT_SRC_MAC, 6);
        buf.fill(0, 12, 14);
        put16(buf, 14, etherType);
        at = 16;
        break;
      case LinkType.linuxSll2:
        // Protocol, reserved, interface index 1, ARPHRD_ETHER, packet type 0, address length 6, address.
        put16(buf, 0, etherType);
        put16(buf, 2, 0);
        put32(buf, 4, 1);
        put16(buf, 8, 1);
        buf[10] = 0;
        buf[11] = 6;
        buf.set(spec.srcMac ?? DEFAULT_SRC_MAC, 12);
        buf.fill(0, 18, 20);
        at = 20;
        break;
      case LinkType.null: {
        // Host byte order; written little-endian as most capturing hosts are.
        const family = v6 ? LoopbackFamily.inet6Darwin : LoopbackFamily.inet;
        buf[0] = family;
        buf[1] = 0;
        buf[2] = 0;
        buf[3] = 0;
        at = 4;
        break;
      }
      case LinkType.loop:
        put32(buf, 0, v6 ? LoopbackFamily.inet6Bsd : LoopbackFamily.inet);
        at = 4;
        break;
    }
    const ip = at;
    let pseudo: number;
    if (v6) {
      // RFC 8200 §3: version 6, traffic class 0, flow label 0.
      put32(buf, ip, 0x60000000);
      put16(buf, ip + 4, ext.length * 8 + l4Length);
      buf[ip + 6] = ext.length ? ext[0]! : protocol;
      buf[ip + 7] = spec.ttl ?? 64;
      buf.set(src, ip + 8);
      buf.set(dst, ip + 24);
      let e = ip + 40;
      for (let i = 0; i < ext.length; i++) {
        // An 8-byte header: Next Header, length 0, then a 4-byte PadN option (RFC 8200 §4.2) or, for
        // routing, type 0 with Segments Left 0 (RFC 8200 §4.4: ignored by the receiver).
        buf[e] = i + 1 < ext.length ? ext[i + 1]! : protocol;
        buf[e + 1] = 0;
        if (ext[i] === IpProtocol.ipv6Routing) {
          buf[e + 2] = 0;
          buf[e + 3] = 0;
          put32(buf, e + 4, 0);
        } else {
          buf[e + 2] = 1;
          buf[e + 3] = 4;
          put32(buf, e + 4, 0);
        }
        e += 8;
      }
      pseudo = onesComplementSum(0, src, 0, 16);
      pseudo = onesComplementSum(pseudo, dst, 0, 16);
      pseudo += l4Length + protocol;
    } else {
      // RFC 791 §3.1: version 4, IHL, TOS 0, total length, id, flags/offset 0, TTL, protocol, checksum.
      buf[ip] = 0x40 | (ipHeader / 4);
      buf[ip + 1] = 0;
      put16(buf, ip + 2, ipHeader + l4Length);
      put16(buf, ip + 4, spec.ipId ?? 0);
      put16(buf, ip + 6, 0);
      buf[ip + 8] = spec.ttl ?? 64;
      buf[ip + 9] = protocol;
      put16(buf, ip + 10, 0);
      buf.set(src, ip + 12);
      buf.set(dst, ip + 16);
      if (spec.ipv4Options) {
        buf.set(spec.ipv4Options, ip + 20);
        buf.fill(0, ip + 20 + spec.ipv4Options.length, ip + ipHeader);
      }
      put16(buf, ip + 10, finishInternetChecksum(onesComplementSum(0, buf, ip, ip + ipHeader)));
      pseudo = onesComplementSum(0, src, 0, 4);
      pseudo = onesComplementSum(pseudo, dst, 0, 4);
      pseudo += l4Length + protocol;
    }
    this.l4 = ip + ipHeader;
    this.pseudo = pseudo;
    return buf;
  }
}

const EMPTY = new Uint8Array(0);
const NONE: readonly number[] = [];

function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
}

function put32(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 24) & 0xff;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

export interface FragmentOptions {
  /** Link type of `frame` (default Ethernet). */
  readonly linkType?: number;
  /** Bytes of fragmentable data per fragment; rounded down to a multiple of 8. */
  readonly maxFragmentData: number;
  /** IPv6 Fragment header Identification (IPv4 keeps the datagram's own). Default 1. */
  readonly identification?: number;
}

/**
 * Splits the IP datagram in `frame` into fragment frames (RFC 791 §3.2, RFC 8200 §4.5), each a fresh
 * buffer with the same link header. IPv4 headers get their own checksum; IPv6 gets a Fragment header
 * after the unfragmentable part (hop-by-hop and routing headers).
 */
export function fragmentIp(frame: Uint8Array, options: FragmentOptions): Uint8Array[] {
  const link = decodeLinkLayer(options.linkType ?? LinkType.ethernet, frame, 0, frame.length);
  const step = options.maxFragmentData & ~7;
  if (step <= 0) throw new EncodeError("ip", "maxFragmentData", "must be at least 8");
  const linkHeader = frame.subarray(0, link.networkStart);
  const ip = new IpHeader();
  const out: Uint8Array[] = [];
  if (link.etherType === EtherType.ipv4) {
    decodeIpv4(frame, link.networkStart, frame.length, ip);
    const headerLength = ip.payloadStart - ip.headerStart;
    const payload = frame.subarray(ip.payloadStart, ip.payloadEnd);
    for (let off = 0; off < payload.length; off += step) {
      const piece = payload.subarray(off, Math.min(payload.length, off + step));
      const more = off + piece.length < payload.length;
      const f = new Uint8Array(linkHeader.length + headerLength + piece.length);
      f.set(linkHeader, 0);
      const h = linkHeader.length;
      f.set(frame.subarray(ip.headerStart, ip.payloadStart), h);
      put16(f, h + 2, headerLength + piece.length);
      put16(f, h + 6, (more ? 0x2000 : 0) | (off / 8));
      put16(f, h + 10, 0);
      put16(f, h + 10, finishInternetChecksum(onesComplementSum(0, f, h, h + headerLength)));
      f.set(piece, h + headerLength);
      out.push(f);
    }
    return out;
  }
  if (link.etherType !== EtherType.ipv6) throw new EncodeError("ip", "frame", "not an IPv4 or IPv6 frame");
  decodeIpv6(frame, link.networkStart, frame.length, ip);
  // Unfragmentable part: the fixed header plus hop-by-hop and routing headers.
  let at = ip.headerStart + 40;
  let nhAt = ip.headerStart + 6;
  while (frame[nhAt] === IpProtocol.hopByHop || frame[nhAt] === IpProtocol.ipv6Routing) {
    nhAt = at;
    at += (frame[at + 1]! + 1) * 8;
  }
  const unfragmentable = frame.subarray(ip.headerStart, at);
  const firstFragmentable = frame[nhAt]!;
  const nhOffset = nhAt - ip.headerStart;
  const payload = frame.subarray(at, ip.payloadEnd);
  for (let off = 0; off < payload.length; off += step) {
    const piece = payload.subarray(off, Math.min(payload.length, off + step));
    const more = off + piece.length < payload.length;
    const f = new Uint8Array(linkHeader.length + unfragmentable.length + 8 + piece.length);
    f.set(linkHeader, 0);
    const h = linkHeader.length;
    f.set(unfragmentable, h);
    put16(f, h + 4, unfragmentable.length - 40 + 8 + piece.length);
    f[h + nhOffset] = IpProtocol.ipv6Fragment;
    const fh = h + unfragmentable.length;
    f[fh] = firstFragmentable;
    f[fh + 1] = 0;
    put16(f, fh + 2, off | (more ? 1 : 0));
    put32(f, fh + 4, options.identification ?? 1);
    f.set(piece, fh + 8);
    out.push(f);
  }
  return out;
}
