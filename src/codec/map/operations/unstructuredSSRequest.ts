/**
 * MAP-UNSTRUCTURED-SS-REQUEST (TS 29.002 §11.10; operation unstructuredSS-Request, local:60, §17.6.4).
 * Network-initiated USSD: the gsmSCF or HLR asks the MS a question (a menu) inside a USSD dialogue and
 * the result carries the user's reply.
 */
import { BerCursor, type BerWriter } from "../../ber/index.js";
import type { MapOperationCodec } from "../codec.js";
import { decodeSequenceParameter, encodeSequenceParameter, SEQUENCE, topLevelIdentities } from "../common.js";
import { USSD_ARG, USSD_RES, type UssdArg, type UssdRes } from "../common-sms.js";
import { MapOperation } from "../operations.js";

/** ARGUMENT USSD-Arg, RESULT USSD-Res (§17.6.4). */
export const unstructuredSSRequest: MapOperationCodec<UssdArg, UssdRes> = {
  opcode: MapOperation.unstructuredSSRequest,
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
  decodeResult(bytes, start, end) {
    return decodeSequenceParameter<UssdRes>(
      USSD_RES,
      SEQUENCE,
      "USSD-Res",
      bytes,
      new BerCursor(bytes),
      start,
      end,
    );
  },
  encodeResult(w, value) {
    encodeSequenceParameter(w, USSD_RES, SEQUENCE, "USSD-Res", value);
  },
  identities: topLevelIdentities,
};
