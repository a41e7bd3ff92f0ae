/**
 * MAP-PROCESS-UNSTRUCTURED-SS-REQUEST (TS 29.002 §11.9; operation processUnstructuredSS-Request, local:59,
 * §17.6.4). A mobile-initiated USSD string (*100#) travels MSC/VLR → HLR → gsmSCF; the result carries the
 * network's answer. USSD sent from outside the home network can run a subscriber's services (call
 * forwarding, prepaid transfers), so the firewall reads the string and the MSISDN.
 */
import type { MapOperationCodec } from "../codec.js";
import { type UssdArg, type UssdRes, ussdOperation } from "../common-sms.js";
import { MapOperation } from "../operations.js";

export type { UssdArg, UssdRes };

/** ARGUMENT USSD-Arg, RESULT USSD-Res (§17.6.4). */
export const processUnstructuredSSRequest: MapOperationCodec<UssdArg, UssdRes> = ussdOperation(
  MapOperation.processUnstructuredSSRequest,
  true,
);
