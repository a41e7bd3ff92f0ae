import { BerClass, BerCursor, readInteger, readObjectIdentifier, UniversalTag } from "../ber/index.js";
import { toHex } from "../bytes.js";
import {
  AUDT_TAG,
  ComponentType,
  DIALOGUE_AS_ID_CONTENT,
  DiagnosticSourceTag,
  DialogueFieldTag,
  DialoguePduTag,
  INVOKE_ID_MAX,
  INVOKE_ID_MIN,
  LINKED_ID_TAG,
  type ProblemType,
  TcapElementTag,
  TcapMessageType,
  TID_MAX_OCTETS,
  TID_MIN_OCTETS,
  UNI_DIALOGUE_AS_ID_CONTENT,
} from "./constants.js";
import { asTcapError, Remedy, TcapDecodeError, type TcapRemedy } from "./problems.js";
import type {
  TcapAare,
  TcapAarq,
  TcapAbrt,
  TcapAudt,
  TcapCode,
  TcapComponent,
  TcapDialogue,
  TcapExternalDialogue,
  TcapInvoke,
  TcapMessage,
  TcapReject,
  TcapReturnError,
  TcapReturnResult,
  UserInformationOffsets,
} from "./types.js";

const UNIVERSAL = BerClass.universal;
const APPLICATION = BerClass.application;
const CONTEXT = BerClass.contextSpecific;

function txError(offset: number, reason: string, remedy: TcapRemedy): TcapDecodeError {
  return new TcapDecodeError(offset, reason, "transaction", remedy);
}

function dialogueError(offset: number, reason: string): TcapDecodeError {
  return new TcapDecodeError(offset, reason, "dialogue", Remedy.abnormalDialogue);
}

function componentError(offset: number, reason: string, remedy: TcapRemedy): TcapDecodeError {
  return new TcapDecodeError(offset, reason, "component", remedy);
}

/** Throws unless `[start, end)` is a valid range of `bytes` (a caller bug, reported like bad input). */
export function checkRange(bytes: Uint8Array, start: number, end: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > bytes.length || start > end) {
    throw txError(
      start,
      `range [${start}, ${end}) is outside the ${bytes.length}-octet buffer`,
      Remedy.badlyFormattedTransactionPortion,
    );
  }
}

/**
 * Walks the elements of one constructed value. `peek()` reads the next TLV header into the shared cursor
 * and remembers where it ends, so nested walkers may reuse the cursor before `advance()`.
 */
class Walker {
  private next = 0;
  constructor(
    private readonly c: BerCursor,
    public at: number,
    private readonly end: number,
  ) {}

  peek(): BerCursor | undefined {
    if (this.at >= this.end) return undefined;
    this.c.read(this.at, this.end);
    this.next = this.c.end;
    return this.c;
  }

  advance(): void {
    this.at = this.next;
  }
}

/** Reads TLVs across `[at, end)` so that opaque parts are known to be well formed; allocates nothing. */
function skipTlvs(c: BerCursor, at: number, end: number): void {
  while (at < end) at = c.read(at, end).end;
}

// --- Transaction portion (Q.773 TCAPMessages) ---

/** Order of the transaction portion elements inside each message SEQUENCE. */
const Rank = { otid: 1, dtid: 2, pAbortCause: 3, dialogue: 4, components: 5 } as const;

