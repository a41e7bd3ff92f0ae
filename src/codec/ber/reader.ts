import { DecodeError } from "../errors.js";
import { BER_MAX_DEPTH, BER_MAX_TAG_NUMBER, type BerClass } from "./constants.js";

/**
 * A reusable cursor over one BER TLV (X.690 §8.1). `read(at, limit)` decodes the identifier and length
 * octets at `at` and fills the fields in place, so walking a message allocates nothing. All offsets are
 * absolute into `bytes`. For an indefinite length (X.690 §8.1.3.6) `valueEnd` is the offset of the
 * end-of-contents octets and `end` is just past them.
 */
export class BerCursor {
  tagClass: BerClass = 0;
  constructed = false;
  tagNumber = 0;
  /** Offset of the identifier octet. */
  start = 0;
  valueStart = 0;
  valueEnd = 0;
  /** Offset just past this TLV (past the EOC octets when indefinite). */
  end = 0;
  indefinite = false;

  constructor(public bytes: Uint8Array) {}

  /** Decodes the TLV header at `at`; the TLV must end at or before `limit`. Returns `this`. */
  read(at: number, limit: number): this {
    const b = this.bytes;
    if (limit > b.length) limit = b.length;
    if (at >= limit) throw new DecodeError("ber", at, "expected a tag, found end of data");
    this.start = at;
    const id = b[at++]!;
    this.tagClass = (id >> 6) as BerClass;
    this.constructed = (id & 0x20) !== 0;
    let num = id & 0x1f;
    if (num === 0x1f) {
      // X.690 §8.1.2.4: high tag number form, base-128 with continuation bits.
      num = 0;
      let count = 0;
      for (;;) {
        if (at >= limit) throw new DecodeError("ber", at, "tag number runs past end of data");
        const o = b[at++]!;
        if (count === 0 && o === 0x80)
          throw new DecodeError("ber", at - 1, "tag number has a leading zero octet");
        num = num * 128 + (o & 0x7f);
        count++;
        if (num > BER_MAX_TAG_NUMBER) throw new DecodeError("ber", at - 1, "tag number too large");
        if ((o & 0x80) === 0) break;
      }
    }
    this.tagNumber = num;
    if (at >= limit) throw new DecodeError("ber", at, "expected a length, found end of data");
    const l0 = b[at++]!;
    if (l0 < 0x80) {
      this.indefinite = false;
      this.valueStart = at;
      this.valueEnd = at + l0;
    } else if (l0 === 0x80) {
      // X.690 §8.1.3.2 b: indefinite form only for constructed encodings.
      if (!this.constructed)
        throw new DecodeError("ber", at - 1, "indefinite length on a primitive encoding");
      this.indefinite = true;
      this.valueStart = at;
      this.valueEnd = findEndOfContents(b, at, limit);
      this.end = this.valueEnd + 2;
      return this;
    } else {
      const n = l0 & 0x7f;
      // X.690 §8.1.3.5 c: 0xFF is reserved. More than 4 length octets cannot describe data we could hold.
      if (l0 === 0xff) throw new DecodeError("ber", at - 1, "reserved length octet 0xFF");
      if (n > 4) throw new DecodeError("ber", at - 1, `length of ${n} octets is too long`);
      if (at + n > limit) throw new DecodeError("ber", at, "length octets run past end of data");
      let len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + b[at++]!;
      this.indefinite = false;
      this.valueStart = at;
      this.valueEnd = at + len;
    }
    if (this.valueEnd > limit) {
      throw new DecodeError(
        "ber",
        this.valueStart,
        `value of ${this.valueEnd - this.valueStart} octets runs past end of data`,
      );
    }
    this.end = this.valueEnd;
    return this;
  }

  /** True when this TLV has the given class, form and number. */
  is(tagClass: BerClass, constructed: boolean, tagNumber: number): boolean {
    return this.tagClass === tagClass && this.constructed === constructed && this.tagNumber === tagNumber;
  }

  get valueLength(): number {
    return this.valueEnd - this.valueStart;
  }
}

/**
 * Finds the end-of-contents octets closing an indefinite-length value that starts at `at`. Iterative:
 * definite TLVs are skipped whole, nested indefinite ones raise the depth, EOC lowers it. Each step
 * advances by at least two octets, so the scan ends on any input.
 */
