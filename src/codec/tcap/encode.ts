import { BerClass, BerCursor, BerWriter, UniversalTag } from "../ber/index.js";
import { DecodeError, EncodeError } from "../errors.js";
import {
  AUDT_TAG,
  ComponentType,
  DiagnosticSourceTag,
  DialogueFieldTag,
  DialoguePduTag,
  INVOKE_ID_MAX,
  INVOKE_ID_MIN,
  LINKED_ID_TAG,
  TcapElementTag,
  TcapMessageType,
  TcapOid,
} from "./constants.js";
import type {
  ParameterValue,
  TcapCode,
  TcapComponentValue,
  TcapDialogueValue,
  TcapMessageValue,
  UserInformationValue,
} from "./types.js";

const UNIVERSAL = BerClass.universal;
const APPLICATION = BerClass.application;
const CONTEXT = BerClass.contextSpecific;

const TID_HEX = /^(?:[0-9a-fA-F]{2}){1,4}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;

function fail(field: string, reason: string): never {
  throw new EncodeError("tcap", field, reason);
}

/** Checks that `bytes` is one or more complete BER TLVs (optionally: exactly one, with this first octet). */
function checkTlvs(bytes: Uint8Array, field: string, allowEmpty: boolean, single?: number): void {
  if (bytes.length === 0) {
    if (allowEmpty) return;
    fail(field, "is empty (leave it out instead)");
  }
  const c = new BerCursor(bytes);
  try {
    let at = 0;
    let count = 0;
    while (at < bytes.length) {
      at = c.read(at, bytes.length).end;
      count++;
    }
    if (single !== undefined && (count !== 1 || bytes[0] !== single)) {
      fail(field, `must be exactly one TLV with tag 0x${single.toString(16)}`);
    }
  } catch (e) {
    if (e instanceof DecodeError) fail(field, `is not well-formed BER: ${e.reason} at ${e.offset}`);
    throw e;
  }
}

function writeTid(w: BerWriter, tag: number, tid: string, field: string): void {
  if (typeof tid !== "string" || !TID_HEX.test(tid))
    fail(field, `${JSON.stringify(tid)} is not 1..4 octets of hex`);
  w.primitive(APPLICATION, tag, Buffer.from(tid, "hex"));
}

function writeInvokeId(w: BerWriter, tagClass: BerClass, tag: number, id: number, field: string): void {
  if (!Number.isInteger(id) || id < INVOKE_ID_MIN || id > INVOKE_ID_MAX) {
    fail(field, `${id} is outside InvokeIdType -128..127`);
  }
  w.integer(tagClass, tag, id);
}

function writeCode(w: BerWriter, code: TcapCode, field: string): void {
  if (code.type === "local") w.integer(UNIVERSAL, UniversalTag.integer, code.value);
  else if (code.type === "global") w.objectIdentifier(UNIVERSAL, UniversalTag.objectIdentifier, code.oid);
  else fail(field, "is neither local nor global");
}

function writeParameter(w: BerWriter, v: ParameterValue): void {
  const p = v.parameter;
  if (p === undefined) return;
  if (typeof p === "function") {
    p(w);
    return;
  }
  checkTlvs(p, "parameter", false);
  w.raw(p);
}