/** Bit masks (1 << rank) of the elements each message type allows and requires (Q.773 TCAPMessages). */
const ALLOWED: Record<number, number> = {
  [TcapMessageType.unidirectional]: (1 << Rank.dialogue) | (1 << Rank.components),
  [TcapMessageType.begin]: (1 << Rank.otid) | (1 << Rank.dialogue) | (1 << Rank.components),
  [TcapMessageType.end]: (1 << Rank.dtid) | (1 << Rank.dialogue) | (1 << Rank.components),
  [TcapMessageType.continue]:
    (1 << Rank.otid) | (1 << Rank.dtid) | (1 << Rank.dialogue) | (1 << Rank.components),
  [TcapMessageType.abort]: (1 << Rank.dtid) | (1 << Rank.pAbortCause) | (1 << Rank.dialogue),
};
const REQUIRED: Record<number, number> = {
  [TcapMessageType.unidirectional]: 1 << Rank.components,
  [TcapMessageType.begin]: 1 << Rank.otid,
  [TcapMessageType.end]: 1 << Rank.dtid,
  [TcapMessageType.continue]: (1 << Rank.otid) | (1 << Rank.dtid),
  [TcapMessageType.abort]: 1 << Rank.dtid,
};
const RANK_NAME = ["", "otid", "dtid", "p-abortCause", "dialoguePortion", "components"] as const;
const MESSAGE_NAME: Record<number, string> = {
  1: "Unidirectional",
  2: "Begin",
  4: "End",
  5: "Continue",
  7: "Abort",
};

/** The message type of a TCAP identifier octet, or -1 (Q.773 TCMessage: constructed [APPLICATION 1|2|4|5|7]). */
export function messageTypeOfTag(id: number): number {
  switch (id) {
    case 0x61:
    case 0x62:
    case 0x64:
    case 0x65:
    case 0x67:
      return id & 0x1f;
    default:
      return -1;
  }
}

/** Transaction ID content check shared with the scanner (Q.773: OCTET STRING SIZE (1..4)). */
export function checkTid(tagStart: number, length: number, which: "otid" | "dtid"): void {
  if (length < TID_MIN_OCTETS || length > TID_MAX_OCTETS) {
    throw txError(
      tagStart,
      `${which} of ${length} octets (Q.773 allows 1..4)`,
      Remedy.badlyFormattedTransactionPortion,
    );
  }
}

/** Rank of a transaction-portion element from its tag, or throws (shared with the scanner). */
export function elementRank(c: BerCursor): number {
  if (c.tagClass === APPLICATION) {
    switch (c.tagNumber) {
      case TcapElementTag.otid:
        if (!c.constructed) return Rank.otid;
        break;
      case TcapElementTag.dtid:
        if (!c.constructed) return Rank.dtid;
        break;
      case TcapElementTag.pAbortCause:
        if (!c.constructed) return Rank.pAbortCause;
        break;
      case TcapElementTag.dialoguePortion:
        if (c.constructed) return Rank.dialogue;
        break;
      case TcapElementTag.componentPortion:
        if (c.constructed) return Rank.components;
        break;
    }
  }
  throw txError(
    c.start,
    "unexpected element in the transaction portion",
    Remedy.badlyFormattedTransactionPortion,
  );
}

/** Checks an element of `rank` may follow `previous` in a message of `type`; returns the new mask bit. */
export function checkElementPlace(type: number, rank: number, previous: number, tagStart: number): void {
  if ((ALLOWED[type]! & (1 << rank)) === 0) {
    throw txError(
      tagStart,
      `${MESSAGE_NAME[type]} must not carry ${RANK_NAME[rank]}`,
      Remedy.incorrectTransactionPortion,
    );
  }
  if (rank <= previous) {
    throw txError(
      tagStart,
      `${RANK_NAME[rank]} repeated or out of order`,
      Remedy.incorrectTransactionPortion,
    );
  }
}

/** Checks the mandatory elements after the walk (Q.773: Begin needs otid, End/Abort dtid, Continue both). */
export function checkRequired(type: number, present: number, messageStart: number): void {
  const missing = REQUIRED[type]! & ~present;
  if (missing === 0) return;
  let rank = 1;
  while ((missing & (1 << rank)) === 0) rank++;
  throw txError(
    messageStart,
    `${MESSAGE_NAME[type]} without ${RANK_NAME[rank]}`,
    Remedy.incorrectTransactionPortion,
  );
}

/**
 * Decodes one TCAP message (ITU-T Q.773) filling `[start, end)`. Definite and indefinite lengths are
 * accepted. Throws only `TcapDecodeError` (a `DecodeError`, layer "tcap") with a Q.774 remedy.
 */
