/**
 * MAP-PURGE-MS (TS 29.002 §8.1.6; operation purgeMS, local:67, §17.6.1). The VLR/SGSN tells the HLR it
 * deleted a subscriber's record; forged, it makes the subscriber unreachable for calls and SMS (FS.11
 * category 3).
 */
import { BerCursor, type BerWriter } from "../../ber/index.js";
import { DecodeError } from "../../errors.js";
import type { MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  ctx,
  ctxC,
  cursorTag,
  decodeSequenceBody,
  encodeSequenceParameter,
  extensionContainerField,
  imsiField,
  isdnField,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  nullField,
  OCTET_STRING,
  openParameter,
  rawField,
  SEQUENCE,
  sequenceParameter,
  tagName,
  topLevelIdentities,
} from "../common.js";
import { MapOperation } from "../operations.js";

/**
 * PurgeMS-Arg. v3: [3] SEQUENCE { imsi, vlr-Number [0] OPTIONAL, sgsn-Number [1] OPTIONAL,
 * extensionContainer, ..., locationInformation [2], locationInformationGPRS [3], locationInformationEPS
 * [4] } (§17.7.1). v2: SEQUENCE { imsi, vlr-Number ISDN-AddressString, ... } (`form: "v2"`).
 */
export interface PurgeMsArg extends MapSequenceValue {
  form?: "v2";
  imsi: string;
  /** Mandatory in v2. */
  vlrNumber?: AddressString;
  sgsnNumber?: AddressString;
  extensionContainer?: MapRawTlv;
  locationInformation?: MapRawTlv;
  locationInformationGprs?: MapRawTlv;
  locationInformationEps?: MapRawTlv;
}

/** PurgeMS-Res ::= SEQUENCE { freezeTMSI [0], freezeP-TMSI [1], extensionContainer, ..., freezeM-TMSI [2] } */
export interface PurgeMsRes extends MapSequenceValue {
  freezeTmsi?: true;
  freezePTmsi?: true;
  extensionContainer?: MapRawTlv;
  freezeMTmsi?: true;
}

const ARG_V3_TAG = ctxC(3);

const ARG: MapSequenceSpec = [
  imsiField("imsi", OCTET_STRING),
  isdnField("vlrNumber", ctx(0), true),
  isdnField("sgsnNumber", ctx(1), true),
  extensionContainerField(),
  // ... extension additions:
  rawField("locationInformation", ctxC(2)),
  rawField("locationInformationGprs", ctxC(3)),
  rawField("locationInformationEps", ctxC(4)),
];

const ARG_V2: MapSequenceSpec = [imsiField("imsi", OCTET_STRING), isdnField("vlrNumber", OCTET_STRING)];

const RES: MapSequenceSpec = [
  nullField("freezeTmsi", ctx(0)),
  nullField("freezePTmsi", ctx(1)),
  extensionContainerField(),
  nullField("freezeMTmsi", ctx(2)),
];

const RESULT = sequenceParameter<PurgeMsRes>(RES, SEQUENCE, "PurgeMS-Res");

export const purgeMS: MapOperationCodec<PurgeMsArg, PurgeMsRes> = {
  opcode: MapOperation.purgeMS,
  decodeArgument(bytes, start, end) {
    const c = openParameter(new BerCursor(bytes), start, end);
    const tag = cursorTag(c);
    if (tag === ARG_V3_TAG) {
      return decodeSequenceBody<PurgeMsArg>(ARG, "PurgeMS-Arg", bytes, c.valueStart, c.valueEnd, c);
    }
    if (tag !== SEQUENCE) throw new DecodeError("map", start, `PurgeMS-Arg: unexpected ${tagName(tag)}`);
    const v = decodeSequenceBody<PurgeMsArg>(ARG_V2, "PurgeMS-Arg", bytes, c.valueStart, c.valueEnd, c);
    v.form = "v2";
    return v;
  },
  encodeArgument(w: BerWriter, value) {
    if (value.form === "v2") encodeSequenceParameter(w, ARG_V2, SEQUENCE, "PurgeMS-Arg", value);
    else encodeSequenceParameter(w, ARG, ARG_V3_TAG, "PurgeMS-Arg", value);
  },
  decodeResult: RESULT.decode,
  encodeResult: RESULT.encode,
  identities: topLevelIdentities,
};
