import { ByteWriter } from "../bytes.js";
import { EncodeError } from "../errors.js";
import {
  M3UA_MAX_INFO_STRING_LENGTH,
  M3UA_MAX_PARAMETER_DEPTH,
  M3UA_PARAMETER_NAMES,
  M3UA_VERSION,
  M3uaMessageClass,
  M3uaParameterTag,
  M3uaTransferMessage,
} from "./constants.js";
import type { M3uaMaskedPointCode, M3uaMessage, M3uaParameter, M3uaProtocolData } from "./types.js";

const utf8 = new TextEncoder();
const EMPTY = new Uint8Array(0);
/** A UTF-16 surrogate without its partner: TextEncoder would silently turn it into U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fail(field: string, reason: string): never {
  throw new EncodeError("m3ua", field, reason);
}

function uint(field: string, v: number, max: number): number {
  if (!Number.isInteger(v) || v < 0 || v > max) fail(field, `${v} is not an integer in 0..${max}`);
  return v;
}

function raw(bytes: Uint8Array | undefined, start: number, end: number, field: string): Uint8Array {
  const b = bytes ?? EMPTY;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > b.length) {
    fail(field, `range [${start}, ${end}) is outside the message's ${b.length}-byte buffer`);
  }
  return b.subarray(start, end);
}

function maskedPointCodes(w: ByteWriter, list: readonly M3uaMaskedPointCode[], field: string): void {
  if (list.length === 0) fail(field, "the list needs at least one point code");
  for (const pc of list) {
    w.u8(uint(`${field}.mask`, pc.mask, 0xff));
    const v = uint(`${field}.pointCode`, pc.pointCode, 0xffffff);
    w.u8(v >>> 16).u16(v & 0xffff);
  }
}

function writeParameters(
  w: ByteWriter,
  list: readonly M3uaParameter[],
  bytes: Uint8Array | undefined,
  depth: number,
): void {
  if (depth > M3UA_MAX_PARAMETER_DEPTH)
    fail("parameters", `nested more than ${M3UA_MAX_PARAMETER_DEPTH} deep`);
  for (const p of list) writeParameter(w, p, bytes, depth);
}

function writeParameter(w: ByteWriter, p: M3uaParameter, bytes: Uint8Array | undefined, depth: number): void {
  const at = w.length;
  let tag: number;
  if (p.kind === "unknown") {
    tag = uint("unknown.tag", p.tag, 0xffff);
    const known = M3UA_PARAMETER_NAMES.get(tag);
    // Keeps decode(encode(v)) equal to v: a known tag would come back as its typed kind.
    if (known) fail("unknown.tag", `0x${tag.toString(16)} is the ${known} parameter; use kind "${known}"`);
  } else {
    tag = M3uaParameterTag[p.kind];
    if (tag === undefined)
      fail("kind", `unknown parameter kind ${JSON.stringify((p as { kind: unknown }).kind)}`);
  }
  w.u16(tag).u16(0);
  switch (p.kind) {
    case "infoString": {
      if (typeof p.infoString !== "string" || LONE_SURROGATE.test(p.infoString)) {
        fail("infoString", "not a well-formed string");
      }
      const text = utf8.encode(p.infoString);
      if (text.length > M3UA_MAX_INFO_STRING_LENGTH) {
        fail("infoString", `${text.length} UTF-8 octets, RFC 4666 §3.5.1 allows 255`);
      }
      w.bytes(text);
      break;
    }
    case "routingContext":
      if (p.routingContexts.length === 0) fail("routingContext", "the list needs at least one value");
      for (const rc of p.routingContexts) w.u32(uint("routingContext", rc, 0xffffffff));
      break;
    case "diagnosticInformation":
    case "heartbeatData":
      w.bytes(raw(bytes, p.start, p.end, p.kind));
      break;
    case "trafficModeType":
      w.u32(uint(p.kind, p.trafficModeType, 0xffffffff));
      break;
    case "errorCode":
      w.u32(uint(p.kind, p.errorCode, 0xffffffff));
      break;
    case "status":
      w.u16(uint("statusType", p.statusType, 0xffff)).u16(
        uint("statusInformation", p.statusInformation, 0xffff),
      );
      break;
    case "aspIdentifier":
      w.u32(uint(p.kind, p.aspIdentifier, 0xffffffff));
      break;
    case "affectedPointCode":
    case "originatingPointCodeList":
      maskedPointCodes(w, p.pointCodes, p.kind);
      break;
    case "correlationId":
      w.u32(uint(p.kind, p.correlationId, 0xffffffff));
      break;
    case "networkAppearance":
      w.u32(uint(p.kind, p.networkAppearance, 0xffffffff));
      break;
    case "userCause":
      w.u16(uint("userCause.cause", p.cause, 0xffff)).u16(uint("userCause.user", p.user, 0xffff));
      break;
    case "congestionIndications":
      w.u16(0)
        .u8(0)
        .u8(uint("congestionLevel", p.congestionLevel, 0xff));
      break;
    case "concernedDestination": {
      const pc = uint("concernedDestination.pointCode", p.pointCode, 0xffffff);
      w.u8(0)
        .u8(pc >>> 16)
        .u16(pc & 0xffff);
      break;
    }
    case "routingKey":
    case "registrationResult":
    case "deregistrationResult":
      // Nested parameters keep their own padding, which therefore counts in this parameter's length.
      writeParameters(w, p.parameters, bytes, depth + 1);
      break;
    case "localRoutingKeyIdentifier":
      w.u32(uint(p.kind, p.localRoutingKeyIdentifier, 0xffffffff));
      break;
    case "destinationPointCode": {
      w.u8(uint("destinationPointCode.mask", p.mask, 0xff));
      const pc = uint("destinationPointCode.pointCode", p.pointCode, 0xffffff);
      w.u8(pc >>> 16).u16(pc & 0xffff);
      break;
    }
    case "serviceIndicators":
      if (p.serviceIndicators.length === 0) fail("serviceIndicators", "the list needs at least one value");
      for (const si of p.serviceIndicators) w.u8(uint("serviceIndicators", si, 0xff));
      break;
    case "protocolData":
      w.u32(uint("opc", p.opc, 0xffffffff)).u32(uint("dpc", p.dpc, 0xffffffff));
      w.u8(uint("si", p.si, 0xff))
        .u8(uint("ni", p.ni, 0xff))
        .u8(uint("mp", p.mp, 0xff))
        .u8(uint("sls", p.sls, 0xff));
      w.bytes(raw(bytes, p.dataStart, p.dataEnd, "protocolData"));
      break;
    case "registrationStatus":
      w.u32(uint(p.kind, p.registrationStatus, 0xffffffff));
      break;
    case "deregistrationStatus":
      w.u32(uint(p.kind, p.deregistrationStatus, 0xffffffff));
      break;
    case "unknown":
      w.bytes(raw(bytes, p.start, p.end, "unknown"));
      break;
    default:
      fail("kind", `unknown parameter kind ${JSON.stringify((p as { kind: unknown }).kind)}`);
  }
  const length = w.length - at;
  if (length > 0xffff) fail(p.kind, `parameter of ${length} octets exceeds the 16-bit length field`);
  w.patchU16(at + 2, length);
  // RFC 4666 §3.2: pad with zeros to a multiple of 4; the padding is not counted in the parameter length.
  for (let pad = (4 - (length & 3)) & 3; pad > 0; pad--) w.u8(0);
}

/**
 * Encodes `msg` as one M3UA message (RFC 4666 §3.1): version 1, reserved 0, class, type, length including
 * every parameter's padding. Raw fields are copied from `msg.bytes`. Invalid values throw `EncodeError`.
 */