export function decodeTcap(bytes: Uint8Array, start = 0, end: number = bytes.length): TcapMessage {
  checkRange(bytes, start, end);
  const c = new BerCursor(bytes);
  try {
    return decodeMessage(bytes, c, start, end);
  } catch (e) {
    throw asTcapError(e, "transaction", Remedy.badlyFormattedTransactionPortion);
  }
}

function decodeMessage(bytes: Uint8Array, c: BerCursor, start: number, end: number): TcapMessage {
  if (start >= end) throw txError(start, "empty TCAP message", Remedy.badlyFormattedTransactionPortion);
  const type = messageTypeOfTag(bytes[start]!);
  if (type < 0) {
    throw txError(
      start,
      `unrecognized message type tag 0x${toHex(bytes, start, start + 1)}`,
      Remedy.unrecognizedMessageType,
    );
  }
  c.read(start, end);
  if (c.end !== end) {
    throw txError(c.end, "octets after the end of the TCAP message", Remedy.badlyFormattedTransactionPortion);
  }
  let at = c.valueStart;
  const valueEnd = c.valueEnd;
  let previous = 0;
  let present = 0;
  let otid: string | undefined;
  let dtid: string | undefined;
  let pAbortCause: number | undefined;
  let dialogueAt = -1;
  let dialogueStart = 0;
  let dialogueEnd = 0;
  let componentsStart = -1;
  let componentsEnd = 0;
  // The transaction portion is checked in full before the dialogue and component portions are read, so
  // a transaction-level problem (the one Q.774 acts on first) is the one reported.
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
      case Rank.otid:
        checkTid(tagStart, ve - vs, "otid");
        otid = toHex(bytes, vs, ve);
        break;
      case Rank.dtid:
        checkTid(tagStart, ve - vs, "dtid");
        dtid = toHex(bytes, vs, ve);
        break;
      case Rank.pAbortCause:
        pAbortCause = readInteger(bytes, vs, ve);
        break;
      case Rank.dialogue:
        dialogueAt = tagStart;
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
  if (pAbortCause !== undefined && dialogueAt >= 0) {
    // Q.773 Abort: reason CHOICE { p-abortCause, u-abortCause } OPTIONAL — at most one of the two.
    throw txError(
      start,
      "Abort with both p-abortCause and a dialogue portion",
      Remedy.incorrectTransactionPortion,
    );
  }
  const dialogue = dialogueAt >= 0 ? dialogueIn(bytes, c, dialogueAt, dialogueStart, dialogueEnd) : undefined;
  const components =
    componentsStart >= 0 ? componentsIn(bytes, c, componentsStart, componentsEnd) : undefined;
  switch (type) {
    case TcapMessageType.unidirectional: {
      const m: TcapMessage = { type: "unidirectional", components: components! };
      if (dialogue) m.dialogue = dialogue;
      return m;
    }
    case TcapMessageType.begin: {
      const m: TcapMessage = { type: "begin", otid: otid! };
      if (dialogue) m.dialogue = dialogue;
      if (components) m.components = components;
      return m;
    }
    case TcapMessageType.end: {
      const m: TcapMessage = { type: "end", dtid: dtid! };
      if (dialogue) m.dialogue = dialogue;
      if (components) m.components = components;
      return m;
    }
    case TcapMessageType.continue: {
      const m: TcapMessage = { type: "continue", otid: otid!, dtid: dtid! };
      if (dialogue) m.dialogue = dialogue;
      if (components) m.components = components;
      return m;
    }
    default: {
      const m: TcapMessage = { type: "abort", dtid: dtid! };
      if (pAbortCause !== undefined) m.pAbortCause = pAbortCause;
      if (dialogue) m.dialogue = dialogue;
      return m;
    }
  }
}

// --- Dialogue portion (Q.773 DialoguePDUs, UnidialoguePDUs) ---

/**
 * Decodes a dialogue portion TLV (`6b …`, DialoguePortion ::= [APPLICATION 11] EXPLICIT EXTERNAL) filling
 * `[start, end)`.
 */
