/**
 * Q.713 §1–2 message framing for the connectionless messages: fixed part, pointers, mandatory variable
 * part and optional part, validated and recorded as plain offsets. Shared by the full decoder and the
 * fast path; it allocates nothing.
 */
import { DecodeError } from "../errors.js";
import { SccpMessageType, SccpParameterName } from "./constants.js";

/**
 * Layout of a message type: fixed octets after the type code, pointer size, whether it has an optional part,
 * and the size of the data parameter's length indicator. Indexed by message type; undefined = not connectionless.
 */
interface Layout {
  readonly fixed: number;
  readonly pointerSize: 1 | 2;
  readonly optional: boolean;
  readonly dataLengthSize: 1 | 2;
  /** Whether the first fixed octet is a protocol class (else a return cause). */
  readonly hasProtocolClass: boolean;
}

const LAYOUTS: readonly (Layout | undefined)[] = (() => {
  const t: (Layout | undefined)[] = new Array(256).fill(undefined);
  // Q.713 §4.10 UDT: protocol class F; called, calling, data V.
  t[SccpMessageType.unitdata] = {
    fixed: 1,
    pointerSize: 1,
    optional: false,
    dataLengthSize: 1,
    hasProtocolClass: true,
  };
  // Q.713 §4.11 UDTS: return cause F; called, calling, data V.
  t[SccpMessageType.unitdataService] = {
    fixed: 1,
    pointerSize: 1,
    optional: false,
    dataLengthSize: 1,
    hasProtocolClass: false,
  };
  // Q.713 §4.18 XUDT: protocol class, hop counter F; called, calling, data V; segmentation, importance O.
  t[SccpMessageType.extendedUnitdata] = {
    fixed: 2,
    pointerSize: 1,
    optional: true,
    dataLengthSize: 1,
    hasProtocolClass: true,
  };
  // Q.713 §4.19 XUDTS: return cause, hop counter F; as XUDT otherwise.
  t[SccpMessageType.extendedUnitdataService] = {
    fixed: 2,
    pointerSize: 1,
    optional: true,
    dataLengthSize: 1,
    hasProtocolClass: false,
  };
  // Q.713 §4.20 LUDT: as XUDT, but two-octet pointers and a two-octet length indicator for long data (§2.2, §2.3).
  t[SccpMessageType.longUnitdata] = {
    fixed: 2,
    pointerSize: 2,
    optional: true,
    dataLengthSize: 2,
    hasProtocolClass: true,
  };
  // Q.713 §4.21 LUDTS: as XUDTS, with LUDT's pointer and long data coding.
  t[SccpMessageType.longUnitdataService] = {
    fixed: 2,
    pointerSize: 2,
    optional: true,
    dataLengthSize: 2,
    hasProtocolClass: false,
  };
  return t;
})();

/** Whether `messageType` is one of UDT, UDTS, XUDT, XUDTS, LUDT, LUDTS. */
export function isSccpConnectionless(messageType: number): boolean {
  return LAYOUTS[messageType] !== undefined;
}

/** Offsets and fixed fields of one connectionless message; -1 = absent. Reused by the fast path. */
export class SccpFrame {
  messageType = 0;
  /** Protocol class octet (UDT, XUDT, LUDT), else -1. */
  protocolClassOctet = -1;
  /** Return cause (UDTS, XUDTS, LUDTS), else -1. */
  returnCause = -1;
  /** Hop counter (extended and long messages), else -1. */
  hopCounter = -1;
  /** Address contents (after the length indicator). */
  calledStart = 0;
  calledEnd = 0;
  callingStart = 0;
  callingEnd = 0;
  dataStart = 0;
  dataEnd = 0;
  /** First octet of the optional part and one past its end-of-optional-parameters octet; -1 when absent. */
  optionalStart = -1;
  optionalEnd = -1;
  /** Offset of the segmentation parameter's contents (4 octets), or -1. */
  segmentationAt = -1;
  /** Offset of the importance parameter's contents (1 octet), or -1. */
  importanceAt = -1;
  /** Number of optional parameters that are neither segmentation nor importance. */
  unknownParameterCount = 0;
}

function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}

/**
 * Frames the message at `bytes[start, end)` into `f`. Returns false (and leaves `f` partly written) when the
 * message type is not a connectionless one; throws DecodeError when the frame is inconsistent: pointers of 0
 * or pointing into the pointer area or past `end`, lengths running past `end`, parameters overlapping one
 * another, a malformed optional part.
 */
