import { DecodeError } from "../errors.js";
import { IpProtocol } from "./constants.js";

/** Most IPv6 extension headers walked before the upper layer (RFC 8200 §4.1 expects a handful). */
export const MAX_IPV6_EXTENSION_HEADERS = 16;

/**
 * Result of `decodeIpv4` / `decodeIpv6`. Reusable: pass the same instance back to avoid an allocation
 * per packet. Addresses stay in the packet: `bytes[srcStart, srcStart + addressLength)`.
 */
export class IpHeader {
  version = 4;
  headerStart = 0;
  /** Upper-layer protocol (IPv4 Protocol; IPv6 last Next Header after the extension headers walked). */
  protocol = 0;
  /** Upper-layer data (or, for a fragment, this fragment's share of the fragmentable part). */
  payloadStart = 0;
  payloadEnd = 0;
  srcStart = 0;
  dstStart = 0;
  /** 4 or 16. */
  addressLength = 4;
  /** TTL / Hop Limit. */
  ttl = 0;
  /** IPv4 Identification (16 bits) or IPv6 Fragment header Identification (32 bits). */
  identification = 0;
  /** True when this datagram is a fragment that needs reassembly (offset > 0 or More Fragments set). */
  isFragment = false;
  /** Fragment offset in bytes. */
  fragmentOffset = 0;
  moreFragments = false;
  dontFragment = false;
}

/**
 * Decodes an IPv4 header (RFC 791 §3.1) at `bytes[start, end)`. Options are skipped via the IHL; the
 * header checksum is not verified (offloaded captures routinely carry wrong ones). Bytes after Total
 * Length (Ethernet padding, a trailing FCS) are ignored; a Total Length of 0 (TCP segmentation offload
 * as captured on the sending host) means "up to the end of the capture".
 */
export function decodeIpv4(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
  out: IpHeader = new IpHeader(),
): IpHeader {
  if (end - start < 20) throw new DecodeError("ip", start, "IPv4 header is truncated");
  const vihl = bytes[start]!;
  if (vihl >> 4 !== 4) throw new DecodeError("ip", start, `IP version ${vihl >> 4} where 4 was expected`);
  const headerLength = (vihl & 0x0f) * 4;
  if (headerLength < 20) throw new DecodeError("ip", start, `IPv4 header length ${headerLength} is below 20`);
  if (headerLength > end - start)
    throw new DecodeError("ip", start, "IPv4 options run past the captured data");
  let total = (bytes[start + 2]! << 8) | bytes[start + 3]!;
  if (total === 0) total = end - start;
  else if (total < headerLength) {
    throw new DecodeError("ip", start + 2, `IPv4 total length ${total} is shorter than the header`);
  } else if (total > end - start) {
    throw new DecodeError(
      "ip",
      start + 2,
      `IPv4 total length ${total} exceeds the ${end - start} bytes captured`,
    );
  }
  const flagsOffset = (bytes[start + 6]! << 8) | bytes[start + 7]!;
  out.version = 4;
  out.headerStart = start;
  out.protocol = bytes[start + 9]!;
  out.payloadStart = start + headerLength;
  out.payloadEnd = start + total;
  out.srcStart = start + 12;
  out.dstStart = start + 16;
  out.addressLength = 4;
  out.ttl = bytes[start + 8]!;
  out.identification = (bytes[start + 4]! << 8) | bytes[start + 5]!;
  // RFC 791: flags bit 1 DF, bit 2 MF; offset in 8-octet units.
  out.dontFragment = (flagsOffset & 0x4000) !== 0;
  out.moreFragments = (flagsOffset & 0x2000) !== 0;
  out.fragmentOffset = (flagsOffset & 0x1fff) * 8;
  out.isFragment = out.moreFragments || out.fragmentOffset !== 0;
  return out;
}

/**
 * Decodes an IPv6 header (RFC 8200 §3) and walks its extension headers (hop-by-hop, routing,
 * destination options, AH, mobility, HIP, shim6) up to the upper layer or a Fragment header. For a
 * fragment, `protocol` is the Fragment header's Next Header and `payloadStart` is just past it.
 * Payload Length 0 (a jumbogram or offloaded capture) means "up to the end of the capture".
 */