export function decodeDialoguePortion(
  bytes: Uint8Array,
  start = 0,
  end: number = bytes.length,
): TcapDialogue {
  checkRange(bytes, start, end);
  const c = new BerCursor(bytes);
  try {
    c.read(start, end);
    if (!c.is(APPLICATION, true, TcapElementTag.dialoguePortion)) {
      throw dialogueError(start, "not a dialogue portion ([APPLICATION 11])");
    }
    if (c.end !== end) throw dialogueError(c.end, "octets after the dialogue portion");
    return dialogueIn(bytes, c, start, c.valueStart, c.valueEnd);
  } catch (e) {
    throw asTcapError(e, "dialogue", Remedy.abnormalDialogue);
  }
}

function sameOctets(bytes: Uint8Array, start: number, end: number, want: readonly number[]): boolean {
  if (end - start !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (bytes[start + i] !== want[i]) return false;
  return true;
}

function dialogueIn(
  bytes: Uint8Array,
  c: BerCursor,
  portionStart: number,
  s: number,
  e: number,
): TcapDialogue {
  try {
    return dialogueBody(bytes, c, portionStart, s, e);
  } catch (err) {
    throw asTcapError(err, "dialogue", Remedy.abnormalDialogue);
  }
}

function dialogueBody(
  bytes: Uint8Array,
  c: BerCursor,
  portionStart: number,
  s: number,
  e: number,
): TcapDialogue {
  if (s >= e) throw dialogueError(portionStart, "empty dialogue portion");
  c.read(s, e);
  if (!c.is(UNIVERSAL, true, UniversalTag.external)) {
    throw dialogueError(s, "dialogue portion does not hold an EXTERNAL");
  }
  if (c.end !== e) throw dialogueError(c.end, "octets after the EXTERNAL in the dialogue portion");
  const externalStart = c.start;
  const externalEnd = c.end;
  // X.690 §8.18 / X.208 EXTERNAL: direct-reference OID?, indirect-reference INTEGER?, data-value-descriptor?,
  // encoding CHOICE { single-ASN1-type [0], octet-aligned [1], arbitrary [2] }.
  const w = new Walker(c, c.valueStart, c.valueEnd);
  let t = w.peek();
  let refStart = -1;
  let refEnd = -1;
  let plain = true;
  if (t?.is(UNIVERSAL, false, UniversalTag.objectIdentifier)) {
    refStart = t.valueStart;
    refEnd = t.valueEnd;
    w.advance();
    t = w.peek();
  }
  if (t?.is(UNIVERSAL, false, UniversalTag.integer)) {
    plain = false;
    w.advance();
    t = w.peek();
  }
  if (t && t.tagClass === UNIVERSAL && t.tagNumber === 7) {
    plain = false; // ObjectDescriptor
    w.advance();
    t = w.peek();
  }
  if (!t || t.tagClass !== CONTEXT || t.tagNumber > 2) {
    throw dialogueError(t ? t.start : externalStart, "EXTERNAL without an encoding");
  }
  const encodingTag = t.tagNumber;
  const encodingConstructed = t.constructed;
  const es = t.valueStart;
  const ee = t.valueEnd;
  w.advance();
  if (w.peek()) throw dialogueError(w.at, "element after the EXTERNAL encoding");
  if (encodingTag !== 0) {
    if (encodingConstructed) skipTlvs(c, es, ee);
    return externalDialogue(bytes, refStart, refEnd, externalStart, externalEnd);
  }
  if (!encodingConstructed) throw dialogueError(es, "single-ASN1-type must be constructed");
  if (es >= ee) throw dialogueError(es, "empty single-ASN1-type");
  c.read(es, ee);
  if (c.end !== ee) throw dialogueError(c.end, "more than one value in single-ASN1-type");
  const structured = sameOctets(bytes, refStart, refEnd, DIALOGUE_AS_ID_CONTENT);
  const unstructured = !structured && sameOctets(bytes, refStart, refEnd, UNI_DIALOGUE_AS_ID_CONTENT);
  if (!plain || !c.constructed || c.tagClass !== APPLICATION || (!structured && !unstructured)) {
    skipTlvs(c, es, ee);
    return externalDialogue(bytes, refStart, refEnd, externalStart, externalEnd);
  }
  const pduTag = c.tagNumber;
  const ps = c.valueStart;
  const pe = c.valueEnd;
  if (unstructured) {
    if (pduTag === AUDT_TAG) return requestPdu(bytes, c, "audt", ps, pe, es);
  } else if (pduTag === DialoguePduTag.aarq) {
    return requestPdu(bytes, c, "aarq", ps, pe, es);
  } else if (pduTag === DialoguePduTag.aare) {
    return aarePdu(bytes, c, ps, pe, es);
  } else if (pduTag === DialoguePduTag.abrt) {
    return abrtPdu(bytes, c, ps, pe, es);
  }
  skipTlvs(c, es, ee);
  return externalDialogue(bytes, refStart, refEnd, externalStart, externalEnd);
}

/** The generic form of a well-formed EXTERNAL that is not a Q.773 dialogue APDU. */
function externalDialogue(
  bytes: Uint8Array,
  refStart: number,
  refEnd: number,
  externalStart: number,
  externalEnd: number,
): TcapExternalDialogue {
  const d: TcapExternalDialogue = { type: "external", externalStart, externalEnd };
  if (refStart >= 0) d.directReference = readObjectIdentifier(bytes, refStart, refEnd);
  return d;
}

/** protocol-version [0] IMPLICIT BIT STRING (X.690 §8.6.2: first octet = unused bits 0..7). */
function protocolVersion(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n < 1) throw dialogueError(start, "protocol-version without content octets");
  const unused = bytes[start]!;
  if (unused > 7 || (n === 1 && unused !== 0)) {
    throw dialogueError(start, `protocol-version with ${unused} unused bits`);
  }
  return toHex(bytes, start, end);
}

