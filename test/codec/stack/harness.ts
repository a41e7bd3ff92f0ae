/**
 * Hostile input for the composed stack, shared by hostile.test.ts (every `npm test`) and
 * test/fuzz/targets/stack.ts (`npm run fuzz`). Three entry points, fed the way the CLI feeds them:
 *
 * - one SCTP payload record: M3UA by PPID 3, M2PA/MTP3 by PPID 5 (`runSctpPayload`);
 * - one M3UA-over-TCP byte stream, cut into chunks of varied sizes (`runTcpStream`);
 * - a whole capture file, in memory, through CaptureReader → PayloadExtractor → StackDecoder as
 *   `decodeCaptureFile` does (`runCapture`).
 *
 * The decoder must report every problem through its callback (never throw) and what it reports must make
 * sense: a known layer, an offset inside the input, one outcome per payload, messages whose fields are in
 * their protocol ranges and that the CLI can print. A broken rule throws an AssertionError, which the tests
 * and the fuzzer treat as a finding (only DecodeError is an expected failure).
 */
import assert from "node:assert/strict";
import { formatSummaryLine, toJsonRecord } from "../../../src/cli/format.js";
import {
  CaptureReader,
  LinkType,
  PacketBuilder,
  PayloadExtractor,
  type PayloadRecord,
  PcapWriter,
  readCapture,
  SctpPpid,
  TcpFlag,
} from "../../../src/codec/capture/index.js";
import { type CodecLayer, DecodeError } from "../../../src/codec/errors.js";
import { encodeM2pa } from "../../../src/codec/m2pa/index.js";
import {
  encodeM3ua,
  M3uaAspsmMessage,
  M3uaDataFields,
  M3uaMessageClass,
  M3uaSsnmMessage,
  m3uaData,
  readM3uaData,
} from "../../../src/codec/m3ua/index.js";
import { mtp3Msu } from "../../../src/codec/mtp3/index.js";
import {
  type StackDecodeProblem,
  StackDecoder,
  type StackDecoderStats,
} from "../../../src/codec/stack/decoder.js";
import type { Ss7Address, Ss7Message } from "../../../src/codec/stack/message.js";
import { encodeLabMessage, LabCaptureWriter } from "../../../src/lab/capture.js";
import { benignTraffic } from "../../../src/lab/traffic.js";
import { buildOracleCorpus, oracleSccpMessages } from "../../oracle/corpus.js";

// ---------------------------------------------------------------------------------------------- seeds

const lab = [...benignTraffic(24, { seed: 31 })];
/** Varied SCCP (every GT indicator, PCs, UDT/XUDT/UDTS, XUDT segments) with the corpus' MAP operations. */
const corpus = oracleSccpMessages(48, 20261127);

const u8 = (b: Uint8Array): Uint8Array => new Uint8Array(b);

/** RFC 4666 §3.5.1 ASP Up and §3.4.1 DUNA: management traffic the decoder must count, not decode. */
const m3uaManagement = [
  u8(
    encodeM3ua({
      messageClass: M3uaMessageClass.aspsm,
      messageType: M3uaAspsmMessage.aspUp,
      parameters: [{ kind: "aspIdentifier", aspIdentifier: 7 }],
    }),
  ),
  u8(
    encodeM3ua({
      messageClass: M3uaMessageClass.ssnm,
      messageType: M3uaSsnmMessage.destinationUnavailable,
      parameters: [
        { kind: "routingContext", routingContexts: [1] },
        { kind: "affectedPointCode", pointCodes: [{ mask: 0, pointCode: 263 }] },
      ],
    }),
  ),
];

/** M3UA DATA payloads: lab dialogues, corpus messages (each XUDT segment alone), management, an ISUP MSU. */
export const m3uaSeeds: readonly Uint8Array[] = [
  ...lab.map((m, i) => u8(encodeLabMessage(m, i & 15))),
  ...corpus.flatMap((c, i) =>
    c.sccp.map((s) => u8(encodeM3ua(m3uaData(c.label, s, i % 3 === 0 ? { routingContext: 3 } : {})))),
  ),
  ...m3uaManagement,
  // Q.704 §14.2: SI 5 is ISUP, not SCCP.
  u8(encodeM3ua(m3uaData({ opc: 1, dpc: 2, si: 5, ni: 2, mp: 0, sls: 0 }, Uint8Array.of(1, 2, 3, 4)))),
];

