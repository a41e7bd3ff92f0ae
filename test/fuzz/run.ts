/**
 * Long-running fuzzer: `npm run fuzz` (10M inputs) or `node --import tsx test/fuzz/run.ts --count N [--target NAME]`.
 * Every target in test/fuzz/targets/ runs in its own worker; each input is `mutate(seed, n)`, so any
 * finding reproduces from (target, n). The main thread watches a shared heartbeat: a worker that makes
 * no progress for --hang-ms is reported as a hang with the input number it was stuck on.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { DecodeError } from "../../src/codec/errors.js";
import { mutate } from "./mutate.js";
import type { FuzzTarget } from "./target.js";

const here = dirname(fileURLToPath(import.meta.url));

async function loadTargets(): Promise<FuzzTarget[]> {
  const dir = join(here, "targets");
  const all: FuzzTarget[] = [];
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { targets?: FuzzTarget[] };
    all.push(...(mod.targets ?? []));
  }
  return all;
}

interface WorkerJob {
  target: string;
  from: number;
  count: number;
  heartbeat: SharedArrayBuffer;
}

interface WorkerResult {
  target: string;
  inputs: number;
  decoded: number;
  decodeErrors: number;
  failure?: { n: number; error: string };
}

async function workerMain(job: WorkerJob): Promise<void> {
  const target = (await loadTargets()).find((t) => t.name === job.target);
  if (!target) throw new Error(`no fuzz target ${job.target}`);
  const beat = new Int32Array(job.heartbeat);
  const result: WorkerResult = { target: target.name, inputs: 0, decoded: 0, decodeErrors: 0 };
  for (let n = job.from; n < job.from + job.count; n++) {
    Atomics.store(beat, 0, n - job.from);
    const input = mutate(target.seeds[n % target.seeds.length]!, n);
    try {
      target.decode(input);
      result.decoded++;
    } catch (e) {
      if (e instanceof DecodeError) {
        result.decodeErrors++;
      } else {
        result.failure = { n, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
        break;
      }
    }
    result.inputs++;
  }
  Atomics.store(beat, 0, job.count);
  parentPort!.postMessage(result);
}

function runTarget(name: string, count: number, hangMs: number): Promise<WorkerResult> {
  const heartbeat = new SharedArrayBuffer(4);
  const beat = new Int32Array(heartbeat);
  // Node 20 ignores `--import` in a worker's execArgv, so the worker registers tsx itself before loading this file.
  const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, {
    eval: true,
    workerData: { target: name, from: 0, count, heartbeat } satisfies WorkerJob,
  });
  return new Promise((resolve, reject) => {
    let last = -1;
    let lastChange = Date.now();
    const watch = setInterval(() => {
      const now = Atomics.load(beat, 0);
      if (now !== last) {
        last = now;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > hangMs) {
        clearInterval(watch);
        void worker.terminate();
        resolve({
          target: name,
          inputs: now,
          decoded: 0,
          decodeErrors: 0,
          failure: { n: now, error: "hang" },
        });
      }
    }, 250);
    worker.once("message", (r: WorkerResult) => {
      clearInterval(watch);
      resolve(r);
    });
    worker.once("error", (e) => {
      clearInterval(watch);
      reject(e);
    });
  });
}

async function cliMain(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const total = Number(opt("--count") ?? 1_000_000);
  const hangMs = Number(opt("--hang-ms") ?? 5000);
  const only = opt("--target");
  const targets = (await loadTargets()).filter((t) => !only || t.name === only);
  if (targets.length === 0) throw new Error(`no fuzz targets${only ? ` named ${only}` : ""}`);
  const per = Math.ceil(total / targets.length);
  let failed = 0;
  const started = Date.now();
  // Two at a time: this machine has two cores.
  const queue = [...targets];
  const runOne = async (): Promise<void> => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      const r = await runTarget(t.name, per, hangMs);
      const line = `${r.target.padEnd(22)} inputs ${String(r.inputs).padStart(9)}  decoded ${String(r.decoded).padStart(9)}  DecodeError ${String(r.decodeErrors).padStart(9)}`;
      if (r.failure) {
        failed++;
        console.log(`${line}  FAILED at n=${r.failure.n}: ${r.failure.error}`);
      } else console.log(`${line}  ok`);
    }
  };
  await Promise.all([runOne(), runOne()]);
  const secs = (Date.now() - started) / 1000;
  console.log(
    `fuzz: ${targets.length} targets, ${per * targets.length} inputs, ${failed} failed, ${secs.toFixed(1)} s`,
  );
  if (failed) process.exitCode = 1;
}

if (isMainThread) await cliMain();
else await workerMain(workerData as WorkerJob);
