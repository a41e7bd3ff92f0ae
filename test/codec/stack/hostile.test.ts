/**
 * Hostile input through the whole stack (M3UA/M2PA → SCCP → TCAP → MAP), at the three places bytes enter it:
 * one SCTP payload, one TCP byte stream, one capture file: 47 000 inputs from test/fuzz/mutate.ts (each
 * reproduces from its job and n), run in a worker (./hostile-worker.ts) that a watchdog stops and names the
 * input of if it hangs; the invariants each input must keep are in ./harness.ts. Then 300 mutated files
 * through decodeCaptureFile itself, and the shapes random mutation rarely reaches: nesting far past the
 * BER limit, floods of unfinished XUDT reassemblies, a stream trickled octet by octet, a length field
 * announcing 4 GiB, and a TCP flow after a corrupt header.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { decodeCaptureFile } from "../../../src/cli/decode.js";
import { encodeM3ua, m3uaData } from "../../../src/codec/m3ua/index.js";
import { encodeSccp, type SccpAddressInput, segmentSccpXudt } from "../../../src/codec/sccp/index.js";
import { type StackDecodeProblem, StackDecoder } from "../../../src/codec/stack/decoder.js";
import type { Ss7Message } from "../../../src/codec/stack/message.js";
import { encodeLabMessage } from "../../../src/lab/capture.js";
import { benignTraffic } from "../../../src/lab/traffic.js";
import { mutate } from "../../fuzz/mutate.js";
import {
  type CaptureTally,
  captureSeeds,
  checkProblem,
  inM2pa,
  inM3ua,
  m2paSeeds,
  m3uaSeeds,
  type PayloadTally,
  runCapture,
  runSctpPayload,
  runTcpStream,
  sccpSeeds,
  sctpRecord,
  tcpRecord,
  tcpStreamSeeds,
} from "./harness.js";
import type { JobName, JobRequest, JobResult } from "./hostile-worker.js";

/** Far above what any input here needs (the slowest takes a few ms). */
const PER_INPUT_MS = 250;
/** An input that has not finished after this long is a hang: the worker is stopped and the input named. */
const HANG_MS = 10_000;

const JOBS: readonly { name: JobName; count: number }[] = [
  { name: "m3ua", count: 12_000 },
  { name: "m3ua-sccp", count: 8_000 },
  { name: "m2pa", count: 5_000 },
  { name: "m2pa-sccp", count: 4_000 },
  { name: "long-lived", count: 4_000 },
  { name: "tcp", count: 6_000 },
  { name: "capture", count: 8_000 },
];

/**
 * Runs the jobs in order in one worker (./hostile-worker.ts) and returns each job's result as it comes;
 * while they run, a watchdog reads the worker's heartbeat and, when it stalls, stops the worker and
 * rejects what is left with the job and input number it stalled on.
 */
function startJobs(jobs: readonly { name: JobName; count: number }[]): Map<JobName, Promise<JobResult>> {
  const heartbeat = new SharedArrayBuffer(8);
  const beat = new Int32Array(heartbeat);
  const settle = new Map<JobName, { resolve: (r: JobResult) => void; reject: (e: Error) => void }>();
  const results = new Map<JobName, Promise<JobResult>>();
  for (const { name } of jobs) {
    const p = new Promise<JobResult>((resolve, reject) => settle.set(name, { resolve, reject }));
    p.catch(() => undefined); // a test filtered out by name must not leave an unhandled rejection
    results.set(name, p);
  }
  const failAll = (e: Error): void => {
    for (const s of settle.values()) s.reject(e);
    settle.clear();
  };
  // Node 20 ignores `--import` in a worker's execArgv: the worker registers tsx itself (as test/fuzz/run.ts).
  const url = new URL("./hostile-worker.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { jobs, heartbeat } satisfies JobRequest });
  let last = "";
  let since = Date.now();
  const watchdog = setInterval(() => {
    const now = `${Atomics.load(beat, 0)}/${Atomics.load(beat, 1)}`;
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since > HANG_MS) {
      clearInterval(watchdog);
      void worker.terminate();
      const job = jobs[Atomics.load(beat, 0)]!.name;
      failAll(new Error(`hang: ${job} input n=${Atomics.load(beat, 1)} ran for over ${HANG_MS} ms`));
    }
  }, 200);
  worker.on("message", (r: JobResult) => {
    settle.get(r.name)?.resolve(r);
    settle.delete(r.name);
  });
  worker.on("error", (e) => failAll(e));
  worker.on("exit", () => {
    clearInterval(watchdog);
    failAll(new Error("the hostile-input worker exited before finishing"));
  });
  return results;
}

// Started now, so the worker's loops run beside the in-process tests below (two cores).
const jobs = startJobs(JOBS);

