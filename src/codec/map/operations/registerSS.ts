/**
 * MAP-REGISTER-SS (TS 29.002 §11.2; operation registerSS, local:10, §17.6.4). Registers a supplementary
 * service — in practice call forwarding to `forwardedToNumber`. Sent to an HLR from outside, it diverts the
 * subscriber's calls (FS.11 category 3). The served subscriber is not in the argument: it is named by the
 * dialogue (MAP-OpenInfo destinationReference, TS 29.002 §7.3), so `identities()` is empty here.
 */
import { BerCursor } from "../../ber/index.js";
import { DecodeError, EncodeError } from "../../errors.js";
import type { MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  addressField,
  basicServiceItem,
  choiceField,
  ctx,
  ctxC,
  cursorTag,
  decodeSequenceBody,
  encodeSequenceParameter,
  INTEGER,
  integerField,
  isdnField,
  type MapBasicServiceCode,
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
  sequenceItem,
  sequenceOfField,
  sequenceParameter,
  tagName,
} from "../common.js";
import { MapOperation } from "../operations.js";

/** RegisterSS-Arg (TS 29.002 §17.7.4, MAP-SS-DataTypes); one shape for v1–v3. */
export interface RegisterSsArg extends MapSequenceValue {
  /** SS-Code (MAP-SS-Code): e.g. 0x21 CFU, 0x29 CFB, 0x2a CFNRy, 0x2b CFNRc. */
  ssCode: number;
  basicService?: MapBasicServiceCode;
  /** AddressString (SIZE (1..20)): where calls go. */
  forwardedToNumber?: AddressString;
  /** ISDN-SubaddressString ::= OCTET STRING (SIZE (1..21)). */
  forwardedToSubaddress?: Uint8Array;
  /** NoReplyConditionTime ::= INTEGER (5..30). */
  noReplyConditionTime?: number;
  /** EMLPP-Priority ::= INTEGER (0..15). */
  defaultPriority?: number;
  /** MC-Bearers ::= INTEGER (1..7). */
  nbrUser?: number;
  longFtnSupported?: true;
}

/** ForwardingFeature (MAP-SS-DataTypes). */
export interface ForwardingFeature extends MapSequenceValue {
  basicService?: MapBasicServiceCode;
  /** SS-Status ::= OCTET STRING (SIZE (1)): Q, P, R, A bits (TS 23.011). */
  ssStatus?: number;
  forwardedToNumber?: AddressString;
  forwardedToSubaddress?: Uint8Array;
  /** ForwardingOptions ::= OCTET STRING (SIZE (1)). */
  forwardingOptions?: Uint8Array;
  noReplyConditionTime?: number;
  /** FTN-AddressString ::= AddressString (SIZE (1..15)). */
  longForwardedToNumber?: AddressString;
}

/** ForwardingInfo ::= SEQUENCE { ss-Code OPTIONAL, forwardingFeatureList, ... } */
export interface ForwardingInfo extends MapSequenceValue {
  ssCode?: number;
  forwardingFeatureList: ForwardingFeature[];
}

/** CallBarringFeature ::= SEQUENCE { basicService OPTIONAL, ss-Status [4] OPTIONAL, ... } */
export interface CallBarringFeature extends MapSequenceValue {
  basicService?: MapBasicServiceCode;
  ssStatus?: number;
}

/** CallBarringInfo ::= SEQUENCE { ss-Code OPTIONAL, callBarringFeatureList, ... } */
export interface CallBarringInfo extends MapSequenceValue {
  ssCode?: number;
  callBarringFeatureList: CallBarringFeature[];
}

/**
 * SS-Data ::= SEQUENCE { ss-Code OPTIONAL, ss-Status [4] OPTIONAL, ss-SubscriptionOption OPTIONAL,
 * basicServiceGroupList OPTIONAL, ..., defaultPriority OPTIONAL, nbrUser [5] OPTIONAL }
 */
export interface SsData extends MapSequenceValue {
  ssCode?: number;
  ssStatus?: number;
  /** SS-SubscriptionOption CHOICE { cliRestrictionOption [2], overrideCategory [1] }, kept undecoded. */
  ssSubscriptionOption?: MapRawTlv;
  basicServiceGroupList?: MapBasicServiceCode[];
  defaultPriority?: number;
  nbrUser?: number;
}

/**
 * RegisterSS result: SS-Info ::= CHOICE { forwardingInfo [0], callBarringInfo [1], ss-Data [3] }; exactly
 * one property is present.
 */