/** SCCP messages alone (lab UDTs, corpus UDT/XUDT/UDTS and XUDT segments), to mutate under a valid carrier. */
export const sccpSeeds: readonly Uint8Array[] = [
  ...lab.map((m) => {
    const m3ua = encodeLabMessage(m);
    const d = new M3uaDataFields();
    readM3uaData(m3ua, 0, m3ua.length, d);
    return u8(m3ua.subarray(d.dataStart, d.dataEnd));
  }),
  ...corpus.flatMap((c) => c.sccp.map(u8)),
];

const CARRIER_LABEL = { opc: 263, dpc: 100, si: 3, ni: 2, mp: 0, sls: 5 } as const;

/** `sccp` in a well-formed M3UA DATA message, so that a mutation inside it reaches SCCP, TCAP and MAP. */
export function inM3ua(sccp: Uint8Array): Uint8Array {
  return u8(encodeM3ua(m3uaData(CARRIER_LABEL, sccp, { routingContext: 1 })));
}

/** `sccp` in a well-formed M2PA User Data message (ITU MTP3 routing label). */
export function inM2pa(sccp: Uint8Array): Uint8Array {
  const msu = mtp3Msu({ variant: "itu", ...CARRIER_LABEL }, sccp);
  return u8(encodeM2pa({ kind: "userData", bsn: 1, fsn: 2, priority: 0, msu }));
}

/** M2PA User Data carrying the corpus' SCCP (a segmented one's first segment) in ITU MTP3 MSUs, and a Link Status. */
export const m2paSeeds: readonly Uint8Array[] = [
  ...corpus.map((c, i) =>
    u8(
      encodeM2pa({
        kind: "userData",
        bsn: 0xffffff,
        fsn: i,
        priority: 0,
        msu: mtp3Msu({ variant: "itu", ...c.label }, c.sccp[0]!),
      }),
    ),
  ),
  // RFC 4165 §2.3.2: Link Status "ready" (state 3).
  u8(encodeM2pa({ kind: "linkStatus", bsn: 1, fsn: 1, state: 3, fillerStart: 0, fillerEnd: 0 })),
];

/** M3UA byte streams as a TCP peer sends them: a few whole messages back to back, segments of one XUDT in order. */
export const tcpStreamSeeds: readonly Uint8Array[] = (() => {
  const out: Uint8Array[] = [];
  for (let i = 0; i + 3 <= corpus.length; i += 3) {
    const parts = corpus.slice(i, i + 3).flatMap((c) => c.sccp.map((s) => encodeM3ua(m3uaData(c.label, s))));
    out.push(u8(Buffer.concat([m3uaManagement[0]!, ...parts])));
  }
  return out;
})();

const TCP_CLIENT = { srcIp: "192.0.2.1", dstIp: "192.0.2.2", srcPort: 40_001, dstPort: 2905 } as const;

/** Small captures: lab pcap, the same packets in pcapng, the oracle corpus (M2PA, bundles, segments), M3UA over TCP. */
export const captureSeeds: readonly Uint8Array[] = (() => {
  const labWriter = new LabCaptureWriter();
  for (const m of lab.slice(0, 6)) labWriter.add(m);
  const labPcap = u8(Buffer.concat(labWriter.takeChunks()));

  const ng = new PcapWriter({ format: "pcapng", nanoseconds: true });
  for (const p of readCapture(labPcap))
    ng.writePacket(p.seconds, p.nanoseconds, p.bytes.subarray(p.start, p.end));
  const pcapng = ng.take();

  // This seed draws every transport (M3UA with PPID 3 and 0, M2PA, two DATA chunks in a packet) and XUDT segments.
  const { pcap: corpusPcap } = buildOracleCorpus(12, 20261131);

  // M3UA over TCP: SYN, two messages in one segment, one message cut in two, a segment ahead of its turn.
  const tcp = new PcapWriter({ nanoseconds: true, linkType: LinkType.ethernet });
  const builder = new PacketBuilder();
  const m = lab.slice(6, 11).map((x) => u8(encodeLabMessage(x)));
  const isn = 5000;
  let seq = isn + 1;
  let t = 1_767_225_600;
  const segment = (at: number, data?: Uint8Array, flags?: number): void => {
    tcp.writePacket(
      t++,
      0,
      builder.tcp({ ...TCP_CLIENT, seq: at, ...(data ? { data } : {}), ...(flags ? { flags } : {}) }),
    );
  };
  segment(isn, undefined, TcpFlag.syn);
  segment(seq, Buffer.concat([m[0]!, m[1]!]));
  seq += m[0]!.length + m[1]!.length;
  segment(seq, m[2]!.subarray(0, 11));
  segment(seq + 11, m[2]!.subarray(11));
  seq += m[2]!.length;
  segment(seq + m[3]!.length, m[4]!);
  segment(seq, m[3]!);
  return [labPcap, pcapng, corpusPcap, tcp.take()];
})();

