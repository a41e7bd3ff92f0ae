/**
 * AddressString, ISDN-AddressString and FTN-AddressString (3GPP TS 29.002 §17.7.8): the first octet is
 * bit 8 extension indicator (1 = no extension), bits 7–5 nature of address, bits 4–1 numbering plan; the
 * remaining octets are TBCD digits. The SIZE limits (20, 9, 15 octets, header included) are enforced in
 * both directions.
 */
import { ByteWriter } from "../bytes.js";
import { DecodeError, EncodeError } from "../errors.js";
import { AddressLength } from "./constants.js";
import { checkRange, decodeTbcd, tbcdLength, writeTbcd } from "./tbcd.js";
import type { AddressString } from "./types.js";

const EXTENSION_BIT = 0x80;

/**
 * Decodes the AddressString contents `bytes[start, end)` (the OCTET STRING value, without tag and length).
 * `maxOctets` is the SIZE upper bound of the type being decoded (20 for AddressString, 9 for
 * ISDN-AddressString, 15 for FTN-AddressString).
 */
export function decodeAddressString(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
  maxOctets: number = AddressLength.maxAddressLength,
): AddressString {
  checkRange(bytes, start, end, "AddressString");
  const n = end - start;
  if (n < 1) throw new DecodeError("gsm", start, "empty AddressString (SIZE (1..))");
  if (n > maxOctets) {
    throw new DecodeError(
      "gsm",
      start + maxOctets,
      `AddressString of ${n} octets, over SIZE (1..${maxOctets})`,
    );
  }
  const header = bytes[start]!;
  const value: AddressString = {
    natureOfAddress: (header >> 4) & 0x07,
    numberingPlan: header & 0x0f,
    digits: decodeTbcd(bytes, start + 1, end),
  };
  if ((header & EXTENSION_BIT) === 0) value.extension = true;
  return value;
}

/** ISDN-AddressString (SIZE (1..9)): MSISDN, MSC/VLR/HLR/SGSN numbers, service centre addresses. */
export function decodeIsdnAddressString(bytes: Uint8Array, start = 0, end = bytes.length): AddressString {
  return decodeAddressString(bytes, start, end, AddressLength.maxISDNAddressLength);
}

/** FTN-AddressString (SIZE (1..15)): forwarded-to numbers. */
export function decodeFtnAddressString(bytes: Uint8Array, start = 0, end = bytes.length): AddressString {
  return decodeAddressString(bytes, start, end, AddressLength.maxFTNAddressLength);
}

function checkField(value: unknown, field: string, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new EncodeError("gsm", field, `${String(value)} is not an integer in 0..${max}`);
  }
  return value;
}

/** Appends the AddressString contents (header octet and digits) to `w`. */
export function writeAddressString(
  w: ByteWriter,
  value: AddressString,
  maxOctets: number = AddressLength.maxAddressLength,
  field = "address",
): void {
  if (value === null || typeof value !== "object")
    throw new EncodeError("gsm", field, "not an AddressString");
  const nature = checkField(value.natureOfAddress, `${field}.natureOfAddress`, 7);
  const plan = checkField(value.numberingPlan, `${field}.numberingPlan`, 15);
  if (typeof value.digits !== "string")
    throw new EncodeError("gsm", `${field}.digits`, "digits must be a string");
  const octets = 1 + tbcdLength(value.digits);
  if (octets > maxOctets) {
    throw new EncodeError(
      "gsm",
      `${field}.digits`,
      `${value.digits.length} digits need ${octets} octets, over SIZE (1..${maxOctets})`,
    );
  }
  w.u8((value.extension === true ? 0 : EXTENSION_BIT) | (nature << 4) | plan);
  writeTbcd(w, value.digits, `${field}.digits`);
}

/** The AddressString contents (OCTET STRING value) of `value`. */
export function encodeAddressString(
  value: AddressString,
  maxOctets: number = AddressLength.maxAddressLength,
): Buffer {
  const w = new ByteWriter(maxOctets);
  writeAddressString(w, value, maxOctets);
  return w.finish();
}

/** ISDN-AddressString (SIZE (1..9)). */
export function encodeIsdnAddressString(value: AddressString): Buffer {
  return encodeAddressString(value, AddressLength.maxISDNAddressLength);
}

/** FTN-AddressString (SIZE (1..15)). */
export function encodeFtnAddressString(value: AddressString): Buffer {
  return encodeAddressString(value, AddressLength.maxFTNAddressLength);
}