/** [n] EXPLICIT wrapper holding exactly one primitive value of the given universal tag. */
function explicitInner(c: BerCursor, s: number, e: number, tag: number, what: string): void {
  if (s >= e) throw dialogueError(s, `${what} is empty`);
  c.read(s, e);
  if (!c.is(UNIVERSAL, false, tag) || c.end !== e) throw dialogueError(s, `${what} is mistyped`);
}

/** application-context-name [1] OBJECT IDENTIFIER (explicitly tagged in the DialoguePDUs module). */
function contextName(bytes: Uint8Array, c: BerCursor, s: number, e: number): string {
  explicitInner(c, s, e, UniversalTag.objectIdentifier, "application-context-name");
  return readObjectIdentifier(bytes, c.valueStart, c.valueEnd);
}

/** Optional user-information [30] and then the end of the APDU. */
function userInformation(c: BerCursor, w: Walker, out: UserInformationOffsets, what: string): void {
  let t = w.peek();
  if (t?.is(CONTEXT, true, DialogueFieldTag.userInformation)) {
    const s = t.valueStart;
    const e = t.valueEnd;
    w.advance();
    skipTlvs(c, s, e);
    out.userInformationStart = s;
    out.userInformationEnd = e;
    t = w.peek();
  }
  if (t) throw dialogueError(t.start, `unexpected element in ${what}`);
}

function requestPdu(
  bytes: Uint8Array,
  c: BerCursor,
  type: "aarq" | "audt",
  s: number,
  e: number,
  pduStart: number,
): TcapAarq | TcapAudt {
  const what = type === "aarq" ? "AARQ" : "AUDT";
  const w = new Walker(c, s, e);
  let t = w.peek();
  let version: string | undefined;
  if (t?.is(CONTEXT, false, DialogueFieldTag.protocolVersion)) {
    version = protocolVersion(bytes, t.valueStart, t.valueEnd);
    w.advance();
    t = w.peek();
  }
  if (!t?.is(CONTEXT, true, DialogueFieldTag.applicationContextName)) {
    throw dialogueError(t ? t.start : pduStart, `${what} without application-context-name`);
  }
  w.advance();
  const applicationContext = contextName(bytes, c, t.valueStart, t.valueEnd);
  const pdu: TcapAarq | TcapAudt = { type, applicationContext } as TcapAarq | TcapAudt;
  if (version !== undefined) pdu.protocolVersion = version;
  userInformation(c, w, pdu, what);
  return pdu;
}