function findEndOfContents(b: Uint8Array, at: number, limit: number): number {
  let depth = 1;
  while (at < limit) {
    if (b[at] === 0 && at + 1 < limit && b[at + 1] === 0) {
      depth--;
      if (depth === 0) return at;
      at += 2;
      continue;
    }
    const tlvStart = at;
    const id = b[at++]!;
    if ((id & 0x1f) === 0x1f) {
      let count = 0;
      for (;;) {
        if (at >= limit) throw new DecodeError("ber", at, "tag number runs past end of data");
        const o = b[at++]!;
        if (count === 0 && o === 0x80)
          throw new DecodeError("ber", at - 1, "tag number has a leading zero octet");
        if (++count > 4) throw new DecodeError("ber", at - 1, "tag number too large");
        if ((o & 0x80) === 0) break;
      }
    }
    if (at >= limit) throw new DecodeError("ber", at, "expected a length, found end of data");
    const l0 = b[at++]!;
    if (l0 === 0x80) {
      if ((id & 0x20) === 0)
        throw new DecodeError("ber", at - 1, "indefinite length on a primitive encoding");
      depth++;
      if (depth > BER_MAX_DEPTH) throw new DecodeError("ber", tlvStart, "nesting deeper than the limit");
      continue;
    }
    let len = l0;
    if (l0 > 0x80) {
      const n = l0 & 0x7f;
      if (l0 === 0xff) throw new DecodeError("ber", at - 1, "reserved length octet 0xFF");
      if (n > 4) throw new DecodeError("ber", at - 1, `length of ${n} octets is too long`);
      if (at + n > limit) throw new DecodeError("ber", at, "length octets run past end of data");
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + b[at++]!;
    }
    if (at + len > limit) throw new DecodeError("ber", at, `value of ${len} octets runs past end of data`);
    at += len;
  }
  throw new DecodeError("ber", limit, "indefinite length without end-of-contents");
}

/** X.690 §8.3: two's-complement INTEGER of up to 6 octets (safe integer range). */
export function readInteger(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n < 1) throw new DecodeError("ber", start, "INTEGER with no content octets");
  if (n > 6) throw new DecodeError("ber", start, `INTEGER of ${n} octets exceeds the supported 6`);
  let v = 0;
  for (let i = start; i < end; i++) v = v * 256 + b[i]!;
  // Two's complement: a set top bit means the value is v - 2^(8n).
  if (b[start]! & 0x80) v -= 256 ** n;
  return v;
}

/** Unsigned big-endian integer of up to 6 octets (lengths, TIDs as numbers). */
export function readUnsigned(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n < 1) throw new DecodeError("ber", start, "integer with no content octets");
  if (n > 6) throw new DecodeError("ber", start, `integer of ${n} octets exceeds the supported 6`);
  let v = 0;
  for (let i = start; i < end; i++) v = v * 256 + b[i]!;
  return v;
}

/** X.690 §8.2: BOOLEAN; any non-zero octet is TRUE. */
export function readBoolean(b: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 1) throw new DecodeError("ber", start, "BOOLEAN must have exactly one content octet");
  return b[start] !== 0;
}

/** X.690 §8.19: OBJECT IDENTIFIER as dotted decimal. */
export function readObjectIdentifier(b: Uint8Array, start: number, end: number): string {
  if (end <= start) throw new DecodeError("ber", start, "OBJECT IDENTIFIER with no content octets");
  let out = "";
  let v = 0;
  let first = true;
  let arcOctets = 0;
  for (let i = start; i < end; i++) {
    const o = b[i]!;
    if (arcOctets === 0 && o === 0x80) throw new DecodeError("ber", i, "OID arc has a leading zero octet");
    v = v * 128 + (o & 0x7f);
    arcOctets++;
    if (v > Number.MAX_SAFE_INTEGER / 128) throw new DecodeError("ber", i, "OID arc too large");
    if (o & 0x80) continue;
    if (first) {
      // §8.19.4: the first subidentifier packs the first two arcs as X*40+Y.
      const x = v < 40 ? 0 : v < 80 ? 1 : 2;
      out = `${x}.${v - x * 40}`;
      first = false;
    } else {
      out += `.${v}`;
    }
    v = 0;
    arcOctets = 0;
  }
  if (arcOctets !== 0) throw new DecodeError("ber", end - 1, "OID ends inside an arc");
  return out;
}
