import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LinkType, PacketBuilder, PcapWriter } from "../../../src/codec/capture/index.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { mutate } from "../../fuzz/mutate.js";
import { decodeCapture, decodeFrame, seedCaptures, targets } from "../../fuzz/targets/capture.js";

/** Runs `decode` over `inputs`, asserting only DecodeError escapes and no input takes long. */
function survive(
  label: string,
  count: number,
  input: (i: number) => Uint8Array,
  decode: (b: Uint8Array) => unknown,
) {
  let decoded = 0;
  let rejected = 0;
  let slowest = 0;
  for (let i = 0; i < count; i++) {
    const bytes = input(i);
    const t0 = performance.now();
    try {
      decode(bytes);
      decoded++;
    } catch (e) {
      if (!(e instanceof DecodeError)) {
        assert.fail(`${label} #${i}: ${e instanceof Error ? e.stack : String(e)}`);
      }
      rejected++;
    }
    slowest = Math.max(slowest, performance.now() - t0);
  }
  assert.equal(decoded + rejected, count);
  assert.ok(slowest < 500, `${label}: slowest input took ${slowest.toFixed(0)} ms`);
  return { decoded, rejected };
}

describe("hostile captures and packets", { timeout: 60_000 }, () => {
  it("throws only DecodeError on 22 000 mutated captures, streams and frames (the fuzz targets)", () => {
    const counts: Record<string, number> = {
      "capture-file": 8000,
      "capture-stream": 4000,
      "capture-frame": 10_000,
    };
    for (const t of targets) {
      const r = survive(t.name, counts[t.name]!, (i) => mutate(t.seeds[i % t.seeds.length]!, i), t.decode);
      assert.ok(
        r.decoded > 0 && r.rejected > 0,
        `${t.name}: both outcomes should occur (${JSON.stringify(r)})`,
      );
    }
  });

  it("survives a lying 32-bit length or count at every offset of small pcap and pcapng files", () => {
    const b = new PacketBuilder();
    const frame = Uint8Array.from(
      b.sctp({
        srcIp: "10.0.0.1",
        dstIp: "10.0.0.2",
        srcPort: 2905,
        dstPort: 2905,
        chunks: [
          { tsn: 1, ppid: 3, data: new Uint8Array(8).fill(1) },
          { tsn: 2, ppid: 3, data: new Uint8Array(3).fill(2), ending: false },
        ],
      }),
    );
    const files: Uint8Array[] = [];
    for (const format of ["pcap", "pcapng"] as const) {
      for (const bigEndian of [false, true]) {
        const w = new PcapWriter({ format, bigEndian });
        w.writePacket(1, 0, frame);
        w.writePacket(2, 0, frame);
        if (format === "pcapng") {
          const raw = w.addInterface({ linkType: LinkType.raw, timestampResolution: 0x89 });
          w.writePacket(3, 0, frame, 14, frame.length, frame.length, raw);
          w.writeSimplePacket(frame);
        }
        files.push(w.take());
      }
    }
    const lies = [0xffffffff, 0xfffffffc, 0x80000000, 0x7fffffff, 0x00010000, 0, 4, 12, 13, 0xff];
    let total = 0;
    for (const file of files) {
      const n = (file.length - 3) * lies.length * 2;
      total += n;
      survive(
        "length lie",
        n,
        (i) => {
          const at = Math.floor(i / (lies.length * 2));
          const v = lies[Math.floor(i / 2) % lies.length]!;
          const out = Uint8Array.from(file);
          const dv = new DataView(out.buffer);
          dv.setUint32(at, v, i % 2 === 0);
          return out;
        },
        decodeCapture,
      );
      // Every truncation, read in one piece and in 7-byte chunks.
      survive("truncation", file.length, (i) => file.subarray(0, i), decodeCapture);
      survive(
        "chunked truncation",
        file.length,
        (i) => file.subarray(0, i),
        (x) => decodeCapture(x, 7),
      );
    }
    assert.ok(total > 10_000);
  });

  it("survives 0xFF runs over every frame header field", () => {
    const frames = targets.find((t) => t.name === "capture-frame")!.seeds;
    let n = 0;
    for (const f of frames) {
      for (let at = 1; at < Math.min(f.length, 90); at++) {
        for (const width of [1, 2, 4]) {
          const out = Uint8Array.from(f);
          out.fill(0xff, at, Math.min(out.length, at + width));
          survive("0xff", 1, () => out, decodeFrame);
          n++;
        }
      }
    }
    assert.ok(n > 2000);
    assert.ok(seedCaptures().every((c) => decodeCapture(c) > 0));
  });
});
