/** SCCP (ITU-T Q.713) connectionless codec: UDT, UDTS, XUDT, XUDTS, LUDT, LUDTS. */
export {
  decodeBcdDigits,
  decodeSccpAddress,
  SCCP_MAX_POINT_CODE,
  SccpAddressScan,
  scanSccpAddress,
  writeBcdDigits,
  writeSccpAddress,
} from "./address.js";
export {
  SCCP_MAX_HOP_COUNTER,
  SCCP_MAX_LONG_DATA_LENGTH,
  SCCP_MAX_MTP_MESSAGE_LENGTH,
  SCCP_MAX_SEGMENTS,
  SCCP_RETURN_ON_ERROR_BIT,
  type SccpConnectionlessType,
  SccpEncodingScheme,
  SccpGlobalTitleIndicator,
  SccpMessageType,
  SccpMessageTypeAcronym,
  SccpNatureOfAddress,
  SccpNumberingPlan,
  SccpParameterName,
  SccpProtocolClass,
  SccpReturnCause,
  SccpReturnCauseText,
  SccpRoutingIndicator,
  SccpSubsystemNumber,
  SccpTranslationType,
} from "./constants.js";
export { decodeSccp, decodeSccpUnitdata, readSccpSegmentation } from "./decode.js";
export {
  encodeSccp,
  encodeSccpAddress,
  type SccpSegmentOptions,
  segmentSccpXudt,
  toSccpInput,
  writeSccpSegmentation,
} from "./encode.js";
export { decodeSccpFast, SccpFastAddress, SccpFastView, sccpFastAddressKey } from "./fast.js";
export { isSccpConnectionless, parseSccpFrame, SccpFrame } from "./frame.js";
export {
  SccpReassembler,
  type SccpReassemblerOptions,
  type SccpReassemblerStats,
  sccpAddressKey,
} from "./reassembly.js";
export type * from "./types.js";
