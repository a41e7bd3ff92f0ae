/** M3UA wire values, RFC 4666 §3.1 (header), §3.2 (parameter tags) and the per-parameter value lists. */

/** RFC 4666 §3.1.1: the only protocol version. */
export const M3UA_VERSION = 1;

/** RFC 4666 §3.1: the common header is version, reserved, class, type (1 octet each) and a 32-bit length. */
export const M3UA_HEADER_LENGTH = 8;

/**
 * Largest message the stream framer accepts (1 MiB). RFC 4666 sets no limit, but MTP3 user data is at most
 * 272 octets (Q.703 §2.3.8; 4 KiB with Q.2210 broadband links), so anything near this cap is garbage or an
 * attack; the cap bounds what a lying length field can make the framer wait for.
 */
export const M3UA_MAX_MESSAGE_LENGTH = 1 << 20;

/** Deepest parameter nesting the decoder follows (Routing Key / Registration Result hold one level). */
export const M3UA_MAX_PARAMETER_DEPTH = 4;

/** RFC 4666 §3.1.2: message classes. 5-8 are used by other SIGTRAN adaptation layers. */
export const M3uaMessageClass = {
  management: 0,
  transfer: 1,
  ssnm: 2,
  aspsm: 3,
  asptm: 4,
  rkm: 9,
} as const;
export type M3uaMessageClass = (typeof M3uaMessageClass)[keyof typeof M3uaMessageClass];

/** RFC 4666 §3.1.2: Management (MGMT) messages. */
export const M3uaManagementMessage = { error: 0, notify: 1 } as const;

/** RFC 4666 §3.1.2: Transfer messages (0 is reserved). */
export const M3uaTransferMessage = { data: 1 } as const;

/** RFC 4666 §3.1.2: SS7 Signalling Network Management (SSNM) messages. */
export const M3uaSsnmMessage = {
  destinationUnavailable: 1,
  destinationAvailable: 2,
  destinationStateAudit: 3,
  signallingCongestion: 4,
  destinationUserPartUnavailable: 5,
  destinationRestricted: 6,
} as const;

/** RFC 4666 §3.1.2: ASP State Maintenance (ASPSM) messages. */
export const M3uaAspsmMessage = {
  aspUp: 1,
  aspDown: 2,
  heartbeat: 3,
  aspUpAck: 4,
  aspDownAck: 5,
  heartbeatAck: 6,
} as const;

/** RFC 4666 §3.1.2: ASP Traffic Maintenance (ASPTM) messages. */
export const M3uaAsptmMessage = {
  aspActive: 1,
  aspInactive: 2,
  aspActiveAck: 3,
  aspInactiveAck: 4,
} as const;

/** RFC 4666 §3.1.2: Routing Key Management (RKM) messages. */
export const M3uaRkmMessage = {
  registrationRequest: 1,
  registrationResponse: 2,
  deregistrationRequest: 3,
  deregistrationResponse: 4,
} as const;

/** The RFC's acronym for each (class, type), keyed `class << 8 | type`. */
const MESSAGE_ACRONYMS: ReadonlyMap<number, string> = new Map([
  [0x0000, "ERR"],
  [0x0001, "NTFY"],
  [0x0101, "DATA"],
  [0x0201, "DUNA"],
  [0x0202, "DAVA"],
  [0x0203, "DAUD"],
  [0x0204, "SCON"],
  [0x0205, "DUPU"],
  [0x0206, "DRST"],
  [0x0301, "ASPUP"],
  [0x0302, "ASPDN"],
  [0x0303, "BEAT"],
  [0x0304, "ASPUP ACK"],
  [0x0305, "ASPDN ACK"],
  [0x0306, "BEAT ACK"],
  [0x0401, "ASPAC"],
  [0x0402, "ASPIA"],
  [0x0403, "ASPAC ACK"],
  [0x0404, "ASPIA ACK"],
  [0x0901, "REG REQ"],
  [0x0902, "REG RSP"],
  [0x0903, "DEREG REQ"],
  [0x0904, "DEREG RSP"],
]);

/** RFC 4666 §3.1.2 acronym ("DATA", "ASPUP ACK", …) or undefined for a class/type the RFC does not define. */
export function m3uaMessageName(messageClass: number, messageType: number): string | undefined {
  return MESSAGE_ACRONYMS.get(((messageClass & 0xff) << 8) | (messageType & 0xff));
}

/**
 * RFC 4666 §3.2: parameter tags. 0x0000-0x00FF are common to the SIGTRAN adaptation layers, 0x0200-0x02FF
 * are M3UA-specific. The keys are the names decoded parameters carry in `kind`.
 */
export const M3uaParameterTag = {
  infoString: 0x0004,
  routingContext: 0x0006,
  diagnosticInformation: 0x0007,
  heartbeatData: 0x0009,
  trafficModeType: 0x000b,
  errorCode: 0x000c,
  status: 0x000d,
  aspIdentifier: 0x0011,
  affectedPointCode: 0x0012,
  correlationId: 0x0013,
  networkAppearance: 0x0200,
  userCause: 0x0204,
  congestionIndications: 0x0205,
  concernedDestination: 0x0206,
  routingKey: 0x0207,
  registrationResult: 0x0208,
  deregistrationResult: 0x0209,
  localRoutingKeyIdentifier: 0x020a,
  destinationPointCode: 0x020b,
  serviceIndicators: 0x020c,
  originatingPointCodeList: 0x020e,
  protocolData: 0x0210,
  registrationStatus: 0x0212,
  deregistrationStatus: 0x0213,
} as const;
export type M3uaParameterTag = (typeof M3uaParameterTag)[keyof typeof M3uaParameterTag];
export type M3uaParameterName = keyof typeof M3uaParameterTag;

