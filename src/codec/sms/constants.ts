/**
 * Wire values of the SMS transfer layer (3GPP TS 23.040) and its alphabets (3GPP TS 23.038). One table
 * serves decoding and encoding.
 */

// ---------------------------------------------------------------------------------------------------------
// GSM 7-bit default alphabet (TS 23.038 §6.2.1)

/**
 * TS 23.038 §6.2.1 default alphabet, indexed by septet value. 0x1B is the escape to the extension table
 * (§6.2.1.1), never a character of its own; it stands here as U+001B only to keep the indices right.
 */
export const GSM7_DEFAULT_ALPHABET =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ" + // 0x00–0x1F
  " !\"#¤%&'()*+,-./0123456789:;<=>?" + // 0x20–0x3F
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" + // 0x40–0x5F
  "¿abcdefghijklmnopqrstuvwxyzäöñüà"; // 0x60–0x7F

/** TS 23.038 §6.2.1: the escape septet; the next septet is read in the extension table. */
export const GSM7_ESCAPE = 0x1b;

/**
 * TS 23.038 §6.2.1.1 extension table (default, no national language): septet after the escape →
 * character. 0x0A is the page break (form feed); 0x0D (CR2) and 0x1B (SS2) are control codes without a
 * character, left out.
 */
export const GSM7_EXTENSION_TABLE: readonly (readonly [septet: number, character: string])[] = [
  [0x0a, "\f"],
  [0x14, "^"],
  [0x28, "{"],
  [0x29, "}"],
  [0x2f, "\\"],
  [0x3c, "["],
  [0x3d, "~"],
  [0x3e, "]"],
  [0x40, "|"],
  [0x65, "€"],
];

// ---------------------------------------------------------------------------------------------------------
// TPDU first octet (TS 23.040 §9.2.3)

/**
 * TP-Message-Type-Indicator, bits 1–0 of the first octet (TS 23.040 §9.2.3.1). Each value names two
 * TPDUs, one per direction: 00 SMS-DELIVER (SC→MS) / SMS-DELIVER-REPORT (MS→SC), 01 SMS-SUBMIT-REPORT
 * (SC→MS) / SMS-SUBMIT (MS→SC), 10 SMS-STATUS-REPORT (SC→MS) / SMS-COMMAND (MS→SC), 11 reserved.
 */
export const SmsMessageTypeIndicator = {
  deliver: 0,
  submit: 1,
  statusReport: 2,
  reserved: 3,
} as const;
export type SmsMessageTypeIndicator = (typeof SmsMessageTypeIndicator)[keyof typeof SmsMessageTypeIndicator];

/** Bits of the first octet (TS 23.040 §9.2.2.1–9.2.2.3, §9.2.3.2–9.2.3.26). */
export const SmsFirstOctet = {
  mtiMask: 0x03,
  /** TP-MMS (DELIVER, STATUS-REPORT): 0 = more messages are waiting in the SC, 1 = no more. */
  moreMessagesToSend: 0x04,
  /** TP-RD (SUBMIT): reject a duplicate of a message still held by the SC. */
  rejectDuplicates: 0x04,
  /** TP-LP (DELIVER, STATUS-REPORT): loop prevention. */
  loopPrevention: 0x08,
  /** TP-VPF (SUBMIT), bits 4–3. */
  vpfMask: 0x18,
  vpfShift: 3,
  /** TP-SRI (DELIVER): a status report will be returned to the SME. */
  statusReportIndication: 0x20,
  /** TP-SRR (SUBMIT): a status report is requested. */
  statusReportRequest: 0x20,
  /** TP-SRQ (STATUS-REPORT): 0 = the report is about an SMS-SUBMIT, 1 = about an SMS-COMMAND. */
  statusReportQualifier: 0x20,
  /** TP-UDHI: the TP-UD field starts with a header. */
  userDataHeaderIndicator: 0x40,
  /** TP-RP (SUBMIT, DELIVER): a reply path is set. */
  replyPath: 0x80,
} as const;

/**
 * TP-Validity-Period-Format, bits 4–3 of the SMS-SUBMIT first octet (TS 23.040 §9.2.3.3): 00 absent,
 * 10 relative (1 octet), 01 enhanced (7 octets), 11 absolute (7 octets, semi-octets).
 */
export const SmsValidityPeriodFormat = {
  none: 0,
  enhanced: 1,
  relative: 2,
  absolute: 3,
} as const;
export type SmsValidityPeriodFormat = (typeof SmsValidityPeriodFormat)[keyof typeof SmsValidityPeriodFormat];

// ---------------------------------------------------------------------------------------------------------
// Addresses (TS 23.040 §9.1.2.5)

