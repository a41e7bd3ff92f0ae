/**
 * MAP-UNSTRUCTURED-SS-NOTIFY (TS 29.002 §11.11; operation unstructuredSS-Notify, local:61, §17.6.4).
 * Network-initiated USSD text shown to the user without a reply; the operation has no result parameter
 * (RETURN RESULT TRUE), so the codec has only the argument.
 */
import { BerCursor, type BerWriter } from "../../ber/index.js";
import type { MapOperationCodec } from "../codec.js";
import { decodeSequenceParameter, encodeSequenceParameter, SEQUENCE, topLevelIdentities } from "../common.js";
import { USSD_ARG, type UssdArg } from "../common-sms.js";
import { MapOperation } from "../operations.js";

/** ARGUMENT USSD-Arg, no result (§17.6.4). */
export const unstructuredSSNotify: MapOperationCodec<UssdArg> = {
  opcode: MapOperation.unstructuredSSNotify,
  decodeArgument(bytes, start, end) {
    return decodeSequenceParameter<UssdArg>(
      USSD_ARG,
      SEQUENCE,
      "USSD-Arg",
      bytes,
      new BerCursor(bytes),
      start,
      end,
    );
  },
  encodeArgument(w: BerWriter, value) {
    encodeSequenceParameter(w, USSD_ARG, SEQUENCE, "USSD-Arg", value);
  },
  identities: topLevelIdentities,
};
