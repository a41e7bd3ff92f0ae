/**
 * Numbering lookups: E.164 → calling code and country, E.212 MCC/MNC → country and operator, and the
 * generic longest-prefix table the firewall uses for GT ranges. Pure (no I/O); the data comes from the
 * libphonenumber-js and mcc-mnc-list packages and is indexed on first use.
 */
export { countryOfE164, type E164Origin, e164Table, RESOLVE_DEPTH } from "./e164.js";
export {
  countryOfMcc,
  type ImsiNetwork,
  type MobileCountry,
  type MobileNetwork,
  mncLengthOfImsi,
  networkOfImsi,
  operatorOfMccMnc,
  operatorsOfMccMnc,
  splitImsi,
} from "./mcc-mnc.js";
export { type PrefixMatch, PrefixTable } from "./prefix-table.js";
