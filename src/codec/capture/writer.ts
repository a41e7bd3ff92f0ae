import { EncodeError } from "../errors.js";
import { LinkType, PCAPNG_BYTE_ORDER_MAGIC, PcapMagic, PcapngBlockType, PcapngOption } from "./constants.js";

export interface PcapWriterOptions {
  /** "pcap" (default) or "pcapng". */
  readonly format?: "pcap" | "pcapng";
  /** Nanosecond timestamps: pcap magic a1b23c4d, or pcapng if_tsresol 9. Default: microseconds. */
  readonly nanoseconds?: boolean;
  /** Link type of the file (pcap) or of the first interface (pcapng). Default Ethernet. */
  readonly linkType?: number;
  /** Snap length written in the header / first IDB (default 262144). */
  readonly snapLength?: number;
  /** Write big-endian headers (as a big-endian host would). Default little-endian. */
  readonly bigEndian?: boolean;
  /** Size of the output chunks (default 1 MiB). */
  readonly chunkSize?: number;
  /** pcapng: shb_userappl text of the first section (default "ss7guard"). */
  readonly application?: string;
}

/** Options of a pcapng interface added with `PcapWriter.addInterface`. */
export interface PcapngInterfaceOptions {
  readonly linkType: number;
  readonly snapLength?: number;
  /**
   * Raw if_tsresol value: 0…9 for 10^-n s, 0x80 | n for 2^-n s (n ≤ 30). Default 6 (µs, option omitted)
   * unless the writer was created with `nanoseconds`.
   */
  readonly timestampResolution?: number;
  /** if_tsoffset in seconds (written when non-zero; timestamps are then stored relative to it). */
  readonly timestampOffset?: number;
  readonly name?: string;
}

const TWO32 = 4294967296;

interface WriterInterface {
  /** Units per second of the stored timestamp. */
  readonly units: number;
  /** Decimal resolutions: ns per unit; 0 for binary ones. */
  readonly nsPerUnit: number;
  readonly offset: number;
}

/**
 * Writes pcap (draft-ietf-opsawg-pcap) or pcapng (draft-ietf-opsawg-pcapng) captures into memory
 * chunks. Pure: the caller takes the bytes with `take()` / `takeChunks()` and writes them where it
 * wants. Each packet is one copy into the current chunk, so writing millions of packets allocates one
 * chunk per `chunkSize` bytes.
 */
export class PcapWriter {
  readonly format: "pcap" | "pcapng";
  private readonly le: boolean;
  private readonly nanos: boolean;
  private readonly chunkSize: number;
  private readonly ifaces: WriterInterface[] = [];
  private chunks: Uint8Array[] = [];
  private buf: Uint8Array;
  private len = 0;

  constructor(options: PcapWriterOptions = {}) {
    this.format = options.format ?? "pcap";
    this.le = !options.bigEndian;
    this.nanos = options.nanoseconds ?? false;
    this.chunkSize = options.chunkSize ?? 1024 * 1024;
    this.buf = new Uint8Array(this.chunkSize);
    const linkType = options.linkType ?? LinkType.ethernet;
    const snapLength = options.snapLength ?? 262144;
    if (this.format === "pcap") {
      // draft-ietf-opsawg-pcap §4: magic, version 2.4, two reserved words, SnapLen, LinkType.
      const at = this.reserve(24);
      this.w32(at, this.nanos ? PcapMagic.nanoseconds : PcapMagic.microseconds);
      this.w16(at + 4, 2);
      this.w16(at + 6, 4);
      this.w32(at + 8, 0);
      this.w32(at + 12, 0);
      this.w32(at + 16, snapLength);
      this.w32(at + 20, linkType);
    } else {
      this.addSection(options.application ?? "ss7guard");
      this.addInterface({ linkType, snapLength });
    }
  }

  /** pcapng: starts a new section (interfaces must be added again). */
  addSection(application?: string): void {
    if (this.format !== "pcapng")
      throw new EncodeError("pcapng", "section", "only pcapng files have sections");
    const opts = application ? optionBytes(4, new TextEncoder().encode(application)) : [];
    const optLen = opts.length ? opts.reduce((n, o) => n + o.length, 0) + 4 : 0;
    // pcapng §4.1: type, length, BOM, version 1.0, section length -1 (unknown), options, length.
    const total = 28 + optLen;
    const at = this.reserve(total);
    this.w32(at, PcapngBlockType.sectionHeader);
    this.w32(at + 4, total);
    this.w32(at + 8, PCAPNG_BYTE_ORDER_MAGIC);
    this.w16(at + 12, 1);
    this.w16(at + 14, 0);
    this.w32(at + 16, 0xffffffff);
    this.w32(at + 20, 0xffffffff);
    this.writeOptions(at + 24, opts);
    this.w32(at + total - 4, total);
    this.ifaces.length = 0;
  }