/** Appends one component TLV (Q.773 Component) to `w`. */
export function writeTcapComponent(w: BerWriter, v: TcapComponentValue): void {
  switch (v.type) {
    case "invoke": {
      const m = w.begin(CONTEXT, ComponentType.invoke);
      writeInvokeId(w, UNIVERSAL, UniversalTag.integer, v.invokeId, "invokeID");
      if (v.linkedId !== undefined) writeInvokeId(w, CONTEXT, LINKED_ID_TAG, v.linkedId, "linkedID");
      writeCode(w, v.opcode, "operationCode");
      writeParameter(w, v);
      w.end(m);
      return;
    }
    case "returnResultLast":
    case "returnResultNotLast": {
      const m = w.begin(
        CONTEXT,
        v.type === "returnResultLast" ? ComponentType.returnResultLast : ComponentType.returnResultNotLast,
      );
      writeInvokeId(w, UNIVERSAL, UniversalTag.integer, v.invokeId, "invokeID");
      if (v.opcode) {
        const s = w.begin(UNIVERSAL, UniversalTag.sequence);
        writeCode(w, v.opcode, "operationCode");
        writeParameter(w, v);
        w.end(s);
      } else if (v.parameter !== undefined) {
        fail("parameter", "a ReturnResult parameter needs an operationCode");
      }
      w.end(m);
      return;
    }
    case "returnError": {
      const m = w.begin(CONTEXT, ComponentType.returnError);
      writeInvokeId(w, UNIVERSAL, UniversalTag.integer, v.invokeId, "invokeID");
      writeCode(w, v.errorCode, "errorCode");
      writeParameter(w, v);
      w.end(m);
      return;
    }
    case "reject": {
      const m = w.begin(CONTEXT, ComponentType.reject);
      if (v.invokeId === null) w.null(UNIVERSAL, UniversalTag.null);
      else writeInvokeId(w, UNIVERSAL, UniversalTag.integer, v.invokeId, "invokeID");
      if (!Number.isInteger(v.problemType) || v.problemType < 0 || v.problemType > 3) {
        fail("problem", `problem type ${v.problemType} is not 0..3`);
      }
      w.integer(CONTEXT, v.problemType, v.problem);
      w.end(m);
      return;
    }
    default:
      fail("component", `unknown component type ${JSON.stringify((v as { type: unknown }).type)}`);
  }
}

function writeProtocolVersion(w: BerWriter, pv: string | undefined): void {
  if (pv === undefined) return;
  if (!HEX.test(pv)) fail("protocol-version", `${JSON.stringify(pv)} is not hex`);
  const bytes = Buffer.from(pv, "hex");
  if (bytes[0]! > 7 || (bytes.length === 1 && bytes[0] !== 0)) {
    fail("protocol-version", "first octet must count 0..7 unused bits (0 when there are no bits)");
  }
  w.primitive(CONTEXT, DialogueFieldTag.protocolVersion, bytes);
}

function writeContextName(w: BerWriter, acn: string): void {
  const m = w.begin(CONTEXT, DialogueFieldTag.applicationContextName);
  w.objectIdentifier(UNIVERSAL, UniversalTag.objectIdentifier, acn);
  w.end(m);
}

function writeUserInformation(w: BerWriter, v: UserInformationValue): void {
  if (v.userInformation === undefined) return;
  checkTlvs(v.userInformation, "user-information", true);
  const m = w.begin(CONTEXT, DialogueFieldTag.userInformation);
  w.raw(v.userInformation);
  w.end(m);
}

function writeExplicitInteger(w: BerWriter, tag: number, value: number): void {
  const m = w.begin(CONTEXT, tag);
  w.integer(UNIVERSAL, UniversalTag.integer, value);
  w.end(m);
}

/** Appends a dialogue portion (`6b` [APPLICATION 11] EXPLICIT EXTERNAL, Q.773 DialoguePortion) to `w`. */
export function writeDialoguePortion(w: BerWriter, v: TcapDialogueValue): void {
  const portion = w.begin(APPLICATION, TcapElementTag.dialoguePortion);
  if (v.type === "external") {
    checkTlvs(v.external, "external", false, 0x28);
    w.raw(v.external);
    w.end(portion);
    return;
  }
  const external = w.begin(UNIVERSAL, UniversalTag.external);
  w.objectIdentifier(
    UNIVERSAL,
    UniversalTag.objectIdentifier,
    v.type === "audt" ? TcapOid.uniDialogueAsId : TcapOid.dialogueAsId,
  );
  const single = w.begin(CONTEXT, 0); // single-ASN1-type [0]
  switch (v.type) {
    case "aarq":
    case "audt": {
      const m = w.begin(APPLICATION, v.type === "aarq" ? DialoguePduTag.aarq : AUDT_TAG);
      writeProtocolVersion(w, v.protocolVersion);
      writeContextName(w, v.applicationContext);
      writeUserInformation(w, v);
      w.end(m);
      break;
    }
    case "aare": {
      const m = w.begin(APPLICATION, DialoguePduTag.aare);
      writeProtocolVersion(w, v.protocolVersion);
      writeContextName(w, v.applicationContext);
      writeExplicitInteger(w, DialogueFieldTag.result, v.result);
      const d = w.begin(CONTEXT, DialogueFieldTag.resultSourceDiagnostic);
      if (v.diagnosticSource === "dialogueServiceUser") {
        writeExplicitInteger(w, DiagnosticSourceTag.dialogueServiceUser, v.diagnostic);
      } else if (v.diagnosticSource === "dialogueServiceProvider") {
        writeExplicitInteger(w, DiagnosticSourceTag.dialogueServiceProvider, v.diagnostic);
      } else {
        fail("result-source-diagnostic", `unknown source ${JSON.stringify(v.diagnosticSource)}`);
      }
      w.end(d);
      writeUserInformation(w, v);
      w.end(m);
      break;
    }
    case "abrt": {
      const m = w.begin(APPLICATION, DialoguePduTag.abrt);
      w.integer(CONTEXT, DialogueFieldTag.abortSource, v.abortSource);
      writeUserInformation(w, v);
      w.end(m);
      break;
    }
    default:
      fail("dialogue", `unknown dialogue PDU ${JSON.stringify((v as { type: unknown }).type)}`);
  }
  w.end(single);
  w.end(external);
  w.end(portion);
}

