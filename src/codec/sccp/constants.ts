/**
 * SCCP wire values (ITU-T Q.713, connectionless part), one table per field, used by both directions.
 * Names follow the Recommendation's wording in camelCase.
 */

/** Q.713 §2.1, Table 1: message type codes. Only the connectionless ones (UDT … LUDTS) are decoded field by field. */
export const SccpMessageType = {
  connectionRequest: 0x01,
  connectionConfirm: 0x02,
  connectionRefused: 0x03,
  released: 0x04,
  releaseComplete: 0x05,
  dataForm1: 0x06,
  dataForm2: 0x07,
  dataAcknowledgement: 0x08,
  unitdata: 0x09,
  unitdataService: 0x0a,
  expeditedData: 0x0b,
  expeditedDataAcknowledgement: 0x0c,
  resetRequest: 0x0d,
  resetConfirmation: 0x0e,
  protocolDataUnitError: 0x0f,
  inactivityTest: 0x10,
  extendedUnitdata: 0x11,
  extendedUnitdataService: 0x12,
  longUnitdata: 0x13,
  longUnitdataService: 0x14,
} as const;
export type SccpMessageType = (typeof SccpMessageType)[keyof typeof SccpMessageType];

/** The six connectionless message types this codec decodes field by field. */
export type SccpConnectionlessType = 0x09 | 0x0a | 0x11 | 0x12 | 0x13 | 0x14;

/** Q.713 §2.1: the acronyms operators read in traces (for the CLI and logs). */
export const SccpMessageTypeAcronym: Readonly<Record<number, string>> = {
  1: "CR",
  2: "CC",
  3: "CREF",
  4: "RLSD",
  5: "RLC",
  6: "DT1",
  7: "DT2",
  8: "AK",
  9: "UDT",
  10: "UDTS",
  11: "ED",
  12: "EA",
  13: "RSR",
  14: "RSC",
  15: "ERR",
  16: "IT",
  17: "XUDT",
  18: "XUDTS",
  19: "LUDT",
  20: "LUDTS",
};

/** Q.713 §3, Table 2: parameter name codes (only the optional-part ones appear on the wire as names). */
export const SccpParameterName = {
  endOfOptionalParameters: 0x00,
  destinationLocalReference: 0x01,
  sourceLocalReference: 0x02,
  calledPartyAddress: 0x03,
  callingPartyAddress: 0x04,
  protocolClass: 0x05,
  segmentingReassembling: 0x06,
  receiveSequenceNumber: 0x07,
  sequencingSegmenting: 0x08,
  credit: 0x09,
  releaseCause: 0x0a,
  returnCause: 0x0b,
  resetCause: 0x0c,
  errorCause: 0x0d,
  refusalCause: 0x0e,
  data: 0x0f,
  segmentation: 0x10,
  hopCounter: 0x11,
  importance: 0x12,
  longData: 0x13,
} as const;
export type SccpParameterName = (typeof SccpParameterName)[keyof typeof SccpParameterName];

/** Q.713 §3.6: protocol class, bits 4–1. Only classes 0 and 1 are connectionless. */
export const SccpProtocolClass = {
  class0: 0,
  class1: 1,
  class2: 2,
  class3: 3,
} as const;
export type SccpProtocolClass = (typeof SccpProtocolClass)[keyof typeof SccpProtocolClass];

/** Q.713 §3.6: for classes 0 and 1, bits 8–5 are message handling; 1000 = "return message on error". */
export const SCCP_RETURN_ON_ERROR_BIT = 0x80;

/** Q.713 §3.12: return cause (UDTS, XUDTS, LUDTS). Values 15–255 are not allocated by Q.713. */
export const SccpReturnCause = {
  noTranslationForAnAddressOfSuchNature: 0,
  noTranslationForThisSpecificAddress: 1,
  subsystemCongestion: 2,
  subsystemFailure: 3,
  unequippedUser: 4,
  mtpFailure: 5,
  networkCongestion: 6,
  unqualified: 7,
  errorInMessageTransport: 8,
  errorInLocalProcessing: 9,
  destinationCannotPerformReassembly: 10,
  sccpFailure: 11,
  hopCounterViolation: 12,
  segmentationNotSupported: 13,
  segmentationFailure: 14,
} as const;
export type SccpReturnCause = (typeof SccpReturnCause)[keyof typeof SccpReturnCause];

/** Human-readable spec wording of each return cause, for logs and the CLI. */
export const SccpReturnCauseText: Readonly<Record<number, string>> = {
  0: "no translation for an address of such nature",
  1: "no translation for this specific address",
  2: "subsystem congestion",
  3: "subsystem failure",
  4: "unequipped user",
  5: "MTP failure",
  6: "network congestion",
  7: "unqualified",
  8: "error in message transport",
  9: "error in local processing",
  10: "destination cannot perform reassembly",
  11: "SCCP failure",
  12: "hop counter violation",
  13: "segmentation not supported",
  14: "segmentation failure",
};

/** Q.713 §3.4.1: routing indicator, address indicator bit 7. */
export const SccpRoutingIndicator = {
  routeOnGlobalTitle: 0,
  routeOnSsn: 1,
} as const;
export type SccpRoutingIndicator = (typeof SccpRoutingIndicator)[keyof typeof SccpRoutingIndicator];