export type RegisterSsRes =
  | { forwardingInfo: ForwardingInfo }
  | { callBarringInfo: CallBarringInfo }
  | { ssData: SsData };

// MAP-SS-DataTypes: maxNumOfBasicServiceGroups.
const MAX_BASIC_SERVICE_GROUPS = 13;

const basicService = () => choiceField("basicService", basicServiceItem("basicService", 1));

const ARG: MapSequenceSpec = [
  octetField("ssCode", OCTET_STRING, false),
  basicService(),
  addressField("forwardedToNumber", ctx(4), true, 20),
  octetsField("forwardedToSubaddress", ctx(6), true, 1, 21),
  integerField("noReplyConditionTime", ctx(5), true, 5, 30),
  // ... extension additions:
  integerField("defaultPriority", ctx(7), true, 0, 15),
  integerField("nbrUser", ctx(8), true, 1, 7),
  nullField("longFtnSupported", ctx(9)),
];

const FORWARDING_FEATURE: MapSequenceSpec = [
  basicService(),
  octetField("ssStatus", ctx(4)),
  isdnField("forwardedToNumber", ctx(5), true),
  octetsField("forwardedToSubaddress", ctx(8), true, 1, 21),
  octetsField("forwardingOptions", ctx(6), true, 1, 1),
  integerField("noReplyConditionTime", ctx(7), true, 5, 30),
  addressField("longForwardedToNumber", ctx(9), true, 15),
];

const FORWARDING_INFO: MapSequenceSpec = [
  octetField("ssCode", OCTET_STRING),
  sequenceOfField(
    "forwardingFeatureList",
    SEQUENCE,
    sequenceItem<ForwardingFeature>("ForwardingFeature", FORWARDING_FEATURE),
    false,
    1,
    MAX_BASIC_SERVICE_GROUPS,
  ),
];

const CALL_BARRING_INFO: MapSequenceSpec = [
  octetField("ssCode", OCTET_STRING),
  sequenceOfField(
    "callBarringFeatureList",
    SEQUENCE,
    sequenceItem<CallBarringFeature>("CallBarringFeature", [basicService(), octetField("ssStatus", ctx(4))]),
    false,
    1,
    MAX_BASIC_SERVICE_GROUPS,
  ),
];

const SS_DATA: MapSequenceSpec = [
  octetField("ssCode", OCTET_STRING),
  octetField("ssStatus", ctx(4)),
  rawField("ssSubscriptionOption", [ctx(2), ctx(1)]),
  sequenceOfField(
    "basicServiceGroupList",
    SEQUENCE,
    basicServiceItem("basicService", 1),
    true,
    1,
    MAX_BASIC_SERVICE_GROUPS,
  ),
  // ... extension additions:
  integerField("defaultPriority", INTEGER, true, 0, 15),
  integerField("nbrUser", ctx(5), true, 1, 7),
];

const SS_INFO = [
  { tag: ctxC(0), name: "forwardingInfo", what: "ForwardingInfo", spec: FORWARDING_INFO },
  { tag: ctxC(1), name: "callBarringInfo", what: "CallBarringInfo", spec: CALL_BARRING_INFO },
  { tag: ctxC(3), name: "ssData", what: "SS-Data", spec: SS_DATA },
] as const;

const ARGUMENT = sequenceParameter<RegisterSsArg>(ARG, SEQUENCE, "RegisterSS-Arg");

export const registerSS: MapOperationCodec<RegisterSsArg, RegisterSsRes> = {
  opcode: MapOperation.registerSS,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult(bytes, start, end) {
    const c = openParameter(new BerCursor(bytes), start, end);
    const tag = cursorTag(c);
    for (const alt of SS_INFO) {
      if (alt.tag === tag) {
        const v = decodeSequenceBody<object>(alt.spec, alt.what, bytes, c.valueStart, c.valueEnd, c);
        return { [alt.name]: v } as RegisterSsRes;
      }
    }
    throw new DecodeError("map", start, `SS-Info: unexpected alternative ${tagName(tag)}`);
  },
  encodeResult(w, value) {
    for (const alt of SS_INFO) {
      const v = (value as Record<string, object | undefined>)[alt.name];
      if (v !== undefined) {
        encodeSequenceParameter(w, alt.spec, alt.tag, alt.what, v);
        return;
      }
    }
    throw new EncodeError("map", "SS-Info", "no alternative is present");
  },
  identities: () => ({}),
};
