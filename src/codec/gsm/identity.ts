/**
 * Subscriber and equipment identities as MAP carries them (3GPP TS 29.002 §17.7.8, TS 23.003):
 * IMSI (TBCD, 3–8 octets, at most 15 digits), IMEI/IMEISV (TBCD, 8 octets), LMSI (4 octets) and TMSI
 * (1–4 octets), the last two handed out as lower-case hex because they are opaque tokens.
 */
import { ByteWriter, toHex } from "../bytes.js";
import { DecodeError, EncodeError } from "../errors.js";
import { IdentityLength } from "./constants.js";
import { checkRange, decodeTbcd, isDecimal, writeTbcd } from "./tbcd.js";
import type { ImsiParts } from "./types.js";

function firstNonDecimal(digits: string): number {
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------------
// IMSI

/**
 * IMSI ::= TBCD-STRING (SIZE (3..8)) — "digits of MCC, MNC, MSIN are concatenated in this order"
 * (TS 29.002 §17.7.8). TS 23.003 §2.2: decimal digits, at most 15. Returns the digit string.
 */
export function decodeImsi(bytes: Uint8Array, start = 0, end = bytes.length): string {
  checkRange(bytes, start, end, "IMSI");
  const n = end - start;
  if (n < IdentityLength.imsiMinOctets || n > IdentityLength.imsiMaxOctets) {
    throw new DecodeError("gsm", start, `IMSI of ${n} octets, outside SIZE (3..8)`);
  }
  const digits = decodeTbcd(bytes, start, end);
  const bad = firstNonDecimal(digits);
  if (bad >= 0) {
    throw new DecodeError(
      "gsm",
      start + (bad >> 1),
      `IMSI digit ${JSON.stringify(digits[bad])} is not decimal`,
    );
  }
  if (digits.length > IdentityLength.imsiMaxDigits) {
    // Only 8 octets without a filler give 16 digits: the 16th sits in the high nibble of the last octet.
    throw new DecodeError("gsm", end - 1, "IMSI of 16 digits; TS 23.003 §2.2 allows at most 15");
  }
  if (digits.length < IdentityLength.imsiMinDigits) {
    throw new DecodeError("gsm", start, `IMSI of ${digits.length} digits; MCC and MNC alone take 5`);
  }
  return digits;
}

/** Throws EncodeError unless `imsi` is 5–15 decimal digits. */
function checkImsi(imsi: string, field: string): void {
  if (typeof imsi !== "string" || !isDecimal(imsi)) {
    throw new EncodeError("gsm", field, "an IMSI is decimal digits only (TS 23.003 §2.2)");
  }
  if (imsi.length < IdentityLength.imsiMinDigits || imsi.length > IdentityLength.imsiMaxDigits) {
    throw new EncodeError(
      "gsm",
      field,
      `${imsi.length} digits; an IMSI has 5..15 (TS 23.003 §2.2, SIZE (3..8))`,
    );
  }
}

/** Appends the IMSI contents (TBCD) to `w`. */
export function writeImsi(w: ByteWriter, imsi: string, field = "imsi"): void {
  checkImsi(imsi, field);
  writeTbcd(w, imsi, field);
}

/** The IMSI contents (TBCD-STRING value) of the digit string `imsi`. */
export function encodeImsi(imsi: string): Buffer {
  const w = new ByteWriter(IdentityLength.imsiMaxOctets);
  writeImsi(w, imsi);
  return w.finish();
}

/**
 * Cuts an IMSI into MCC (3 digits), MNC (`mncLength` digits) and MSIN (TS 23.003 §2.2). The MNC length is
 * not in the IMSI itself: it depends on the MCC (and for a few MCCs on the MNC), so callers that do not
 * know it use `splitImsi` from `src/numbering`, which consults the MCC/MNC table.
 */
export function imsiParts(imsi: string, mncLength: 2 | 3): ImsiParts {
  if (typeof imsi !== "string" || !isDecimal(imsi) || imsi.length < 3 + mncLength) {
    throw new RangeError(`not an IMSI with a ${mncLength}-digit MNC: ${JSON.stringify(imsi)}`);
  }
  if (mncLength !== 2 && mncLength !== 3)
    throw new RangeError(`MNC length ${String(mncLength)} is not 2 or 3`);
  return { mcc: imsi.slice(0, 3), mnc: imsi.slice(3, 3 + mncLength), msin: imsi.slice(3 + mncLength) };
}

// ---------------------------------------------------------------------------------------------------------
// IMEI

/**
 * IMEI ::= TBCD-STRING (SIZE (8)) (TS 29.002 §17.7.8): either an IMEI — TAC (8) + SNR (6) + spare digit,
 * sent as 0 (TS 23.003 §6.2.1) — followed by a filler, or an IMEISV — TAC + SNR + SVN (2). Returns the 15 or
 * 16 decimal digits as they came; `imeiCheckDigit` computes the Luhn digit that the air interface omits.
 */
export function decodeImei(bytes: Uint8Array, start = 0, end = bytes.length): string {
  checkRange(bytes, start, end, "IMEI");
  const n = end - start;
  if (n !== IdentityLength.imeiOctets)
    throw new DecodeError("gsm", start, `IMEI of ${n} octets, not SIZE (8)`);
  const digits = decodeTbcd(bytes, start, end);
  const bad = firstNonDecimal(digits);
  if (bad >= 0) {
    throw new DecodeError(
      "gsm",
      start + (bad >> 1),
      `IMEI digit ${JSON.stringify(digits[bad])} is not decimal`,
    );
  }
  if (digits.length < 15) {
    throw new DecodeError("gsm", start, `IMEI of ${digits.length} digits; an IMEI has 15, an IMEISV 16`);
  }
  return digits;
}

/** Appends the IMEI contents to `w`. */
export function writeImei(w: ByteWriter, imei: string, field = "imei"): void {
  if (typeof imei !== "string" || !isDecimal(imei) || (imei.length !== 15 && imei.length !== 16)) {
    throw new EncodeError("gsm", field, "an IMEI is 15 decimal digits, an IMEISV 16 (TS 23.003 §6.2)");
  }
  writeTbcd(w, imei, field);
}

/** The IMEI contents (8-octet TBCD-STRING) of a 15-digit IMEI or 16-digit IMEISV. */
export function encodeImei(imei: string): Buffer {
  const w = new ByteWriter(IdentityLength.imeiOctets);
  writeImei(w, imei);
  return w.finish();
}

/**
 * The Luhn check digit of the 14 digits TAC + SNR (TS 23.003 Annex B): from the right, every other digit
 * starting with the last is doubled, the digits of all products and of the undoubled digits are summed,
 * and the check digit brings the sum to a multiple of ten.
 */
export function imeiCheckDigit(tacAndSnr: string): string {
  if (typeof tacAndSnr !== "string" || tacAndSnr.length !== 14 || !isDecimal(tacAndSnr)) {
    throw new RangeError("the IMEI check digit is computed over exactly 14 decimal digits (TAC + SNR)");
  }
  let sum = 0;
  for (let i = 13, double = true; i >= 0; i--, double = !double) {
    let d = tacAndSnr.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

// ---------------------------------------------------------------------------------------------------------
// LMSI and TMSI

/** LMSI ::= OCTET STRING (SIZE (4)) as 8 lower-case hex digits ("00000000" means not in use). */
export function decodeLmsi(bytes: Uint8Array, start = 0, end = bytes.length): string {
  checkRange(bytes, start, end, "LMSI");
  if (end - start !== IdentityLength.lmsiOctets) {
    throw new DecodeError("gsm", start, `LMSI of ${end - start} octets, not SIZE (4)`);
  }
  return toHex(bytes, start, end);
}

function hexBytes(hex: string, field: string, minOctets: number, maxOctets: number): Buffer {
  if (typeof hex !== "string" || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new EncodeError("gsm", field, "not an even-length hex string");
  }
  const n = hex.length / 2;
  if (n < minOctets || n > maxOctets) {
    throw new EncodeError("gsm", field, `${n} octets, outside SIZE (${minOctets}..${maxOctets})`);
  }
  const w = new ByteWriter(n);
  for (let i = 0; i < hex.length; i += 2) w.u8(Number.parseInt(hex.slice(i, i + 2), 16));
  return w.finish();
}

/** The LMSI contents of 8 hex digits. */
export function encodeLmsi(lmsi: string): Buffer {
  return hexBytes(lmsi, "lmsi", IdentityLength.lmsiOctets, IdentityLength.lmsiOctets);
}

/** TMSI ::= OCTET STRING (SIZE (1..4)) as lower-case hex. */
export function decodeTmsi(bytes: Uint8Array, start = 0, end = bytes.length): string {
  checkRange(bytes, start, end, "TMSI");
  const n = end - start;
  if (n < 1 || n > IdentityLength.tmsiMaxOctets) {
    throw new DecodeError("gsm", start, `TMSI of ${n} octets, outside SIZE (1..4)`);
  }
  return toHex(bytes, start, end);
}

/** The TMSI contents of 2–8 hex digits. */
export function encodeTmsi(tmsi: string): Buffer {
  return hexBytes(tmsi, "tmsi", 1, IdentityLength.tmsiMaxOctets);
}
