/**
 * Hostile input through the whole stack: mutated M3UA and M2PA payloads into the full decoder and the
 * fast scanner, and mutated capture files through reader → extractor → decoder. Nothing may escape but
 * reported DecodeErrors, and every input must finish quickly.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CaptureReader, PayloadExtractor, type PayloadRecord } from "../../../src/codec/capture/index.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { encodeM2pa } from "../../../src/codec/m2pa/index.js";
import { mtp3Msu } from "../../../src/codec/mtp3/index.js";
import { StackDecoder } from "../../../src/codec/stack/decoder.js";
import type { Ss7Message } from "../../../src/codec/stack/message.js";
import { Ss7Scanner } from "../../../src/codec/stack/scan.js";
import { encodeLabMessage, LabCaptureWriter } from "../../../src/lab/capture.js";
import { benignTraffic } from "../../../src/lab/traffic.js";
import { mutate } from "../../fuzz/mutate.js";

function record(bytes: Uint8Array, ppid: number, frame: number): PayloadRecord {
  return {
    transport: "sctp",
    frameNumber: frame,
    seconds: 1_767_225_600 + frame,
    nanoseconds: 0,
    ipVersion: 4,
    srcIp: "127.0.0.1",
    dstIp: "127.0.0.2",
    srcPort: ppid === 5 ? 3565 : 2905,
    dstPort: ppid === 5 ? 3565 : 2905,
    ppid,
    stream: 1,
    streamSequence: 0,
    sequence: frame,
    unordered: false,
    reassembled: false,
    gap: false,
    bytes,
    start: 0,
    end: bytes.length,
  };
}

const m3uaSeeds = [...benignTraffic(60, { seed: 5 })].map(
  (m, i) => new Uint8Array(encodeLabMessage(m, i & 15)),
);
const m2paSeeds = m3uaSeeds.slice(0, 20).map((m3ua, i) => {
  // The SCCP part of the M3UA DATA, re-carried over M2PA/MTP3.
  const sccp = m3ua.subarray(8 + 8 + 16);
  const msu = mtp3Msu({ variant: "itu", si: 3, ni: 2, mp: 0, opc: 100 + i, dpc: 200, sls: i & 15 }, sccp);
  return new Uint8Array(encodeM2pa({ kind: "userData", bsn: 1, fsn: i, priority: 0, msu }));
});

describe("the stack on hostile payloads", () => {
  it("decodes every seed cleanly before mutation (the seeds are valid)", () => {
    const stack = new StackDecoder();
    const problems: string[] = [];
    let n = 0;
    for (const [i, s] of m3uaSeeds.entries())
      n += stack.decode(record(s, 3, i + 1), (p) => problems.push(p.reason)).length;
    for (const [i, s] of m2paSeeds.entries())
      n += stack.decode(record(s, 5, i + 1), (p) => problems.push(p.reason)).length;
    assert.deepEqual(problems, []);
    assert.equal(n, m3uaSeeds.length + m2paSeeds.length);
  });

  for (const [name, seeds, ppid] of [
    ["M3UA", m3uaSeeds, 3],
    ["M2PA", m2paSeeds, 5],
  ] as const) {
    it(`reports, never throws, on 15 000 mutated ${name} payloads (full decoder and fast scanner)`, () => {
      const stack = new StackDecoder();
      let scanned = 0;
      const scanner = new Ss7Scanner(
        () => {
          scanned++;
        },
        (_frame, e) => assert.ok(e instanceof DecodeError),
      );
      let decoded = 0;
      let reported = 0;
      const out: Ss7Message[] = [];
      let slowest = 0;
      for (let n = 0; n < 15_000; n++) {
        const input = mutate(seeds[n % seeds.length]!, n);
        const t0 = performance.now();
        out.length = 0;
        stack.decode(record(input, ppid, n + 1), () => reported++, out);
        scanner.payload(record(input, ppid, n + 1));
        slowest = Math.max(slowest, performance.now() - t0);
        decoded += out.length;
      }
      assert.ok(decoded > 0 && reported > 0, `decoded ${decoded}, reported ${reported}`);
      assert.ok(scanned > 0);
      assert.ok(slowest < 250, `slowest input took ${slowest.toFixed(1)} ms`);
    });
  }
});

describe("the whole pipeline on hostile capture files", () => {
  const writer = new LabCaptureWriter();
  for (const m of benignTraffic(12, { seed: 8 })) writer.add(m);
  const chunks = writer.takeChunks();
  const pcap = new Uint8Array(Buffer.concat(chunks));

  it("reads 3 000 mutated captures without anything but DecodeError, in bounded time", () => {
    let messages = 0;
    let problems = 0;
    for (let n = 0; n < 3_000; n++) {
      const input = mutate(pcap, n);
      const reader = new CaptureReader();
      const extractor = new PayloadExtractor();
      const stack = new StackDecoder();
      const t0 = performance.now();
      try {
        reader.push(input);
        for (let p = reader.next(); p; p = reader.next()) {
          try {
            for (const r of extractor.extract(p)) messages += stack.decode(r, () => problems++).length;
          } catch (e) {
            if (!(e instanceof DecodeError)) throw e;
            problems++;
          }
        }
        reader.end();
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        problems++;
      }
      assert.ok(performance.now() - t0 < 500, `input ${n} took too long`);
    }
    assert.ok(messages > 0 && problems > 0, `messages ${messages}, problems ${problems}`);
  });
});