export function parseSccpFrame(bytes: Uint8Array, start: number, end: number, f: SccpFrame): boolean {
  if (start < 0 || end > bytes.length || start > end) {
    throw new DecodeError("sccp", start, `bad range [${start}, ${end}) for ${bytes.length} octets`);
  }
  if (start >= end) throw new DecodeError("sccp", start, "empty message (no message type)");
  const type = bytes[start]!;
  const layout = LAYOUTS[type];
  if (layout === undefined) return false;
  f.messageType = type;
  const ps = layout.pointerSize;
  const fixedAt = start + 1;
  const pointersAt = fixedAt + layout.fixed;
  const pointerCount = layout.optional ? 4 : 3;
  const areaEnd = pointersAt + pointerCount * ps;
  if (areaEnd > end) {
    throw new DecodeError(
      "sccp",
      Math.min(fixedAt, end),
      `message shorter than its fixed part and ${pointerCount} pointers`,
    );
  }
  const first = bytes[fixedAt]!;
  if (layout.hasProtocolClass) {
    f.protocolClassOctet = first;
    f.returnCause = -1;
  } else {
    f.protocolClassOctet = -1;
    f.returnCause = first;
  }
  f.hopCounter = layout.fixed === 2 ? bytes[fixedAt + 1]! : -1;

  // Q.713 §2.3: a pointer counts the octets from itself to the first octet (the length indicator) of its
  // parameter. In LUDT/LUDTS pointers are two octets, least significant first, and the count starts at the
  // pointer's second (most significant) octet.
  let p = pointersAt;
  // Called party address (1-octet length indicator).
  let at = pointerTarget(bytes, p, ps, areaEnd, end, "called party address");
  let len = bytes[at]!;
  if (len === 0) throw new DecodeError("sccp", at, "called party address of length 0");
  if (at + 1 + len > end)
    throw new DecodeError("sccp", at, `called party address length ${len} runs past the end`);
  const calledLi = at;
  f.calledStart = at + 1;
  f.calledEnd = at + 1 + len;
  p += ps;
  at = pointerTarget(bytes, p, ps, areaEnd, end, "calling party address");
  len = bytes[at]!;
  if (len === 0) throw new DecodeError("sccp", at, "calling party address of length 0");
  if (at + 1 + len > end)
    throw new DecodeError("sccp", at, `calling party address length ${len} runs past the end`);
  const callingLi = at;
  f.callingStart = at + 1;
  f.callingEnd = at + 1 + len;
  if (overlaps(calledLi, f.calledEnd, callingLi, f.callingEnd)) {
    throw new DecodeError("sccp", callingLi, "calling party address overlaps the called party address");
  }
  p += ps;
  at = pointerTarget(bytes, p, ps, areaEnd, end, "data");
  const dl = layout.dataLengthSize;
  if (at + dl > end) throw new DecodeError("sccp", at, "data length indicator runs past the end");
  len = dl === 1 ? bytes[at]! : bytes[at]! | (bytes[at + 1]! << 8);
  if (at + dl + len > end) throw new DecodeError("sccp", at, `data length ${len} runs past the end`);
  const dataLi = at;
  f.dataStart = at + dl;
  f.dataEnd = at + dl + len;
  if (
    overlaps(dataLi, f.dataEnd, calledLi, f.calledEnd) ||
    overlaps(dataLi, f.dataEnd, callingLi, f.callingEnd)
  ) {
    throw new DecodeError("sccp", dataLi, "data overlaps an address parameter");
  }

  f.optionalStart = -1;
  f.optionalEnd = -1;
  f.segmentationAt = -1;
  f.importanceAt = -1;
  f.unknownParameterCount = 0;
  if (!layout.optional) return true;
  p += ps;
  const rel = ps === 1 ? bytes[p]! : bytes[p]! | (bytes[p + 1]! << 8);
  // Q.713 §2.3: a pointer to the optional part of 0 means there is none.
  if (rel === 0) return true;
  let o = p + ps - 1 + rel;
  if (o < areaEnd) throw new DecodeError("sccp", p, "optional-part pointer points into the pointer area");
  if (o >= end) throw new DecodeError("sccp", p, "optional-part pointer points past the end");
  const optStart = o;
  for (;;) {
    if (o >= end) throw new DecodeError("sccp", end, "optional part without end of optional parameters");
    const name = bytes[o]!;
    if (name === SccpParameterName.endOfOptionalParameters) {
      o += 1;
      break;
    }
    // Q.713 §1.5: every optional parameter is name, one-octet length indicator, contents.
    if (o + 2 > end) throw new DecodeError("sccp", o, "optional parameter without length indicator");
    const plen = bytes[o + 1]!;
    if (o + 2 + plen > end)
      throw new DecodeError("sccp", o + 1, `optional parameter length ${plen} runs past the end`);
    if (name === SccpParameterName.segmentation) {
      if (f.segmentationAt >= 0) throw new DecodeError("sccp", o, "second segmentation parameter");
      if (plen !== 4)
        throw new DecodeError("sccp", o + 1, `segmentation parameter of length ${plen} (Q.713 §3.17: 4)`);
      f.segmentationAt = o + 2;
    } else if (name === SccpParameterName.importance) {
      if (f.importanceAt >= 0) throw new DecodeError("sccp", o, "second importance parameter");
      if (plen !== 1)
        throw new DecodeError("sccp", o + 1, `importance parameter of length ${plen} (Q.713 §3.19: 1)`);
      f.importanceAt = o + 2;
    } else {
      f.unknownParameterCount++;
    }
    o += 2 + plen;
  }
  if (
    overlaps(optStart, o, calledLi, f.calledEnd) ||
    overlaps(optStart, o, callingLi, f.callingEnd) ||
    overlaps(optStart, o, dataLi, f.dataEnd)
  ) {
    throw new DecodeError("sccp", optStart, "optional part overlaps a mandatory variable parameter");
  }
  f.optionalStart = optStart;
  f.optionalEnd = o;
  return true;
}

/** Absolute offset of the length indicator a mandatory-variable-part pointer at `p` points to. */
function pointerTarget(
  bytes: Uint8Array,
  p: number,
  ps: number,
  areaEnd: number,
  end: number,
  what: string,
): number {
  const rel = ps === 1 ? bytes[p]! : bytes[p]! | (bytes[p + 1]! << 8);
  if (rel === 0) throw new DecodeError("sccp", p, `pointer to ${what} is 0`);
  const at = p + ps - 1 + rel;
  if (at < areaEnd) throw new DecodeError("sccp", p, `pointer to ${what} points into the pointer area`);
  if (at >= end) throw new DecodeError("sccp", p, `pointer to ${what} points past the end`);
  return at;
}
