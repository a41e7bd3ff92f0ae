/**
 * Every MAP operation code (3GPP TS 29.002 §17.5 MAP-Protocol and the operation modules of §17.6), with
 * the application contexts it is used in (§17.3.3 MAP-ApplicationContexts, §17.3.2 definitions), its
 * GSMA FS.11 category as this project applies it (/work/shared/SIGNALLING.md) and whether its answer
 * reveals where a subscriber is.
 *
 * Sources, for whoever updates this table:
 *  - opcodes: the `CODE local:n` of each operation in MAP-MobileServiceOperations,
 *    -OperationAndMaintenanceOperations, -CallHandlingOperations, -SupplementaryServiceOperations,
 *    -ShortMessageServiceOperations, -Group-Call-Operations, -LocationServiceOperations;
 *  - retired opcodes: MAP-Protocol's list "reserved for operations existing in previous versions of the
 *    protocol" (9, 19, 28, 30, 31, 32, 35, 48, 49, 52, 54), plus the secure-transport operations 78–81
 *    that MAP-SecureTransportOperations defined (MAPsec, Rel-4 to Rel-6) and later releases dropped;
 *  - the opcodes of TS 24.080 SS-Operations that share the value space (16 notifySS, 109–126) are listed
 *    with source "TS 24.080": they are radio-interface supplementary-service operations, so on the
 *    SS7 side they are a sign of a malformed or crafted dialogue;
 *  - never assigned: 1, 27, 82, 90–108.
 *
 * Names: `name` is the spec name in camelCase with hyphens dropped and the following letter upper-cased
 * (`mt-ForwardSM` → `mtForwardSM`, `reportSM-DeliveryStatus` → `reportSMDeliveryStatus`); `specName` keeps
 * the ASN.1 spelling. Pure data: no imports.
 */

/** The `<ac>` arc of each MAP application-context-name, `{0 4 0 0 1 0 <ac> <version>}` (TS 29.002 §17.3.3). */
export const MapApplicationContext = {
  networkLocUpContext: 1,
  locationCancellationContext: 2,
  roamingNumberEnquiryContext: 3,
  istAlertingContext: 4,
  locationInfoRetrievalContext: 5,
  callControlTransferContext: 6,
  reportingContext: 7,
  callCompletionContext: 8,
  serviceTerminationContext: 9,
  resetContext: 10,
  handoverControlContext: 11,
  sIWFSAllocationContext: 12,
  equipmentMngtContext: 13,
  infoRetrievalContext: 14,
  interVlrInfoRetrievalContext: 15,
  subscriberDataMngtContext: 16,
  tracingContext: 17,
  networkFunctionalSsContext: 18,
  networkUnstructuredSsContext: 19,
  shortMsgGatewayContext: 20,
  shortMsgMORelayContext: 21,
  subscriberDataModificationNotificationContext: 22,
  shortMsgAlertContext: 23,
  mwdMngtContext: 24,
  shortMsgMTRelayContext: 25,
  imsiRetrievalContext: 26,
  msPurgingContext: 27,
  subscriberInfoEnquiryContext: 28,
  anyTimeInfoEnquiryContext: 29,
  groupCallControlContext: 31,
  gprsLocationUpdateContext: 32,
  gprsLocationInfoRetrievalContext: 33,
  failureReportContext: 34,
  gprsNotifyContext: 35,
  ssInvocationNotificationContext: 36,
  locationSvcGatewayContext: 37,
  locationSvcEnquiryContext: 38,
  authenticationFailureReportContext: 39,
  secureTransportHandlingContext: 40,
  shortMsgMTRelayVGCSContext: 41,
  mmEventReportingContext: 42,
  anyTimeInfoHandlingContext: 43,
  resourceManagementContext: 44,
  groupCallInfoRetrievalContext: 45,
  vcsgLocationUpdateContext: 46,
  vcsgLocationCancellationContext: 47,
} as const;
export type MapApplicationContextName = keyof typeof MapApplicationContext;

/** `{itu-t(0) identified-organization(4) etsi(0) mobileDomain(0) gsm-Network(1) ac-Id(0)}` */
export const MAP_AC_OID_PREFIX = "0.4.0.0.1.0";

