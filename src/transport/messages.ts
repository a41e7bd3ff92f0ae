/**
 * The M3UA management messages the ASP and SGP state machines exchange (RFC 4666 §3.5-§3.8), built with the
 * codec's `encodeM3ua`. Nothing here is on the DATA path: these run on bring-up, tear-down, heartbeats and
 * network-management events only.
 */
import {
  encodeM3ua,
  M3uaAspsmMessage,
  M3uaAsptmMessage,
  M3uaManagementMessage,
  type M3uaMaskedPointCode,
  M3uaMessageClass,
  type M3uaParameter,
  M3uaSsnmMessage,
  M3uaTrafficModeType,
} from "../codec/m3ua/index.js";

/** RFC 4666 §3.8.1: Diagnostic Information carries (the start of) the offending message; this bounds it. */
export const DIAGNOSTIC_MAX = 40;

/** The traffic mode types an AS can use here (RFC 4666 §3.7.1); broadcast is not offered. */
export type TrafficMode = "override" | "loadshare";

export function trafficModeValue(mode: TrafficMode): number {
  return mode === "override" ? M3uaTrafficModeType.override : M3uaTrafficModeType.loadshare;
}

/** `TrafficMode` of a Traffic Mode Type value, or undefined for broadcast and values the RFC does not define. */
export function trafficModeOf(value: number): TrafficMode | undefined {
  if (value === M3uaTrafficModeType.override) return "override";
  if (value === M3uaTrafficModeType.loadshare) return "loadshare";
  return undefined;
}

function message(messageClass: number, messageType: number, parameters: M3uaParameter[], bytes?: Uint8Array) {
  return encodeM3ua({ messageClass, messageType, parameters, bytes });
}

function rc(routingContexts: readonly number[] | undefined, out: M3uaParameter[]): void {
  if (routingContexts && routingContexts.length > 0) {
    out.push({ kind: "routingContext", routingContexts: [...routingContexts] });
  }
}

function info(infoString: string | undefined, out: M3uaParameter[]): void {
  if (infoString !== undefined) out.push({ kind: "infoString", infoString });
}

/** RFC 4666 §3.5.1 ASPUP: optional ASP Identifier, optional INFO String. */
export function aspUpMessage(aspIdentifier?: number, infoString?: string): Buffer {
  const p: M3uaParameter[] = [];
  if (aspIdentifier !== undefined) p.push({ kind: "aspIdentifier", aspIdentifier });
  info(infoString, p);
  return message(M3uaMessageClass.aspsm, M3uaAspsmMessage.aspUp, p);
}

/** RFC 4666 §3.5.2 ASPUP ACK: optional ASP Identifier, optional INFO String. */
export function aspUpAckMessage(aspIdentifier?: number, infoString?: string): Buffer {
  const p: M3uaParameter[] = [];
  if (aspIdentifier !== undefined) p.push({ kind: "aspIdentifier", aspIdentifier });
  info(infoString, p);
  return message(M3uaMessageClass.aspsm, M3uaAspsmMessage.aspUpAck, p);
}

/** RFC 4666 §3.5.3 ASPDN: optional INFO String. */
export function aspDownMessage(infoString?: string): Buffer {
  const p: M3uaParameter[] = [];
  info(infoString, p);
  return message(M3uaMessageClass.aspsm, M3uaAspsmMessage.aspDown, p);
}

/** RFC 4666 §3.5.4 ASPDN ACK: optional INFO String. */
export function aspDownAckMessage(infoString?: string): Buffer {
  const p: M3uaParameter[] = [];
  info(infoString, p);
  return message(M3uaMessageClass.aspsm, M3uaAspsmMessage.aspDownAck, p);
}

/**
 * RFC 4666 §3.5.5 BEAT / §3.5.6 BEAT ACK: optional Heartbeat Data, opaque to the receiver and echoed
 * unchanged in the BEAT ACK.
 */
export function heartbeatMessage(
  ack: boolean,
  data?: Uint8Array,
  start = 0,
  end = data?.length ?? 0,
): Buffer {
  const p: M3uaParameter[] = [];
  if (data !== undefined) p.push({ kind: "heartbeatData", start, end });
  return message(
    M3uaMessageClass.aspsm,
    ack ? M3uaAspsmMessage.heartbeatAck : M3uaAspsmMessage.heartbeat,
    p,
    data,
  );
}

/** RFC 4666 §3.7.1 ASPAC: Traffic Mode Type, Routing Context (both optional), INFO String. */
export function aspActiveMessage(
  mode: TrafficMode | undefined,
  routingContexts?: readonly number[],
  infoString?: string,
): Buffer {
  const p: M3uaParameter[] = [];
  if (mode !== undefined) p.push({ kind: "trafficModeType", trafficModeType: trafficModeValue(mode) });
  rc(routingContexts, p);
  info(infoString, p);
  return message(M3uaMessageClass.asptm, M3uaAsptmMessage.aspActive, p);
}

