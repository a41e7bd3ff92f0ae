/**
 * Wire values of ITU-T Q.773 TCAP (modules TCAPMessages, DialoguePDUs, UnidialoguePDUs). One table,
 * used by the decoder, the scanner and the encoder alike.
 */

/** Q.773 TCAPMessages, TCMessage: [APPLICATION n] tag numbers of the five message types. */
export const TcapMessageType = {
  unidirectional: 1,
  begin: 2,
  end: 4,
  continue: 5,
  abort: 7,
} as const;
export type TcapMessageType = (typeof TcapMessageType)[keyof typeof TcapMessageType];

/** Q.773 TCAPMessages: [APPLICATION n] tag numbers of the transaction portion elements. */
export const TcapElementTag = {
  /** OrigTransactionID ::= [APPLICATION 8] IMPLICIT OCTET STRING (SIZE (1..4)) */
  otid: 8,
  /** DestTransactionID ::= [APPLICATION 9] IMPLICIT OCTET STRING (SIZE (1..4)) */
  dtid: 9,
  /** P-AbortCause ::= [APPLICATION 10] IMPLICIT INTEGER */
  pAbortCause: 10,
  /** DialoguePortion ::= [APPLICATION 11] EXPLICIT EXTERNAL */
  dialoguePortion: 11,
  /** ComponentPortion ::= [APPLICATION 12] IMPLICIT SEQUENCE SIZE (1..MAX) OF Component */
  componentPortion: 12,
} as const;
export type TcapElementTag = (typeof TcapElementTag)[keyof typeof TcapElementTag];

/** Q.773 TCAPMessages, P-AbortCause: every value the Recommendation defines. */
export const PAbortCause = {
  unrecognizedMessageType: 0,
  unrecognizedTransactionID: 1,
  badlyFormattedTransactionPortion: 2,
  incorrectTransactionPortion: 3,
  resourceLimitation: 4,
} as const;
export type PAbortCause = (typeof PAbortCause)[keyof typeof PAbortCause];

/** Transaction IDs are 1 to 4 octets (Q.773 OrigTransactionID / DestTransactionID SIZE (1..4)). */
export const TID_MIN_OCTETS = 1;
export const TID_MAX_OCTETS = 4;

/** Q.773 TCAPMessages, Component: context-specific tag numbers of the component types. */
export const ComponentType = {
  invoke: 1,
  returnResultLast: 2,
  returnError: 3,
  reject: 4,
  returnResultNotLast: 7,
} as const;
export type ComponentType = (typeof ComponentType)[keyof typeof ComponentType];

/** Q.773 Invoke: linkedID [0] IMPLICIT InvokeIdType. */
export const LINKED_ID_TAG = 0;

/** Q.773 InvokeIdType ::= INTEGER (-128..127). */
export const INVOKE_ID_MIN = -128;
export const INVOKE_ID_MAX = 127;

/** Q.773 Reject, problem CHOICE: the [n] IMPLICIT INTEGER tag of each problem type. */
export const ProblemType = {
  general: 0,
  invoke: 1,
  returnResult: 2,
  returnError: 3,
} as const;
export type ProblemType = (typeof ProblemType)[keyof typeof ProblemType];

/** Q.773 GeneralProblem. */
export const GeneralProblem = {
  unrecognizedComponent: 0,
  mistypedComponent: 1,
  badlyStructuredComponent: 2,
} as const;
export type GeneralProblem = (typeof GeneralProblem)[keyof typeof GeneralProblem];

/** Q.773 InvokeProblem. */
export const InvokeProblem = {
  duplicateInvokeID: 0,
  unrecognizedOperation: 1,
  mistypedParameter: 2,
  resourceLimitation: 3,
  initiatingRelease: 4,
  unrecognizedLinkedID: 5,
  linkedResponseUnexpected: 6,
  unexpectedLinkedOperation: 7,
} as const;
export type InvokeProblem = (typeof InvokeProblem)[keyof typeof InvokeProblem];

/** Q.773 ReturnResultProblem. */
export const ReturnResultProblem = {
  unrecognizedInvokeID: 0,
  returnResultUnexpected: 1,
  mistypedParameter: 2,
} as const;
export type ReturnResultProblem = (typeof ReturnResultProblem)[keyof typeof ReturnResultProblem];

/** Q.773 ReturnErrorProblem. */
export const ReturnErrorProblem = {
  unrecognizedInvokeID: 0,
  returnErrorUnexpected: 1,
  unrecognizedError: 2,
  unexpectedError: 3,
  mistypedParameter: 4,
} as const;
export type ReturnErrorProblem = (typeof ReturnErrorProblem)[keyof typeof ReturnErrorProblem];

