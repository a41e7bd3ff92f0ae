import fc from "fast-check";
import { toHex } from "../../../src/codec/bytes.js";
import { M3UA_PARAMETER_NAMES, type M3uaMessage, type M3uaParameter } from "../../../src/codec/m3ua/index.js";

/** Offsets resolved to hex so values built over different buffers compare equal when their bytes do. */
export function normalizeParameter(p: M3uaParameter, bytes: Uint8Array): unknown {
  switch (p.kind) {
    case "diagnosticInformation":
    case "heartbeatData":
      return { kind: p.kind, hex: toHex(bytes, p.start, p.end) };
    case "unknown":
      return { kind: p.kind, tag: p.tag, hex: toHex(bytes, p.start, p.end) };
    case "protocolData": {
      const { dataStart, dataEnd, ...rest } = p;
      return { ...rest, hex: toHex(bytes, dataStart, dataEnd) };
    }
    case "routingKey":
    case "registrationResult":
    case "deregistrationResult":
      return { kind: p.kind, parameters: p.parameters.map((q) => normalizeParameter(q, bytes)) };
    default:
      return p;
  }
}

export function normalize(m: M3uaMessage): unknown {
  const bytes = m.bytes ?? new Uint8Array(0);
  return {
    messageClass: m.messageClass,
    messageType: m.messageType,
    parameters: m.parameters.map((p) => normalizeParameter(p, bytes)),
  };
}

export const u32 = fc.tuple(fc.nat(0xffff), fc.nat(0xffff)).map(([h, l]) => h * 0x10000 + l);
const u24 = fc.nat(0xffffff);
const u16 = fc.nat(0xffff);
const u8 = fc.nat(0xff);
// fc.record builds null-prototype objects, which deepStrictEqual tells apart from decoded ones.
const masked = fc.tuple(u8, u24).map(([mask, pointCode]) => ({ mask, pointCode }));
const range = (n: number) =>
  fc.tuple(fc.nat(n), fc.nat(n)).map(([a, b]) => (a <= b ? { start: a, end: b } : { start: b, end: a }));
const infoString = fc
  .string({ unit: "grapheme", maxLength: 60 })
  .filter((s) => Buffer.byteLength(s, "utf8") <= 255);
const unknownTag = fc.nat(0xffff).filter((t) => !M3UA_PARAMETER_NAMES.has(t));

export type Kind = M3uaParameter["kind"];

