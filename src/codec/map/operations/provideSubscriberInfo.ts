/**
 * MAP-PROVIDE-SUBSCRIBER-INFO (TS 29.002 §8.11.2; operation provideSubscriberInfo, local:70, §17.6.1).
 * The HLR asks the VLR/SGSN for a subscriber's location and state, by IMSI. Sent straight to a VLR from a
 * foreign network it locates the subscriber to the cell (FS.11 category 2), so the firewall wants both
 * the requested flags and the cell identity in the answer.
 *
 * Also home of the SubscriberInfo, LocationInformation, SubscriberState and RequestedInfo types that
 * anyTimeInterrogation (71) and sendRoutingInfo (22) reuse.
 */
import type { MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  bitStringField,
  ctx,
  ctxC,
  ENUMERATED,
  extensionContainerField,
  INTEGER,
  imsiField,
  integerField,
  isdnField,
  lmsiField,
  type MapBitString,
  type MapItemCodec,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  nullField,
  octetsField,
  rawField,
  SEQUENCE,
  sequenceField,
  sequenceParameter,
  topLevelIdentities,
} from "../common.js";
import {
  type CellGlobalIdOrServiceAreaIdOrLai,
  cellGlobalIdOrServiceAreaIdOrLaiItem,
  choiceItem,
  imeiField,
  taggedChoiceField,
} from "../common-sms.js";
import { MapOperation } from "../operations.js";

const ENUM_MAX = 0x7fffffff;

/**
 * RequestedInfo ::= SEQUENCE { locationInformation [0] NULL, subscriberState [1] NULL, extensionContainer
 * [2], ..., currentLocation [3] NULL, requestedDomain [4] DomainType, imei [6] NULL, ms-classmark [5]
 * NULL, mnpRequestedInfo [7] NULL, locationInformationEPS-Supported [11] NULL, t-adsData [8] NULL,
 * requestedNodes [9] RequestedNodes, servingNodeIndication [10] NULL, localTimeZoneRequest [12] NULL }
 * (TS 29.002 §17.7.1). Each flag asks for one part of SubscriberInfo.
 */
export interface RequestedInfo extends MapSequenceValue {
  locationInformation?: true;
  subscriberState?: true;
  extensionContainer?: MapRawTlv;
  /** Page the MS for a fresh location (an active location request). */
  currentLocation?: true;
  /** DomainType: cs-Domain (0), ps-Domain (1). */
  requestedDomain?: number;
  imei?: true;
  msClassmark?: true;
  mnpRequestedInfo?: true;
  locationInformationEpsSupported?: true;
  tAdsData?: true;
  /** RequestedNodes ::= BIT STRING { mme (0), sgsn (1) }. */
  requestedNodes?: MapBitString;
  servingNodeIndication?: true;
  localTimeZoneRequest?: true;
}

export const REQUESTED_INFO: MapSequenceSpec = [
  nullField("locationInformation", ctx(0)),
  nullField("subscriberState", ctx(1)),
  extensionContainerField(ctxC(2)),
  nullField("currentLocation", ctx(3)),
  integerField("requestedDomain", ctx(4), true, 0, ENUM_MAX),
  nullField("imei", ctx(6)),
  nullField("msClassmark", ctx(5)),
  nullField("mnpRequestedInfo", ctx(7)),
  nullField("locationInformationEpsSupported", ctx(11)),
  nullField("tAdsData", ctx(8)),
  bitStringField("requestedNodes", ctx(9)),
  nullField("servingNodeIndication", ctx(10)),
  nullField("localTimeZoneRequest", ctx(12)),
];

/**
 * LocationInformation ::= SEQUENCE { ageOfLocationInformation INTEGER (0..32767), geographicalInformation
 * [0], vlr-number [1], locationNumber [2], cellGlobalIdOrServiceAreaIdOrLAI [3], extensionContainer [4], ...,
 * selectedLSA-Id [5], msc-Number [6], geodeticInformation [7], currentLocationRetrieved [8], sai-Present
 * [9], locationInformationEPS [10], userCSGInformation [11] } (TS 29.002 §17.7.1).
 */
