import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  ForensicCapture,
  type ForensicIndexEntry,
  indexName,
  rotatedName,
} from "../../src/proxy/forensics.js";
import type { MsuDirection } from "../../src/proxy/pipeline.js";
import { HOME_MSISDN, NODES as N, op, wire } from "../firewall/harness.js";
import { tsharkAvailable, tsharkFields } from "../oracle/tshark.js";

const skip = tsharkAvailable() ? false : "tshark not installed (.ci/run installs it)";

/** Blocked MSUs: an inbound ATI (category 1) from a JP GT, an outbound SRI-SM from the home HLR. */
const INBOUND = wire(N.unknownJp, N.homeHlr, op.ati(HOME_MSISDN, N.unknownJp));
const OUTBOUND = wire(N.homeHlr, N.ukSmsc, op.sriSm(HOME_MSISDN, N.homeHlr));
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

const FRAME_FIELDS = [
  "frame.number",
  "ip.src",
  "ip.dst",
  "sctp.data_payload_proto_id",
  "m3ua.message_class",
  "m3ua.message_type",
  "mtp3.opc",
  "mtp3.dpc",
  "frame.time_epoch",
];

/** FRAME_FIELDS of each frame, as tshark decodes them. */
function tsharkFrames(file: string): string[][] {
  const args = ["-r", file, "-n", "-T", "fields", "-E", "separator=\t"];
  for (const f of FRAME_FIELDS) args.push("-e", f);
  const text = execFileSync("tshark", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split("\t"));
}

