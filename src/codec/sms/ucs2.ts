/**
 * The UCS2 character set of TS 23.038 §6.2.3 as every SMS network sends it in practice: UTF-16, big-endian,
 * so a character outside the Basic Multilingual Plane (an emoji) is a surrogate pair, two code units and
 * four octets. Lengths are counted in code units, which is what a 140-octet TP-UD holds (70).
 */
import { DecodeError } from "../errors.js";
import { checkRange } from "./gsm7.js";

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** True when `text` is well-formed UTF-16: every high surrogate is followed by a low one and vice versa. */
export function isWellFormedUtf16(text: string): boolean {
  return loneSurrogateAt(text) < 0;
}

/** Index of the first unpaired surrogate of `text`, or -1. */
export function loneSurrogateAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHigh(c)) {
      if (i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      return i;
    }
    if (isLow(c)) return i;
  }
  return -1;
}

/** True when the code unit at `i` is a high surrogate followed by its low surrogate (a pair starts at `i`). */
export function surrogatePairAt(text: string, i: number): boolean {
  return isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1));
}

/** Code units `text` takes in UCS2/UTF-16: a surrogate pair counts 2. */
export function ucs2Length(text: string): number {
  return text.length;
}

/**
 * UTF-16BE octets of `text`, code unit by code unit. An unpaired surrogate is written as it is, so that
 * whatever `decodeUcs2` read from the wire encodes back to the same octets; `segmentText` is where text
 * from a client is judged (it refuses unpaired surrogates).
 */
export function encodeUcs2(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

/**
 * The text of the UTF-16BE octets `bytes[start, end)`. DecodeError for an odd number of octets; code
 * units are taken as they are (an unpaired surrogate from the wire stays in the string).
 */
export function decodeUcs2(bytes: Uint8Array, start = 0, end = bytes.length): string {
  checkRange(bytes, start, end);
  if ((end - start) % 2 !== 0) {
    throw new DecodeError(
      "sms",
      end - 1,
      `UCS2 text of ${end - start} octets, not a whole number of code units`,
    );
  }
  let out = "";
  // Chunks keep String.fromCharCode's argument list short.
  const units: number[] = [];
  for (let i = start; i < end; i += 2) {
    units.push((bytes[i]! << 8) | bytes[i + 1]!);
    if (units.length === 1024) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}
