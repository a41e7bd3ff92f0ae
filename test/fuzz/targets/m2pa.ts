import { fromHex } from "../../../src/codec/bytes.js";
import { decodeM2pa, encodeM2pa } from "../../../src/codec/m2pa/index.js";
import { decodeMtp3, encodeMtp3, type Mtp3Variant } from "../../../src/codec/mtp3/index.js";
import { M2PA_FIXTURES } from "../../codec/m2pa/fixtures.js";
import type { FuzzTarget } from "../target.js";

const m2paSeeds = M2PA_FIXTURES.map((f) => fromHex(f.hex));

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function m2pa(variant: Mtp3Variant): FuzzTarget {
  return {
    name: `m2pa-${variant}`,
    seeds: m2paSeeds,
    decode: (bytes) => {
      const msg = decodeM2pa(bytes, 0, bytes.length, variant);
      const once = encodeM2pa(msg);
      if (!sameBytes(once, encodeM2pa(decodeM2pa(once, 0, once.length, variant)))) {
        throw new Error("M2PA re-encoding is not a fixed point");
      }
      return msg;
    },
  };
}

function mtp3(variant: Mtp3Variant, seeds: Uint8Array[]): FuzzTarget {
  return {
    name: `mtp3-${variant}`,
    seeds,
    decode: (bytes) => {
      const msu = decodeMtp3(bytes, 0, bytes.length, variant);
      // Every SIO + label + SIF octet string is canonical, so re-encoding must give the input back.
      if (!sameBytes(encodeMtp3(msu), bytes)) throw new Error("MTP3 re-encoding differs from the input");
      return msu;
    },
  };
}

export const targets: FuzzTarget[] = [
  m2pa("itu"),
  m2pa("ansi"),
  mtp3("itu", [fromHex("83 2e 96 34 91 09 80 03 05 07"), fromHex("00 ff 3f 00 00")]),
  mtp3("ansi", [fromHex("93 03 02 01 06 05 04 1f 01 02"), fromHex("00 00 00 00 00 00 00 00")]),
];