/** RFC 4666 §3.7.2 ASPAC ACK: Traffic Mode Type, Routing Context, INFO String. */
export function aspActiveAckMessage(
  mode: TrafficMode | undefined,
  routingContexts?: readonly number[],
): Buffer {
  const p: M3uaParameter[] = [];
  if (mode !== undefined) p.push({ kind: "trafficModeType", trafficModeType: trafficModeValue(mode) });
  rc(routingContexts, p);
  return message(M3uaMessageClass.asptm, M3uaAsptmMessage.aspActiveAck, p);
}

/** RFC 4666 §3.7.3 ASPIA / §3.7.4 ASPIA ACK: optional Routing Context, INFO String. */
export function aspInactiveMessage(ack: boolean, routingContexts?: readonly number[]): Buffer {
  const p: M3uaParameter[] = [];
  rc(routingContexts, p);
  return message(
    M3uaMessageClass.asptm,
    ack ? M3uaAsptmMessage.aspInactiveAck : M3uaAsptmMessage.aspInactive,
    p,
  );
}

/**
 * RFC 4666 §3.8.2 NTFY: Routing Context (optional), Status (mandatory), ASP Identifier (optional; for
 * "Alternate ASP Active" it names the ASP that took over).
 */
export function notifyMessage(
  statusType: number,
  statusInformation: number,
  routingContexts?: readonly number[],
  aspIdentifier?: number,
): Buffer {
  const p: M3uaParameter[] = [];
  rc(routingContexts, p);
  p.push({ kind: "status", statusType, statusInformation });
  if (aspIdentifier !== undefined) p.push({ kind: "aspIdentifier", aspIdentifier });
  return message(M3uaMessageClass.management, M3uaManagementMessage.notify, p);
}

export interface ErrorMessageOptions {
  routingContexts?: readonly number[];
  networkAppearance?: number;
  affectedPointCodes?: readonly number[];
  /** The message that caused the error; its first `DIAGNOSTIC_MAX` octets go into Diagnostic Information. */
  diagnostic?: { bytes: Uint8Array; start: number; end: number };
}

/**
 * RFC 4666 §3.8.1 ERR: Error Code (mandatory), then Routing Context, Network Appearance, Affected Point
 * Code and Diagnostic Information as the error calls for.
 */
export function errorMessage(errorCode: number, options: ErrorMessageOptions = {}): Buffer {
  const p: M3uaParameter[] = [{ kind: "errorCode", errorCode }];
  rc(options.routingContexts, p);
  if (options.networkAppearance !== undefined) {
    p.push({ kind: "networkAppearance", networkAppearance: options.networkAppearance });
  }
  if (options.affectedPointCodes && options.affectedPointCodes.length > 0) {
    p.push({ kind: "affectedPointCode", pointCodes: options.affectedPointCodes.map(exactPointCode) });
  }
  const d = options.diagnostic;
  if (d && d.end > d.start) {
    p.push({ kind: "diagnosticInformation", start: d.start, end: Math.min(d.end, d.start + DIAGNOSTIC_MAX) });
  }
  return message(M3uaMessageClass.management, M3uaManagementMessage.error, p, d?.bytes);
}

function exactPointCode(pointCode: number): M3uaMaskedPointCode {
  return { mask: 0, pointCode };
}

/** Which SSNM message: DUNA, DAVA, DAUD or DRST (RFC 4666 §3.4.1-§3.4.3, §3.4.6). */
export type SsnmKind = "DUNA" | "DAVA" | "DAUD" | "DRST";

const SSNM_TYPE: Record<SsnmKind, number> = {
  DUNA: M3uaSsnmMessage.destinationUnavailable,
  DAVA: M3uaSsnmMessage.destinationAvailable,
  DAUD: M3uaSsnmMessage.destinationStateAudit,
  DRST: M3uaSsnmMessage.destinationRestricted,
};

/**
 * RFC 4666 §3.4.1 (DUNA) and its siblings: Network Appearance, Routing Context (both optional), Affected
 * Point Code (mandatory, one or more), INFO String. Point codes are plain numbers (mask 0) or masked.
 */
export function ssnmMessage(
  kind: SsnmKind,
  pointCodes: readonly (number | M3uaMaskedPointCode)[],
  routingContexts?: readonly number[],
  networkAppearance?: number,
): Buffer {
  const p: M3uaParameter[] = [];
  if (networkAppearance !== undefined) p.push({ kind: "networkAppearance", networkAppearance });
  rc(routingContexts, p);
  p.push({
    kind: "affectedPointCode",
    pointCodes: pointCodes.map((pc) => (typeof pc === "number" ? exactPointCode(pc) : pc)),
  });
  return message(M3uaMessageClass.ssnm, SSNM_TYPE[kind], p);
}
