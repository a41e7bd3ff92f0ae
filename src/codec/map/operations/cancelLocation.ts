/**
 * MAP-CANCEL-LOCATION (TS 29.002 §8.1.3; operation cancelLocation, local:3, §17.6.1). The HLR tells the
 * old VLR/SGSN to drop a subscriber; sent from outside the home network it disconnects the subscriber
 * (FS.11 category 1 when it does not come from the subscriber's HLR).
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
  ENUMERATED,
  encodeSequenceParameter,
  expectTag,
  extensionContainerField,
  imsiField,
  integerField,
  isdnField,
  lmsiField,
  type MapField,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  nullField,
  OCTET_STRING,
  openParameter,
  SEQUENCE,
  tagName,
} from "../common.js";
import { MapOperation } from "../operations.js";

/**
 * Identity ::= CHOICE { imsi IMSI, imsi-WithLMSI IMSI-WithLMSI } (TS 29.002 §17.7.8, MAP-CommonDataTypes);
 * IMSI-WithLMSI ::= SEQUENCE { imsi IMSI, lmsi LMSI, ... }. `lmsi` present means the imsi-WithLMSI
 * alternative was (or will be) used.
 */
export interface MapIdentity extends MapSequenceValue {
  imsi: string;
  lmsi?: string;
}

/**
 * CancelLocationArg. v3: [3] SEQUENCE { identity, cancellationType, extensionContainer, ..., typeOfUpdate
 * [0], mtrf-SupportedAndAuthorized [1], mtrf-SupportedAndNotAuthorized [2], newMSC-Number [3],
 * newVLR-Number [4], new-lmsi [5], reattach-Required [6] } (§17.7.1). v1/v2: the parameter is the bare
 * Identity: `form: "v2"` and only `identity`.
 */
export interface CancelLocationArg extends MapSequenceValue {
  form?: "v2";
  identity: MapIdentity;
  /** CancellationType: updateProcedure (0), subscriptionWithdraw (1), initialAttachProcedure (2). */
  cancellationType?: number;
  extensionContainer?: MapRawTlv;
  /** TypeOfUpdate: sgsn-change (0), mme-change (1). */
  typeOfUpdate?: number;
  mtrfSupportedAndAuthorized?: true;
  mtrfSupportedAndNotAuthorized?: true;
  newMscNumber?: AddressString;
  newVlrNumber?: AddressString;
  newLmsi?: string;
  reattachRequired?: true;
}

/** CancelLocationRes ::= SEQUENCE { extensionContainer, ... } (v3; v1/v2 return no parameter). */
export interface CancelLocationRes extends MapSequenceValue {
  extensionContainer?: MapRawTlv;
}

/** CancellationType and friends: extensible ENUMERATED, decoded as the number sent. */
const ENUM_RANGE = 0x7fffffff;

const IMSI_WITH_LMSI: MapSequenceSpec = [
  imsiField("imsi", OCTET_STRING),
  lmsiField("lmsi", OCTET_STRING, false),
];

const IDENTITY: MapField = {
  name: "identity",
  tags: [OCTET_STRING, SEQUENCE],
  optional: false,
  decode(bytes, c) {
    if (cursorTag(c) === OCTET_STRING) return { imsi: IMSI_WITH_LMSI[0]!.decode(bytes, c) as string };
    return decodeSequenceBody<MapIdentity>(
      IMSI_WITH_LMSI,
      "IMSI-WithLMSI",
      bytes,
      c.valueStart,
      c.valueEnd,
      c,
    );
  },
  encode(w, v) {
    const id = v as MapIdentity;
    if (id.lmsi === undefined && !id.unknownElements) IMSI_WITH_LMSI[0]!.encode(w, id.imsi);
    else encodeSequenceParameter(w, IMSI_WITH_LMSI, SEQUENCE, "IMSI-WithLMSI", id);
  },
};

const ARG_V3_TAG = ctxC(3);

const ARG: MapSequenceSpec = [
  IDENTITY,
  integerField("cancellationType", ENUMERATED, true, 0, ENUM_RANGE),
  extensionContainerField(),
  // ... extension additions:
  integerField("typeOfUpdate", ctx(0), true, 0, ENUM_RANGE),
  nullField("mtrfSupportedAndAuthorized", ctx(1)),
  nullField("mtrfSupportedAndNotAuthorized", ctx(2)),
  isdnField("newMscNumber", ctx(3), true),
  isdnField("newVlrNumber", ctx(4), true),
  lmsiField("newLmsi", ctx(5)),
  nullField("reattachRequired", ctx(6)),
];

const RES: MapSequenceSpec = [extensionContainerField()];

export const cancelLocation: MapOperationCodec<CancelLocationArg, CancelLocationRes> = {
  opcode: MapOperation.cancelLocation,
  decodeArgument(bytes, start, end) {
    const c = openParameter(new BerCursor(bytes), start, end);
    const tag = cursorTag(c);
    if (tag === ARG_V3_TAG) {
      return decodeSequenceBody<CancelLocationArg>(
        ARG,
        "CancelLocationArg",
        bytes,
        c.valueStart,
        c.valueEnd,
        c,
      );
    }
    if (tag === OCTET_STRING || tag === SEQUENCE)
      return { form: "v2", identity: IDENTITY.decode(bytes, c) as MapIdentity };
    throw new DecodeError("map", start, `CancelLocationArg: unexpected ${tagName(tag)}`);
  },
  encodeArgument(w: BerWriter, value) {
    if (value.form === "v2") IDENTITY.encode(w, value.identity);
    else encodeSequenceParameter(w, ARG, ARG_V3_TAG, "CancelLocationArg", value);
  },
  decodeResult(bytes, start, end) {
    const c = openParameter(new BerCursor(bytes), start, end);
    expectTag(c, SEQUENCE, "CancelLocationRes");
    return decodeSequenceBody<CancelLocationRes>(
      RES,
      "CancelLocationRes",
      bytes,
      c.valueStart,
      c.valueEnd,
      c,
    );
  },
  encodeResult(w, value) {
    encodeSequenceParameter(w, RES, SEQUENCE, "CancelLocationRes", value);
  },
  identities(value) {
    const id = (value as Partial<CancelLocationArg>).identity;
    return id ? { imsi: id.imsi } : {};
  },
};
