/**
 * TBCD-STRING (3GPP TS 29.002 §17.7.8): two digits per octet, the first digit in bits 4–1 ("bits 4321 of
 * octet n encoding digit 2(n-1)+1"), the second in bits 8–5; 1111 fills the high nibble of the last octet
 * when the digit count is odd. Digit values above 9 follow TS 29.002 / TS 24.008 Table 10.5.118:
 * 1010 `*`, 1011 `#`, 1100 `a`, 1101 `b`, 1110 `c`.
 *
 * The decoder walks the octets once and appends precomputed two-character strings (no arrays, no
 * per-nibble branching on the common path).
 */
import { ByteWriter } from "../bytes.js";
import { DecodeError, EncodeError } from "../errors.js";
import { TBCD_DIGITS, TBCD_FILLER } from "./constants.js";

/** PAIRS[b]: the two digits of octet b (low nibble first), or "" when either nibble is the filler. */
const PAIRS: string[] = [];
for (let b = 0; b < 256; b++) {
  const lo = b & 0x0f;
  const hi = b >> 4;
  PAIRS.push(lo === TBCD_FILLER || hi === TBCD_FILLER ? "" : TBCD_DIGITS[lo]! + TBCD_DIGITS[hi]!);
}

/** NIBBLE[charCode]: the TBCD nibble of an allowed digit character, -1 for anything else. */
const NIBBLE = new Int8Array(128).fill(-1);
for (let v = 0; v < TBCD_DIGITS.length; v++) NIBBLE[TBCD_DIGITS.charCodeAt(v)] = v;

/** Throws unless `[start, end)` lies inside `bytes` (a caller's slip, reported like any bad input). */
export function checkRange(bytes: Uint8Array, start: number, end: number, what: string): void {
  if (!(start >= 0 && start <= end && end <= bytes.length)) {
    throw new DecodeError(
      "gsm",
      start,
      `${what}: range [${start}, ${end}) outside a ${bytes.length}-octet buffer`,
    );
  }
}

/**
 * The digits of the TBCD-STRING `bytes[start, end)`.
 *
 * A filler ends the digits. It is expected only in the high nibble of the last octet, but whole 0xFF
 * octets after it are accepted too (equipment pads fixed-size fields that way); a digit after a filler is
 * a DecodeError at the offending octet.
 */
export function decodeTbcd(bytes: Uint8Array, start = 0, end = bytes.length): string {
  checkRange(bytes, start, end, "TBCD-STRING");
  let out = "";
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    const pair = PAIRS[b]!;
    if (pair !== "") {
      out += pair;
      continue;
    }
    // One nibble is the filler. A digit in the high nibble after a low-nibble filler is malformed.
    if ((b & 0x0f) === TBCD_FILLER) {
      if (b !== 0xff) throw new DecodeError("gsm", i, "TBCD digit after the filler");
    } else {
      out += TBCD_DIGITS[b & 0x0f]!;
    }
    for (let j = i + 1; j < end; j++) {
      if (bytes[j] !== 0xff) throw new DecodeError("gsm", j, "TBCD digit after the filler");
    }
    return out;
  }
  return out;
}

/** The number of octets `digits` takes as a TBCD-STRING. */
export function tbcdLength(digits: string): number {
  return (digits.length + 1) >> 1;
}

function nibbleAt(digits: string, i: number, field: string): number {
  const c = digits.charCodeAt(i);
  const v = c < 128 ? NIBBLE[c]! : -1;
  if (v < 0) {
    throw new EncodeError("gsm", field, `${JSON.stringify(digits[i])} is not a TBCD digit (0-9 * # a b c)`);
  }
  return v;
}

/** Appends `digits` as a TBCD-STRING (filler added for an odd count). */
export function writeTbcd(w: ByteWriter, digits: string, field = "digits"): void {
  if (typeof digits !== "string") throw new EncodeError("gsm", field, "digits must be a string");
  const n = digits.length;
  for (let i = 0; i < n; i += 2) {
    const lo = nibbleAt(digits, i, field);
    const hi = i + 1 < n ? nibbleAt(digits, i + 1, field) : TBCD_FILLER;
    w.u8((hi << 4) | lo);
  }
}

/** `digits` as a TBCD-STRING. */
export function encodeTbcd(digits: string, field = "digits"): Buffer {
  const w = new ByteWriter(Math.max(1, tbcdLength(String(digits))));
  writeTbcd(w, digits, field);
  return w.finish();
}

/** Whether every character of `digits` is 0-9. */
export function isDecimal(digits: string): boolean {
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
