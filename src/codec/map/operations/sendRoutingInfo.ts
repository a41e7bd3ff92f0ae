/**
 * MAP-SEND-ROUTING-INFORMATION (TS 29.002 §10.1; operation sendRoutingInfo, local:22, §17.6.3). The GMSC
 * (or a gsmSCF) asks the HLR how to route a call to an MSISDN; the answer names the IMSI and an MSRN,
 * forwarding data or CAMEL data, and can carry the subscriber's location and state. Sent from outside
 * the home network it leaks IMSI and location (FS.11 category 2).
 */
import { BerCursor, type BerWriter } from "../../ber/index.js";
import { EncodeError } from "../../errors.js";
import type { MapIdentities, MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  basicServiceItem,
  bitStringField,
  choiceField,
  ctx,
  ctxC,
  cursorTag,
  decodeSequenceBody,
  encodeSequenceParameter,
  expectTag,
  extensionContainerField,
  imsiField,
  integerField,
  isdnField,
  type MapBasicServiceCode,
  type MapBitString,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  nullField,
  OCTET_STRING,
  octetField,
  octetsField,
  openParameter,
  rawField,
  SEQUENCE,
  sequenceField,
  topLevelIdentities,
} from "../common.js";
import { choiceItem, taggedChoiceField } from "../common-sms.js";
import { MapOperation } from "../operations.js";
import { SUBSCRIBER_INFO, type SubscriberInfo } from "./provideSubscriberInfo.js";

const ENUM_MAX = 0x7fffffff;

/**
 * SendRoutingInfoArg ::= SEQUENCE { msisdn [0], cug-CheckInfo [1], numberOfForwarding [2],
 * interrogationType [3], or-Interrogation [4], or-Capability [5], gmsc-OrGsmSCF-Address [6],
 * callReferenceNumber [7], forwardingReason [8], basicServiceGroup [9], networkSignalInfo [10], camelInfo
 * [11], suppressionOfAnnouncement [12], extensionContainer [13], ..., alertingPattern [14], ccbs-Call [15],
 * supportedCCBS-Phase [16], additionalSignalInfo [17], istSupportIndicator [18], pre-pagingSupported [19],
 * callDiversionTreatmentIndicator [20], longFTN-Supported [21], suppress-VT-CSI [22],
 * suppressIncomingCallBarring [23], gsmSCF-InitiatedCall [24], basicServiceGroup2 [25], networkSignalInfo2
 * [26], suppressMTSS [27], mtRoamingRetrySupported [28], callPriority [29] } (TS 29.002 §17.7.3).
 * interrogationType and gmsc-OrGsmSCF-Address are mandatory in v3 but absent from the v1/v2 argument,
 * which otherwise uses the same tags, so both are optional here.
 */
export interface SendRoutingInfoArg extends MapSequenceValue {
  msisdn: AddressString;
  cugCheckInfo?: MapRawTlv;
  /** NumberOfForwarding ::= INTEGER (1..5). */
  numberOfForwarding?: number;
  /** InterrogationType: basicCall (0), forwarding (1). */
  interrogationType?: number;
  orInterrogation?: true;
  /** OR-Phase ::= INTEGER (1..127). */
  orCapability?: number;
  gmscOrGsmScfAddress?: AddressString;
  /** CallReferenceNumber ::= OCTET STRING (SIZE (1..8)). */
  callReferenceNumber?: Uint8Array;
  /** ForwardingReason: notReachable (0), busy (1), noReply (2). */
  forwardingReason?: number;
  basicServiceGroup?: MapBasicServiceCode;
  networkSignalInfo?: MapRawTlv;
  camelInfo?: MapRawTlv;
  suppressionOfAnnouncement?: true;
  extensionContainer?: MapRawTlv;
  alertingPattern?: number;
  ccbsCall?: true;
  supportedCcbsPhase?: number;
  additionalSignalInfo?: MapRawTlv;
  istSupportIndicator?: number;
  prePagingSupported?: true;
  callDiversionTreatmentIndicator?: number;
  longFtnSupported?: true;
  suppressVtCsi?: true;
  suppressIncomingCallBarring?: true;
  gsmScfInitiatedCall?: true;
  basicServiceGroup2?: MapBasicServiceCode;
  networkSignalInfo2?: MapRawTlv;
  suppressMtss?: MapBitString;
  mtRoamingRetrySupported?: true;
  callPriority?: number;
}

/**
 * ExtendedRoutingInfo ::= CHOICE { routingInfo RoutingInfo, camelRoutingInfo [8] CamelRoutingInfo } with
 * RoutingInfo ::= CHOICE { roamingNumber ISDN-AddressString, forwardingData ForwardingData }, flattened:
 * the three alternatives have distinct tags (OCTET STRING, SEQUENCE, [8]).
 */