/** One MAP application context with the versions TS 29.002 defines or reserves for it. */
export interface MapApplicationContextInfo {
  readonly acId: number;
  /** camelCase, as in `MapApplicationContext`. */
  readonly name: MapApplicationContextName;
  /** The ASN.1 name without the version suffix ("shortMsgMO-RelayContext"). */
  readonly specName: string;
  /** The versions with an application-context-name (current and those "reserved … in previous versions"). */
  readonly versions: readonly number[];
  /** A differently named v1 context ("shortMsgRelayContext" for 21). */
  readonly v1SpecName?: string;
  /** Why the context is gone, when it is. */
  readonly retired?: string;
  /** The operations used in it, in any version. */
  readonly operations: readonly number[];
}

/** An application-context-name as it appears in a TCAP dialogue portion. */
export interface MapApplicationContextRef {
  readonly context: MapApplicationContextInfo;
  readonly version: number;
  /** Dotted OID, "0.4.0.0.1.0.20.3". */
  readonly oid: string;
  /** The ASN.1 value name, "shortMsgGatewayContext-v3". */
  readonly specName: string;
}

type ContextRow = readonly [
  MapApplicationContextName,
  string,
  readonly number[],
  { v1?: string; retired?: string }?,
];

const CONTEXT_ROWS: readonly ContextRow[] = [
  ["networkLocUpContext", "networkLocUpContext", [1, 2, 3]],
  ["locationCancellationContext", "locationCancellationContext", [1, 2, 3]],
  ["roamingNumberEnquiryContext", "roamingNumberEnquiryContext", [1, 2, 3]],
  ["istAlertingContext", "istAlertingContext", [3]],
  ["locationInfoRetrievalContext", "locationInfoRetrievalContext", [1, 2, 3]],
  ["callControlTransferContext", "callControlTransferContext", [3, 4]],
  ["reportingContext", "reportingContext", [3]],
  ["callCompletionContext", "callCompletionContext", [3]],
  ["serviceTerminationContext", "serviceTerminationContext", [3]],
  ["resetContext", "resetContext", [1, 2, 3]],
  ["handoverControlContext", "handoverControlContext", [1, 2, 3]],
  [
    "sIWFSAllocationContext",
    "sIWFSAllocationContext",
    [3],
    { retired: "reserved in MAP-ApplicationContexts: SIWF was removed from TS 29.002" },
  ],
  ["equipmentMngtContext", "equipmentMngtContext", [1, 2, 3]],
  ["infoRetrievalContext", "infoRetrievalContext", [1, 2, 3]],
  ["interVlrInfoRetrievalContext", "interVlrInfoRetrievalContext", [2, 3]],
  ["subscriberDataMngtContext", "subscriberDataMngtContext", [1, 2, 3]],
  ["tracingContext", "tracingContext", [1, 2, 3]],
  ["networkFunctionalSsContext", "networkFunctionalSsContext", [1, 2]],
  ["networkUnstructuredSsContext", "networkUnstructuredSsContext", [2]],
  ["shortMsgGatewayContext", "shortMsgGatewayContext", [1, 2, 3]],
  ["shortMsgMORelayContext", "shortMsgMO-RelayContext", [1, 2, 3], { v1: "shortMsgRelayContext" }],
  ["subscriberDataModificationNotificationContext", "subscriberDataModificationNotificationContext", [3]],
  ["shortMsgAlertContext", "shortMsgAlertContext", [1, 2]],
  ["mwdMngtContext", "mwdMngtContext", [1, 2, 3]],
  ["shortMsgMTRelayContext", "shortMsgMT-RelayContext", [2, 3]],
  ["imsiRetrievalContext", "imsiRetrievalContext", [2]],
  ["msPurgingContext", "msPurgingContext", [2, 3]],
  ["subscriberInfoEnquiryContext", "subscriberInfoEnquiryContext", [3]],
  ["anyTimeInfoEnquiryContext", "anyTimeInfoEnquiryContext", [3]],
  ["groupCallControlContext", "groupCallControlContext", [3]],
  ["gprsLocationUpdateContext", "gprsLocationUpdateContext", [3]],
  ["gprsLocationInfoRetrievalContext", "gprsLocationInfoRetrievalContext", [3, 4]],
  ["failureReportContext", "failureReportContext", [3]],
  ["gprsNotifyContext", "gprsNotifyContext", [3]],
  ["ssInvocationNotificationContext", "ss-InvocationNotificationContext", [3]],
  ["locationSvcGatewayContext", "locationSvcGatewayContext", [3]],
  ["locationSvcEnquiryContext", "locationSvcEnquiryContext", [3]],
  ["authenticationFailureReportContext", "authenticationFailureReportContext", [3]],
  [
    "secureTransportHandlingContext",
    "secureTransportHandlingContext",
    [3],
    { retired: "MAPsec secure transport (Rel-4 to Rel-6), no longer in TS 29.002" },
  ],
  ["shortMsgMTRelayVGCSContext", "shortMsgMT-Relay-VGCS-Context", [3]],
  ["mmEventReportingContext", "mm-EventReportingContext", [3]],
  ["anyTimeInfoHandlingContext", "anyTimeInfoHandlingContext", [3]],
  ["resourceManagementContext", "resourceManagementContext", [3]],
  ["groupCallInfoRetrievalContext", "groupCallInfoRetrievalContext", [3]],
  ["vcsgLocationUpdateContext", "vcsgLocationUpdateContext", [3]],
  ["vcsgLocationCancellationContext", "vcsgLocationCancellationContext", [3]],
];