export function decodeIpv6(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
  out: IpHeader = new IpHeader(),
): IpHeader {
  if (end - start < 40) throw new DecodeError("ip", start, "IPv6 header is truncated");
  if (bytes[start]! >> 4 !== 6)
    throw new DecodeError("ip", start, `IP version ${bytes[start]! >> 4} where 6 was expected`);
  let payloadLength = (bytes[start + 4]! << 8) | bytes[start + 5]!;
  if (payloadLength === 0) payloadLength = end - start - 40;
  else if (payloadLength > end - start - 40) {
    throw new DecodeError(
      "ip",
      start + 4,
      `IPv6 payload length ${payloadLength} exceeds the ${end - start - 40} bytes captured`,
    );
  }
  out.version = 6;
  out.headerStart = start;
  out.srcStart = start + 8;
  out.dstStart = start + 24;
  out.addressLength = 16;
  out.ttl = bytes[start + 7]!;
  out.identification = 0;
  out.isFragment = false;
  out.fragmentOffset = 0;
  out.moreFragments = false;
  out.dontFragment = false;
  walkIpv6Extensions(bytes, start + 40, start + 40 + payloadLength, bytes[start + 6]!, out);
  return out;
}

/**
 * Walks IPv6 extension headers from `at` (whose type is `nextHeader`) and sets `protocol`,
 * `payloadStart`, `payloadEnd` and the fragment fields of `out`. Also used on a reassembled fragmentable
 * part, where a second Fragment header is an error.
 */
export function walkIpv6Extensions(
  bytes: Uint8Array,
  at: number,
  end: number,
  nextHeader: number,
  out: IpHeader,
  afterReassembly = false,
): void {
  for (let count = 0; ; count++) {
    if (count > MAX_IPV6_EXTENSION_HEADERS)
      throw new DecodeError("ip", at, "too many IPv6 extension headers");
    switch (nextHeader) {
      case IpProtocol.hopByHop:
      case IpProtocol.ipv6Routing:
      case IpProtocol.ipv6DestinationOptions:
      case 135: // RFC 6275 Mobility
      case 139: // RFC 7401 HIP
      case 140: {
        // RFC 5533 shim6. RFC 8200 §4.3-4.6: Hdr Ext Len in 8-octet units, not counting the first 8.
        if (end - at < 2) throw new DecodeError("ip", at, "IPv6 extension header is truncated");
        const len = (bytes[at + 1]! + 1) * 8;
        if (len > end - at)
          throw new DecodeError("ip", at + 1, "IPv6 extension header runs past the payload");
        nextHeader = bytes[at]!;
        at += len;
        break;
      }
      case IpProtocol.authenticationHeader: {
        // RFC 4302 §2.2: Payload Len in 4-octet units, minus 2.
        if (end - at < 2) throw new DecodeError("ip", at, "authentication header is truncated");
        const len = (bytes[at + 1]! + 2) * 4;
        if (len > end - at)
          throw new DecodeError("ip", at + 1, "authentication header runs past the payload");
        nextHeader = bytes[at]!;
        at += len;
        break;
      }
      case IpProtocol.ipv6Fragment: {
        // RFC 8200 §4.5: Next Header(1) reserved(1) Fragment Offset(13 bits) Res(2) M(1) Identification(4).
        if (end - at < 8) throw new DecodeError("ip", at, "IPv6 fragment header is truncated");
        if (afterReassembly) throw new DecodeError("ip", at, "fragment header inside a reassembled datagram");
        const offsetFlags = (bytes[at + 2]! << 8) | bytes[at + 3]!;
        const offset = offsetFlags & 0xfff8;
        const more = (offsetFlags & 1) !== 0;
        nextHeader = bytes[at]!;
        at += 8;
        if (offset === 0 && !more) break; // RFC 6946 atomic fragment: process as unfragmented.
        out.isFragment = true;
        out.fragmentOffset = offset;
        out.moreFragments = more;
        out.identification =
          ((bytes[at - 4]! << 24) | (bytes[at - 3]! << 16) | (bytes[at - 2]! << 8) | bytes[at - 1]!) >>> 0;
        out.protocol = nextHeader;
        out.payloadStart = at;
        out.payloadEnd = end;
        return;
      }
      default:
        out.protocol = nextHeader;
        out.payloadStart = at;
        out.payloadEnd = end;
        return;
    }
  }
}

/** Dotted-quad text of the IPv4 address at `bytes[at, at + 4)`. */
export function formatIpv4(bytes: Uint8Array, at: number): string {
  return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
}