/** Tag → name, for the decoder. */
export const M3UA_PARAMETER_NAMES: ReadonlyMap<number, M3uaParameterName> = new Map(
  (Object.entries(M3uaParameterTag) as [M3uaParameterName, number][]).map(([name, tag]) => [tag, name]),
);

/** RFC 4666 §3.8.1: Error Code values (gaps are "Not Used in M3UA"). */
export const M3uaErrorCode = {
  invalidVersion: 0x01,
  unsupportedMessageClass: 0x03,
  unsupportedMessageType: 0x04,
  unsupportedTrafficModeType: 0x05,
  unexpectedMessage: 0x06,
  protocolError: 0x07,
  invalidStreamIdentifier: 0x09,
  refusedManagementBlocking: 0x0d,
  aspIdentifierRequired: 0x0e,
  invalidAspIdentifier: 0x0f,
  invalidParameterValue: 0x11,
  parameterFieldError: 0x12,
  unexpectedParameter: 0x13,
  destinationStatusUnknown: 0x14,
  invalidNetworkAppearance: 0x15,
  missingParameter: 0x16,
  invalidRoutingContext: 0x19,
  noConfiguredAsForAsp: 0x1a,
} as const;
export type M3uaErrorCode = (typeof M3uaErrorCode)[keyof typeof M3uaErrorCode];

/** RFC 4666 §3.8.2: NTFY Status Type. */
export const M3uaStatusType = { asStateChange: 1, other: 2 } as const;

/** RFC 4666 §3.8.2: Status Information when Status Type is AS-State_Change (0 and 1 are reserved). */
export const M3uaAsStateChange = { asInactive: 2, asActive: 3, asPending: 4 } as const;

/** RFC 4666 §3.8.2: Status Information when Status Type is Other. */
export const M3uaOtherStatus = {
  insufficientAspResourcesActiveInAs: 1,
  alternateAspActive: 2,
  aspFailure: 3,
} as const;

/** RFC 4666 §3.7.1 (ASPAC, also in a REG REQ Routing Key): Traffic Mode Type. */
export const M3uaTrafficModeType = { override: 1, loadshare: 2, broadcast: 3 } as const;

/** RFC 4666 §3.4.5 (DUPU): Unavailability Cause. */
export const M3uaUnavailabilityCause = {
  unknown: 0,
  unequippedRemoteUser: 1,
  inaccessibleRemoteUser: 2,
} as const;

/** RFC 4666 §3.4.5 (DUPU): MTP3-User Identity (the MTP3 service indicator of the unavailable user). */
export const M3uaUserIdentity = {
  sccp: 3,
  tup: 4,
  isup: 5,
  broadbandIsup: 9,
  satelliteIsup: 10,
  aal2Signalling: 12,
  bicc: 13,
  gatewayControlProtocol: 14,
} as const;

/** RFC 4666 §3.4.4 (SCON): Congestion Level. */
export const M3uaCongestionLevel = {
  noCongestionOrUndefined: 0,
  congestionLevel1: 1,
  congestionLevel2: 2,
  congestionLevel3: 3,
} as const;

/** RFC 4666 §3.6.2 (REG RSP): Registration Status. */
export const M3uaRegistrationStatus = {
  successfullyRegistered: 0,
  errorUnknown: 1,
  errorInvalidDpc: 2,
  errorInvalidNetworkAppearance: 3,
  errorInvalidRoutingKey: 4,
  errorPermissionDenied: 5,
  errorCannotSupportUniqueRouting: 6,
  errorRoutingKeyNotCurrentlyProvisioned: 7,
  errorInsufficientResources: 8,
  errorUnsupportedRkParameterField: 9,
  errorUnsupportedInvalidTrafficHandlingMode: 10,
  errorRoutingKeyChangeRefused: 11,
  errorRoutingKeyAlreadyRegistered: 12,
} as const;

/** RFC 4666 §3.6.4 (DEREG RSP): Deregistration Status. */
export const M3uaDeregistrationStatus = {
  successfullyDeregistered: 0,
  errorUnknown: 1,
  errorInvalidRoutingContext: 2,
  errorPermissionDenied: 3,
  errorNotRegistered: 4,
  errorAspCurrentlyActiveForRoutingContext: 5,
} as const;

/** RFC 4666 §3.3.1: MTP network indicator values carried in Protocol Data's NI octet. */
export const M3uaNetworkIndicator = {
  international: 0,
  internationalSpare: 1,
  national: 2,
  nationalSpare: 3,
} as const;

/** RFC 4666 §3.5.1 (INFO String in ASPUP): 0 to 255 octets. */
export const M3UA_MAX_INFO_STRING_LENGTH = 255;
