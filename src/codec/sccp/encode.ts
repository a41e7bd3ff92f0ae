/** SCCP encoder (Q.713): typed connectionless messages → bytes, laid out the way the decoder reads them back. */
import { ByteWriter } from "../bytes.js";
import { EncodeError } from "../errors.js";
import { writeSccpAddress } from "./address.js";
import {
  SCCP_MAX_LONG_DATA_LENGTH,
  SCCP_MAX_MTP_MESSAGE_LENGTH,
  SCCP_MAX_SEGMENTS,
  SCCP_RETURN_ON_ERROR_BIT,
  SccpMessageType,
  SccpParameterName,
} from "./constants.js";
import type {
  SccpAddressInput,
  SccpMessage,
  SccpMessageInput,
  SccpOptionalPart,
  SccpSegmentation,
  SccpUnitdataInput,
  SccpXudtInput,
} from "./types.js";

function checkInt(field: string, v: unknown, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) {
    throw new EncodeError("sccp", field, `must be an integer 0–${max}, got ${String(v)}`);
  }
  return v;
}

/** The address contents alone (no length indicator), e.g. for keys and tests. */
export function encodeSccpAddress(address: SccpAddressInput): Buffer {
  const w = new ByteWriter(32);
  writeSccpAddress(w, address);
  return w.finish();
}

/**
 * Encodes one SCCP message. Canonical layout: type, fixed part, pointers, called, calling, data, then for the
 * extended/long messages the optional part (segmentation, importance, unknown parameters, end of optional
 * parameters) — its pointer is 0 when there is nothing to put in it. Invalid values throw EncodeError.
 */
export function encodeSccp(msg: SccpMessageInput): Buffer {
  if ("other" in msg) {
    const w = new ByteWriter(1 + msg.body.length);
    w.u8(checkInt("messageType", msg.messageType, 255)).bytes(msg.body);
    return w.finish();
  }
  return encodeUnitdata(msg);
}

function encodeUnitdata(msg: SccpUnitdataInput): Buffer {
  const type = msg.messageType;
  const long = type === SccpMessageType.longUnitdata || type === SccpMessageType.longUnitdataService;
  const extended =
    long || type === SccpMessageType.extendedUnitdata || type === SccpMessageType.extendedUnitdataService;
  if (!extended && type !== SccpMessageType.unitdata && type !== SccpMessageType.unitdataService) {
    throw new EncodeError(
      "sccp",
      "messageType",
      `0x${Number(type).toString(16)} is not a connectionless message type`,
    );
  }
  const ps = long ? 2 : 1;
  const w = new ByteWriter(64 + msg.data.length);
  w.u8(type);
  // Q.713 §3.6 protocol class, or §3.12 return cause.
  if ("protocolClass" in msg) {
    const cls = checkInt("protocolClass", msg.protocolClass, 15);
    w.u8(cls | (msg.returnOnError ? SCCP_RETURN_ON_ERROR_BIT : 0));
  } else {
    w.u8(checkInt("returnCause", msg.returnCause, 255));
  }
  if (extended) w.u8(checkInt("hopCounter", (msg as { hopCounter: number }).hopCounter, 255));
  const pointersAt = w.length;
  const pointerCount = extended ? 4 : 3;
  for (let i = 0; i < pointerCount * ps; i++) w.u8(0);

  const targets: number[] = [];
  targets.push(w.length);
  writeAddressParameter(w, msg.called, "called");
  targets.push(w.length);
  writeAddressParameter(w, msg.calling, "calling");
  targets.push(w.length);
  const data = msg.data;
  if (long) {
    if (data.length > SCCP_MAX_LONG_DATA_LENGTH) {
      throw new EncodeError(
        "sccp",
        "data",
        `${data.length} octets exceed the ${SCCP_MAX_LONG_DATA_LENGTH} of long data (Q.713 §4.20)`,
      );
    }
    w.u8(data.length & 0xff).u8(data.length >> 8);
  } else {
    if (data.length > 255) {
      throw new EncodeError(
        "sccp",
        "data",
        `${data.length} octets do not fit a one-octet length indicator (use LUDT or segment)`,
      );
    }
    w.u8(data.length);
  }
  w.bytes(data);
  if (extended) {
    const opt = msg as SccpOptionalPart;
    if (
      opt.segmentation !== undefined ||
      opt.importance !== undefined ||
      (opt.unknownParameters?.length ?? 0) > 0
    ) {
      targets.push(w.length);
      writeOptionalPart(w, opt);
    } else {
      targets.push(-1);
    }
  }
  // Q.713 §2.3: each pointer holds the distance from itself (for two-octet pointers: from its second
  // octet) to its parameter's length indicator.
  const out = w.finish();
  for (let i = 0; i < targets.length; i++) {
    const p = pointersAt + i * ps;
    const target = targets[i]!;
    if (target < 0) continue; // optional-part pointer 0: no optional part
    const rel = target - (p + ps - 1);
    if (rel > (ps === 1 ? 0xff : 0xffff)) {
      throw new EncodeError(
        "sccp",
        "pointer",
        `parameter ${rel} octets away does not fit a ${ps}-octet pointer`,
      );
    }
    out[p] = rel & 0xff;
    if (ps === 2) out[p + 1] = rel >> 8;
  }
  return out;
}

