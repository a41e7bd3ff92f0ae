/**
 * Reading an SMS-DELIVER TPDU (TS 23.040 §9.2.2.1), the sm-RP-UI of mt-forwardSM: who sent it and what it
 * says, so a simulated MSC can record the SMS it delivered and a foreign network the SMS it intercepted.
 * Tolerant: anything it cannot read yields undefined, never an exception.
 */
import { decodeGsm7 } from "../../codec/map/common-sms.js";

export interface SmsDeliverContent {
  /** TP-OA: digits, or the text of an alphanumeric sender. */
  originator: string;
  /** TP-UD as text (GSM 7-bit or UCS2; user data header skipped); undefined for 8-bit data. */
  text?: string;
}

/** TP-OA type of number 101: alphanumeric, GSM 7-bit (TS 23.040 §9.1.2.5). */
const TON_ALPHANUMERIC = 0x50;

export function readSmsDeliver(tpdu: Uint8Array): SmsDeliverContent | undefined {
  // Octet 1: TP-MTI (bits 1–0) 00 = SMS-DELIVER; TP-UDHI bit 6.
  if (tpdu.length < 3 || (tpdu[0]! & 0x03) !== 0) return undefined;
  const udhi = (tpdu[0]! & 0x40) !== 0;
  const oaDigits = tpdu[1]!;
  const toa = tpdu[2]!;
  const oaOctets = Math.ceil(oaDigits / 2);
  let at = 3 + oaOctets;
  // TP-PID, TP-DCS, TP-SCTS (7 octets), TP-UDL.
  if (at + 10 > tpdu.length) return undefined;
  let originator: string;
  if ((toa & 0x70) === TON_ALPHANUMERIC) {
    originator = decodeGsm7(tpdu, 3, at, Math.floor((oaDigits * 4) / 7));
  } else {
    originator = "";
    for (let i = 0; i < oaDigits; i++) {
      const nibble = (tpdu[3 + (i >> 1)]! >> ((i & 1) * 4)) & 0x0f;
      if (nibble > 9) break;
      originator += String(nibble);
    }
  }
  const dcs = tpdu[at + 1]!;
  const udl = tpdu[at + 9]!;
  at += 10;
  // TS 23.038 §4: general data coding (bits 7–6 = 00) or message class groups (1111); alphabet in bits 3–2.
  const general = (dcs & 0xc0) === 0 || (dcs & 0xf0) === 0xf0;
  const alphabet = general ? (dcs >> 2) & 0x03 : -1;
  const header = udhi && at < tpdu.length ? tpdu[at]! + 1 : 0;
  if (alphabet === 0) {
    const text = decodeGsm7(tpdu, at, tpdu.length, udl);
    // The header occupies whole septets (with fill bits) at the start of the user data.
    return { originator, text: text.slice(Math.ceil((header * 8) / 7)) };
  }
  if (alphabet === 2) {
    const end = Math.min(tpdu.length, at + udl);
    let text = "";
    for (let i = at + header; i + 1 < end; i += 2)
      text += String.fromCharCode((tpdu[i]! << 8) | tpdu[i + 1]!);
    return { originator, text };
  }
  return { originator };
}