/** Q.713 §3.4.1: global title indicator, address indicator bits 6–3. 5–15 are spare/reserved. */
export const SccpGlobalTitleIndicator = {
  noGlobalTitle: 0,
  /** 0001: nature of address indicator only (with odd/even). */
  natureOfAddressOnly: 1,
  /** 0010: translation type only. */
  translationTypeOnly: 2,
  /** 0011: translation type, numbering plan and encoding scheme. */
  translationTypeNumberingPlanEncodingScheme: 3,
  /** 0100: translation type, numbering plan, encoding scheme and nature of address indicator. */
  translationTypeNumberingPlanEncodingSchemeNatureOfAddress: 4,
} as const;
export type SccpGlobalTitleIndicator =
  (typeof SccpGlobalTitleIndicator)[keyof typeof SccpGlobalTitleIndicator];

/**
 * Q.713 §3.4.2.2 subsystem numbers, plus the 3GPP TS 23.003 §8.2 allocations for mobile networks
 * (taken from the national range 32–254, but used internationally between PLMNs).
 */
export const SccpSubsystemNumber = {
  notKnown: 0,
  sccpManagement: 1,
  isdnUserPart: 3,
  omap: 4,
  map: 5,
  hlr: 6,
  vlr: 7,
  msc: 8,
  eir: 9,
  /** Q.713 "authentication centre"; TS 23.003 "allocated for evolution (possible AuC)". */
  auc: 10,
  isdnSupplementaryServices: 11,
  broadbandIsdnEdgeToEdge: 13,
  tcTestResponder: 14,
  ranap: 142,
  rnsap: 143,
  gmlc: 145,
  /** TS 23.003: CAP, i.e. the gsmSCF reached over CAMEL. */
  gsmScf: 146,
  /** TS 23.003: gsmSCF (MAP) or IM-SSF (MAP) or Presence Network Agent. */
  gsmScfMap: 147,
  siwf: 148,
  sgsn: 149,
  ggsn: 150,
  pcap: 249,
  bscBssapLe: 250,
  mscBssapLe: 251,
  smlcBssapLe: 252,
  bssOam: 253,
  bssap: 254,
} as const;
export type SccpSubsystemNumber = (typeof SccpSubsystemNumber)[keyof typeof SccpSubsystemNumber];

/** Q.713 §3.4.2.3.1: nature of address indicator (7 bits). 5–111 spare, 112–126 national, 127 reserved. */
export const SccpNatureOfAddress = {
  unknown: 0,
  subscriberNumber: 1,
  reservedForNationalUse: 2,
  nationalSignificantNumber: 3,
  internationalNumber: 4,
} as const;
export type SccpNatureOfAddress = (typeof SccpNatureOfAddress)[keyof typeof SccpNatureOfAddress];

/** Q.713 §3.4.2.3.3: numbering plan (4 bits). 8–13 spare, 15 reserved. */
export const SccpNumberingPlan = {
  unknown: 0,
  /** ISDN/telephony numbering plan (E.163 and E.164). */
  isdnTelephony: 1,
  generic: 2,
  /** Data numbering plan (X.121). */
  data: 3,
  /** Telex numbering plan (F.69). */
  telex: 4,
  /** Maritime mobile numbering plan (E.210, E.211). */
  maritimeMobile: 5,
  /** Land mobile numbering plan (E.212), i.e. IMSI. */
  landMobile: 6,
  /** ISDN/mobile numbering plan (E.214), i.e. MGT. */
  isdnMobile: 7,
  privateOrNetworkSpecific: 14,
} as const;
export type SccpNumberingPlan = (typeof SccpNumberingPlan)[keyof typeof SccpNumberingPlan];

/** Q.713 §3.4.2.3.2: encoding scheme (4 bits). 4–14 spare, 15 reserved. */
export const SccpEncodingScheme = {
  unknown: 0,
  bcdOdd: 1,
  bcdEven: 2,
  nationalSpecific: 3,
} as const;
export type SccpEncodingScheme = (typeof SccpEncodingScheme)[keyof typeof SccpEncodingScheme];

/** Q.713 §3.4.2.3.2: translation type. 1–63 international services, 128–254 national, 255 reserved. */
export const SccpTranslationType = {
  unknown: 0,
} as const;
export type SccpTranslationType = (typeof SccpTranslationType)[keyof typeof SccpTranslationType];

/** Q.713 §3.18: hop counter values 1–15 (15 is what an originating SCCP sets). */
export const SCCP_MAX_HOP_COUNTER = 15;

/** Q.713 §3.17: at most 15 remaining segments, i.e. 16 segments in one segmented message. */
export const SCCP_MAX_SEGMENTS = 16;

/** Q.703 §2.3.8: a signalling information field carries at most 272 octets, 4 of which are the routing label. */
export const SCCP_MAX_MTP_MESSAGE_LENGTH = 268;

/** Q.713 §4.20: long data carries at most 3952 octets. */
export const SCCP_MAX_LONG_DATA_LENGTH = 3952;
