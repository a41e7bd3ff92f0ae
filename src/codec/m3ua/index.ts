export {
  M3UA_HEADER_LENGTH,
  M3UA_MAX_INFO_STRING_LENGTH,
  M3UA_MAX_MESSAGE_LENGTH,
  M3UA_MAX_PARAMETER_DEPTH,
  M3UA_PARAMETER_NAMES,
  M3UA_VERSION,
  M3uaAspsmMessage,
  M3uaAsptmMessage,
  M3uaAsStateChange,
  M3uaCongestionLevel,
  M3uaDeregistrationStatus,
  M3uaErrorCode,
  M3uaManagementMessage,
  M3uaMessageClass,
  M3uaNetworkIndicator,
  M3uaOtherStatus,
  type M3uaParameterName,
  M3uaParameterTag,
  M3uaRegistrationStatus,
  M3uaRkmMessage,
  M3uaSsnmMessage,
  M3uaStatusType,
  M3uaTrafficModeType,
  M3uaTransferMessage,
  M3uaUnavailabilityCause,
  M3uaUserIdentity,
  m3uaMessageName,
} from "./constants.js";
export { decodeM3ua } from "./decode.js";
export { encodeM3ua, type M3uaDataOptions, m3uaData } from "./encode.js";
export { M3uaDataFields, readM3uaData } from "./fast.js";
export { type M3uaFramerOptions, M3uaStreamFramer } from "./framer.js";
export { setRoutingContextInPlace, withRoutingContext } from "./relabel.js";
export type {
  M3uaMaskedPointCode,
  M3uaMessage,
  M3uaParameter,
  M3uaParameterKind,
  M3uaParameterOf,
  M3uaProtocolData,
} from "./types.js";
export { findM3uaParameter } from "./util.js";
