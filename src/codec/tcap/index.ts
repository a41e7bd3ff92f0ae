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
