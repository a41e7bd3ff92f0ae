/**
 * MAP-PROVIDE-ROAMING-NUMBER (TS 29.002 §10.2.2; operation provideRoamingNumber, local:4, §17.6.3). The
 * HLR asks the serving VLR for an MSRN to route a call; the request names the IMSI and MSISDN and the
 * answer is a routable number, so a forged request both locates and intercepts (FS.11 category 2).
 */
import { BerCursor } from "../../ber/index.js";
import type { MapOperationCodec } from "../codec.js";
import {
  type AddressString,
  bitStringField,
  ctx,
  ctxC,
  cursorTag,
  decodeSequenceBody,
  encodeSequenceParameter,
  expectTag,
  extensionContainerField,
  imsiField,
  integerField,
  isdnField,
  lmsiField,
  type MapBitString,
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

/** ProvideRoamingNumberArg (TS 29.002 §17.7.3, MAP-CH-DataTypes); one SEQUENCE shape in all versions. */
export interface ProvideRoamingNumberArg extends MapSequenceValue {
  imsi: string;
  mscNumber: AddressString;
  msisdn?: AddressString;
  lmsi?: string;
  /** ExternalSignalInfo (a SEQUENCE carrying a DSS1/ISUP bearer capability), kept undecoded. */
  gsmBearerCapability?: MapRawTlv;
  networkSignalInfo?: MapRawTlv;
  suppressionOfAnnouncement?: true;
  gmscAddress?: AddressString;
  /** CallReferenceNumber ::= OCTET STRING (SIZE (1..8)). */
  callReferenceNumber?: Uint8Array;
  orInterrogation?: true;
  extensionContainer?: MapRawTlv;
  /** AlertingPattern ::= OCTET STRING (SIZE (1)). */
  alertingPattern?: Uint8Array;
  ccbsCall?: true;
  supportedCamelPhasesInInterrogatingNode?: MapBitString;
  additionalSignalInfo?: MapRawTlv;
  orNotSupportedInGmsc?: true;
  prePagingSupported?: true;
  longFtnSupported?: true;
  suppressVtCsi?: true;
  offeredCamel4CsisInInterrogatingNode?: MapBitString;
  mtRoamingRetrySupported?: true;
  pagingArea?: MapRawTlv;
  /** EMLPP-Priority ::= INTEGER (0..15). */
  callPriority?: number;
  mtrfIndicator?: true;
  oldMscNumber?: AddressString;
  /** PLMN-Id ::= OCTET STRING (SIZE (3)). */
  lastUsedLtePlmnId?: Uint8Array;
}

/**
 * ProvideRoamingNumberRes. v3: SEQUENCE { roamingNumber, extensionContainer, ...,
 * releaseResourcesSupported NULL, vmsc-Address ISDN-AddressString }. v1/v2: the result is the bare
 * roamingNumber ISDN-AddressString: `form: "v2"`.
 */
export interface ProvideRoamingNumberRes extends MapSequenceValue {
  form?: "v2";
  roamingNumber: AddressString;
  extensionContainer?: MapRawTlv;
  releaseResourcesSupported?: true;
  vmscAddress?: AddressString;
}

const ARG: MapSequenceSpec = [
  imsiField("imsi", ctx(0)),
  isdnField("mscNumber", ctx(1)),
  isdnField("msisdn", ctx(2), true),
  lmsiField("lmsi", ctx(4)),
  rawField("gsmBearerCapability", ctxC(5)),
  rawField("networkSignalInfo", ctxC(6)),
  nullField("suppressionOfAnnouncement", ctx(7)),
  isdnField("gmscAddress", ctx(8), true),
  octetsField("callReferenceNumber", ctx(9), true, 1, 8),
  nullField("orInterrogation", ctx(10)),
  extensionContainerField(ctxC(11)),
  // ... extension additions, in definition order ([15] precedes [14] in the ASN.1):
  octetsField("alertingPattern", ctx(12), true, 1, 1),
  nullField("ccbsCall", ctx(13)),
  bitStringField("supportedCamelPhasesInInterrogatingNode", ctx(15)),
  rawField("additionalSignalInfo", ctxC(14)),
  nullField("orNotSupportedInGmsc", ctx(16)),
  nullField("prePagingSupported", ctx(17)),
  nullField("longFtnSupported", ctx(18)),
  nullField("suppressVtCsi", ctx(19)),
  bitStringField("offeredCamel4CsisInInterrogatingNode", ctx(20)),
  nullField("mtRoamingRetrySupported", ctx(21)),
  rawField("pagingArea", ctxC(22)),
  integerField("callPriority", ctx(23), true, 0, 15),
  nullField("mtrfIndicator", ctx(24)),
  isdnField("oldMscNumber", ctx(25), true),
  octetsField("lastUsedLtePlmnId", ctx(26), true, 3, 3),
];

const ROAMING_NUMBER = isdnField("roamingNumber", OCTET_STRING);

const RES: MapSequenceSpec = [
  ROAMING_NUMBER,
  extensionContainerField(),
  nullField("releaseResourcesSupported", NULL),
  isdnField("vmscAddress", OCTET_STRING, true),
];

const ARGUMENT = sequenceParameter<ProvideRoamingNumberArg>(ARG, SEQUENCE, "ProvideRoamingNumberArg");

export const provideRoamingNumber: MapOperationCodec<ProvideRoamingNumberArg, ProvideRoamingNumberRes> = {
  opcode: MapOperation.provideRoamingNumber,
  decodeArgument: ARGUMENT.decode,
  encodeArgument: ARGUMENT.encode,
  decodeResult(bytes, start, end) {
    const c = openParameter(new BerCursor(bytes), start, end);
    if (cursorTag(c) === OCTET_STRING) {
      return { form: "v2", roamingNumber: ROAMING_NUMBER.decode(bytes, c) as AddressString };
    }
    expectTag(c, SEQUENCE, "ProvideRoamingNumberRes");
    return decodeSequenceBody<ProvideRoamingNumberRes>(
      RES,
      "ProvideRoamingNumberRes",
      bytes,
      c.valueStart,
      c.valueEnd,
      c,
    );
  },
  encodeResult(w, value) {
    if (value.form === "v2") ROAMING_NUMBER.encode(w, value.roamingNumber);
    else encodeSequenceParameter(w, RES, SEQUENCE, "ProvideRoamingNumberRes", value);
  },
  identities: topLevelIdentities,
};
