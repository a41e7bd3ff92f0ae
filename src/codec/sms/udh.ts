/**
 * The user data header (TS 23.040 §9.2.3.24): UDHL, then information elements, each IEI, IEDL and IEDL
 * octets of data. Every element is kept generic (IEI + offsets of its data); the concatenation elements
 * (§9.2.3.24.1 8-bit reference, §9.2.3.24.8 16-bit reference) are also parsed.
 */
import { ByteWriter } from "../bytes.js";
import { DecodeError, EncodeError } from "../errors.js";
import { SMS_MAX_USER_DATA_OCTETS, SmsInformationElement } from "./constants.js";
import { checkRange } from "./gsm7.js";
import type { SmsConcatenation, SmsOctets, SmsUdhElement, SmsUserDataHeader } from "./types.js";

/** A `SmsOctets` covering all of `bytes`. */
export function smsOctets(bytes: Uint8Array): SmsOctets {
  return { bytes, start: 0, end: bytes.length };
}

/** The octets as a Uint8Array view (no copy). */
export function smsOctetsView(o: SmsOctets): Uint8Array {
  return o.bytes.subarray(o.start, o.end);
}

/** An information element with the given data. */
export function udhElement(iei: number, data: Uint8Array | readonly number[]): SmsUdhElement {
  const bytes = data instanceof Uint8Array ? data : Uint8Array.from(data);
  return { iei, bytes, start: 0, end: bytes.length };
}

/**
 * The concatenation element for one part: IEI 0x00 with an 8-bit reference (§9.2.3.24.1) or IEI 0x08 with
 * a 16-bit reference (§9.2.3.24.8); data = reference, total parts, this part's number (1-based).
 */
export function concatenationElement(c: SmsConcatenation): SmsUdhElement {
  const max = c.referenceBits === 16 ? 0xffff : 0xff;
  if (c.referenceBits !== 8 && c.referenceBits !== 16) {
    throw new EncodeError("sms", "concatenation reference bits", `${String(c.referenceBits)} is not 8 or 16`);
  }
  if (!(Number.isInteger(c.reference) && c.reference >= 0 && c.reference <= max)) {
    throw new EncodeError("sms", "concatenation reference", `${c.reference} is not an integer in 0..${max}`);
  }
  if (!(Number.isInteger(c.totalParts) && c.totalParts >= 1 && c.totalParts <= 255)) {
    throw new EncodeError("sms", "concatenation total parts", `${c.totalParts} is not an integer in 1..255`);
  }
  if (!(Number.isInteger(c.partNumber) && c.partNumber >= 1 && c.partNumber <= c.totalParts)) {
    throw new EncodeError(
      "sms",
      "concatenation part number",
      `${c.partNumber} is not an integer in 1..${c.totalParts}`,
    );
  }
  return c.referenceBits === 8
    ? udhElement(SmsInformationElement.concatenated8BitReference, [c.reference, c.totalParts, c.partNumber])
    : udhElement(SmsInformationElement.concatenated16BitReference, [
        c.reference >> 8,
        c.reference & 0xff,
        c.totalParts,
        c.partNumber,
      ]);
}

/**
 * The concatenation a list of elements describes, or undefined. §9.2.3.24: a non-repeatable element that
 * is repeated counts by its last occurrence; §9.2.3.24.1: an element with 0 parts, part 0 or a part
 * number above the total is ignored (an earlier valid one then stands).
 */
export function concatenationOf(elements: readonly SmsUdhElement[]): SmsConcatenation | undefined {
  let found: SmsConcatenation | undefined;
  for (const e of elements) {
    const d = e.bytes;
    let c: SmsConcatenation | undefined;
    if (e.iei === SmsInformationElement.concatenated8BitReference && e.end - e.start === 3) {
      c = {
        reference: d[e.start]!,
        referenceBits: 8,
        totalParts: d[e.start + 1]!,
        partNumber: d[e.start + 2]!,
      };
    } else if (e.iei === SmsInformationElement.concatenated16BitReference && e.end - e.start === 4) {
      c = {
        reference: (d[e.start]! << 8) | d[e.start + 1]!,
        referenceBits: 16,
        totalParts: d[e.start + 2]!,
        partNumber: d[e.start + 3]!,
      };
    } else {
      continue;
    }
    if (c.totalParts >= 1 && c.partNumber >= 1 && c.partNumber <= c.totalParts) found = c;
  }
  return found;
}

