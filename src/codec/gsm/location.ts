/**
 * PLMN-Id, LAIFixedLength and CellGlobalIdOrServiceAreaIdFixedLength (3GPP TS 29.002 §17.7.8; the same
 * layout as the TS 24.008 §10.5.1.3 location area identification): the MCC and MNC digits in the order
 *   octet 1: MCC digit 2 | MCC digit 1
 *   octet 2: MNC digit 3 (or 1111 for a two-digit MNC) | MCC digit 3
 *   octet 3: MNC digit 2 | MNC digit 1
 * then, for LAI and CGI, the 16-bit location area code and, for CGI, the 16-bit cell identity or service
 * area code, both big-endian. These are what ATI/PSI/SRI answers reveal about where a phone is.
 */
import { ByteWriter, readU16 } from "../bytes.js";
import { DecodeError, EncodeError } from "../errors.js";
import { IdentityLength } from "./constants.js";
import { checkRange, isDecimal } from "./tbcd.js";
import type { CellGlobalId, LocationAreaId, PlmnId } from "./types.js";

const DIGIT = "0123456789";

function digitAt(bytes: Uint8Array, at: number, high: boolean, what: string): string {
  const v = high ? bytes[at]! >> 4 : bytes[at]! & 0x0f;
  if (v > 9) throw new DecodeError("gsm", at, `${what} is ${v.toString(16)}, not a decimal digit`);
  return DIGIT[v]!;
}

/** Reads the three PLMN octets at `at` (callers check the length). */
function readPlmn(bytes: Uint8Array, at: number): PlmnId {
  const mcc =
    digitAt(bytes, at, false, "MCC digit 1") +
    digitAt(bytes, at, true, "MCC digit 2") +
    digitAt(bytes, at + 1, false, "MCC digit 3");
  let mnc = digitAt(bytes, at + 2, false, "MNC digit 1") + digitAt(bytes, at + 2, true, "MNC digit 2");
  // TS 24.008 §10.5.1.3: MNC digit 3 is 1111 when the MNC has two digits.
  if (bytes[at + 1]! >> 4 !== 0x0f) mnc += digitAt(bytes, at + 1, true, "MNC digit 3");
  return { mcc, mnc };
}

function exactLength(bytes: Uint8Array, start: number, end: number, octets: number, what: string): void {
  checkRange(bytes, start, end, what);
  if (end - start !== octets) {
    throw new DecodeError("gsm", start, `${what} of ${end - start} octets, not SIZE (${octets})`);
  }
}

/** PLMN-Id ::= OCTET STRING (SIZE (3)). */
export function decodePlmnId(bytes: Uint8Array, start = 0, end = bytes.length): PlmnId {
  exactLength(bytes, start, end, IdentityLength.plmnIdOctets, "PLMN-Id");
  return readPlmn(bytes, start);
}

/** LAIFixedLength ::= OCTET STRING (SIZE (5)): PLMN + LAC. */
export function decodeLaiFixedLength(bytes: Uint8Array, start = 0, end = bytes.length): LocationAreaId {
  exactLength(bytes, start, end, IdentityLength.laiOctets, "LAIFixedLength");
  const plmn = readPlmn(bytes, start);
  return { mcc: plmn.mcc, mnc: plmn.mnc, lac: readU16(bytes, start + 3) };
}

/** CellGlobalIdOrServiceAreaIdFixedLength ::= OCTET STRING (SIZE (7)): PLMN + LAC + CI/SAC. */
export function decodeCellGlobalIdFixedLength(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
): CellGlobalId {
  exactLength(bytes, start, end, IdentityLength.cgiOctets, "CellGlobalIdOrServiceAreaIdFixedLength");
  const plmn = readPlmn(bytes, start);
  return { mcc: plmn.mcc, mnc: plmn.mnc, lac: readU16(bytes, start + 3), cellId: readU16(bytes, start + 5) };
}

function checkPlmn(value: PlmnId, field: string): void {
  if (value === null || typeof value !== "object") throw new EncodeError("gsm", field, "not a PLMN id");
  const { mcc, mnc } = value;
  if (typeof mcc !== "string" || mcc.length !== 3 || !isDecimal(mcc)) {
    throw new EncodeError("gsm", `${field}.mcc`, "an MCC is 3 decimal digits");
  }
  if (typeof mnc !== "string" || (mnc.length !== 2 && mnc.length !== 3) || !isDecimal(mnc)) {
    throw new EncodeError("gsm", `${field}.mnc`, "an MNC is 2 or 3 decimal digits");
  }
}

function check16(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 0xffff) {
    throw new EncodeError("gsm", field, `${String(v)} is not an integer in 0..65535`);
  }
  return v;
}

/** Appends the three PLMN octets. */
export function writePlmnId(w: ByteWriter, value: PlmnId, field = "plmnId"): void {
  checkPlmn(value, field);
  const c = (s: string, i: number) => s.charCodeAt(i) - 48;
  const { mcc, mnc } = value;
  w.u8((c(mcc, 1) << 4) | c(mcc, 0));
  w.u8(((mnc.length === 3 ? c(mnc, 2) : 0x0f) << 4) | c(mcc, 2));
  w.u8((c(mnc, 1) << 4) | c(mnc, 0));
}

/** The PLMN-Id contents (3 octets). */
export function encodePlmnId(value: PlmnId): Buffer {
  const w = new ByteWriter(IdentityLength.plmnIdOctets);
  writePlmnId(w, value);
  return w.finish();
}

/** The LAIFixedLength contents (5 octets). */
export function encodeLaiFixedLength(value: LocationAreaId): Buffer {
  const w = new ByteWriter(IdentityLength.laiOctets);
  writePlmnId(w, value, "lai");
  w.u16(check16(value.lac, "lai.lac"));
  return w.finish();
}

/** The CellGlobalIdOrServiceAreaIdFixedLength contents (7 octets). */
export function encodeCellGlobalIdFixedLength(value: CellGlobalId): Buffer {
  const w = new ByteWriter(IdentityLength.cgiOctets);
  writePlmnId(w, value, "cgi");
  w.u16(check16(value.lac, "cgi.lac"));
  w.u16(check16(value.cellId, "cgi.cellId"));
  return w.finish();
}
