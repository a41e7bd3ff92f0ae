/**
 * Wire values of the GSM/3GPP number formats MAP carries (3GPP TS 29.002 §17.7.8 "Common data types",
 * TS 23.003 numbering, TS 24.008 BCD digits). One table serves decoding and encoding.
 */

/**
 * TBCD-STRING digit alphabet, indexed by nibble value (TS 29.002 §17.7.8 TBCD-STRING): 0000–1001 are the
 * digits 0–9, then 1010 `*`, 1011 `#`, 1100 `a`, 1101 `b`, 1110 `c`. The same assignment is used by the
 * called-party BCD number of TS 24.008 Table 10.5.118 (where 1100–1110 are written "a", "b", "c" too).
 * 1111 is the filler, never a digit. Letters are lower case, which is how decoders hand them out and
 * what encoders accept.
 */
export const TBCD_DIGITS = "0123456789*#abc";

/** TS 29.002 §17.7.8 TBCD-STRING: "1111 used as filler when there is an odd number of digits". */
export const TBCD_FILLER = 0x0f;

/**
 * Nature of address indicator: bits 7–5 of the first AddressString octet (TS 29.002 §17.7.8).
 * All eight 3-bit values are named, so a decoded value always belongs to the union.
 */
export const NatureOfAddress = {
  unknown: 0,
  international: 1,
  /** "national significant number" */
  national: 2,
  networkSpecific: 3,
  subscriber: 4,
  reserved: 5,
  abbreviated: 6,
  reservedForExtension: 7,
} as const;
export type NatureOfAddress = (typeof NatureOfAddress)[keyof typeof NatureOfAddress];

/**
 * Numbering plan indicator: bits 4–1 of the first AddressString octet (TS 29.002 §17.7.8). Values 2, 5, 7
 * are spare and 10–14 reserved; a decoder still hands them out (as plain numbers) so re-encoding is exact.
 */
export const NumberingPlan = {
  unknown: 0,
  /** ISDN/Telephony Numbering Plan (ITU-T E.164) */
  isdnTelephony: 1,
  /** data numbering plan (ITU-T X.121) */
  data: 3,
  /** telex numbering plan (ITU-T F.69) */
  telex: 4,
  /** land mobile numbering plan (ITU-T E.212) */
  landMobile: 6,
  national: 8,
  private: 9,
  reservedForExtension: 15,
} as const;
export type NumberingPlan = (typeof NumberingPlan)[keyof typeof NumberingPlan];

/** SIZE limits of the address types, in octets including the nature/plan octet (TS 29.002 §17.7.8). */
export const AddressLength = {
  /** maxAddressLength: AddressString ::= OCTET STRING (SIZE (1..20)) */
  maxAddressLength: 20,
  /** maxISDN-AddressLength: ISDN-AddressString ::= AddressString (SIZE (1..9)) */
  maxISDNAddressLength: 9,
  /** maxFTN-AddressLength: FTN-AddressString ::= AddressString (SIZE (1..15)) */
  maxFTNAddressLength: 15,
} as const;

/** Identity sizes (TS 29.002 §17.7.8 and TS 23.003). */
export const IdentityLength = {
  /** IMSI ::= TBCD-STRING (SIZE (3..8)) */
  imsiMinOctets: 3,
  imsiMaxOctets: 8,
  /** TS 23.003 §2.2: "not more than 15 digits". */
  imsiMaxDigits: 15,
  /** The fewest digits SIZE (3..8) can carry: three octets, the last holding a filler. */
  imsiMinDigits: 5,
  /** IMEI ::= TBCD-STRING (SIZE (8)) */
  imeiOctets: 8,
  /** LMSI ::= OCTET STRING (SIZE (4)) */
  lmsiOctets: 4,
  /** TMSI ::= OCTET STRING (SIZE (1..4)) */
  tmsiMaxOctets: 4,
  /** PLMN-Id ::= OCTET STRING (SIZE (3)) */
  plmnIdOctets: 3,
  /** LAIFixedLength ::= OCTET STRING (SIZE (5)) */
  laiOctets: 5,
  /** CellGlobalIdOrServiceAreaIdFixedLength ::= OCTET STRING (SIZE (7)) */
  cgiOctets: 7,
} as const;

const NATURE_NAMES = Object.keys(NatureOfAddress) as (keyof typeof NatureOfAddress)[];

/** The spec name of a nature of address value ("international"), for display. */
export function natureOfAddressName(value: number): string {
  return NATURE_NAMES[value] ?? `invalid(${value})`;
}

const PLAN_NAMES: Record<number, string> = {};
for (const [name, v] of Object.entries(NumberingPlan)) PLAN_NAMES[v] = name;

/** The spec name of a numbering plan value ("isdnTelephony", "spare(2)", "reserved(12)"), for display. */
export function numberingPlanName(value: number): string {
  const name = PLAN_NAMES[value];
  if (name) return name;
  if (value === 2 || value === 5 || value === 7) return `spare(${value})`;
  return value >= 10 && value <= 14 ? `reserved(${value})` : `invalid(${value})`;
}