/** Every MAP operation code, by camelCase name. */
export const MapOperation = {
  updateLocation: 2,
  cancelLocation: 3,
  provideRoamingNumber: 4,
  noteSubscriberDataModified: 5,
  resumeCallHandling: 6,
  insertSubscriberData: 7,
  deleteSubscriberData: 8,
  sendParameters: 9,
  registerSS: 10,
  eraseSS: 11,
  activateSS: 12,
  deactivateSS: 13,
  interrogateSS: 14,
  authenticationFailureReport: 15,
  notifySS: 16,
  registerPassword: 17,
  getPassword: 18,
  processUnstructuredSSData: 19,
  releaseResources: 20,
  mtForwardSMVGCS: 21,
  sendRoutingInfo: 22,
  updateGprsLocation: 23,
  sendRoutingInfoForGprs: 24,
  failureReport: 25,
  noteMsPresentForGprs: 26,
  performHandover: 28,
  sendEndSignal: 29,
  performSubsequentHandover: 30,
  provideSIWFSNumber: 31,
  siwfsSignallingModify: 32,
  processAccessSignalling: 33,
  forwardAccessSignalling: 34,
  noteInternalHandover: 35,
  cancelVcsgLocation: 36,
  reset: 37,
  forwardCheckSSIndication: 38,
  prepareGroupCall: 39,
  sendGroupCallEndSignal: 40,
  processGroupCallSignalling: 41,
  forwardGroupCallSignalling: 42,
  checkIMEI: 43,
  mtForwardSM: 44,
  sendRoutingInfoForSM: 45,
  moForwardSM: 46,
  reportSMDeliveryStatus: 47,
  noteSubscriberPresent: 48,
  alertServiceCentreWithoutResult: 49,
  activateTraceMode: 50,
  deactivateTraceMode: 51,
  traceSubscriberActivity: 52,
  updateVcsgLocation: 53,
  beginSubscriberActivity: 54,
  sendIdentification: 55,
  sendAuthenticationInfo: 56,
  restoreData: 57,
  sendIMSI: 58,
  processUnstructuredSSRequest: 59,
  unstructuredSSRequest: 60,
  unstructuredSSNotify: 61,
  anyTimeSubscriptionInterrogation: 62,
  informServiceCentre: 63,
  alertServiceCentre: 64,
  anyTimeModification: 65,
  readyForSM: 66,
  purgeMS: 67,
  prepareHandover: 68,
  prepareSubsequentHandover: 69,
  provideSubscriberInfo: 70,
  anyTimeInterrogation: 71,
  ssInvocationNotification: 72,
  setReportingState: 73,
  statusReport: 74,
  remoteUserFree: 75,
  registerCCEntry: 76,
  eraseCCEntry: 77,
  secureTransportClass1: 78,
  secureTransportClass2: 79,
  secureTransportClass3: 80,
  secureTransportClass4: 81,
  provideSubscriberLocation: 83,
  sendGroupCallInfo: 84,
  sendRoutingInfoForLCS: 85,
  subscriberLocationReport: 86,
  istAlert: 87,
  istCommand: 88,
  noteMMEvent: 89,
  lcsPeriodicLocationCancellation: 109,
  lcsLocationUpdate: 110,
  lcsPeriodicLocationRequest: 111,
  lcsAreaEventCancellation: 112,
  lcsAreaEventReport: 113,
  lcsAreaEventRequest: 114,
  lcsMOLR: 115,
  lcsLocationNotification: 116,
  callDeflection: 117,
  userUserService: 118,
  accessRegisterCCEntry: 119,
  forwardCUGInfo: 120,
  splitMPTY: 121,
  retrieveMPTY: 122,
  holdMPTY: 123,
  buildMPTY: 124,
  forwardChargeAdvice: 125,
  explicitCT: 126,
} as const;
export type MapOperationName = keyof typeof MapOperation;

