import { fromHex } from "../../../src/codec/bytes.js";
import {
  decodeM3ua,
  encodeM3ua,
  M3uaDataFields,
  M3uaStreamFramer,
  readM3uaData,
} from "../../../src/codec/m3ua/index.js";
import { M3UA_FIXTURES } from "../../codec/m3ua/fixtures.js";
import type { FuzzTarget } from "../target.js";

const seeds = M3UA_FIXTURES.map((f) => fromHex(f.hex));
const dataFields = new M3uaDataFields();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whatever decodes must re-encode (no EncodeError) to a canonical form that is a fixed point. */
function decodeAndReencode(bytes: Uint8Array, start: number, end: number): unknown {
  const msg = decodeM3ua(bytes, start, end);
  const once = encodeM3ua(msg);
  const twice = encodeM3ua(decodeM3ua(once));
  if (!sameBytes(once, twice)) throw new Error("M3UA re-encoding is not a fixed point");
  return msg;
}

export const targets: FuzzTarget[] = [
  {
    name: "m3ua",
    seeds,
    decode: (bytes) => decodeAndReencode(bytes, 0, bytes.length),
  },
  {
    name: "m3ua-data",
    seeds,
    decode: (bytes) => {
      const isData = readM3uaData(bytes, 0, bytes.length, dataFields);
      // The fast path must never accept what the full decoder rejects.
      if (isData) decodeM3ua(bytes);
      return isData;
    },
  },
  {
    name: "m3ua-framer",
    seeds: [Buffer.concat(seeds.slice(0, 8)), Buffer.concat(seeds.slice(8))],
    decode: (bytes) => {
      // Chunk size from the input itself so every split pattern is reachable.
      const step = 1 + ((bytes[bytes.length - 1] ?? 0) % 29);
      const framer = new M3uaStreamFramer({ maxMessageLength: 4096 });
      let frames = 0;
      for (let at = 0; at < bytes.length; at += step) {
        framer.push(bytes.subarray(at, at + step));
        while (framer.next()) {
          frames++;
          decodeAndReencode(framer.frameBytes, framer.frameStart, framer.frameEnd);
        }
      }
      return frames;
    },
  },
];
