/**
 * GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1, §6.2.1.1) without national
 * language shift tables, and the packing of septets into octets (§6.1.2.1.1) with the fill bits that put
 * the first character on a septet boundary after a user data header (TS 23.040 §9.2.3.24).
 *
 * Text is handled as UTF-16 code units: every character of the default alphabet and of the extension
 * table is in the Basic Multilingual Plane, so a surrogate is simply "not encodable".
 */
import { DecodeError, EncodeError } from "../errors.js";
import { GSM7_DEFAULT_ALPHABET, GSM7_ESCAPE, GSM7_EXTENSION_TABLE } from "./constants.js";

/**
 * ENCODE[codeUnit]: 0 = not in the alphabet, 1..128 = default-table septet + 1, 0x100 | septet = the
 * extension-table septet written after an escape. The highest code unit of either table is € (U+20AC).
 */
const ENCODE = new Uint16Array(0x20ad);
for (let s = 0; s < 128; s++) if (s !== GSM7_ESCAPE) ENCODE[GSM7_DEFAULT_ALPHABET.charCodeAt(s)] = s + 1;
for (const [s, ch] of GSM7_EXTENSION_TABLE) ENCODE[ch.charCodeAt(0)] = 0x100 | s;

/** EXTENSION[septet]: the extension-table character, or "" where the table has none. */
const EXTENSION: string[] = new Array<string>(128).fill("");
for (const [s, ch] of GSM7_EXTENSION_TABLE) EXTENSION[s] = ch;

function lookup(code: number): number {
  return code < ENCODE.length ? ENCODE[code]! : 0;
}

function notEncodable(text: string, i: number): EncodeError {
  const cp = text.codePointAt(i)!;
  return new EncodeError(
    "sms",
    "GSM 7-bit text",
    `${JSON.stringify(String.fromCodePoint(cp))} (U+${cp.toString(16).toUpperCase().padStart(4, "0")}) at index ${i} is in neither the default alphabet nor its extension table`,
  );
}

/** True when every character of `text` is in the default alphabet or its extension table. */
export function canEncodeGsm7(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (lookup(text.charCodeAt(i)) === 0) return false;
  return true;
}

/** Septets the character `code` (a UTF-16 code unit) takes: 1, 2 (extension table) or 0 (not encodable). */
export function gsm7CharSeptets(code: number): 0 | 1 | 2 {
  const v = lookup(code);
  return v === 0 ? 0 : v & 0x100 ? 2 : 1;
}

/**
 * The number of septets `text` takes: one per default-alphabet character, two per extension-table
 * character (escape + code, TS 23.038 §6.2.1.1). EncodeError when a character is in neither table.
 */
export function gsm7Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const v = lookup(text.charCodeAt(i));
    if (v === 0) throw notEncodable(text, i);
    n += v & 0x100 ? 2 : 1;
  }
  return n;
}

/** The septets of `text` (one septet value 0–127 per element, unpacked). EncodeError when not encodable. */
export function encodeGsm7(text: string): Uint8Array {
  const out = new Uint8Array(gsm7Length(text));
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const v = lookup(text.charCodeAt(i));
    if (v & 0x100) {
      out[at++] = GSM7_ESCAPE;
      out[at++] = v & 0x7f;
    } else {
      out[at++] = v - 1;
    }
  }
  return out;
}

/**
 * The text of the septets `septets[start, end)`. Never throws, whatever the values:
 *  - escape + a code the extension table does not define shows the default-table character of that code
 *    (TS 23.038 §6.2.1.1, the note under the table);
 *  - escape + escape (SS2, reserved for a further extension table) and an escape with nothing after it
 *    show a space, as the spec asks of a receiver that does not understand it;
 *  - values above 127 are read modulo 128.
 */
export function decodeGsm7(septets: ArrayLike<number>, start = 0, end = septets.length): string {
  let out = "";
  for (let i = start; i < end; i++) {
    const s = septets[i]! & 0x7f;
    if (s !== GSM7_ESCAPE) {
      out += GSM7_DEFAULT_ALPHABET[s]!;
      continue;
    }
    if (i + 1 >= end) {
      out += " ";
      break;
    }
    const e = septets[++i]! & 0x7f;
    out += e === GSM7_ESCAPE ? " " : EXTENSION[e] || GSM7_DEFAULT_ALPHABET[e]!;
  }
  return out;
}

