/**
 * Choosing the alphabet of a text and cutting it into short messages (TS 23.040 §9.2.3.24.1 / .8,
 * concatenated short messages). TP-UD holds 140 octets; a concatenated part gives up 6 (8-bit reference)
 * or 7 (16-bit reference) of them to its header, so a part carries
 *
 *   GSM 7-bit: 160 septets alone, 153 with an 8-bit reference, 152 with a 16-bit reference;
 *   UCS2:      70 code units alone, 67 with an 8-bit reference, 66 with a 16-bit reference.
 *
 * An escape sequence (extension-table character, 2 septets) and a surrogate pair (2 code units) are
 * never cut between two parts: the part before ends one unit short instead.
 */
import { ByteWriter } from "../bytes.js";
import { EncodeError } from "../errors.js";
import { SMS_MAX_USER_DATA_OCTETS, SMS_MAX_USER_DATA_SEPTETS } from "./constants.js";
import { textDataCodingScheme } from "./dcs.js";
import { canEncodeGsm7, gsm7CharSeptets, headerSeptets } from "./gsm7.js";
import { writeUserData } from "./tpdu.js";
import type { SmsConcatenation, SmsUserData } from "./types.js";
import { loneSurrogateAt, surrogatePairAt } from "./ucs2.js";
import { concatenationElement, userDataHeader } from "./udh.js";

export type SmsTextEncoding = "gsm7" | "ucs2";

/** "gsm7" when every character of `text` is in the default alphabet or its extension table, else "ucs2". */
export function chooseEncoding(text: string): SmsTextEncoding {
  return canEncodeGsm7(text) ? "gsm7" : "ucs2";
}

/** Octets of the user data header holding one concatenation element: UDHL + IEI + IEDL + 3 or 4. */
const CONCATENATION_HEADER_OCTETS = { 8: 6, 16: 7 } as const;

/**
 * Characters one part carries: septets (GSM 7-bit) or UTF-16 code units (UCS2), for a message alone
 * (`referenceBits` 0) or a part of a concatenated message with an 8- or 16-bit reference.
 */
export function segmentCapacity(encoding: SmsTextEncoding, referenceBits: 0 | 8 | 16): number {
  const header = referenceBits === 0 ? 0 : CONCATENATION_HEADER_OCTETS[referenceBits];
  if (encoding === "gsm7") return SMS_MAX_USER_DATA_SEPTETS - (header ? headerSeptets(header) : 0);
  return Math.floor((SMS_MAX_USER_DATA_OCTETS - header) / 2);
}

export interface SmsSegmentOptions {
  /** The alphabet; `chooseEncoding(text)` when absent. */
  encoding?: SmsTextEncoding;
  /** Concatenation reference shared by the parts (0–255 or 0–65535); only used when there are several. */
  reference?: number;
  /** Size of the reference: IEI 0x00 (8, the default) or IEI 0x08 (16). */
  referenceBits?: 8 | 16;
}

/** One short message of a text, ready to go into an SMS-SUBMIT or SMS-DELIVER. */
export interface SmsSegment {
  encoding: SmsTextEncoding;
  /** TP-DCS for this text: 0x00 (GSM 7-bit) or 0x08 (UCS2), general data coding, no class. */
  dataCodingScheme: number;
  /** This part's text. */
  text: string;
  /** Septets (GSM 7-bit) or code units (UCS2) of `text`. */
  units: number;
  /** Absent when the text fits one message. */
  concatenation?: SmsConcatenation;
  /** TP-UD as a value: the concatenation header (if any) and the text. */
  userData: SmsUserData;
  /** TP-UDL. */
  userDataLength: number;
  /** TP-UD as octets: header, fill bits and packed septets, or header and UTF-16BE. */
  userDataOctets: Uint8Array;
}

/** Septets (gsm7) or code units (ucs2) the character at `i` takes, and how many code units it spans. */
function unitAt(text: string, i: number, encoding: SmsTextEncoding): { cost: number; span: number } {
  if (encoding === "ucs2") return surrogatePairAt(text, i) ? { cost: 2, span: 2 } : { cost: 1, span: 1 };
  const cost = gsm7CharSeptets(text.charCodeAt(i));
  if (cost === 0) {
    throw new EncodeError(
      "sms",
      "GSM 7-bit text",
      `character at index ${i} is not in the default alphabet or its extension table`,
    );
  }
  return { cost, span: 1 };
}

