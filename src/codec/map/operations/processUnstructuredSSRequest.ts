/**
 * MAP-PROCESS-UNSTRUCTURED-SS-REQUEST (TS 29.002 §11.9; operation processUnstructuredSS-Request, local:59,
 * §17.6.4). A mobile-initiated USSD string (*100#) travels MSC/VLR → HLR → gsmSCF; the result carries the
 * network's answer. USSD sent from outside the home network can run a subscriber's services (call
 * forwarding, prepaid transfers), so the firewall reads the string and the MSISDN.
 */
import { BerCursor, type BerWriter } from "../../ber/index.js";
import type { MapOperationCodec } from "../codec.js";
import { decodeSequenceParameter, encodeSequenceParameter, SEQUENCE, topLevelIdentities } from "../common.js";
import { USSD_ARG, USSD_RES, type UssdArg, type UssdRes } from "../common-sms.js";
import { MapOperation } from "../operations.js";

export type { UssdArg, UssdRes };

/** ARGUMENT USSD-Arg, RESULT USSD-Res (§17.6.4). */
export const processUnstructuredSSRequest: MapOperationCodec<UssdArg, UssdRes> = {
  opcode: MapOperation.processUnstructuredSSRequest,
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
