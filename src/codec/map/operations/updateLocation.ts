/**
 * MAP-UPDATE-LOCATION (TS 29.002 §8.1.2; operation updateLocation, local:2, §17.6.1). The VLR tells the
 * HLR where a subscriber now is; a forged one hijacks the subscriber's calls and SMS, which is why the
 * firewall reads every field (FS.11 category 3).
 */
import { BerCursor } from "../../ber/index.js";
import type { MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  ctx,
  ctxC,
  cursorTag,
  decodeSequenceBody,
  encodeSequenceParameter,
  expectTag,
  extensionContainerField,
  imsiField,
  isdnField,
  lmsiField,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  NULL,
  nullField,
  OCTET_STRING,
  octetsField,
  openParameter,
  rawField,
  SEQUENCE,
  sequenceParameter,
  topLevelIdentities,
} from "../common.js";
import { MapOperation } from "../operations.js";

/** UpdateLocationArg (TS 29.002 §17.7.1, MAP-MS-DataTypes); the same SEQUENCE in v1, v2 and v3. */
export interface UpdateLocationArg extends MapSequenceValue {
  imsi: string;
  mscNumber: AddressString;
  vlrNumber: AddressString;
  lmsi?: string;
  extensionContainer?: MapRawTlv;
  /** VLR-Capability (supported CAMEL phases, LCS sets, …) kept undecoded. */
  vlrCapability?: MapRawTlv;
  informPreviousNetworkEntity?: true;
  csLcsNotSupportedByUe?: true;
  /** GSN-Address (SIZE (5..17)): address type/length octet, then IPv4 or IPv6. */
  vGmlcAddress?: Uint8Array;
  addInfo?: MapRawTlv;
  pagingArea?: MapRawTlv;
  skipSubscriberDataUpdate?: true;
  restorationIndicator?: true;
  eplmnList?: MapRawTlv;
  mmeDiameterAddress?: MapRawTlv;
}

/**
 * UpdateLocationRes. v2/v3: SEQUENCE { hlr-Number, extensionContainer, ..., add-Capability NULL,
 * pagingArea-Capability [0] NULL }. v1 (GSM 09.02 phase 1) answered with the bare hlr-Number
 * ISDN-AddressString: `form: "v1"`.
 */
export interface UpdateLocationRes extends MapSequenceValue {
  form?: "v1";
  hlrNumber: AddressString;
  extensionContainer?: MapRawTlv;
  addCapability?: true;
  pagingAreaCapability?: true;
}

const ARG: MapSequenceSpec = [
  imsiField("imsi", OCTET_STRING),
  isdnField("mscNumber", ctx(1)),
  isdnField("vlrNumber", OCTET_STRING),
  lmsiField("lmsi", ctx(10)),
  extensionContainerField(),
  // ... extension additions, in definition order:
  rawField("vlrCapability", ctxC(6)),
  nullField("informPreviousNetworkEntity", ctx(11)),
  nullField("csLcsNotSupportedByUe", ctx(12)),
  octetsField("vGmlcAddress", ctx(2), true, 5, 17),
  rawField("addInfo", ctxC(13)),
  rawField("pagingArea", ctxC(14)),
  nullField("skipSubscriberDataUpdate", ctx(15)),
  nullField("restorationIndicator", ctx(16)),
  rawField("eplmnList", ctxC(3)),
  rawField("mmeDiameterAddress", ctxC(4)),
];

const HLR_NUMBER = isdnField("hlrNumber", OCTET_STRING);

const RES: MapSequenceSpec = [
  HLR_NUMBER,
  extensionContainerField(),
  nullField("addCapability", NULL),
  nullField("pagingAreaCapability", ctx(0)),
];

const ARGUMENT = sequenceParameter<UpdateLocationArg>(ARG, SEQUENCE, "UpdateLocationArg");

export const updateLocation: MapOperationCodec<UpdateLocationArg, UpdateLocationRes> = {
  opcode: MapOperation.updateLocation,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult(bytes, start, end) {
    const c = openParameter(new BerCursor(bytes), start, end);
    if (cursorTag(c) === OCTET_STRING)
      return { form: "v1", hlrNumber: HLR_NUMBER.decode(bytes, c) as AddressString };
    expectTag(c, SEQUENCE, "UpdateLocationRes");
    return decodeSequenceBody<UpdateLocationRes>(
      RES,
      "UpdateLocationRes",
      bytes,
      c.valueStart,
      c.valueEnd,
      c,
    );
  },
  encodeResult(w, value) {
    if (value.form === "v1") HLR_NUMBER.encode(w, value.hlrNumber);
    else encodeSequenceParameter(w, RES, SEQUENCE, "UpdateLocationRes", value);
  },
  identities: topLevelIdentities,
};
