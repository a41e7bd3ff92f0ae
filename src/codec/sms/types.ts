/** Typed values of the SMS transfer layer (3GPP TS 23.040 §9) and of its data coding scheme (TS 23.038 §4). */

/**
 * Octets left where they were decoded: `bytes[start, end)` (8-bit user data, information element data,
 * an enhanced validity period). The same shape as the MAP codec's `MapOctets`, so sm-RP-UI can be handed
 * over as it is. Build one from a buffer with `smsOctets(bytes)`.
 */
export interface SmsOctets {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
}

/** One information element of a user data header (TS 23.040 §9.2.3.24): its IEI and its data as offsets. */
export interface SmsUdhElement extends SmsOctets {
  readonly iei: number;
}

/** Concatenated short message (TS 23.040 §9.2.3.24.1 / .8): which message, how many parts, which part. */
export interface SmsConcatenation {
  /** Reference number, 0–255 (IEI 0x00) or 0–65535 (IEI 0x08); the same for every part of a message. */
  reference: number;
  referenceBits: 8 | 16;
  /** Maximum number of short messages in the concatenated message, 1–255. */
  totalParts: number;
  /** Sequence number of this part, 1..totalParts. */
  partNumber: number;
}

/** A user data header: every element in order, and the concatenation they describe (if any). */
export interface SmsUserDataHeader {
  elements: SmsUdhElement[];
  /** Derived from `elements` by the decoder (`userDataHeader(elements)` does the same); encoders ignore it. */
  concatenation?: SmsConcatenation;
}

/**
 * TP-UD (TS 23.040 §9.2.3.24): the header when TP-UDHI is set, then the short message: `text` when the data
 * coding scheme announces the GSM 7-bit alphabet or UCS2, otherwise the octets after the header as `data`
 * (8-bit data, compressed data).
 */
export interface SmsUserData {
  header?: SmsUserDataHeader;
  text?: string;
  data?: SmsOctets;
}

/**
 * TP-DA / TP-OA / TP-RA (TS 23.040 §9.1.2.5). `address` is the digits (0–9 * # a b c) or, for the
 * alphanumeric type of number (5), the text of the sender ID in the GSM 7-bit default alphabet.
 */
export interface SmsAddress {
  /** Bits 7–5 of the type-of-address octet (`SmsTypeOfNumber`). */
  typeOfNumber: number;
  /** Bits 4–1 of the type-of-address octet (`SmsNumberingPlan`). */
  numberingPlan: number;
  address: string;
}

/**
 * TP-SCTS / TP-DT / absolute TP-VP (TS 23.040 §9.2.3.11): the local time of the SC as it is on the wire,
 * two decimal digits per field (year 00–99), and the time zone as the signed difference between local time
 * and GMT in quarters of an hour (−79..79).
 */
export interface SmsTimestamp {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  timezone: number;
}

/** TP-VP (TS 23.040 §9.2.3.12), per the TP-VPF of the SMS-SUBMIT. */
export type SmsValidityPeriod =
  /** §9.2.3.12.1: one octet, see `relativeValidityMinutes`. */
  | { format: "relative"; value: number }
  /** §9.2.3.12.2: an absolute time. */
  | { format: "absolute"; timestamp: SmsTimestamp }
  /** §9.2.3.12.3: seven octets, see `decodeEnhancedValidityPeriod`. */
  | { format: "enhanced"; octets: SmsOctets };

/** SMS-SUBMIT (TS 23.040 §9.2.2.2), MS → SC. The decoder sets every flag; encoders default them to false. */
export interface SmsSubmit {
  type: "submit";
  /** TP-RD. */
  rejectDuplicates?: boolean;
  /** TP-RP. */
  replyPath?: boolean;
  /** TP-SRR. */
  statusReportRequest?: boolean;
  /** TP-MR, 0–255. */
  messageReference: number;
  /** TP-DA. */
  destination: SmsAddress;
  /** TP-PID (TS 23.040 §9.2.3.9). */
  protocolIdentifier: number;
  /** TP-DCS octet (TS 23.038 §4; `decodeDataCodingScheme` gives its meaning). */
  dataCodingScheme: number;
  /** TP-VPF and TP-VP; absent = TP-VPF 00. */
  validityPeriod?: SmsValidityPeriod;
  /** TP-UDHI, TP-UDL and TP-UD. */
  userData: SmsUserData;
}

/** SMS-DELIVER (TS 23.040 §9.2.2.1), SC → MS. The decoder sets every flag; encoders default them to false. */
export interface SmsDeliver {
  type: "deliver";
  /** TP-MMS read the natural way: true when the wire bit is 0 ("more messages are waiting"). */
  moreMessagesToSend?: boolean;
  /** TP-LP. */
  loopPrevention?: boolean;
  /** TP-SRI. */
  statusReportIndication?: boolean;
  /** TP-RP. */
  replyPath?: boolean;
  /** TP-OA. */
  originator: SmsAddress;
  protocolIdentifier: number;
  dataCodingScheme: number;
  /** TP-SCTS. */
  serviceCentreTimestamp: SmsTimestamp;
  userData: SmsUserData;
}

/**
 * SMS-STATUS-REPORT (TS 23.040 §9.2.2.3), SC → MS. TP-PI and what it announces are optional; the
 * encoder writes TP-PI when `parameterIndicator` is given or any of TP-PID, TP-DCS, TP-UD is.
 */
export interface SmsStatusReport {
  type: "statusReport";
  /** TP-MMS, true when the wire bit is 0. */
  moreMessagesToSend?: boolean;
  /** TP-LP. */
  loopPrevention?: boolean;
  /** TP-SRQ: the report is about an SMS-SUBMIT (false) or an SMS-COMMAND (true). */
  aboutCommand?: boolean;
  /** TP-MR of the message the report is about. */
  messageReference: number;
  /** TP-RA. */
  recipient: SmsAddress;
  /** TP-SCTS of the message the report is about. */
  serviceCentreTimestamp: SmsTimestamp;
  /** TP-DT: when the status in TP-ST was reached. */
  dischargeTime: SmsTimestamp;
  /** TP-ST (TS 23.040 §9.2.3.15; `smsStatusCategory` gives its range). */
  status: number;
  /**
   * TP-PI as on the wire (TS 23.040 §9.2.3.27). Its bits 0–2 are set by the encoder from the presence of
   * TP-PID, TP-DCS and TP-UD; the reserved bits are kept; bit 7 follows `parameterIndicatorExtension`.
   */
  parameterIndicator?: number;
  /**
   * The further TP-PI octets when the first one has its extension bit set, bits 7–1 only (all reserved);
   * the encoder sets bit 8 on every one but the last.
   */
  parameterIndicatorExtension?: number[];
  protocolIdentifier?: number;
  dataCodingScheme?: number;
  userData?: SmsUserData;
}

/** The TPDUs this codec reads and writes. */
export type SmsTpdu = SmsSubmit | SmsDeliver | SmsStatusReport;

/**
 * Direction of transfer, which TP-MTI alone does not tell: "mt" (SC → MS, as mt-forwardSM carries it)
 * or "mo" (MS → SC, mo-forwardSM).
 */
export type SmsDirection = "mt" | "mo";
