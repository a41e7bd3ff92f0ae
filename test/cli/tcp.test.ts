/**
 * M3UA over TCP (RFC 4666 §1.3.2.1), against the ground truth and against tshark. A capture of three TCP
 * connections (IPv4 both ways, and IPv6) carries the oracle corpus' messages as a byte stream cut every way
 * a TCP sender cuts it: one message per segment, several per segment, a message split inside its header or
 * its body, a segment ending inside the next message, two segments arriving in swapped order, and a
 * retransmitted segment. ss7guard must report each message once, at the frame that completes it, as it was
 * encoded; and agree field by field with tshark, whose M3UA dissector is put on TCP port 2905 by
 * ./m3ua-over-tcp.lua (tshark 4.0 refuses `-d tcp.port==2905,m3ua`: M3UA registers for SCTP only).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { decodeCaptureFile } from "../../src/cli/decode.js";
import {
  CaptureReader,
  PacketBuilder,
  PayloadExtractor,
  PcapWriter,
  TcpFlag,
} from "../../src/codec/capture/index.js";
import { encodeM3ua, M3uaAspsmMessage, M3uaMessageClass, m3uaData } from "../../src/codec/m3ua/index.js";
import { type StackDecodeProblem, StackDecoder } from "../../src/codec/stack/decoder.js";
import type { Ss7Message } from "../../src/codec/stack/message.js";
import { encodeLabMessage } from "../../src/lab/capture.js";
import { benignTraffic } from "../../src/lab/traffic.js";
import { oracleSccpMessages, type Truth } from "../oracle/corpus.js";
import { diffFrame, type OracleField, project, tsharkAvailable, tsharkFields } from "../oracle/tshark.js";
import { checkAgainstTruth } from "./truth.js";

const dir = mkdtempSync(join(tmpdir(), "ss7guard-tcp-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * One M3UA message on the wire; `truth` on the message that completes an SS7 message. A non-final XUDT
 * segment travels in segments of its own (`alone`): tshark lists its SCCP fields in the frame that carries
 * it, ss7guard holds it for reassembly, so a frame mixing it with whole messages would not compare.
 */
interface Unit {
  bytes: Uint8Array;
  truth?: Truth;
  alone?: boolean;
}

interface Flow {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  isn: number;
  units: Unit[];
}

/** A stretch of one flow's byte stream, sent as one TCP segment. */
interface Segment {
  flow: Flow;
  start: number;
  end: number;
}

const aspUp = new Uint8Array(
  encodeM3ua({ messageClass: M3uaMessageClass.aspsm, messageType: M3uaAspsmMessage.aspUp, parameters: [] }),
);
const aspUpAck = new Uint8Array(
  encodeM3ua({
    messageClass: M3uaMessageClass.aspsm,
    messageType: M3uaAspsmMessage.aspUpAck,
    parameters: [],
  }),
);

/** How the sender cuts the stream, in turn: each entry turns the next units into segments (in sending order). */
function cut(flow: Flow): Segment[] {
  const ends: number[] = [];
  let total = 0;
  for (const u of flow.units) {
    total += u.bytes.length;
    ends.push(total);
  }
  const startOf = (k: number): number => (k === 0 ? 0 : ends[k - 1]!);
  const seg = (start: number, end: number): Segment => ({ flow, start, end });
  const out: Segment[] = [];
  let k = 0;
  // Whether units k … k+n-1 exist and may share a TCP segment.
  const mix = (n: number): boolean =>
    k + n <= flow.units.length && flow.units.slice(k, k + n).every((u) => !u.alone);
  for (let pattern = 0; k < flow.units.length; pattern++) {
    const s = startOf(k);
    switch (pattern % 7) {
      case 1: // three messages in one segment
        if (!mix(3)) continue;
        out.push(seg(s, ends[k + 2]!));
        k += 3;
        break;
      case 2: // split inside the common header
        out.push(seg(s, s + 5), seg(s + 5, ends[k]!));
        k += 1;
        break;
      case 3: {
        // split in the middle of the message
        const mid = s + Math.floor((ends[k]! - s) / 2);
        out.push(seg(s, mid), seg(mid, ends[k]!));
        k += 1;
        break;
      }
      case 4: // a segment ending 30 octets into the next message
        if (!mix(2)) continue;
        out.push(seg(s, ends[k]! + 30), seg(ends[k]! + 30, ends[k + 1]!));
        k += 2;
        break;
      case 5: // two segments arriving in swapped order
        if (!mix(2)) continue;
        out.push(seg(ends[k]!, ends[k + 1]!), seg(s, ends[k]!));
        k += 2;
        break;
      case 6: // a retransmission of a whole segment
        out.push(seg(s, ends[k]!), seg(s, ends[k]!));
        k += 1;
        break;
      default:
        out.push(seg(s, ends[k]!));
        k += 1;
    }
  }
  return out;
}

