/**
 * MAP-INSERT-SUBSCRIBER-DATA (TS 29.002 §8.8.1; operation insertSubscriberData, local:7, §17.6.2). The
 * HLR pushes the subscriber profile (MSISDN, services, barring, CAMEL triggers) to the VLR/SGSN. A forged
 * one rewrites the profile, e.g. removes barring or installs a rogue gsmSCF (FS.11 category 3).
 */
import type { MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  BIT_STRING,
  bitStringField,
  booleanField,
  ctx,
  ctxC,
  extensionContainerField,
  extServiceCodeItem,
  imsiField,
  integerField,
  isdnField,
  type MapBitString,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  nullField,
  OCTET_STRING,
  octetField,
  octetItem,
  octetsField,
  octetsItem,
  rawField,
  SEQUENCE,
  sequenceField,
  sequenceOfField,
  sequenceParameter,
  topLevelIdentities,
} from "../common.js";
import { MapOperation } from "../operations.js";

/** ODB-Data ::= SEQUENCE { odb-GeneralData BIT STRING, odb-HPLMN-Data BIT STRING OPTIONAL, extensionContainer, ... } */
export interface OdbData extends MapSequenceValue {
  /** ODB-GeneralData: bit 0 allOG-CallsBarred, 1 internationalOGCallsBarred, … (§17.7.1). */
  odbGeneralData: MapBitString;
  odbHplmnData?: MapBitString;
  extensionContainer?: MapRawTlv;
}

/**
 * InsertSubscriberDataArg (TS 29.002 §17.7.1): imsi [0], COMPONENTS OF SubscriberData ([1]–[13]),
 * extensionContainer [14], then extension additions. The same tags are used by v1, v2 and v3; additions a
 * codec does not type (additionalMSISDN [41], reset-Id-List [51], …) land in `unknownElements`.
 */
export interface InsertSubscriberDataArg extends MapSequenceValue {
  imsi?: string;
  msisdn?: AddressString;
  /** Category ::= OCTET STRING (SIZE (1)), the ISUP calling party's category (Q.763). */
  category?: number;
  /** SubscriberStatus: serviceGranted (0), operatorDeterminedBarring (1). */
  subscriberStatus?: number;
  /** Ext-BearerServiceCode values (OCTET STRING (SIZE (1..5)), TS 29.002 §17.7.10). */
  bearerServiceList?: Uint8Array[];
  /** Ext-TeleserviceCode values (e.g. 0x11 telephony, 0x21 short message MT-PP). */
  teleserviceList?: Uint8Array[];
  /** Ext-SS-InfoList (forwarding, barring, CUG, …) kept undecoded. */
  provisionedSS?: MapRawTlv;
  odbData?: OdbData;
  roamingRestrictionDueToUnsupportedFeature?: true;
  /** ZoneCodeList: ZoneCode ::= OCTET STRING (SIZE (2)). */
  regionalSubscriptionData?: Uint8Array[];
  vbsSubscriptionData?: MapRawTlv;
  vgcsSubscriptionData?: MapRawTlv;
  /** VlrCamelSubscriptionInfo (O-CSI, SS-CSI, …: where CAMEL triggers point) kept undecoded. */
  vlrCamelSubscriptionInfo?: MapRawTlv;
  extensionContainer?: MapRawTlv;
  naeaPreferredCi?: MapRawTlv;
  gprsSubscriptionData?: MapRawTlv;
  roamingRestrictedInSgsnDueToUnsupportedFeature?: true;
  /** NetworkAccessMode: packetAndCircuit (0), onlyCircuit (1), onlyPacket (2). */
  networkAccessMode?: number;
  lsaInformation?: MapRawTlv;
  lmuIndicator?: true;
  lcsInformation?: MapRawTlv;
  /** IST-AlertTimerValue ::= INTEGER (15..255). */
  istAlertTimer?: number;
  /** AgeIndicator ::= OCTET STRING (SIZE (1..6)). */
  superChargerSupportedInHlr?: Uint8Array;
  mcSsInfo?: MapRawTlv;
  /** CS-AllocationRetentionPriority ::= OCTET STRING (SIZE (1)). */
  csAllocationRetentionPriority?: Uint8Array;
  sgsnCamelSubscriptionInfo?: MapRawTlv;
  /** ChargingCharacteristics ::= OCTET STRING (SIZE (2)). */
  chargingCharacteristics?: Uint8Array;
  accessRestrictionData?: MapBitString;
  icsIndicator?: boolean;
  epsSubscriptionData?: MapRawTlv;
  csgSubscriptionDataList?: MapRawTlv;
  ueReachabilityRequestIndicator?: true;
  sgsnNumber?: AddressString;
  /** DiameterIdentity ::= OCTET STRING (SIZE (9..255)). */
  mmeName?: Uint8Array;
}

/**
 * InsertSubscriberDataRes ::= SEQUENCE { teleserviceList [1], bearerServiceList [2], ss-List [3],
 * odb-GeneralData [4], regionalSubscriptionResponse [5], supportedCamelPhases [6], extensionContainer [7],
 * ..., offeredCamel4CSIs [8], supportedFeatures [9] } — what the VLR could not support.
 */
