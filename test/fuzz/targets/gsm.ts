import { fromHex } from "../../../src/codec/bytes.js";
import {
  decodeAddressString,
  decodeCellGlobalIdFixedLength,
  decodeFtnAddressString,
  decodeImei,
  decodeImsi,
  decodeIsdnAddressString,
  decodeLaiFixedLength,
  decodeLmsi,
  decodePlmnId,
  decodeTbcd,
  decodeTmsi,
} from "../../../src/codec/gsm/index.js";
import type { FuzzTarget } from "../target.js";

/** The GSM number-format decoders (TS 29.002 §17.7.8), each over the whole mutated input. */
export const targets: FuzzTarget[] = [
  {
    name: "gsm-tbcd",
    seeds: [fromHex("21 43 f5"), fromHex("a1 cb fe"), fromHex("32 14 05 21 43 65 87 f9 ff ff")],
    decode: (bytes) => decodeTbcd(bytes),
  },
  {
    name: "gsm-address",
    seeds: [
      fromHex("91 44 77 00 09 10 32"),
      fromHex("81 21 43 65 87 09 21 43 65 87 09 21 43 65 87 09 21 43 f5"),
    ],
    decode: (bytes) => decodeAddressString(bytes),
  },
  {
    name: "gsm-isdn-address",
    seeds: [fromHex("91 44 77 00 09 10 32"), fromHex("a1 21 43 65 87 09 21 43 f5"), fromHex("11 21")],
    decode: (bytes) => decodeIsdnAddressString(bytes),
  },
  {
    name: "gsm-ftn-address",
    seeds: [fromHex("91 33 16 91 11 11 f1")],
    decode: (bytes) => decodeFtnAddressString(bytes),
  },
  {
    name: "gsm-imsi",
    seeds: [fromHex("32 14 05 21 43 65 87 f9"), fromHex("13 00 51 10 32 54"), fromHex("64 50 10 f0")],
    decode: (bytes) => decodeImsi(bytes),
  },
  {
    name: "gsm-imei",
    seeds: [fromHex("53 02 99 00 71 16 84 f0"), fromHex("53 02 99 00 71 16 84 32")],
    decode: (bytes) => decodeImei(bytes),
  },
  {
    name: "gsm-lmsi-tmsi",
    seeds: [fromHex("01 02 03 04"), fromHex("ff")],
    decode: (bytes) => (bytes.length === 4 ? decodeLmsi(bytes) : decodeTmsi(bytes)),
  },
  {
    name: "gsm-location",
    seeds: [fromHex("32 f4 51"), fromHex("13 00 51 00 2a"), fromHex("32 f4 51 12 34 56 78")],
    decode: (bytes) => {
      if (bytes.length === 3) return decodePlmnId(bytes);
      if (bytes.length === 5) return decodeLaiFixedLength(bytes);
      return decodeCellGlobalIdFixedLength(bytes);
    },
  },
];
