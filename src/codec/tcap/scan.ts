import { BerClass, BerCursor, readInteger, readObjectIdentifier, UniversalTag } from "../ber/index.js";
import {
  AUDT_TAG,
  ComponentType,
  DIALOGUE_AS_ID_CONTENT,
  DialogueFieldTag,
  DialoguePduTag,
  LINKED_ID_TAG,
  UNI_DIALOGUE_AS_ID_CONTENT,
} from "./constants.js";
import {
  checkElementPlace,
  checkRange,
  checkRequired,
  checkTid,
  elementRank,
  invokeIdValue,
  messageTypeOfTag,
} from "./decode.js";
import { asTcapError, Remedy, TcapDecodeError, type TcapPortion } from "./problems.js";

const UNIVERSAL = BerClass.universal;
const APPLICATION = BerClass.application;
const CONTEXT = BerClass.contextSpecific;
const EMPTY = new Uint8Array(0);

/** Dialogue portion kinds reported by `scanTcap` (0 = no dialogue portion). */
export const ScanDialogue = { none: 0, aarq: 1, aare: 2, abrt: 3, audt: 4, external: 5 } as const;
export type ScanDialogue = (typeof ScanDialogue)[keyof typeof ScanDialogue];

/** Kinds of operation/error code reported by `scanTcap`. */
export const ScanCode = { none: 0, local: 1, global: 2 } as const;
export type ScanCode = (typeof ScanCode)[keyof typeof ScanCode];

/** Lower-case hex of a transaction ID held as a number of `octets` octets (`tidHex(0x0a0b, 2)` = "0a0b"). */
export function tidHex(value: number, octets: number): string {
  return value.toString(16).padStart(octets * 2, "0");
}

/**
 * The reusable result of `scanTcap`: create one per worker and pass it to every call; scanning fills it in
 * place and allocates nothing. Offsets are absolute into `bytes`; -1 means absent. Strings are built only
 * by the helper methods, on demand.
 */
export class TcapScan {
  /** The buffer of the last scan (the offsets below point into it). */
  bytes: Uint8Array = EMPTY;
  /** `TcapMessageType` of the message. */
  messageType = 0;
  /** Originating transaction ID as an unsigned number, and its octet count (0 when absent). */
  otid = 0;
  otidLength = 0;
  /** Destination transaction ID as an unsigned number, and its octet count (0 when absent). */
  dtid = 0;
  dtidLength = 0;
  /** P-AbortCause of an Abort, -1 when absent. */
  pAbortCause = -1;
  /** `ScanDialogue` kind of the dialogue portion. */
  dialogue: ScanDialogue = ScanDialogue.none;
  /** Content octets of the application-context-name OID (AARQ, AARE, AUDT). */
  acnStart = -1;
  acnEnd = -1;
  /** Number of components in the component portion. */
  componentCount = 0;
  /** `ComponentType` of the first component, 0 when there is none. */
  componentType = 0;
  /** Invoke ID of the first component; `hasInvokeId` is false for a Reject with a not-derivable ID. */
  hasInvokeId = false;
  invokeId = 0;
  hasLinkedId = false;
  linkedId = 0;
  /**
   * Operation code of the first component (Invoke, ReturnResult with a result) or its error code
   * (ReturnError): `ScanCode` kind, the local value, and for a global code the OID content offsets.
   */
  opcodeKind: ScanCode = ScanCode.none;
  opcode = 0;
  opcodeStart = -1;
  opcodeEnd = -1;
  /** Reject problem type (`ProblemType`) and code of the first component, -1 when not a Reject. */
  problemType = -1;
  problem = 0;
  /** Parameter TLV(s) of the first component, tag included (what MAP decodes from). */
  paramStart = -1;
  paramEnd = -1;
  /** The cursor the scanner reads with (reused across calls). */
  readonly cursor = new BerCursor(EMPTY);

  /** Originating transaction ID as lower-case hex, if present. */
  otidHex(): string | undefined {
    return this.otidLength ? tidHex(this.otid, this.otidLength) : undefined;
  }

  /** Destination transaction ID as lower-case hex, if present. */
  dtidHex(): string | undefined {
    return this.dtidLength ? tidHex(this.dtid, this.dtidLength) : undefined;
  }