export interface LocationInformation extends MapSequenceValue {
  /** Minutes since the location was last updated. */
  ageOfLocationInformation?: number;
  /** GeographicalInformation ::= OCTET STRING (SIZE (8)), TS 23.032 point with uncertainty circle. */
  geographicalInformation?: Uint8Array;
  vlrNumber?: AddressString;
  /** LocationNumber ::= OCTET STRING (SIZE (2..10)), ISUP location number (Q.763 §3.30). */
  locationNumber?: Uint8Array;
  cellGlobalIdOrServiceAreaIdOrLai?: CellGlobalIdOrServiceAreaIdOrLai;
  extensionContainer?: MapRawTlv;
  /** LSAIdentity ::= OCTET STRING (SIZE (3)). */
  selectedLsaId?: Uint8Array;
  mscNumber?: AddressString;
  /** GeodeticInformation ::= OCTET STRING (SIZE (10)), Q.763 calling geodetic location. */
  geodeticInformation?: Uint8Array;
  currentLocationRetrieved?: true;
  /** The 7-octet cell field holds a Service Area Identity (SAC instead of CI). */
  saiPresent?: true;
  locationInformationEps?: MapRawTlv;
  userCsgInformation?: MapRawTlv;
}

export const LOCATION_INFORMATION: MapSequenceSpec = [
  integerField("ageOfLocationInformation", INTEGER, true, 0, 32767),
  octetsField("geographicalInformation", ctx(0), true, 8, 8),
  isdnField("vlrNumber", ctx(1), true),
  octetsField("locationNumber", ctx(2), true, 2, 10),
  taggedChoiceField("cellGlobalIdOrServiceAreaIdOrLai", 3, cellGlobalIdOrServiceAreaIdOrLaiItem, true),
  extensionContainerField(ctxC(4)),
  octetsField("selectedLsaId", ctx(5), true, 3, 3),
  isdnField("mscNumber", ctx(6), true),
  octetsField("geodeticInformation", ctx(7), true, 10, 10),
  nullField("currentLocationRetrieved", ctx(8)),
  nullField("saiPresent", ctx(9)),
  rawField("locationInformationEps", ctxC(10)),
  rawField("userCsgInformation", ctxC(11)),
];

/**
 * SubscriberState ::= CHOICE { assumedIdle [0] NULL, camelBusy [1] NULL, netDetNotReachable
 * NotReachableReason, notProvidedFromVLR [2] NULL }; NotReachableReason ::= ENUMERATED { msPurged (0),
 * imsiDetached (1), restrictedArea (2), notRegistered (3) }.
 */
export type SubscriberState =
  | { kind: "assumedIdle" }
  | { kind: "camelBusy" }
  | { kind: "netDetNotReachable"; netDetNotReachable: number }
  | { kind: "notProvidedFromVlr" };

export const subscriberStateItem: MapItemCodec<SubscriberState> = choiceItem<SubscriberState>(
  "SubscriberState",
  [
    { kind: "assumedIdle", field: nullField("assumedIdle", ctx(0)), isNull: true },
    { kind: "camelBusy", field: nullField("camelBusy", ctx(1)), isNull: true },
    { kind: "netDetNotReachable", field: integerField("netDetNotReachable", ENUMERATED, false, 0, ENUM_MAX) },
    { kind: "notProvidedFromVlr", field: nullField("notProvidedFromVLR", ctx(2)), isNull: true },
  ],
);

/**
 * SubscriberInfo ::= SEQUENCE { locationInformation [0], subscriberState [1], extensionContainer [2], ...,
 * locationInformationGPRS [3], ps-SubscriberState [4], imei [5], ms-Classmark2 [6], gprs-MS-Class [7],
 * mnpInfoRes [8], imsVoiceOverPS-SessionsIndication [9], lastUE-ActivityTime [10], lastRAT-Type [11],
 * eps-SubscriberState [12], locationInformationEPS [13], timeZone [14], daylightSavingTime [15] }
 * (TS 29.002 §17.7.1). The PS/EPS parts are kept undecoded.
 */
