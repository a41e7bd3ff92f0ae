/**
 * Q.713 §3.4 called/calling party address: one scanner shared by the full decoder and the allocation-free
 * fast path (so both accept and reject exactly the same inputs), the typed decode on top of it, and the encoder.
 */
import type { ByteWriter } from "../bytes.js";
import { DecodeError, EncodeError } from "../errors.js";
import { SccpEncodingScheme, SccpGlobalTitleIndicator, SccpRoutingIndicator } from "./constants.js";
import type { SccpAddress, SccpAddressInput, SccpGlobalTitle } from "./types.js";

// Q.713 §3.4.1, Figure 4: address indicator bits.
const AI_PC = 0x01; // bit 1: point code indicator
const AI_SSN = 0x02; // bit 2: subsystem number indicator
const AI_GTI_SHIFT = 2; // bits 6–3: global title indicator
const AI_RI = 0x40; // bit 7: routing indicator (1 = route on SSN)
const AI_NATIONAL = 0x80; // bit 8: reserved for national use

/** Q.713 §3.4.2.1: an ITU signalling point code is 14 bits. */
export const SCCP_MAX_POINT_CODE = 0x3fff;

/**
 * Where the parts of one address sit, plus its small fields, as plain numbers (-1 = absent). A reusable
 * object so the fast path can scan addresses without allocating.
 */
export class SccpAddressScan {
  nationalIndicator = false;
  routingIndicator = 0;
  globalTitleIndicator = 0;
  pc = -1;
  ssn = -1;
  tt = -1;
  np = -1;
  es = -1;
  nai = -1;
  /** Whether the last digit octet carries a filler in its high nibble. */
  odd = false;
  /** The whole global title field (after PC and SSN). */
  gtStart = 0;
  gtEnd = 0;
  /** The address signal octets inside the global title. */
  digitsStart = 0;
  digitsEnd = 0;
}

/** Scans the address contents `bytes[start, end)` (after its length indicator) into `s`. */
export function scanSccpAddress(bytes: Uint8Array, start: number, end: number, s: SccpAddressScan): void {
  if (start >= end) throw new DecodeError("sccp", start, "empty address (no address indicator)");
  const ai = bytes[start]!;
  let o = start + 1;
  s.nationalIndicator = (ai & AI_NATIONAL) !== 0;
  s.routingIndicator = ai & AI_RI ? 1 : 0;
  const gti = (ai >> AI_GTI_SHIFT) & 0x0f;
  s.globalTitleIndicator = gti;
  s.pc = -1;
  s.ssn = -1;
  s.tt = -1;
  s.np = -1;
  s.es = -1;
  s.nai = -1;
  s.odd = false;
  if (ai & AI_PC) {
    // Q.713 §3.4.2.1: PC bits 8–1 in the first octet, bits 14–9 in bits 6–1 of the second (bits 8–7 spare).
    if (o + 2 > end) throw new DecodeError("sccp", o, "address ends inside the point code");
    s.pc = bytes[o]! | ((bytes[o + 1]! & 0x3f) << 8);
    o += 2;
  }
  if (ai & AI_SSN) {
    if (o >= end) throw new DecodeError("sccp", o, "address ends before the subsystem number");
    s.ssn = bytes[o++]!;
  }
  s.gtStart = o;
  s.gtEnd = end;
  s.digitsEnd = end;
  switch (gti) {
    case 0:
      if (o !== end) throw new DecodeError("sccp", o, "octets after an address without global title");
      s.digitsStart = end;
      return;
    case 1: {
      // Q.713 §3.4.2.3.1: bit 8 odd/even, bits 7–1 nature of address indicator.
      if (o >= end) throw new DecodeError("sccp", o, "global title ends before its nature of address octet");
      const b = bytes[o]!;
      s.odd = (b & 0x80) !== 0;
      s.nai = b & 0x7f;
      s.digitsStart = o + 1;
      break;
    }
    case 2:
      // Q.713 §3.4.2.3.2: translation type only; the digit encoding is implied by it, so no odd/even indicator.
      if (o >= end) throw new DecodeError("sccp", o, "global title ends before its translation type");
      s.tt = bytes[o]!;
      s.digitsStart = o + 1;
      break;
    case 3:
    case 4: {
      // Q.713 §3.4.2.3.3/§3.4.2.3.4: TT, then NP (bits 8–5) + ES (bits 4–1), then (GTI 4) spare bit + NAI.
      const fixed = gti === 3 ? 2 : 3;
      if (o + fixed > end)
        throw new DecodeError("sccp", o, `global title shorter than its ${fixed} fixed octets`);
      s.tt = bytes[o]!;
      s.np = bytes[o + 1]! >> 4;
      s.es = bytes[o + 1]! & 0x0f;
      if (gti === 4) s.nai = bytes[o + 2]! & 0x7f;
      s.odd = s.es === SccpEncodingScheme.bcdOdd;
      s.digitsStart = o + fixed;
      break;
    }
    default:
      // GT indicators 0101–1111 are spare or reserved: the octets are kept as they are.
      s.digitsStart = end;
      return;
  }
  if (s.odd && s.digitsStart >= end) {
    throw new DecodeError("sccp", s.digitsStart, "odd number of address signals but no address octets");
  }
}

