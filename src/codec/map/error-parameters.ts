/**
 * Parameters of the MAP errors (TS 29.002 §17.6.6 MAP-Errors, types in §17.7.7 MAP-ER-DataTypes): what a
 * TCAP ReturnError component carries after its error code. The firewall and the SMS gateway read them to
 * tell "subscriber absent, retry later" (absentSubscriberSM with its TS 23.040 diagnostic) from "memory
 * full" (sm-DeliveryFailure) or "barred" (callBarred).
 *
 * `decodeMapErrorParameter(errorCode, bytes, start, end)` types the parameter when the code is one of the
 * table below and the parameter has one of the forms the code allows (the v3 SEQUENCE, or the bare
 * ENUMERATED of MAP v1/v2 for roamingNotAllowed, callBarred, systemFailure and sm-DeliveryFailure). Any other code or form
 * decodes to `{ kind: "raw" }` with the TLV's offsets, never to an error; only a TLV that is itself
 * malformed, or a known SEQUENCE form with malformed components, throws DecodeError.
 */
import { BerCursor, type BerWriter } from "../ber/index.js";
import { EncodeError } from "../errors.js";
import {
  basicServiceItem,
  choiceField,
  ctx,
  ctxC,
  cursorTag,
  decodeSequenceBody,
  ENUMERATED,
  encodeSequenceParameter,
  extensionContainerField,
  INTEGER,
  imsiField,
  integerField,
  type MapBasicServiceCode,
  type MapField,
  type MapRawTlv,
  type MapSequenceSpec,
  type MapSequenceValue,
  NULL,
  nullField,
  OCTET_STRING,
  octetField,
  octetsField,
  openParameter,
  rawBytes,
  SEQUENCE,
} from "./common.js";
import { MAX_SIGNAL_INFO_LENGTH, type MapOctets, octetOffsetsField } from "./common-sms.js";
import { MapErrorCode, type MapErrorName } from "./errors.js";

const ENUM_MAX = 0x7fffffff;

// ---------------------------------------------------------------------------------------------------------
// Value tables (TS 29.002 §17.7.7 and §17.7.8)

/** NetworkResource ::= ENUMERATED (MAP-CommonDataTypes). */
export const NetworkResource = {
  plmn: 0,
  hlr: 1,
  vlr: 2,
  pvlr: 3,
  controllingMSC: 4,
  vmsc: 5,
  eir: 6,
  rss: 7,
} as const;
export type NetworkResource = (typeof NetworkResource)[keyof typeof NetworkResource];

/** SM-EnumeratedDeliveryFailureCause ::= ENUMERATED. */
export const SmEnumeratedDeliveryFailureCause = {
  memoryCapacityExceeded: 0,
  equipmentProtocolError: 1,
  equipmentNotSmEquipped: 2,
  unknownServiceCentre: 3,
  scCongestion: 4,
  invalidSmeAddress: 5,
  subscriberNotScSubscriber: 6,
} as const;
export type SmEnumeratedDeliveryFailureCause =
  (typeof SmEnumeratedDeliveryFailureCause)[keyof typeof SmEnumeratedDeliveryFailureCause];

/** AbsentSubscriberReason ::= ENUMERATED. */
export const AbsentSubscriberReason = {
  imsiDetach: 0,
  restrictedArea: 1,
  noPageResponse: 2,
  purgedMS: 3,
  mtRoamingRetry: 4,
  busySubscriber: 5,
} as const;
export type AbsentSubscriberReason = (typeof AbsentSubscriberReason)[keyof typeof AbsentSubscriberReason];

/** UnknownSubscriberDiagnostic ::= ENUMERATED. */
export const UnknownSubscriberDiagnostic = {
  imsiUnknown: 0,
  gprsEpsSubscriptionUnknown: 1,
  npdbMismatch: 2,
} as const;
export type UnknownSubscriberDiagnostic =
  (typeof UnknownSubscriberDiagnostic)[keyof typeof UnknownSubscriberDiagnostic];

