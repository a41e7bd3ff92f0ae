/**
 * Building blocks shared by the short-message, USSD and location operations (TS 29.002 §§ 12, 13, 11.x,
 * 13A): the SM-RP-DA / SM-RP-OA address CHOICEs, SignalInfo and USSD-String kept as offsets for the next
 * layer, CHOICE helpers on top of the SEQUENCE walker in `common.ts`, SubscriberIdentity, and the GSM
 * 7-bit default alphabet (TS 23.038) needed to show a USSD string as text.
 */
import { BerClass, type BerCursor } from "../ber/index.js";
import { DecodeError, EncodeError } from "../errors.js";
import {
  type CellGlobalId,
  decodeCellGlobalIdFixedLength,
  decodeImei,
  decodeLaiFixedLength,
  encodeCellGlobalIdFixedLength,
  encodeImei,
  encodeLaiFixedLength,
  type LocationAreaId,
} from "../gsm/index.js";
import { decodeGsm7 as decodeSmsGsm7, encodeGsm7, packSeptets, unpackSeptets } from "../sms/index.js";
import type { MapOperationCodec } from "./codec.js";
import {
  type AddressString,
  addressField,
  ctx,
  ctxC,
  imsiField,
  isdnField,
  lmsiField,
  type MapField,
  type MapItemCodec,
  type MapSequenceSpec,
  type MapSequenceValue,
  nullField,
  OCTET_STRING,
  octetField,
  SEQUENCE,
  sequenceParameter,
  tagKey,
  tagName,
  topLevelIdentities,
  writeTag,
} from "./common.js";

// ---------------------------------------------------------------------------------------------------------
// Octets kept as offsets

/**
 * Content octets left where they were decoded: `bytes[start, end)` is the value of an OCTET STRING
 * (SignalInfo, USSD-String, Ext-GeographicalInformation). The next layer (the SMS TPDU codec, the
 * USSD text helper) decodes straight from these offsets; nothing is copied. To encode a value built by
 * hand, use `mapOctets(bytes)`.
 */
export interface MapOctets {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
}

/** A `MapOctets` covering all of `bytes`. */
export function mapOctets(bytes: Uint8Array): MapOctets {
  return { bytes, start: 0, end: bytes.length };
}

/** The octets as a Uint8Array view (no copy). */
export function mapOctetsView(o: MapOctets): Uint8Array {
  return o.bytes.subarray(o.start, o.end);
}

/** OCTET STRING (SIZE (min..max)) whose content is kept as offsets. */
export function octetOffsetsField(
  name: string,
  tag: number,
  optional: boolean,
  min: number,
  max: number,
): MapField {
  return {
    name,
    tags: [tag],
    optional,
    decode: (bytes, c): MapOctets => {
      const n = c.valueEnd - c.valueStart;
      if (n < min || n > max) {
        throw new DecodeError("map", c.valueStart, `${name}: ${n} octets, outside SIZE (${min}..${max})`);
      }
      return { bytes, start: c.valueStart, end: c.valueEnd };
    },
    encode: (w, v) => {
      const o = v as MapOctets;
      const n = o.end - o.start;
      if (!(o.start >= 0 && o.end <= o.bytes.length && n >= min && n <= max)) {
        throw new EncodeError("map", name, `${n} octets, outside SIZE (${min}..${max})`);
      }
      writeTag(w, tag);
      w.length(n).raw(mapOctetsView(o));
    },
  };
}

/** SignalInfo ::= OCTET STRING (SIZE (1..maxSignalInfoLength)), maxSignalInfoLength = 200 (§17.7.8). */
export const MAX_SIGNAL_INFO_LENGTH = 200;

// ---------------------------------------------------------------------------------------------------------
// CHOICE

/**
 * One alternative of a CHOICE: the value appears as `{ kind, [kind]: value }`, or `{ kind }` alone for a
 * NULL alternative (noSM-RP-DA, assumedIdle…).
 */
export interface MapAlternative {
  readonly kind: string;
  readonly field: MapField;
  readonly isNull?: boolean;
}

type Loose = Record<string, unknown>;

