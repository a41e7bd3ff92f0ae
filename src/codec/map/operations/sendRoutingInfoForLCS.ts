/**
 * MAP-SEND-ROUTING-INFO-FOR-LCS (TS 29.002 §13A.1; operation sendRoutingInfoForLCS, local:85, §17.6.8).
 * A GMLC asks the HLR which MSC/SGSN serves a target (by IMSI or MSISDN) before sending it a
 * provideSubscriberLocation; like SRI-SM it reveals IMSI and serving node to whoever asks.
 */
import type { MapIdentities, MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  bitStringField,
  ctx,
  ctxC,
  extensionContainerField,
  isdnField,
  lmsiField,
  type MapBitString,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  nullField,
  OCTET_STRING,
  octetsField,
  SEQUENCE,
  sequenceField,
  sequenceParameter,
} from "../common.js";
import {
  type AdditionalNumber,
  additionalNumberItem,
  type SubscriberIdentity,
  subscriberIdentityIds,
  subscriberIdentityItem,
  taggedChoiceField,
} from "../common-sms.js";
import { MapOperation } from "../operations.js";

/**
 * RoutingInfoForLCS-Arg ::= SEQUENCE { mlcNumber [0] ISDN-AddressString, targetMS [1] SubscriberIdentity,
 * extensionContainer [2] OPTIONAL, ... } (TS 29.002 §17.7.13).
 */
export interface RoutingInfoForLcsArg extends MapSequenceValue {
  mlcNumber: AddressString;
  targetMs: SubscriberIdentity;
  extensionContainer?: MapRawTlv;
}

/**
 * LCSLocationInfo ::= SEQUENCE { networkNode-Number ISDN-AddressString, lmsi [0] LMSI OPTIONAL,
 * extensionContainer [1] OPTIONAL, ..., gprsNodeIndicator [2] NULL, additional-Number [3],
 * supportedLCS-CapabilitySets [4], additional-LCS-CapabilitySets [5], mme-Name [6], aaa-Server-Name [8],
 * sgsn-Name [9], sgsn-Realm [10] }.
 */
export interface LcsLocationInfo extends MapSequenceValue {
  networkNodeNumber: AddressString;
  lmsi?: string;
  extensionContainer?: MapRawTlv;
  gprsNodeIndicator?: true;
  additionalNumber?: AdditionalNumber;
  supportedLcsCapabilitySets?: MapBitString;
  additionalLcsCapabilitySets?: MapBitString;
  /** DiameterIdentity ::= OCTET STRING (SIZE (9..255)). */
  mmeName?: Uint8Array;
  aaaServerName?: Uint8Array;
  sgsnName?: Uint8Array;
  sgsnRealm?: Uint8Array;
}

/**
 * RoutingInfoForLCS-Res ::= SEQUENCE { targetMS [0] SubscriberIdentity, lcsLocationInfo [1] LCSLocationInfo,
 * extensionContainer [2] OPTIONAL, ..., v-gmlc-Address [3], h-gmlc-Address [4], ppr-Address [5],
 * additional-v-gmlc-Address [6] } (GSN-Address ::= OCTET STRING (SIZE (5..17))).
 */
export interface RoutingInfoForLcsRes extends MapSequenceValue {
  targetMs: SubscriberIdentity;
  lcsLocationInfo: LcsLocationInfo;
  extensionContainer?: MapRawTlv;
  vGmlcAddress?: Uint8Array;
  hGmlcAddress?: Uint8Array;
  pprAddress?: Uint8Array;
  additionalVGmlcAddress?: Uint8Array;
}

const ARG: MapSequenceSpec = [
  isdnField("mlcNumber", ctx(0)),
  taggedChoiceField("targetMs", 1, subscriberIdentityItem, false),
  extensionContainerField(ctxC(2)),
];

const LCS_LOCATION_INFO: MapSequenceSpec = [
  isdnField("networkNodeNumber", OCTET_STRING),
  lmsiField("lmsi", ctx(0)),
  extensionContainerField(ctxC(1)),
  nullField("gprsNodeIndicator", ctx(2)),
  taggedChoiceField("additionalNumber", 3, additionalNumberItem, true),
  bitStringField("supportedLcsCapabilitySets", ctx(4)),
  bitStringField("additionalLcsCapabilitySets", ctx(5)),
  octetsField("mmeName", ctx(6), true, 9, 255),
  octetsField("aaaServerName", ctx(8), true, 9, 255),
  octetsField("sgsnName", ctx(9), true, 9, 255),
  octetsField("sgsnRealm", ctx(10), true, 9, 255),
];

const RES: MapSequenceSpec = [
  taggedChoiceField("targetMs", 0, subscriberIdentityItem, false),
  sequenceField("lcsLocationInfo", ctxC(1), LCS_LOCATION_INFO, false),
  extensionContainerField(ctxC(2)),
  octetsField("vGmlcAddress", ctx(3), true, 5, 17),
  octetsField("hGmlcAddress", ctx(4), true, 5, 17),
  octetsField("pprAddress", ctx(5), true, 5, 17),
  octetsField("additionalVGmlcAddress", ctx(6), true, 5, 17),
];

const ARGUMENT = sequenceParameter<RoutingInfoForLcsArg>(ARG, SEQUENCE, "RoutingInfoForLCS-Arg");
const RESULT = sequenceParameter<RoutingInfoForLcsRes>(RES, SEQUENCE, "RoutingInfoForLCS-Res");

export const sendRoutingInfoForLCS: MapOperationCodec<RoutingInfoForLcsArg, RoutingInfoForLcsRes> = {
  opcode: MapOperation.sendRoutingInfoForLCS,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult: RESULT.decode,
  encodeResult: RESULT.encode,
  identities(v): MapIdentities {
    return subscriberIdentityIds((v as { targetMs?: SubscriberIdentity }).targetMs);
  },
};