interface Built {
  pcap: Uint8Array;
  frames: number;
  /** Truths of the messages each frame completes, in stream order. */
  expected: Map<number, Truth[]>;
}

/** Writes the flows' segments interleaved round-robin after one SYN per direction; simulates in-order delivery. */
function build(flows: Flow[]): Built {
  const writer = new PcapWriter({ nanoseconds: true });
  const builder = new PacketBuilder();
  let frame = 0;
  let t = 1_767_225_600_000;
  const emit = (bytes: Uint8Array): void => {
    t += 1;
    writer.writePacket(Math.floor(t / 1000), (t % 1000) * 1_000_000, bytes);
    frame++;
  };
  const spec = (f: Flow) => ({ srcIp: f.src, dstIp: f.dst, srcPort: f.srcPort, dstPort: f.dstPort });
  for (const [i, f] of flows.entries()) {
    // RFC 9293 §3.5: SYN from the clients, SYN-ACK from the server (flow B).
    emit(builder.tcp({ ...spec(f), seq: f.isn, flags: i === 1 ? TcpFlag.syn | TcpFlag.ack : TcpFlag.syn }));
  }
  const queues = flows.map(cut);
  const expected = new Map<number, Truth[]>();
  // Per flow: the contiguous prefix received so far, the stretches held beyond it, and the next unit to complete.
  const state = flows.map(() => ({ delivered: 0, held: [] as [number, number][], next: 0, end: 0 }));
  for (;;) {
    let sent = false;
    for (const [i, q] of queues.entries()) {
      const s = q.shift();
      if (!s) continue;
      sent = true;
      const f = s.flow;
      emit(
        builder.tcp({
          ...spec(f),
          seq: (f.isn + 1 + s.start) >>> 0,
          data: streamOf(f).subarray(s.start, s.end),
        }),
      );
      const st = state[i]!;
      st.held.push([s.start, s.end]);
      for (let moved = true; moved; ) {
        moved = false;
        for (const [a, b] of st.held) {
          if (a <= st.delivered && b > st.delivered) {
            st.delivered = b;
            moved = true;
          }
        }
      }
      for (; st.next < f.units.length && st.end + f.units[st.next]!.bytes.length <= st.delivered; st.next++) {
        st.end += f.units[st.next]!.bytes.length;
        const truth = f.units[st.next]!.truth;
        if (truth) expected.set(frame, [...(expected.get(frame) ?? []), truth]);
      }
    }
    if (!sent) break;
  }
  return { pcap: writer.take(), frames: frame, expected };
}

const streams = new WeakMap<Flow, Uint8Array>();
function streamOf(f: Flow): Uint8Array {
  let s = streams.get(f);
  if (!s) {
    s = new Uint8Array(Buffer.concat(f.units.map((u) => u.bytes)));
    streams.set(f, s);
  }
  return s;
}