export type ExtendedRoutingInfo =
  | { kind: "roamingNumber"; roamingNumber: AddressString }
  | { kind: "forwardingData"; forwardingData: MapRawTlv }
  | { kind: "camelRoutingInfo"; camelRoutingInfo: MapRawTlv };

/** RoutingInfo ::= CHOICE { roamingNumber ISDN-AddressString, forwardingData ForwardingData }. */
export type RoutingInfo = Extract<ExtendedRoutingInfo, { kind: "roamingNumber" | "forwardingData" }>;

/**
 * SendRoutingInfoRes ::= [3] SEQUENCE { imsi [9], extendedRoutingInfo, cug-CheckInfo [3],
 * cugSubscriptionFlag [6], subscriberInfo [7], ss-List [1], basicService [5],
 * forwardingInterrogationRequired [4], vmsc-Address [2], extensionContainer [0], ..., naea-PreferredCI [10],
 * ccbs-Indicators [11], msisdn [12], numberPortabilityStatus [13], istAlertTimer [14],
 * supportedCamelPhasesInVMSC [15], offeredCamel4CSIsInVMSC [16], routingInfo2 [17], ss-List2 [18],
 * basicService2 [19], allowedServices [20], unavailabilityCause [21], releaseResourcesSupported [22],
 * gsm-BearerCapability [23] } (v3). v1/v2: SEQUENCE { imsi IMSI, routingInfo RoutingInfo, cug-CheckInfo
 * OPTIONAL, ... } with universal tags: `form: "v2"`, only imsi, extendedRoutingInfo and cugCheckInfo.
 */
export interface SendRoutingInfoRes extends MapSequenceValue {
  form?: "v2";
  imsi?: string;
  extendedRoutingInfo?: ExtendedRoutingInfo;
  cugCheckInfo?: MapRawTlv;
  cugSubscriptionFlag?: true;
  subscriberInfo?: SubscriberInfo;
  ssList?: MapRawTlv;
  basicService?: MapBasicServiceCode;
  forwardingInterrogationRequired?: true;
  vmscAddress?: AddressString;
  extensionContainer?: MapRawTlv;
  naeaPreferredCi?: MapRawTlv;
  ccbsIndicators?: MapRawTlv;
  msisdn?: AddressString;
  /** NumberPortabilityStatus: notKnownToBePorted (0), ownNumberPortedOut (1), … */
  numberPortabilityStatus?: number;
  /** IST-AlertTimerValue ::= INTEGER (15..255), minutes. */
  istAlertTimer?: number;
  supportedCamelPhasesInVmsc?: MapBitString;
  offeredCamel4CsisInVmsc?: MapBitString;
  routingInfo2?: RoutingInfo;
  ssList2?: MapRawTlv;
  basicService2?: MapBasicServiceCode;
  allowedServices?: MapBitString;
  unavailabilityCause?: number;
  releaseResourcesSupported?: true;
  gsmBearerCapability?: MapRawTlv;
}

const basicServiceGroupItem = basicServiceItem("basicServiceGroup", 5);

const ARG: MapSequenceSpec = [
  isdnField("msisdn", ctx(0)),
  rawField("cugCheckInfo", ctxC(1)),
  integerField("numberOfForwarding", ctx(2), true, 1, 5),
  integerField("interrogationType", ctx(3), true, 0, ENUM_MAX),
  nullField("orInterrogation", ctx(4)),
  integerField("orCapability", ctx(5), true, 1, 127),
  isdnField("gmscOrGsmScfAddress", ctx(6), true),
  octetsField("callReferenceNumber", ctx(7), true, 1, 8),
  integerField("forwardingReason", ctx(8), true, 0, ENUM_MAX),
  taggedChoiceField("basicServiceGroup", 9, basicServiceGroupItem, true),
  rawField("networkSignalInfo", ctxC(10)),
  rawField("camelInfo", ctxC(11)),
  nullField("suppressionOfAnnouncement", ctx(12)),
  extensionContainerField(ctxC(13)),
  octetField("alertingPattern", ctx(14)),
  nullField("ccbsCall", ctx(15)),
  integerField("supportedCcbsPhase", ctx(16), true, 1, 127),
  rawField("additionalSignalInfo", ctxC(17)),
  integerField("istSupportIndicator", ctx(18), true, 0, ENUM_MAX),
  nullField("prePagingSupported", ctx(19)),
  octetField("callDiversionTreatmentIndicator", ctx(20)),
  nullField("longFtnSupported", ctx(21)),
  nullField("suppressVtCsi", ctx(22)),
  nullField("suppressIncomingCallBarring", ctx(23)),
  nullField("gsmScfInitiatedCall", ctx(24)),
  taggedChoiceField("basicServiceGroup2", 25, basicServiceGroupItem, true),
  rawField("networkSignalInfo2", ctxC(26)),
  bitStringField("suppressMtss", ctx(27)),
  nullField("mtRoamingRetrySupported", ctx(28)),
  integerField("callPriority", ctx(29), true, 0, 15),
];