/**
 * The item codec of a CHOICE over `alternatives` (untagged: the alternative's own tag is on the wire).
 * Tag keys must differ between alternatives.
 */
export function choiceItem<T extends { kind: string }>(
  name: string,
  alternatives: readonly MapAlternative[],
): MapItemCodec<T> {
  const byTag = new Map<number, MapAlternative>();
  const byKind = new Map<string, MapAlternative>();
  for (const a of alternatives) {
    for (const t of a.field.tags) byTag.set(t, a);
    byKind.set(a.kind, a);
  }
  return {
    tags: [...byTag.keys()],
    decode: (bytes, c) => {
      const a = byTag.get(tagKey(c.tagClass, c.constructed, c.tagNumber));
      if (!a) throw new DecodeError("map", c.start, `${name}: no alternative has this tag`);
      const v = a.field.decode(bytes, c);
      return (a.isNull ? { kind: a.kind } : { kind: a.kind, [a.kind]: v }) as T;
    },
    encode: (w, v) => {
      const a = byKind.get(v?.kind);
      if (!a) throw new EncodeError("map", name, `unknown alternative ${JSON.stringify(v?.kind)}`);
      const payload = a.isNull ? true : (v as unknown as Loose)[a.kind];
      if (payload === undefined) throw new EncodeError("map", `${name}.${a.kind}`, "is missing");
      a.field.encode(w, payload);
    },
  };
}

/**
 * A tagged CHOICE component `[n] SomeChoice`. X.680 §31.2.7: a tag on a CHOICE is always explicit, even
 * in an IMPLICIT TAGS module, so the wire has a constructed `[n]` wrapping exactly one alternative.
 */
export function taggedChoiceField<T extends { kind: string }>(
  name: string,
  n: number,
  item: MapItemCodec<T>,
  optional: boolean,
): MapField {
  return {
    name,
    tags: [ctxC(n)],
    optional,
    decode: (bytes, c) => decodeExplicit(name, item, bytes, c),
    encode: (w, v) => {
      const mark = w.begin(BerClass.contextSpecific, n);
      item.encode(w, v as T);
      w.end(mark);
    },
  };
}

/** Decodes the single element inside the explicit tag the cursor sits on. */
export function decodeExplicit<T>(name: string, item: MapItemCodec<T>, bytes: Uint8Array, c: BerCursor): T {
  const to = c.valueEnd;
  c.read(c.valueStart, to);
  if (c.end !== to) throw new DecodeError("map", c.end, `${name}: more than one element inside the tag`);
  const key = tagKey(c.tagClass, c.constructed, c.tagNumber);
  if (!item.tags.includes(key)) {
    throw new DecodeError("map", c.start, `${name}: unexpected ${tagName(key)}`);
  }
  return item.decode(bytes, c);
}

// ---------------------------------------------------------------------------------------------------------
// SM-RP-DA, SM-RP-OA (TS 29.002 §17.7.6)

/**
 * SM-RP-DA ::= CHOICE { imsi [0] IMSI, lmsi [1] LMSI, serviceCentreAddressDA [4] AddressString,
 * noSM-RP-DA [5] NULL }; MAP v1 also had roamingNumber [3] ISDN-AddressString (GSM 09.02 phase 1).
 */
export type SmRpDa =
  | { kind: "imsi"; imsi: string }
  | { kind: "lmsi"; lmsi: string }
  | { kind: "roamingNumber"; roamingNumber: AddressString }
  | { kind: "serviceCentreAddressDA"; serviceCentreAddressDA: AddressString }
  | { kind: "noSmRpDa" };

export const smRpDaItem: MapItemCodec<SmRpDa> = choiceItem<SmRpDa>("sm-RP-DA", [
  { kind: "imsi", field: imsiField("imsi", ctx(0)) },
  { kind: "lmsi", field: lmsiField("lmsi", ctx(1), false) },
  { kind: "roamingNumber", field: isdnField("roamingNumber", ctx(3)) },
  { kind: "serviceCentreAddressDA", field: addressField("serviceCentreAddressDA", ctx(4), false, 20) },
  { kind: "noSmRpDa", field: nullField("noSM-RP-DA", ctx(5)), isNull: true },
]);

