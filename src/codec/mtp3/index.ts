export {
  MTP3_LABEL_LENGTH,
  MTP3_MAX_POINT_CODE,
  MTP3_MAX_SLS,
  Mtp3NetworkIndicator,
  Mtp3ServiceIndicator,
  Mtp3Variant,
} from "./constants.js";
export { decodeMtp3 } from "./decode.js";
export { encodeMtp3, mtp3Msu, writeMtp3 } from "./encode.js";
export { formatPointCode, parsePointCode } from "./pointcode.js";
export type { Mtp3Msu } from "./types.js";
