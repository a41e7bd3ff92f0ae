export {
  M2PA_HEADER_LENGTH,
  M2PA_MAX_SEQUENCE_NUMBER,
  M2PA_MESSAGE_CLASS,
  M2PA_SCTP_PORT,
  M2PA_SCTP_PPID,
  M2PA_VERSION,
  M2paLinkState,
  M2paMessageType,
} from "./constants.js";
export { decodeM2pa } from "./decode.js";
export { encodeM2pa } from "./encode.js";
export type { M2paLinkStatus, M2paMessage, M2paUnknownMessage, M2paUserData } from "./types.js";
