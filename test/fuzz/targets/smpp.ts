/** SMPP 3.4 PDUs, TLVs, receipts and the stream framer (targets kept beside the SMPP codec tests). */
export { targets } from "../../codec/smpp/fuzz-targets.js";