// ------------------------------------------------------------------------------------------ invariants

const LAYERS: ReadonlySet<string> = new Set([
  "ber",
  "m3ua",
  "m2pa",
  "mtp3",
  "sccp",
  "tcap",
  "map",
  "gsm",
  "pcap",
  "pcapng",
  "link",
  "ip",
  "sctp",
  "tcp",
  "smpp",
] satisfies CodecLayer[]);
const SCCP_TYPES: ReadonlySet<string> = new Set(["UDT", "XUDT", "UDTS", "XUDTS", "LUDT", "LUDTS"]);
const TCAP_TYPES: ReadonlySet<string> = new Set(["Unidirectional", "Begin", "Continue", "End", "Abort"]);
const COMPONENT_TYPES: ReadonlySet<string> = new Set([
  "invoke",
  "returnResultLast",
  "returnResultNotLast",
  "returnError",
  "reject",
]);

function inRange(v: number | undefined, max: number, what: string): void {
  if (v === undefined) return;
  assert.ok(Number.isInteger(v) && v >= 0 && v <= max, `${what} ${v} outside 0..${max}`);
}

/** A problem report: a codec layer, an offset inside what was fed, a one-line reason, the frame being decoded. */
export function checkProblem(
  p: StackDecodeProblem,
  frame: number | [number, number],
  maxOffset: number,
): void {
  assert.ok(LAYERS.has(p.layer), `problem layer ${JSON.stringify(p.layer)} is not a codec layer`);
  inRange(p.offset, maxOffset, `problem offset (${p.layer}: ${p.reason})`);
  assert.ok(p.reason.length > 0 && !/[\r\n]/.test(p.reason), `problem reason ${JSON.stringify(p.reason)}`);
  if (typeof frame === "number") assert.equal(p.frame, frame, "problem frame");
  else assert.ok(p.frame >= frame[0] && p.frame <= frame[1], `problem frame ${p.frame} outside ${frame}`);
}

function checkAddress(a: Ss7Address, side: string): void {
  assert.ok(a.ri === "gt" || a.ri === "ssn", `${side} routing indicator ${a.ri}`);
  if (a.gt !== undefined) assert.match(a.gt, /^[0-9a-f]*$/, `${side} GT digits`);
  inRange(a.ssn, 0xff, `${side} SSN`);
  // Q.713 §3.4.2.1: a 14-bit ITU signalling point code.
  inRange(a.pc, 0x3fff, `${side} PC`);
  inRange(a.tt, 0xff, `${side} TT`);
  inRange(a.np, 0x0f, `${side} NP`);
  inRange(a.nai, 0x7f, `${side} NAI`);
}