function writeAddressParameter(w: ByteWriter, a: SccpAddressInput, field: string): void {
  const li = w.length;
  w.u8(0);
  writeSccpAddress(w, a, field);
  const len = w.length - li - 1;
  if (len > 255) throw new EncodeError("sccp", field, `address of ${len} octets exceeds 255`);
  w.patchU8(li, len);
}

/** Q.713 §3.17 segmentation contents (4 octets). */
export function writeSccpSegmentation(w: ByteWriter, s: SccpSegmentation): void {
  const remaining = checkInt("segmentation.remainingSegments", s.remainingSegments, 15);
  const cls = checkInt("segmentation.protocolClass", s.protocolClass, 1);
  const ref = checkInt("segmentation.localReference", s.localReference, 0xffffff);
  w.u8((s.firstSegment ? 0x80 : 0) | (cls << 6) | remaining);
  w.u8(ref & 0xff)
    .u8((ref >> 8) & 0xff)
    .u8(ref >> 16);
}

function writeOptionalPart(w: ByteWriter, opt: SccpOptionalPart): void {
  if (opt.segmentation !== undefined) {
    w.u8(SccpParameterName.segmentation).u8(4);
    writeSccpSegmentation(w, opt.segmentation);
  }
  if (opt.importance !== undefined) {
    w.u8(SccpParameterName.importance)
      .u8(1)
      .u8(checkInt("importance", opt.importance, 7));
  }
  for (const p of opt.unknownParameters ?? []) {
    const name = checkInt("unknownParameters.name", p.name, 255);
    if (
      name === SccpParameterName.endOfOptionalParameters ||
      name === SccpParameterName.segmentation ||
      name === SccpParameterName.importance
    ) {
      throw new EncodeError("sccp", "unknownParameters.name", `0x${name.toString(16)} has its own field`);
    }
    if (p.value.length > 255)
      throw new EncodeError("sccp", "unknownParameters.value", "longer than 255 octets");
    w.u8(name).u8(p.value.length).bytes(p.value);
  }
  w.u8(SccpParameterName.endOfOptionalParameters);
}

/** A decoded message as encoder input, its user data a view of `bytes` (no copy). */
export function toSccpInput(msg: SccpMessage, bytes: Uint8Array): SccpMessageInput {
  if ("other" in msg)
    return { messageType: msg.messageType, other: true, body: bytes.subarray(msg.bodyStart, msg.bodyEnd) };
  const { dataStart, dataEnd, ...rest } = msg;
  return { ...rest, data: bytes.subarray(dataStart, dataEnd) } as SccpUnitdataInput;
}

export interface SccpSegmentOptions {
  /** Q.713 §3.17 segmentation local reference, 24 bits, chosen by the caller (unique per calling address). */
  localReference: number;
  /** Largest encoded XUDT, default 268 (a 272-octet MTP SIF minus the routing label, Q.703 §2.3.8). */
  maxMessageLength?: number;
}

/**
 * Splits `input.data` into XUDT segments (Q.714 §4.1.1.2). When the data fits one XUDT, one message without a
 * segmentation parameter comes back. Otherwise every segment carries protocol class 1 (so the MTP keeps them
 * in sequence) with the requested class in the segmentation parameter's C bit, F set on the first, and the
 * remaining-segments count down to 0. At most 16 segments; more throws EncodeError.
 */
export function segmentSccpXudt(
  input: Omit<SccpXudtInput, "segmentation" | "messageType"> & { messageType?: 0x11 },
  options: SccpSegmentOptions,
): Buffer[] {
  const max = options.maxMessageLength ?? SCCP_MAX_MTP_MESSAGE_LENGTH;
  const base: SccpXudtInput = { ...input, messageType: SccpMessageType.extendedUnitdata };
  delete (base as { segmentation?: unknown }).segmentation;
  const data = input.data;
  const empty = new Uint8Array(0);
  const unsegmentedOverhead = encodeSccp({ ...base, data: empty }).length;
  if (data.length <= 255 && unsegmentedOverhead + data.length <= max) return [encodeSccp(base)];

  const requestedClass = checkInt("protocolClass", input.protocolClass, 1) as 0 | 1;
  const segmentation: SccpSegmentation = {
    firstSegment: true,
    protocolClass: requestedClass,
    remainingSegments: 0,
    localReference: checkInt("localReference", options.localReference, 0xffffff),
  };
  const overhead = encodeSccp({ ...base, protocolClass: 1, segmentation, data: empty }).length;
  const size = Math.min(255, max - overhead);
  if (size < 1)
    throw new EncodeError(
      "sccp",
      "maxMessageLength",
      `${max} leaves no room for data after ${overhead} octets`,
    );
  const count = Math.ceil(data.length / size);
  if (count > SCCP_MAX_SEGMENTS) {
    throw new EncodeError(
      "sccp",
      "data",
      `${data.length} octets need ${count} segments of ${size}; Q.713 §3.17 allows ${SCCP_MAX_SEGMENTS}`,
    );
  }
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      encodeSccp({
        ...base,
        protocolClass: 1,
        segmentation: { ...segmentation, firstSegment: i === 0, remainingSegments: count - 1 - i },
        data: data.subarray(i * size, Math.min(data.length, (i + 1) * size)),
      }),
    );
  }
  return out;
}