export function encodeM3ua(msg: M3uaMessage): Buffer {
  const w = new ByteWriter(256);
  w.u8(M3UA_VERSION).u8(0);
  w.u8(uint("messageClass", msg.messageClass, 0xff)).u8(uint("messageType", msg.messageType, 0xff));
  w.u32(0);
  writeParameters(w, msg.parameters, msg.bytes, 0);
  w.patchU32(4, w.length);
  return w.finish();
}

/** Optional DATA parameters (RFC 4666 §3.3.1), written in the RFC's order around Protocol Data. */
export interface M3uaDataOptions {
  networkAppearance?: number;
  routingContext?: number;
  correlationId?: number;
}

/**
 * A DATA message value carrying `userData` (e.g. an encoded SCCP message) with the given routing label,
 * ready for `encodeM3ua`: Network Appearance, Routing Context, Protocol Data, Correlation Id.
 */
export function m3uaData(
  label: Omit<M3uaProtocolData, "kind" | "dataStart" | "dataEnd">,
  userData: Uint8Array,
  options: M3uaDataOptions = {},
): M3uaMessage {
  const parameters: M3uaParameter[] = [];
  if (options.networkAppearance !== undefined) {
    parameters.push({ kind: "networkAppearance", networkAppearance: options.networkAppearance });
  }
  if (options.routingContext !== undefined) {
    parameters.push({ kind: "routingContext", routingContexts: [options.routingContext] });
  }
  parameters.push({
    kind: "protocolData",
    opc: label.opc,
    dpc: label.dpc,
    si: label.si,
    ni: label.ni,
    mp: label.mp,
    sls: label.sls,
    dataStart: 0,
    dataEnd: userData.length,
  });
  if (options.correlationId !== undefined) {
    parameters.push({ kind: "correlationId", correlationId: options.correlationId });
  }
  return {
    messageClass: M3uaMessageClass.transfer,
    messageType: M3uaTransferMessage.data,
    parameters,
    bytes: userData,
  };
}
