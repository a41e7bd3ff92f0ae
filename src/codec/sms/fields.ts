/**
 * The TPDU fields with a structure of their own: addresses (TS 23.040 §9.1.2.5), time stamps
 * (§9.2.3.11), validity periods (§9.2.3.12) and TP-ST ranges (§9.2.3.15).
 */
import { ByteWriter } from "../bytes.js";
import { DecodeError, EncodeError } from "../errors.js";
import {
  SMS_ADDRESS_DIGITS,
  SMS_MAX_ADDRESS_SEMI_OCTETS,
  SmsStatusCategory,
  SmsTypeOfNumber,
} from "./constants.js";
import { checkRange, decodeGsm7, encodeGsm7, packSeptets, unpackSeptets } from "./gsm7.js";
import type { SmsAddress, SmsOctets, SmsTimestamp } from "./types.js";

// ---------------------------------------------------------------------------------------------------------
// Address (TS 23.040 §9.1.2.5)

/** Octet 2 bit 8 of an address is always 1 (§9.1.2.5). */
const TOA_FIXED_BIT = 0x80;

/** An international E.164 number (type of number 1, numbering plan 1). */
export function internationalAddress(digits: string): SmsAddress {
  return { typeOfNumber: SmsTypeOfNumber.international, numberingPlan: 1, address: digits };
}

/** A national number (type of number 2, numbering plan 1). */
export function nationalAddress(digits: string): SmsAddress {
  return { typeOfNumber: SmsTypeOfNumber.national, numberingPlan: 1, address: digits };
}

/** An alphanumeric sender ID (type of number 5, numbering plan 0), up to 11 septets of GSM 7-bit text. */
export function alphanumericAddress(text: string): SmsAddress {
  return { typeOfNumber: SmsTypeOfNumber.alphanumeric, numberingPlan: 0, address: text };
}

const DIGIT_NIBBLE = new Int8Array(128).fill(-1);
for (let v = 0; v < SMS_ADDRESS_DIGITS.length; v++) DIGIT_NIBBLE[SMS_ADDRESS_DIGITS.charCodeAt(v)] = v;

/**
 * Decodes the address field starting at `bytes[start]` (Address-Length, type-of-address, value); the
 * field may not go past `end`. Returns the address and the offset after it.
 *
 * Address-Length counts the useful semi-octets of the value. For an alphanumeric address the value is
 * GSM 7-bit packed, `⌊Address-Length × 4 / 7⌋` septets. DecodeError when the field is cut short, the
 * length is over 20 semi-octets, bit 8 of the type-of-address is 0, or a digit is the filler 1111.
 */
export function decodeSmsAddress(
  bytes: Uint8Array,
  start: number,
  end: number,
  field = "address",
): { address: SmsAddress; end: number } {
  checkRange(bytes, start, end);
  if (start + 2 > end) throw new DecodeError("sms", start, `${field} cut short (needs 2 octets at least)`);
  const length = bytes[start]!;
  if (length > SMS_MAX_ADDRESS_SEMI_OCTETS) {
    throw new DecodeError(
      "sms",
      start,
      `${field}: Address-Length ${length}, over ${SMS_MAX_ADDRESS_SEMI_OCTETS} semi-octets`,
    );
  }
  const toa = bytes[start + 1]!;
  if ((toa & TOA_FIXED_BIT) === 0) {
    throw new DecodeError(
      "sms",
      start + 1,
      `${field}: type-of-address 0x${toa.toString(16).padStart(2, "0")} has bit 8 clear`,
    );
  }
  const valueStart = start + 2;
  const valueEnd = valueStart + ((length + 1) >> 1);
  if (valueEnd > end) {
    throw new DecodeError(
      "sms",
      start,
      `${field}: ${length} semi-octets need ${valueEnd - valueStart} octets, only ${end - valueStart} there`,
    );
  }
  const typeOfNumber = (toa >> 4) & 0x07;
  const numberingPlan = toa & 0x0f;
  let address = "";
  if (typeOfNumber === SmsTypeOfNumber.alphanumeric) {
    address = decodeGsm7(unpackSeptets(bytes, valueStart, valueEnd, Math.floor((length * 4) / 7)));
  } else {
    for (let i = 0; i < length; i++) {
      const b = bytes[valueStart + (i >> 1)]!;
      const nibble = i & 1 ? b >> 4 : b & 0x0f;
      if (nibble === 0x0f) {
        throw new DecodeError(
          "sms",
          valueStart + (i >> 1),
          `${field}: filler 1111 in place of digit ${i + 1} of ${length}`,
        );
      }
      address += SMS_ADDRESS_DIGITS[nibble]!;
    }
  }
  return { address: { typeOfNumber, numberingPlan, address }, end: valueEnd };
}

function checkNibbleField(v: number, max: number, field: string): number {
  if (!(Number.isInteger(v) && v >= 0 && v <= max)) {
    throw new EncodeError("sms", field, `${String(v)} is not an integer in 0..${max}`);
  }
  return v;
}