/** SM-RP-OA ::= CHOICE { msisdn [2] ISDN-AddressString, serviceCentreAddressOA [4] AddressString, noSM-RP-OA [5] NULL }. */
export type SmRpOa =
  | { kind: "msisdn"; msisdn: AddressString }
  | { kind: "serviceCentreAddressOA"; serviceCentreAddressOA: AddressString }
  | { kind: "noSmRpOa" };

export const smRpOaItem: MapItemCodec<SmRpOa> = choiceItem<SmRpOa>("sm-RP-OA", [
  { kind: "msisdn", field: isdnField("msisdn", ctx(2)) },
  { kind: "serviceCentreAddressOA", field: addressField("serviceCentreAddressOA", ctx(4), false, 20) },
  { kind: "noSmRpOa", field: nullField("noSM-RP-OA", ctx(5)), isNull: true },
]);

/** SM-DeliveryOutcome ::= ENUMERATED (TS 29.002 §17.7.6). */
export const SmDeliveryOutcome = {
  memoryCapacityExceeded: 0,
  absentSubscriber: 1,
  successfulTransfer: 2,
} as const;
export type SmDeliveryOutcome = (typeof SmDeliveryOutcome)[keyof typeof SmDeliveryOutcome];

// ---------------------------------------------------------------------------------------------------------
// SubscriberIdentity (TS 29.002 §17.7.8)

/** SubscriberIdentity ::= CHOICE { imsi [0] IMSI, msisdn [1] ISDN-AddressString }. */
export type SubscriberIdentity = { kind: "imsi"; imsi: string } | { kind: "msisdn"; msisdn: AddressString };

export const subscriberIdentityItem: MapItemCodec<SubscriberIdentity> = choiceItem<SubscriberIdentity>(
  "SubscriberIdentity",
  [
    { kind: "imsi", field: imsiField("imsi", ctx(0)) },
    { kind: "msisdn", field: isdnField("msisdn", ctx(1)) },
  ],
);

/** The IMSI / MSISDN digits a SubscriberIdentity names. */
export function subscriberIdentityIds(s: SubscriberIdentity | undefined): { imsi?: string; msisdn?: string } {
  if (!s) return {};
  return s.kind === "imsi" ? { imsi: s.imsi } : { msisdn: s.msisdn.digits };
}

/**
 * Additional-Number ::= CHOICE { msc-Number [0] ISDN-AddressString, sgsn-Number [1] ISDN-AddressString }
 * (TS 29.002 §17.7.6; also used by LCSLocationInfo §17.7.13).
 */
export type AdditionalNumber =
  | { kind: "mscNumber"; mscNumber: AddressString }
  | { kind: "sgsnNumber"; sgsnNumber: AddressString };

export const additionalNumberItem: MapItemCodec<AdditionalNumber> = choiceItem<AdditionalNumber>(
  "Additional-Number",
  [
    { kind: "mscNumber", field: isdnField("msc-Number", ctx(0)) },
    { kind: "sgsnNumber", field: isdnField("sgsn-Number", ctx(1)) },
  ],
);

// ---------------------------------------------------------------------------------------------------------
// Cell identity (TS 29.002 §17.7.8 CellGlobalIdOrServiceAreaIdOrLAI; TS 23.003 §4.3; TS 24.008 §10.5.1.3)

export type { CellGlobalId, LocationAreaId };

/**
 * CellGlobalIdOrServiceAreaIdFixedLength ::= OCTET STRING (SIZE (7)) as MCC, MNC, LAC and CI (a CGI) or SAC
 * (a SAI, flagged by sai-Present); the octet layout is the gsm codec's (TS 23.003 §4.3.1, TS 24.008
 * §10.5.1.3).
 */
export function cellGlobalIdField(name: string, tag: number): MapField {
  return {
    name,
    tags: [tag],
    optional: false,
    decode: (bytes, c): CellGlobalId => decodeCellGlobalIdFixedLength(bytes, c.valueStart, c.valueEnd),
    encode: (w, v) => {
      const content = encodeCellGlobalIdFixedLength(v as CellGlobalId);
      writeTag(w, tag);
      w.length(content.length).raw(content);
    },
  };
}

