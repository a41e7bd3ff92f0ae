/**
 * SMS codecs (3GPP TS 23.038, TS 23.040): the GSM 7-bit default alphabet with its extension table and
 * septet packing, UCS2/UTF-16, segmentation into concatenated short messages, the user data header, and the
 * SMS-SUBMIT / SMS-DELIVER / SMS-STATUS-REPORT TPDUs that MAP's sm-RP-UI carries. Pure; imports only
 * `errors` and `bytes`.
 */
export {
  GSM7_DEFAULT_ALPHABET,
  GSM7_ESCAPE,
  GSM7_EXTENSION_TABLE,
  SMS_ADDRESS_DIGITS,
  SMS_MAX_ADDRESS_SEMI_OCTETS,
  SMS_MAX_USER_DATA_OCTETS,
  SMS_MAX_USER_DATA_SEPTETS,
  SmsFirstOctet,
  SmsInformationElement,
  SmsMessageTypeIndicator,
  SmsNumberingPlan,
  SmsParameterIndicator,
  SmsStatusCategory,
  SmsTypeOfNumber,
  SmsValidityPeriodFormat,
} from "./constants.js";
export {
  decodeDataCodingScheme,
  encodeDataCodingScheme,
  type SmsAlphabet,
  type SmsDataCoding,
  type SmsMessageClass,
  type SmsMessageWaitingIndication,
  textDataCodingScheme,
  userDataAlphabet,
} from "./dcs.js";
export {
  alphanumericAddress,
  decodeEnhancedValidityPeriod,
  decodeSmsAddress,
  decodeSmsTimestamp,
  encodeSmsAddress,
  internationalAddress,
  nationalAddress,
  relativeValidityFromMinutes,
  relativeValidityMinutes,
  SMS_TIMESTAMP_LENGTH,
  type SmsEnhancedValidityPeriod,
  smsStatusCategory,
  smsTimestampFromDate,
  smsTimestampToDate,
  writeSmsAddress,
  writeSmsTimestamp,
} from "./fields.js";
export {
  canEncodeGsm7,
  decodeGsm7,
  decodeGsm7Packed,
  encodeGsm7,
  encodeGsm7Packed,
  fillBitsAfterHeader,
  gsm7CharSeptets,
  gsm7Length,
  headerSeptets,
  packedLength,
  packSeptets,
  unpackSeptets,
} from "./gsm7.js";
export {
  chooseEncoding,
  countSegments,
  type SmsSegment,
  type SmsSegmentOptions,
  type SmsTextEncoding,
  segmentCapacity,
  segmentText,
} from "./segment.js";
export {
  decodeSmsDeliver,
  decodeSmsStatusReport,
  decodeSmsSubmit,
  decodeSmsTpdu,
  decodeUserData,
  encodeSmsDeliver,
  encodeSmsStatusReport,
  encodeSmsSubmit,
  encodeSmsTpdu,
  writeUserData,
} from "./tpdu.js";
export type {
  SmsAddress,
  SmsConcatenation,
  SmsDeliver,
  SmsDirection,
  SmsOctets,
  SmsStatusReport,
  SmsSubmit,
  SmsTimestamp,
  SmsTpdu,
  SmsUdhElement,
  SmsUserData,
  SmsUserDataHeader,
  SmsValidityPeriod,
} from "./types.js";
export {
  decodeUcs2,
  encodeUcs2,
  isWellFormedUtf16,
  loneSurrogateAt,
  surrogatePairAt,
  ucs2Length,
} from "./ucs2.js";
export {
  concatenationElement,
  concatenationOf,
  decodeUserDataHeader,
  encodeUserDataHeader,
  smsOctets,
  smsOctetsView,
  udhElement,
  userDataHeader,
  userDataHeaderLength,
  writeUserDataHeader,
} from "./udh.js";
