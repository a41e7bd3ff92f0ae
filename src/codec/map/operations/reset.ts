/**
 * MAP-RESET (TS 29.002 §8.10.1; operation reset, local:37, §17.6.6). After a restart the HLR tells the
 * VLRs/SGSNs holding its subscribers to treat their data as unreliable. It names no subscriber; a forged
 * one triggers mass re-registration (FS.11 category 1). No result.
 */
import type { BerWriter } from "../../ber/index.js";
import { DecodeError, EncodeError } from "../../errors.js";
import type { MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  ctx,
  ctxC,
  ENUMERATED,
  extensionContainerField,
  imsiField,
  integerField,
  isdnField,
  type MapItemCodec,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  OCTET_STRING,
  rawField,
  SEQUENCE,
  sequenceOfField,
  sequenceParameter,
} from "../common.js";
import { MapOperation } from "../operations.js";

/**
 * ResetArg. v1: SEQUENCE { networkResource, hlr-Number, hlr-List OPTIONAL } (networkResource present only
 * in v1). v2/v3: SEQUENCE { sendingNodenumber SendingNode-Number, hlr-List OPTIONAL, extensionContainer
 * [0], ..., reset-Id-List [1], subscriptionData [2], subscriptionDataDeletion [3] } (§17.7.1), where
 * SendingNode-Number ::= CHOICE { hlr-Number ISDN-AddressString, css-Number [1] ISDN-AddressString }:
 * exactly one of `hlrNumber` / `cssNumber` is present.
 */
export interface ResetArg extends MapSequenceValue {
  /** NetworkResource (v1): plmn (0), hlr (1), vlr (2), pvlr (3), controllingMSC (4), vmsc (5), eir (6), rss (7). */
  networkResource?: number;
  hlrNumber?: AddressString;
  cssNumber?: AddressString;
  /** HLR-Id ::= IMSI: leading IMSI digits (MCC, MNC, leading MSIN digits) of the affected subscribers. */
  hlrList?: string[];
  extensionContainer?: MapRawTlv;
  resetIdList?: MapRawTlv;
  /** An InsertSubscriberDataArg for all affected subscribers, kept undecoded. */
  subscriptionData?: MapRawTlv;
  /** A DeleteSubscriberDataArg for all affected subscribers, kept undecoded. */
  subscriptionDataDeletion?: MapRawTlv;
}

const MAX_HLR_ID = 50;

const hlrIdField = imsiField("hlrId", OCTET_STRING);
const HLR_ID: MapItemCodec<string> = {
  tags: hlrIdField.tags,
  decode: (bytes, c) => hlrIdField.decode(bytes, c) as string,
  encode: (w, v) => hlrIdField.encode(w, v),
};

const ARG: MapSequenceSpec = [
  integerField("networkResource", ENUMERATED, true, 0, 0x7fffffff),
  isdnField("hlrNumber", OCTET_STRING, true),
  isdnField("cssNumber", ctx(1), true),
  sequenceOfField("hlrList", SEQUENCE, HLR_ID, true, 1, MAX_HLR_ID),
  extensionContainerField(ctxC(0)),
  // ... extension additions:
  rawField("resetIdList", ctxC(1)),
  rawField("subscriptionData", ctxC(2)),
  rawField("subscriptionDataDeletion", ctxC(3)),
];

const ARGUMENT = sequenceParameter<ResetArg>(ARG, SEQUENCE, "ResetArg");

export const reset: MapOperationCodec<ResetArg> = {
  opcode: MapOperation.reset,
  decodeArgument(bytes, start, end) {
    const v = ARGUMENT.decode(bytes, start, end);
    if ((v.hlrNumber === undefined) === (v.cssNumber === undefined)) {
      throw new DecodeError("map", start, "ResetArg: needs exactly one of hlr-Number and css-Number");
    }
    return v;
  },
  encodeArgument(w: BerWriter, value) {
    if ((value.hlrNumber === undefined) === (value.cssNumber === undefined)) {
      throw new EncodeError("map", "ResetArg", "needs exactly one of hlrNumber and cssNumber");
    }
    ARGUMENT.encode(w, value);
  },
  identities: () => ({}),
};
