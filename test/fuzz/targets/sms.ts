/**
 * Fuzz targets for the SMS codecs (TS 23.040 TPDUs, user data header, addresses): seeded with the classic
 * vectors and generated TPDUs of every kind (test/codec/sms/helpers.ts).
 */
import { fromHex } from "../../../src/codec/bytes.js";
import {
  decodeSmsAddress,
  decodeSmsTpdu,
  decodeUserDataHeader,
  encodeSmsTpdu,
} from "../../../src/codec/sms/index.js";
import { smsSeeds } from "../../codec/sms/helpers.js";
import type { FuzzTarget } from "../target.js";

const TPDUS = smsSeeds();

export const targets: FuzzTarget[] = [
  { name: "sms-tpdu", seeds: TPDUS, decode: (b) => decodeSmsTpdu(b) },
  { name: "sms-tpdu-mt", seeds: TPDUS, decode: (b) => decodeSmsTpdu(b, 0, b.length, "mt") },
  { name: "sms-tpdu-mo", seeds: TPDUS, decode: (b) => decodeSmsTpdu(b, 0, b.length, "mo") },
  {
    // Whatever decodes must encode again: an EncodeError here is a finding too.
    name: "sms-tpdu-reencode",
    seeds: TPDUS,
    decode: (b) => encodeSmsTpdu(decodeSmsTpdu(b)),
  },
  {
    name: "sms-udh",
    seeds: [fromHex("05 00 03 cc 02 01"), fromHex("0c 05 04 0b 84 23 f0 08 04 12 34 03 02"), fromHex("00")],
    decode: (b) => decodeUserDataHeader(b, 0, b.length),
  },
  {
    name: "sms-address",
    seeds: [fromHex("0b 91 64 07 28 15 53 f8"), fromHex("0b d0 cd bc 30 ec 5e 03"), fromHex("00 80")],
    decode: (b) => decodeSmsAddress(b, 0, b.length),
  },
];