/** A job's result, after checking what holds for every job: it ran to the end, nothing escaped, nothing was slow. */
async function finished(name: JobName): Promise<JobResult> {
  const r = await jobs.get(name)!;
  assert.equal(r.failure, undefined);
  assert.equal(r.inputs, JOBS.find((j) => j.name === name)!.count);
  assert.ok(
    r.slowestMs < PER_INPUT_MS,
    `${name} input n=${r.slowestInput} took ${r.slowestMs.toFixed(1)} ms`,
  );
  return r;
}

describe("the stack on hostile SIGTRAN payloads", () => {
  it("decodes every seed without a problem before anything is mutated", () => {
    const m3ua = m3uaSeeds.map((s) => runSctpPayload(s, 3));
    const m2pa = m2paSeeds.map((s) => runSctpPayload(s, 5));
    const tcp = tcpStreamSeeds.map((s) => runTcpStream(s));
    const carried = sccpSeeds.flatMap((s) => [runSctpPayload(inM3ua(s), 3), runSctpPayload(inM2pa(s), 5)]);
    for (const r of [...m3ua, ...m2pa, ...tcp, ...carried]) assert.equal(r.problems, 0);
    // Management, ISUP and XUDT segments held for reassembly are not messages; everything else is one.
    const decoded = (rs: PayloadTally[]): number => rs.filter((r) => r.messages === 1).length;
    assert.ok(decoded(m3ua) >= 60, `${decoded(m3ua)} of ${m3ua.length} M3UA seeds are messages`);
    assert.ok(decoded(m2pa) >= 30, `${decoded(m2pa)} of ${m2pa.length} M2PA seeds are messages`);
    // Each stream holds three corpus messages (segments reassemble across the stream's chunks).
    assert.deepEqual(
      tcp.map((r) => r.messages),
      tcp.map(() => 3),
    );
  });

  it("reports, never throws, on 12 000 M3UA DATA payloads (PPID 3) mutated whole", async () => {
    const r = await finished("m3ua");
    assert.ok(r.messages > 1_000 && r.problems > 8_000, `${r.messages} messages, ${r.problems} problems`);
  });

  it("reports, never throws, on 8 000 M3UA DATA payloads whose SCCP, TCAP and MAP are mutated under intact framing", async () => {
    const r = await finished("m3ua-sccp");
    assert.ok(r.messages > 1_500 && r.problems > 3_000, `${r.messages} messages, ${r.problems} problems`);
  });

  it("reports, never throws, on 5 000 M2PA payloads (PPID 5) mutated whole", async () => {
    const r = await finished("m2pa");
    assert.ok(r.messages > 300 && r.problems > 3_000, `${r.messages} messages, ${r.problems} problems`);
  });

  it("reports, never throws, on 4 000 M2PA payloads whose MTP3 user part is mutated under intact framing", async () => {
    const r = await finished("m2pa-sccp");
    assert.ok(r.messages > 800 && r.problems > 1_500, `${r.messages} messages, ${r.problems} problems`);
  });

  it("keeps one outcome per payload when one long-lived decoder takes 4 000 mutated payloads of both kinds", async () => {
    const r = await finished("long-lived");
    assert.ok(r.messages > 200 && r.problems > 2_000, `${r.messages} messages, ${r.problems} problems`);
  });

  it("frames 6 000 mutated M3UA-over-TCP streams cut into uneven chunks, reporting but never throwing", async () => {
    const r = await finished("tcp");
    assert.ok(r.messages > 3_000 && r.problems > 1_000, `${r.messages} messages, ${r.problems} problems`);
  });
});

