/**
 * SCCP fuzz targets: the full decoder, the fast path (which must agree with the full decoder on every
 * input), the address decoder, and the segment reassembler fed a stream of length-prefixed messages.
 */
import { fromHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import {
  decodeSccp,
  decodeSccpAddress,
  decodeSccpFast,
  encodeSccp,
  SccpFastView,
  SccpReassembler,
  segmentSccpXudt,
} from "../../../src/codec/sccp/index.js";
import type { FuzzTarget } from "../target.js";

const gt4 = (digits: string) => ({ tt: 0, np: 1, nai: 4, digits });

/** Valid messages of every connectionless type, built from the encoder (the fixtures test pins the octets). */
export const sccpSeeds: readonly Uint8Array[] = [
  encodeSccp({
    messageType: 0x09,
    protocolClass: 0,
    returnOnError: true,
    called: { ssn: 6, gt: gt4("491720000001") },
    calling: { ssn: 8, gt: gt4("491721234") },
    data: fromHex("62 06 48 04 de ad be ef"),
  }),
  encodeSccp({
    messageType: 0x0a,
    returnCause: 1,
    called: { pc: 0x1234, ssn: 7, routingIndicator: 1 },
    calling: { ssn: 6, gt: { nai: 4, digits: "12345" } },
    data: fromHex("01 02"),
  }),
  encodeSccp({
    messageType: 0x11,
    protocolClass: 1,
    returnOnError: false,
    hopCounter: 15,
    called: { ssn: 146, gt: { tt: 5, digits: "1234" } },
    calling: { ssn: 149, gt: { tt: 0, np: 7, digits: "26201123" } },
    data: fromHex("aa bb cc"),
    segmentation: { firstSegment: true, protocolClass: 1, remainingSegments: 2, localReference: 0x123456 },
    importance: 5,
    unknownParameters: [{ name: 0xf3, value: fromHex("01 02") }],
  }),
  encodeSccp({
    messageType: 0x12,
    returnCause: 12,
    hopCounter: 3,
    called: { ssn: 6, routingIndicator: 1 },
    calling: { globalTitleIndicator: 9, unknownGlobalTitle: fromHex("01 02 03"), ssn: 8 },
    data: fromHex("00"),
  }),
  encodeSccp({
    messageType: 0x13,
    protocolClass: 0,
    returnOnError: false,
    hopCounter: 15,
    called: { ssn: 6, gt: gt4("123") },
    calling: { ssn: 8, pc: 100, gt: gt4("4567") },
    data: new Uint8Array(300).fill(0x5a),
    importance: 7,
  }),
  encodeSccp({
    messageType: 0x14,
    returnCause: 14,
    hopCounter: 1,
    called: { ssn: 6, routingIndicator: 1 },
    calling: { ssn: 8, routingIndicator: 1 },
    data: fromHex("ab cd"),
  }),
];

/** Address contents (after the length indicator) for every GT indicator. */
export const sccpAddressSeeds: readonly Uint8Array[] = [
  fromHex("12 06 00 12 04 94 71 02 00 00 10"),
  fromHex("43 34 12 07"),
  fromHex("06 06 84 21 43 05"),
  fromHex("0a 92 05 21 43"),
  fromHex("0e 95 00 71 62 02 11 02"),
  fromHex("16 06 01 02 03"),
];

/** Messages framed as [2-octet length][message] … for the reassembly target. */
function frame(msgs: readonly Uint8Array[]): Uint8Array {
  const out: number[] = [];
  for (const m of msgs) out.push(m.length >> 8, m.length & 0xff, ...m);
  return Uint8Array.from(out);
}

const longData = new Uint8Array(1200).map((_, i) => (i * 7) & 0xff);
const segmented = segmentSccpXudt(
  {
    protocolClass: 0,
    returnOnError: true,
    hopCounter: 15,
    called: { ssn: 6, gt: gt4("4917") },
    calling: { ssn: 8, gt: gt4("4918") },
    data: longData,
  },
  { localReference: 0x0a0b0c },
);
export const sccpStreamSeeds: readonly Uint8Array[] = [
  frame(segmented),
  frame([...segmented].reverse()),
  frame([segmented[0]!, segmented[0]!, ...segmented.slice(2)]),
];

/**
 * Decodes a stream of length-prefixed SCCP messages into one small reassembler; a frame running past the
 * end is a DecodeError like any other.
 */
export function decodeSccpStream(bytes: Uint8Array): number {
  const r = new SccpReassembler({ maxEntries: 4, maxBytes: 4096, timeout: 5 });
  let completed = 0;
  let o = 0;
  let now = 0;
  while (o < bytes.length) {
    if (o + 2 > bytes.length) throw new DecodeError("sccp", o, "frame length cut");
    const len = (bytes[o]! << 8) | bytes[o + 1]!;
    if (o + 2 + len > bytes.length) throw new DecodeError("sccp", o, "frame runs past the end");
    const m = decodeSccp(bytes, o + 2, o + 2 + len);
    if (!("other" in m) && r.accept(m, bytes, now++, "fuzz")) completed++;
    o += 2 + len;
  }
  return completed;
}

const view = new SccpFastView();

export const targets: FuzzTarget[] = [
  { name: "sccp", seeds: sccpSeeds, decode: (bytes) => decodeSccp(bytes) },
  {
    name: "sccp-fast",
    seeds: sccpSeeds,
    decode: (bytes) => {
      // The fast path must accept and reject exactly what the full decoder does.
      let full: unknown;
      try {
        full = decodeSccp(bytes);
      } catch (e) {
        let fastThrew = false;
        try {
          decodeSccpFast(bytes, 0, bytes.length, view);
        } catch {
          fastThrew = true;
        }
        if (!fastThrew) throw new Error("fast path accepted what decodeSccp rejected");
        throw e;
      }
      const ok = decodeSccpFast(bytes, 0, bytes.length, view);
      if (ok === (full as { other?: true }).other)
        throw new Error("fast path and decodeSccp disagree on the message type");
      return view;
    },
  },
  { name: "sccp-address", seeds: sccpAddressSeeds, decode: (bytes) => decodeSccpAddress(bytes) },
  { name: "sccp-reassembly", seeds: sccpStreamSeeds, decode: (bytes) => decodeSccpStream(bytes) },
];