/** Writes the address field. EncodeError for digits outside 0–9 * # a b c, or a value over 10 octets. */
export function writeSmsAddress(w: ByteWriter, a: SmsAddress, field = "address"): void {
  const ton = checkNibbleField(a.typeOfNumber, 7, `${field} type of number`);
  const npi = checkNibbleField(a.numberingPlan, 15, `${field} numbering plan`);
  if (typeof a.address !== "string") throw new EncodeError("sms", field, "address is not a string");
  const toa = TOA_FIXED_BIT | (ton << 4) | npi;
  if (ton === SmsTypeOfNumber.alphanumeric) {
    const septets = encodeGsm7(a.address);
    const semiOctets = Math.ceil((septets.length * 7) / 4);
    if (semiOctets > SMS_MAX_ADDRESS_SEMI_OCTETS) {
      throw new EncodeError("sms", field, `alphanumeric address of ${septets.length} septets, over 11`);
    }
    w.u8(semiOctets).u8(toa).bytes(packSeptets(septets));
    return;
  }
  const digits = a.address;
  if (digits.length > SMS_MAX_ADDRESS_SEMI_OCTETS) {
    throw new EncodeError("sms", field, `${digits.length} digits, over ${SMS_MAX_ADDRESS_SEMI_OCTETS}`);
  }
  w.u8(digits.length).u8(toa);
  for (let i = 0; i < digits.length; i += 2) {
    const lo = digitNibble(digits, i, field);
    const hi = i + 1 < digits.length ? digitNibble(digits, i + 1, field) : 0x0f;
    w.u8((hi << 4) | lo);
  }
}

function digitNibble(digits: string, i: number, field: string): number {
  const c = digits.charCodeAt(i);
  const v = c < 128 ? DIGIT_NIBBLE[c]! : -1;
  if (v < 0)
    throw new EncodeError("sms", field, `${JSON.stringify(digits[i])} is not a digit (0-9 * # a b c)`);
  return v;
}

/** The address field's octets. */
export function encodeSmsAddress(a: SmsAddress): Uint8Array {
  const w = new ByteWriter(12);
  writeSmsAddress(w, a);
  return w.finish();
}

// ---------------------------------------------------------------------------------------------------------
// Time stamp (TS 23.040 §9.2.3.11)

/** Octets of TP-SCTS, TP-DT and an absolute TP-VP. */
export const SMS_TIMESTAMP_LENGTH = 7;

const TIMESTAMP_FIELDS = ["year", "month", "day", "hour", "minute", "second"] as const;

/**
 * Decodes the 7-octet time stamp at `bytes[start]`. Each octet holds two decimal semi-octets, the first
 * (tens) in bits 4–1 and the second (units) in bits 8–5; in the time zone octet, bit 4 is the sign (1 =
 * local time is behind GMT). DecodeError when cut short or a semi-octet is not a decimal digit.
 */
export function decodeSmsTimestamp(
  bytes: Uint8Array,
  start: number,
  end: number,
  field = "time stamp",
): SmsTimestamp {
  checkRange(bytes, start, end);
  if (start + SMS_TIMESTAMP_LENGTH > end) {
    throw new DecodeError("sms", start, `${field} cut short (needs ${SMS_TIMESTAMP_LENGTH} octets)`);
  }
  const v = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < 6; i++) {
    const b = bytes[start + i]!;
    const tens = b & 0x0f;
    const units = b >> 4;
    if (tens > 9 || units > 9) {
      throw new DecodeError(
        "sms",
        start + i,
        `${field} ${TIMESTAMP_FIELDS[i]}: 0x${b.toString(16).padStart(2, "0")} is not two decimal semi-octets`,
      );
    }
    v[i] = tens * 10 + units;
  }
  const tz = bytes[start + 6]!;
  const units = tz >> 4;
  if (units > 9) {
    throw new DecodeError(
      "sms",
      start + 6,
      `${field} time zone: 0x${tz.toString(16).padStart(2, "0")} is not decimal`,
    );
  }
  const quarters = (tz & 0x07) * 10 + units;
  return {
    year: v[0]!,
    month: v[1]!,
    day: v[2]!,
    hour: v[3]!,
    minute: v[4]!,
    second: v[5]!,
    // A negative zero is written as a plain zero.
    timezone: tz & 0x08 && quarters !== 0 ? -quarters : quarters,
  };
}

/**
 * Writes the 7-octet time stamp. Every field must be an integer in 0..99 (the decoder hands out any
 * two-digit value, calendar-valid or not, so re-encoding is exact); the time zone in −79..79 quarters.
 */
