/**
 * The SMS data coding scheme (TS 23.038 §4) as a structured value, and the alphabet TP-UD is coded in.
 *
 *   00xx xxxx  general data coding: bit 5 compressed, bit 4 "bits 1–0 are a message class",
 *              bits 3–2 alphabet (00 GSM 7-bit, 01 8-bit data, 10 UCS2, 11 reserved)
 *   01xx xxxx  the same, and the message is marked for automatic deletion
 *   1000–1011  reserved coding groups
 *   1100 xxxx  message waiting indication, discard message (GSM 7-bit)
 *   1101 xxxx  message waiting indication, store message (GSM 7-bit)
 *   1110 xxxx  message waiting indication, store message (UCS2)
 *              bit 3 indication sense (1 = set active), bit 2 reserved, bits 1–0 indication type
 *   1111 xxxx  data coding / message class: bit 3 reserved, bit 2 (0 GSM 7-bit, 1 8-bit data), bits 1–0 class
 */
import { EncodeError } from "../errors.js";

export type SmsAlphabet = "gsm7" | "8bit" | "ucs2" | "reserved";
export type SmsMessageClass = 0 | 1 | 2 | 3;
export type SmsMessageWaitingIndication = "voicemail" | "fax" | "email" | "other";

const ALPHABETS: readonly SmsAlphabet[] = ["gsm7", "8bit", "ucs2", "reserved"];
const INDICATIONS: readonly SmsMessageWaitingIndication[] = ["voicemail", "fax", "email", "other"];

/** TP-DCS, decoded. Reserved bits are not represented: encoding writes them as 0. */
export type SmsDataCoding =
  | {
      group: "general";
      /** 01xx xxxx: the message is marked for automatic deletion. */
      automaticDeletion: boolean;
      compressed: boolean;
      alphabet: SmsAlphabet;
      /** Present when bit 4 says bits 1–0 carry a message class (0 flash, 1 ME, 2 SIM, 3 TE specific). */
      messageClass?: SmsMessageClass;
    }
  | {
      group: "messageWaiting";
      /** 1100 = discard (false), 1101 / 1110 = store (true). */
      store: boolean;
      alphabet: "gsm7" | "ucs2";
      /** Indication sense: set the indication active (true) or inactive. */
      active: boolean;
      indication: SmsMessageWaitingIndication;
    }
  | { group: "dataCodingMessageClass"; alphabet: "gsm7" | "8bit"; messageClass: SmsMessageClass }
  | { group: "reserved"; octet: number };

/** The structured meaning of the TP-DCS octet `dcs`. */
export function decodeDataCodingScheme(dcs: number): SmsDataCoding {
  const octet = dcs & 0xff;
  if ((octet & 0x80) === 0) {
    const general: SmsDataCoding = {
      group: "general",
      automaticDeletion: (octet & 0x40) !== 0,
      compressed: (octet & 0x20) !== 0,
      alphabet: ALPHABETS[(octet >> 2) & 0x03]!,
    };
    if (octet & 0x10) general.messageClass = (octet & 0x03) as SmsMessageClass;
    return general;
  }
  const group = octet >> 4;
  if (group >= 0x0c && group <= 0x0e) {
    return {
      group: "messageWaiting",
      store: group !== 0x0c,
      alphabet: group === 0x0e ? "ucs2" : "gsm7",
      active: (octet & 0x08) !== 0,
      indication: INDICATIONS[octet & 0x03]!,
    };
  }
  if (group === 0x0f) {
    return {
      group: "dataCodingMessageClass",
      alphabet: octet & 0x04 ? "8bit" : "gsm7",
      messageClass: (octet & 0x03) as SmsMessageClass,
    };
  }
  return { group: "reserved", octet };
}

/** The TP-DCS octet of a structured value (reserved bits 0). EncodeError for a combination with no coding. */
export function encodeDataCodingScheme(c: SmsDataCoding): number {
  switch (c.group) {
    case "general": {
      const alphabet = ALPHABETS.indexOf(c.alphabet);
      if (alphabet < 0) throw new EncodeError("sms", "TP-DCS alphabet", `${String(c.alphabet)} is unknown`);
      let octet = (c.automaticDeletion ? 0x40 : 0) | (c.compressed ? 0x20 : 0) | (alphabet << 2);
      if (c.messageClass !== undefined) octet |= 0x10 | messageClassBits(c.messageClass);
      return octet;
    }
    case "messageWaiting": {
      const indication = INDICATIONS.indexOf(c.indication);
      if (indication < 0) {
        throw new EncodeError("sms", "TP-DCS indication", `${String(c.indication)} is unknown`);
      }
      // TS 23.038 §4: there is no "discard" group for UCS2.
      if (c.alphabet === "ucs2" && !c.store) {
        throw new EncodeError("sms", "TP-DCS", "message waiting with UCS2 exists only as store message");
      }
      const group = c.alphabet === "ucs2" ? 0xe0 : c.store ? 0xd0 : 0xc0;
      return group | (c.active ? 0x08 : 0) | indication;
    }
    case "dataCodingMessageClass":
      return 0xf0 | (c.alphabet === "8bit" ? 0x04 : 0) | messageClassBits(c.messageClass);
    case "reserved":
      if (!(Number.isInteger(c.octet) && c.octet >= 0x80 && c.octet <= 0xbf)) {
        throw new EncodeError(
          "sms",
          "TP-DCS",
          `${c.octet} is not a reserved coding group octet (0x80..0xBF)`,
        );
      }
      return c.octet;
    default:
      throw new EncodeError(
        "sms",
        "TP-DCS",
        `unknown group ${JSON.stringify((c as { group: unknown }).group)}`,
      );
  }
}

function messageClassBits(c: number): number {
  if (!(Number.isInteger(c) && c >= 0 && c <= 3)) {
    throw new EncodeError("sms", "TP-DCS message class", `${c} is not 0..3`);
  }
  return c;
}

/**
 * How TP-UD is coded under `dcs`, which decides whether TP-UDL counts septets or octets (TS 23.040
 * §9.2.3.16): "gsm7" (septets, text), "ucs2" (octets, text) or "8bit" (octets, opaque). Compressed user
 * data counts octets whatever the alphabet. TS 23.038 §4: "any reserved codings shall be assumed to be
 * the GSM 7 bit default alphabet" (reserved coding groups and the reserved alphabet 11).
 */
export function userDataAlphabet(dcs: number): "gsm7" | "8bit" | "ucs2" {
  const c = decodeDataCodingScheme(dcs);
  switch (c.group) {
    case "general":
      if (c.compressed) return "8bit";
      return c.alphabet === "reserved" ? "gsm7" : c.alphabet;
    case "messageWaiting":
    case "dataCodingMessageClass":
      return c.alphabet;
    default:
      return "gsm7";
  }
}

/** TP-DCS 0x00 / 0x08: general data coding, GSM 7-bit / UCS2, no class (what a plain text SMS carries). */
export function textDataCodingScheme(encoding: "gsm7" | "ucs2"): number {
  return encoding === "ucs2" ? 0x08 : 0x00;
}
