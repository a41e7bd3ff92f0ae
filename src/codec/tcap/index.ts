/**
 * TCAP (ITU-T Q.773) codec.
 *  - `decodeTcap(bytes, start, end)`: full decode to `TcapMessage` (parameters and user-information as
 *    absolute offsets); throws only `TcapDecodeError` (a DecodeError with portion + Q.774 remedy).
 *  - `scanTcap(bytes, start, end, out: TcapScan)`: zero-allocation hot path into a reusable `TcapScan`.
 *  - `encodeTcap(value)` / `writeTcap(w, value)`: `TcapMessageValue` → bytes; `tcapValue(message, bytes)`
 *    turns a decoded message into an encodable value without copying.
 *  - `inspectTcap` / `tcapFindings`: Q.773/Q.774 sanity findings for the firewall.
 */
export * from "./constants.js";
export {
  decodeComponent,
  decodeComponents,
  decodeDialoguePortion,
  decodeTcap,
} from "./decode.js";
export {
  encodeDialoguePortion,
  encodeTcap,
  encodeTcapComponent,
  writeDialoguePortion,
  writeTcap,
  writeTcapComponent,
} from "./encode.js";
export { Remedy, TcapDecodeError, type TcapPortion, type TcapRemedy } from "./problems.js";
export {
  inspectTcap,
  type TcapFinding,
  TcapFindingCode,
  type TcapInspection,
  tcapFindings,
} from "./sanity.js";
export { ScanCode, ScanDialogue, scanTcap, TcapScan, tidHex } from "./scan.js";
export type * from "./types.js";
export { tcapComponentValue, tcapDialogueValue, tcapValue } from "./value.js";
