/**
 * Operation code 46 (TS 29.002 §17.6.5): mo-ForwardSM in MAP v3 (MAP-MO-FORWARD-SHORT-MESSAGE, §12.2),
 * and forwardSM in MAP v1/v2 (GSM 09.02), where the same code carried both mobile-originated and
 * mobile-terminated short messages. The two argument shapes share their first three components, so one
 * codec reads both: v1/v2 may add moreMessagesToSend, v3 may add extensionContainer, imsi, correlationID
 * and sm-DeliveryOutcome. MT traffic on code 46 (v1/v2 shortMsgRelay contexts) is a classic way round
 * SMS home-routing, so both directions matter to the firewall.
 */
import type { MapOperationCodec } from "../codec.js";
import {
  choiceField,
  ctx,
  ctxC,
  extensionContainerField,
  imsiField,
  integerField,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  NULL,
  nullField,
  OCTET_STRING,
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
import { FORWARD_SM_RES, forwardSmIdentities } from "./mtForwardSM.js";

/**
 * MO-ForwardSM-Arg ::= SEQUENCE { sm-RP-DA, sm-RP-OA, sm-RP-UI SignalInfo, extensionContainer OPTIONAL, ...,
 * imsi IMSI OPTIONAL, correlationID [0] OPTIONAL, sm-DeliveryOutcome [1] OPTIONAL } (v3, §17.7.6), merged
 * with v1/v2 ForwardSM-Arg ::= SEQUENCE { sm-RP-DA, sm-RP-OA, sm-RP-UI, moreMessagesToSend NULL OPTIONAL,
 * ... }. For MO, sm-RP-DA is the service centre and sm-RP-OA the sender's MSISDN; for v1/v2 MT, sm-RP-DA
 * is the recipient's IMSI or LMSI and sm-RP-OA the service centre.
 */
export interface MoForwardSmArg extends MapSequenceValue {
  smRpDa: SmRpDa;
  smRpOa: SmRpOa;
  /** The TPDU (SMS-SUBMIT for MO, SMS-DELIVER for v1/v2 MT; TS 23.040), as offsets. */
  smRpUi: MapOctets;
  /** v1/v2 forwardSM only. */
  moreMessagesToSend?: true;
  extensionContainer?: MapRawTlv;
  /** v3: the sender's IMSI (added for MO SMS via an SMS interworking node). */
  imsi?: string;
  correlationId?: MapRawTlv;
  /** SM-DeliveryOutcome (IP-SM-GW cases): memoryCapacityExceeded (0), absentSubscriber (1), successfulTransfer (2). */
  smDeliveryOutcome?: number;
}

/** v1/v2 name of the same argument. */
export type ForwardSmArg = MoForwardSmArg;

/** MO-ForwardSM-Res ::= SEQUENCE { sm-RP-UI SignalInfo OPTIONAL, extensionContainer OPTIONAL, ... } (v3). */
export interface MoForwardSmRes extends MapSequenceValue {
  smRpUi?: MapOctets;
  extensionContainer?: MapRawTlv;
}

const ARG: MapSequenceSpec = [
  choiceField("smRpDa", smRpDaItem, false),
  choiceField("smRpOa", smRpOaItem, false),
  octetOffsetsField("smRpUi", OCTET_STRING, false, 1, MAX_SIGNAL_INFO_LENGTH),
  nullField("moreMessagesToSend", NULL),
  extensionContainerField(),
  imsiField("imsi", OCTET_STRING, true),
  rawField("correlationId", ctxC(0)),
  integerField("smDeliveryOutcome", ctx(1), true, 0, 0x7fffffff),
];

const ARGUMENT = sequenceParameter<MoForwardSmArg>(ARG, SEQUENCE, "MO-ForwardSM-Arg");
const RESULT = sequenceParameter<MoForwardSmRes>(FORWARD_SM_RES, SEQUENCE, "MO-ForwardSM-Res");

export const moForwardSM: MapOperationCodec<MoForwardSmArg, MoForwardSmRes> = {
  opcode: MapOperation.moForwardSM,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult: RESULT.decode,
  encodeResult: RESULT.encode,
  identities: (v) => forwardSmIdentities(v as MoForwardSmArg),
};