/** CallBarringCause ::= ENUMERATED. */
export const CallBarringCause = { barringServiceActive: 0, operatorBarring: 1 } as const;
export type CallBarringCause = (typeof CallBarringCause)[keyof typeof CallBarringCause];

// ---------------------------------------------------------------------------------------------------------
// Parameter types

/** UnknownSubscriberParam ::= SEQUENCE { extensionContainer, ..., unknownSubscriberDiagnostic } (error 1). */
export interface UnknownSubscriberParam extends MapSequenceValue {
  extensionContainer?: MapRawTlv;
  unknownSubscriberDiagnostic?: number;
}

/**
 * AbsentSubscriberSM-Param ::= SEQUENCE { absentSubscriberDiagnosticSM, extensionContainer, ...,
 * additionalAbsentSubscriberDiagnosticSM [0], imsi [1], requestedRetransmissionTime [2],
 * userIdentifierAlert [3] } (error 6). The diagnostics are TS 23.040 §3.3.2 values (0 no paging
 * response, 1 IMSI detached, 2 roaming restriction, …).
 */
export interface AbsentSubscriberSmParam extends MapSequenceValue {
  absentSubscriberDiagnosticSm?: number;
  extensionContainer?: MapRawTlv;
  additionalAbsentSubscriberDiagnosticSm?: number;
  imsi?: string;
  /** Time ::= OCTET STRING (SIZE (4)). */
  requestedRetransmissionTime?: Uint8Array;
  userIdentifierAlert?: string;
}

/**
 * CallBarredParam ::= CHOICE { callBarringCause CallBarringCause (v1/v2: `form: "v2"`),
 * extensibleCallBarredParam SEQUENCE { callBarringCause, extensionContainer, ...,
 * unauthorisedMessageOriginator [1], anonymousCallRejection [2] } (v3) } (error 13).
 */
export interface CallBarredParam extends MapSequenceValue {
  form?: "v2";
  callBarringCause?: number;
  extensionContainer?: MapRawTlv;
  unauthorisedMessageOriginator?: true;
  anonymousCallRejection?: true;
}

/**
 * SystemFailureParam ::= CHOICE { networkResource NetworkResource (v1/v2: `form: "v2"`),
 * extensibleSystemFailureParam SEQUENCE { networkResource, extensionContainer, ...,
 * additionalNetworkResource [0], failureCauseParam [1] } (v3) } (error 34).
 */
export interface SystemFailureParam extends MapSequenceValue {
  form?: "v2";
  networkResource?: number;
  extensionContainer?: MapRawTlv;
  /** AdditionalNetworkResource: sgsn (0), ggsn (1), gmlc (2), gsmSCF (3), nplr (4), auc (5), ue (6), mme (7). */
  additionalNetworkResource?: number;
  failureCauseParam?: number;
}

/** UnexpectedDataParam ::= SEQUENCE { extensionContainer, ..., unexpectedSubscriber [0] NULL } (error 36). */
export interface UnexpectedDataParam extends MapSequenceValue {
  extensionContainer?: MapRawTlv;
  unexpectedSubscriber?: true;
}

/**
 * FacilityNotSupParam ::= SEQUENCE { extensionContainer, ..., shapeOfLocationEstimateNotSupported [0],
 * neededLcsCapabilityNotSupportedInServingNode [1] } (error 21).
 */
export interface FacilityNotSupParam extends MapSequenceValue {
  extensionContainer?: MapRawTlv;
  shapeOfLocationEstimateNotSupported?: true;
  neededLcsCapabilityNotSupportedInServingNode?: true;
}

/**
 * SM-DeliveryFailureCause ::= SEQUENCE { sm-EnumeratedDeliveryFailureCause, diagnosticInfo SignalInfo
 * OPTIONAL, extensionContainer, ... } (v2/v3, error 32); MAP v1 sent the bare ENUMERATED: `form: "v1"`.
 */