export interface SubscriberInfo extends MapSequenceValue {
  locationInformation?: LocationInformation;
  subscriberState?: SubscriberState;
  extensionContainer?: MapRawTlv;
  locationInformationGprs?: MapRawTlv;
  psSubscriberState?: MapRawTlv;
  /** IMEI ::= TBCD-STRING (SIZE (8)): 15 digits (IMEI) or 16 (IMEISV). */
  imei?: string;
  /** MS-Classmark2 ::= OCTET STRING (SIZE (3)) (TS 24.008 §10.5.1.6). */
  msClassmark2?: Uint8Array;
  gprsMsClass?: MapRawTlv;
  mnpInfoRes?: MapRawTlv;
  imsVoiceOverPsSessionsIndication?: number;
  /** Time ::= OCTET STRING (SIZE (4)). */
  lastUeActivityTime?: Uint8Array;
  /** Used-RAT-Type: utran (0), geran (1), gan (2), i-hspa-evolution (3), e-utran (4), nb-iot (5). */
  lastRatType?: number;
  epsSubscriberState?: MapRawTlv;
  locationInformationEps?: MapRawTlv;
  /** TimeZone ::= OCTET STRING (SIZE (2..3)). */
  timeZone?: Uint8Array;
  daylightSavingTime?: number;
}

export const SUBSCRIBER_INFO: MapSequenceSpec = [
  sequenceField("locationInformation", ctxC(0), LOCATION_INFORMATION),
  taggedChoiceField("subscriberState", 1, subscriberStateItem, true),
  extensionContainerField(ctxC(2)),
  rawField("locationInformationGprs", ctxC(3)),
  rawField("psSubscriberState", ctxC(4)),
  imeiField("imei", ctx(5)),
  octetsField("msClassmark2", ctx(6), true, 3, 3),
  rawField("gprsMsClass", ctxC(7)),
  rawField("mnpInfoRes", ctxC(8)),
  integerField("imsVoiceOverPsSessionsIndication", ctx(9), true, 0, ENUM_MAX),
  octetsField("lastUeActivityTime", ctx(10), true, 4, 4),
  integerField("lastRatType", ctx(11), true, 0, ENUM_MAX),
  rawField("epsSubscriberState", ctxC(12)),
  rawField("locationInformationEps", ctxC(13)),
  octetsField("timeZone", ctx(14), true, 2, 3),
  integerField("daylightSavingTime", ctx(15), true, 0, ENUM_MAX),
];

/**
 * ProvideSubscriberInfoArg ::= SEQUENCE { imsi [0] IMSI, lmsi [1] LMSI OPTIONAL, requestedInfo [2]
 * RequestedInfo, extensionContainer [3] OPTIONAL, ..., callPriority [4] EMLPP-Priority OPTIONAL }.
 */
export interface ProvideSubscriberInfoArg extends MapSequenceValue {
  imsi: string;
  lmsi?: string;
  requestedInfo: RequestedInfo;
  extensionContainer?: MapRawTlv;
  /** EMLPP-Priority ::= INTEGER (0..15). */
  callPriority?: number;
}

/**
 * ProvideSubscriberInfoRes ::= SEQUENCE { subscriberInfo SubscriberInfo, extensionContainer OPTIONAL, ... };
 * AnyTimeInterrogationRes has the same shape.
 */
export interface ProvideSubscriberInfoRes extends MapSequenceValue {
  subscriberInfo: SubscriberInfo;
  extensionContainer?: MapRawTlv;
}

const ARG: MapSequenceSpec = [
  imsiField("imsi", ctx(0)),
  lmsiField("lmsi", ctx(1)),
  sequenceField("requestedInfo", ctxC(2), REQUESTED_INFO, false),
  extensionContainerField(ctxC(3)),
  integerField("callPriority", ctx(4), true, 0, 15),
];

/** SEQUENCE { subscriberInfo SubscriberInfo, extensionContainer ExtensionContainer OPTIONAL, ... }. */
export const SUBSCRIBER_INFO_RES: MapSequenceSpec = [
  sequenceField("subscriberInfo", SEQUENCE, SUBSCRIBER_INFO, false),
  extensionContainerField(),
];

const ARGUMENT = sequenceParameter<ProvideSubscriberInfoArg>(ARG, SEQUENCE, "ProvideSubscriberInfoArg");
const RESULT = sequenceParameter<ProvideSubscriberInfoRes>(
  SUBSCRIBER_INFO_RES,
  SEQUENCE,
  "ProvideSubscriberInfoRes",
);

export const provideSubscriberInfo: MapOperationCodec<ProvideSubscriberInfoArg, ProvideSubscriberInfoRes> = {
  opcode: MapOperation.provideSubscriberInfo,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult: RESULT.decode,
  encodeResult: RESULT.encode,
  identities: topLevelIdentities,
};
