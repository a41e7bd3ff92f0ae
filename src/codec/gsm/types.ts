/** Typed values of the GSM number formats (see constants.ts for the wire values). */

/**
 * AddressString / ISDN-AddressString / FTN-AddressString (TS 29.002 §17.7.8): one octet of extension bit,
 * nature of address and numbering plan, then TBCD digits.
 */
export interface AddressString {
  /** Bits 7–5: a `NatureOfAddress` value (0–7). */
  natureOfAddress: number;
  /** Bits 4–1: a `NumberingPlan` value (0–15; spare and reserved values are kept as they came). */
  numberingPlan: number;
  /** The TBCD digits: 0-9, and `*`, `#`, `a`, `b`, `c` as TS 29.002 §17.7.8 allows. */
  digits: string;
  /**
   * Present (true) only when bit 8 was 0. TS 29.002 sets bit 8 to 1 ("no extension") and defines no
   * extension octet, so a 0 is a peer's oddity; it is kept so that re-encoding is exact, and the octets
   * that follow are still read as digits (as Wireshark does).
   */
  extension?: true;
}

/** MCC and MNC as digit strings (PLMN-Id, TS 29.002 §17.7.8; TS 23.003 §2.2). */
export interface PlmnId {
  /** Three digits. */
  mcc: string;
  /** Two or three digits (a filler in the MNC-3 nibble marks a two-digit MNC). */
  mnc: string;
}

/** LAIFixedLength (TS 29.002 §17.7.8, TS 23.003 §4.1): PLMN plus the 16-bit location area code. */
export interface LocationAreaId extends PlmnId {
  lac: number;
}

/**
 * CellGlobalIdOrServiceAreaIdFixedLength (TS 29.002 §17.7.8, TS 23.003 §4.3.1 and §12.5): location area
 * plus the 16-bit cell identity (GERAN) or service area code (UTRAN).
 */
export interface CellGlobalId extends LocationAreaId {
  cellId: number;
}

/** An IMSI cut into its TS 23.003 §2.2 parts. */
export interface ImsiParts {
  mcc: string;
  mnc: string;
  msin: string;
}