export function writeSmsTimestamp(w: ByteWriter, t: SmsTimestamp, field = "time stamp"): void {
  for (const name of TIMESTAMP_FIELDS) {
    const v = t[name];
    if (!(Number.isInteger(v) && v >= 0 && v <= 99)) {
      throw new EncodeError("sms", `${field} ${name}`, `${String(v)} is not an integer in 0..99`);
    }
    w.u8(((v % 10) << 4) | Math.floor(v / 10));
  }
  const tz = t.timezone;
  if (!(Number.isInteger(tz) && tz >= -79 && tz <= 79)) {
    throw new EncodeError(
      "sms",
      `${field} time zone`,
      `${String(tz)} is not an integer in -79..79 quarters of an hour`,
    );
  }
  const q = Math.abs(tz);
  w.u8(((q % 10) << 4) | Math.floor(q / 10) | (tz < 0 ? 0x08 : 0));
}

/**
 * The time stamp of `date` as local time `timezone` quarters of an hour from GMT (the SC writes its local
 * time and its offset; TS 23.040 §9.2.3.11). Years are written modulo 100.
 */
export function smsTimestampFromDate(date: Date, timezone = 0): SmsTimestamp {
  const local = new Date(date.getTime() + timezone * 15 * 60_000);
  return {
    year: local.getUTCFullYear() % 100,
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    timezone,
  };
}

/**
 * The instant a time stamp names, taking two-digit years as 2000–2099 (an SMS time stamp has no century).
 * Out-of-calendar fields roll over as `Date.UTC` does.
 */
export function smsTimestampToDate(t: SmsTimestamp): Date {
  const local = Date.UTC(2000 + t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return new Date(local - t.timezone * 15 * 60_000);
}

// ---------------------------------------------------------------------------------------------------------
// Validity period (TS 23.040 §9.2.3.12)

/**
 * Minutes a relative TP-VP octet stands for (§9.2.3.12.1): 0–143 → (VP+1) × 5 min; 144–167 → 12 h +
 * (VP−143) × 30 min; 168–196 → (VP−166) days; 197–255 → (VP−192) weeks.
 */
export function relativeValidityMinutes(vp: number): number {
  if (vp <= 143) return (vp + 1) * 5;
  if (vp <= 167) return 12 * 60 + (vp - 143) * 30;
  if (vp <= 196) return (vp - 166) * 24 * 60;
  return (vp - 192) * 7 * 24 * 60;
}

/** The smallest relative TP-VP octet that lasts at least `minutes` (255, 63 weeks, when none does). */
export function relativeValidityFromMinutes(minutes: number): number {
  for (let vp = 0; vp <= 255; vp++) if (relativeValidityMinutes(vp) >= minutes) return vp;
  return 255;
}

/** An enhanced validity period (§9.2.3.12.3), decoded from its functionality indicator. */
export interface SmsEnhancedValidityPeriod {
  /** Bit 7: a further functionality indicator octet follows (none is defined). */
  extension: boolean;
  /** Bit 6: single shot SM (one delivery attempt only). */
  singleShot: boolean;
  /**
   * Bits 2–0: 0 no validity period, 1 relative (octet 2 as in §9.2.3.12.1), 2 relative in seconds
   * (octet 2, 0–255 s), 3 relative as semi-octets HH MM SS (octets 2–4), 4–7 reserved.
   */
  format: number;
  /** The validity in seconds, for formats 1–3 (undefined for 0, reserved formats and non-decimal HHMMSS). */
  seconds?: number;
}

/** Reads the 7 octets of an enhanced validity period. Never throws on reserved values. */
export function decodeEnhancedValidityPeriod(o: SmsOctets): SmsEnhancedValidityPeriod {
  const b = o.bytes;
  const fi = o.end > o.start ? b[o.start]! : 0;
  const out: SmsEnhancedValidityPeriod = {
    extension: (fi & 0x80) !== 0,
    singleShot: (fi & 0x40) !== 0,
    format: fi & 0x07,
  };
  // With the extension bit set the validity period moves one octet on (§9.2.3.12.3).
  const at = o.start + 1 + (out.extension ? 1 : 0);
  const octet = (k: number): number | undefined => (at + k < o.end ? b[at + k]! : undefined);
  const semi = (v: number | undefined): number | undefined =>
    v === undefined || (v & 0x0f) > 9 || v >> 4 > 9 ? undefined : (v & 0x0f) * 10 + (v >> 4);
  if (out.format === 1) {
    const v = octet(0);
    if (v !== undefined) out.seconds = relativeValidityMinutes(v) * 60;
  } else if (out.format === 2) {
    const v = octet(0);
    if (v !== undefined) out.seconds = v;
  } else if (out.format === 3) {
    const [h, m, s] = [semi(octet(0)), semi(octet(1)), semi(octet(2))];
    if (h !== undefined && m !== undefined && s !== undefined) out.seconds = h * 3600 + m * 60 + s;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// TP-ST (TS 23.040 §9.2.3.15)

/** Which range of TP-ST the status falls in. */
export function smsStatusCategory(status: number): SmsStatusCategory {
  if (status < 0x20) return SmsStatusCategory.completed;
  if (status < 0x40) return SmsStatusCategory.temporaryErrorRetrying;
  if (status < 0x60) return SmsStatusCategory.permanentError;
  if (status < 0x80) return SmsStatusCategory.temporaryErrorNotRetrying;
  return SmsStatusCategory.reserved;
}
