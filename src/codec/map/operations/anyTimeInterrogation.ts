/**
 * MAP-ANY-TIME-INTERROGATION (TS 29.002 §8.11.1; operation anyTimeInterrogation, local:71, §17.6.1).
 * A gsmSCF asks the HLR for a subscriber's location and state by IMSI or MSISDN. Only the home network's
 * own gsmSCF may send it: an ATI from a foreign gsmSCF-Address is the textbook SS7 location attack
 * (FS.11 category 1).
 */
import { BerCursor, type BerWriter } from "../../ber/index.js";
import type { MapIdentities, MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  ctx,
  ctxC,
  decodeSequenceParameter,
  encodeSequenceParameter,
  extensionContainerField,
  isdnField,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  SEQUENCE,
  sequenceField,
} from "../common.js";
import {
  type SubscriberIdentity,
  subscriberIdentityIds,
  subscriberIdentityItem,
  taggedChoiceField,
} from "../common-sms.js";
import { MapOperation } from "../operations.js";
import {
  type ProvideSubscriberInfoRes,
  REQUESTED_INFO,
  type RequestedInfo,
  SUBSCRIBER_INFO_RES,
} from "./provideSubscriberInfo.js";

/**
 * AnyTimeInterrogationArg ::= SEQUENCE { subscriberIdentity [0] SubscriberIdentity, requestedInfo [1]
 * RequestedInfo, gsmSCF-Address [3] ISDN-AddressString, extensionContainer [2] OPTIONAL, ... }
 * (TS 29.002 §17.7.1; [3] before [2] is the definition order).
 */
export interface AnyTimeInterrogationArg extends MapSequenceValue {
  subscriberIdentity: SubscriberIdentity;
  requestedInfo: RequestedInfo;
  gsmScfAddress: AddressString;
  extensionContainer?: MapRawTlv;
}

/** AnyTimeInterrogationRes ::= SEQUENCE { subscriberInfo SubscriberInfo, extensionContainer, ... }. */
export type AnyTimeInterrogationRes = ProvideSubscriberInfoRes;

const ARG: MapSequenceSpec = [
  taggedChoiceField("subscriberIdentity", 0, subscriberIdentityItem, false),
  sequenceField("requestedInfo", ctxC(1), REQUESTED_INFO, false),
  isdnField("gsmScfAddress", ctx(3)),
  extensionContainerField(ctxC(2)),
];

export const anyTimeInterrogation: MapOperationCodec<AnyTimeInterrogationArg, AnyTimeInterrogationRes> = {
  opcode: MapOperation.anyTimeInterrogation,
  decodeArgument(bytes, start, end) {
    return decodeSequenceParameter<AnyTimeInterrogationArg>(
      ARG,
      SEQUENCE,
      "AnyTimeInterrogationArg",
      bytes,
      new BerCursor(bytes),
      start,
      end,
    );
  },
  encodeArgument(w: BerWriter, value) {
    encodeSequenceParameter(w, ARG, SEQUENCE, "AnyTimeInterrogationArg", value);
  },
  decodeResult(bytes, start, end) {
    return decodeSequenceParameter<AnyTimeInterrogationRes>(
      SUBSCRIBER_INFO_RES,
      SEQUENCE,
      "AnyTimeInterrogationRes",
      bytes,
      new BerCursor(bytes),
      start,
      end,
    );
  },
  encodeResult(w, value) {
    encodeSequenceParameter(w, SUBSCRIBER_INFO_RES, SEQUENCE, "AnyTimeInterrogationRes", value);
  },
  identities(v): MapIdentities {
    return subscriberIdentityIds((v as Partial<AnyTimeInterrogationArg>).subscriberIdentity);
  },
};
