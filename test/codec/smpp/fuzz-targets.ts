/**
 * Fuzz targets for the SMPP codec, in the shape `npm run fuzz` loads from test/fuzz/targets/ (a module
 * there can re-export them: `export { targets } from "../../codec/smpp/fuzz-targets.js";`).
 */
import { fromHex } from "../../../src/codec/bytes.js";
import {
  decodeSmppPdu,
  encodeSmppPdu,
  parseDeliveryReceipt,
  parseSmppTime,
  SmppStreamFramer,
} from "../../../src/codec/smpp/index.js";
import type { FuzzTarget } from "../../fuzz/target.js";
import { SMPP_FIXTURES } from "./fixtures.js";

const seeds = SMPP_FIXTURES.map((f) => fromHex(f.hex));

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Mutations mostly break command_length; half the time it is set right so the body gets exercised. */
function withLength(bytes: Uint8Array): Uint8Array {
  if (bytes.length >= 4 && (bytes.length & 1) === 0) {
    const b = Uint8Array.from(bytes);
    new DataView(b.buffer).setUint32(0, b.length);
    return b;
  }
  return bytes;
}

export const targets: FuzzTarget[] = [
  {
    name: "smpp",
    seeds,
    decode: (input) => {
      const bytes = withLength(input);
      const pdu = decodeSmppPdu(bytes, 0, bytes.length);
      // Whatever decodes re-encodes to exactly the input (every accepted encoding is canonical).
      if (!sameBytes(encodeSmppPdu(pdu), bytes)) throw new Error("SMPP re-encoding differs from the input");
      return pdu;
    },
  },
  {
    name: "smpp-framer",
    seeds: [Buffer.concat(seeds)],
    decode: (bytes) => {
      const framer = new SmppStreamFramer({ maxPduLength: 4096 });
      let n = 0;
      for (let at = 0, step = 1 + (bytes.length % 29); at < bytes.length; at += step) {
        framer.push(bytes.subarray(at, at + step));
        while (framer.next()) {
          decodeSmppPdu(framer.frameBytes, framer.frameStart, framer.frameEnd);
          n++;
        }
      }
      return n;
    },
  },
  {
    name: "smpp-receipt-and-time",
    seeds: seeds.filter((s) => s.length > 100),
    decode: (bytes) => {
      parseDeliveryReceipt(bytes);
      let text = "";
      for (let i = 0; i < bytes.length && i < 16; i++) text += String.fromCharCode(bytes[i]! & 0x7f);
      return parseSmppTime(text);
    },
  },
];
