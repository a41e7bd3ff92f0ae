/**
 * MAP-PROVIDE-SUBSCRIBER-LOCATION (TS 29.002 §13A.2; operation provideSubscriberLocation, local:83,
 * §17.6.8). A GMLC asks the serving MSC/SGSN to position a subscriber; the result is a TS 23.032 shape.
 * Only GMLCs of roaming partners may send it, so the firewall checks the mlc-Number against the calling
 * GT and reads the target IMSI/MSISDN.
 */
import type { MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  addressField,
  bitStringField,
  ctx,
  ctxC,
  extensionContainerField,
  imsiField,
  integerField,
  isdnField,
  lmsiField,
  type MapBitString,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  nullField,
  OCTET_STRING,
  octetField,
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
  imeiField,
  taggedChoiceField,
} from "../common-sms.js";
import { MapOperation } from "../operations.js";

const ENUM_MAX = 0x7fffffff;

/**
 * LocationType ::= SEQUENCE { locationEstimateType [0] LocationEstimateType, ..., deferredLocationEventType
 * [1] DeferredLocationEventType OPTIONAL } (TS 29.002 §17.7.13).
 */
export interface LocationType extends MapSequenceValue {
  /**
   * currentLocation (0), currentOrLastKnownLocation (1), initialLocation (2), activateDeferredLocation (3),
   * cancelDeferredLocation (4), notificationVerificationOnly (5).
   */
  locationEstimateType: number;
  /** BIT STRING { msAvailable (0), enteringIntoArea (1), leavingFromArea (2), beingInsideArea (3), periodicLDR (4) }. */
  deferredLocationEventType?: MapBitString;
}

/**
 * LCS-ClientID ::= SEQUENCE { lcsClientType [0] LCSClientType, lcsClientExternalID [1], lcsClientDialedByMS
 * [2] AddressString, lcsClientInternalID [3], lcsClientName [4], ..., lcsAPN [5], lcsRequestorID [6] }.
 */
export interface LcsClientId extends MapSequenceValue {
  /** emergencyServices (0), valueAddedServices (1), plmnOperatorServices (2), lawfulInterceptServices (3). */
  lcsClientType: number;
  lcsClientExternalId?: MapRawTlv;
  lcsClientDialedByMs?: AddressString;
  /** LCSClientInternalID: broadcastService (0), o-andM-HPLMN (1), o-andM-VPLMN (2), anonymousLocation (3), targetMSsubscribedService (4). */
  lcsClientInternalId?: number;
  lcsClientName?: MapRawTlv;
  /** APN ::= OCTET STRING (SIZE (2..63)). */
  lcsApn?: Uint8Array;
  lcsRequestorId?: MapRawTlv;
}

/**
 * ProvideSubscriberLocation-Arg ::= SEQUENCE { locationType LocationType, mlc-Number ISDN-AddressString,
 * lcs-ClientID [0], privacyOverride [1], imsi [2], msisdn [3], lmsi [4], imei [5], lcs-Priority [6],
 * lcs-QoS [7], extensionContainer [8], ..., supportedGADShapes [9], lcs-ReferenceNumber [10],
 * lcsServiceTypeID [11], lcsCodeword [12], lcs-PrivacyCheck [13], areaEventInfo [14], h-gmlc-Address [15],
 * mo-lrShortCircuitIndicator [16], periodicLDRInfo [17], reportingPLMNList [18] } — one of imsi or msisdn
 * is mandatory (TS 29.002 §17.7.13).
 */
export interface ProvideSubscriberLocationArg extends MapSequenceValue {
  locationType: LocationType;
  mlcNumber: AddressString;
  lcsClientId?: LcsClientId;
  privacyOverride?: true;
  imsi?: string;
  msisdn?: AddressString;
  lmsi?: string;
  /** IMEI ::= TBCD-STRING (SIZE (8)): 15 digits (IMEI) or 16 (IMEISV). */
  imei?: string;
  /** LCS-Priority ::= OCTET STRING (SIZE (1)): 0 highest, 1 normal. */
  lcsPriority?: number;
  lcsQos?: MapRawTlv;
  extensionContainer?: MapRawTlv;
  supportedGadShapes?: MapBitString;
  /** LCS-ReferenceNumber ::= OCTET STRING (SIZE (1)). */
  lcsReferenceNumber?: number;
  /** LCSServiceTypeID ::= INTEGER (0..127). */
  lcsServiceTypeId?: number;
  lcsCodeword?: MapRawTlv;
  lcsPrivacyCheck?: MapRawTlv;
  areaEventInfo?: MapRawTlv;
  /** GSN-Address ::= OCTET STRING (SIZE (5..17)). */
  hGmlcAddress?: Uint8Array;
  moLrShortCircuitIndicator?: true;
  periodicLdrInfo?: MapRawTlv;
  reportingPlmnList?: MapRawTlv;
}

/**
 * ProvideSubscriberLocation-Res ::= SEQUENCE { locationEstimate Ext-GeographicalInformation,
 * ageOfLocationEstimate [0], extensionContainer [1], ..., add-LocationEstimate [2],
 * deferredmt-lrResponseIndicator [3], geranPositioningData [4], utranPositioningData [5], cellIdOrSai [6],
 * sai-Present [7], accuracyFulfilmentIndicator [8], velocityEstimate [9], mo-lrShortCircuitIndicator [10],
 * geranGANSSpositioningData [11], utranGANSSpositioningData [12], targetServingNodeForHandover [13],
 * utranAdditionalPositioningData [14], utranBaroPressureMeas [15], utranCivicAddress [16] }.
 */