/** A header of these elements, with its concatenation parsed. */
export function userDataHeader(elements: readonly SmsUdhElement[]): SmsUserDataHeader {
  const concatenation = concatenationOf(elements);
  return concatenation ? { elements: [...elements], concatenation } : { elements: [...elements] };
}

/** Octets the header takes in TP-UD, UDHL included. */
export function userDataHeaderLength(header: SmsUserDataHeader): number {
  let n = 1;
  for (const e of header.elements) n += 2 + (e.end - e.start);
  return n;
}

/**
 * Decodes the user data header whose UDHL octet is `bytes[start]` and which must end by `end`. Returns the
 * header and the offset just after it. DecodeError when UDHL goes past `end`, when an element's data goes
 * past the header, and when a concatenation element has the wrong length (§9.2.3.24.1: 3 octets,
 * §9.2.3.24.8: 4 octets).
 */
export function decodeUserDataHeader(
  bytes: Uint8Array,
  start: number,
  end: number,
): { header: SmsUserDataHeader; end: number } {
  checkRange(bytes, start, end);
  if (start >= end) throw new DecodeError("sms", start, "user data header indicated but TP-UD is empty");
  const udhl = bytes[start]!;
  const headerEnd = start + 1 + udhl;
  if (headerEnd > end) {
    throw new DecodeError(
      "sms",
      start,
      `UDHL ${udhl} goes past the end of TP-UD (${end - start - 1} octets)`,
    );
  }
  const elements: SmsUdhElement[] = [];
  let at = start + 1;
  while (at < headerEnd) {
    if (at + 2 > headerEnd) throw new DecodeError("sms", at, "information element header cut by UDHL");
    const iei = bytes[at]!;
    const iedl = bytes[at + 1]!;
    const dataStart = at + 2;
    const dataEnd = dataStart + iedl;
    if (dataEnd > headerEnd) {
      throw new DecodeError(
        "sms",
        at + 1,
        `information element 0x${hex2(iei)} of ${iedl} octets goes past UDHL`,
      );
    }
    if (iei === SmsInformationElement.concatenated8BitReference && iedl !== 3) {
      throw new DecodeError(
        "sms",
        at + 1,
        `concatenation element (8-bit reference) of ${iedl} octets, not 3`,
      );
    }
    if (iei === SmsInformationElement.concatenated16BitReference && iedl !== 4) {
      throw new DecodeError(
        "sms",
        at + 1,
        `concatenation element (16-bit reference) of ${iedl} octets, not 4`,
      );
    }
    elements.push({ iei, bytes, start: dataStart, end: dataEnd });
    at = dataEnd;
  }
  const concatenation = concatenationOf(elements);
  return { header: concatenation ? { elements, concatenation } : { elements }, end: headerEnd };
}

/** Writes the header (UDHL and elements). EncodeError when an element is too long or the header tops 140 octets. */
export function writeUserDataHeader(w: ByteWriter, elements: readonly SmsUdhElement[]): void {
  let udhl = 0;
  for (const [i, e] of elements.entries()) {
    const n = e.end - e.start;
    if (!(Number.isInteger(e.iei) && e.iei >= 0 && e.iei <= 0xff)) {
      throw new EncodeError("sms", `information element ${i}`, `IEI ${e.iei} is not an integer in 0..255`);
    }
    if (!(e.start >= 0 && e.start <= e.end && e.end <= e.bytes.length && n <= 0xff)) {
      throw new EncodeError("sms", `information element ${i}`, `data range [${e.start}, ${e.end}) invalid`);
    }
    udhl += 2 + n;
  }
  if (udhl + 1 > SMS_MAX_USER_DATA_OCTETS) {
    throw new EncodeError(
      "sms",
      "user data header",
      `${udhl + 1} octets, over the ${SMS_MAX_USER_DATA_OCTETS} of TP-UD`,
    );
  }
  w.u8(udhl);
  for (const e of elements)
    w.u8(e.iei)
      .u8(e.end - e.start)
      .bytes(e.bytes.subarray(e.start, e.end));
}

/** The header's octets, UDHL included. */
export function encodeUserDataHeader(elements: readonly SmsUdhElement[]): Uint8Array {
  const w = new ByteWriter(64);
  writeUserDataHeader(w, elements);
  return w.finish();
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}