/** RFC 5952 text of the IPv6 address at `bytes[at, at + 16)`: lower case, longest zero run as "::", IPv4-mapped as ::ffff:a.b.c.d. */
export function formatIpv6(bytes: Uint8Array, at: number): string {
  // RFC 5952 §5: IPv4-mapped addresses keep the dotted quad (::ffff:192.0.2.1).
  let mapped = bytes[at + 10] === 0xff && bytes[at + 11] === 0xff;
  for (let i = 0; mapped && i < 10; i++) mapped = bytes[at + i] === 0;
  if (mapped) return `::ffff:${formatIpv4(bytes, at + 12)}`;
  let bestStart = -1;
  let bestLen = 0;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    const zero = bytes[at + 2 * i] === 0 && bytes[at + 2 * i + 1] === 0;
    if (zero) {
      if (runStart < 0) runStart = i;
      const len = i - runStart + 1;
      // RFC 5952 §4.2.3: the first of equally long runs; §4.2.2: never for a single group.
      if (len > bestLen) {
        bestLen = len;
        bestStart = runStart;
      }
    } else runStart = -1;
  }
  if (bestLen < 2) bestStart = -1;
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += "::";
      i += bestLen - 1;
      continue;
    }
    if (out.length > 0 && !out.endsWith(":")) out += ":";
    out += (((bytes[at + 2 * i]! << 8) | bytes[at + 2 * i + 1]!) >>> 0).toString(16);
  }
  return out;
}

