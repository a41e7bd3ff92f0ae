export { BER_MAX_DEPTH, BerClass, UniversalTag } from "./constants.js";
export {
  BerCursor,
  readBoolean,
  readInteger,
  readObjectIdentifier,
  readUnsigned,
} from "./reader.js";
export { type BerNode, decodeBerTree } from "./tree.js";
export { BerWriter, encodeOidContent } from "./writer.js";