describe("the stack on hostile capture files", () => {
  const dir = mkdtempSync(join(tmpdir(), "ss7guard-hostile-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the seed captures whole and without a problem", () => {
    for (const s of captureSeeds) {
      const t = runCapture(s);
      assert.equal(t.complete, true);
      assert.equal(t.problems, 0);
      assert.ok(t.messages >= 5, `${t.messages} messages`);
    }
  });

  it("reads 8 000 mutated captures (pcap, pcapng, SCTP, M2PA, TCP) in memory, reporting but never throwing", async () => {
    const r = await finished("capture");
    assert.ok(r.messages > 20_000, `${r.messages} messages`);
    assert.ok(r.incomplete > 500 && r.incomplete < 8_000, `${r.incomplete} captures cut short or unreadable`);
    assert.ok(
      r.completeWithProblems > 100,
      `${r.completeWithProblems} read to the end with undecodable packets`,
    );
  });

  it("gives decodeCaptureFile the same totals as the in-memory path on 300 mutated capture files", async () => {
    for (let n = 0; n < 300; n++) {
      const input = mutate(captureSeeds[n % captureSeeds.length]!, 100_000 + n);
      const file = join(dir, `m${n}.pcap`);
      writeFileSync(file, input);
      const frames: number[] = [];
      const problems: StackDecodeProblem[] = [];
      const totals = await decodeCaptureFile(
        file,
        (m) => frames.push(m.frame),
        (p) => problems.push(p),
      );
      const memory: CaptureTally = runCapture(input);
      const where = `mutate(captureSeeds[${n % captureSeeds.length}], ${100_000 + n})`;
      assert.deepEqual(
        {
          packets: totals.packets,
          messages: totals.messages,
          problems: totals.problems,
          complete: totals.complete,
        },
        {
          packets: memory.packets,
          messages: memory.messages,
          problems: memory.problems,
          complete: memory.complete,
        },
        where,
      );
      assert.equal(frames.length, totals.messages, where);
      assert.equal(problems.length, totals.problems, where);
      for (const p of problems) checkProblem(p, [1, totals.packets + 1], input.length);
    }
  });
});

describe("the stack on worst-case shapes", () => {
  const hlr: SccpAddressInput = { ssn: 6, gt: { digits: "12025550100", tt: 0, np: 1, es: 1, nai: 4 } };
  const vlr: SccpAddressInput = { ssn: 7, gt: { digits: "26095000200", tt: 0, np: 1, es: 1, nai: 4 } };
  const label = { opc: 263, dpc: 100, si: 3, ni: 2, mp: 0, sls: 1 };
  const ludt = (data: Uint8Array): Uint8Array =>
    new Uint8Array(
      encodeM3ua(
        m3uaData(
          label,
          encodeSccp({
            messageType: 0x13,
            protocolClass: 0,
            returnOnError: false,
            hopCounter: 15,
            called: hlr,
            calling: vlr,
            data,
          }),
        ),
      ),
    );
  /** Q.773 Begin (otid 01020304) with one invoke of sendRoutingInfoForSM (45) whose parameter is `param`. */
  const begin = (param: number[]): Uint8Array =>
    Uint8Array.from([
      0x62,
      0x80,
      0x48,
      0x04,
      1,
      2,
      3,
      4,
      0x6c,
      0x80,
      0xa1,
      0x80,
      0x02,
      0x01,
      0x01,
      0x02,
      0x01,
      45,
      ...param,
      0,
      0,
      0,
      0,
      0,
      0,
    ]);

  for (const [form, param] of [
    // X.690 §8.1.3.6: indefinite lengths, 900 SEQUENCEs deep (BER_MAX_DEPTH is 64).
    ["indefinite", [...Array(900).fill([0x30, 0x80]).flat(), ...Array(900).fill([0, 0]).flat()]],
    // X.690 §8.1.3.5: definite long-form lengths, 850 deep; each level 4 octets longer than the one inside.
    [
      "definite",
      Array.from({ length: 850 }, (_, i) => 850 - 1 - i).flatMap((inner) => {
        const len = inner * 4;
        return [0x30, 0x82, len >> 8, len & 0xff];
      }),
    ],
  ] as const) {
    it(`reports a MAP parameter nested 850 levels deep (${form} lengths) inside an LUDT, without overflowing the stack`, () => {
      const payload = ludt(begin([...param]));
      const decoder = new StackDecoder();
      const problems: StackDecodeProblem[] = [];
      const t0 = performance.now();
      const out = decoder.decode(sctpRecord(payload, 3), (p) => problems.push(p));
      assert.ok(performance.now() - t0 < PER_INPUT_MS, "bounded time");
      // The SCCP part is a message; whatever the depth broke is reported on it, not thrown.
      assert.equal(out.length, 1);
      assert.equal(out[0]!.sccp.type, "LUDT");
      const failure =
        out[0]!.error ?? out[0]!.components.map((c) => c.parameterError).find((e) => e !== undefined);
      assert.ok(failure, "the nesting is reported");
      // Indefinite lengths must be walked (and hit the depth limit); definite ones are skipped whole and the
      // operation's codec then finds its mandatory field missing. Either way a DecodeError's text.
      assert.match(failure, /^(ber|tcap|map|gsm): .+ at offset \d+$/);
      for (const p of problems) checkProblem(p, 1, payload.length);
    });
  }

  it("holds a flood of 5 000 unfinished XUDT reassemblies in bounded time and still decodes the next message", () => {
    const decoder = new StackDecoder();
    const data = new Uint8Array(600).fill(0x5a);
    const t0 = performance.now();
    for (let ref = 1; ref <= 5_000; ref++) {
      // Only the first of three segments ever arrives (Q.714 §4.1.1.3: the T(reass) timer would expire them).
      const [first] = segmentSccpXudt(
        { protocolClass: 1, returnOnError: false, hopCounter: 15, called: hlr, calling: vlr, data },
        { localReference: ref, maxMessageLength: 268 },
      );
      const m3ua = new Uint8Array(encodeM3ua(m3uaData(label, first!)));
      assert.equal(runSctpPayload(m3ua, 3, decoder, ref).messages, 0);
    }
    assert.equal(decoder.stats.sccpSegments, 5_000);
    const lab = new Uint8Array(encodeLabMessage([...benignTraffic(1, { seed: 2 })][0]!));
    assert.deepEqual(runSctpPayload(lab, 3, decoder, 5_001), { messages: 1, problems: 0 });
    assert.ok(performance.now() - t0 < 5_000, "bounded time");
  });

  it("decodes an M3UA stream trickled one octet per TCP chunk, each message at the chunk of its last octet", () => {
    const parts = [...benignTraffic(30, { seed: 6 })].map((m) => new Uint8Array(encodeLabMessage(m)));
    const stream = new Uint8Array(Buffer.concat(parts));
    const decoder = new StackDecoder();
    const got: Ss7Message[] = [];
    const problems: StackDecodeProblem[] = [];
    for (let i = 0; i < stream.length; i++)
      decoder.decode(tcpRecord(stream, i, i + 1, i + 1), (p) => problems.push(p), got);
    assert.deepEqual(problems, []);
    let end = 0;
    assert.deepEqual(
      got.map((m) => m.frame),
      parts.map((p) => {
        end += p.length;
        return end;
      }),
    );
  });

  it("rejects an M3UA header announcing 4 GiB on TCP without buffering toward it", () => {
    const decoder = new StackDecoder();
    const header = Uint8Array.of(1, 0, 1, 1, 0xff, 0xff, 0xff, 0xff);
    const filler = new Uint8Array(1024).fill(0x33);
    const problems: StackDecodeProblem[] = [];
    const before = process.memoryUsage().arrayBuffers;
    decoder.decode(tcpRecord(header, 0, header.length, 1), (p) => problems.push(p));
    for (let f = 2; f <= 2_000; f++)
      decoder.decode(tcpRecord(filler, 0, filler.length, f), (p) => problems.push(p));
    assert.ok(problems.length >= 1, "the length is reported");
    assert.match(problems[0]!.reason, /message length 4294967295 exceeds/);
    assert.equal(decoder.stats.messages, 0);
    // 2 MB went past: none of it may be held.
    assert.ok(
      process.memoryUsage().arrayBuffers - before < 1_000_000,
      "no buffering toward the announced length",
    );
  });

  it("resynchronises a TCP flow at a gap after a corrupt M3UA header", () => {
    const [a, b, c] = [...benignTraffic(3, { seed: 4 })].map((m) => new Uint8Array(encodeLabMessage(m)));
    const bad = Uint8Array.from(b!);
    bad[0] = 9; // RFC 4666 §3.1.1: only version 1 exists
    const decoder = new StackDecoder();
    const problems: StackDecodeProblem[] = [];
    const frames = (bytes: Uint8Array, frame: number, gap = false): number[] =>
      decoder
        .decode(tcpRecord(bytes, 0, bytes.length, frame, gap), (p) => problems.push(p))
        .map((m) => m.frame);
    assert.deepEqual(frames(a!, 1), [1]);
    assert.deepEqual(frames(bad, 2), []);
    // The reassembler marks the chunk after a lost segment with `gap`: the framer starts over there.
    assert.deepEqual(frames(c!, 3, true), [3]);
    assert.deepEqual(
      problems.map((p) => `${p.frame} ${p.layer}`),
      ["2 m3ua"],
    );
  });

  it("resumes a TCP flow at the next chunk that starts a message after a corrupt M3UA header", {}, () => {
    const [a, b, c, d] = [...benignTraffic(4, { seed: 4 })].map((m) => new Uint8Array(encodeLabMessage(m)));
    const bad = Uint8Array.from(b!);
    bad[0] = 9;
    const decoder = new StackDecoder();
    const problems: StackDecodeProblem[] = [];
    const frames = (bytes: Uint8Array, frame: number): number[] =>
      decoder.decode(tcpRecord(bytes, 0, bytes.length, frame), (p) => problems.push(p)).map((m) => m.frame);
    assert.deepEqual(frames(a!, 1), [1]);
    assert.deepEqual(frames(bad, 2), []);
    // "drop what it holds and start again with the next chunk" (decoder.ts): c and d start messages.
    assert.deepEqual(frames(c!, 3), [3]);
    assert.deepEqual(frames(d!, 4), [4]);
    assert.deepEqual(
      problems.map((p) => p.frame),
      [2],
    );
  });
});