function indexOf(file: string): ForensicIndexEntry[] {
  return readFileSync(indexName(file), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

const dir = mkdtempSync(join(tmpdir(), "ss7guard-forensics-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("forensic capture", { skip }, () => {
  it("writes blocked MSUs as SCTP/IPv4/Ethernet that tshark decodes as M3UA DATA, with an index", () => {
    const file = join(dir, "blocked.pcap");
    const capture = new ForensicCapture({ file });
    const directions: MsuDirection[] = ["inbound", "outbound", "inbound", "inbound", "outbound"];
    directions.forEach((d, i) => {
      const msu = d === "inbound" ? INBOUND : OUTBOUND;
      // The MSU sits inside a larger buffer, as the transport's framer hands it over.
      const host = Buffer.concat([Buffer.alloc(5, 0xee), msu, Buffer.alloc(9, 0xee)]);
      capture.add(host, 5, 5 + msu.length, d, d === "inbound" ? "category-1" : "rule:no-sri", T0 + i * 1.5);
    });
    assert.equal(capture.counters.packets, 5);
    capture.close();

    const frames = tsharkFrames(file);
    assert.equal(frames.length, 5, "one frame per MSU");
    frames.forEach((f, i) => {
      const d = directions[i]!;
      const [frame, src, dst, ppid, cls, type, opc, dpc, epoch] = f;
      assert.equal(frame, String(i + 1));
      assert.deepEqual([src, dst], d === "inbound" ? ["10.0.0.1", "10.0.0.2"] : ["10.0.0.2", "10.0.0.1"]);
      assert.equal(ppid, "3");
      assert.deepEqual([cls, type], ["1", "1"], "M3UA Transfer / DATA");
      const from = d === "inbound" ? N.unknownJp : N.homeHlr;
      const to = d === "inbound" ? N.homeHlr : N.ukSmsc;
      assert.deepEqual([opc, dpc], [String(from.pc), String(to.pc)]);
      assert.ok(Math.abs(Number(epoch) * 1000 - (T0 + i * 1.5)) < 0.01, `frame ${i + 1} time ${epoch}`);
    });
    // Down to MAP: the calling GT and the operation.
    const decoded = tsharkFields(file);
    assert.deepEqual(decoded.get(1)!["sccp.calling.digits"], [N.unknownJp.gt]);
    assert.deepEqual(decoded.get(1)!["gsm_old.localValue"], ["71"], "anyTimeInterrogation");
    assert.deepEqual(decoded.get(2)!["gsm_old.localValue"], ["45"], "sendRoutingInfoForSM");

    const index = indexOf(file);
    assert.deepEqual(
      index.map((e) => [e.frame, e.direction, e.reason]),
      directions.map((d, i) => [i + 1, d, d === "inbound" ? "category-1" : "rule:no-sri"]),
    );
    assert.equal(index[0]!.time, new Date(T0).toISOString());
    assert.equal(index[2]!.time, "2026-01-01T12:00:00.003Z");
  });

  it("rotates past max_bytes into FILE.1 … and keeps at most `files` files, indexes alongside", () => {
    const file = join(dir, "rolling.pcap");
    const record = 16 + 62 + ((INBOUND.length + 3) & ~3);
    // Three packets fit in a file, the fourth does not.
    const maxBytes = 24 + 3 * record + record - 1;
    const capture = new ForensicCapture({ file, maxBytes, files: 3 });
    for (let i = 0; i < 20; i++) capture.add(INBOUND, 0, INBOUND.length, "inbound", `r${i}`, T0 + i * 1000);
    capture.close();

    const kept = [0, 1, 2].map((n) => rotatedName(file, n));
    for (const f of kept) {
      assert.ok(existsSync(f), f);
      assert.ok(statSync(f).size <= maxBytes, `${f} is ${statSync(f).size} bytes`);
    }
    assert.ok(!existsSync(rotatedName(file, 3)), "no fourth file");
    assert.ok(!existsSync(indexName(rotatedName(file, 3))), "no fourth index");
    assert.equal(capture.counters.rotations, 6);
    // 20 packets, 3 per file: files of 3,3,3,3,3,3 and 2; the newest three files are kept.
    const expected = [
      ["r18", "r19"],
      ["r15", "r16", "r17"],
      ["r12", "r13", "r14"],
    ];
    kept.forEach((f, n) => {
      const frames = tsharkFrames(f);
      const index = indexOf(f);
      assert.equal(frames.length, expected[n]!.length, `${f}: frames`);
      assert.deepEqual(
        index.map((e) => e.reason),
        expected[n],
        `${f}: index`,
      );
      assert.deepEqual(
        index.map((e) => e.frame),
        frames.map((fr) => Number(fr[0])),
        `${f}: index frames are the file's frames`,
      );
      assert.deepEqual(
        index.map((e) => e.time),
        frames.map((fr) => new Date(Math.round(Number(fr[8]) * 1000)).toISOString()),
      );
    });
  });

  it("keeps one file when files is 1, and moves an earlier run's file aside on open", () => {
    const file = join(dir, "single.pcap");
    const record = 16 + 62 + ((INBOUND.length + 3) & ~3);
    const capture = new ForensicCapture({ file, maxBytes: 24 + 2 * record, files: 1 });
    for (let i = 0; i < 5; i++) capture.add(INBOUND, 0, INBOUND.length, "inbound", `r${i}`, T0);
    capture.close();
    assert.ok(!existsSync(rotatedName(file, 1)));
    assert.deepEqual(
      indexOf(file).map((e) => e.reason),
      ["r4"],
    );
    assert.equal(tsharkFrames(file).length, 1);

    const other = join(dir, "restart.pcap");
    writeFileSync(other, "an earlier run");
    writeFileSync(indexName(other), "{}\n");
    const again = new ForensicCapture({ file: other, files: 2 });
    again.add(OUTBOUND, 0, OUTBOUND.length, "outbound", "x", T0);
    again.close();
    assert.equal(readFileSync(rotatedName(other, 1), "utf8"), "an earlier run");
    assert.equal(readFileSync(indexName(rotatedName(other, 1)), "utf8"), "{}\n");
    assert.equal(tsharkFrames(other).length, 1);
    again.add(OUTBOUND, 0, OUTBOUND.length, "outbound", "late", T0);
    assert.equal(again.counters.dropped, 1, "after close, packets are counted as dropped");
  });

  it("bounds its buffer: packets reach the file once bufferBytes are buffered, before any flush", () => {
    const file = join(dir, "buffered.pcap");
    const capture = new ForensicCapture({ file, bufferBytes: 1024, flushMs: 60_000 });
    for (let i = 0; i < 50; i++) capture.add(INBOUND, 0, INBOUND.length, "inbound", "b", T0);
    const record = 16 + 62 + ((INBOUND.length + 3) & ~3);
    const onDisk = statSync(file).size;
    assert.ok(onDisk >= 24 + 50 * record - 1024 - record, `only ${onDisk} bytes on disk`);
    capture.close();
    assert.equal(statSync(file).size, 24 + 50 * record);
    assert.equal(indexOf(file).length, 50);
  });
});
