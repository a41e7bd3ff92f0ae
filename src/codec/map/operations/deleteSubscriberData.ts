/**
 * MAP-DELETE-SUBSCRIBER-DATA (TS 29.002 §8.8.2; operation deleteSubscriberData, local:8, §17.6.2). The
 * HLR withdraws services or SS from the VLR/SGSN copy of the profile; forged, it strips barring or CAMEL
 * control (FS.11 category 3).
 */
import type { MapOperationCodec } from "../codec.js";
import {
  basicServiceItem,
  bitStringField,
  ctx,
  ctxC,
  extensionContainerField,
  imsiField,
  integerField,
  type MapBasicServiceCode,
  type MapBitString,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  nullField,
  OCTET_STRING,
  octetItem,
  octetsField,
  rawField,
  SEQUENCE,
  sequenceOfField,
  sequenceParameter,
  topLevelIdentities,
} from "../common.js";
import { MapOperation } from "../operations.js";

/** DeleteSubscriberDataArg (TS 29.002 §17.7.1); the same tags in v1, v2 and v3. */
export interface DeleteSubscriberDataArg extends MapSequenceValue {
  imsi: string;
  /** BasicServiceList: Ext-BasicServiceCode CHOICE { ext-BearerService [2], ext-Teleservice [3] }. */
  basicServiceList?: MapBasicServiceCode[];
  /** SS-Code values. */
  ssList?: number[];
  roamingRestrictionDueToUnsupportedFeature?: true;
  /** ZoneCode ::= OCTET STRING (SIZE (2)). */
  regionalSubscriptionIdentifier?: Uint8Array;
  vbsGroupIndication?: true;
  vgcsGroupIndication?: true;
  camelSubscriptionInfoWithdraw?: true;
  extensionContainer?: MapRawTlv;
  /** GPRSSubscriptionDataWithdraw CHOICE { allGPRSData NULL, contextIdList }, kept undecoded. */
  gprsSubscriptionDataWithdraw?: MapRawTlv;
  roamingRestrictedInSgsnDueToUnsupportedFeature?: true;
  lsaInformationWithdraw?: MapRawTlv;
  gmlcListWithdraw?: true;
  istInformationWithdraw?: true;
  /** SpecificCSI-Withdraw: o-csi (0), ss-csi (1), tif-csi (2), d-csi (3), … */
  specificCsiWithdraw?: MapBitString;
  chargingCharacteristicsWithdraw?: true;
  stnSrWithdraw?: true;
  epsSubscriptionDataWithdraw?: MapRawTlv;
  apnOiReplacementWithdraw?: true;
  csgSubscriptionDeleted?: true;
  subscribedPeriodicTauRauTimerWithdraw?: true;
  subscribedPeriodicLauTimerWithdraw?: true;
  subscribedVsrvccWithdraw?: true;
  vplmnCsgSubscriptionDeleted?: true;
  additionalMsisdnWithdraw?: true;
  csToPsSrvccWithdraw?: true;
  imsiGroupIdListWithdraw?: true;
  userPlaneIntegrityProtectionWithdraw?: true;
  dlBufferingSuggestedPacketCountWithdraw?: true;
  ueUsageTypeWithdraw?: true;
  resetIdsWithdraw?: true;
}

/** DeleteSubscriberDataRes ::= SEQUENCE { regionalSubscriptionResponse [0], extensionContainer, ... } */
export interface DeleteSubscriberDataRes extends MapSequenceValue {
  regionalSubscriptionResponse?: number;
  extensionContainer?: MapRawTlv;
}

const MAX_BASIC_SERVICES = 70;
const MAX_SS = 30;

const ARG: MapSequenceSpec = [
  imsiField("imsi", ctx(0)),
  sequenceOfField(
    "basicServiceList",
    ctxC(1),
    basicServiceItem("basicService", 5),
    true,
    1,
    MAX_BASIC_SERVICES,
  ),
  sequenceOfField("ssList", ctxC(2), octetItem("ssCode", OCTET_STRING), true, 1, MAX_SS),
  nullField("roamingRestrictionDueToUnsupportedFeature", ctx(4)),
  octetsField("regionalSubscriptionIdentifier", ctx(5), true, 2, 2),
  nullField("vbsGroupIndication", ctx(7)),
  nullField("vgcsGroupIndication", ctx(8)),
  nullField("camelSubscriptionInfoWithdraw", ctx(9)),
  extensionContainerField(ctxC(6)),
  // ... extension additions, in definition order:
  rawField("gprsSubscriptionDataWithdraw", ctxC(10)),
  nullField("roamingRestrictedInSgsnDueToUnsupportedFeature", ctx(11)),
  rawField("lsaInformationWithdraw", ctxC(12)),
  nullField("gmlcListWithdraw", ctx(13)),
  nullField("istInformationWithdraw", ctx(14)),
  bitStringField("specificCsiWithdraw", ctx(15)),
  nullField("chargingCharacteristicsWithdraw", ctx(16)),
  nullField("stnSrWithdraw", ctx(17)),
  rawField("epsSubscriptionDataWithdraw", ctxC(18)),
  nullField("apnOiReplacementWithdraw", ctx(19)),
  nullField("csgSubscriptionDeleted", ctx(20)),
  nullField("subscribedPeriodicTauRauTimerWithdraw", ctx(22)),
  nullField("subscribedPeriodicLauTimerWithdraw", ctx(23)),
  nullField("subscribedVsrvccWithdraw", ctx(21)),
  nullField("vplmnCsgSubscriptionDeleted", ctx(24)),
  nullField("additionalMsisdnWithdraw", ctx(25)),
  nullField("csToPsSrvccWithdraw", ctx(26)),
  nullField("imsiGroupIdListWithdraw", ctx(27)),
  nullField("userPlaneIntegrityProtectionWithdraw", ctx(28)),
  nullField("dlBufferingSuggestedPacketCountWithdraw", ctx(29)),
  nullField("ueUsageTypeWithdraw", ctx(30)),
  nullField("resetIdsWithdraw", ctx(31)),
];

const RES: MapSequenceSpec = [
  integerField("regionalSubscriptionResponse", ctx(0), true, 0, 0x7fffffff),
  extensionContainerField(),
];

const ARGUMENT = sequenceParameter<DeleteSubscriberDataArg>(ARG, SEQUENCE, "DeleteSubscriberDataArg");
const RESULT = sequenceParameter<DeleteSubscriberDataRes>(RES, SEQUENCE, "DeleteSubscriberDataRes");

export const deleteSubscriberData: MapOperationCodec<DeleteSubscriberDataArg, DeleteSubscriberDataRes> = {
  opcode: MapOperation.deleteSubscriberData,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult: RESULT.decode,
  encodeResult: RESULT.encode,
  identities: topLevelIdentities,
};
