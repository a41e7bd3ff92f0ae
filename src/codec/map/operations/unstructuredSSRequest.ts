/**
 * MAP-UNSTRUCTURED-SS-REQUEST (TS 29.002 §11.10; operation unstructuredSS-Request, local:60, §17.6.4).
 * Network-initiated USSD: the gsmSCF or HLR asks the MS a question (a menu) inside a USSD dialogue and
 * the result carries the user's reply.
 */
import type { MapOperationCodec } from "../codec.js";
import { type UssdArg, type UssdRes, ussdOperation } from "../common-sms.js";
import { MapOperation } from "../operations.js";

/** ARGUMENT USSD-Arg, RESULT USSD-Res (§17.6.4). */
export const unstructuredSSRequest: MapOperationCodec<UssdArg, UssdRes> = ussdOperation(
  MapOperation.unstructuredSSRequest,
  true,
);
