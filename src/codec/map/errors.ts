/**
 * Every MAP error code (3GPP TS 29.002 §17.6.6 MAP-Errors, `CODE local:n`), the codes MAP-Protocol
 * reserves for errors of earlier versions, and the TS 24.080 SS-Errors that share the value space.
 *
 * Names follow operations.ts: `name` is the spec name in camelCase without hyphens ("absentSubscriberSM",
 * "smDeliveryFailure"), `specName` the ASN.1 spelling ("sm-DeliveryFailure"). Not to be confused with
 * `src/codec/errors.ts` (the codec's own DecodeError/EncodeError): these are values carried in TCAP
 * ReturnError components. Pure data.
 */
import { camelFromSpecName } from "./operations.js";

/** Every MAP (and TS 24.080 SS) error code, by camelCase name. */
export const MapErrorCode = {
  unknownSubscriber: 1,
  unknownBaseStation: 2,
  unknownMSC: 3,
  secureTransportError: 4,
  unidentifiedSubscriber: 5,
  absentSubscriberSM: 6,
  unknownEquipment: 7,
  roamingNotAllowed: 8,
  illegalSubscriber: 9,
  bearerServiceNotProvisioned: 10,
  teleserviceNotProvisioned: 11,
  illegalEquipment: 12,
  callBarred: 13,
  forwardingViolation: 14,
  cugReject: 15,
  illegalSSOperation: 16,
  ssErrorStatus: 17,
  ssNotAvailable: 18,
  ssSubscriptionViolation: 19,
  ssIncompatibility: 20,
  facilityNotSupported: 21,
  ongoingGroupCall: 22,
  invalidTargetBaseStation: 23,
  noRadioResourceAvailable: 24,
  noHandoverNumberAvailable: 25,
  subsequentHandoverFailure: 26,
  absentSubscriber: 27,
  incompatibleTerminal: 28,
  shortTermDenial: 29,
  longTermDenial: 30,
  subscriberBusyForMTSMS: 31,
  smDeliveryFailure: 32,
  messageWaitingListFull: 33,
  systemFailure: 34,
  dataMissing: 35,
  unexpectedDataValue: 36,
  pwRegistrationFailure: 37,
  negativePWCheck: 38,
  noRoamingNumberAvailable: 39,
  tracingBufferFull: 40,
  targetCellOutsideGroupCallArea: 42,
  numberOfPWAttemptsViolation: 43,
  numberChanged: 44,
  busySubscriber: 45,
  noSubscriberReply: 46,
  forwardingFailed: 47,
  orNotAllowed: 48,
  atiNotAllowed: 49,
  noGroupCallNumberAvailable: 50,
  resourceLimitation: 51,
  unauthorizedRequestingNetwork: 52,
  unauthorizedLCSClient: 53,
  positionMethodFailure: 54,
  unknownOrUnreachableLCSClient: 58,
  mmEventNotSupported: 59,
  atsiNotAllowed: 60,
  atmNotAllowed: 61,
  informationNotAvailable: 62,
  unknownAlphabet: 71,
  ussdBusy: 72,
  rejectedByUser: 121,
  rejectedByNetwork: 122,
  deflectionToServedSubscriber: 123,
  specialServiceCode: 124,
  invalidDeflectedToNumber: 125,
  maxNumberOfMPTYParticipantsExceeded: 126,
  resourcesNotAvailable: 127,
} as const;
export type MapErrorName = keyof typeof MapErrorCode;

/** The groups MAP-Errors lists its errors under (its EXPORTS comments). */
export type MapErrorGroup =
  | "generic"
  | "identification and numbering"
  | "subscription"
  | "handover"
  | "operation and maintenance"
  | "call handling"
  | "any time interrogation"
  | "any time information handling"
  | "supplementary service"
  | "short message service"
  | "group call"
  | "location service"
  | "mobility management"
  | "secure transport";

export interface MapErrorInfo {
  readonly code: number;
  readonly name: MapErrorName;
  readonly specName: string;
  readonly group: MapErrorGroup;
  readonly source: "TS 29.002" | "TS 24.080";
  /** Present for codes no longer in TS 29.002: what happened to them. */
  readonly retired?: string;
}

type Row = readonly [string, MapErrorGroup, { retired?: string; source?: "TS 24.080" }?];

const V1 = "MAP v1 (handoverControlContext-v1) only; code reserved in TS 29.002 MAP-Protocol";