/** Parses dotted-quad IPv4 or RFC 4291 §2.2 IPv6 text; undefined when it is neither. */
export function parseIpAddress(text: string): Uint8Array | undefined {
  if (text.includes(":")) return parseIpv6(text);
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    out[i] = Number(p);
  }
  return out;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === "") return [];
    const out: number[] = [];
    const parts = s.split(":");
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes(".")) {
        const v4 = parseIpAddress(p);
        if (v4?.length !== 4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
        out.push(Number.parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    out[2 * i] = all[i]! >> 8;
    out[2 * i + 1] = all[i]! & 0xff;
  }
  return out;
}

export interface IpReassemblyLimits {
  /** Datagrams under reassembly at once (default 1024); the oldest is dropped to make room. */
  readonly maxDatagrams?: number;
  /** Bytes buffered over all datagrams (default 8 MiB); the oldest are dropped to make room. */
  readonly maxBytes?: number;
  /** A datagram not completed within this many seconds of packet time is dropped (default 30, RFC 8200 §4.5: 60 s max). */
  readonly timeoutSeconds?: number;
  /** Fragments accepted for one datagram (default 256, i.e. 64 KiB in 256-byte pieces); more → DecodeError. */
  readonly maxFragmentsPerDatagram?: number;
}

export interface IpReassemblyStats {
  completed: number;
  /** Dropped because their timeout passed. */
  expired: number;
  /** Dropped to respect maxDatagrams / maxBytes. */
  evicted: number;
  /** Dropped because fragments overlapped with different content, disagreed on the total length, or were too many. */
  conflicts: number;
}

interface PartialDatagram {
  firstSeen: number;
  data: Uint8Array;
  /** Covered byte ranges, sorted and disjoint: [start0, end0, start1, end1, …]. */
  ranges: number[];
  /** Length of the whole fragmentable part once the last fragment (MF = 0) has been seen, else -1. */
  total: number;
  fragments: number;
}

/** Largest fragmentable part: IPv4 Total Length and IPv6 Payload Length are 16-bit. */
const MAX_DATAGRAM = 65535;

/**
 * Pure, bounded IP fragment reassembler (RFC 791 §3.2, RFC 8200 §4.5). Keyed by a caller-built string
 * (source, destination, identification and, for IPv4, protocol). Time is the packet timestamp passed in;
 * there is no clock. Exact duplicates and overlaps that repeat the same bytes are accepted; overlaps
 * that change bytes, or fragments that disagree on where the datagram ends, drop the datagram and throw
 * DecodeError: a receiver would pick one copy, and the firewall cannot know which (RFC 5722 makes this
 * mandatory for IPv6; it is the only safe choice for IPv4 too).
 */
export class IpFragmentReassembler {
  readonly stats: IpReassemblyStats = { completed: 0, expired: 0, evicted: 0, conflicts: 0 };
  private readonly maxDatagrams: number;
  private readonly maxBytes: number;
  private readonly timeout: number;
  private readonly maxFragments: number;
  private readonly partial = new Map<string, PartialDatagram>();
  private bytes = 0;

  constructor(limits: IpReassemblyLimits = {}) {
    this.maxDatagrams = Math.max(1, limits.maxDatagrams ?? 1024);
    this.maxBytes = Math.max(MAX_DATAGRAM, limits.maxBytes ?? 8 * 1024 * 1024);
    this.timeout = limits.timeoutSeconds ?? 30;
    this.maxFragments = Math.max(2, limits.maxFragmentsPerDatagram ?? 256);
  }

  /** Datagrams currently under reassembly. */
  get size(): number {
    return this.partial.size;
  }

  /** Bytes currently buffered. */
  get bufferedBytes(): number {
    return this.bytes;
  }

  /**
   * Adds the fragment `bytes[start, end)` that sits at `offset` in the fragmentable part. Returns the
   * whole fragmentable part (a fresh buffer) when this fragment completes it, otherwise undefined.
   */
  add(
    key: string,
    offset: number,
    moreFragments: boolean,
    bytes: Uint8Array,
    start: number,
    end: number,
    seconds: number,
  ): Uint8Array | undefined {
    const len = end - start;
    const fragEnd = offset + len;
    if (fragEnd > MAX_DATAGRAM) {
      throw new DecodeError("ip", start, `fragment ends at ${fragEnd}, beyond the 65535-byte datagram limit`);
    }
    // RFC 791 / RFC 8200 §4.5: every fragment but the last carries a multiple of 8 octets.
    if (moreFragments && len % 8 !== 0) {
      throw new DecodeError("ip", start, `non-final fragment of ${len} bytes is not a multiple of 8`);
    }
    this.expire(seconds);
    let d = this.partial.get(key);
    if (!d) {
      if (len === 0 && moreFragments) return undefined;
      while (this.partial.size >= this.maxDatagrams) this.dropOldest();
      d = {
        firstSeen: seconds,
        data: new Uint8Array(Math.max(64, fragEnd)),
        ranges: [],
        total: -1,
        fragments: 0,
      };
      this.partial.set(key, d);
      this.bytes += d.data.length;
    }
    // Bounds the per-fragment work below (linear in the ranges held) as well as the memory.
    if (++d.fragments > this.maxFragments) {
      this.conflict(key, d, start, `more than ${this.maxFragments} fragments for one datagram`);
    }
    const r = d.ranges;
    if (!moreFragments) {
      const lastCovered = r.length ? r[r.length - 1]! : 0;
      if ((d.total >= 0 && d.total !== fragEnd) || lastCovered > fragEnd) {
        this.conflict(key, d, start, "fragments disagree on the datagram length");
      }
      d.total = fragEnd;
    } else if (d.total >= 0 && fragEnd > d.total) {
      this.conflict(key, d, start, "fragment extends past the last fragment");
    }
    // Overlaps must repeat the same bytes.
    for (let i = 0; i < r.length; i += 2) {
      const s = Math.max(r[i]!, offset);
      const e = Math.min(r[i + 1]!, fragEnd);
      for (let k = s; k < e; k++) {
        if (d.data[k] !== bytes[start + k - offset]) {
          this.conflict(key, d, start + k - offset, "overlapping fragments carry different bytes");
        }
      }
    }
    if (fragEnd > d.data.length) {
      const grown = new Uint8Array(Math.min(MAX_DATAGRAM, Math.max(fragEnd, d.data.length * 2)));
      grown.set(d.data);
      this.bytes += grown.length - d.data.length;
      d.data = grown;
    }
    d.data.set(bytes.subarray(start, end), offset);
    if (len > 0) insertRange(r, offset, fragEnd);
    if (d.total >= 0 && (d.total === 0 || (r.length === 2 && r[0] === 0 && r[1] === d.total))) {
      this.partial.delete(key);
      this.bytes -= d.data.length;
      this.stats.completed++;
      return d.data.subarray(0, d.total);
    }
    while (this.bytes > this.maxBytes && this.partial.size > 1) this.dropOldest();
    return undefined;
  }

  /** Drops every datagram whose timeout has passed at packet time `seconds`. */
  expire(seconds: number): void {
    for (const [key, d] of this.partial) {
      if (seconds - d.firstSeen <= this.timeout) break;
      this.partial.delete(key);
      this.bytes -= d.data.length;
      this.stats.expired++;
    }
  }

  private dropOldest(): void {
    for (const [key, d] of this.partial) {
      this.partial.delete(key);
      this.bytes -= d.data.length;
      this.stats.evicted++;
      return;
    }
  }

  private conflict(key: string, d: PartialDatagram, at: number, reason: string): never {
    this.partial.delete(key);
    this.bytes -= d.data.length;
    this.stats.conflicts++;
    throw new DecodeError("ip", at, reason);
  }
}

/** Inserts [s, e) into sorted disjoint ranges, merging neighbours that touch or overlap. */
function insertRange(r: number[], s: number, e: number): void {
  let i = 0;
  while (i < r.length && r[i + 1]! < s) i += 2;
  let j = i;
  while (j < r.length && r[j]! <= e) {
    s = Math.min(s, r[j]!);
    e = Math.max(e, r[j + 1]!);
    j += 2;
  }
  r.splice(i, j - i, s, e);
}
