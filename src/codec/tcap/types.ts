import type { BerWriter } from "../ber/index.js";
import type { ProblemType } from "./constants.js";

/**
 * Typed TCAP values (ITU-T Q.773). Two views of the same shapes:
 *  - the decoded view (`TcapMessage`, `TcapComponent`, `TcapDialogue`) keeps opaque BER (component
 *    parameters, dialogue user-information, unknown EXTERNALs) as absolute offsets into the decoded bytes,
 *    so MAP decodes straight from the same buffer;
 *  - the value view (`TcapMessageValue`, …) handed to the encoders carries those parts as bytes (or, for
 *    parameters, a callback that writes the TLV into the encoder's BerWriter).
 * `tcapValue(message, bytes)` turns the first into the second without copying.
 *
 * Optional fields are absent (not `undefined`) when the element is absent on the wire, so that
 * `decode(encode(v))` is deep-equal to `v`.
 */

/** Q.773 OPERATION / ERROR code: CHOICE { local INTEGER, global OBJECT IDENTIFIER }. */
export type TcapCode = { type: "local"; value: number } | { type: "global"; oid: string };

/** Appends a parameter TLV (tag included) to the TCAP encoder's writer, e.g. a MAP argument encoder. */
export type TcapParameterWriter = (w: BerWriter) => void;

/** Opaque parameter in the decoded view: `[paramStart, paramEnd)` covers the parameter TLV(s) including the tag. */
export interface ParameterOffsets {
  paramStart?: number;
  paramEnd?: number;
}

/** Opaque parameter in the value view: the complete TLV(s), or a writer callback. */
export interface ParameterValue {
  parameter?: Uint8Array | TcapParameterWriter;
}

// --- Components (Q.773 TCAPMessages, Component) ---

interface InvokeFields {
  type: "invoke";
  /** InvokeIdType ::= INTEGER (-128..127) */
  invokeId: number;
  /** linkedID [0] IMPLICIT InvokeIdType OPTIONAL */
  linkedId?: number;
  opcode: TcapCode;
}

interface ReturnResultFields {
  type: "returnResultLast" | "returnResultNotLast";
  invokeId: number;
  /** Present when the optional `result SEQUENCE { operationCode, parameter }` is present. */
  opcode?: TcapCode;
}

interface ReturnErrorFields {
  type: "returnError";
  invokeId: number;
  errorCode: TcapCode;
}

/** Q.773 Reject. */
export interface TcapReject {
  type: "reject";
  /** CHOICE { derivable InvokeIdType, not-derivable NULL }: `null` when not derivable. */
  invokeId: number | null;
  /** Which problem CHOICE alternative: general [0], invoke [1], returnResult [2], returnError [3]. */
  problemType: ProblemType;
  /** GeneralProblem / InvokeProblem / ReturnResultProblem / ReturnErrorProblem value (unknown values kept). */
  problem: number;
}

export interface TcapInvoke extends InvokeFields, ParameterOffsets {}
export interface TcapReturnResult extends ReturnResultFields, ParameterOffsets {}
export interface TcapReturnError extends ReturnErrorFields, ParameterOffsets {}
export type TcapComponent = TcapInvoke | TcapReturnResult | TcapReturnError | TcapReject;

export interface TcapInvokeValue extends InvokeFields, ParameterValue {}
export interface TcapReturnResultValue extends ReturnResultFields, ParameterValue {}
export interface TcapReturnErrorValue extends ReturnErrorFields, ParameterValue {}
export type TcapComponentValue = TcapInvokeValue | TcapReturnResultValue | TcapReturnErrorValue | TcapReject;

// --- Dialogue portion (Q.773 DialoguePDUs and UnidialoguePDUs inside EXTERNAL) ---

/** user-information [30] IMPLICIT SEQUENCE OF EXTERNAL: offsets of its content (the EXTERNAL TLVs). */
export interface UserInformationOffsets {
  userInformationStart?: number;
  userInformationEnd?: number;
}

/** user-information in the value view: the EXTERNAL TLVs that form the content of [30]. */
export interface UserInformationValue {
  userInformation?: Uint8Array;
}

interface RequestFields {
  /** protocol-version BIT STRING content octets in hex (`ProtocolVersion.version1` = "0780"); absent = DEFAULT. */
  protocolVersion?: string;
  /** application-context-name as dotted decimal. */
  applicationContext: string;
}

