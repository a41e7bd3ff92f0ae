/**
 * MAP-MT-FORWARD-SHORT-MESSAGE (TS 29.002 §12.9; operation mt-ForwardSM, local:44, §17.6.5). The SMS-GMSC
 * hands a mobile-terminated short message to the serving MSC/SGSN: sm-RP-DA names the recipient (IMSI or
 * LMSI), sm-RP-OA the service centre, sm-RP-UI carries the SMS-DELIVER TPDU (TS 23.040). A home-routing
 * or SMS-interception attack is an MT-ForwardSM from a GMSC that never asked the HLR (FS.11 category 3),
 * so the firewall needs the IMSI and the SC address without decoding the TPDU.
 */
import type { MapIdentities, MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  choiceField,
  ctx,
  ctxC,
  extensionContainerField,
  INTEGER,
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
} from "../common.js";
import {
  MAX_SIGNAL_INFO_LENGTH,
  type MapOctets,
  octetOffsetsField,
  type SmRpDa,
  type SmRpOa,
  smRpDaItem,
  smRpOaItem,
} from "../common-sms.js";
import { MapOperation } from "../operations.js";

/**
 * MT-ForwardSM-Arg ::= SEQUENCE { sm-RP-DA, sm-RP-OA, sm-RP-UI SignalInfo, moreMessagesToSend NULL OPTIONAL,
 * extensionContainer OPTIONAL, ..., smDeliveryTimer, smDeliveryStartTime, smsOverIP-OnlyIndicator [0],
 * correlationID [1], maximumRetransmissionTime [2], smsGmscAddress [3], smsGmscDiameterAddress [4] }
 * (TS 29.002 §17.7.6, MAP-SM-DataTypes).
 */
export interface MtForwardSmArg extends MapSequenceValue {
  smRpDa: SmRpDa;
  smRpOa: SmRpOa;
  /** The TPDU (TS 23.040), as offsets for the SMS TPDU codec. */
  smRpUi: MapOctets;
  moreMessagesToSend?: true;
  extensionContainer?: MapRawTlv;
  /** SM-DeliveryTimerValue ::= INTEGER (30..600), seconds. */
  smDeliveryTimer?: number;
  /** Time ::= OCTET STRING (SIZE (4)), seconds since 1900-01-01 (TS 29.002 §17.7.8). */
  smDeliveryStartTime?: Uint8Array;
  smsOverIpOnlyIndicator?: true;
  /** CorrelationID ::= SEQUENCE { hlr-id [0], sip-uri-A [1], sip-uri-B [2] }, kept undecoded. */
  correlationId?: MapRawTlv;
  maximumRetransmissionTime?: Uint8Array;
  smsGmscAddress?: AddressString;
  smsGmscDiameterAddress?: MapRawTlv;
}

/** MT-ForwardSM-Res ::= SEQUENCE { sm-RP-UI SignalInfo OPTIONAL, extensionContainer OPTIONAL, ... }. */
export interface MtForwardSmRes extends MapSequenceValue {
  /** The SMS-DELIVER-REPORT TPDU when the MS sent one. */
  smRpUi?: MapOctets;
  extensionContainer?: MapRawTlv;
}

const ARG: MapSequenceSpec = [
  choiceField("smRpDa", smRpDaItem, false),
  choiceField("smRpOa", smRpOaItem, false),
  octetOffsetsField("smRpUi", OCTET_STRING, false, 1, MAX_SIGNAL_INFO_LENGTH),
  nullField("moreMessagesToSend", NULL),
  extensionContainerField(),
  integerField("smDeliveryTimer", INTEGER, true, 30, 600),
  octetsField("smDeliveryStartTime", OCTET_STRING, true, 4, 4),
  nullField("smsOverIpOnlyIndicator", ctx(0)),
  rawField("correlationId", ctxC(1)),
  octetsField("maximumRetransmissionTime", ctx(2), true, 4, 4),
  isdnField("smsGmscAddress", ctx(3), true),
  rawField("smsGmscDiameterAddress", ctxC(4)),
];

/** The SM-RP-UI / extensionContainer result shared by MT- and MO-ForwardSM v3. */
export const FORWARD_SM_RES: MapSequenceSpec = [
  octetOffsetsField("smRpUi", OCTET_STRING, true, 1, MAX_SIGNAL_INFO_LENGTH),
  extensionContainerField(),
];

/**
 * The IMSI (sm-RP-DA imsi) and MSISDN (sm-RP-OA msisdn) a forwardSM argument names. MO-ForwardSM v3's
 * trailing `imsi IMSI` is left out on purpose: it is the second untagged OCTET STRING of the SEQUENCE,
 * which the identity-path table (first child with a given tag) cannot address, and `identities()` must
 * agree with `locateIdentities`. The decoded value still carries it.
 */
export function forwardSmIdentities(v: { smRpDa?: SmRpDa; smRpOa?: SmRpOa }): MapIdentities {
  const out: MapIdentities = {};
  if (v.smRpDa?.kind === "imsi") out.imsi = v.smRpDa.imsi;
  if (v.smRpOa?.kind === "msisdn") out.msisdn = v.smRpOa.msisdn.digits;
  return out;
}

const ARGUMENT = sequenceParameter<MtForwardSmArg>(ARG, SEQUENCE, "MT-ForwardSM-Arg");
const RESULT = sequenceParameter<MtForwardSmRes>(FORWARD_SM_RES, SEQUENCE, "MT-ForwardSM-Res");

export const mtForwardSM: MapOperationCodec<MtForwardSmArg, MtForwardSmRes> = {
  opcode: MapOperation.mtForwardSM,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult: RESULT.decode,
  encodeResult: RESULT.encode,
  identities: (v) => forwardSmIdentities(v as MtForwardSmArg),
};
