import { CaptureReader, PayloadExtractor, type PayloadRecord } from "../../../src/codec/capture/index.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { StackDecoder } from "../../../src/codec/stack/decoder.js";
import { Ss7Scanner } from "../../../src/codec/stack/scan.js";
import { encodeLabMessage, LabCaptureWriter } from "../../../src/lab/capture.js";
import { benignTraffic } from "../../../src/lab/traffic.js";
import type { FuzzTarget } from "../target.js";

/** The composed stack: a DecodeError reported through the callbacks is fine; anything thrown is a finding. */
function payload(bytes: Uint8Array): PayloadRecord {
  return {
    transport: "sctp",
    frameNumber: 1,
    seconds: 1_767_225_600,
    nanoseconds: 0,
    ipVersion: 4,
    srcIp: "127.0.0.1",
    dstIp: "127.0.0.2",
    srcPort: 2905,
    dstPort: 2905,
    ppid: 3,
    stream: 1,
    streamSequence: 0,
    sequence: 1,
    unordered: false,
    reassembled: false,
    gap: false,
    bytes,
    start: 0,
    end: bytes.length,
  };
}

const m3uaSeeds = [...benignTraffic(30, { seed: 11 })].map((m) => new Uint8Array(encodeLabMessage(m)));
const captureWriter = new LabCaptureWriter();
for (const m of benignTraffic(8, { seed: 12 })) captureWriter.add(m);
const captureSeed = new Uint8Array(Buffer.concat(captureWriter.takeChunks()));

export const targets: FuzzTarget[] = [
  {
    name: "stack-m3ua-payload",
    seeds: m3uaSeeds,
    decode(bytes) {
      const stack = new StackDecoder();
      const scanner = new Ss7Scanner(() => {});
      stack.decode(payload(bytes), () => {});
      scanner.payload(payload(bytes));
    },
  },
  {
    name: "stack-capture-file",
    seeds: [captureSeed],
    decode(bytes) {
      const reader = new CaptureReader();
      const extractor = new PayloadExtractor();
      const stack = new StackDecoder();
      reader.push(bytes);
      for (let p = reader.next(); p; p = reader.next()) {
        try {
          for (const r of extractor.extract(p)) stack.decode(r, () => {});
        } catch (e) {
          if (!(e instanceof DecodeError)) throw e;
        }
      }
      reader.end();
    },
  },
];