const roamingNumberAlternative = { kind: "roamingNumber", field: isdnField("roamingNumber", OCTET_STRING) };
const forwardingDataAlternative = {
  kind: "forwardingData",
  field: rawField("forwardingData", SEQUENCE, false),
};

const extendedRoutingInfoItem = choiceItem<ExtendedRoutingInfo>("ExtendedRoutingInfo", [
  roamingNumberAlternative,
  forwardingDataAlternative,
  { kind: "camelRoutingInfo", field: rawField("camelRoutingInfo", ctxC(8), false) },
]);

const routingInfoItem = choiceItem<RoutingInfo>("RoutingInfo", [
  roamingNumberAlternative,
  forwardingDataAlternative,
]);

const RES: MapSequenceSpec = [
  imsiField("imsi", ctx(9), true),
  choiceField("extendedRoutingInfo", extendedRoutingInfoItem, true),
  rawField("cugCheckInfo", ctxC(3)),
  nullField("cugSubscriptionFlag", ctx(6)),
  sequenceField("subscriberInfo", ctxC(7), SUBSCRIBER_INFO),
  rawField("ssList", ctxC(1)),
  taggedChoiceField("basicService", 5, basicServiceGroupItem, true),
  nullField("forwardingInterrogationRequired", ctx(4)),
  isdnField("vmscAddress", ctx(2), true),
  extensionContainerField(ctxC(0)),
  rawField("naeaPreferredCi", ctxC(10)),
  rawField("ccbsIndicators", ctxC(11)),
  isdnField("msisdn", ctx(12), true),
  integerField("numberPortabilityStatus", ctx(13), true, 0, ENUM_MAX),
  integerField("istAlertTimer", ctx(14), true, 15, 255),
  bitStringField("supportedCamelPhasesInVmsc", ctx(15)),
  bitStringField("offeredCamel4CsisInVmsc", ctx(16)),
  taggedChoiceField("routingInfo2", 17, routingInfoItem, true),
  rawField("ssList2", ctxC(18)),
  taggedChoiceField("basicService2", 19, basicServiceGroupItem, true),
  bitStringField("allowedServices", ctx(20)),
  integerField("unavailabilityCause", ctx(21), true, 0, ENUM_MAX),
  nullField("releaseResourcesSupported", ctx(22)),
  rawField("gsmBearerCapability", ctxC(23)),
];

/** v1/v2 SendRoutingInfoRes: universal tags, routingInfo mandatory. */
const RES_V2: MapSequenceSpec = [
  imsiField("imsi", OCTET_STRING),
  choiceField("extendedRoutingInfo", routingInfoItem, false),
  rawField("cugCheckInfo", SEQUENCE),
];
const RES_V2_KEYS = new Set(["form", "imsi", "extendedRoutingInfo", "cugCheckInfo", "unknownElements"]);

const RES_V3_TAG = ctxC(3);

export const sendRoutingInfo: MapOperationCodec<SendRoutingInfoArg, SendRoutingInfoRes> = {
  opcode: MapOperation.sendRoutingInfo,
  decodeArgument(bytes, start, end) {
    const c = openParameter(new BerCursor(bytes), start, end);
    expectTag(c, SEQUENCE, "SendRoutingInfoArg");
    return decodeSequenceBody<SendRoutingInfoArg>(
      ARG,
      "SendRoutingInfoArg",
      bytes,
      c.valueStart,
      c.valueEnd,
      c,
    );
  },
  encodeArgument(w: BerWriter, value) {
    encodeSequenceParameter(w, ARG, SEQUENCE, "SendRoutingInfoArg", value);
  },
  decodeResult(bytes, start, end) {
    const c = openParameter(new BerCursor(bytes), start, end);
    if (cursorTag(c) === SEQUENCE) {
      const v = decodeSequenceBody<SendRoutingInfoRes>(
        RES_V2,
        "SendRoutingInfoRes",
        bytes,
        c.valueStart,
        c.valueEnd,
        c,
      );
      return { form: "v2", ...v };
    }
    expectTag(c, RES_V3_TAG, "SendRoutingInfoRes");
    return decodeSequenceBody<SendRoutingInfoRes>(
      RES,
      "SendRoutingInfoRes",
      bytes,
      c.valueStart,
      c.valueEnd,
      c,
    );
  },
  encodeResult(w, value) {
    if (value.form === "v2") {
      for (const k of Object.keys(value)) {
        if (!RES_V2_KEYS.has(k))
          throw new EncodeError("map", `SendRoutingInfoRes.${k}`, "has no place in the v2 form");
      }
      encodeSequenceParameter(w, RES_V2, SEQUENCE, "SendRoutingInfoRes", value);
    } else {
      encodeSequenceParameter(w, RES, RES_V3_TAG, "SendRoutingInfoRes", value);
    }
  },
  identities(v): MapIdentities {
    return topLevelIdentities(v);
  },
};