  /** The application-context-name in dotted decimal, if the dialogue portion carries one. */
  applicationContext(): string | undefined {
    return this.acnStart < 0 ? undefined : readObjectIdentifier(this.bytes, this.acnStart, this.acnEnd);
  }

  /** The first component's global operation (or error) code in dotted decimal, if it has one. */
  opcodeOid(): string | undefined {
    return this.opcodeKind === ScanCode.global
      ? readObjectIdentifier(this.bytes, this.opcodeStart, this.opcodeEnd)
      : undefined;
  }

  reset(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.cursor.bytes = bytes;
    this.messageType = 0;
    this.otid = 0;
    this.otidLength = 0;
    this.dtid = 0;
    this.dtidLength = 0;
    this.pAbortCause = -1;
    this.dialogue = ScanDialogue.none;
    this.acnStart = -1;
    this.acnEnd = -1;
    this.componentCount = 0;
    this.componentType = 0;
    this.hasInvokeId = false;
    this.invokeId = 0;
    this.hasLinkedId = false;
    this.linkedId = 0;
    this.opcodeKind = ScanCode.none;
    this.opcode = 0;
    this.opcodeStart = -1;
    this.opcodeEnd = -1;
    this.problemType = -1;
    this.problem = 0;
    this.paramStart = -1;
    this.paramEnd = -1;
  }
}

function readTid(bytes: Uint8Array, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) v = v * 256 + bytes[i]!;
  return v;
}

