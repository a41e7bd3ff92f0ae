/**
 * MAP-ANY-TIME-INTERROGATION (TS 29.002 §8.11.1; operation anyTimeInterrogation, local:71, §17.6.1).
 * A gsmSCF asks the HLR for a subscriber's location and state by IMSI or MSISDN. Only the home network's
 * own gsmSCF may send it: an ATI from a foreign gsmSCF-Address is the textbook SS7 location attack
 * (FS.11 category 1).
 */
import type { MapIdentities, MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  ctx,
  ctxC,
  extensionContainerField,
  isdnField,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  SEQUENCE,
  sequenceField,
  sequenceParameter,
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

const ARGUMENT = sequenceParameter<AnyTimeInterrogationArg>(ARG, SEQUENCE, "AnyTimeInterrogationArg");
const RESULT = sequenceParameter<AnyTimeInterrogationRes>(
  SUBSCRIBER_INFO_RES,
  SEQUENCE,
  "AnyTimeInterrogationRes",
);

export const anyTimeInterrogation: MapOperationCodec<AnyTimeInterrogationArg, AnyTimeInterrogationRes> = {
  opcode: MapOperation.anyTimeInterrogation,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult: RESULT.decode,
  encodeResult: RESULT.encode,
  identities(v): MapIdentities {
    return subscriberIdentityIds((v as Partial<AnyTimeInterrogationArg>).subscriberIdentity);
  },
};