/**
 * GSMA FS.11 category (SIGNALLING.md): 1 = never from another network, 2 = only for the sender's own
 * subscribers, 3 = only when plausible for the subscriber's location and timing, "sms" = SMS delivery
 * signalling, legitimate from any network and judged in context; null = not classified there.
 */
export type Fs11Category = 1 | 2 | 3 | "sms" | null;

/**
 * What an operation's exchange tells about where the subscriber is: the serving node (MSC/VLR/SGSN address
 * or an MSRN in its range), the cell (CGI/SAI/LAI, possibly with a geographic estimate), or a positioning
 * result (LCS geographic estimate).
 */
export type LocationGranularity = "servingNode" | "cell" | "geographic";

/** One application context (and its versions) an operation is used in. */
export interface MapOperationContext {
  readonly name: MapApplicationContextName;
  readonly versions: readonly number[];
}

export interface MapOperationInfo {
  readonly opcode: number;
  readonly name: MapOperationName;
  /** The ASN.1 spelling ("mt-ForwardSM"). */
  readonly specName: string;
  /** The specification defining the opcode. */
  readonly source: "TS 29.002" | "TS 24.080";
  readonly contexts: readonly MapOperationContext[];
  readonly fs11: Fs11Category;
  /** True when the operation reveals location (see `reveals`). */
  readonly locationClass: boolean;
  readonly reveals?: LocationGranularity;
  /** Present for opcodes no longer in TS 29.002: what happened to them. */
  readonly retired?: string;
  readonly note?: string;
}

// ---------------------------------------------------------------------------------------------------------
// The table. Contexts are written "ac:versions" with the camelCase AC name minus "Context".

interface Extra {
  readonly reveals?: LocationGranularity;
  readonly retired?: string;
  readonly note?: string;
  readonly source?: "TS 24.080";
}

type Row = readonly [MapOperationName, string, string, Fs11Category, Extra?];

const V1_ONLY = "MAP v1 only; opcode reserved in TS 29.002 MAP-Protocol";
const SECURE_TRANSPORT =
  "MAPsec secure transport (MAP-SecureTransportOperations, Rel-4 to Rel-6); dropped since";
const SS_RADIO = "TS 24.080 supplementary-service operation (radio interface), not a MAP operation";