function sameOctets(bytes: Uint8Array, start: number, end: number, want: readonly number[]): boolean {
  if (end - start !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (bytes[start + i] !== want[i]) return false;
  return true;
}

/**
 * Hot-path walker: fills `out` with the message type, transaction IDs, the dialogue APDU kind and
 * application-context offsets, the component count, and the first component's type, IDs, code and
 * parameter offsets, allocating nothing. It validates the transaction portion as `decodeTcap` does and the
 * parts it reads; what it skips (later components' contents, the rest of the dialogue APDU) is only checked
 * for TLV structure, so `decodeTcap` may still reject a message `scanTcap` accepted, never the reverse.
 * Throws only `TcapDecodeError`.
 */
export function scanTcap(bytes: Uint8Array, start: number, end: number, out: TcapScan): TcapScan {
  checkRange(bytes, start, end);
  out.reset(bytes);
  const c = out.cursor;
  let portion: TcapPortion = "transaction";
  try {
    if (start >= end) {
      throw new TcapDecodeError(
        start,
        "empty TCAP message",
        "transaction",
        Remedy.badlyFormattedTransactionPortion,
      );
    }
    const type = messageTypeOfTag(bytes[start]!);
    if (type < 0) {
      throw new TcapDecodeError(
        start,
        "unrecognized message type tag",
        "transaction",
        Remedy.unrecognizedMessageType,
      );
    }
    out.messageType = type;
    c.read(start, end);
    if (c.end !== end) {
      throw new TcapDecodeError(
        c.end,
        "octets after the end of the TCAP message",
        "transaction",
        Remedy.badlyFormattedTransactionPortion,
      );
    }
    let at = c.valueStart;
    const valueEnd = c.valueEnd;
    let previous = 0;
    let present = 0;
    let dialogueStart = -1;
    let dialogueEnd = 0;
    let componentsStart = -1;
    let componentsEnd = 0;
    // As in decodeTcap: the whole transaction portion first, then the dialogue and component portions.
    while (at < valueEnd) {
      c.read(at, valueEnd);
      const tagStart = c.start;
      const vs = c.valueStart;
      const ve = c.valueEnd;
      const next = c.end;
      const rank = elementRank(c);
      checkElementPlace(type, rank, previous, tagStart);
      previous = rank;
      present |= 1 << rank;
      switch (rank) {
        case 1:
          checkTid(tagStart, ve - vs, "otid");
          out.otid = readTid(bytes, vs, ve);
          out.otidLength = ve - vs;
          break;
        case 2:
          checkTid(tagStart, ve - vs, "dtid");
          out.dtid = readTid(bytes, vs, ve);
          out.dtidLength = ve - vs;
          break;
        case 3:
          out.pAbortCause = readInteger(bytes, vs, ve);
          break;
        case 4:
          dialogueStart = vs;
          dialogueEnd = ve;
          break;
        default:
          componentsStart = vs;
          componentsEnd = ve;
      }
      at = next;
    }
    checkRequired(type, present, start);
    if (out.pAbortCause !== -1 && dialogueStart >= 0) {
      throw new TcapDecodeError(
        start,
        "Abort with both p-abortCause and a dialogue portion",
        "transaction",
        Remedy.incorrectTransactionPortion,
      );
    }
    if (dialogueStart >= 0) {
      portion = "dialogue";
      scanDialogue(bytes, c, dialogueStart, dialogueEnd, out);
    }
    if (componentsStart >= 0) {
      portion = "component";
      scanComponents(bytes, c, componentsStart, componentsEnd, out);
    }
    return out;
  } catch (e) {
    throw asTcapError(
      e,
      portion,
      portion === "transaction"
        ? Remedy.badlyFormattedTransactionPortion
        : portion === "dialogue"
          ? Remedy.abnormalDialogue
          : Remedy.badlyStructuredComponent,
    );
  }
}

function dialogueError(offset: number, reason: string): TcapDecodeError {
  return new TcapDecodeError(offset, reason, "dialogue", Remedy.abnormalDialogue);
}

/** Classifies the dialogue portion content `[s, e)` and finds the application-context-name OID. */
function scanDialogue(bytes: Uint8Array, c: BerCursor, s: number, e: number, out: TcapScan): void {
  if (s >= e) throw dialogueError(s, "empty dialogue portion");
  c.read(s, e);
  if (!c.is(UNIVERSAL, true, UniversalTag.external))
    throw dialogueError(s, "dialogue portion does not hold an EXTERNAL");
  const xe = c.valueEnd;
  out.dialogue = ScanDialogue.external;
  if (c.valueStart >= xe) return;
  c.read(c.valueStart, xe);
  if (!c.is(UNIVERSAL, false, UniversalTag.objectIdentifier)) return;
  const structured = sameOctets(bytes, c.valueStart, c.valueEnd, DIALOGUE_AS_ID_CONTENT);
  if (!structured && !sameOctets(bytes, c.valueStart, c.valueEnd, UNI_DIALOGUE_AS_ID_CONTENT)) return;
  if (c.end >= xe) return;
  c.read(c.end, xe);
  if (!c.is(CONTEXT, true, 0) || c.valueStart >= c.valueEnd) return;
  c.read(c.valueStart, c.valueEnd);
  if (c.tagClass !== APPLICATION || !c.constructed) return;
  const tag = c.tagNumber;
  if (structured) {
    if (tag === DialoguePduTag.aarq) out.dialogue = ScanDialogue.aarq;
    else if (tag === DialoguePduTag.aare) out.dialogue = ScanDialogue.aare;
    else if (tag === DialoguePduTag.abrt) {
      out.dialogue = ScanDialogue.abrt;
      return;
    } else return;
  } else if (tag === AUDT_TAG) out.dialogue = ScanDialogue.audt;
  else return;
  // AARQ / AARE / AUDT: protocol-version [0]? then application-context-name [1] { OID }.
  const pe = c.valueEnd;
  let at = c.valueStart;
  if (at >= pe) throw dialogueError(at, "dialogue APDU without application-context-name");
  c.read(at, pe);
  if (c.is(CONTEXT, false, DialogueFieldTag.protocolVersion)) {
    at = c.end;
    if (at >= pe) throw dialogueError(at, "dialogue APDU without application-context-name");
    c.read(at, pe);
  }
  if (!c.is(CONTEXT, true, DialogueFieldTag.applicationContextName) || c.valueStart >= c.valueEnd) {
    throw dialogueError(c.start, "dialogue APDU without application-context-name");
  }
  const acnEnd = c.valueEnd;
  c.read(c.valueStart, acnEnd);
  if (!c.is(UNIVERSAL, false, UniversalTag.objectIdentifier) || c.end !== acnEnd || c.valueLength === 0) {
    throw dialogueError(c.start, "application-context-name is mistyped");
  }
  out.acnStart = c.valueStart;
  out.acnEnd = c.valueEnd;
}

function componentError(offset: number, reason: string, unrecognized = false): TcapDecodeError {
  return new TcapDecodeError(
    offset,
    reason,
    "component",
    unrecognized ? Remedy.unrecognizedComponent : Remedy.mistypedComponent,
  );
}

function isComponentTag(c: BerCursor): boolean {
  if (c.tagClass !== CONTEXT || !c.constructed) return false;
  const t = c.tagNumber;
  return (
    t === ComponentType.invoke ||
    t === ComponentType.returnResultLast ||
    t === ComponentType.returnError ||
    t === ComponentType.reject ||
    t === ComponentType.returnResultNotLast
  );
}

function scanComponents(bytes: Uint8Array, c: BerCursor, s: number, e: number, out: TcapScan): void {
  let at = s;
  let count = 0;
  while (at < e) {
    c.read(at, e);
    const next = c.end;
    if (!isComponentTag(c)) throw componentError(c.start, "unrecognized component type", true);
    if (count === 0) scanFirstComponent(bytes, c, out);
    count++;
    at = next;
  }
  out.componentCount = count;
}

/** Reads an operation/error code at the cursor into `out`. */
function scanCode(bytes: Uint8Array, c: BerCursor, out: TcapScan): void {
  if (c.is(UNIVERSAL, false, UniversalTag.integer)) {
    out.opcodeKind = ScanCode.local;
    out.opcode = readInteger(bytes, c.valueStart, c.valueEnd);
  } else if (c.is(UNIVERSAL, false, UniversalTag.objectIdentifier)) {
    if (c.valueLength === 0) throw componentError(c.start, "empty global code");
    out.opcodeKind = ScanCode.global;
    out.opcodeStart = c.valueStart;
    out.opcodeEnd = c.valueEnd;
  } else {
    throw componentError(c.start, "code is neither a local INTEGER nor a global OID");
  }
}

function scanParameter(c: BerCursor, at: number, e: number, out: TcapScan): void {
  if (at >= e) return;
  out.paramStart = at;
  out.paramEnd = e;
  while (at < e) at = c.read(at, e).end;
}

function scanFirstComponent(bytes: Uint8Array, c: BerCursor, out: TcapScan): void {
  const tag = c.tagNumber;
  const tagStart = c.start;
  const e = c.valueEnd;
  let at = c.valueStart;
  out.componentType = tag;
  if (at >= e) throw componentError(tagStart, "component without invokeID");
  c.read(at, e);
  if (c.is(UNIVERSAL, false, UniversalTag.integer)) {
    out.invokeId = invokeIdValue(bytes, c.valueStart, c.valueEnd, c.start);
    out.hasInvokeId = true;
  } else if (
    !(tag === ComponentType.reject && c.is(UNIVERSAL, false, UniversalTag.null) && c.valueLength === 0)
  ) {
    throw componentError(c.start, "component without invokeID");
  }
  at = c.end;
  switch (tag) {
    case ComponentType.invoke: {
      if (at >= e) throw componentError(tagStart, "Invoke without operationCode");
      c.read(at, e);
      if (c.is(CONTEXT, false, LINKED_ID_TAG)) {
        out.linkedId = invokeIdValue(bytes, c.valueStart, c.valueEnd, c.start);
        out.hasLinkedId = true;
        at = c.end;
        if (at >= e) throw componentError(tagStart, "Invoke without operationCode");
        c.read(at, e);
      }
      scanCode(bytes, c, out);
      scanParameter(c, c.end, e, out);
      return;
    }
    case ComponentType.returnError:
      if (at >= e) throw componentError(tagStart, "ReturnError without errorCode");
      c.read(at, e);
      scanCode(bytes, c, out);
      scanParameter(c, c.end, e, out);
      return;
    case ComponentType.reject:
      if (at >= e) throw componentError(tagStart, "Reject without a problem code");
      c.read(at, e);
      if (c.tagClass !== CONTEXT || c.constructed || c.tagNumber > 3 || c.end !== e) {
        throw componentError(c.start, "Reject without a problem code");
      }
      out.problemType = c.tagNumber;
      out.problem = readInteger(bytes, c.valueStart, c.valueEnd);
      return;
    default: {
      // ReturnResult (last / not last): result SEQUENCE { operationCode, parameter } OPTIONAL
      if (at >= e) return;
      c.read(at, e);
      if (!c.is(UNIVERSAL, true, UniversalTag.sequence) || c.end !== e) {
        throw componentError(c.start, "ReturnResult result is not a SEQUENCE");
      }
      const se = c.valueEnd;
      if (c.valueStart >= se) throw componentError(c.start, "ReturnResult result without operationCode");
      c.read(c.valueStart, se);
      scanCode(bytes, c, out);
      scanParameter(c, c.end, se, out);
    }
  }
}