/** Problem-code names per problem type, for display ("invoke/unrecognizedOperation"). */
export const ProblemCodeNames: Readonly<Record<ProblemType, Readonly<Record<string, number>>>> = {
  [ProblemType.general]: GeneralProblem,
  [ProblemType.invoke]: InvokeProblem,
  [ProblemType.returnResult]: ReturnResultProblem,
  [ProblemType.returnError]: ReturnErrorProblem,
};

/** Q.773 DialoguePDUs / UnidialoguePDUs: the object identifiers in the EXTERNAL direct-reference. */
export const TcapOid = {
  /** dialogue-as-id { itu-t recommendation q 773 as(1) dialogue-as(1) version1(1) } */
  dialogueAsId: "0.0.17.773.1.1.1",
  /** uniDialogue-as-id { itu-t recommendation q 773 as(1) unidialogue-as(2) version1(1) } */
  uniDialogueAsId: "0.0.17.773.1.2.1",
} as const;

/** Content octets of the two OIDs above (X.690 §8.19), compared byte-wise on the hot path. */
export const DIALOGUE_AS_ID_CONTENT: readonly number[] = [0x00, 0x11, 0x86, 0x05, 0x01, 0x01, 0x01];
export const UNI_DIALOGUE_AS_ID_CONTENT: readonly number[] = [0x00, 0x11, 0x86, 0x05, 0x01, 0x02, 0x01];

/** Q.773 DialoguePDUs: [APPLICATION n] tags of AARQ-apdu, AARE-apdu, ABRT-apdu. */
export const DialoguePduTag = {
  aarq: 0,
  aare: 1,
  abrt: 4,
} as const;
export type DialoguePduTag = (typeof DialoguePduTag)[keyof typeof DialoguePduTag];

/** Q.773 UnidialoguePDUs: AUDT-apdu ::= [APPLICATION 0]. */
export const AUDT_TAG = 0;

/** Context tags inside the dialogue APDUs (Q.773 DialoguePDUs). */
export const DialogueFieldTag = {
  /** protocol-version [0] IMPLICIT BIT STRING; in ABRT, abort-source [0] IMPLICIT ABRT-source */
  protocolVersion: 0,
  abortSource: 0,
  /** application-context-name [1] OBJECT IDENTIFIER (explicitly tagged) */
  applicationContextName: 1,
  /** AARE result [2] Associate-result */
  result: 2,
  /** AARE result-source-diagnostic [3] Associate-source-diagnostic */
  resultSourceDiagnostic: 3,
  /** user-information [30] IMPLICIT SEQUENCE OF EXTERNAL */
  userInformation: 30,
} as const;

/**
 * Q.773 protocol-version BIT STRING { version1 (0) } as hex of its content octets. The usual encoding
 * (`80 02 07 80`) has 7 unused bits and bit 0 set: content `0780`.
 */
export const ProtocolVersion = {
  version1: "0780",
} as const;

/** Q.773 Associate-result. */
export const AssociateResult = {
  accepted: 0,
  rejectPermanent: 1,
} as const;
export type AssociateResult = (typeof AssociateResult)[keyof typeof AssociateResult];

/** Q.773 Associate-source-diagnostic CHOICE: [1] dialogue-service-user, [2] dialogue-service-provider. */
export const DiagnosticSourceTag = {
  dialogueServiceUser: 1,
  dialogueServiceProvider: 2,
} as const;

/** Q.773 Associate-source-diagnostic, dialogue-service-user [1] INTEGER values. */
export const DialogueServiceUserDiagnostic = {
  null: 0,
  noReasonGiven: 1,
  applicationContextNameNotSupported: 2,
} as const;
export type DialogueServiceUserDiagnostic =
  (typeof DialogueServiceUserDiagnostic)[keyof typeof DialogueServiceUserDiagnostic];

/** Q.773 Associate-source-diagnostic, dialogue-service-provider [2] INTEGER values. */
export const DialogueServiceProviderDiagnostic = {
  null: 0,
  noReasonGiven: 1,
  noCommonDialoguePortion: 2,
} as const;
export type DialogueServiceProviderDiagnostic =
  (typeof DialogueServiceProviderDiagnostic)[keyof typeof DialogueServiceProviderDiagnostic];

/** Q.773 ABRT-source. */
export const AbortSource = {
  dialogueServiceUser: 0,
  dialogueServiceProvider: 1,
} as const;
export type AbortSource = (typeof AbortSource)[keyof typeof AbortSource];