/** An arbitrary parameter of `kind` whose raw fields point into a pool of `n` bytes. */
export function parameterArb(kind: Kind, n: number, depth = 0): fc.Arbitrary<M3uaParameter> {
  const nested = (kinds: Kind[]) =>
    fc
      .array(fc.oneof(...kinds.map((k) => parameterArb(k, n, depth + 1))), { maxLength: depth < 2 ? 5 : 0 })
      .map((parameters) => parameters);
  switch (kind) {
    case "infoString":
      return infoString.map((s) => ({ kind, infoString: s }));
    case "routingContext":
      return fc
        .array(u32, { minLength: 1, maxLength: 4 })
        .map((routingContexts) => ({ kind, routingContexts }));
    case "diagnosticInformation":
    case "heartbeatData":
      return range(n).map((r) => ({ kind, ...r }));
    case "trafficModeType":
      return u32.map((v) => ({ kind, trafficModeType: v }));
    case "errorCode":
      return u32.map((v) => ({ kind, errorCode: v }));
    case "status":
      return fc.record({ statusType: u16, statusInformation: u16 }).map((r) => ({ kind, ...r }));
    case "aspIdentifier":
      return u32.map((v) => ({ kind, aspIdentifier: v }));
    case "affectedPointCode":
    case "originatingPointCodeList":
      return fc.array(masked, { minLength: 1, maxLength: 4 }).map((pointCodes) => ({ kind, pointCodes }));
    case "correlationId":
      return u32.map((v) => ({ kind, correlationId: v }));
    case "networkAppearance":
      return u32.map((v) => ({ kind, networkAppearance: v }));
    case "userCause":
      return fc.record({ cause: u16, user: u16 }).map((r) => ({ kind, ...r }));
    case "congestionIndications":
      return u8.map((v) => ({ kind, congestionLevel: v }));
    case "concernedDestination":
      return u24.map((v) => ({ kind, pointCode: v }));
    case "routingKey":
      return nested([
        "localRoutingKeyIdentifier",
        "routingContext",
        "trafficModeType",
        "destinationPointCode",
        "networkAppearance",
        "serviceIndicators",
        "originatingPointCodeList",
        "unknown",
      ]).map((parameters) => ({ kind, parameters }));
    case "registrationResult":
      return nested(["localRoutingKeyIdentifier", "registrationStatus", "routingContext"]).map(
        (parameters) => ({
          kind,
          parameters,
        }),
      );
    case "deregistrationResult":
      return nested(["routingContext", "deregistrationStatus"]).map((parameters) => ({ kind, parameters }));
    case "localRoutingKeyIdentifier":
      return u32.map((v) => ({ kind, localRoutingKeyIdentifier: v }));
    case "destinationPointCode":
      return masked.map((r) => ({ kind, ...r }));
    case "serviceIndicators":
      return fc
        .array(u8, { minLength: 1, maxLength: 9 })
        .map((serviceIndicators) => ({ kind, serviceIndicators }));
    case "protocolData":
      return fc
        .record({ opc: u32, dpc: u32, si: u8, ni: u8, mp: u8, sls: u8, r: range(n) })
        .map(({ r, ...f }) => ({ kind, ...f, dataStart: r.start, dataEnd: r.end }));
    case "registrationStatus":
      return u32.map((v) => ({ kind, registrationStatus: v }));
    case "deregistrationStatus":
      return u32.map((v) => ({ kind, deregistrationStatus: v }));
    case "unknown":
      return fc.record({ tag: unknownTag, r: range(n) }).map(({ tag, r }) => ({ kind, tag, ...r }));
  }
}

export const ALL_KINDS: Kind[] = [
  "infoString",
  "routingContext",
  "diagnosticInformation",
  "heartbeatData",
  "trafficModeType",
  "errorCode",
  "status",
  "aspIdentifier",
  "affectedPointCode",
  "correlationId",
  "networkAppearance",
  "userCause",
  "congestionIndications",
  "concernedDestination",
  "routingKey",
  "registrationResult",
  "deregistrationResult",
  "localRoutingKeyIdentifier",
  "destinationPointCode",
  "serviceIndicators",
  "originatingPointCodeList",
  "protocolData",
  "registrationStatus",
  "deregistrationStatus",
  "unknown",
];

/**
 * The parameters RFC 4666 lists for each message, in its order. `repeat` marks the ones a message carries
 * one or more of (REG REQ Routing Keys, REG RSP / DEREG RSP results), `required` the mandatory ones.
 */
export interface MessageShape {
  name: string;
  messageClass: number;
  messageType: number;
  kinds: Kind[];
  required?: Kind[];
  repeat?: Kind;
}

const SSNM_COMMON: Kind[] = ["networkAppearance", "routingContext", "affectedPointCode", "infoString"];

