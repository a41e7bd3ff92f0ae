import { DecodeError } from "../errors.js";
import {
  DEFAULT_MAX_RECORD_BYTES,
  PCAPNG_BYTE_ORDER_MAGIC,
  PcapMagic,
  PcapngBlockType,
  PcapngOption,
} from "./constants.js";
import type { CapturedPacket, CaptureInterface } from "./types.js";

export type CaptureFormat = "pcap" | "pcapng";

export interface CaptureReaderOptions {
  /**
   * Largest record accepted: a pcap record header plus its data, or one whole pcapng block
   * (default `DEFAULT_MAX_RECORD_BYTES`, 320 KiB). A length field above it is reported as a DecodeError
   * instead of being buffered.
   */
  readonly maxRecordBytes?: number;
  /** Most interfaces one pcapng section may describe (default 4096). */
  readonly maxInterfaces?: number;
}

const EMPTY = new Uint8Array(0);
const PCAP_FILE_HEADER = 24;
const PCAP_RECORD_HEADER = 16;
/** Smallest possible SHB: header 8 + BOM 4 + versions 4 + section length 8 + trailer 4. */
const SHB_MIN = 28;
const TWO32 = 4294967296;
/** Gather buffers up to this size are kept for reuse; larger ones (a caller pushed a huge chunk) are not. */
const SPARE_KEEP = 4 * 1024 * 1024;

/** Timestamp conversion for one pcapng interface, precomputed from if_tsresol. */
interface InterfaceState extends CaptureInterface {
  /** Units per second when ≤ 2^32 (fast path), else 0 and `bigUnits` is used. */
  readonly units: number;
  /** Multiply the sub-second remainder by this to get ns (decimal resolutions ≤ 10^-9). */
  readonly nsMultiplier: number;
  /** For binary resolutions 2^-k with 9 < k ≤ 32: ns = floor(rem * 1953125 / 2^(k-9)). */
  readonly binaryShift: number;
  readonly bigUnits: bigint;
}

/**
 * Push-style streaming reader of pcap and pcapng captures. The format is detected from the first four
 * bytes: pcap magic a1b2c3d4 (µs) or a1b23c4d (ns) in either byte order, or a pcapng Section Header
 * Block (whose byte order is taken from its Byte-Order Magic, per section).
 *
 *     const reader = new CaptureReader();
 *     for await (const chunk of stream) {
 *       reader.push(chunk);
 *       for (let p = reader.next(); p; p = reader.next()) handle(p);
 *     }
 *     reader.end(); // throws DecodeError if the file stops in the middle of a record
 *
 * Memory: only the unconsumed tail is kept, never more than one record (bounded by `maxRecordBytes`)
 * plus the last chunk. A chunk pushed while nothing is pending is used in place (not copied), so the
 * caller must not modify a chunk after pushing it. Packets point into these buffers: see the lifetime
 * note on `CapturedPacket`.
 *
 * Errors: every error is a DecodeError (layer "pcap" or "pcapng") whose offset is the absolute file
 * offset. Framing errors (bad magic, a record length above the cap, a pcapng trailer length that does
 * not match) leave nothing to resynchronise on: the reader is then failed and `next()` throws the same
 * error again. Errors inside one well-framed pcapng block (an EPB naming an unknown interface, a captured
 * length larger than the block) consume that block, so calling `next()` again continues with the next.
 */
export class CaptureReader {
  /** Detected format, once the first bytes have arrived. */
  format: CaptureFormat | undefined;
  /** pcap: timestamps in nanoseconds (magic a1b23c4d). */
  nanosecondPcap = false;
  /** Byte order of the pcap file or of the current pcapng section. */
  littleEndian = true;
  /** pcap file header values (undefined for pcapng). */
  pcapLinkType = 0;
  pcapSnapLength = 0;
  /** Number of pcapng sections seen. */
  sections = 0;
  /**
   * Frame numbers used so far: packet records returned (or rejected), plus the pcapng custom and systemd
   * journal blocks that tshark also numbers as frames.
   */
  frames = 0;
  /** Failure that stopped the reader, if any. */
  failure: DecodeError | undefined;