export interface SmDeliveryFailureCause extends MapSequenceValue {
  form?: "v1";
  smEnumeratedDeliveryFailureCause: number;
  /** The SMS-DELIVER-REPORT / SMS-SUBMIT-REPORT TPDU with the TP-FCS, as offsets. */
  diagnosticInfo?: MapOctets;
  extensionContainer?: MapRawTlv;
}

/** AbsentSubscriberParam ::= SEQUENCE { extensionContainer, ..., absentSubscriberReason [0] } (error 27). */
export interface AbsentSubscriberParam extends MapSequenceValue {
  extensionContainer?: MapRawTlv;
  absentSubscriberReason?: number;
}

/**
 * RoamingNotAllowedParam ::= SEQUENCE { roamingNotAllowedCause (plmnRoamingNotAllowed (0),
 * operatorDeterminedBarring (3)), extensionContainer, ..., additionalRoamingNotAllowedCause [0] } (error 8);
 * MAP v1 sent the bare RoamingNotAllowedCause: `form: "v1"`.
 */
export interface RoamingNotAllowedParam extends MapSequenceValue {
  form?: "v1";
  roamingNotAllowedCause: number;
  extensionContainer?: MapRawTlv;
  additionalRoamingNotAllowedCause?: number;
}

/** CUG-RejectParam ::= SEQUENCE { cug-RejectCause, extensionContainer, ... } (error 15). */
export interface CugRejectParam extends MapSequenceValue {
  cugRejectCause?: number;
  extensionContainer?: MapRawTlv;
}

/** SubBusyForMT-SMS-Param ::= SEQUENCE { extensionContainer, ..., gprsConnectionSuspended NULL } (error 31). */
export interface SubBusyForMtSmsParam extends MapSequenceValue {
  extensionContainer?: MapRawTlv;
  gprsConnectionSuspended?: true;
}

/** BusySubscriberParam ::= SEQUENCE { extensionContainer, ..., ccbs-Possible [0], ccbs-Busy [1] } (error 45). */
export interface BusySubscriberParam extends MapSequenceValue {
  extensionContainer?: MapRawTlv;
  ccbsPossible?: true;
  ccbsBusy?: true;
}

/** UnauthorizedLCSClient-Param ::= SEQUENCE { unauthorizedLCSClient-Diagnostic [0], extensionContainer [1], ... } (error 53). */
export interface UnauthorizedLcsClientParam extends MapSequenceValue {
  unauthorizedLcsClientDiagnostic?: number;
  extensionContainer?: MapRawTlv;
}

/** PositionMethodFailure-Param ::= SEQUENCE { positionMethodFailure-Diagnostic [0], extensionContainer [1], ... } (error 54). */
export interface PositionMethodFailureParam extends MapSequenceValue {
  positionMethodFailureDiagnostic?: number;
  extensionContainer?: MapRawTlv;
}

/** SS-IncompatibilityCause ::= SEQUENCE { ss-Code [1], basicService BasicServiceCode, ss-Status [4], ... } (error 20). */
export interface SsIncompatibilityCause extends MapSequenceValue {
  ssCode?: number;
  basicService?: MapBasicServiceCode;
  ssStatus?: number;
}

/** PW-RegistrationFailureCause ::= ENUMERATED { undetermined (0), invalidFormat (1), newPasswordsMismatch (2) } (error 37). */
export interface PwRegistrationFailureParam {
  pwRegistrationFailureCause: number;
}

/** ss-ErrorStatus carries SS-Status ::= OCTET STRING (SIZE (1)) (error 17). */
export interface SsErrorStatusParam {
  ssStatus: number;
}

/** The many parameters that are SEQUENCE { extensionContainer ExtensionContainer OPTIONAL, ... }. */
export interface ExtensionOnlyParam extends MapSequenceValue {
  extensionContainer?: MapRawTlv;
}