export interface ProvideSubscriberLocationRes extends MapSequenceValue {
  /** Ext-GeographicalInformation ::= OCTET STRING (SIZE (1..20)), a TS 23.032 shape; see `decodeGeographicalPoint`. */
  locationEstimate: Uint8Array;
  ageOfLocationEstimate?: number;
  extensionContainer?: MapRawTlv;
  /** Add-GeographicalInformation ::= OCTET STRING (SIZE (1..91)). */
  addLocationEstimate?: Uint8Array;
  deferredMtLrResponseIndicator?: true;
  geranPositioningData?: MapRawTlv;
  utranPositioningData?: MapRawTlv;
  cellIdOrSai?: CellGlobalIdOrServiceAreaIdOrLai;
  saiPresent?: true;
  /** requestedAccuracyFulfilled (0), requestedAccuracyNotFulfilled (1). */
  accuracyFulfilmentIndicator?: number;
  velocityEstimate?: MapRawTlv;
  moLrShortCircuitIndicator?: true;
  geranGanssPositioningData?: MapRawTlv;
  utranGanssPositioningData?: MapRawTlv;
  targetServingNodeForHandover?: MapRawTlv;
  utranAdditionalPositioningData?: MapRawTlv;
  utranBaroPressureMeas?: MapRawTlv;
  utranCivicAddress?: MapRawTlv;
}

/** Either form of a context tag: for components this codec keeps undecoded whatever their encoding. */
const anyForm = (n: number): number[] => [ctx(n), ctxC(n)];

const LOCATION_TYPE: MapSequenceSpec = [
  integerField("locationEstimateType", ctx(0), false, 0, ENUM_MAX),
  bitStringField("deferredLocationEventType", ctx(1)),
];

const LCS_CLIENT_ID: MapSequenceSpec = [
  integerField("lcsClientType", ctx(0), false, 0, ENUM_MAX),
  rawField("lcsClientExternalId", ctxC(1)),
  addressField("lcsClientDialedByMs", ctx(2), true, 20),
  integerField("lcsClientInternalId", ctx(3), true, 0, ENUM_MAX),
  rawField("lcsClientName", ctxC(4)),
  octetsField("lcsApn", ctx(5), true, 2, 63),
  rawField("lcsRequestorId", ctxC(6)),
];

const ARG: MapSequenceSpec = [
  sequenceField("locationType", SEQUENCE, LOCATION_TYPE, false),
  isdnField("mlcNumber", OCTET_STRING),
  sequenceField("lcsClientId", ctxC(0), LCS_CLIENT_ID),
  nullField("privacyOverride", ctx(1)),
  imsiField("imsi", ctx(2), true),
  isdnField("msisdn", ctx(3), true),
  lmsiField("lmsi", ctx(4)),
  imeiField("imei", ctx(5)),
  octetField("lcsPriority", ctx(6)),
  rawField("lcsQos", ctxC(7)),
  extensionContainerField(ctxC(8)),
  bitStringField("supportedGadShapes", ctx(9)),
  octetField("lcsReferenceNumber", ctx(10)),
  integerField("lcsServiceTypeId", ctx(11), true, 0, 127),
  rawField("lcsCodeword", ctxC(12)),
  rawField("lcsPrivacyCheck", ctxC(13)),
  rawField("areaEventInfo", ctxC(14)),
  octetsField("hGmlcAddress", ctx(15), true, 5, 17),
  nullField("moLrShortCircuitIndicator", ctx(16)),
  rawField("periodicLdrInfo", ctxC(17)),
  rawField("reportingPlmnList", ctxC(18)),
];

const RES: MapSequenceSpec = [
  octetsField("locationEstimate", OCTET_STRING, false, 1, 20),
  integerField("ageOfLocationEstimate", ctx(0), true, 0, 32767),
  extensionContainerField(ctxC(1)),
  octetsField("addLocationEstimate", ctx(2), true, 1, 91),
  nullField("deferredMtLrResponseIndicator", ctx(3)),
  rawField("geranPositioningData", anyForm(4)),
  rawField("utranPositioningData", anyForm(5)),
  taggedChoiceField("cellIdOrSai", 6, cellGlobalIdOrServiceAreaIdOrLaiItem, true),
  nullField("saiPresent", ctx(7)),
  integerField("accuracyFulfilmentIndicator", ctx(8), true, 0, ENUM_MAX),
  rawField("velocityEstimate", anyForm(9)),
  nullField("moLrShortCircuitIndicator", ctx(10)),
  rawField("geranGanssPositioningData", anyForm(11)),
  rawField("utranGanssPositioningData", anyForm(12)),
  rawField("targetServingNodeForHandover", anyForm(13)),
  rawField("utranAdditionalPositioningData", anyForm(14)),
  rawField("utranBaroPressureMeas", anyForm(15)),
  rawField("utranCivicAddress", anyForm(16)),
];

const ARGUMENT = sequenceParameter<ProvideSubscriberLocationArg>(
  ARG,
  SEQUENCE,
  "ProvideSubscriberLocation-Arg",
);
const RESULT = sequenceParameter<ProvideSubscriberLocationRes>(
  RES,
  SEQUENCE,
  "ProvideSubscriberLocation-Res",
);

export const provideSubscriberLocation: MapOperationCodec<
  ProvideSubscriberLocationArg,
  ProvideSubscriberLocationRes
> = {
  opcode: MapOperation.provideSubscriberLocation,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult: RESULT.decode,
  encodeResult: RESULT.encode,
  identities: topLevelIdentities,
};
