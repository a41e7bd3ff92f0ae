import {
  AbortSource,
  AssociateResult,
  DialogueServiceProviderDiagnostic,
  DialogueServiceUserDiagnostic,
  InvokeProblem,
  PAbortCause,
  ProblemCodeNames,
} from "./constants.js";
import { decodeTcap } from "./decode.js";
import { Remedy, TcapDecodeError, type TcapPortion, type TcapRemedy } from "./problems.js";
import type { TcapComponent, TcapDialogue, TcapMessage } from "./types.js";

/**
 * Q.773/Q.774 sanity findings the firewall acts on. A decode error is one finding ("error"); a message that
 * decodes may still break the procedures (a Begin whose dialogue portion is an AARE, two Invokes with the
 * same invoke ID) or merely be unusual (a Begin without a dialogue portion, i.e. an application-context-
 * less, MAP phase 1 style dialogue).
 */
export const TcapFindingCode = {
  /** The message did not decode; see `remedy` and `portion`. */
  decodeError: "decodeError",
  /** Begin without a dialogue portion: no application context (Q.774 allows it; MAP v1 dialogues look so). */
  beginWithoutDialoguePortion: "beginWithoutDialoguePortion",
  /** Component portion present but empty (Q.773 ComponentPortion SIZE (1..MAX)). */
  emptyComponentPortion: "emptyComponentPortion",
  /** Dialogue APDU not allowed in this message type (Q.774: AARQ only in Begin, AARE in the first backward message, …). */
  unexpectedDialoguePdu: "unexpectedDialoguePdu",
  /** The dialogue portion is not a Q.773 dialogue APDU (another EXTERNAL). */
  unknownDialoguePortion: "unknownDialoguePortion",
  /** protocol-version present without version1 (Q.774: no common dialogue portion). */
  unsupportedProtocolVersion: "unsupportedProtocolVersion",
  /** A value outside the named values of its Q.773 type (P-AbortCause, Associate-result, diagnostics, ABRT-source, problem codes). */
  unknownValue: "unknownValue",
  /** Two Invokes with the same invoke ID in one message (Q.773 InvokeProblem duplicateInvokeID). */
  duplicateInvokeId: "duplicateInvokeId",
} as const;
export type TcapFindingCode = (typeof TcapFindingCode)[keyof typeof TcapFindingCode];

export interface TcapFinding {
  code: TcapFindingCode;
  severity: "error" | "warning" | "info";
  portion: TcapPortion;
  /** Human-readable detail. */
  detail: string;
  /** Byte offset, for decode errors. */
  offset?: number;
  /** What a Q.774 TC implementation would do about it. */
  remedy?: TcapRemedy;
}

export interface TcapInspection {
  /** The decoded message, absent when decoding failed. */
  message?: TcapMessage;
  findings: TcapFinding[];
}

function isNamed(table: Readonly<Record<string, number>>, v: number): boolean {
  for (const k in table) if (table[k] === v) return true;
  return false;
}

const ALLOWED_PDUS: Record<TcapMessage["type"], readonly TcapDialogue["type"][]> = {
  // Q.774: a Unidirectional carries an AUDT, a Begin an AARQ, the first Continue/End an AARE, and an
  // Abort (U-Abort) an ABRT, or an AARE rejecting the dialogue.
  unidirectional: ["audt"],
  begin: ["aarq"],
  continue: ["aare"],
  end: ["aare"],
  abort: ["abrt", "aare"],
};