const NIBBLE = "0123456789abcdef";
/** Two digits per octet: the first address signal is in bits 4–1 (Q.713 §3.4.2.3.1). */
const DIGIT_PAIRS: readonly string[] = Array.from(
  { length: 256 },
  (_, b) => NIBBLE[b & 0x0f]! + NIBBLE[b >> 4]!,
);

/** Address signals of `bytes[start, end)`; with `odd`, the high nibble of the last octet is filler. */
export function decodeBcdDigits(bytes: Uint8Array, start: number, end: number, odd: boolean): string {
  let s = "";
  const full = odd ? end - 1 : end;
  for (let i = start; i < full; i++) s += DIGIT_PAIRS[bytes[i]!]!;
  if (odd && end > start) s += NIBBLE[bytes[end - 1]! & 0x0f]!;
  return s;
}

/** The typed address for a scan (allocates; the fast path reads the scan directly). */
export function sccpAddressFromScan(bytes: Uint8Array, s: SccpAddressScan): SccpAddress {
  const a: SccpAddress = {
    nationalIndicator: s.nationalIndicator,
    routingIndicator: s.routingIndicator as SccpRoutingIndicator,
    globalTitleIndicator: s.globalTitleIndicator,
  };
  if (s.pc >= 0) a.pc = s.pc;
  if (s.ssn >= 0) a.ssn = s.ssn;
  const gti = s.globalTitleIndicator;
  if (gti >= 1 && gti <= 4) {
    const gt: SccpGlobalTitle = { digits: decodeBcdDigits(bytes, s.digitsStart, s.digitsEnd, s.odd) };
    if (s.tt >= 0) gt.tt = s.tt;
    if (s.np >= 0) gt.np = s.np;
    if (s.es >= 0) gt.es = s.es;
    if (s.nai >= 0) gt.nai = s.nai;
    a.gt = gt;
  } else if (gti > 4) {
    a.unknownGlobalTitle = bytes.subarray(s.gtStart, s.gtEnd);
  }
  return a;
}

/** Decodes the address contents `bytes[start, end)` (the octets after the address length indicator). */
export function decodeSccpAddress(bytes: Uint8Array, start = 0, end = bytes.length): SccpAddress {
  const s = new SccpAddressScan();
  scanSccpAddress(bytes, start, end, s);
  return sccpAddressFromScan(bytes, s);
}

function checkInt(field: string, v: unknown, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) {
    throw new EncodeError("sccp", field, `must be an integer 0–${max}, got ${String(v)}`);
  }
  return v;
}

/** The GT indicator an input implies when it names none. */
function inferGlobalTitleIndicator(a: SccpAddressInput, field: string): number {
  const gt = a.gt;
  if (!gt) {
    if (a.unknownGlobalTitle) {
      throw new EncodeError("sccp", `${field}.globalTitleIndicator`, "required with unknownGlobalTitle");
    }
    return SccpGlobalTitleIndicator.noGlobalTitle;
  }
  const tt = gt.tt !== undefined;
  const np = gt.np !== undefined || gt.es !== undefined;
  const nai = gt.nai !== undefined;
  if (!tt && !np && nai) return SccpGlobalTitleIndicator.natureOfAddressOnly;
  if (tt && !np && !nai) return SccpGlobalTitleIndicator.translationTypeOnly;
  if (tt && np && !nai) return SccpGlobalTitleIndicator.translationTypeNumberingPlanEncodingScheme;
  if (tt && np && nai)
    return SccpGlobalTitleIndicator.translationTypeNumberingPlanEncodingSchemeNatureOfAddress;
  throw new EncodeError(
    "sccp",
    `${field}.gt`,
    "fields fit no global title indicator (1: nai; 2: tt; 3: tt+np; 4: tt+np+nai)",
  );
}

const GT_FIELDS: Readonly<Record<number, readonly (keyof SccpGlobalTitle)[]>> = {
  1: ["nai"],
  2: ["tt"],
  3: ["tt", "np"],
  4: ["tt", "np", "nai"],
};

