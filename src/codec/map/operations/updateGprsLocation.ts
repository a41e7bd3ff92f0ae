/**
 * MAP-UPDATE-GPRS-LOCATION (TS 29.002 §8.1.7; operation updateGprsLocation, local:23, §17.6.1). The SGSN
 * registers a subscriber with the HLR; forged, it diverts the subscriber's packet data and SMS over GPRS
 * (FS.11 category 3).
 */
import type { MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  ctx,
  ctxC,
  extensionContainerField,
  imsiField,
  integerField,
  isdnField,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  NULL,
  nullField,
  OCTET_STRING,
  octetsField,
  rawField,
  SEQUENCE,
  sequenceParameter,
  topLevelIdentities,
} from "../common.js";
import { MapOperation } from "../operations.js";

/**
 * UpdateGprsLocationArg (TS 29.002 §17.7.1). The codec types the components up to sms-Only [18]; later
 * additions (sgsn-Name, sgsn-Realm, lgd-supportIndicator, adjacentPLMN-List, …) are kept in
 * `unknownElements`.
 */
export interface UpdateGprsLocationArg extends MapSequenceValue {
  imsi: string;
  sgsnNumber: AddressString;
  /** GSN-Address ::= OCTET STRING (SIZE (5..17)): address type and length octet, then IPv4/IPv6. */
  sgsnAddress: Uint8Array;
  extensionContainer?: MapRawTlv;
  sgsnCapability?: MapRawTlv;
  informPreviousNetworkEntity?: true;
  psLcsNotSupportedByUe?: true;
  vGmlcAddress?: Uint8Array;
  addInfo?: MapRawTlv;
  /** EPS-Info CHOICE { pdn-gw-update [0], isr-Information [1] }, kept undecoded. */
  epsInfo?: MapRawTlv;
  servingNodeTypeIndicator?: true;
  skipSubscriberDataUpdate?: true;
  /** Used-RAT-Type: utran (0), geran (1), gan (2), i-hspa-evolution (3), e-utran (4), nb-iot (5). */
  usedRatType?: number;
  gprsSubscriptionDataNotNeeded?: true;
  nodeTypeIndicator?: true;
  areaRestricted?: true;
  ueReachableIndicator?: true;
  epsSubscriptionDataNotNeeded?: true;
  /** UE-SRVCC-Capability: ue-srvcc-not-supported (0), ue-srvcc-supported (1). */
  ueSrvccCapability?: number;
  eplmnList?: MapRawTlv;
  mmeNumberForMtSms?: AddressString;
  /** SMSRegisterRequest: sms-registration-required (0), not-preferred (1), no-preference (2). */
  smsRegisterRequest?: number;
  smsOnly?: true;
}

/** UpdateGprsLocationRes ::= SEQUENCE { hlr-Number, extensionContainer, ..., add-Capability NULL, sgsn-mmeSeparationSupported [0], mmeRegisteredforSMS [1] } */
export interface UpdateGprsLocationRes extends MapSequenceValue {
  hlrNumber: AddressString;
  extensionContainer?: MapRawTlv;
  addCapability?: true;
  sgsnMmeSeparationSupported?: true;
  mmeRegisteredForSms?: true;
}

const ENUM_RANGE = 0x7fffffff;

const ARG: MapSequenceSpec = [
  imsiField("imsi", OCTET_STRING),
  isdnField("sgsnNumber", OCTET_STRING),
  octetsField("sgsnAddress", OCTET_STRING, false, 5, 17),
  extensionContainerField(),
  // ... extension additions, in definition order:
  rawField("sgsnCapability", ctxC(0)),
  nullField("informPreviousNetworkEntity", ctx(1)),
  nullField("psLcsNotSupportedByUe", ctx(2)),
  octetsField("vGmlcAddress", ctx(3), true, 5, 17),
  rawField("addInfo", ctxC(4)),
  rawField("epsInfo", ctxC(5)),
  nullField("servingNodeTypeIndicator", ctx(6)),
  nullField("skipSubscriberDataUpdate", ctx(7)),
  integerField("usedRatType", ctx(8), true, 0, ENUM_RANGE),
  nullField("gprsSubscriptionDataNotNeeded", ctx(9)),
  nullField("nodeTypeIndicator", ctx(10)),
  nullField("areaRestricted", ctx(11)),
  nullField("ueReachableIndicator", ctx(12)),
  nullField("epsSubscriptionDataNotNeeded", ctx(13)),
  integerField("ueSrvccCapability", ctx(14), true, 0, ENUM_RANGE),
  rawField("eplmnList", ctxC(15)),
  isdnField("mmeNumberForMtSms", ctx(16), true),
  integerField("smsRegisterRequest", ctx(17), true, 0, ENUM_RANGE),
  nullField("smsOnly", ctx(18)),
];

const RES: MapSequenceSpec = [
  isdnField("hlrNumber", OCTET_STRING),
  extensionContainerField(),
  nullField("addCapability", NULL),
  nullField("sgsnMmeSeparationSupported", ctx(0)),
  nullField("mmeRegisteredForSms", ctx(1)),
];

const ARGUMENT = sequenceParameter<UpdateGprsLocationArg>(ARG, SEQUENCE, "UpdateGprsLocationArg");
const RESULT = sequenceParameter<UpdateGprsLocationRes>(RES, SEQUENCE, "UpdateGprsLocationRes");

export const updateGprsLocation: MapOperationCodec<UpdateGprsLocationArg, UpdateGprsLocationRes> = {
  opcode: MapOperation.updateGprsLocation,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult: RESULT.decode,
  encodeResult: RESULT.encode,
  identities: topLevelIdentities,
};