interface AarqFields extends RequestFields {
  type: "aarq";
}

interface AudtFields extends RequestFields {
  type: "audt";
}

interface AareFields extends RequestFields {
  type: "aare";
  /** Associate-result (`AssociateResult`). */
  result: number;
  /** Which Associate-source-diagnostic alternative. */
  diagnosticSource: "dialogueServiceUser" | "dialogueServiceProvider";
  /** `DialogueServiceUserDiagnostic` or `DialogueServiceProviderDiagnostic` value. */
  diagnostic: number;
}

interface AbrtFields {
  type: "abrt";
  /** ABRT-source (`AbortSource`). */
  abortSource: number;
}

/**
 * A dialogue portion that is well formed but not a Q.773 dialogue APDU (another direct-reference, another
 * EXTERNAL encoding, an unknown APDU tag). `[externalStart, externalEnd)` is the whole EXTERNAL TLV.
 */
export interface TcapExternalDialogue {
  type: "external";
  /** The EXTERNAL's direct-reference, when it has one (decoded view only). */
  directReference?: string;
  externalStart: number;
  externalEnd: number;
}

export interface TcapExternalDialogueValue {
  type: "external";
  /** The whole EXTERNAL TLV (tag 0x28 …). */
  external: Uint8Array;
}

export interface TcapAarq extends AarqFields, UserInformationOffsets {}
export interface TcapAare extends AareFields, UserInformationOffsets {}
export interface TcapAbrt extends AbrtFields, UserInformationOffsets {}
export interface TcapAudt extends AudtFields, UserInformationOffsets {}
export type TcapDialogue = TcapAarq | TcapAare | TcapAbrt | TcapAudt | TcapExternalDialogue;

export interface TcapAarqValue extends AarqFields, UserInformationValue {}
export interface TcapAareValue extends AareFields, UserInformationValue {}
export interface TcapAbrtValue extends AbrtFields, UserInformationValue {}
export interface TcapAudtValue extends AudtFields, UserInformationValue {}
export type TcapDialogueValue =
  | TcapAarqValue
  | TcapAareValue
  | TcapAbrtValue
  | TcapAudtValue
  | TcapExternalDialogueValue;

// --- Messages (Q.773 TCAPMessages, TCMessage) ---
// Transaction IDs are lower-case hex of their 1..4 octets ("0a0b0c0d"), as the CLI prints them.

export interface TcapUnidirectionalOf<C, D> {
  type: "unidirectional";
  dialogue?: D;
  components: C[];
}

export interface TcapBeginOf<C, D> {
  type: "begin";
  otid: string;
  dialogue?: D;
  components?: C[];
}

export interface TcapEndOf<C, D> {
  type: "end";
  dtid: string;
  dialogue?: D;
  components?: C[];
}

export interface TcapContinueOf<C, D> {
  type: "continue";
  otid: string;
  dtid: string;
  dialogue?: D;
  components?: C[];
}

/** Abort: `pAbortCause` (P-Abort) and `dialogue` (U-Abort, usually an ABRT or AARE) exclude each other. */
export interface TcapAbortOf<D> {
  type: "abort";
  dtid: string;
  pAbortCause?: number;
  dialogue?: D;
}

export type TcapUnidirectional = TcapUnidirectionalOf<TcapComponent, TcapDialogue>;
export type TcapBegin = TcapBeginOf<TcapComponent, TcapDialogue>;
export type TcapEnd = TcapEndOf<TcapComponent, TcapDialogue>;
export type TcapContinue = TcapContinueOf<TcapComponent, TcapDialogue>;
export type TcapAbort = TcapAbortOf<TcapDialogue>;
export type TcapMessage = TcapUnidirectional | TcapBegin | TcapEnd | TcapContinue | TcapAbort;

export type TcapMessageValue =
  | TcapUnidirectionalOf<TcapComponentValue, TcapDialogueValue>
  | TcapBeginOf<TcapComponentValue, TcapDialogueValue>
  | TcapEndOf<TcapComponentValue, TcapDialogueValue>
  | TcapContinueOf<TcapComponentValue, TcapDialogueValue>
  | TcapAbortOf<TcapDialogueValue>;