/** Type-of-number, bits 7–5 of the type-of-address octet (TS 23.040 §9.1.2.5). */
export const SmsTypeOfNumber = {
  unknown: 0,
  international: 1,
  national: 2,
  networkSpecific: 3,
  subscriber: 4,
  /** Alphanumeric, coded in the GSM 7-bit default alphabet (TS 23.038 §6.2.1). */
  alphanumeric: 5,
  abbreviated: 6,
  reservedForExtension: 7,
} as const;
export type SmsTypeOfNumber = (typeof SmsTypeOfNumber)[keyof typeof SmsTypeOfNumber];

/** Numbering-plan-identification, bits 4–1 of the type-of-address octet (TS 23.040 §9.1.2.5). */
export const SmsNumberingPlan = {
  unknown: 0,
  /** ISDN/telephone numbering plan (E.164/E.163). */
  isdnTelephone: 1,
  /** Data numbering plan (X.121). */
  data: 3,
  /** Telex numbering plan. */
  telex: 4,
  serviceCentreSpecific5: 5,
  serviceCentreSpecific6: 6,
  national: 8,
  private: 9,
  /** ERMES numbering plan (ETSI DE/PS 3 01-3). */
  ermes: 10,
  reservedForExtension: 15,
} as const;
export type SmsNumberingPlan = (typeof SmsNumberingPlan)[keyof typeof SmsNumberingPlan];

/** TS 23.040 §9.1.2.5: the address value is at most 10 octets, i.e. 20 semi-octets. */
export const SMS_MAX_ADDRESS_SEMI_OCTETS = 20;

/** Semi-octet digits of an SMS address (TS 23.040 §9.1.2.5 refers to TS 24.008 Table 10.5.118). */
export const SMS_ADDRESS_DIGITS = "0123456789*#abc";

// ---------------------------------------------------------------------------------------------------------
// User data (TS 23.040 §9.2.3.16, §9.2.3.24)

/** TS 23.040 §9.2.3.24: TP-UD holds at most 140 octets (160 septets in the default alphabet). */
export const SMS_MAX_USER_DATA_OCTETS = 140;
export const SMS_MAX_USER_DATA_SEPTETS = 160;

/** Information-Element-Identifiers of the user data header (TS 23.040 §9.2.3.24), the common ones. */
export const SmsInformationElement = {
  /** §9.2.3.24.1: concatenated short messages, 8-bit reference number. */
  concatenated8BitReference: 0x00,
  /** §9.2.3.24.2: special SMS message indication. */
  specialSmsMessageIndication: 0x01,
  /** §9.2.3.24.3: application port addressing scheme, 8-bit address. */
  applicationPort8Bit: 0x04,
  /** §9.2.3.24.4: application port addressing scheme, 16-bit address. */
  applicationPort16Bit: 0x05,
  /** §9.2.3.24.5: SMSC control parameters. */
  smscControlParameters: 0x06,
  /** §9.2.3.24.6: UDH source indicator. */
  udhSourceIndicator: 0x07,
  /** §9.2.3.24.8: concatenated short messages, 16-bit reference number. */
  concatenated16BitReference: 0x08,
  /** §9.2.3.24.9: wireless control message protocol. */
  wirelessControlMessageProtocol: 0x09,
  /** §9.2.3.24.15: national language single shift. */
  nationalLanguageSingleShift: 0x24,
  /** §9.2.3.24.16: national language locking shift. */
  nationalLanguageLockingShift: 0x25,
} as const;
export type SmsInformationElement = (typeof SmsInformationElement)[keyof typeof SmsInformationElement];

// ---------------------------------------------------------------------------------------------------------
// TP-Status (TS 23.040 §9.2.3.15)

/** TP-ST ranges: what happened to the message the status report is about. */
export const SmsStatusCategory = {
  /** 0x00–0x1F: short message transaction completed (0x00 received by the SME, 0x01 forwarded, 0x02 replaced). */
  completed: "completed",
  /** 0x20–0x3F: temporary error, the SC is still trying to transfer the message. */
  temporaryErrorRetrying: "temporaryErrorRetrying",
  /** 0x40–0x5F: permanent error, the SC is not making any more transfer attempts. */
  permanentError: "permanentError",
  /** 0x60–0x7F: temporary error, the SC is not making any more transfer attempts. */
  temporaryErrorNotRetrying: "temporaryErrorNotRetrying",
  /** 0x80–0xFF: reserved. */
  reserved: "reserved",
} as const;
export type SmsStatusCategory = (typeof SmsStatusCategory)[keyof typeof SmsStatusCategory];

/** TP-Parameter-Indicator bits (TS 23.040 §9.2.3.27). */
export const SmsParameterIndicator = {
  protocolIdentifier: 0x01,
  dataCodingScheme: 0x02,
  userDataLength: 0x04,
  /** Another TP-PI octet follows. */
  extension: 0x80,
} as const;