function aarePdu(bytes: Uint8Array, c: BerCursor, s: number, e: number, pduStart: number): TcapAare {
  const w = new Walker(c, s, e);
  let t = w.peek();
  let version: string | undefined;
  if (t?.is(CONTEXT, false, DialogueFieldTag.protocolVersion)) {
    version = protocolVersion(bytes, t.valueStart, t.valueEnd);
    w.advance();
    t = w.peek();
  }
  if (!t?.is(CONTEXT, true, DialogueFieldTag.applicationContextName)) {
    throw dialogueError(t ? t.start : pduStart, "AARE without application-context-name");
  }
  w.advance();
  const applicationContext = contextName(bytes, c, t.valueStart, t.valueEnd);
  t = w.peek();
  if (!t?.is(CONTEXT, true, DialogueFieldTag.result)) {
    throw dialogueError(t ? t.start : pduStart, "AARE without result");
  }
  w.advance();
  explicitInner(c, t.valueStart, t.valueEnd, UniversalTag.integer, "AARE result");
  const result = readInteger(bytes, c.valueStart, c.valueEnd);
  t = w.peek();
  if (!t?.is(CONTEXT, true, DialogueFieldTag.resultSourceDiagnostic)) {
    throw dialogueError(t ? t.start : pduStart, "AARE without result-source-diagnostic");
  }
  w.advance();
  const ds = t.valueStart;
  const de = t.valueEnd;
  if (ds >= de) throw dialogueError(ds, "empty result-source-diagnostic");
  c.read(ds, de);
  if (c.end !== de || c.tagClass !== CONTEXT || !c.constructed) {
    throw dialogueError(ds, "result-source-diagnostic is mistyped");
  }
  let diagnosticSource: TcapAare["diagnosticSource"];
  if (c.tagNumber === DiagnosticSourceTag.dialogueServiceUser) diagnosticSource = "dialogueServiceUser";
  else if (c.tagNumber === DiagnosticSourceTag.dialogueServiceProvider)
    diagnosticSource = "dialogueServiceProvider";
  else throw dialogueError(ds, "result-source-diagnostic is neither user [1] nor provider [2]");
  explicitInner(c, c.valueStart, c.valueEnd, UniversalTag.integer, "result-source-diagnostic");
  const diagnostic = readInteger(bytes, c.valueStart, c.valueEnd);
  const pdu: TcapAare = { type: "aare", applicationContext, result, diagnosticSource, diagnostic };
  if (version !== undefined) pdu.protocolVersion = version;
  userInformation(c, w, pdu, "AARE");
  return pdu;
}

function abrtPdu(bytes: Uint8Array, c: BerCursor, s: number, e: number, pduStart: number): TcapAbrt {
  const w = new Walker(c, s, e);
  const t = w.peek();
  // abort-source [0] IMPLICIT ABRT-source (an INTEGER).
  if (!t?.is(CONTEXT, false, DialogueFieldTag.abortSource)) {
    throw dialogueError(t ? t.start : pduStart, "ABRT without abort-source");
  }
  const pdu: TcapAbrt = { type: "abrt", abortSource: readInteger(bytes, t.valueStart, t.valueEnd) };
  w.advance();
  userInformation(c, w, pdu, "ABRT");
  return pdu;
}

// --- Component portion (Q.773 TCAPMessages, Component) ---

/** Decodes the content of a component portion (the component TLVs inside `6c …`). */
export function decodeComponents(bytes: Uint8Array, start = 0, end: number = bytes.length): TcapComponent[] {
  checkRange(bytes, start, end);
  return componentsIn(bytes, new BerCursor(bytes), start, end);
}