const corpus = oracleSccpMessages(150, 20261130);
const flows: Flow[] = [
  // A and B are the two directions of one connection; B's sequence numbers wrap past 2^32.
  { src: "10.1.0.1", dst: "10.1.0.2", srcPort: 40_001, dstPort: 2905, isn: 1_000, units: [aspUp] },
  { src: "10.1.0.2", dst: "10.1.0.1", srcPort: 2905, dstPort: 40_001, isn: 0xffff_ff00, units: [aspUpAck] },
  { src: "2001:db8::3", dst: "2001:db8::2", srcPort: 40_002, dstPort: 2905, isn: 77, units: [aspUp] },
].map(({ units, ...f }) => ({ ...f, units: units.map((bytes) => ({ bytes })) }));
corpus.forEach((c, i) => {
  const m3ua = c.sccp.map((s) => new Uint8Array(encodeM3ua(m3uaData(c.label, s, { routingContext: 1 }))));
  flows[i % flows.length]!.units.push(
    ...m3ua.map(
      (bytes, j): Unit => (j === m3ua.length - 1 ? { bytes, truth: c.truth } : { bytes, alone: true }),
    ),
  );
});
const built = build(flows);
const file = join(dir, "m3ua-over-tcp.pcap");
writeFileSync(file, built.pcap);

async function decodeByFrame(
  path: string,
): Promise<{ byFrame: Map<number, Ss7Message[]>; problems: StackDecodeProblem[] }> {
  const byFrame = new Map<number, Ss7Message[]>();
  const problems: StackDecodeProblem[] = [];
  await decodeCaptureFile(
    path,
    (m) => byFrame.set(m.frame, [...(byFrame.get(m.frame) ?? []), m]),
    (p) => problems.push(p),
  );
  return { byFrame, problems };
}

describe("M3UA over TCP", () => {
  it("reports every message once, at the frame that completes it, as it was encoded", async () => {
    const { byFrame, problems } = await decodeByFrame(file);
    assert.deepEqual(problems, []);
    const ours = [...byFrame.entries()].map(([frame, ms]) => [frame, ms.length]);
    const want = [...built.expected.entries()].map(([frame, ts]) => [frame, ts.length]);
    assert.deepEqual(ours, want, "messages per frame");
    for (const [frame, truths] of built.expected) {
      truths.forEach((t, i) => {
        const m = byFrame.get(frame)![i]!;
        assert.equal(m.transport, "tcp");
        checkAgainstTruth(m, frame, t);
      });
    }
    assert.equal([...byFrame.values()].flat().length, corpus.length);
    // The plan really produced every kind of cut: several messages completed by one frame, segments queued
    // out of order, retransmitted octets dropped.
    const multi = [...built.expected.values()].filter((ts) => ts.length > 1).length;
    assert.ok(multi > 10, `${multi} frames complete several messages`);
    const extractor = new PayloadExtractor();
    const reader = new CaptureReader();
    reader.push(built.pcap);
    for (let p = reader.next(); p; p = reader.next()) extractor.extract(p);
    const tcp = extractor.tcpReassembler!.stats;
    assert.ok(tcp.outOfOrder >= 5 && tcp.duplicates >= 5, JSON.stringify(tcp));
  });

  it("agrees with tshark on every frame (opcodes, GTs, TIDs, IMSI, MSISDN…)", {
    skip: tsharkAvailable() ? false : "tshark not installed (.ci/run installs it)",
  }, async () => {
    const lua = join(import.meta.dirname, "m3ua-over-tcp.lua");
    const theirs = tsharkFields(file, ["-X", `lua_script:${lua}`, "-o", "tcp.reassemble_out_of_order:TRUE"]);
    const { byFrame } = await decodeByFrame(file);
    assert.equal(theirs.size, built.frames, "tshark saw every frame");
    const errors: string[] = [];
    let compared = 0;
    for (const [frame, t] of theirs) {
      const ours = byFrame.get(frame) ?? [];
      if (ours.length === 0) {
        // A SYN, a management message, a partial message, or an XUDT segment both hold for reassembly.
        const tcap: OracleField[] = ["tcap.otid", "tcap.dtid", "gsm_old.localValue"];
        if (tcap.some((f) => t[f].length > 0))
          errors.push(`frame ${frame}: tshark decoded TCAP, ss7guard nothing`);
        continue;
      }
      compared += ours.length;
      errors.push(...diffFrame(frame, project(ours, true), t, new Set()));
    }
    assert.deepEqual(errors.slice(0, 20), [], `${errors.length} differences from tshark`);
    assert.equal(compared, corpus.length);
  });
});

