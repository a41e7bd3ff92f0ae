/**
 * GSM number formats used by MAP and SCCP (3GPP TS 29.002 §17.7.8, TS 23.003, TS 24.008): TBCD digits,
 * AddressString family, IMSI, IMEI, LMSI, TMSI, PLMN-Id, LAI and CGI. Pure codecs; the MCC/MNC and E.164
 * tables live in `src/numbering`.
 */
export {
  decodeAddressString,
  decodeFtnAddressString,
  decodeIsdnAddressString,
  encodeAddressString,
  encodeFtnAddressString,
  encodeIsdnAddressString,
  writeAddressString,
} from "./address.js";
export {
  AddressLength,
  IdentityLength,
  NatureOfAddress,
  NumberingPlan,
  natureOfAddressName,
  numberingPlanName,
  TBCD_DIGITS,
  TBCD_FILLER,
} from "./constants.js";
export {
  decodeImei,
  decodeImsi,
  decodeLmsi,
  decodeTmsi,
  encodeImei,
  encodeImsi,
  encodeLmsi,
  encodeTmsi,
  imeiCheckDigit,
  imsiParts,
  writeImei,
  writeImsi,
} from "./identity.js";
export {
  decodeCellGlobalIdFixedLength,
  decodeLaiFixedLength,
  decodePlmnId,
  encodeCellGlobalIdFixedLength,
  encodeLaiFixedLength,
  encodePlmnId,
  writePlmnId,
} from "./location.js";
export { decodeTbcd, encodeTbcd, isDecimal, tbcdLength, writeTbcd } from "./tbcd.js";
export type { AddressString, CellGlobalId, ImsiParts, LocationAreaId, PlmnId } from "./types.js";
