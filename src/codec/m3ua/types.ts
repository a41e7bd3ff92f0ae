/**
 * Typed M3UA values. A message is its class, type and parameters in wire order (RFC 4666 §3: "a Common
 * Message Header followed by zero or more parameters"); keeping the list rather than a per-message struct
 * makes the round trip exact even for repeated or unexpected parameters, which a firewall must see as sent.
 *
 * Raw byte fields (user data, heartbeat data, diagnostics, unknown parameters) are absolute offsets into
 * `M3uaMessage.bytes`: the decoder sets `bytes` to its input, the encoder copies those ranges out of it.
 */

/** A point code with the mask octet that precedes it in Affected Point Code and OPC List (RFC 4666 §3.4.1). */
export interface M3uaMaskedPointCode {
  /** Number of low-order wildcard bits (0 = exactly this point code). */
  mask: number;
  /** 24-bit point code. */
  pointCode: number;
}

/** RFC 4666 §3.3.1: the MTP3 routing label and user data of a DATA message. */
export interface M3uaProtocolData {
  kind: "protocolData";
  /** Originating point code (32-bit field). */
  opc: number;
  /** Destination point code (32-bit field). */
  dpc: number;
  /** Service indicator (MTP3 user: 3 = SCCP, 5 = ISUP, …). */
  si: number;
  /** Network indicator. */
  ni: number;
  /** Message priority (ANSI), 0 otherwise. */
  mp: number;
  /** Signalling link selection. */
  sls: number;
  /** Absolute offsets of the user protocol data (e.g. the SCCP message) in `bytes`. */
  dataStart: number;
  dataEnd: number;
}

export type M3uaParameter =
  /** RFC 4666 §3.5.1: UTF-8 text, 0-255 octets. */
  | { kind: "infoString"; infoString: string }
  /** RFC 4666 §3.3.1: one or more 32-bit Routing Context values. */
  | { kind: "routingContext"; routingContexts: number[] }
  /** RFC 4666 §3.8.1: opaque, offsets into `bytes`. */
  | { kind: "diagnosticInformation"; start: number; end: number }
  /** RFC 4666 §3.5.5: opaque, offsets into `bytes`. */
  | { kind: "heartbeatData"; start: number; end: number }
  | { kind: "trafficModeType"; trafficModeType: number }
  | { kind: "errorCode"; errorCode: number }
  /** RFC 4666 §3.8.2: 16-bit Status Type and 16-bit Status Information. */
  | { kind: "status"; statusType: number; statusInformation: number }
  | { kind: "aspIdentifier"; aspIdentifier: number }
  /** RFC 4666 §3.4.1: one or more masked 24-bit point codes. */
  | { kind: "affectedPointCode"; pointCodes: M3uaMaskedPointCode[] }
  | { kind: "correlationId"; correlationId: number }
  | { kind: "networkAppearance"; networkAppearance: number }
  /** RFC 4666 §3.4.5: 16-bit Unavailability Cause and 16-bit MTP3-User Identity. */
  | { kind: "userCause"; cause: number; user: number }
  /** RFC 4666 §3.4.4: 24 reserved bits and an 8-bit Congestion Level. */
  | { kind: "congestionIndications"; congestionLevel: number }
  /** RFC 4666 §3.4.4: 8 reserved bits and a 24-bit point code. */
  | { kind: "concernedDestination"; pointCode: number }
  /** RFC 4666 §3.6.1: nested parameters. */
  | { kind: "routingKey"; parameters: M3uaParameter[] }
  /** RFC 4666 §3.6.2: nested parameters. */
  | { kind: "registrationResult"; parameters: M3uaParameter[] }
  /** RFC 4666 §3.6.4: nested parameters. */
  | { kind: "deregistrationResult"; parameters: M3uaParameter[] }
  | { kind: "localRoutingKeyIdentifier"; localRoutingKeyIdentifier: number }
  /** RFC 4666 §3.6.1: mask octet and a 24-bit point code. */
  | { kind: "destinationPointCode"; mask: number; pointCode: number }
  /** RFC 4666 §3.6.1: one octet per service indicator. */
  | { kind: "serviceIndicators"; serviceIndicators: number[] }
  /** RFC 4666 §3.6.1: one or more masked 24-bit point codes. */
  | { kind: "originatingPointCodeList"; pointCodes: M3uaMaskedPointCode[] }
  | M3uaProtocolData
  | { kind: "registrationStatus"; registrationStatus: number }
  | { kind: "deregistrationStatus"; deregistrationStatus: number }
  /** A tag this codec does not know (RFC 4666 §3.2); `start`/`end` bound its value in `bytes`. */
  | { kind: "unknown"; tag: number; start: number; end: number };

export type M3uaParameterKind = M3uaParameter["kind"];

/** The parameter variant for one kind, e.g. `M3uaParameterOf<"routingContext">`. */
export type M3uaParameterOf<K extends M3uaParameterKind> = Extract<M3uaParameter, { kind: K }>;

export interface M3uaMessage {
  /** RFC 4666 §3.1.2, see `M3uaMessageClass`. */
  messageClass: number;
  /** RFC 4666 §3.1.2, meaning depends on the class (`M3uaTransferMessage`, `M3uaAspsmMessage`, …). */
  messageType: number;
  parameters: M3uaParameter[];
  /**
   * The buffer the raw-byte fields point into. Set by the decoder to its input; when encoding it may be
   * omitted if no parameter refers to raw bytes.
   */
  bytes?: Uint8Array;
}