export const MESSAGE_SHAPES: MessageShape[] = [
  {
    name: "ERR",
    messageClass: 0,
    messageType: 0,
    kinds: ["errorCode", "routingContext", "networkAppearance", "affectedPointCode", "diagnosticInformation"],
    required: ["errorCode"],
  },
  {
    name: "NTFY",
    messageClass: 0,
    messageType: 1,
    kinds: ["status", "aspIdentifier", "routingContext", "infoString"],
    required: ["status"],
  },
  {
    name: "DATA",
    messageClass: 1,
    messageType: 1,
    kinds: ["networkAppearance", "routingContext", "protocolData", "correlationId"],
    required: ["protocolData"],
  },
  { name: "DUNA", messageClass: 2, messageType: 1, kinds: SSNM_COMMON, required: ["affectedPointCode"] },
  { name: "DAVA", messageClass: 2, messageType: 2, kinds: SSNM_COMMON, required: ["affectedPointCode"] },
  { name: "DAUD", messageClass: 2, messageType: 3, kinds: SSNM_COMMON, required: ["affectedPointCode"] },
  {
    name: "SCON",
    messageClass: 2,
    messageType: 4,
    kinds: [
      "networkAppearance",
      "routingContext",
      "affectedPointCode",
      "concernedDestination",
      "congestionIndications",
      "infoString",
    ],
    required: ["affectedPointCode"],
  },
  {
    name: "DUPU",
    messageClass: 2,
    messageType: 5,
    kinds: ["networkAppearance", "routingContext", "affectedPointCode", "userCause", "infoString"],
    required: ["affectedPointCode", "userCause"],
  },
  { name: "DRST", messageClass: 2, messageType: 6, kinds: SSNM_COMMON, required: ["affectedPointCode"] },
  { name: "ASPUP", messageClass: 3, messageType: 1, kinds: ["aspIdentifier", "infoString"] },
  { name: "ASPDN", messageClass: 3, messageType: 2, kinds: ["infoString"] },
  { name: "BEAT", messageClass: 3, messageType: 3, kinds: ["heartbeatData"] },
  { name: "ASPUP ACK", messageClass: 3, messageType: 4, kinds: ["aspIdentifier", "infoString"] },
  { name: "ASPDN ACK", messageClass: 3, messageType: 5, kinds: ["infoString"] },
  { name: "BEAT ACK", messageClass: 3, messageType: 6, kinds: ["heartbeatData"] },
  {
    name: "ASPAC",
    messageClass: 4,
    messageType: 1,
    kinds: ["trafficModeType", "routingContext", "infoString"],
  },
  { name: "ASPIA", messageClass: 4, messageType: 2, kinds: ["routingContext", "infoString"] },
  {
    name: "ASPAC ACK",
    messageClass: 4,
    messageType: 3,
    kinds: ["trafficModeType", "routingContext", "infoString"],
  },
  { name: "ASPIA ACK", messageClass: 4, messageType: 4, kinds: ["routingContext", "infoString"] },
  { name: "REG REQ", messageClass: 9, messageType: 1, kinds: [], repeat: "routingKey" },
  { name: "REG RSP", messageClass: 9, messageType: 2, kinds: [], repeat: "registrationResult" },
  {
    name: "DEREG REQ",
    messageClass: 9,
    messageType: 3,
    kinds: ["routingContext"],
    required: ["routingContext"],
  },
  { name: "DEREG RSP", messageClass: 9, messageType: 4, kinds: [], repeat: "deregistrationResult" },
];

/** Messages of one shape: the RFC's parameters in order, optional ones present or not, over a random pool. */
export function messageArb(shape: MessageShape): fc.Arbitrary<M3uaMessage> {
  return fc.uint8Array({ maxLength: 48 }).chain((pool) => {
    const n = pool.length;
    const fields = shape.kinds.map((k) =>
      shape.required?.includes(k)
        ? parameterArb(k, n).map((p) => [p])
        : fc.option(parameterArb(k, n), { nil: undefined }).map((p) => (p ? [p] : [])),
    );
    const repeated = shape.repeat
      ? fc.array(parameterArb(shape.repeat, n), { minLength: 1, maxLength: 3 })
      : fc.constant([] as M3uaParameter[]);
    return fc.tuple(fc.tuple(...fields), repeated).map(([lists, rep]) => ({
      messageClass: shape.messageClass,
      messageType: shape.messageType,
      parameters: [...lists.flat(), ...rep],
      bytes: pool,
    }));
  });
}

/** Any class/type with any parameters, including unknown tags and nested containers. */
export const anyMessageArb: fc.Arbitrary<M3uaMessage> = fc.uint8Array({ maxLength: 48 }).chain((pool) =>
  fc.record({
    messageClass: u8,
    messageType: u8,
    parameters: fc.array(fc.oneof(...ALL_KINDS.map((k) => parameterArb(k, pool.length))), { maxLength: 8 }),
    bytes: fc.constant(pool),
  }),
);