/** A decoded message: fields within their protocol ranges, and printable by the CLI as one line and one JSON object. */
export function checkMessage(m: Ss7Message, p: PayloadRecord): void {
  assert.equal(m.frame, p.frameNumber, "message frame");
  assert.equal(m.transport, p.transport);
  assert.equal(m.src, `${p.srcIp}:${p.srcPort}`);
  // RFC 4666 §3.3.1: the Protocol Data point codes are 32-bit fields; Q.704: 14 bits in an ITU routing label.
  const pcMax = m.sigtran === "m3ua" ? 0xffffffff : 0x3fff;
  inRange(m.opc, pcMax, "OPC");
  inRange(m.dpc, pcMax, "DPC");
  assert.equal(m.si, 3, "only SCCP (SI 3) becomes a message");
  assert.ok(SCCP_TYPES.has(m.sccp.type), `SCCP type ${m.sccp.type}`);
  checkAddress(m.sccp.calling, "calling");
  checkAddress(m.sccp.called, "called");
  if (m.tcap) {
    assert.ok(TCAP_TYPES.has(m.tcap.type), `TCAP type ${m.tcap.type}`);
    // Q.773: transaction IDs are 1 to 4 octets.
    if (m.tcap.otid !== undefined) assert.match(m.tcap.otid, /^([0-9a-f]{2}){1,4}$/, "otid");
    if (m.tcap.dtid !== undefined) assert.match(m.tcap.dtid, /^([0-9a-f]{2}){1,4}$/, "dtid");
  } else {
    assert.equal(m.components.length, 0, "components without TCAP");
  }
  for (const c of m.components) {
    assert.ok(COMPONENT_TYPES.has(c.type), `component type ${c.type}`);
    if (c.invokeId !== undefined)
      assert.ok(c.invokeId >= -128 && c.invokeId <= 127, `invoke ID ${c.invokeId} outside Q.773's range`);
    if (c.imsi !== undefined) assert.match(c.imsi, /^[0-9*#a-c]*$/, "IMSI digits");
    if (c.msisdn !== undefined) assert.match(c.msisdn, /^[0-9*#a-c]*$/, "MSISDN digits");
  }
  if (m.error !== undefined) assert.ok(m.error.length > 0 && !/[\r\n]/.test(m.error), "error text");
  const json = JSON.stringify(toJsonRecord(m));
  assert.ok(!json.includes("\n"), "a JSON record is one line");
  const record = JSON.parse(json) as { frame: number; time: string };
  assert.equal(record.frame, m.frame);
  // ISO 8601 with nanoseconds, or seconds since the epoch for a time no four-digit year can hold.
  assert.match(record.time, /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z|-?\d+\.\d{9})$/, "time");
  assert.ok(!/[\r\n]/.test(formatSummaryLine(m)), "a summary is one line");
}

type Outcome = Exclude<keyof StackDecoderStats, "payloads">;
const OUTCOMES: readonly Outcome[] = [
  "m3uaManagement",
  "m2paLinkMessages",
  "notSccp",
  "sccpOther",
  "sccpSegments",
  "messages",
  "errors",
];

// ------------------------------------------------------------------------------------------ entry points

const T0 = 1_767_225_600;

/** A payload record as the extractor makes one for an SCTP DATA chunk with this PPID (ports by IANA). */
export function sctpRecord(bytes: Uint8Array, ppid: number, frame = 1): PayloadRecord {
  const port = ppid === SctpPpid.m2pa ? 3565 : 2905;
  return {
    transport: "sctp",
    frameNumber: frame,
    seconds: T0 + frame,
    nanoseconds: 0,
    ipVersion: 4,
    srcIp: "192.0.2.1",
    dstIp: "192.0.2.2",
    srcPort: port,
    dstPort: port,
    ppid,
    stream: 1,
    streamSequence: frame & 0xffff,
    sequence: frame,
    unordered: false,
    reassembled: false,
    gap: false,
    bytes,
    start: 0,
    end: bytes.length,
  };
}

/** A payload record for the next in-order chunk of one TCP flow (client → port 2905). */
export function tcpRecord(
  bytes: Uint8Array,
  start: number,
  end: number,
  frame: number,
  gap = false,
): PayloadRecord {
  return {
    ...sctpRecord(bytes, 0, frame),
    transport: "tcp",
    srcPort: TCP_CLIENT.srcPort,
    dstPort: TCP_CLIENT.dstPort,
    stream: 0,
    streamSequence: 0,
    gap,
    start,
    end,
  };
}

export interface PayloadTally {
  messages: number;
  problems: number;
}

/**
 * One SCTP payload through `decoder` (a fresh one unless given). Exactly one outcome per payload: a message,
 * a problem, or one of the counted non-messages (management, link status, not SCCP, other SCCP, a held
 * segment); or a message together with the problem of the TCAP inside it.
 */
export function runSctpPayload(
  bytes: Uint8Array,
  ppid: number,
  decoder = new StackDecoder(),
  frame = 1,
  maxOffset = bytes.length,
): PayloadTally {
  const before = { ...decoder.stats };
  const problems: StackDecodeProblem[] = [];
  const record = sctpRecord(bytes, ppid, frame);
  const out = decoder.decode(record, (p) => problems.push(p));
  const after = decoder.stats;
  assert.equal(after.payloads - before.payloads, 1);
  const d = Object.fromEntries(OUTCOMES.map((k) => [k, after[k] - before[k]])) as Record<Outcome, number>;
  assert.equal(out.length, d.messages, "messages returned = messages counted");
  assert.equal(problems.length, d.errors, "problems reported = errors counted");
  const total = OUTCOMES.reduce((n, k) => n + d[k], 0);
  const tcapFailure = d.messages === 1 && d.errors === 1 && out[0]!.error !== undefined;
  assert.ok(total === 1 || (total === 2 && tcapFailure), `outcomes of one payload: ${JSON.stringify(d)}`);
  for (const m of out) {
    checkMessage(m, record);
    assert.equal(m.sigtran, ppid === SctpPpid.m2pa ? "m2pa" : "m3ua");
  }
  for (const p of problems) checkProblem(p, frame, maxOffset);
  return { messages: out.length, problems: problems.length };
}

/** Chunk sizes a TCP stream is cut into, in turn: splits land inside headers, parameters and messages. */
const CHUNKS = [37, 5, 160, 1, 8, 64, 700, 3, 90];

/**
 * An M3UA byte stream cut into chunks of one TCP flow, through one decoder. Every chunk is one payload;
 * every message comes out at the chunk that completes it; an M3UA message is at least 8 octets.
 */
export function runTcpStream(stream: Uint8Array): PayloadTally {
  const decoder = new StackDecoder();
  let messages = 0;
  let problems = 0;
  let frame = 0;
  for (let at = 0, i = 0; at < stream.length; i++) {
    const end = Math.min(stream.length, at + CHUNKS[i % CHUNKS.length]!);
    const record = tcpRecord(stream, at, end, ++frame);
    const reported: StackDecodeProblem[] = [];
    const out = decoder.decode(record, (p) => reported.push(p));
    for (const m of out) {
      checkMessage(m, record);
      assert.equal(m.sigtran, "m3ua");
    }
    for (const p of reported) checkProblem(p, frame, stream.length);
    messages += out.length;
    problems += reported.length;
    at = end;
  }
  assert.equal(decoder.stats.payloads, frame);
  assert.ok(messages * 8 <= stream.length, `${messages} messages from ${stream.length} octets`);
  return { messages, problems };
}

export interface CaptureTally extends PayloadTally {
  packets: number;
  payloads: number;
  /** False when the reader stopped on a framing error or a cut-short tail (exit code 1 in the CLI). */
  complete: boolean;
}

/**
 * A whole capture in memory, the way `decodeCaptureFile` streams a file: framing errors end the run
 * (incomplete), per-packet errors are reported and skipped, every payload goes through one StackDecoder.
 * The capture arrives in two pieces so records straddle a push, as they straddle the CLI's read chunks.
 */
export function runCapture(capture: Uint8Array): CaptureTally {
  const reader = new CaptureReader();
  const extractor = new PayloadExtractor();
  const decoder = new StackDecoder();
  const tally: CaptureTally = { packets: 0, payloads: 0, messages: 0, problems: 0, complete: true };
  let lastFrame = 0;
  const report = (p: StackDecodeProblem): void => {
    checkProblem(p, [1, tally.packets + 1], capture.length);
    tally.problems++;
  };
  const drain = (): void => {
    for (let packet = reader.next(); packet; packet = reader.next()) {
      tally.packets++;
      let records: readonly PayloadRecord[];
      try {
        records = extractor.extract(packet);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        report({ frame: packet.frameNumber, layer: e.layer, offset: e.offset, reason: e.reason });
        continue;
      }
      for (const r of records) {
        tally.payloads++;
        for (const m of decoder.decode(r, report)) {
          checkMessage(m, r);
          assert.ok(m.frame >= lastFrame, `message of frame ${m.frame} after one of frame ${lastFrame}`);
          lastFrame = m.frame;
          tally.messages++;
        }
      }
    }
  };
  const cut = Math.floor(capture.length * 0.37);
  try {
    // Each piece is fully read before the next push, as the CLI does with its file chunks.
    reader.push(capture.subarray(0, cut));
    drain();
    reader.push(capture.subarray(cut));
    drain();
    reader.end();
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    report({ frame: tally.packets + 1, layer: e.layer, offset: e.offset, reason: e.reason });
    tally.complete = false;
  }
  assert.ok(lastFrame <= tally.packets, `a message of frame ${lastFrame} in ${tally.packets} packets`);
  // A record header is 16 octets and no SS7 message fits in less than 8 more.
  assert.ok(
    tally.messages * 24 <= capture.length,
    `${tally.messages} messages from ${capture.length} octets`,
  );
  return tally;
}