export interface InsertSubscriberDataRes extends MapSequenceValue {
  teleserviceList?: Uint8Array[];
  bearerServiceList?: Uint8Array[];
  /** SS-Code values (OCTET STRING (SIZE (1)), MAP-SS-Code). */
  ssList?: number[];
  odbGeneralData?: MapBitString;
  /** RegionalSubscriptionResponse: networkNode-AreaRestricted (0) … regionalSubscNotSupported (3). */
  regionalSubscriptionResponse?: number;
  supportedCamelPhases?: MapBitString;
  extensionContainer?: MapRawTlv;
  offeredCamel4Csis?: MapBitString;
  supportedFeatures?: MapBitString;
}

const ENUM_RANGE = 0x7fffffff;
// §17.7.1 / MAP-SS-DataTypes size bounds.
const MAX_BEARER_SERVICES = 50;
const MAX_TELESERVICES = 20;
const MAX_ZONE_CODES = 10;
const MAX_SS = 30;

const ODB_DATA: MapSequenceSpec = [
  bitStringField("odbGeneralData", BIT_STRING, false),
  bitStringField("odbHplmnData", BIT_STRING),
  extensionContainerField(),
];

const ARG: MapSequenceSpec = [
  imsiField("imsi", ctx(0), true),
  // COMPONENTS OF SubscriberData:
  isdnField("msisdn", ctx(1), true),
  octetField("category", ctx(2)),
  integerField("subscriberStatus", ctx(3), true, 0, ENUM_RANGE),
  sequenceOfField(
    "bearerServiceList",
    ctxC(4),
    extServiceCodeItem("bearerService"),
    true,
    1,
    MAX_BEARER_SERVICES,
  ),
  sequenceOfField("teleserviceList", ctxC(6), extServiceCodeItem("teleservice"), true, 1, MAX_TELESERVICES),
  rawField("provisionedSS", ctxC(7)),
  sequenceField("odbData", ctxC(8), ODB_DATA),
  nullField("roamingRestrictionDueToUnsupportedFeature", ctx(9)),
  sequenceOfField(
    "regionalSubscriptionData",
    ctxC(10),
    octetsItem("zoneCode", OCTET_STRING, 2, 2),
    true,
    1,
    MAX_ZONE_CODES,
  ),
  rawField("vbsSubscriptionData", ctxC(11)),
  rawField("vgcsSubscriptionData", ctxC(12)),
  rawField("vlrCamelSubscriptionInfo", ctxC(13)),
  // end of SubscriberData
  extensionContainerField(ctxC(14)),
  // ... extension additions, in definition order:
  rawField("naeaPreferredCi", ctxC(15)),
  rawField("gprsSubscriptionData", ctxC(16)),
  nullField("roamingRestrictedInSgsnDueToUnsupportedFeature", ctx(23)),
  integerField("networkAccessMode", ctx(24), true, 0, ENUM_RANGE),
  rawField("lsaInformation", ctxC(25)),
  nullField("lmuIndicator", ctx(21)),
  rawField("lcsInformation", ctxC(22)),
  integerField("istAlertTimer", ctx(26), true, 15, 255),
  octetsField("superChargerSupportedInHlr", ctx(27), true, 1, 6),
  rawField("mcSsInfo", ctxC(28)),
  octetsField("csAllocationRetentionPriority", ctx(29), true, 1, 1),
  rawField("sgsnCamelSubscriptionInfo", ctxC(17)),
  octetsField("chargingCharacteristics", ctx(18), true, 2, 2),
  bitStringField("accessRestrictionData", ctx(19)),
  booleanField("icsIndicator", ctx(20)),
  rawField("epsSubscriptionData", ctxC(31)),
  rawField("csgSubscriptionDataList", ctxC(32)),
  nullField("ueReachabilityRequestIndicator", ctx(33)),
  isdnField("sgsnNumber", ctx(34), true),
  octetsField("mmeName", ctx(35), true, 9, 255),
];

const RES: MapSequenceSpec = [
  sequenceOfField("teleserviceList", ctxC(1), extServiceCodeItem("teleservice"), true, 1, MAX_TELESERVICES),
  sequenceOfField(
    "bearerServiceList",
    ctxC(2),
    extServiceCodeItem("bearerService"),
    true,
    1,
    MAX_BEARER_SERVICES,
  ),
  sequenceOfField("ssList", ctxC(3), octetItem("ssCode", OCTET_STRING), true, 1, MAX_SS),
  bitStringField("odbGeneralData", ctx(4)),
  integerField("regionalSubscriptionResponse", ctx(5), true, 0, ENUM_RANGE),
  bitStringField("supportedCamelPhases", ctx(6)),
  extensionContainerField(ctxC(7)),
  bitStringField("offeredCamel4Csis", ctx(8)),
  bitStringField("supportedFeatures", ctx(9)),
];

const ARGUMENT = sequenceParameter<InsertSubscriberDataArg>(ARG, SEQUENCE, "InsertSubscriberDataArg");
const RESULT = sequenceParameter<InsertSubscriberDataRes>(RES, SEQUENCE, "InsertSubscriberDataRes");

export const insertSubscriberData: MapOperationCodec<InsertSubscriberDataArg, InsertSubscriberDataRes> = {
  opcode: MapOperation.insertSubscriberData,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult: RESULT.decode,
  encodeResult: RESULT.encode,
  identities: topLevelIdentities,
};