/** Writes the address contents (without its length indicator). */
export function writeSccpAddress(w: ByteWriter, a: SccpAddressInput, field = "address"): void {
  const gti =
    a.globalTitleIndicator === undefined
      ? inferGlobalTitleIndicator(a, field)
      : checkInt(`${field}.globalTitleIndicator`, a.globalTitleIndicator, 15);
  const ri =
    a.routingIndicator === undefined
      ? a.gt
        ? SccpRoutingIndicator.routeOnGlobalTitle
        : SccpRoutingIndicator.routeOnSsn
      : checkInt(`${field}.routingIndicator`, a.routingIndicator, 1);
  let ai = (gti << AI_GTI_SHIFT) | (ri ? AI_RI : 0) | (a.nationalIndicator ? AI_NATIONAL : 0);
  if (a.pc !== undefined) ai |= AI_PC;
  if (a.ssn !== undefined) ai |= AI_SSN;
  w.u8(ai);
  if (a.pc !== undefined) {
    const pc = checkInt(`${field}.pc`, a.pc, SCCP_MAX_POINT_CODE);
    w.u8(pc & 0xff).u8(pc >> 8);
  }
  if (a.ssn !== undefined) w.u8(checkInt(`${field}.ssn`, a.ssn, 255));

  if (gti === 0) {
    if (a.gt || a.unknownGlobalTitle) {
      throw new EncodeError("sccp", `${field}.gt`, "a global title needs a global title indicator of 1–15");
    }
    return;
  }
  if (gti > 4) {
    if (a.gt || !a.unknownGlobalTitle) {
      throw new EncodeError(
        "sccp",
        `${field}.unknownGlobalTitle`,
        `GT indicator ${gti} takes raw unknownGlobalTitle octets`,
      );
    }
    w.bytes(a.unknownGlobalTitle);
    return;
  }
  const gt = a.gt;
  if (!gt || a.unknownGlobalTitle) {
    throw new EncodeError("sccp", `${field}.gt`, `GT indicator ${gti} needs gt (and no unknownGlobalTitle)`);
  }
  const allowed = GT_FIELDS[gti]!;
  for (const k of ["tt", "np", "nai"] as const) {
    const present = gt[k] !== undefined;
    if (present !== allowed.includes(k)) {
      throw new EncodeError(
        "sccp",
        `${field}.gt.${k}`,
        present ? `not carried by GT indicator ${gti}` : `required by GT indicator ${gti}`,
      );
    }
  }
  if (gt.es !== undefined && gti < 3) {
    throw new EncodeError("sccp", `${field}.gt.es`, `not carried by GT indicator ${gti}`);
  }
  const digits = gt.digits;
  if (typeof digits !== "string" || !/^[0-9a-fA-F]*$/.test(digits)) {
    throw new EncodeError("sccp", `${field}.gt.digits`, "address signals must be 0-9 or a-f");
  }
  const odd = digits.length % 2 === 1;
  switch (gti) {
    case 1:
      w.u8((odd ? 0x80 : 0) | checkInt(`${field}.gt.nai`, gt.nai, 127));
      break;
    case 2:
      if (odd) {
        throw new EncodeError(
          "sccp",
          `${field}.gt.digits`,
          "GT indicator 2 has no odd/even indicator: give an even count (add the filler yourself)",
        );
      }
      w.u8(checkInt(`${field}.gt.tt`, gt.tt, 255));
      break;
    default: {
      let es: number;
      if (gt.es === undefined) es = odd ? SccpEncodingScheme.bcdOdd : SccpEncodingScheme.bcdEven;
      else {
        es = checkInt(`${field}.gt.es`, gt.es, 15);
        if (odd !== (es === SccpEncodingScheme.bcdOdd)) {
          throw new EncodeError(
            "sccp",
            `${field}.gt.es`,
            `encoding scheme ${es} does not fit ${digits.length} address signals (only BCD odd, 1, takes an odd count)`,
          );
        }
      }
      w.u8(checkInt(`${field}.gt.tt`, gt.tt, 255));
      w.u8((checkInt(`${field}.gt.np`, gt.np, 15) << 4) | es);
      if (gti === 4) w.u8(checkInt(`${field}.gt.nai`, gt.nai, 127));
    }
  }
  writeBcdDigits(w, digits);
}

function nibble(c: number): number {
  // '0'-'9' → 0–9, 'a'-'f'/'A'-'F' → 10–15 (already validated).
  return c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57;
}

/** Address signals two per octet, first in bits 4–1; an odd count ends with filler 0000 (Q.713 §3.4.2.3.1). */
export function writeBcdDigits(w: ByteWriter, digits: string): void {
  for (let i = 0; i < digits.length; i += 2) {
    const lo = nibble(digits.charCodeAt(i));
    const hi = i + 1 < digits.length ? nibble(digits.charCodeAt(i + 1)) : 0;
    w.u8(lo | (hi << 4));
  }
}