function dialogueFindings(m: TcapMessage, d: TcapDialogue, out: TcapFinding[]): void {
  if (d.type === "external") {
    out.push({
      code: TcapFindingCode.unknownDialoguePortion,
      severity: "warning",
      portion: "dialogue",
      detail: `dialogue portion with direct-reference ${d.directReference ?? "(none)"} is not a Q.773 dialogue APDU`,
      remedy: Remedy.noCommonDialoguePortion,
    });
    return;
  }
  if (!ALLOWED_PDUS[m.type].includes(d.type)) {
    out.push({
      code: TcapFindingCode.unexpectedDialoguePdu,
      severity: "error",
      portion: "dialogue",
      detail: `${d.type.toUpperCase()} in a ${m.type} message`,
      remedy: Remedy.abnormalDialogue,
    });
  }
  if ((d.type === "aarq" || d.type === "aare" || d.type === "audt") && d.protocolVersion !== undefined) {
    // BIT STRING { version1 (0) }: bit 0 is the top bit of the first octet after the unused-bits count.
    const first = Number.parseInt(d.protocolVersion.slice(2, 4) || "00", 16);
    if ((first & 0x80) === 0) {
      out.push({
        code: TcapFindingCode.unsupportedProtocolVersion,
        severity: "error",
        portion: "dialogue",
        detail: `protocol-version ${d.protocolVersion} does not include version1`,
        remedy: Remedy.noCommonDialoguePortion,
      });
    }
  }
  if (d.type === "aare") {
    if (!isNamed(AssociateResult, d.result)) unknown(out, "dialogue", `Associate-result ${d.result}`);
    const table =
      d.diagnosticSource === "dialogueServiceUser"
        ? DialogueServiceUserDiagnostic
        : DialogueServiceProviderDiagnostic;
    if (!isNamed(table, d.diagnostic))
      unknown(out, "dialogue", `${d.diagnosticSource} diagnostic ${d.diagnostic}`);
  } else if (d.type === "abrt" && !isNamed(AbortSource, d.abortSource)) {
    unknown(out, "dialogue", `ABRT-source ${d.abortSource}`);
  }
}

function unknown(out: TcapFinding[], portion: TcapPortion, what: string): void {
  out.push({
    code: TcapFindingCode.unknownValue,
    severity: "warning",
    portion,
    detail: `${what} is not a Q.773 value`,
  });
}

function componentFindings(components: readonly TcapComponent[], out: TcapFinding[]): void {
  if (components.length === 0) {
    out.push({
      code: TcapFindingCode.emptyComponentPortion,
      severity: "warning",
      portion: "component",
      detail: "component portion without components",
      remedy: Remedy.badlyStructuredComponent,
    });
  }
  const seen = new Set<number>();
  for (const c of components) {
    if (c.type === "invoke") {
      if (seen.has(c.invokeId)) {
        out.push({
          code: TcapFindingCode.duplicateInvokeId,
          severity: "error",
          portion: "component",
          detail: `invoke ID ${c.invokeId} used twice`,
          remedy: { type: "reject", problemType: 1, problem: InvokeProblem.duplicateInvokeID },
        });
      }
      seen.add(c.invokeId);
    } else if (c.type === "reject" && !isNamed(ProblemCodeNames[c.problemType], c.problem)) {
      unknown(out, "component", `problem code ${c.problem} of problem type ${c.problemType}`);
    }
  }
}

/** Sanity findings for a decoded message (empty when nothing is amiss). */
export function tcapFindings(m: TcapMessage): TcapFinding[] {
  const out: TcapFinding[] = [];
  if (m.type === "begin" && !m.dialogue) {
    out.push({
      code: TcapFindingCode.beginWithoutDialoguePortion,
      severity: "info",
      portion: "dialogue",
      detail: "Begin without dialogue portion (no application context)",
    });
  }
  if (m.dialogue) dialogueFindings(m, m.dialogue, out);
  if (m.type === "abort") {
    if (m.pAbortCause !== undefined && !isNamed(PAbortCause, m.pAbortCause)) {
      unknown(out, "transaction", `P-AbortCause ${m.pAbortCause}`);
    }
  } else if (m.components) {
    componentFindings(m.components, out);
  }
  return out;
}

/**
 * Decodes and checks one message without throwing: a TcapDecodeError becomes a single "error" finding
 * carrying its portion, offset and remedy (e.g. a Continue without dtid: incorrectTransactionPortion).
 */
export function inspectTcap(bytes: Uint8Array, start = 0, end: number = bytes.length): TcapInspection {
  let message: TcapMessage;
  try {
    message = decodeTcap(bytes, start, end);
  } catch (e) {
    if (!(e instanceof TcapDecodeError)) throw e;
    return {
      findings: [
        {
          code: TcapFindingCode.decodeError,
          severity: "error",
          portion: e.portion,
          detail: e.reason,
          offset: e.offset,
          remedy: e.remedy,
        },
      ],
    };
  }
  return { message, findings: tcapFindings(message) };
}