function checkText(text: string, encoding: SmsTextEncoding): void {
  if (typeof text !== "string") throw new EncodeError("sms", "text", "is not a string");
  if (encoding !== "gsm7" && encoding !== "ucs2") {
    throw new EncodeError("sms", "encoding", `${JSON.stringify(encoding)} is not "gsm7" or "ucs2"`);
  }
  if (encoding === "ucs2") {
    const lone = loneSurrogateAt(text);
    if (lone >= 0) throw new EncodeError("sms", "UCS2 text", `unpaired surrogate at index ${lone}`);
  }
}

/**
 * Cuts `text` where a part of `capacity` units is full, never inside an escape sequence or a surrogate
 * pair. Calls `onPart(start, end, units)` for each part; returns the number of parts.
 */
function split(
  text: string,
  encoding: SmsTextEncoding,
  capacity: number,
  onPart?: (start: number, end: number, units: number) => void,
): number {
  let parts = 0;
  let partStart = 0;
  let used = 0;
  for (let i = 0; i < text.length; ) {
    const { cost, span } = unitAt(text, i, encoding);
    if (used + cost > capacity) {
      onPart?.(partStart, i, used);
      parts++;
      partStart = i;
      used = 0;
    }
    used += cost;
    i += span;
  }
  onPart?.(partStart, text.length, used);
  return parts + 1;
}

function totalUnits(text: string, encoding: SmsTextEncoding): number {
  let n = 0;
  for (let i = 0; i < text.length; ) {
    const { cost, span } = unitAt(text, i, encoding);
    n += cost;
    i += span;
  }
  return n;
}

/**
 * How many short messages `text` takes (for billing and rate limits): 1 when it fits one message, else
 * the number of concatenated parts. May exceed 255, which `segmentText` refuses. EncodeError when an
 * `encoding` of "gsm7" is forced on text it cannot carry.
 */
export function countSegments(
  text: string,
  options: { encoding?: SmsTextEncoding; referenceBits?: 8 | 16 } = {},
): number {
  const encoding = options.encoding ?? chooseEncoding(text);
  checkText(text, encoding);
  if (totalUnits(text, encoding) <= segmentCapacity(encoding, 0)) return 1;
  return split(text, encoding, segmentCapacity(encoding, options.referenceBits ?? 8));
}

/**
 * The short messages carrying `text`: one without a header when it fits, otherwise up to 255 parts, each
 * with a concatenation element (IEI 0x00 or 0x08) naming `reference`, the number of parts and its own
 * number. EncodeError for more than 255 parts, a reference out of range, or text the encoding cannot carry.
 */
export function segmentText(text: string, options: SmsSegmentOptions = {}): SmsSegment[] {
  const encoding = options.encoding ?? chooseEncoding(text);
  checkText(text, encoding);
  const dataCodingScheme = textDataCodingScheme(encoding);
  const units = totalUnits(text, encoding);
  if (units <= segmentCapacity(encoding, 0)) {
    const userData: SmsUserData = { text };
    return [{ encoding, dataCodingScheme, text, units, ...userDataFields(userData, dataCodingScheme) }];
  }
  const referenceBits = options.referenceBits ?? 8;
  if (referenceBits !== 8 && referenceBits !== 16) {
    throw new EncodeError("sms", "referenceBits", `${String(referenceBits)} is not 8 or 16`);
  }
  const reference = options.reference;
  if (reference === undefined)
    throw new EncodeError("sms", "reference", "is needed for a concatenated message");
  const cuts: [number, number, number][] = [];
  split(text, encoding, segmentCapacity(encoding, referenceBits), (s, e, u) => cuts.push([s, e, u]));
  if (cuts.length > 255) {
    throw new EncodeError(
      "sms",
      "text",
      `${cuts.length} parts, over the 255 a concatenated message can have`,
    );
  }
  return cuts.map(([s, e, u], i) => {
    const concatenation: SmsConcatenation = {
      reference,
      referenceBits,
      totalParts: cuts.length,
      partNumber: i + 1,
    };
    const partText = text.slice(s, e);
    const userData: SmsUserData = {
      header: userDataHeader([concatenationElement(concatenation)]),
      text: partText,
    };
    return {
      encoding,
      dataCodingScheme,
      text: partText,
      units: u,
      concatenation,
      ...userDataFields(userData, dataCodingScheme),
    };
  });
}

function userDataFields(
  userData: SmsUserData,
  dcs: number,
): { userData: SmsUserData; userDataLength: number; userDataOctets: Uint8Array } {
  const w = new ByteWriter(160);
  writeUserData(w, userData, dcs);
  const all = w.finish();
  return { userData, userDataLength: all[0]!, userDataOctets: all.subarray(1) };
}