/** Octets that `count` septets take after `fillBits` fill bits. */
export function packedLength(count: number, fillBits = 0): number {
  return Math.ceil((fillBits + 7 * count) / 8);
}

/**
 * Fill bits between a user data header of `headerOctets` octets (UDHL included) and the first septet,
 * so that the text starts on a septet boundary counted from the start of TP-UD (TS 23.040 §9.2.3.24).
 */
export function fillBitsAfterHeader(headerOctets: number): number {
  return (7 - ((headerOctets * 8) % 7)) % 7;
}

/** Septets a user data header of `headerOctets` octets occupies, fill bits included (counted in TP-UDL). */
export function headerSeptets(headerOctets: number): number {
  return Math.ceil((headerOctets * 8) / 7);
}

function checkFillBits(fillBits: number, layer: "encode" | "decode", at: number): void {
  if (!(Number.isInteger(fillBits) && fillBits >= 0 && fillBits <= 6)) {
    if (layer === "encode")
      throw new EncodeError("sms", "fill bits", `${fillBits} is not an integer in 0..6`);
    throw new DecodeError("sms", at, `${fillBits} fill bits, not an integer in 0..6`);
  }
}

/**
 * Packs septets into octets, least significant bit first (TS 23.038 §6.1.2.1.1), after `fillBits` zero
 * bits (0–6) at the bottom of the first octet. Unused bits of the last octet are zero.
 */
export function packSeptets(septets: ArrayLike<number>, fillBits = 0): Uint8Array {
  checkFillBits(fillBits, "encode", 0);
  const out = new Uint8Array(packedLength(septets.length, fillBits));
  let bit = fillBits;
  for (let i = 0; i < septets.length; i++, bit += 7) {
    const s = septets[i]!;
    if (!(Number.isInteger(s) && s >= 0 && s <= 0x7f)) {
      throw new EncodeError("sms", `septet ${i}`, `${s} is not an integer in 0..127`);
    }
    const at = bit >> 3;
    const shift = bit & 7;
    out[at]! |= (s << shift) & 0xff;
    if (shift > 1) out[at + 1]! |= s >> (8 - shift);
  }
  return out;
}

/**
 * Unpacks `count` septets from `bytes[start, end)`, the first one `fillBits` bits into `bytes[start]`.
 * DecodeError when the septets need more octets than the range holds.
 */
export function unpackSeptets(
  bytes: Uint8Array,
  start: number,
  end: number,
  count: number,
  fillBits = 0,
): Uint8Array {
  checkRange(bytes, start, end);
  checkFillBits(fillBits, "decode", start);
  if (!(Number.isInteger(count) && count >= 0)) {
    throw new DecodeError("sms", start, `septet count ${count} is not a non-negative integer`);
  }
  const need = packedLength(count, fillBits);
  if (need > end - start) {
    throw new DecodeError("sms", end, `${count} septets need ${need} octets, only ${end - start} there`);
  }
  const out = new Uint8Array(count);
  let bit = fillBits;
  for (let i = 0; i < count; i++, bit += 7) {
    const at = start + (bit >> 3);
    const shift = bit & 7;
    let v = bytes[at]! >> shift;
    if (shift > 1) v |= bytes[at + 1]! << (8 - shift);
    out[i] = v & 0x7f;
  }
  return out;
}

/** Packs the text (escape sequences included) after `fillBits` fill bits; EncodeError when not encodable. */
export function encodeGsm7Packed(text: string, fillBits = 0): Uint8Array {
  return packSeptets(encodeGsm7(text), fillBits);
}

/** The text of `count` packed septets in `bytes[start, end)` (see `unpackSeptets`, `decodeGsm7`). */
export function decodeGsm7Packed(
  bytes: Uint8Array,
  start: number,
  end: number,
  count: number,
  fillBits = 0,
): string {
  return decodeGsm7(unpackSeptets(bytes, start, end, count, fillBits));
}

/** Throws unless `[start, end)` lies inside `bytes` (a caller's slip, reported like any bad input). */
export function checkRange(bytes: Uint8Array, start: number, end: number): void {
  if (
    !(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= bytes.length)
  ) {
    throw new DecodeError("sms", start, `range [${start}, ${end}) outside a ${bytes.length}-octet buffer`);
  }
}