describe("M3UA over TCP read from a file larger than the reader's chunks", () => {
  /**
   * Eight connections whose messages arrive in two halves, the first halves just before the CLI's fourth
   * 1 MiB read ends and the second halves after it; filler frames (not IP, skipped) place the records
   * that straddle the first reads so that the reader gathers the tail of each read into its own buffer.
   */
  function bigCapture(): Uint8Array {
    const CHUNK = 1 << 20; // capture-input.ts reads the file in 1 MiB chunks
    const writer = new PcapWriter({ nanoseconds: true });
    const builder = new PacketBuilder();
    let offset = 24;
    const put = (frame: Uint8Array): void => {
      writer.writePacket(1_767_225_600, 0, frame);
      offset += 16 + frame.length;
    };
    const filler = (length: number): Uint8Array => {
      const f = new Uint8Array(length);
      f[12] = 0x08;
      f[13] = 0x06; // EtherType ARP: not IP
      return f;
    };
    /** Filler records (each under the reader's 320 KiB record cap) ending where the next record must start. */
    const padTo = (at: number): void => {
      while (at - offset > 300_000) put(filler(200_000));
      assert.ok(at - offset - 16 >= 64, "room for a filler record");
      put(filler(at - offset - 16));
    };
    const messages = [...benignTraffic(16, { seed: 12 })].map((m) => new Uint8Array(encodeLabMessage(m)));
    const spec = (c: number) => ({
      srcIp: "10.2.0.1",
      dstIp: "10.2.0.2",
      srcPort: 41_000 + c,
      dstPort: 2905,
    });
    const seq = new Array<number>(8).fill(1);
    for (let c = 0; c < 8; c++) put(builder.tcp({ ...spec(c), seq: 0, flags: TcpFlag.syn }));
    // Records straddling the 1st and 3rd read boundaries with 10 and 500 octets before them.
    padTo(CHUNK - 10);
    put(filler(4000));
    padTo(3 * CHUNK - 500);
    put(filler(4000));
    // The first 50 octets of eight messages, ending 300 octets before the 4th boundary; a record across it.
    padTo(4 * CHUNK - 300 - 8 * (16 + 54 + 50));
    for (let c = 0; c < 8; c++)
      put(builder.tcp({ ...spec(c), seq: seq[c]!, data: messages[c]!.subarray(0, 50) }));
    assert.equal(offset, 4 * CHUNK - 300);
    put(filler(4000));
    for (let c = 0; c < 8; c++) {
      put(builder.tcp({ ...spec(c), seq: seq[c]! + 50, data: messages[c]!.subarray(50) }));
      seq[c]! += messages[c]!.length;
    }
    // A full fifth read, then whole messages on every connection.
    padTo(5 * CHUNK + 1000);
    for (let c = 0; c < 8; c++) put(builder.tcp({ ...spec(c), seq: seq[c]!, data: messages[8 + c]! }));
    return writer.take();
  }

  // The capture reader reuses its buffer on the next read: the framer must keep a copy of a half-received
  // message (M3uaStreamFramer.ownPending), or the next read overwrites it.
  it("decodes the same messages from the file as from memory", async () => {
    const pcap = bigCapture();
    const big = join(dir, "big-tcp.pcap");
    writeFileSync(big, pcap);
    const fromFile = await decodeByFrame(big);
    const reader = new CaptureReader();
    const extractor = new PayloadExtractor();
    const decoder = new StackDecoder();
    const inMemory: Ss7Message[] = [];
    reader.push(pcap);
    for (let p = reader.next(); p; p = reader.next()) {
      for (const r of extractor.extract(p))
        decoder.decode(r, () => assert.fail("no problem in memory"), inMemory);
    }
    const key = (m: Ss7Message): string => `${m.frame} ${m.src} ${m.tcap?.otid ?? m.tcap?.dtid}`;
    assert.deepEqual(
      fromFile.problems.map((p) => `frame ${p.frame}: ${p.layer}: ${p.reason}`),
      [],
    );
    assert.deepEqual([...fromFile.byFrame.values()].flat().map(key), inMemory.map(key));
  });
});
