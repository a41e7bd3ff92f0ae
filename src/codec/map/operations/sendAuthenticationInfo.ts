/**
 * MAP-SEND-AUTHENTICATION-INFO (TS 29.002 §8.5.2; operation sendAuthenticationInfo, local:56, §17.6.1).
 * The VLR/SGSN fetches authentication vectors from the HLR/AuC. The result carries the keys that protect
 * the radio link (Kc, CK/IK, KASME), so an answer to a foreign requester is a key leak (FS.11 category 2).
 */
import { BerCursor, type BerWriter } from "../../ber/index.js";
import { DecodeError } from "../../errors.js";
import type { MapOperationCodec } from "../codec.js";
import {
  ctx,
  ctxC,
  cursorTag,
  decodeSequenceBody,
  decodeSequenceOf,
  encodeSequenceParameter,
  extensionContainerField,
  INTEGER,
  imsiField,
  integerField,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  NULL,
  nullField,
  OCTET_STRING,
  octetsField,
  openParameter,
  SEQUENCE,
  sequenceField,
  sequenceItem,
  sequenceOfField,
  tagName,
  topLevelIdentities,
} from "../common.js";
import { MapOperation } from "../operations.js";

/** Re-synchronisationInfo ::= SEQUENCE { rand RAND, auts AUTS, ... } */
export interface ReSynchronisationInfo extends MapSequenceValue {
  /** RAND ::= OCTET STRING (SIZE (16)). */
  rand: Uint8Array;
  /** AUTS ::= OCTET STRING (SIZE (14)). */
  auts: Uint8Array;
}

/**
 * SendAuthenticationInfoArg. v3: SEQUENCE { imsi [0], numberOfRequestedVectors INTEGER (1..5),
 * segmentationProhibited NULL, immediateResponsePreferred [1], re-synchronisationInfo,
 * extensionContainer [2], ..., requestingNodeType [3], requestingPLMN-Id [4],
 * numberOfRequestedAdditional-Vectors [5], additionalVectorsAreForEPS [6],
 * ueUsageTypeRequestIndication [7] } (§17.7.1). v2: the parameter is the bare IMSI (`form: "v2"`).
 */
export interface SendAuthenticationInfoArg extends MapSequenceValue {
  form?: "v2";
  imsi: string;
  /** Mandatory in v3, absent in v2. */
  numberOfRequestedVectors?: number;
  segmentationProhibited?: true;
  immediateResponsePreferred?: true;
  reSynchronisationInfo?: ReSynchronisationInfo;
  extensionContainer?: MapRawTlv;
  /** RequestingNodeType: vlr (0), sgsn (1), s-cscf (2), bsf (3), …, mme (16), mme-sgsn (17). */
  requestingNodeType?: number;
  /** PLMN-Id ::= OCTET STRING (SIZE (3)). */
  requestingPlmnId?: Uint8Array;
  numberOfRequestedAdditionalVectors?: number;
  additionalVectorsAreForEps?: true;
  ueUsageTypeRequestIndication?: true;
}

/** AuthenticationTriplet / v2 AuthenticationSet ::= SEQUENCE { rand RAND, sres SRES, kc Kc, ... } */
export interface AuthenticationTriplet extends MapSequenceValue {
  rand: Uint8Array;
  /** SRES ::= OCTET STRING (SIZE (4)). */
  sres: Uint8Array;
  /** Kc ::= OCTET STRING (SIZE (8)). */
  kc: Uint8Array;
}

/** AuthenticationQuintuplet ::= SEQUENCE { rand, xres, ck, ik, autn, ... } */
export interface AuthenticationQuintuplet extends MapSequenceValue {
  rand: Uint8Array;
  /** XRES ::= OCTET STRING (SIZE (4..16)). */
  xres: Uint8Array;
  /** CK, IK, AUTN ::= OCTET STRING (SIZE (16)). */
  ck: Uint8Array;
  ik: Uint8Array;
  autn: Uint8Array;
}

/** EPC-AV ::= SEQUENCE { rand, xres, autn, kasme, extensionContainer, ... } */
export interface EpcAv extends MapSequenceValue {
  rand: Uint8Array;
  xres: Uint8Array;
  autn: Uint8Array;
  /** KASME ::= OCTET STRING (SIZE (32)). */
  kasme: Uint8Array;
  extensionContainer?: MapRawTlv;
}

/**
 * SendAuthenticationInfoRes. v3: [3] SEQUENCE { authenticationSetList AuthenticationSetList OPTIONAL
 * (CHOICE { tripletList [0], quintupletList [1] }), extensionContainer, ..., eps-AuthenticationSetList
 * [2], ueUsageType [3] }; at most one of `tripletList` / `quintupletList`. v2: SEQUENCE SIZE (1..5) OF
 * AuthenticationSet (`form: "v2"`, the sets in `tripletList`).
 */
export interface SendAuthenticationInfoRes extends MapSequenceValue {
  form?: "v2";
  tripletList?: AuthenticationTriplet[];
  quintupletList?: AuthenticationQuintuplet[];
  extensionContainer?: MapRawTlv;
  epsAuthenticationSetList?: EpcAv[];
  /** UE-UsageType ::= OCTET STRING (SIZE (4)). */
  ueUsageType?: Uint8Array;
}

const MAX_VECTORS = 5;
const rand = () => octetsField("rand", OCTET_STRING, false, 16, 16);