/** LAIFixedLength ::= OCTET STRING (SIZE (5)) as MCC, MNC and LAC. */
export function laiField(name: string, tag: number): MapField {
  return {
    name,
    tags: [tag],
    optional: false,
    decode: (bytes, c): LocationAreaId => decodeLaiFixedLength(bytes, c.valueStart, c.valueEnd),
    encode: (w, v) => {
      const content = encodeLaiFixedLength(v as LocationAreaId);
      writeTag(w, tag);
      w.length(content.length).raw(content);
    },
  };
}

/**
 * IMEI ::= TBCD-STRING (SIZE (8)) as its 15 (IMEI + filler) or 16 (IMEISV) digits, with the gsm codec
 * (TS 29.002 §17.7.8, TS 23.003 §6.2).
 */
export function imeiField(name: string, tag: number, optional = true): MapField {
  return {
    name,
    tags: [tag],
    optional,
    decode: (bytes, c): string => decodeImei(bytes, c.valueStart, c.valueEnd),
    encode: (w, v) => {
      const content = encodeImei(v as string);
      writeTag(w, tag);
      w.length(content.length).raw(content);
    },
  };
}

/**
 * CellGlobalIdOrServiceAreaIdOrLAI ::= CHOICE { cellGlobalIdOrServiceAreaIdFixedLength [0] ..., laiFixedLength
 * [1] LAIFixedLength } (TS 29.002 §17.7.8). Always used tagged, so it sits inside an explicit tag.
 */
export type CellGlobalIdOrServiceAreaIdOrLai =
  | { kind: "cellGlobalIdOrServiceAreaIdFixedLength"; cellGlobalIdOrServiceAreaIdFixedLength: CellGlobalId }
  | { kind: "laiFixedLength"; laiFixedLength: LocationAreaId };

export const cellGlobalIdOrServiceAreaIdOrLaiItem: MapItemCodec<CellGlobalIdOrServiceAreaIdOrLai> =
  choiceItem<CellGlobalIdOrServiceAreaIdOrLai>("CellGlobalIdOrServiceAreaIdOrLAI", [
    {
      kind: "cellGlobalIdOrServiceAreaIdFixedLength",
      field: cellGlobalIdField("cellGlobalIdOrServiceAreaIdFixedLength", ctx(0)),
    },
    { kind: "laiFixedLength", field: laiField("laiFixedLength", ctx(1)) },
  ]);

/**
 * A point from GeographicalInformation / Ext-GeographicalInformation (TS 23.032 §7.3): the shape type
 * (high nibble of octet 1), latitude and longitude in degrees, and the uncertainty code when the shape
 * carries one. Undefined for shapes without a leading point or data too short for the shape.
 */
export interface GeographicalPoint {
  /** TS 23.032 §7.2 type of shape: 0 point, 1 point with uncertainty circle, 3 ellipse, 9 altitude+ellipsoid, 10 arc… */
  shape: number;
  latitude: number;
  longitude: number;
  uncertaintyCode?: number;
}

export function decodeGeographicalPoint(
  bytes: Uint8Array,
  start: number,
  end: number,
): GeographicalPoint | undefined {
  if (end - start < 7) return undefined;
  const shape = bytes[start]! >> 4;
  // §7.3.1–7.3.8: every shape whose description starts with a point (all but polygon, 5).
  if (![0, 1, 3, 8, 9, 10].includes(shape)) return undefined;
  // §6.1: sign bit + 23-bit latitude as N = 2^23 · |lat| / 90; longitude a 24-bit two's complement of 2^24 · lon / 360.
  const lat = ((bytes[start + 1]! & 0x7f) << 16) | (bytes[start + 2]! << 8) | bytes[start + 3]!;
  const latitude = ((bytes[start + 1]! & 0x80 ? -1 : 1) * lat * 90) / 2 ** 23;
  let lon = (bytes[start + 4]! << 16) | (bytes[start + 5]! << 8) | bytes[start + 6]!;
  if (lon & 0x800000) lon -= 0x1000000;
  const longitude = (lon * 360) / 2 ** 24;
  const point: GeographicalPoint = { shape, latitude, longitude };
  if (shape === 1 && end - start >= 8) point.uncertaintyCode = bytes[start + 7]! & 0x7f;
  return point;
}

