import { readU16, readU32 } from "../bytes.js";
import { DecodeError } from "../errors.js";
import {
  M3UA_HEADER_LENGTH,
  M3UA_MAX_INFO_STRING_LENGTH,
  M3UA_MAX_PARAMETER_DEPTH,
  M3UA_VERSION,
  M3uaParameterTag as T,
} from "./constants.js";
import type { M3uaMaskedPointCode, M3uaMessage, M3uaParameter } from "./types.js";

const utf8 = new TextDecoder("utf-8");

function u24(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 16) | (bytes[at + 1]! << 8) | bytes[at + 2]!;
}

/**
 * Checks the common header of the message in `bytes[start, end)` (RFC 4666 §3.1) and returns its length.
 * The message must fill the range exactly: SCTP delivers one message per DATA chunk and the stream framer
 * cuts at the header's length, so extra or missing octets mean the input is not one M3UA message.
 */
export function checkM3uaHeader(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < M3UA_HEADER_LENGTH) {
    throw new DecodeError(
      "m3ua",
      start,
      `message of ${Math.max(0, end - start)} octets is shorter than the 8-octet common header`,
    );
  }
  const version = bytes[start]!;
  if (version !== M3UA_VERSION) {
    throw new DecodeError("m3ua", start, `version ${version}, only version 1 is defined (RFC 4666 §3.1.1)`);
  }
  const length = readU32(bytes, start + 4);
  if (length < M3UA_HEADER_LENGTH) {
    throw new DecodeError("m3ua", start + 4, `message length ${length} is shorter than the common header`);
  }
  if (length !== end - start) {
    throw new DecodeError(
      "m3ua",
      start + 4,
      `message length ${length} does not match the ${end - start} octets available`,
    );
  }
  return length;
}

/**
 * Why a value of `n` octets cannot be a parameter with `tag`, or null when its length is acceptable.
 * Shared by the full decoder and the DATA fast path so both accept exactly the same parameters.
 */
export function m3uaParameterLengthProblem(tag: number, n: number): string | null {
  switch (tag) {
    case T.trafficModeType:
    case T.errorCode:
    case T.status:
    case T.aspIdentifier:
    case T.correlationId:
    case T.networkAppearance:
    case T.userCause:
    case T.congestionIndications:
    case T.concernedDestination:
    case T.localRoutingKeyIdentifier:
    case T.destinationPointCode:
    case T.registrationStatus:
    case T.deregistrationStatus:
      return n === 4 ? null : `value of ${n} octets, this parameter has exactly 4`;
    case T.routingContext:
    case T.affectedPointCode:
    case T.originatingPointCodeList:
      return n > 0 && n % 4 === 0 ? null : `value of ${n} octets is not a non-empty list of 4-octet entries`;
    case T.serviceIndicators:
      return n > 0 ? null : "empty Service Indicators list";
    case T.infoString:
      return n <= M3UA_MAX_INFO_STRING_LENGTH
        ? null
        : `INFO String of ${n} octets, RFC 4666 §3.5.1 allows 255`;
    case T.protocolData:
      // RFC 4666 §3.3.1: OPC, DPC (4 octets each), SI, NI, MP, SLS, then the user data.
      return n >= 12 ? null : `value of ${n} octets is shorter than the 12-octet routing label`;
    default:
      return null;
  }
}

function isContainer(tag: number): boolean {
  return tag === T.routingKey || tag === T.registrationResult || tag === T.deregistrationResult;
}

function maskedPointCodes(bytes: Uint8Array, vs: number, ve: number): M3uaMaskedPointCode[] {
  const out: M3uaMaskedPointCode[] = [];
  for (let i = vs; i < ve; i += 4) out.push({ mask: bytes[i]!, pointCode: u24(bytes, i + 1) });
  return out;
}

