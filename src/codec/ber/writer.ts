import { ByteWriter } from "../bytes.js";
import { EncodeError } from "../errors.js";
import type { BerClass } from "./constants.js";

/**
 * BER writer producing DER-style definite lengths (X.690 §8.1.3.3: shortest form). Constructed values
 * are opened with `begin` and closed with `end`; the length is patched in when the content is known,
 * moving the content only when it needs a long-form length (rare in TCAP/MAP).
 */
export class BerWriter {
  readonly out: ByteWriter;

  constructor(initialSize = 256) {
    this.out = new ByteWriter(initialSize);
  }

  /** Writes identifier octets (X.690 §8.1.2). */
  tag(tagClass: BerClass, constructed: boolean, tagNumber: number): this {
    if (!Number.isInteger(tagNumber) || tagNumber < 0 || tagNumber > 0x0fffffff) {
      throw new EncodeError("ber", "tag number", `${tagNumber} is not an integer in 0..2^28-1`);
    }
    const lead = (tagClass << 6) | (constructed ? 0x20 : 0);
    if (tagNumber < 31) {
      this.out.u8(lead | tagNumber);
      return this;
    }
    this.out.u8(lead | 0x1f);
    let shift = 21;
    while (shift > 0 && tagNumber >>> shift === 0) shift -= 7;
    for (; shift > 0; shift -= 7) this.out.u8(0x80 | ((tagNumber >>> shift) & 0x7f));
    this.out.u8(tagNumber & 0x7f);
    return this;
  }

  /** Writes a definite length in the shortest form. */
  length(len: number): this {
    if (len < 0x80) this.out.u8(len);
    else if (len < 0x100) this.out.u8(0x81).u8(len);
    else if (len < 0x10000) this.out.u8(0x82).u16(len);
    else if (len < 0x1000000)
      this.out
        .u8(0x83)
        .u8(len >>> 16)
        .u16(len & 0xffff);
    else this.out.u8(0x84).u32(len);
    return this;
  }

  /** Opens a constructed value; returns a mark to pass to `end`. */
  begin(tagClass: BerClass, tagNumber: number): number {
    this.tag(tagClass, true, tagNumber);
    this.out.u8(0); // placeholder, patched by end()
    return this.out.length;
  }

  /** Closes the constructed value opened at `mark`, fixing its length. */
  end(mark: number): this {
    const len = this.out.length - mark;
    if (len < 0x80) {
      this.out.patchU8(mark - 1, len);
      return this;
    }
    const extra = len < 0x100 ? 1 : len < 0x10000 ? 2 : len < 0x1000000 ? 3 : 4;
    // Grow by `extra`, shift the content right, then write the long-form length.
    for (let i = 0; i < extra; i++) this.out.u8(0);
    const buf = this.out.finish();
    buf.copyWithin(mark + extra, mark, mark + len);
    buf[mark - 1] = 0x80 | extra;
    for (let i = 0; i < extra; i++) buf[mark + i] = (len >>> (8 * (extra - 1 - i))) & 0xff;
    return this;
  }

  /** A primitive TLV with the given content octets. */
  primitive(tagClass: BerClass, tagNumber: number, content: Uint8Array): this {
    this.tag(tagClass, false, tagNumber).length(content.length);
    this.out.bytes(content);
    return this;
  }

  /** X.690 §8.3: INTEGER in the minimum number of octets. */
  integer(tagClass: BerClass, tagNumber: number, value: number): this {
    if (!Number.isSafeInteger(value))
      throw new EncodeError("ber", "INTEGER", `${value} is not a safe integer`);
    let n = 1;
    while (n < 7 && (value < -(2 ** (8 * n - 1)) || value >= 2 ** (8 * n - 1))) n++;
    if (n > 6) throw new EncodeError("ber", "INTEGER", `${value} needs more than 6 octets`);
    this.tag(tagClass, false, tagNumber).length(n);
    let v = value < 0 ? value + 256 ** n : value;
    const start = this.out.length;
    for (let i = 0; i < n; i++) this.out.u8(0);
    const buf = this.out.finish();
    for (let i = n - 1; i >= 0; i--) {
      buf[start + i] = v % 256;
      v = Math.floor(v / 256);
    }
    return this;
  }

  /** Unsigned big-endian integer in exactly `octets` octets (TCAP transaction IDs). */
  fixedUnsigned(tagClass: BerClass, tagNumber: number, value: number, octets: number): this {
    if (!Number.isSafeInteger(value) || value < 0 || value >= 256 ** octets) {
      throw new EncodeError("ber", "unsigned", `${value} does not fit ${octets} octets`);
    }
    this.tag(tagClass, false, tagNumber).length(octets);
    for (let i = octets - 1; i >= 0; i--) this.out.u8(Math.floor(value / 256 ** i) % 256);
    return this;
  }

  boolean(tagClass: BerClass, tagNumber: number, value: boolean): this {
    this.tag(tagClass, false, tagNumber).length(1);
    this.out.u8(value ? 0xff : 0);
    return this;
  }

  null(tagClass: BerClass, tagNumber: number): this {
    this.tag(tagClass, false, tagNumber).length(0);
    return this;
  }

  /** X.690 §8.19: OBJECT IDENTIFIER from dotted decimal. */
  objectIdentifier(tagClass: BerClass, tagNumber: number, oid: string): this {
    this.tag(tagClass, false, tagNumber);
    const body = encodeOidContent(oid);
    this.length(body.length);
    this.out.bytes(body);
    return this;
  }

  /** Appends already-encoded TLVs (e.g. an opaque MAP argument). */
  raw(bytes: Uint8Array): this {
    this.out.bytes(bytes);
    return this;
  }

  finish(): Buffer {
    return this.out.finish();
  }
}

/** Content octets of an OBJECT IDENTIFIER (X.690 §8.19.2–4). */
export function encodeOidContent(oid: string): Uint8Array {
  const parts = oid.split(".");
  if (parts.length < 2 || parts.some((p) => !/^\d+$/.test(p))) {
    throw new EncodeError(
      "ber",
      "OBJECT IDENTIFIER",
      `${JSON.stringify(oid)} is not dotted decimal with 2+ arcs`,
    );
  }
  const arcs = parts.map(Number);
  const [a0, a1] = arcs as [number, number];
  if (a0 > 2 || (a0 < 2 && a1 > 39))
    throw new EncodeError("ber", "OBJECT IDENTIFIER", `bad first arcs in ${oid}`);
  const subs = [a0 * 40 + a1, ...arcs.slice(2)];
  const out: number[] = [];
  for (const s of subs) {
    if (!Number.isSafeInteger(s)) throw new EncodeError("ber", "OBJECT IDENTIFIER", `arc ${s} too large`);
    const groups: number[] = [];
    let v = s;
    do {
      groups.unshift(v % 128);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < groups.length; i++) out.push(groups[i]! | (i < groups.length - 1 ? 0x80 : 0));
  }
  return Uint8Array.from(out);
}
