import { decodeBerTree } from "../../../src/codec/ber/index.js";
import { fromHex } from "../../../src/codec/bytes.js";
import type { FuzzTarget } from "../target.js";

export const targets: FuzzTarget[] = [
  {
    name: "ber",
    seeds: [
      fromHex("30 80 30 80 02 01 05 00 00 00 00"),
      fromHex("62 0c 48 04 01 02 03 04 6c 04 a1 02 02 01"),
      fromHex("bf 81 49 03 04 01 aa"),
    ],
    decode: (bytes) => decodeBerTree(bytes),
  },
];