const ROWS: readonly Row[] = [
  ["updateLocation", "updateLocation", "networkLocUp:1,2,3", 3],
  ["cancelLocation", "cancelLocation", "locationCancellation:1,2,3", 2],
  [
    "provideRoamingNumber",
    "provideRoamingNumber",
    "roamingNumberEnquiry:1,2,3",
    2,
    {
      reveals: "servingNode",
      note: "the MSRN answered lies in the visited MSC's number range",
    },
  ],
  [
    "noteSubscriberDataModified",
    "noteSubscriberDataModified",
    "subscriberDataModificationNotification:3",
    null,
  ],
  ["resumeCallHandling", "resumeCallHandling", "callControlTransfer:3,4", null],
  [
    "insertSubscriberData",
    "insertSubscriberData",
    "networkLocUp:1,2,3 subscriberDataMngt:1,2,3 gprsLocationUpdate:3",
    2,
  ],
  ["deleteSubscriberData", "deleteSubscriberData", "subscriberDataMngt:1,2,3", 2],
  ["sendParameters", "sendParameters", "infoRetrieval:1", 1, { retired: V1_ONLY }],
  ["registerSS", "registerSS", "networkFunctionalSs:1,2", 3],
  ["eraseSS", "eraseSS", "networkFunctionalSs:1,2", 3],
  ["activateSS", "activateSS", "networkFunctionalSs:1,2", 3],
  ["deactivateSS", "deactivateSS", "networkFunctionalSs:1,2", 3],
  ["interrogateSS", "interrogateSS", "networkFunctionalSs:1,2", 3],
  ["authenticationFailureReport", "authenticationFailureReport", "authenticationFailureReport:3", null],
  ["notifySS", "notifySS", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["registerPassword", "registerPassword", "networkFunctionalSs:1,2", 3],
  ["getPassword", "getPassword", "networkFunctionalSs:1,2", 2],
  [
    "processUnstructuredSSData",
    "processUnstructuredSS-Data",
    "networkFunctionalSs:1",
    null,
    {
      retired: `${V1_ONLY}; still a TS 24.080 radio-interface operation`,
    },
  ],
  ["releaseResources", "releaseResources", "resourceManagement:3", null],
  ["mtForwardSMVGCS", "mt-ForwardSM-VGCS", "shortMsgMTRelayVGCS:3", null],
  [
    "sendRoutingInfo",
    "sendRoutingInfo",
    "locationInfoRetrieval:1,2,3",
    1,
    {
      reveals: "servingNode",
      note: "FS.11 category 1 when it comes from a non-home network; the answer carries the MSRN or the VMSC address, and the cell when subscriber information is requested",
    },
  ],
  ["updateGprsLocation", "updateGprsLocation", "gprsLocationUpdate:3", 3],
  [
    "sendRoutingInfoForGprs",
    "sendRoutingInfoForGprs",
    "gprsLocationInfoRetrieval:3,4",
    null,
    {
      reveals: "servingNode",
      note: "the answer carries the SGSN address",
    },
  ],
  ["failureReport", "failureReport", "failureReport:3", null],
  ["noteMsPresentForGprs", "noteMsPresentForGprs", "gprsNotify:3", null],
  ["performHandover", "performHandover", "handoverControl:1", 1, { retired: V1_ONLY }],
  ["sendEndSignal", "sendEndSignal", "handoverControl:1,2,3", 1],
  ["performSubsequentHandover", "performSubsequentHandover", "handoverControl:1", 1, { retired: V1_ONLY }],
  [
    "provideSIWFSNumber",
    "provideSIWFSNumber",
    "sIWFSAllocation:3",
    1,
    {
      retired: "SIWF (MAP v3); opcode reserved in TS 29.002 MAP-Protocol",
    },
  ],
  [
    "siwfsSignallingModify",
    "siwfs-SignallingModify",
    "sIWFSAllocation:3",
    1,
    {
      retired: "SIWF (MAP v3); opcode reserved in TS 29.002 MAP-Protocol",
    },
  ],
  ["processAccessSignalling", "processAccessSignalling", "handoverControl:1,2,3", 1],
  ["forwardAccessSignalling", "forwardAccessSignalling", "handoverControl:1,2,3", 1],
  ["noteInternalHandover", "noteInternalHandover", "handoverControl:1", 1, { retired: V1_ONLY }],
  ["cancelVcsgLocation", "cancelVcsgLocation", "vcsgLocationCancellation:3", null],
  ["reset", "reset", "reset:1,2,3", 2],
  ["forwardCheckSSIndication", "forwardCheckSS-Indication", "networkLocUp:1,2,3", null],
  ["prepareGroupCall", "prepareGroupCall", "groupCallControl:3", null],
  ["sendGroupCallEndSignal", "sendGroupCallEndSignal", "groupCallControl:3", null],
  ["processGroupCallSignalling", "processGroupCallSignalling", "groupCallControl:3", null],
  ["forwardGroupCallSignalling", "forwardGroupCallSignalling", "groupCallControl:3", null],
  ["checkIMEI", "checkIMEI", "equipmentMngt:1,2,3", 1],
  ["mtForwardSM", "mt-ForwardSM", "shortMsgMTRelay:3", "sms"],
  [
    "sendRoutingInfoForSM",
    "sendRoutingInfoForSM",
    "shortMsgGateway:1,2,3",
    "sms",
    {
      reveals: "servingNode",
      note: "the answer carries the IMSI and the serving MSC/SGSN number (unless SMS home routing hides them)",
    },
  ],
  [
    "moForwardSM",
    "mo-ForwardSM",
    "shortMsgMORelay:1,2,3 shortMsgMTRelay:2",
    3,
    {
      note: "named forwardSM in MAP v1/v2, where it also carried MT short messages (shortMsgMT-RelayContext-v2): there it is SMS delivery, see fs11CategoryOf",
    },
  ],
  ["reportSMDeliveryStatus", "reportSM-DeliveryStatus", "shortMsgGateway:1,2,3", "sms"],
  [
    "noteSubscriberPresent",
    "noteSubscriberPresent",
    "mwdMngt:1",
    3,
    {
      retired: `${V1_ONLY} (readyForSM replaced it)`,
    },
  ],
  [
    "alertServiceCentreWithoutResult",
    "alertServiceCentreWithoutResult",
    "shortMsgAlert:1",
    "sms",
    {
      retired: `${V1_ONLY} (alertServiceCentre replaced it)`,
    },
  ],
  ["activateTraceMode", "activateTraceMode", "tracing:1,2,3 networkLocUp:1,2,3 gprsLocationUpdate:3", 1],
  ["deactivateTraceMode", "deactivateTraceMode", "tracing:1,2,3", 1],
  ["traceSubscriberActivity", "traceSubscriberActivity", "handoverControl:1", 1, { retired: V1_ONLY }],
  ["updateVcsgLocation", "updateVcsgLocation", "vcsgLocationUpdate:3", null],
  ["beginSubscriberActivity", "beginSubscriberActivity", "networkFunctionalSs:1", null, { retired: V1_ONLY }],
  ["sendIdentification", "sendIdentification", "interVlrInfoRetrieval:2,3", 1],
  ["sendAuthenticationInfo", "sendAuthenticationInfo", "infoRetrieval:2,3", 3],
  ["restoreData", "restoreData", "networkLocUp:2,3", 3],
  ["sendIMSI", "sendIMSI", "imsiRetrieval:2", 1],
  ["processUnstructuredSSRequest", "processUnstructuredSS-Request", "networkUnstructuredSs:2", 3],
  ["unstructuredSSRequest", "unstructuredSS-Request", "networkUnstructuredSs:2", 2],
  ["unstructuredSSNotify", "unstructuredSS-Notify", "networkUnstructuredSs:2", 2],
  ["anyTimeSubscriptionInterrogation", "anyTimeSubscriptionInterrogation", "anyTimeInfoHandling:3", 1],
  ["informServiceCentre", "informServiceCentre", "shortMsgGateway:2,3", "sms"],
  ["alertServiceCentre", "alertServiceCentre", "shortMsgAlert:2", "sms"],
  ["anyTimeModification", "anyTimeModification", "anyTimeInfoHandling:3", 1],
  ["readyForSM", "readyForSM", "mwdMngt:2,3", 3],
  ["purgeMS", "purgeMS", "msPurging:2,3", 3],
  ["prepareHandover", "prepareHandover", "handoverControl:2,3", 1],
  ["prepareSubsequentHandover", "prepareSubsequentHandover", "handoverControl:2,3", 1],
  [
    "provideSubscriberInfo",
    "provideSubscriberInfo",
    "subscriberInfoEnquiry:3",
    2,
    {
      reveals: "cell",
      note: "the answer's LocationInformation carries the cell (CGI/SAI/LAI), age of location and possibly a geographic estimate",
    },
  ],
  [
    "anyTimeInterrogation",
    "anyTimeInterrogation",
    "anyTimeInfoEnquiry:3",
    1,
    {
      reveals: "cell",
      note: "the answer's LocationInformation carries the cell, VLR number and possibly a geographic estimate",
    },
  ],
  ["ssInvocationNotification", "ss-InvocationNotification", "ssInvocationNotification:3", null],
  ["setReportingState", "setReportingState", "reporting:3", null],
  ["statusReport", "statusReport", "reporting:3", null],
  ["remoteUserFree", "remoteUserFree", "reporting:3", null],
  ["registerCCEntry", "registerCC-Entry", "callCompletion:3", null],
  ["eraseCCEntry", "eraseCC-Entry", "callCompletion:3", null],
  [
    "secureTransportClass1",
    "secureTransportClass1",
    "secureTransportHandling:3",
    1,
    { retired: SECURE_TRANSPORT },
  ],
  [
    "secureTransportClass2",
    "secureTransportClass2",
    "secureTransportHandling:3",
    1,
    { retired: SECURE_TRANSPORT },
  ],
  [
    "secureTransportClass3",
    "secureTransportClass3",
    "secureTransportHandling:3",
    1,
    { retired: SECURE_TRANSPORT },
  ],
  [
    "secureTransportClass4",
    "secureTransportClass4",
    "secureTransportHandling:3",
    1,
    { retired: SECURE_TRANSPORT },
  ],
  [
    "provideSubscriberLocation",
    "provideSubscriberLocation",
    "locationSvcEnquiry:3",
    1,
    {
      reveals: "geographic",
      note: "the answer is an LCS location estimate",
    },
  ],
  ["sendGroupCallInfo", "sendGroupCallInfo", "groupCallInfoRetrieval:3", null],
  [
    "sendRoutingInfoForLCS",
    "sendRoutingInfoForLCS",
    "locationSvcGateway:3",
    1,
    {
      reveals: "servingNode",
      note: "the answer carries the IMSI/MSISDN and the serving MSC/SGSN/MME address",
    },
  ],
  [
    "subscriberLocationReport",
    "subscriberLocationReport",
    "locationSvcEnquiry:3",
    1,
    {
      reveals: "geographic",
      note: "the argument is an LCS location estimate pushed to a GMLC",
    },
  ],
  ["istAlert", "ist-Alert", "istAlerting:3", null],
  ["istCommand", "ist-Command", "serviceTermination:3", null],
  [
    "noteMMEvent",
    "noteMM-Event",
    "mmEventReporting:3",
    3,
    {
      reveals: "cell",
      note: "reports mobility events (location updates) with the location information to the gsmSCF",
    },
  ],
  [
    "lcsPeriodicLocationCancellation",
    "lcs-PeriodicLocationCancellation",
    "",
    null,
    { source: "TS 24.080", note: SS_RADIO },
  ],
  ["lcsLocationUpdate", "lcs-LocationUpdate", "", null, { source: "TS 24.080", note: SS_RADIO }],
  [
    "lcsPeriodicLocationRequest",
    "lcs-PeriodicLocationRequest",
    "",
    null,
    { source: "TS 24.080", note: SS_RADIO },
  ],
  [
    "lcsAreaEventCancellation",
    "lcs-AreaEventCancellation",
    "",
    null,
    { source: "TS 24.080", note: SS_RADIO },
  ],
  ["lcsAreaEventReport", "lcs-AreaEventReport", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["lcsAreaEventRequest", "lcs-AreaEventRequest", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["lcsMOLR", "lcs-MOLR", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["lcsLocationNotification", "lcs-LocationNotification", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["callDeflection", "callDeflection", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["userUserService", "userUserService", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["accessRegisterCCEntry", "accessRegisterCCEntry", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["forwardCUGInfo", "forwardCUG-Info", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["splitMPTY", "splitMPTY", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["retrieveMPTY", "retrieveMPTY", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["holdMPTY", "holdMPTY", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["buildMPTY", "buildMPTY", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["forwardChargeAdvice", "forwardChargeAdvice", "", null, { source: "TS 24.080", note: SS_RADIO }],
  ["explicitCT", "explicitCT", "", null, { source: "TS 24.080", note: SS_RADIO }],
];

/** "mt-ForwardSM" → "mtForwardSM": drop each hyphen and upper-case the letter after it. */
export function camelFromSpecName(specName: string): string {
  return specName.replace(/-(.)/g, (_, c: string) => c.toUpperCase());
}

function parseContexts(compact: string): MapOperationContext[] {
  if (compact === "") return [];
  return compact.split(" ").map((part) => {
    const [ac, versions] = part.split(":") as [string, string];
    return Object.freeze({
      name: `${ac}Context` as MapApplicationContextName,
      versions: Object.freeze(versions.split(",").map(Number)),
    });
  });
}

/** Every operation, by ascending opcode. */
export const mapOperations: readonly MapOperationInfo[] = Object.freeze(
  ROWS.map(([name, specName, contexts, fs11, extra]): MapOperationInfo => {
    const info: MapOperationInfo = {
      opcode: MapOperation[name],
      name,
      specName,
      source: extra?.source ?? "TS 29.002",
      contexts: Object.freeze(parseContexts(contexts)),
      fs11,
      locationClass: extra?.reveals !== undefined,
      ...(extra?.reveals ? { reveals: extra.reveals } : {}),
      ...(extra?.retired ? { retired: extra.retired } : {}),
      ...(extra?.note ? { note: extra.note } : {}),
    };
    return Object.freeze(info);
  }).sort((a, b) => a.opcode - b.opcode),
);

const BY_CODE: (MapOperationInfo | undefined)[] = [];
const BY_NAME = new Map<string, MapOperationInfo>();
for (const op of mapOperations) {
  BY_CODE[op.opcode] = op;
  BY_NAME.set(op.name, op);
  BY_NAME.set(op.specName, op);
}

/** The operation with local opcode `code`, or undefined for an unassigned value. */
export function mapOperationByCode(code: number): MapOperationInfo | undefined {
  return Number.isInteger(code) && code >= 0 ? BY_CODE[code] : undefined;
}

/** The operation named `name`, in camelCase ("mtForwardSM") or as the spec spells it ("mt-ForwardSM"). */
export function mapOperationByName(name: string): MapOperationInfo | undefined {
  return BY_NAME.get(name);
}

// ---------------------------------------------------------------------------------------------------------
// Application contexts

/** Every application context, by ascending `<ac>` arc. */
export const mapApplicationContexts: readonly MapApplicationContextInfo[] = Object.freeze(
  CONTEXT_ROWS.map(([name, specName, versions, extra]): MapApplicationContextInfo => {
    const operations = mapOperations
      .filter((op) => op.contexts.some((c) => c.name === name))
      .map((op) => op.opcode);
    return Object.freeze({
      acId: MapApplicationContext[name],
      name,
      specName,
      versions: Object.freeze([...versions]),
      ...(extra?.v1 ? { v1SpecName: extra.v1 } : {}),
      ...(extra?.retired ? { retired: extra.retired } : {}),
      operations: Object.freeze(operations),
    });
  }).sort((a, b) => a.acId - b.acId),
);

const AC_BY_ID: (MapApplicationContextInfo | undefined)[] = [];
const AC_BY_NAME = new Map<string, MapApplicationContextInfo>();
for (const ac of mapApplicationContexts) {
  AC_BY_ID[ac.acId] = ac;
  AC_BY_NAME.set(ac.name, ac);
  AC_BY_NAME.set(ac.specName, ac);
}

function contextRef(ac: MapApplicationContextInfo, version: number): MapApplicationContextRef | undefined {
  if (!ac.versions.includes(version)) return undefined;
  const base = version === 1 && ac.v1SpecName ? ac.v1SpecName : ac.specName;
  return Object.freeze({
    context: ac,
    version,
    oid: `${MAP_AC_OID_PREFIX}.${ac.acId}.${version}`,
    specName: `${base}-v${version}`,
  });
}

/**
 * The MAP application context named by a dotted OID ("0.4.0.0.1.0.20.3" → shortMsgGatewayContext-v3), or
 * undefined when the OID is not a MAP application-context-name TS 29.002 defines or reserves.
 */
export function applicationContextByOid(oid: string): MapApplicationContextRef | undefined {
  if (typeof oid !== "string" || !oid.startsWith(`${MAP_AC_OID_PREFIX}.`)) return undefined;
  const rest = oid.slice(MAP_AC_OID_PREFIX.length + 1).split(".");
  if (rest.length !== 2 || !/^\d{1,3}$/.test(rest[0]!) || !/^\d{1,3}$/.test(rest[1]!)) return undefined;
  const ac = AC_BY_ID[Number(rest[0])];
  return ac ? contextRef(ac, Number(rest[1])) : undefined;
}

/** The application context `name` (camelCase or spec spelling) at `version`, with its OID. */
export function applicationContext(name: string, version: number): MapApplicationContextRef | undefined {
  const ac = AC_BY_NAME.get(name);
  return ac ? contextRef(ac, version) : undefined;
}

/** The application context with `<ac>` arc `acId`. */
export function applicationContextById(acId: number): MapApplicationContextInfo | undefined {
  return Number.isInteger(acId) && acId >= 0 ? AC_BY_ID[acId] : undefined;
}

/**
 * The FS.11 category of `opcode` in the dialogue's application context. The context matters for one case:
 * opcode 46 (forwardSM) in shortMsgMT-RelayContext-v2 is mobile-terminated SMS delivery ("sms"), while
 * mo-ForwardSM elsewhere is category 3. Unknown opcodes have no category (null).
 */
export function fs11CategoryOf(opcode: number, applicationContextOid?: string): Fs11Category {
  const op = mapOperationByCode(opcode);
  if (!op) return null;
  if (opcode === MapOperation.moForwardSM && applicationContextOid !== undefined) {
    const ac = applicationContextByOid(applicationContextOid);
    if (ac?.context.acId === MapApplicationContext.shortMsgMTRelayContext) return "sms";
  }
  return op.fs11;
}
