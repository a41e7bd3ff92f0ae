/**
 * MAP-SEND-IMSI (TS 29.002 §13.2; operation sendIMSI, local:58, §17.6.5, v2 only). Maps an MSISDN to the
 * IMSI — the classic first step of SS7 location and interception attacks (FS.11 category 1 when it does
 * not come from a known O&M peer).
 */
import { BerCursor, type BerWriter } from "../../ber/index.js";
import type { MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  expectTag,
  imsiField,
  isdnField,
  OCTET_STRING,
  openParameter,
  topLevelIdentities,
} from "../common.js";
import { MapOperation } from "../operations.js";

/** The argument is the bare msisdn ISDN-AddressString. */
export interface SendImsiArg {
  msisdn: AddressString;
}

/** The result is the bare IMSI. */
export interface SendImsiRes {
  imsi: string;
}

const MSISDN = isdnField("msisdn", OCTET_STRING);
const IMSI = imsiField("imsi", OCTET_STRING);

export const sendIMSI: MapOperationCodec<SendImsiArg, SendImsiRes> = {
  opcode: MapOperation.sendIMSI,
  decodeArgument(bytes, start, end) {
    const c = openParameter(new BerCursor(bytes), start, end);
    expectTag(c, OCTET_STRING, "SendIMSI argument");
    return { msisdn: MSISDN.decode(bytes, c) as AddressString };
  },
  encodeArgument(w: BerWriter, value) {
    MSISDN.encode(w, value.msisdn);
  },
  decodeResult(bytes, start, end) {
    const c = openParameter(new BerCursor(bytes), start, end);
    expectTag(c, OCTET_STRING, "SendIMSI result");
    return { imsi: IMSI.decode(bytes, c) as string };
  },
  encodeResult(w, value) {
    IMSI.encode(w, value.imsi);
  },
  identities: topLevelIdentities,
};