/** Errors whose parameter is `ExtensionOnlyParam` (or the empty extensible SEQUENCE of the two denials). */
export type ExtensionOnlyErrorKind =
  | "unidentifiedSubscriber"
  | "bearerServiceNotProvisioned"
  | "teleserviceNotProvisioned"
  | "illegalSubscriber"
  | "illegalEquipment"
  | "forwardingViolation"
  | "illegalSSOperation"
  | "ssNotAvailable"
  | "ssSubscriptionViolation"
  | "ongoingGroupCall"
  | "incompatibleTerminal"
  | "shortTermDenial"
  | "longTermDenial"
  | "messageWaitingListFull"
  | "dataMissing"
  | "noRoamingNumberAvailable"
  | "tracingBufferFull"
  | "targetCellOutsideGroupCallArea"
  | "numberChanged"
  | "noSubscriberReply"
  | "forwardingFailed"
  | "orNotAllowed"
  | "atiNotAllowed"
  | "noGroupCallNumberAvailable"
  | "resourceLimitation"
  | "unauthorizedRequestingNetwork"
  | "unknownOrUnreachableLCSClient"
  | "mmEventNotSupported"
  | "atsiNotAllowed"
  | "atmNotAllowed"
  | "informationNotAvailable";

interface Typed<K extends string, V> {
  errorCode: number;
  kind: K;
  value: V;
}

/** A decoded error parameter: typed by error, or the TLV's offsets when the code or form is not typed. */
export type MapErrorParameter =
  | Typed<"unknownSubscriber", UnknownSubscriberParam>
  | Typed<"absentSubscriberSM", AbsentSubscriberSmParam>
  | Typed<"roamingNotAllowed", RoamingNotAllowedParam>
  | Typed<"callBarred", CallBarredParam>
  | Typed<"cugReject", CugRejectParam>
  | Typed<"ssErrorStatus", SsErrorStatusParam>
  | Typed<"ssIncompatibility", SsIncompatibilityCause>
  | Typed<"facilityNotSupported", FacilityNotSupParam>
  | Typed<"absentSubscriber", AbsentSubscriberParam>
  | Typed<"subscriberBusyForMTSMS", SubBusyForMtSmsParam>
  | Typed<"smDeliveryFailure", SmDeliveryFailureCause>
  | Typed<"systemFailure", SystemFailureParam>
  | Typed<"unexpectedDataValue", UnexpectedDataParam>
  | Typed<"pwRegistrationFailure", PwRegistrationFailureParam>
  | Typed<"busySubscriber", BusySubscriberParam>
  | Typed<"unauthorizedLCSClient", UnauthorizedLcsClientParam>
  | Typed<"positionMethodFailure", PositionMethodFailureParam>
  | Typed<ExtensionOnlyErrorKind, ExtensionOnlyParam>
  | { errorCode: number; kind: "raw"; raw: MapRawTlv };

export type MapErrorParameterKind = MapErrorParameter["kind"];

// ---------------------------------------------------------------------------------------------------------
// The table

/**
 * How one error's parameter is read: its SEQUENCE components and/or a non-SEQUENCE form (a bare value
 * whose field name becomes the value's only property, tagged with `form` when it is a legacy CHOICE arm).
 */
interface ErrorParameterSpec {
  /** The error's name in the MapErrorCode table (errors.ts), checked by the type. */
  readonly kind: Exclude<MapErrorParameterKind, "raw"> & MapErrorName;
  readonly sequence?: MapSequenceSpec;
  readonly bare?: { readonly field: MapField; readonly form?: string };
}

const EXTENSION_ONLY: MapSequenceSpec = [extensionContainerField()];
/** ShortTermDenialParam / LongTermDenialParam ::= SEQUENCE { ... }: nothing typed. */
const EMPTY_EXTENSIBLE: MapSequenceSpec = [];

const ext = (kind: ExtensionOnlyErrorKind, sequence = EXTENSION_ONLY): ErrorParameterSpec => ({
  kind,
  sequence,
});