  /** pcapng: describes one more interface of the current section; returns its interface id. */
  addInterface(options: PcapngInterfaceOptions): number {
    if (this.format !== "pcapng")
      throw new EncodeError("pcapng", "interface", "only pcapng files have interfaces");
    const resolution = options.timestampResolution ?? (this.nanos ? 9 : 6);
    const power = resolution & 0x7f;
    if (resolution & 0x80 ? power > 30 : power > 9) {
      throw new EncodeError(
        "pcapng",
        "if_tsresol",
        `resolution ${resolution} is not supported by the writer`,
      );
    }
    const opts: Uint8Array[] = [];
    if (options.name) opts.push(...optionBytes(PcapngOption.ifName, new TextEncoder().encode(options.name)));
    if (resolution !== 6) opts.push(...optionBytes(PcapngOption.ifTsresol, Uint8Array.of(resolution)));
    const offset = options.timestampOffset ?? 0;
    if (offset !== 0) {
      const v = new Uint8Array(8);
      const hi = Math.floor(offset / TWO32);
      const lo = offset - hi * TWO32;
      const dv = new DataView(v.buffer);
      dv.setUint32(this.le ? 4 : 0, hi >>> 0, this.le);
      dv.setUint32(this.le ? 0 : 4, lo >>> 0, this.le);
      opts.push(...optionBytes(PcapngOption.ifTsoffset, v));
    }
    const optLen = opts.length ? opts.reduce((n, o) => n + o.length, 0) + 4 : 0;
    const total = 20 + optLen;
    const at = this.reserve(total);
    this.w32(at, PcapngBlockType.interfaceDescription);
    this.w32(at + 4, total);
    this.w16(at + 8, options.linkType);
    this.w16(at + 10, 0);
    this.w32(at + 12, options.snapLength ?? 262144);
    this.writeOptions(at + 16, opts);
    this.w32(at + total - 4, total);
    const binary = (resolution & 0x80) !== 0;
    this.ifaces.push({
      units: binary ? 2 ** power : 10 ** power,
      nsPerUnit: binary ? 0 : 10 ** (9 - power),
      offset,
    });
    return this.ifaces.length - 1;
  }

  /**
   * Appends one packet: `bytes[start, end)` captured at `seconds` + `nanoseconds` (UTC) on interface
   * `interfaceId` (pcapng; pcap has one). `originalLength` defaults to the captured length.
   */
  writePacket(
    seconds: number,
    nanoseconds: number,
    bytes: Uint8Array,
    start = 0,
    end = bytes.length,
    originalLength = end - start,
    interfaceId = 0,
  ): void {
    const caplen = end - start;
    if (this.format === "pcap") {
      const at = this.reserve(16 + caplen);
      this.w32(at, seconds);
      this.w32(at + 4, this.nanos ? nanoseconds : Math.floor(nanoseconds / 1000));
      this.w32(at + 8, caplen);
      this.w32(at + 12, originalLength);
      this.copy(bytes, start, end, at + 16);
      return;
    }
    const iface = this.ifaces[interfaceId];
    if (!iface) throw new EncodeError("pcapng", "interfaceId", `interface ${interfaceId} was not added`);
    // pcapng §4.3 EPB: type, length, interface, timestamp (hi, lo), caplen, origlen, data padded to 32 bits.
    const padded = (caplen + 3) & ~3;
    const total = 32 + padded;
    const at = this.reserve(total);
    const rel = seconds - iface.offset;
    const fraction =
      iface.nsPerUnit > 0
        ? Math.floor(nanoseconds / iface.nsPerUnit)
        : Math.floor((nanoseconds * iface.units) / 1e9);
    // seconds · units + fraction as two 32-bit words, exactly (the product can exceed 2^53).
    const sLo = rel % 65536;
    const sHi = (rel - sLo) / 65536;
    const high = sHi * iface.units;
    const highLo = high % 65536;
    let lo = highLo * 65536 + sLo * iface.units + fraction;
    const carry = Math.floor(lo / TWO32);
    lo -= carry * TWO32;
    const hi = (high - highLo) / 65536 + carry;
    this.w32(at, PcapngBlockType.enhancedPacket);
    this.w32(at + 4, total);
    this.w32(at + 8, interfaceId);
    this.w32(at + 12, hi);
    this.w32(at + 16, lo);
    this.w32(at + 20, caplen);
    this.w32(at + 24, originalLength);
    this.copy(bytes, start, end, at + 28);
    for (let i = at + 28 + caplen; i < at + 28 + padded; i++) this.buf[i] = 0;
    this.w32(at + total - 4, total);
  }

