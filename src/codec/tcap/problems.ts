import { DecodeError } from "../errors.js";
import { GeneralProblem, PAbortCause, ProblemType } from "./constants.js";

/** Which part of a TCAP message a problem is in (Q.773 transaction / dialogue / component portion). */
export type TcapPortion = "transaction" | "dialogue" | "component";

/**
 * What Q.774 has a TC implementation do about a problem, as a suggestion for the firewall (which may
 * answer, drop or just log):
 *  - `pAbort`: an Abort message with this P-AbortCause (transaction portion problems);
 *  - `abnormalDialogue`: the dialogue portion cannot be understood; TC aborts the dialogue as
 *    dialogue-service-provider (Q.771 TC-P-ABORT "abnormal dialogue", an ABRT-apdu on the wire);
 *  - `noCommonDialoguePortion`: the dialogue portion is understood but not supported (e.g. no version1 in
 *    protocol-version); answered with AARE reject-permanent, provider diagnostic no-common-dialogue-portion;
 *  - `reject`: a Reject component with this problem (component portion problems).
 */
export type TcapRemedy =
  | { readonly type: "pAbort"; readonly cause: PAbortCause }
  | { readonly type: "abnormalDialogue" }
  | { readonly type: "noCommonDialoguePortion" }
  | { readonly type: "reject"; readonly problemType: ProblemType; readonly problem: number };

/** The remedies decoders attach; shared frozen objects so throwing one allocates only the error. */
export const Remedy = {
  unrecognizedMessageType: Object.freeze({ type: "pAbort", cause: PAbortCause.unrecognizedMessageType }),
  badlyFormattedTransactionPortion: Object.freeze({
    type: "pAbort",
    cause: PAbortCause.badlyFormattedTransactionPortion,
  }),
  incorrectTransactionPortion: Object.freeze({
    type: "pAbort",
    cause: PAbortCause.incorrectTransactionPortion,
  }),
  abnormalDialogue: Object.freeze({ type: "abnormalDialogue" }),
  noCommonDialoguePortion: Object.freeze({ type: "noCommonDialoguePortion" }),
  unrecognizedComponent: Object.freeze({
    type: "reject",
    problemType: ProblemType.general,
    problem: GeneralProblem.unrecognizedComponent,
  }),
  mistypedComponent: Object.freeze({
    type: "reject",
    problemType: ProblemType.general,
    problem: GeneralProblem.mistypedComponent,
  }),
  badlyStructuredComponent: Object.freeze({
    type: "reject",
    problemType: ProblemType.general,
    problem: GeneralProblem.badlyStructuredComponent,
  }),
} as const satisfies Record<string, TcapRemedy>;

/**
 * The DecodeError every TCAP decoder throws (layer "tcap"): where the input stopped making sense, in which
 * portion, and the Q.774 remedy. BER-level errors met inside TCAP are re-thrown as this type, the BER
 * reason kept in the message.
 */
export class TcapDecodeError extends DecodeError {
  constructor(
    offset: number,
    reason: string,
    readonly portion: TcapPortion,
    readonly remedy: TcapRemedy,
  ) {
    super("tcap", offset, reason);
  }
}

/** Re-labels a BER DecodeError as a TCAP one of the given portion; anything else passes through unchanged. */
export function asTcapError(e: unknown, portion: TcapPortion, remedy: TcapRemedy): unknown {
  if (e instanceof TcapDecodeError || !(e instanceof DecodeError)) return e;
  return new TcapDecodeError(e.offset, `malformed BER (${e.reason})`, portion, remedy);
}