/** Error code (TS 29.002 §17.6.6, `localValue`) → parameter. Errors without a parameter are not listed. */
const ERROR_PARAMETERS: ReadonlyMap<number, ErrorParameterSpec> = new Map<number, ErrorParameterSpec>([
  [
    MapErrorCode.unknownSubscriber,
    {
      kind: "unknownSubscriber",
      sequence: [
        extensionContainerField(),
        integerField("unknownSubscriberDiagnostic", ENUMERATED, true, 0, ENUM_MAX),
      ],
    },
  ],
  [MapErrorCode.unidentifiedSubscriber, ext("unidentifiedSubscriber")],
  [
    MapErrorCode.absentSubscriberSM,
    {
      kind: "absentSubscriberSM",
      sequence: [
        integerField("absentSubscriberDiagnosticSm", INTEGER, true, 0, 255),
        extensionContainerField(),
        integerField("additionalAbsentSubscriberDiagnosticSm", ctx(0), true, 0, 255),
        imsiField("imsi", ctx(1), true),
        octetsField("requestedRetransmissionTime", ctx(2), true, 4, 4),
        imsiField("userIdentifierAlert", ctx(3), true),
      ],
    },
  ],
  [
    MapErrorCode.roamingNotAllowed,
    {
      kind: "roamingNotAllowed",
      sequence: [
        integerField("roamingNotAllowedCause", ENUMERATED, false, 0, ENUM_MAX),
        extensionContainerField(),
        integerField("additionalRoamingNotAllowedCause", ctx(0), true, 0, ENUM_MAX),
      ],
      // MAP v1 (GSM 09.02 phase 1) sent the bare RoamingNotAllowedCause; seen in the wild on updateLocation.
      bare: { field: integerField("roamingNotAllowedCause", ENUMERATED, false, 0, ENUM_MAX), form: "v1" },
    },
  ],
  [MapErrorCode.illegalSubscriber, ext("illegalSubscriber")],
  [MapErrorCode.bearerServiceNotProvisioned, ext("bearerServiceNotProvisioned")],
  [MapErrorCode.teleserviceNotProvisioned, ext("teleserviceNotProvisioned")],
  [MapErrorCode.illegalEquipment, ext("illegalEquipment")],
  [
    MapErrorCode.callBarred,
    {
      kind: "callBarred",
      sequence: [
        integerField("callBarringCause", ENUMERATED, true, 0, ENUM_MAX),
        extensionContainerField(),
        nullField("unauthorisedMessageOriginator", ctx(1)),
        nullField("anonymousCallRejection", ctx(2)),
      ],
      bare: { field: integerField("callBarringCause", ENUMERATED, false, 0, ENUM_MAX), form: "v2" },
    },
  ],
  [MapErrorCode.forwardingViolation, ext("forwardingViolation")],
  [
    MapErrorCode.cugReject,
    {
      kind: "cugReject",
      sequence: [integerField("cugRejectCause", ENUMERATED, true, 0, ENUM_MAX), extensionContainerField()],
    },
  ],
  [MapErrorCode.illegalSSOperation, ext("illegalSSOperation")],
  [
    MapErrorCode.ssErrorStatus,
    { kind: "ssErrorStatus", bare: { field: octetField("ssStatus", OCTET_STRING, false) } },
  ],
  [MapErrorCode.ssNotAvailable, ext("ssNotAvailable")],
  [MapErrorCode.ssSubscriptionViolation, ext("ssSubscriptionViolation")],
  [
    MapErrorCode.ssIncompatibility,
    {
      kind: "ssIncompatibility",
      sequence: [
        octetField("ssCode", ctx(1)),
        choiceField("basicService", basicServiceItem("basicService", 1)),
        octetField("ssStatus", ctx(4)),
      ],
    },
  ],
  [
    MapErrorCode.facilityNotSupported,
    {
      kind: "facilityNotSupported",
      sequence: [
        extensionContainerField(),
        nullField("shapeOfLocationEstimateNotSupported", ctx(0)),
        nullField("neededLcsCapabilityNotSupportedInServingNode", ctx(1)),
      ],
    },
  ],
  [MapErrorCode.ongoingGroupCall, ext("ongoingGroupCall")],
  [
    MapErrorCode.absentSubscriber,
    {
      kind: "absentSubscriber",
      sequence: [
        extensionContainerField(),
        integerField("absentSubscriberReason", ctx(0), true, 0, ENUM_MAX),
      ],
    },
  ],
  [MapErrorCode.incompatibleTerminal, ext("incompatibleTerminal")],
  [MapErrorCode.shortTermDenial, ext("shortTermDenial", EMPTY_EXTENSIBLE)],
  [MapErrorCode.longTermDenial, ext("longTermDenial", EMPTY_EXTENSIBLE)],
  [
    MapErrorCode.subscriberBusyForMTSMS,
    {
      kind: "subscriberBusyForMTSMS",
      sequence: [extensionContainerField(), nullField("gprsConnectionSuspended", NULL)],
    },
  ],
  [
    MapErrorCode.smDeliveryFailure,
    {
      kind: "smDeliveryFailure",
      sequence: [
        integerField("smEnumeratedDeliveryFailureCause", ENUMERATED, false, 0, ENUM_MAX),
        octetOffsetsField("diagnosticInfo", OCTET_STRING, true, 1, MAX_SIGNAL_INFO_LENGTH),
        extensionContainerField(),
      ],
      bare: {
        field: integerField("smEnumeratedDeliveryFailureCause", ENUMERATED, false, 0, ENUM_MAX),
        form: "v1",
      },
    },
  ],
  [MapErrorCode.messageWaitingListFull, ext("messageWaitingListFull")],
  [
    MapErrorCode.systemFailure,
    {
      kind: "systemFailure",
      sequence: [
        integerField("networkResource", ENUMERATED, true, 0, ENUM_MAX),
        extensionContainerField(),
        integerField("additionalNetworkResource", ctx(0), true, 0, ENUM_MAX),
        integerField("failureCauseParam", ctx(1), true, 0, ENUM_MAX),
      ],
      bare: { field: integerField("networkResource", ENUMERATED, false, 0, ENUM_MAX), form: "v2" },
    },
  ],
  [MapErrorCode.dataMissing, ext("dataMissing")],
  [
    MapErrorCode.unexpectedDataValue,
    {
      kind: "unexpectedDataValue",
      sequence: [extensionContainerField(), nullField("unexpectedSubscriber", ctx(0))],
    },
  ],
  [
    MapErrorCode.pwRegistrationFailure,
    {
      kind: "pwRegistrationFailure",
      bare: { field: integerField("pwRegistrationFailureCause", ENUMERATED, false, 0, ENUM_MAX) },
    },
  ],
  [MapErrorCode.noRoamingNumberAvailable, ext("noRoamingNumberAvailable")],
  [MapErrorCode.tracingBufferFull, ext("tracingBufferFull")],
  [MapErrorCode.targetCellOutsideGroupCallArea, ext("targetCellOutsideGroupCallArea")],
  [MapErrorCode.numberChanged, ext("numberChanged")],
  [
    MapErrorCode.busySubscriber,
    {
      kind: "busySubscriber",
      sequence: [extensionContainerField(), nullField("ccbsPossible", ctx(0)), nullField("ccbsBusy", ctx(1))],
    },
  ],
  [MapErrorCode.noSubscriberReply, ext("noSubscriberReply")],
  [MapErrorCode.forwardingFailed, ext("forwardingFailed")],
  [MapErrorCode.orNotAllowed, ext("orNotAllowed")],
  [MapErrorCode.atiNotAllowed, ext("atiNotAllowed")],
  [MapErrorCode.noGroupCallNumberAvailable, ext("noGroupCallNumberAvailable")],
  [MapErrorCode.resourceLimitation, ext("resourceLimitation")],
  [MapErrorCode.unauthorizedRequestingNetwork, ext("unauthorizedRequestingNetwork")],
  [
    MapErrorCode.unauthorizedLCSClient,
    {
      kind: "unauthorizedLCSClient",
      sequence: [
        integerField("unauthorizedLcsClientDiagnostic", ctx(0), true, 0, ENUM_MAX),
        extensionContainerField(ctxC(1)),
      ],
    },
  ],
  [
    MapErrorCode.positionMethodFailure,
    {
      kind: "positionMethodFailure",
      sequence: [
        integerField("positionMethodFailureDiagnostic", ctx(0), true, 0, ENUM_MAX),
        extensionContainerField(ctxC(1)),
      ],
    },
  ],
  [MapErrorCode.unknownOrUnreachableLCSClient, ext("unknownOrUnreachableLCSClient")],
  [MapErrorCode.mmEventNotSupported, ext("mmEventNotSupported")],
  [MapErrorCode.atsiNotAllowed, ext("atsiNotAllowed")],
  [MapErrorCode.atmNotAllowed, ext("atmNotAllowed")],
  [MapErrorCode.informationNotAvailable, ext("informationNotAvailable")],
]);