function writeComponentPortion(w: BerWriter, components: readonly TcapComponentValue[] | undefined): void {
  if (components === undefined) return;
  const m = w.begin(APPLICATION, TcapElementTag.componentPortion);
  for (const c of components) writeTcapComponent(w, c);
  w.end(m);
}

/** Appends one TCAP message (Q.773 TCMessage) to `w`. */
export function writeTcap(w: BerWriter, v: TcapMessageValue): void {
  switch (v.type) {
    case "unidirectional": {
      if (!Array.isArray(v.components)) fail("components", "Unidirectional needs a component portion");
      const m = w.begin(APPLICATION, TcapMessageType.unidirectional);
      if (v.dialogue) writeDialoguePortion(w, v.dialogue);
      writeComponentPortion(w, v.components);
      w.end(m);
      return;
    }
    case "begin": {
      const m = w.begin(APPLICATION, TcapMessageType.begin);
      writeTid(w, TcapElementTag.otid, v.otid, "otid");
      if (v.dialogue) writeDialoguePortion(w, v.dialogue);
      writeComponentPortion(w, v.components);
      w.end(m);
      return;
    }
    case "end": {
      const m = w.begin(APPLICATION, TcapMessageType.end);
      writeTid(w, TcapElementTag.dtid, v.dtid, "dtid");
      if (v.dialogue) writeDialoguePortion(w, v.dialogue);
      writeComponentPortion(w, v.components);
      w.end(m);
      return;
    }
    case "continue": {
      const m = w.begin(APPLICATION, TcapMessageType.continue);
      writeTid(w, TcapElementTag.otid, v.otid, "otid");
      writeTid(w, TcapElementTag.dtid, v.dtid, "dtid");
      if (v.dialogue) writeDialoguePortion(w, v.dialogue);
      writeComponentPortion(w, v.components);
      w.end(m);
      return;
    }
    case "abort": {
      if (v.pAbortCause !== undefined && v.dialogue) {
        fail("reason", "an Abort carries either a p-abortCause or a dialogue portion, not both");
      }
      const m = w.begin(APPLICATION, TcapMessageType.abort);
      writeTid(w, TcapElementTag.dtid, v.dtid, "dtid");
      if (v.pAbortCause !== undefined) w.integer(APPLICATION, TcapElementTag.pAbortCause, v.pAbortCause);
      if (v.dialogue) writeDialoguePortion(w, v.dialogue);
      w.end(m);
      return;
    }
    default:
      fail("message", `unknown message type ${JSON.stringify((v as { type: unknown }).type)}`);
  }
}

/** Encodes one TCAP message (definite lengths, shortest form). Throws EncodeError on invalid values. */
export function encodeTcap(v: TcapMessageValue): Buffer {
  const w = new BerWriter();
  writeTcap(w, v);
  return w.finish();
}

/** Encodes one component TLV. */
export function encodeTcapComponent(v: TcapComponentValue): Buffer {
  const w = new BerWriter(64);
  writeTcapComponent(w, v);
  return w.finish();
}

/** Encodes a dialogue portion TLV (`6b …`). */
export function encodeDialoguePortion(v: TcapDialogueValue): Buffer {
  const w = new BerWriter(64);
  writeDialoguePortion(w, v);
  return w.finish();
}
