/**
 * Typed SCCP values. Decoded messages carry user data as offsets (`dataStart`, `dataEnd`) into the decoded
 * bytes; encoder inputs carry it as `data`. `toSccpInput` turns the first into the second.
 */
import type { SccpGlobalTitleIndicator, SccpRoutingIndicator } from "./constants.js";

/**
 * Q.713 §3.4.2.3: a global title. Which fields are present depends on the GT indicator:
 * 1 → `nai`; 2 → `tt`; 3 → `tt`, `np`, `es`; 4 → `tt`, `np`, `es`, `nai`.
 *
 * `digits` holds one character per address signal nibble: '0'–'9' for 0000–1001, and lower-case 'a'–'f'
 * for 1010–1111 (Q.713 §3.4.2.3.1 names 1011 "code 11", 1100 "code 12" and 1111 "ST"; writing them as the
 * hex digit of the nibble keeps every value reversible and matches how the nibble is written in traces).
 * The odd/even indicator and, for GT indicators 3/4, an encoding scheme of 1 or 2 follow from the digit
 * count and are not stored separately. For GT indicator 2 (no odd/even indicator on the wire) and for
 * encoding schemes other than BCD odd/even, every nibble is a digit, so the count is always even.
 */
export interface SccpGlobalTitle {
  digits: string;
  /** Translation type (GT indicators 2, 3, 4). */
  tt?: number;
  /** Numbering plan (GT indicators 3, 4), `SccpNumberingPlan`. */
  np?: number;
  /** Encoding scheme (GT indicators 3, 4), `SccpEncodingScheme`. Optional when encoding: derived from parity. */
  es?: number;
  /** Nature of address indicator (GT indicators 1, 4), `SccpNatureOfAddress`. */
  nai?: number;
}

/** Q.713 §3.4: called/calling party address as decoded. */
export interface SccpAddress {
  /** Address indicator bit 8: reserved for national use in ITU networks (national/international in ANSI-style use). */
  nationalIndicator: boolean;
  routingIndicator: SccpRoutingIndicator;
  /** 0–15; 1–4 carry `gt`, 5–15 (spare/reserved) carry `unknownGlobalTitle`. */
  globalTitleIndicator: SccpGlobalTitleIndicator | number;
  /** 14-bit ITU signalling point code, present when the PC indicator is set. */
  pc?: number;
  /** Subsystem number, present when the SSN indicator is set. */
  ssn?: number;
  gt?: SccpGlobalTitle;
  /** Raw octets of a global title whose indicator is spare/reserved (a view into the decoded bytes). */
  unknownGlobalTitle?: Uint8Array;
}

/** An address to encode: the indicators default from the fields present. */
export interface SccpAddressInput {
  /** Default false. */
  nationalIndicator?: boolean;
  /** Default: route on GT when `gt` is present, else route on SSN. */
  routingIndicator?: SccpRoutingIndicator;
  /** Default: 0 without `gt`; with `gt`, the lowest indicator carrying exactly the fields given. */
  globalTitleIndicator?: SccpGlobalTitleIndicator | number;
  pc?: number;
  ssn?: number;
  gt?: SccpGlobalTitle;
  unknownGlobalTitle?: Uint8Array;
}

/** Q.713 §3.17: the segmentation parameter of XUDT/XUDTS/LUDT/LUDTS. */
export interface SccpSegmentation {
  /** Bit 8 "F": this is the first segment. */
  firstSegment: boolean;
  /** Bit 7 "C": protocol class (0 or 1) requested for the whole, unsegmented message. */
  protocolClass: 0 | 1;
  /** Bits 4–1: number of segments still to come (0 in the last segment). */
  remainingSegments: number;
  /** Octets 2–4: segmentation local reference, a 24-bit number sent least significant octet first (as every SCCP multi-octet field). */
  localReference: number;
}

/** An optional parameter this codec does not interpret (kept so it is forwarded unchanged). */
export interface SccpUnknownParameter {
  name: number;
  /** Parameter contents (a view into the decoded bytes, or the bytes to encode). */
  value: Uint8Array;
}

interface SccpUnitdataCommon {
  called: SccpAddress;
  calling: SccpAddress;
  /** User data (TCAP, SCMG, BSSAP …) as absolute offsets into the decoded bytes. */
  dataStart: number;
  dataEnd: number;
}

/** Q.713 §4.18–4.21: the optional part of the extended and long messages. */
export interface SccpOptionalPart {
  segmentation?: SccpSegmentation;
  /** Q.713 §3.19: importance 0–7. */
  importance?: number;
  unknownParameters?: SccpUnknownParameter[];
}

/** Q.713 §4.10 Unitdata. */
export interface SccpUdt extends SccpUnitdataCommon {
  messageType: 0x09;
  protocolClass: number;
  returnOnError: boolean;
}

/** Q.713 §4.11 Unitdata service. */
export interface SccpUdts extends SccpUnitdataCommon {
  messageType: 0x0a;
  returnCause: number;
}

/** Q.713 §4.18 Extended unitdata and §4.20 Long unitdata. */
export interface SccpXudt extends SccpUnitdataCommon, SccpOptionalPart {
  messageType: 0x11 | 0x13;
  protocolClass: number;
  returnOnError: boolean;
  hopCounter: number;
}

/** Q.713 §4.19 Extended unitdata service and §4.21 Long unitdata service. */
export interface SccpXudts extends SccpUnitdataCommon, SccpOptionalPart {
  messageType: 0x12 | 0x14;
  returnCause: number;
  hopCounter: number;
}

/** Any other message type (connection-oriented ones, unknown codes): kept as the type code and offsets. */
export interface SccpOtherMessage {
  messageType: number;
  other: true;
  /** The octets after the message type code. */
  bodyStart: number;
  bodyEnd: number;
}

export type SccpUnitdataMessage = SccpUdt | SccpUdts | SccpXudt | SccpXudts;
export type SccpMessage = SccpUnitdataMessage | SccpOtherMessage;

type WithData<T> = T extends unknown
  ? Omit<T, "dataStart" | "dataEnd" | "called" | "calling"> & {
      called: SccpAddressInput;
      calling: SccpAddressInput;
      data: Uint8Array;
    }
  : never;

export type SccpUnitdataInput = WithData<SccpUnitdataMessage>;
export type SccpXudtInput = WithData<SccpXudt>;
export interface SccpOtherInput {
  messageType: number;
  other: true;
  body: Uint8Array;
}
export type SccpMessageInput = SccpUnitdataInput | SccpOtherInput;
