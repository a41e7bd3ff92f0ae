/**
 * MAP-SEND-ROUTING-INFO-FOR-SHORT-MSG (TS 29.002 §12.1; operation sendRoutingInfoForSM, local:45, §17.6.5).
 * The SMS-GMSC asks the HLR where to deliver an SMS for an MSISDN and learns the IMSI and the serving
 * MSC/SGSN. From a foreign network it is the first step of most SS7 location and interception attacks
 * (FS.11 category 2: it reveals the IMSI and the serving node), hence the result matters as much as
 * the argument.
 */
import type { MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  addressField,
  booleanField,
  ctx,
  ctxC,
  extensionContainerField,
  imsiField,
  integerField,
  isdnField,
  lmsiField,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  nullField,
  OCTET_STRING,
  octetsField,
  rawField,
  SEQUENCE,
  sequenceField,
  sequenceParameter,
  topLevelIdentities,
} from "../common.js";
import { type AdditionalNumber, additionalNumberItem, taggedChoiceField } from "../common-sms.js";
import { MapOperation } from "../operations.js";

/**
 * RoutingInfoForSM-Arg ::= SEQUENCE { msisdn [0], sm-RP-PRI [1] BOOLEAN, serviceCentreAddress [2]
 * AddressString, extensionContainer [6], ..., gprsSupportIndicator [7], sm-RP-MTI [8], sm-RP-SMEA [9],
 * sm-deliveryNotIntended [10], ip-sm-gwGuidanceIndicator [11], imsi [12], t4-Trigger-Indicator [14],
 * singleAttemptDelivery [13], correlationID [15] } (TS 29.002 §17.7.6).
 */
export interface RoutingInfoForSmArg extends MapSequenceValue {
  msisdn: AddressString;
  /** sm-RP-PRI: deliver even if the message-waiting data says the MS is absent. */
  smRpPri: boolean;
  serviceCentreAddress: AddressString;
  extensionContainer?: MapRawTlv;
  gprsSupportIndicator?: true;
  /** SM-RP-MTI ::= INTEGER (0..10): 0 SMS-DELIVER, 1 SMS-STATUS-REPORT. */
  smRpMti?: number;
  /** SM-RP-SMEA ::= OCTET STRING (SIZE (1..12)): the TP originating address (TS 23.040 §9.1.2.5). */
  smRpSmea?: Uint8Array;
  /** SM-DeliveryNotIntended: onlyIMSI-requested (0), onlyMCC-MNC-requested (1). */
  smDeliveryNotIntended?: number;
  ipSmGwGuidanceIndicator?: true;
  imsi?: string;
  t4TriggerIndicator?: true;
  singleAttemptDelivery?: true;
  correlationId?: MapRawTlv;
}

/**
 * LocationInfoWithLMSI ::= SEQUENCE { networkNode-Number [1] ISDN-AddressString, lmsi LMSI OPTIONAL,
 * extensionContainer OPTIONAL, ..., gprsNodeIndicator [5], additional-Number [6], networkNodeDiameterAddress
 * [7], additionalNetworkNodeDiameterAddress [8], thirdNumber [9], thirdNetworkNodeDiameterAddress [10],
 * imsNodeIndicator [11] }.
 */
export interface LocationInfoWithLmsi extends MapSequenceValue {
  /** The serving MSC (or SGSN when gprsNodeIndicator is set). */
  networkNodeNumber: AddressString;
  lmsi?: string;
  extensionContainer?: MapRawTlv;
  gprsNodeIndicator?: true;
  additionalNumber?: AdditionalNumber;
  networkNodeDiameterAddress?: MapRawTlv;
  additionalNetworkNodeDiameterAddress?: MapRawTlv;
  thirdNumber?: AdditionalNumber;
  thirdNetworkNodeDiameterAddress?: MapRawTlv;
  imsNodeIndicator?: true;
}

/**
 * RoutingInfoForSM-Res ::= SEQUENCE { imsi IMSI, locationInfoWithLMSI [0] LocationInfoWithLMSI,
 * extensionContainer [4] OPTIONAL, ..., ip-sm-gwGuidance [5] OPTIONAL }.
 */
export interface RoutingInfoForSmRes extends MapSequenceValue {
  imsi: string;
  locationInfoWithLmsi: LocationInfoWithLmsi;
  extensionContainer?: MapRawTlv;
  ipSmGwGuidance?: MapRawTlv;
}

const ARG: MapSequenceSpec = [
  isdnField("msisdn", ctx(0)),
  booleanField("smRpPri", ctx(1), false),
  addressField("serviceCentreAddress", ctx(2), false, 20),
  extensionContainerField(ctxC(6)),
  nullField("gprsSupportIndicator", ctx(7)),
  integerField("smRpMti", ctx(8), true, 0, 10),
  octetsField("smRpSmea", ctx(9), true, 1, 12),
  integerField("smDeliveryNotIntended", ctx(10), true, 0, 0x7fffffff),
  nullField("ipSmGwGuidanceIndicator", ctx(11)),
  imsiField("imsi", ctx(12), true),
  nullField("t4TriggerIndicator", ctx(14)),
  nullField("singleAttemptDelivery", ctx(13)),
  rawField("correlationId", ctxC(15)),
];

const LOCATION_INFO_WITH_LMSI: MapSequenceSpec = [
  isdnField("networkNodeNumber", ctx(1)),
  lmsiField("lmsi", OCTET_STRING),
  extensionContainerField(),
  nullField("gprsNodeIndicator", ctx(5)),
  taggedChoiceField("additionalNumber", 6, additionalNumberItem, true),
  rawField("networkNodeDiameterAddress", ctxC(7)),
  rawField("additionalNetworkNodeDiameterAddress", ctxC(8)),
  taggedChoiceField("thirdNumber", 9, additionalNumberItem, true),
  rawField("thirdNetworkNodeDiameterAddress", ctxC(10)),
  nullField("imsNodeIndicator", ctx(11)),
];

const RES: MapSequenceSpec = [
  imsiField("imsi", OCTET_STRING),
  sequenceField("locationInfoWithLmsi", ctxC(0), LOCATION_INFO_WITH_LMSI, false),
  extensionContainerField(ctxC(4)),
  rawField("ipSmGwGuidance", ctxC(5)),
];

const ARGUMENT = sequenceParameter<RoutingInfoForSmArg>(ARG, SEQUENCE, "RoutingInfoForSM-Arg");
const RESULT = sequenceParameter<RoutingInfoForSmRes>(RES, SEQUENCE, "RoutingInfoForSM-Res");

export const sendRoutingInfoForSM: MapOperationCodec<RoutingInfoForSmArg, RoutingInfoForSmRes> = {
  opcode: MapOperation.sendRoutingInfoForSM,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult: RESULT.decode,
  encodeResult: RESULT.encode,
  identities: topLevelIdentities,
};