  private readonly maxRecord: number;
  private readonly maxInterfaces: number;
  private ifaces: InterfaceState[] = [];
  private buf: Uint8Array = EMPTY;
  private pos = 0;
  private lim = 0;
  private owned = false;
  /** Our own buffer, kept for reuse while reading straight from a caller's chunk. */
  private spare: Uint8Array = EMPTY;
  /** Absolute file offset of `buf[0]`. */
  private base = 0;

  constructor(options: CaptureReaderOptions = {}) {
    this.maxRecord = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.maxInterfaces = options.maxInterfaces ?? 4096;
  }

  /** Interfaces of the current pcapng section (pcap files have none). */
  get interfaces(): readonly CaptureInterface[] {
    return this.ifaces;
  }

  /** Absolute file offset of the first byte not yet consumed. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Bytes received but not yet consumed (a partial record). */
  get pending(): number {
    return this.lim - this.pos;
  }

  /** Appends the next chunk of the file. Invalidates the buffers of packets returned so far. */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const tail = this.lim - this.pos;
    if (tail === 0) {
      // Nothing pending: read straight from the caller's chunk (and let go of an oversized gather buffer).
      if (this.spare.length > SPARE_KEEP) this.spare = EMPTY;
      this.base += this.pos;
      this.buf = chunk;
      this.pos = 0;
      this.lim = chunk.length;
      this.owned = false;
      return;
    }
    if (this.owned && this.buf.length - this.lim >= chunk.length) {
      this.buf.set(chunk, this.lim);
      this.lim += chunk.length;
      return;
    }
    const need = tail + chunk.length;
    let next: Uint8Array;
    if (this.owned && need <= this.buf.length) {
      this.buf.copyWithin(0, this.pos, this.lim);
      next = this.buf;
    } else {
      // The tail sits in a caller's chunk (or our buffer is too small): gather it in our own buffer,
      // reusing the previous one when it is large enough.
      const spare = this.spare;
      next =
        spare.length >= need && spare !== this.buf
          ? spare
          : new Uint8Array(Math.max(need <= SPARE_KEEP ? need * 2 : need, 65536));
      next.set(this.buf.subarray(this.pos, this.lim), 0);
    }
    next.set(chunk, tail);
    this.spare = next;
    this.base += this.pos;
    this.buf = next;
    this.pos = 0;
    this.lim = need;
    this.owned = true;
  }

  /**
   * Reports the end of the file: throws a DecodeError when a record was left incomplete (a truncated
   * tail) or when no file header was ever read.
   */
  end(): void {
    if (this.failure) throw this.failure;
    if (this.format === undefined) {
      throw new DecodeError(
        "pcap",
        this.offset,
        this.pending === 0 ? "empty capture" : "truncated file header",
      );
    }
    if (this.pending > 0) {
      throw new DecodeError(
        this.format,
        this.offset,
        `capture ends in the middle of a record (${this.pending} bytes left over)`,
      );
    }
  }

  /** The next packet, or undefined when more data is needed. */
  next(): CapturedPacket | undefined {
    if (this.failure) throw this.failure;
    if (this.format === undefined && !this.readFormat()) return undefined;
    if (this.format === "pcap") return this.nextPcap();
    // Each pass consumes one whole non-packet block (≥ 12 bytes) or returns.
    for (;;) {
      const r = this.nextBlock();
      if (r !== null) return r;
    }
  }

  private fail(layer: "pcap" | "pcapng", at: number, reason: string): never {
    this.failure = new DecodeError(layer, this.base + at, reason);
    throw this.failure;
  }

  private u16(at: number): number {
    const b = this.buf;
    return this.littleEndian ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!;
  }

  private u32(at: number): number {
    const b = this.buf;
    return this.littleEndian
      ? (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0
      : ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
  }

  private readFormat(): boolean {
    if (this.lim - this.pos < 4) return false;
    const p = this.pos;
    const b = this.buf;
    const be = ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
    const le = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
    if (be === PcapngBlockType.sectionHeader) {
      // The SHB itself is parsed by nextBlock(), which also handles later sections.
      this.format = "pcapng";
      return true;
    }
    let magic: number;
    if (be === PcapMagic.microseconds || be === PcapMagic.nanoseconds) {
      this.littleEndian = false;
      magic = be;
    } else if (le === PcapMagic.microseconds || le === PcapMagic.nanoseconds) {
      this.littleEndian = true;
      magic = le;
    } else {
      return this.fail("pcap", p, `not a pcap or pcapng file (magic 0x${be.toString(16).padStart(8, "0")})`);
    }
    if (this.lim - p < PCAP_FILE_HEADER) return false;
    // draft-ietf-opsawg-pcap §4: major version 2 is the only one ever written.
    const major = this.u16(p + 4);
    if (major !== 2) return this.fail("pcap", p + 4, `unsupported pcap major version ${major}`);
    this.nanosecondPcap = magic === PcapMagic.nanoseconds;
    this.pcapSnapLength = this.u32(p + 16);
    // §4: LinkType in the lower 16 bits; the upper bits carry FCS information we do not need.
    this.pcapLinkType = this.u32(p + 20) & 0xffff;
    this.format = "pcap";
    this.pos = p + PCAP_FILE_HEADER;
    return true;
  }

  private nextPcap(): CapturedPacket | undefined {
    const p = this.pos;
    if (this.lim - p < PCAP_RECORD_HEADER) return undefined;
    const captured = this.u32(p + 8);
    if (captured > this.maxRecord - PCAP_RECORD_HEADER) {
      this.fail("pcap", p + 8, `captured length ${captured} exceeds the ${this.maxRecord}-byte record cap`);
    }
    const total = PCAP_RECORD_HEADER + captured;
    if (this.lim - p < total) return undefined;
    let seconds = this.u32(p);
    let fraction = this.u32(p + 4);
    let ns: number;
    if (this.nanosecondPcap) {
      if (fraction >= 1e9) {
        seconds += Math.floor(fraction / 1e9);
        fraction %= 1e9;
      }
      ns = fraction;
    } else {
      if (fraction >= 1e6) {
        seconds += Math.floor(fraction / 1e6);
        fraction %= 1e6;
      }
      ns = fraction * 1000;
    }
    const original = this.u32(p + 12);
    this.pos = p + total;
    return {
      frameNumber: ++this.frames,
      seconds,
      nanoseconds: ns,
      linkType: this.pcapLinkType,
      interfaceId: 0,
      capturedLength: captured,
      originalLength: original,
      bytes: this.buf,
      start: p + PCAP_RECORD_HEADER,
      end: p + total,
    };
  }

  /** One pcapng block: a packet, `null` after consuming a non-packet block, `undefined` to wait for data. */
  private nextBlock(): CapturedPacket | undefined | null {
    const p = this.pos;
    const avail = this.lim - p;
    if (avail < 12) return undefined;
    const b = this.buf;
    const typeBe = ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
    if (typeBe === PcapngBlockType.sectionHeader) {
      // pcapng §4.1: the byte order of the new section comes from its Byte-Order Magic.
      const bomBe = ((b[p + 8]! << 24) | (b[p + 9]! << 16) | (b[p + 10]! << 8) | b[p + 11]!) >>> 0;
      const bomLe = (b[p + 8]! | (b[p + 9]! << 8) | (b[p + 10]! << 16) | (b[p + 11]! << 24)) >>> 0;
      if (bomBe === PCAPNG_BYTE_ORDER_MAGIC) this.littleEndian = false;
      else if (bomLe === PCAPNG_BYTE_ORDER_MAGIC) this.littleEndian = true;
      else return this.fail("pcapng", p + 8, "section header has no valid byte-order magic");
    } else if (this.sections === 0) {
      return this.fail("pcapng", p, "first block is not a section header");
    }
    const type = this.u32(p);
    const length = this.u32(p + 4);
    if (length < 12 || length % 4 !== 0) {
      return this.fail("pcapng", p + 4, `block total length ${length} is not a multiple of 4 of at least 12`);
    }
    if (length > this.maxRecord) {
      return this.fail(
        "pcapng",
        p + 4,
        `block total length ${length} exceeds the ${this.maxRecord}-byte cap`,
      );
    }
    if (avail < length) return undefined;
    const trailer = this.u32(p + length - 4);
    if (trailer !== length) {
      return this.fail("pcapng", p + length - 4, `block trailer length ${trailer} differs from ${length}`);
    }
    // From here on the block is well framed: consume it first, so a content error is recoverable.
    this.pos = p + length;
    const bodyEnd = p + length - 4;
    switch (type) {
      case PcapngBlockType.sectionHeader:
        this.readSectionHeader(p, length);
        return null;
      case PcapngBlockType.interfaceDescription:
        this.readInterface(p, bodyEnd);
        return null;
      case PcapngBlockType.enhancedPacket:
        return this.readEnhancedPacket(p, bodyEnd, false);
      case PcapngBlockType.packet:
        return this.readEnhancedPacket(p, bodyEnd, true);
      case PcapngBlockType.simplePacket:
        return this.readSimplePacket(p, bodyEnd);
      case PcapngBlockType.customCopiable:
      case PcapngBlockType.customNonCopiable:
      case PcapngBlockType.systemdJournalExport:
        // tshark (4.0) shows these blocks as frames of their own: count them so frame numbers agree.
        this.frames++;
        return null;
      default:
        // NRB, ISB, DSB and unknown blocks carry nothing the pipeline needs.
        return null;
    }
  }

  private contentError(at: number, reason: string): never {
    throw new DecodeError("pcapng", this.base + at, reason);
  }

  private readSectionHeader(p: number, length: number): void {
    if (length < SHB_MIN) this.fail("pcapng", p + 4, `section header block of ${length} bytes is too short`);
    const major = this.u16(p + 12);
    // pcapng §4.1: a different major version means the blocks may not be readable at all.
    if (major !== 1) this.fail("pcapng", p + 12, `unsupported pcapng major version ${major}`);
    this.sections++;
    this.ifaces = [];
  }

  private readInterface(p: number, bodyEnd: number): void {
    if (bodyEnd - p < 16) {
      this.pushInterface(1, 0, 6, 0, undefined);
      this.contentError(p + 4, "interface description block is too short");
    }
    const linkType = this.u16(p + 8);
    const snapLength = this.u32(p + 12);
    let resolution = 6;
    let offset = 0;
    let name: string | undefined;
    let at = p + 16;
    let problem: [number, string] | undefined;
    // pcapng §3.5: options are code(2) length(2) value padded to 32 bits, ended by opt_endofopt or the block end.
    while (at + 4 <= bodyEnd) {
      const code = this.u16(at);
      const len = this.u16(at + 2);
      if (code === PcapngOption.endOfOptions) break;
      const valueEnd = at + 4 + len;
      if (valueEnd > bodyEnd) {
        problem = [at + 2, `option ${code} of ${len} bytes runs past the block`];
        break;
      }
      if (code === PcapngOption.ifTsresol && len >= 1) resolution = this.buf[at + 4]!;
      else if (code === PcapngOption.ifTsoffset && len >= 8) {
        const hi = this.u32(this.littleEndian ? at + 8 : at + 4) | 0;
        const lo = this.u32(this.littleEndian ? at + 4 : at + 8);
        offset = hi * TWO32 + lo;
      } else if (code === PcapngOption.ifName && len > 0) {
        name = new TextDecoder().decode(this.buf.subarray(at + 4, valueEnd));
      }
      at = valueEnd + ((4 - (len & 3)) & 3);
    }
    if (this.ifaces.length >= this.maxInterfaces) {
      this.contentError(p, `more than ${this.maxInterfaces} interfaces in one section`);
    }
    this.pushInterface(linkType, snapLength, resolution, offset, name);
    if (problem) this.contentError(problem[0], problem[1]);
  }

  private pushInterface(
    linkType: number,
    snapLength: number,
    resolution: number,
    offset: number,
    name: string | undefined,
  ): void {
    let units = 0;
    let nsMultiplier = 0;
    let binaryShift = 0;
    let bigUnits = 0n;
    const power = resolution & 0x7f;
    if (resolution & 0x80) {
      // pcapng §4.2 if_tsresol: MSB set → 2^-power seconds.
      if (power <= 32) {
        units = 2 ** power;
        binaryShift = power;
      } else bigUnits = 1n << BigInt(power);
    } else if (power <= 9) {
      units = 10 ** power;
      nsMultiplier = 10 ** (9 - power);
    } else bigUnits = 10n ** BigInt(power);
    const iface: InterfaceState = {
      linkType,
      snapLength,
      timestampResolution: resolution,
      timestampOffset: offset,
      units,
      nsMultiplier,
      binaryShift,
      bigUnits,
    };
    if (name !== undefined) (iface as { name?: string }).name = name;
    this.ifaces.push(iface);
  }

  private readEnhancedPacket(p: number, bodyEnd: number, obsolete: boolean): CapturedPacket {
    const frameNumber = ++this.frames;
    // EPB (§4.3) and the obsolete PB (Appendix A) share the layout but for a 16-bit interface id + drops count.
    if (bodyEnd - p < 28) this.contentError(p + 4, "packet block is too short");
    const interfaceId = obsolete ? this.u16(p + 8) : this.u32(p + 8);
    const iface = this.ifaces[interfaceId];
    if (!iface) this.contentError(p + 8, `packet names undefined interface ${interfaceId}`);
    const captured = this.u32(p + 20);
    const original = this.u32(p + 24);
    const start = p + 28;
    if (captured > bodyEnd - start) {
      this.contentError(p + 20, `captured length ${captured} runs past the block`);
    }
    const hi = this.u32(p + 12);
    const lo = this.u32(p + 16);
    let seconds: number;
    let ns: number;
    if (iface.units === 0) {
      const ts = (BigInt(hi) << 32n) | BigInt(lo);
      const u = iface.bigUnits;
      seconds = Number(ts / u);
      ns = Number(((ts % u) * 1_000_000_000n) / u);
    } else {
      const u = iface.units;
      let rem: number;
      if (hi < 0x200000) {
        // Below 2^53 the 64-bit value is exact as a double.
        const ts = hi * TWO32 + lo;
        seconds = Math.floor(ts / u);
        rem = ts - seconds * u;
        if (rem < 0) {
          seconds--;
          rem += u;
        } else if (rem >= u) {
          seconds++;
          rem -= u;
        }
      } else {
        // Long division by 16-bit limbs: every intermediate stays below 2^48, so it is exact.
        let r = 0;
        let q = 0;
        const limbs0 = hi >>> 16;
        const limbs1 = hi & 0xffff;
        const limbs2 = lo >>> 16;
        const limbs3 = lo & 0xffff;
        for (let i = 0; i < 4; i++) {
          const limb = i === 0 ? limbs0 : i === 1 ? limbs1 : i === 2 ? limbs2 : limbs3;
          const cur = r * 65536 + limb;
          let d = Math.floor(cur / u);
          r = cur - d * u;
          if (r < 0) {
            d--;
            r += u;
          } else if (r >= u) {
            d++;
            r -= u;
          }
          q = q * 65536 + d;
        }
        seconds = q;
        rem = r;
      }
      if (iface.nsMultiplier !== 0) ns = rem * iface.nsMultiplier;
      else if (iface.binaryShift <= 9) ns = Math.floor((rem * 1e9) / u);
      // 10^9 = 2^9 · 1953125, and rem < 2^32 keeps rem · 1953125 below 2^53.
      else ns = Math.floor((rem * 1953125) / 2 ** (iface.binaryShift - 9));
    }
    seconds += iface.timestampOffset;
    return {
      frameNumber,
      seconds,
      nanoseconds: ns,
      linkType: iface.linkType,
      interfaceId,
      capturedLength: captured,
      originalLength: original,
      bytes: this.buf,
      start,
      end: start + captured,
    };
  }

  private readSimplePacket(p: number, bodyEnd: number): CapturedPacket {
    const frameNumber = ++this.frames;
    if (bodyEnd - p < 12) this.contentError(p + 4, "simple packet block is too short");
    // pcapng §4.4: an SPB belongs to interface 0 and has no timestamp.
    const iface = this.ifaces[0];
    if (!iface) this.contentError(p, "simple packet block before any interface description");
    const original = this.u32(p + 8);
    const start = p + 12;
    let captured = Math.min(original, bodyEnd - start);
    if (iface.snapLength > 0 && iface.snapLength < captured) captured = iface.snapLength;
    return {
      frameNumber,
      seconds: 0,
      nanoseconds: 0,
      linkType: iface.linkType,
      interfaceId: 0,
      capturedLength: captured,
      originalLength: original,
      bytes: this.buf,
      start,
      end: start + captured,
    };
  }
}

/**
 * Reads a whole capture held in memory. Packets point into `bytes` (no copies). Throws DecodeError on a
 * corrupt or truncated file, after yielding the packets before the problem.
 */
export function* readCapture(bytes: Uint8Array, options?: CaptureReaderOptions): Generator<CapturedPacket> {
  const reader = new CaptureReader(options);
  reader.push(bytes);
  for (let p = reader.next(); p; p = reader.next()) yield p;
  reader.end();
}