/** Decodes one component TLV (`a1 …` Invoke, `a2`/`a7` ReturnResult, `a3` ReturnError, `a4` Reject) filling `[start, end)`. */
export function decodeComponent(bytes: Uint8Array, start = 0, end: number = bytes.length): TcapComponent {
  checkRange(bytes, start, end);
  const c = new BerCursor(bytes);
  try {
    c.read(start, end);
    if (c.end !== end) {
      throw componentError(c.end, "octets after the component", Remedy.badlyStructuredComponent);
    }
    return componentBody(bytes, c);
  } catch (e) {
    throw asTcapError(e, "component", Remedy.badlyStructuredComponent);
  }
}

function componentsIn(bytes: Uint8Array, c: BerCursor, s: number, e: number): TcapComponent[] {
  const out: TcapComponent[] = [];
  try {
    let at = s;
    while (at < e) {
      c.read(at, e);
      const next = c.end;
      out.push(componentBody(bytes, c));
      at = next;
    }
  } catch (err) {
    throw asTcapError(err, "component", Remedy.badlyStructuredComponent);
  }
  return out;
}

/** The invoke ID range check (Q.773 InvokeIdType ::= INTEGER (-128..127)), shared with the scanner. */
export function invokeIdValue(bytes: Uint8Array, s: number, e: number, tagStart: number): number {
  const v = readInteger(bytes, s, e);
  if (v < INVOKE_ID_MIN || v > INVOKE_ID_MAX) {
    throw componentError(tagStart, `invoke ID ${v} outside -128..127`, Remedy.mistypedComponent);
  }
  return v;
}

function codeValue(bytes: Uint8Array, c: BerCursor, what: string): TcapCode {
  if (c.is(UNIVERSAL, false, UniversalTag.integer)) {
    return { type: "local", value: readInteger(bytes, c.valueStart, c.valueEnd) };
  }
  if (c.is(UNIVERSAL, false, UniversalTag.objectIdentifier)) {
    return { type: "global", oid: readObjectIdentifier(bytes, c.valueStart, c.valueEnd) };
  }
  throw componentError(
    c.start,
    `${what} is neither a local INTEGER nor a global OID`,
    Remedy.mistypedComponent,
  );
}

function componentBody(bytes: Uint8Array, c: BerCursor): TcapComponent {
  const tagStart = c.start;
  if (c.tagClass !== CONTEXT || !c.constructed) {
    throw componentError(tagStart, "unrecognized component type", Remedy.unrecognizedComponent);
  }
  const tag = c.tagNumber;
  const w = new Walker(c, c.valueStart, c.valueEnd);
  const e = c.valueEnd;
  switch (tag) {
    case ComponentType.invoke:
      return invokeBody(bytes, c, w, e, tagStart);
    case ComponentType.returnResultLast:
    case ComponentType.returnResultNotLast:
      return returnResultBody(bytes, c, w, tag, tagStart);
    case ComponentType.returnError:
      return returnErrorBody(bytes, c, w, e, tagStart);
    case ComponentType.reject:
      return rejectBody(bytes, w, tagStart);
    default:
      throw componentError(tagStart, `unrecognized component type [${tag}]`, Remedy.unrecognizedComponent);
  }
}

function invokeIdAt(bytes: Uint8Array, w: Walker, tagStart: number, what: string): number {
  const t = w.peek();
  if (!t?.is(UNIVERSAL, false, UniversalTag.integer)) {
    throw componentError(t ? t.start : tagStart, `${what} without invokeID`, Remedy.mistypedComponent);
  }
  const id = invokeIdValue(bytes, t.valueStart, t.valueEnd, t.start);
  w.advance();
  return id;
}

/** Parameter ANY: everything after the code up to `e`, each TLV checked for structure. */
function parameterOffsets(
  c: BerCursor,
  at: number,
  e: number,
  out: { paramStart?: number; paramEnd?: number },
): void {
  if (at >= e) return;
  skipTlvs(c, at, e);
  out.paramStart = at;
  out.paramEnd = e;
}