const RE_SYNCHRONISATION_INFO: MapSequenceSpec = [rand(), octetsField("auts", OCTET_STRING, false, 14, 14)];

const ARG: MapSequenceSpec = [
  imsiField("imsi", ctx(0)),
  integerField("numberOfRequestedVectors", INTEGER, false, 1, MAX_VECTORS),
  nullField("segmentationProhibited", NULL),
  nullField("immediateResponsePreferred", ctx(1)),
  sequenceField("reSynchronisationInfo", SEQUENCE, RE_SYNCHRONISATION_INFO),
  extensionContainerField(ctxC(2)),
  // ... extension additions:
  integerField("requestingNodeType", ctx(3), true, 0, 0x7fffffff),
  octetsField("requestingPlmnId", ctx(4), true, 3, 3),
  integerField("numberOfRequestedAdditionalVectors", ctx(5), true, 1, MAX_VECTORS),
  nullField("additionalVectorsAreForEps", ctx(6)),
  nullField("ueUsageTypeRequestIndication", ctx(7)),
];

const TRIPLET: MapSequenceSpec = [
  rand(),
  octetsField("sres", OCTET_STRING, false, 4, 4),
  octetsField("kc", OCTET_STRING, false, 8, 8),
];
const tripletItem = sequenceItem<AuthenticationTriplet>("AuthenticationTriplet", TRIPLET);

const QUINTUPLET: MapSequenceSpec = [
  rand(),
  octetsField("xres", OCTET_STRING, false, 4, 16),
  octetsField("ck", OCTET_STRING, false, 16, 16),
  octetsField("ik", OCTET_STRING, false, 16, 16),
  octetsField("autn", OCTET_STRING, false, 16, 16),
];

const EPC_AV: MapSequenceSpec = [
  rand(),
  octetsField("xres", OCTET_STRING, false, 4, 16),
  octetsField("autn", OCTET_STRING, false, 16, 16),
  octetsField("kasme", OCTET_STRING, false, 32, 32),
  extensionContainerField(),
];

const RES_V3_TAG = ctxC(3);

const RES: MapSequenceSpec = [
  sequenceOfField("tripletList", ctxC(0), tripletItem, true, 1, MAX_VECTORS),
  sequenceOfField(
    "quintupletList",
    ctxC(1),
    sequenceItem<AuthenticationQuintuplet>("AuthenticationQuintuplet", QUINTUPLET),
    true,
    1,
    MAX_VECTORS,
  ),
  extensionContainerField(),
  // ... extension additions:
  sequenceOfField(
    "epsAuthenticationSetList",
    ctxC(2),
    sequenceItem<EpcAv>("EPC-AV", EPC_AV),
    true,
    1,
    MAX_VECTORS,
  ),
  octetsField("ueUsageType", ctx(3), true, 4, 4),
];

const IMSI_V2 = imsiField("imsi", OCTET_STRING);
const TRIPLETS_V2 = sequenceOfField("tripletList", SEQUENCE, tripletItem, false, 1, MAX_VECTORS);

export const sendAuthenticationInfo: MapOperationCodec<SendAuthenticationInfoArg, SendAuthenticationInfoRes> =
  {
    opcode: MapOperation.sendAuthenticationInfo,
    decodeArgument(bytes, start, end) {
      const c = openParameter(new BerCursor(bytes), start, end);
      const tag = cursorTag(c);
      if (tag === OCTET_STRING) return { form: "v2", imsi: IMSI_V2.decode(bytes, c) as string };
      if (tag !== SEQUENCE)
        throw new DecodeError("map", start, `SendAuthenticationInfoArg: unexpected ${tagName(tag)}`);
      return decodeSequenceBody<SendAuthenticationInfoArg>(
        ARG,
        "SendAuthenticationInfoArg",
        bytes,
        c.valueStart,
        c.valueEnd,
        c,
      );
    },
    encodeArgument(w: BerWriter, value) {
      if (value.form === "v2") IMSI_V2.encode(w, value.imsi);
      else encodeSequenceParameter(w, ARG, SEQUENCE, "SendAuthenticationInfoArg", value);
    },
    decodeResult(bytes, start, end) {
      const c = openParameter(new BerCursor(bytes), start, end);
      const tag = cursorTag(c);
      if (tag === SEQUENCE) {
        return {
          form: "v2",
          tripletList: decodeSequenceOf(tripletItem, "AuthenticationSetList", bytes, c, 1, MAX_VECTORS),
        };
      }
      if (tag !== RES_V3_TAG)
        throw new DecodeError("map", start, `SendAuthenticationInfoRes: unexpected ${tagName(tag)}`);
      const v = decodeSequenceBody<SendAuthenticationInfoRes>(
        RES,
        "SendAuthenticationInfoRes",
        bytes,
        c.valueStart,
        c.valueEnd,
        c,
      );
      if (v.tripletList && v.quintupletList) {
        throw new DecodeError("map", start, "SendAuthenticationInfoRes: both triplets and quintuplets");
      }
      return v;
    },
    encodeResult(w, value) {
      if (value.form === "v2") TRIPLETS_V2.encode(w, value.tripletList ?? []);
      else encodeSequenceParameter(w, RES, RES_V3_TAG, "SendAuthenticationInfoRes", value);
    },
    identities: topLevelIdentities,
  };