  /** pcapng §4.4: a Simple Packet Block (interface 0, no timestamp). */
  writeSimplePacket(bytes: Uint8Array, start = 0, end = bytes.length, originalLength = end - start): void {
    const caplen = end - start;
    const padded = (caplen + 3) & ~3;
    const body = new Uint8Array(4 + padded);
    new DataView(body.buffer).setUint32(0, originalLength, this.le);
    body.set(bytes.subarray(start, end), 4);
    this.writeBlock(PcapngBlockType.simplePacket, body);
  }

  /**
   * pcapng: writes a block of any type around `body` (already in this section's byte order, padded to
   * 32 bits): for Name Resolution, Interface Statistics, custom or experimental blocks.
   */
  writeBlock(type: number, body: Uint8Array): void {
    if (this.format !== "pcapng") throw new EncodeError("pcapng", "block", "only pcapng files have blocks");
    if (body.length % 4 !== 0) throw new EncodeError("pcapng", "block", "body is not padded to 32 bits");
    const total = 12 + body.length;
    const at = this.reserve(total);
    this.w32(at, type);
    this.w32(at + 4, total);
    this.buf.set(body, at + 8);
    this.w32(at + total - 4, total);
  }

  /** Whether multi-byte fields are written little-endian. */
  get littleEndian(): boolean {
    return this.le;
  }

  /** The bytes written since the last take, as the chunks they were written into (no copy). */
  takeChunks(): Uint8Array[] {
    const out = this.chunks;
    if (this.len > 0) out.push(this.buf.subarray(0, this.len));
    this.chunks = [];
    this.buf = new Uint8Array(this.chunkSize);
    this.len = 0;
    return out;
  }

  /** The bytes written since the last take, as one buffer. */
  take(): Uint8Array {
    const chunks = this.takeChunks();
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  /** Copies `bytes[start, end)` to `at` without creating a view when the whole array is wanted. */
  private copy(bytes: Uint8Array, start: number, end: number, at: number): void {
    if (start === 0 && end === bytes.length) this.buf.set(bytes, at);
    else this.buf.set(bytes.subarray(start, end), at);
  }

  private reserve(n: number): number {
    if (this.len + n > this.buf.length) {
      if (this.len > 0) this.chunks.push(this.buf.subarray(0, this.len));
      this.buf = new Uint8Array(Math.max(this.chunkSize, n));
      this.len = 0;
    }
    const at = this.len;
    this.len += n;
    return at;
  }

  private w16(at: number, v: number): void {
    const b = this.buf;
    if (this.le) {
      b[at] = v & 0xff;
      b[at + 1] = (v >>> 8) & 0xff;
    } else {
      b[at] = (v >>> 8) & 0xff;
      b[at + 1] = v & 0xff;
    }
  }

  private w32(at: number, v: number): void {
    const b = this.buf;
    if (this.le) {
      b[at] = v & 0xff;
      b[at + 1] = (v >>> 8) & 0xff;
      b[at + 2] = (v >>> 16) & 0xff;
      b[at + 3] = (v >>> 24) & 0xff;
    } else {
      b[at] = (v >>> 24) & 0xff;
      b[at + 1] = (v >>> 16) & 0xff;
      b[at + 2] = (v >>> 8) & 0xff;
      b[at + 3] = v & 0xff;
    }
  }

  private writeOptions(at: number, opts: readonly Uint8Array[]): void {
    if (opts.length === 0) return;
    for (let i = 0; i < opts.length; i += 2) {
      const head = opts[i]!;
      const code = head[0]! | (head[1]! << 8);
      const len = head[2]! | (head[3]! << 8);
      this.w16(at, code);
      this.w16(at + 2, len);
      const value = opts[i + 1]!;
      this.buf.set(value, at + 4);
      at += 4 + value.length;
    }
    // opt_endofopt.
    this.w32(at, 0);
  }
}

/**
 * pcapng §3.5 option as two parts: a 4-byte head holding code and length (little-endian here; writeOptions
 * writes them in the section's byte order) and the value, padded to 32 bits, already in that order.
 */
function optionBytes(code: number, value: Uint8Array): Uint8Array[] {
  const head = Uint8Array.of(code & 0xff, code >>> 8, value.length & 0xff, value.length >>> 8);
  const padded = new Uint8Array((value.length + 3) & ~3);
  padded.set(value);
  return [head, padded];
}