const ROWS: readonly Row[] = [
  ["unknownSubscriber", "identification and numbering"],
  ["unknownBaseStation", "handover", { retired: V1 }],
  ["unknownMSC", "identification and numbering"],
  [
    "secureTransportError",
    "secure transport",
    { retired: "MAPsec secure transport (Rel-4 to Rel-6); dropped since" },
  ],
  ["unidentifiedSubscriber", "identification and numbering"],
  ["absentSubscriberSM", "short message service"],
  ["unknownEquipment", "identification and numbering"],
  ["roamingNotAllowed", "subscription"],
  ["illegalSubscriber", "subscription"],
  ["bearerServiceNotProvisioned", "subscription"],
  ["teleserviceNotProvisioned", "subscription"],
  ["illegalEquipment", "subscription"],
  ["callBarred", "call handling"],
  ["forwardingViolation", "call handling"],
  ["cug-Reject", "call handling"],
  ["illegalSS-Operation", "supplementary service"],
  ["ss-ErrorStatus", "supplementary service"],
  ["ss-NotAvailable", "supplementary service"],
  ["ss-SubscriptionViolation", "supplementary service"],
  ["ss-Incompatibility", "supplementary service"],
  ["facilityNotSupported", "generic"],
  ["ongoingGroupCall", "group call"],
  ["invalidTargetBaseStation", "handover", { retired: V1 }],
  ["noRadioResourceAvailable", "handover", { retired: V1 }],
  ["noHandoverNumberAvailable", "handover"],
  ["subsequentHandoverFailure", "handover"],
  ["absentSubscriber", "call handling"],
  ["incompatibleTerminal", "generic"],
  ["shortTermDenial", "supplementary service"],
  ["longTermDenial", "supplementary service"],
  ["subscriberBusyForMT-SMS", "short message service"],
  ["sm-DeliveryFailure", "short message service"],
  ["messageWaitingListFull", "short message service"],
  ["systemFailure", "generic"],
  ["dataMissing", "generic"],
  ["unexpectedDataValue", "generic"],
  ["pw-RegistrationFailure", "supplementary service"],
  ["negativePW-Check", "supplementary service"],
  ["noRoamingNumberAvailable", "call handling"],
  ["tracingBufferFull", "operation and maintenance"],
  ["targetCellOutsideGroupCallArea", "handover"],
  ["numberOfPW-AttemptsViolation", "supplementary service"],
  ["numberChanged", "identification and numbering"],
  ["busySubscriber", "call handling"],
  ["noSubscriberReply", "call handling"],
  ["forwardingFailed", "call handling"],
  ["or-NotAllowed", "call handling"],
  ["ati-NotAllowed", "any time interrogation"],
  ["noGroupCallNumberAvailable", "group call"],
  ["resourceLimitation", "generic"],
  ["unauthorizedRequestingNetwork", "location service"],
  ["unauthorizedLCSClient", "location service"],
  ["positionMethodFailure", "location service"],
  ["unknownOrUnreachableLCSClient", "location service"],
  ["mm-EventNotSupported", "mobility management"],
  ["atsi-NotAllowed", "any time information handling"],
  ["atm-NotAllowed", "any time information handling"],
  ["informationNotAvailable", "any time information handling"],
  ["unknownAlphabet", "supplementary service"],
  ["ussd-Busy", "supplementary service"],
  ["rejectedByUser", "supplementary service", { source: "TS 24.080" }],
  ["rejectedByNetwork", "supplementary service", { source: "TS 24.080" }],
  ["deflectionToServedSubscriber", "supplementary service", { source: "TS 24.080" }],
  ["specialServiceCode", "supplementary service", { source: "TS 24.080" }],
  ["invalidDeflectedToNumber", "supplementary service", { source: "TS 24.080" }],
  ["maxNumberOfMPTY-ParticipantsExceeded", "supplementary service", { source: "TS 24.080" }],
  ["resourcesNotAvailable", "supplementary service", { source: "TS 24.080" }],
];

/** Every error, by ascending code. */
export const mapErrors: readonly MapErrorInfo[] = Object.freeze(
  ROWS.map(([specName, group, extra]): MapErrorInfo => {
    const name = camelFromSpecName(specName) as MapErrorName;
    const code = MapErrorCode[name];
    if (code === undefined) throw new Error(`MAP error ${specName} has no code`);
    return Object.freeze({
      code,
      name,
      specName,
      group,
      source: extra?.source ?? "TS 29.002",
      ...(extra?.retired ? { retired: extra.retired } : {}),
    });
  }).sort((a, b) => a.code - b.code),
);

const BY_CODE: (MapErrorInfo | undefined)[] = [];
const BY_NAME = new Map<string, MapErrorInfo>();
for (const e of mapErrors) {
  BY_CODE[e.code] = e;
  BY_NAME.set(e.name, e);
  BY_NAME.set(e.specName, e);
}

/** The error with local code `code`, or undefined for an unassigned value. */
export function mapErrorByCode(code: number): MapErrorInfo | undefined {
  return Number.isInteger(code) && code >= 0 ? BY_CODE[code] : undefined;
}

/** The error named `name`, camelCase or spec spelling. */
export function mapErrorByName(name: string): MapErrorInfo | undefined {
  return BY_NAME.get(name);
}