// ---------------------------------------------------------------------------------------------------------
// USSD-Arg / USSD-Res (TS 29.002 §17.7.4, MAP-SS-DataTypes)

/** maxUSSD-StringLength (§17.7.4). */
export const MAX_USSD_STRING_LENGTH = 160;

/**
 * USSD-Arg ::= SEQUENCE { ussd-DataCodingScheme USSD-DataCodingScheme, ussd-String USSD-String, ...,
 * alertingPattern AlertingPattern OPTIONAL, msisdn [0] ISDN-AddressString OPTIONAL }. The three
 * untagged OCTET STRINGs are told apart by position. Used by processUnstructuredSS-Request (59),
 * unstructuredSS-Request (60) and unstructuredSS-Notify (61).
 */
export interface UssdArg extends MapSequenceValue {
  /** TS 23.038 §5 CBS data coding scheme; 0x0F = GSM 7-bit, language unspecified. */
  ussdDataCodingScheme: number;
  /** The packed string, as offsets; `ussdText(arg.ussdDataCodingScheme, arg.ussdString)` gives the text. */
  ussdString: MapOctets;
  /** AlertingPattern ::= OCTET STRING (SIZE (1)) (TS 29.002 §17.7.9). */
  alertingPattern?: number;
  msisdn?: AddressString;
}

/** USSD-Res ::= SEQUENCE { ussd-DataCodingScheme, ussd-String, ... }. */
export interface UssdRes extends MapSequenceValue {
  ussdDataCodingScheme: number;
  ussdString: MapOctets;
}

export const USSD_ARG: MapSequenceSpec = [
  octetField("ussdDataCodingScheme", OCTET_STRING, false),
  octetOffsetsField("ussdString", OCTET_STRING, false, 1, MAX_USSD_STRING_LENGTH),
  octetField("alertingPattern", OCTET_STRING, true),
  isdnField("msisdn", ctx(0), true),
];

export const USSD_RES: MapSequenceSpec = [
  octetField("ussdDataCodingScheme", OCTET_STRING, false),
  octetOffsetsField("ussdString", OCTET_STRING, false, 1, MAX_USSD_STRING_LENGTH),
];

const USSD_ARG_PARAMETER = sequenceParameter<UssdArg>(USSD_ARG, SEQUENCE, "USSD-Arg");
const USSD_RES_PARAMETER = sequenceParameter<UssdRes>(USSD_RES, SEQUENCE, "USSD-Res");

/**
 * The codec of a USSD operation (§17.6.4): ARGUMENT USSD-Arg, and RESULT USSD-Res when `withResult`
 * (processUnstructuredSS-Request, unstructuredSS-Request); unstructuredSS-Notify has no result parameter.
 */
export function ussdOperation(opcode: number, withResult: true): MapOperationCodec<UssdArg, UssdRes>;
export function ussdOperation(opcode: number, withResult: false): MapOperationCodec<UssdArg>;
export function ussdOperation(opcode: number, withResult: boolean): MapOperationCodec<UssdArg, UssdRes> {
  return {
    opcode,
    decodeArgument: USSD_ARG_PARAMETER.decode,
    encodeArgument: USSD_ARG_PARAMETER.encode,
    ...(withResult
      ? { decodeResult: USSD_RES_PARAMETER.decode, encodeResult: USSD_RES_PARAMETER.encode }
      : {}),
    identities: topLevelIdentities,
  };
}

// ---------------------------------------------------------------------------------------------------------
// GSM 7-bit default alphabet (TS 23.038 §6.2.1) and USSD text

const CR = 0x0d;

/**
 * Unpacks `septets` 7-bit characters from `bytes[start, end)` (TS 23.038 §6.1.2.1: septets packed
 * LSB-first across octets) and maps them through the default alphabet and its extension table (the SMS
 * codec's `decodeGsm7`). Without `septets`, takes every whole septet the octets hold and, as for USSD/CBS
 * (§6.1.2.3.1), drops a final <CR> that only pads 7 spare bits. Asking for more septets than the octets
 * hold decodes the ones there are.
 */
