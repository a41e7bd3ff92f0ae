/**
 * MAP-UNSTRUCTURED-SS-NOTIFY (TS 29.002 §11.11; operation unstructuredSS-Notify, local:61, §17.6.4).
 * Network-initiated USSD text shown to the user without a reply; the operation has no result parameter
 * (RETURN RESULT TRUE), so the codec has only the argument.
 */
import type { MapOperationCodec } from "../codec.js";
import { type UssdArg, ussdOperation } from "../common-sms.js";
import { MapOperation } from "../operations.js";

/** ARGUMENT USSD-Arg, no result (§17.6.4). */
export const unstructuredSSNotify: MapOperationCodec<UssdArg> = ussdOperation(
  MapOperation.unstructuredSSNotify,
  false,
);
