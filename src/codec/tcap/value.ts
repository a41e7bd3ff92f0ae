import type {
  TcapAarqValue,
  TcapAudtValue,
  TcapComponent,
  TcapComponentValue,
  TcapDialogue,
  TcapDialogueValue,
  TcapMessage,
  TcapMessageValue,
  UserInformationOffsets,
  UserInformationValue,
} from "./types.js";

/** A plain Uint8Array view of `bytes[start, end)`: no copy, and the same type whatever `bytes` is. */
function view(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);
}

function userInformation(d: UserInformationOffsets, bytes: Uint8Array, out: UserInformationValue): void {
  if (d.userInformationStart !== undefined && d.userInformationEnd !== undefined) {
    out.userInformation = view(bytes, d.userInformationStart, d.userInformationEnd);
  }
}

/** The value view of a decoded dialogue: offsets into `bytes` become views of `bytes`. */
export function tcapDialogueValue(d: TcapDialogue, bytes: Uint8Array): TcapDialogueValue {
  switch (d.type) {
    case "external":
      return { type: "external", external: view(bytes, d.externalStart, d.externalEnd) };
    case "abrt": {
      const v: TcapDialogueValue = { type: "abrt", abortSource: d.abortSource };
      userInformation(d, bytes, v);
      return v;
    }
    case "aare": {
      const v: TcapDialogueValue = {
        type: "aare",
        applicationContext: d.applicationContext,
        result: d.result,
        diagnosticSource: d.diagnosticSource,
        diagnostic: d.diagnostic,
      };
      if (d.protocolVersion !== undefined) v.protocolVersion = d.protocolVersion;
      userInformation(d, bytes, v);
      return v;
    }
    default: {
      const v: TcapAarqValue | TcapAudtValue = { type: d.type, applicationContext: d.applicationContext };
      if (d.protocolVersion !== undefined) v.protocolVersion = d.protocolVersion;
      userInformation(d, bytes, v);
      return v;
    }
  }
}

/** The value view of a decoded component. */
export function tcapComponentValue(c: TcapComponent, bytes: Uint8Array): TcapComponentValue {
  if (c.type === "reject") {
    return { type: "reject", invokeId: c.invokeId, problemType: c.problemType, problem: c.problem };
  }
  const { paramStart, paramEnd, ...rest } = c;
  const v: TcapComponentValue = { ...rest };
  if (paramStart !== undefined && paramEnd !== undefined) v.parameter = view(bytes, paramStart, paramEnd);
  return v;
}

/**
 * The value view of a decoded message, ready for `encodeTcap` (to relay or rewrite a message). Opaque parts
 * are views of `bytes`, not copies, so `bytes` must stay unchanged until the value is encoded.
 */
export function tcapValue(m: TcapMessage, bytes: Uint8Array): TcapMessageValue {
  const dialogue = m.dialogue ? tcapDialogueValue(m.dialogue, bytes) : undefined;
  let v: TcapMessageValue;
  switch (m.type) {
    case "abort":
      v = { type: "abort", dtid: m.dtid };
      if (m.pAbortCause !== undefined) v.pAbortCause = m.pAbortCause;
      if (dialogue) v.dialogue = dialogue;
      return v;
    case "unidirectional":
      v = { type: "unidirectional", components: m.components.map((c) => tcapComponentValue(c, bytes)) };
      if (dialogue) v.dialogue = dialogue;
      return v;
    case "begin":
      v = { type: "begin", otid: m.otid };
      break;
    case "end":
      v = { type: "end", dtid: m.dtid };
      break;
    default:
      v = { type: "continue", otid: m.otid, dtid: m.dtid };
  }
  if (dialogue) v.dialogue = dialogue;
  if (m.components) v.components = m.components.map((c) => tcapComponentValue(c, bytes));
  return v;
}