const BY_KIND: ReadonlyMap<string, ErrorParameterSpec> = new Map(
  [...ERROR_PARAMETERS.values()].map((s) => [s.kind, s] as const),
);

/** The error codes whose parameter this module types. */
export const TYPED_ERROR_CODES: readonly number[] = [...ERROR_PARAMETERS.keys()];

/** The parameter kind `decodeMapErrorParameter` gives for `errorCode` when the form is known. */
export function mapErrorParameterKind(errorCode: number): MapErrorParameterKind {
  return ERROR_PARAMETERS.get(errorCode)?.kind ?? "raw";
}

// ---------------------------------------------------------------------------------------------------------
// Decode / encode

/**
 * Decodes the parameter TLV `bytes[start, end)` of a ReturnError with local error code `errorCode`.
 * Unknown codes and unexpected forms come back as `{ kind: "raw" }`; DecodeError (layer "map") only for
 * a malformed TLV or a malformed typed form.
 */
export function decodeMapErrorParameter(
  errorCode: number,
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
): MapErrorParameter {
  const c = openParameter(new BerCursor(bytes), start, end);
  const raw: MapRawTlv = {
    tagClass: c.tagClass,
    constructed: c.constructed,
    tagNumber: c.tagNumber,
    bytes,
    start: c.start,
    end: c.end,
  };
  const spec = ERROR_PARAMETERS.get(errorCode);
  if (spec) {
    const tag = cursorTag(c);
    if (spec.sequence && tag === SEQUENCE) {
      const value = decodeSequenceBody<object>(spec.sequence, spec.kind, bytes, c.valueStart, c.valueEnd, c);
      return { errorCode, kind: spec.kind, value } as MapErrorParameter;
    }
    if (spec.bare?.field.tags.includes(tag)) {
      const v = spec.bare.field.decode(bytes, c);
      const value: Record<string, unknown> = spec.bare.form ? { form: spec.bare.form } : {};
      value[spec.bare.field.name] = v;
      return { errorCode, kind: spec.kind, value } as MapErrorParameter;
    }
  }
  return { errorCode, kind: "raw", raw };
}

/** Writes the parameter TLV of `p` (the error code itself belongs to the TCAP ReturnError component). */
export function encodeMapErrorParameter(w: BerWriter, p: MapErrorParameter): void {
  if (p.kind === "raw") {
    w.raw(rawBytes(p.raw));
    return;
  }
  const spec = BY_KIND.get(p.kind);
  if (!spec) throw new EncodeError("map", "error parameter", `unknown kind ${JSON.stringify(p.kind)}`);
  const value = p.value as Record<string, unknown>;
  const form = value.form as string | undefined;
  if (spec.bare && (form === spec.bare.form || !spec.sequence)) {
    spec.bare.field.encode(w, value[spec.bare.field.name]);
    return;
  }
  if (!spec.sequence || form !== undefined) {
    throw new EncodeError("map", p.kind, `no ${form === undefined ? "SEQUENCE" : JSON.stringify(form)} form`);
  }
  encodeSequenceParameter(w, spec.sequence, SEQUENCE, p.kind, value);
}