function invokeBody(bytes: Uint8Array, c: BerCursor, w: Walker, e: number, tagStart: number): TcapInvoke {
  const invokeId = invokeIdAt(bytes, w, tagStart, "Invoke");
  let t = w.peek();
  let linkedId: number | undefined;
  if (t?.is(CONTEXT, false, LINKED_ID_TAG)) {
    linkedId = invokeIdValue(bytes, t.valueStart, t.valueEnd, t.start);
    w.advance();
    t = w.peek();
  }
  if (!t) throw componentError(tagStart, "Invoke without operationCode", Remedy.mistypedComponent);
  const opcode = codeValue(bytes, t, "operationCode");
  w.advance();
  const inv: TcapInvoke = { type: "invoke", invokeId, opcode };
  if (linkedId !== undefined) inv.linkedId = linkedId;
  parameterOffsets(c, w.at, e, inv);
  return inv;
}

function returnResultBody(
  bytes: Uint8Array,
  c: BerCursor,
  w: Walker,
  tag: number,
  tagStart: number,
): TcapReturnResult {
  const rr: TcapReturnResult = {
    type: tag === ComponentType.returnResultLast ? "returnResultLast" : "returnResultNotLast",
    invokeId: invokeIdAt(bytes, w, tagStart, "ReturnResult"),
  };
  const t = w.peek();
  if (!t) return rr;
  // result SEQUENCE { operationCode, parameter } OPTIONAL
  if (!t.is(UNIVERSAL, true, UniversalTag.sequence)) {
    throw componentError(t.start, "ReturnResult result is not a SEQUENCE", Remedy.mistypedComponent);
  }
  const ss = t.valueStart;
  const se = t.valueEnd;
  w.advance();
  if (w.peek()) throw componentError(w.at, "element after the ReturnResult result", Remedy.mistypedComponent);
  const inner = new Walker(c, ss, se);
  const op = inner.peek();
  if (!op) throw componentError(ss, "ReturnResult result without operationCode", Remedy.mistypedComponent);
  rr.opcode = codeValue(bytes, op, "operationCode");
  inner.advance();
  parameterOffsets(c, inner.at, se, rr);
  return rr;
}

function returnErrorBody(
  bytes: Uint8Array,
  c: BerCursor,
  w: Walker,
  e: number,
  tagStart: number,
): TcapReturnError {
  const invokeId = invokeIdAt(bytes, w, tagStart, "ReturnError");
  const t = w.peek();
  if (!t) throw componentError(tagStart, "ReturnError without errorCode", Remedy.mistypedComponent);
  const errorCode = codeValue(bytes, t, "errorCode");
  w.advance();
  const re: TcapReturnError = { type: "returnError", invokeId, errorCode };
  parameterOffsets(c, w.at, e, re);
  return re;
}

function rejectBody(bytes: Uint8Array, w: Walker, tagStart: number): TcapReject {
  let t = w.peek();
  let invokeId: number | null;
  if (t?.is(UNIVERSAL, false, UniversalTag.integer)) {
    invokeId = invokeIdValue(bytes, t.valueStart, t.valueEnd, t.start);
  } else if (t?.is(UNIVERSAL, false, UniversalTag.null) && t.valueLength === 0) {
    invokeId = null; // not-derivable NULL
  } else {
    throw componentError(t ? t.start : tagStart, "Reject without invokeID", Remedy.mistypedComponent);
  }
  w.advance();
  t = w.peek();
  if (!t || t.tagClass !== CONTEXT || t.constructed || t.tagNumber > 3) {
    throw componentError(t ? t.start : tagStart, "Reject without a problem code", Remedy.mistypedComponent);
  }
  const problemType = t.tagNumber as ProblemType;
  const problem = readInteger(bytes, t.valueStart, t.valueEnd);
  w.advance();
  if (w.peek()) throw componentError(w.at, "element after the Reject problem", Remedy.mistypedComponent);
  return { type: "reject", invokeId, problemType, problem };
}