function decodeParameter(
  bytes: Uint8Array,
  tag: number,
  vs: number,
  ve: number,
  depth: number,
): M3uaParameter {
  switch (tag) {
    case T.infoString:
      // RFC 4666 §3.5.1: UTF-8 text. Ill-formed sequences decode to U+FFFD rather than failing the message.
      return { kind: "infoString", infoString: utf8.decode(bytes.subarray(vs, ve)) };
    case T.routingContext: {
      const routingContexts: number[] = [];
      for (let i = vs; i < ve; i += 4) routingContexts.push(readU32(bytes, i));
      return { kind: "routingContext", routingContexts };
    }
    case T.diagnosticInformation:
      return { kind: "diagnosticInformation", start: vs, end: ve };
    case T.heartbeatData:
      return { kind: "heartbeatData", start: vs, end: ve };
    case T.trafficModeType:
      return { kind: "trafficModeType", trafficModeType: readU32(bytes, vs) };
    case T.errorCode:
      return { kind: "errorCode", errorCode: readU32(bytes, vs) };
    case T.status:
      return { kind: "status", statusType: readU16(bytes, vs), statusInformation: readU16(bytes, vs + 2) };
    case T.aspIdentifier:
      return { kind: "aspIdentifier", aspIdentifier: readU32(bytes, vs) };
    case T.affectedPointCode:
      return { kind: "affectedPointCode", pointCodes: maskedPointCodes(bytes, vs, ve) };
    case T.correlationId:
      return { kind: "correlationId", correlationId: readU32(bytes, vs) };
    case T.networkAppearance:
      return { kind: "networkAppearance", networkAppearance: readU32(bytes, vs) };
    case T.userCause:
      return { kind: "userCause", cause: readU16(bytes, vs), user: readU16(bytes, vs + 2) };
    case T.congestionIndications:
      // RFC 4666 §3.4.4: the first three octets are reserved.
      return { kind: "congestionIndications", congestionLevel: bytes[vs + 3]! };
    case T.concernedDestination:
      return { kind: "concernedDestination", pointCode: u24(bytes, vs + 1) };
    case T.routingKey:
      return { kind: "routingKey", parameters: decodeParameters(bytes, vs, ve, depth + 1) };
    case T.registrationResult:
      return { kind: "registrationResult", parameters: decodeParameters(bytes, vs, ve, depth + 1) };
    case T.deregistrationResult:
      return { kind: "deregistrationResult", parameters: decodeParameters(bytes, vs, ve, depth + 1) };
    case T.localRoutingKeyIdentifier:
      return { kind: "localRoutingKeyIdentifier", localRoutingKeyIdentifier: readU32(bytes, vs) };
    case T.destinationPointCode:
      return { kind: "destinationPointCode", mask: bytes[vs]!, pointCode: u24(bytes, vs + 1) };
    case T.serviceIndicators:
      return { kind: "serviceIndicators", serviceIndicators: Array.from(bytes.subarray(vs, ve)) };
    case T.originatingPointCodeList:
      return { kind: "originatingPointCodeList", pointCodes: maskedPointCodes(bytes, vs, ve) };
    case T.protocolData:
      return {
        kind: "protocolData",
        opc: readU32(bytes, vs),
        dpc: readU32(bytes, vs + 4),
        si: bytes[vs + 8]!,
        ni: bytes[vs + 9]!,
        mp: bytes[vs + 10]!,
        sls: bytes[vs + 11]!,
        dataStart: vs + 12,
        dataEnd: ve,
      };
    case T.registrationStatus:
      return { kind: "registrationStatus", registrationStatus: readU32(bytes, vs) };
    case T.deregistrationStatus:
      return { kind: "deregistrationStatus", deregistrationStatus: readU32(bytes, vs) };
    default:
      // RFC 4666 §3.2: unknown tags are carried through, not rejected.
      return { kind: "unknown", tag, start: vs, end: ve };
  }
}

/**
 * Checks the parameter header at `at` inside a container ending at `end` and returns where its value ends.
 * RFC 4666 §3.2: the length covers tag, length and value but not the padding.
 */
function checkParameter(bytes: Uint8Array, at: number, end: number): number {
  if (end - at < 4) throw new DecodeError("m3ua", at, `${end - at} octets left, a parameter header needs 4`);
  const tag = readU16(bytes, at);
  const length = readU16(bytes, at + 2);
  if (length < 4)
    throw new DecodeError("m3ua", at + 2, `parameter length ${length} is below the 4-octet header`);
  const ve = at + length;
  if (ve > end) {
    throw new DecodeError(
      "m3ua",
      at + 2,
      `parameter length ${length} runs ${ve - end} octets past its container`,
    );
  }
  const problem = m3uaParameterLengthProblem(tag, length - 4);
  if (problem !== null) {
    throw new DecodeError("m3ua", at + 2, `parameter 0x${tag.toString(16).padStart(4, "0")}: ${problem}`);
  }
  return ve;
}

/**
 * Offset of the parameter after one starting at `at` whose value ends at `ve`: RFC 4666 §3.2 pads every
 * parameter to a multiple of 4 octets. A missing pad after the container's last parameter is tolerated, and
 * pad contents are ignored, as the RFC tells receivers to.
 */
function nextParameter(at: number, ve: number, end: number): number {
  const padded = at + ((ve - at + 3) & ~3);
  return Math.min(padded, end);
}

function decodeParameters(bytes: Uint8Array, at: number, end: number, depth: number): M3uaParameter[] {
  if (depth > M3UA_MAX_PARAMETER_DEPTH) {
    throw new DecodeError("m3ua", at, `parameters nested more than ${M3UA_MAX_PARAMETER_DEPTH} deep`);
  }
  const out: M3uaParameter[] = [];
  while (at < end) {
    const ve = checkParameter(bytes, at, end);
    out.push(decodeParameter(bytes, readU16(bytes, at), at + 4, ve, depth));
    at = nextParameter(at, ve, end);
  }
  return out;
}

/**
 * Validates one parameter at `at` exactly as the full decoder would, building nothing, and returns the
 * offset of the next one (used by the DATA fast path for parameters it does not read).
 */
export function skipM3uaParameter(bytes: Uint8Array, at: number, end: number, depth: number): number {
  const ve = checkParameter(bytes, at, end);
  if (isContainer(readU16(bytes, at))) {
    if (depth + 1 > M3UA_MAX_PARAMETER_DEPTH) {
      throw new DecodeError("m3ua", at + 4, `parameters nested more than ${M3UA_MAX_PARAMETER_DEPTH} deep`);
    }
    for (let i = at + 4; i < ve; ) i = skipM3uaParameter(bytes, i, ve, depth + 1);
  }
  return nextParameter(at, ve, end);
}

/**
 * Decodes one M3UA message occupying exactly `bytes[start, end)` (RFC 4666 §3). Unknown classes, types and
 * parameter tags decode generically; only `DecodeError` is thrown.
 */
export function decodeM3ua(bytes: Uint8Array, start = 0, end = bytes.length): M3uaMessage {
  if (end > bytes.length) end = bytes.length;
  checkM3uaHeader(bytes, start, end);
  return {
    messageClass: bytes[start + 2]!,
    messageType: bytes[start + 3]!,
    parameters: decodeParameters(bytes, start + M3UA_HEADER_LENGTH, end, 0),
    bytes,
  };
}