export function decodeGsm7(bytes: Uint8Array, start: number, end: number, septets?: number): string {
  const available = Math.floor(((end - start) * 8) / 7);
  let count = Math.max(0, septets === undefined ? available : Math.min(Math.floor(septets), available));
  const s = unpackSeptets(bytes, start, end, count);
  if (septets === undefined && count > 0 && count % 8 === 0 && s[count - 1] === CR) count--;
  return decodeSmsGsm7(s, 0, count);
}

/**
 * Septets of `text` in the default alphabet (extension characters as ESC + code); EncodeError otherwise
 * (the SMS codec's `encodeGsm7`).
 */
export function gsm7Septets(text: string): number[] {
  return Array.from(encodeGsm7(text));
}

/**
 * Packs `text` into GSM 7-bit octets for USSD / CBS (TS 23.038 §6.1.2.3.1): when 7 spare bits would be
 * left (8n−1 septets) a <CR> fills them so the receiver does not read an '@'; a message that really ends
 * with <CR> on an octet boundary gets a second <CR>.
 */
export function encodeGsm7Ussd(text: string): Uint8Array {
  const s = gsm7Septets(text);
  if (s.length % 8 === 7) s.push(CR);
  else if (s.length > 0 && s.length % 8 === 0 && s[s.length - 1] === CR) s.push(CR);
  return packSeptets(s);
}

/** UCS2 (big-endian UTF-16 code units, TS 23.038 §5); a trailing odd octet is ignored. */
function decodeUcs2(bytes: Uint8Array, start: number, end: number): string {
  let out = "";
  for (let i = start; i + 1 < end; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  return out;
}

/** The character set a CBS/USSD data coding scheme selects (TS 23.038 §5). */
export type UssdAlphabet = "gsm7" | "gsm7WithLanguage" | "ucs2" | "ucs2WithLanguage" | "8bit" | "unknown";

/** TS 23.038 §5 (CBS Data Coding Scheme, which USSD uses): which alphabet `dcs` announces. */
export function ussdAlphabet(dcs: number): UssdAlphabet {
  const group = dcs >> 4;
  if (group === 0x0 || group === 0x2) return "gsm7"; // languages, GSM 7 bit default alphabet
  if (group === 0x3) return (dcs & 0x0f) <= 4 ? "gsm7" : "unknown";
  if (dcs === 0x10) return "gsm7WithLanguage";
  if (dcs === 0x11) return "ucs2WithLanguage";
  if ((dcs & 0xc0) === 0x40) {
    // 01xx: general data coding; bit 5 = compressed, bits 3..2 = character set.
    if (dcs & 0x20) return "unknown";
    const cs = (dcs >> 2) & 3;
    return cs === 0 ? "gsm7" : cs === 1 ? "8bit" : cs === 2 ? "ucs2" : "unknown";
  }
  if (group === 0xf) return dcs & 0x04 ? "8bit" : "gsm7"; // data coding / message class
  return "unknown";
}

/**
 * The text of a USSD-String under its data coding scheme, or undefined when the scheme is 8-bit data,
 * compressed or reserved. The default scheme 0x0F (language unspecified, GSM 7-bit) is the common case.
 * For the "with language" schemes the language indication is dropped (§5: two characters and a <CR>
 * for 7-bit, two packed characters in two octets for UCS2).
 */
export function ussdText(dcs: number, s: MapOctets): string | undefined {
  switch (ussdAlphabet(dcs)) {
    case "gsm7":
      return decodeGsm7(s.bytes, s.start, s.end);
    case "gsm7WithLanguage":
      return decodeGsm7(s.bytes, s.start, s.end).slice(3);
    case "ucs2":
      return decodeUcs2(s.bytes, s.start, s.end);
    case "ucs2WithLanguage":
      return decodeUcs2(s.bytes, Math.min(s.start + 2, s.end), s.end);
    default:
      return undefined;
  }
}
