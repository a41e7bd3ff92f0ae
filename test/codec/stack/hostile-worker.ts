/**
 * The mutation loops of hostile.test.ts, run in a worker thread so that the test can watch them: the worker
 * publishes the job and input it is on in shared memory, and the test stops it and names the input if it
 * stops moving (a hang), which a loop on the test's own thread could not do. Input n of a job is
 * `mutate(seeds[n % seeds.length], n)`, so whatever it reports reproduces from (job, n).
 */
import { parentPort, workerData } from "node:worker_threads";
import { StackDecoder } from "../../../src/codec/stack/decoder.js";
import { mutate } from "../../fuzz/mutate.js";
import {
  captureSeeds,
  inM2pa,
  inM3ua,
  m2paSeeds,
  m3uaSeeds,
  type PayloadTally,
  runCapture,
  runSctpPayload,
  runTcpStream,
  sccpSeeds,
  tcpStreamSeeds,
} from "./harness.js";

export type JobName = "m3ua" | "m3ua-sccp" | "m2pa" | "m2pa-sccp" | "long-lived" | "tcp" | "capture";

export interface JobRequest {
  jobs: readonly { name: JobName; count: number }[];
  /** Int32 [job index, input number], updated before every input. */
  heartbeat: SharedArrayBuffer;
}

export interface JobResult {
  name: JobName;
  inputs: number;
  messages: number;
  problems: number;
  /** Captures the reader stopped on (framing error or cut-short tail). */
  incomplete: number;
  /** Captures read to their end with undecodable packets inside. */
  completeWithProblems: number;
  slowestMs: number;
  slowestInput: number;
  /** The first broken invariant or escaped exception, with the input that caused it. */
  failure?: string;
}

const both = [...m3uaSeeds.map((s) => [s, 3] as const), ...m2paSeeds.map((s) => [s, 5] as const)];

function job(name: JobName): {
  seeds: readonly Uint8Array[];
  run: (input: Uint8Array, n: number) => PayloadTally;
} {
  switch (name) {
    case "m3ua":
      return { seeds: m3uaSeeds, run: (input) => runSctpPayload(input, 3) };
    case "m3ua-sccp":
      return { seeds: sccpSeeds, run: (input) => runSctpPayload(inM3ua(input), 3) };
    case "m2pa":
      return { seeds: m2paSeeds, run: (input) => runSctpPayload(input, 5) };
    case "m2pa-sccp":
      return { seeds: sccpSeeds, run: (input) => runSctpPayload(inM2pa(input), 5) };
    case "long-lived": {
      // One decoder for every input: reassembly state carries over (segments meet mutated siblings), and a
      // reassembled TCAP may be longer than the input, so offsets are bounded by one LUDT (65 535 octets).
      const decoder = new StackDecoder();
      return {
        seeds: both.map(([s]) => s),
        run: (input, n) => runSctpPayload(input, both[n % both.length]![1], decoder, n + 1, 65_535),
      };
    }
    case "tcp":
      return { seeds: tcpStreamSeeds, run: (input) => runTcpStream(input) };
    case "capture":
      return { seeds: captureSeeds, run: (input) => runCapture(input) };
  }
}

function runJob(name: JobName, count: number, index: number, beat: Int32Array): JobResult {
  const { seeds, run } = job(name);
  const r: JobResult = {
    name,
    inputs: 0,
    messages: 0,
    problems: 0,
    incomplete: 0,
    completeWithProblems: 0,
    slowestMs: 0,
    slowestInput: -1,
  };
  for (let n = 0; n < count; n++) {
    Atomics.store(beat, 0, index);
    Atomics.store(beat, 1, n);
    const input = mutate(seeds[n % seeds.length]!, n);
    const t0 = performance.now();
    let tally: PayloadTally & { complete?: boolean };
    try {
      tally = run(input, n);
    } catch (e) {
      r.failure = `${name} input n=${n} (seed ${n % seeds.length}, ${input.length} octets): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
      return r;
    }
    const ms = performance.now() - t0;
    if (ms > r.slowestMs) {
      r.slowestMs = ms;
      r.slowestInput = n;
    }
    r.inputs++;
    r.messages += tally.messages;
    r.problems += tally.problems;
    if (tally.complete === false) r.incomplete++;
    else if (tally.complete === true && tally.problems > 0) r.completeWithProblems++;
  }
  return r;
}

if (parentPort) {
  const request = workerData as JobRequest;
  const beat = new Int32Array(request.heartbeat);
  request.jobs.forEach(({ name, count }, index) => {
    parentPort!.postMessage(runJob(name, count, index, beat));
  });
}
