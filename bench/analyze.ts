/**
 * `npm run bench:analyze [-- --count N]`: the firewall's speed, in one run, on the same generated capture
 * (the lab's location-campaign scenario: benign traffic with leased-GT attacks mixed in; default 1M messages,
 * cached in bench/out/).
 *
 *  1. whole process: `tshark -T fields` (decode only, the fields the firewall needs) vs
 *     `ss7guard analyze --json` (decode + full analysis + report), ratio;
 *  2. the engine alone, in process, with a policy of 100k GT prefixes (operators + leases) and 1M tracked
 *     subscribers: the same in-memory messages scanned, then scanned and judged; the engine's rate is the
 *     difference; plus heap per tracked subscriber (needs --expose-gc, which the npm script passes).
 * Every figure is printed with its reference from this same run.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { CaptureReader, PayloadExtractor, type PayloadRecord } from "../src/codec/capture/index.js";
import { updateLocation } from "../src/codec/map/operations/updateLocation.js";
import { Ss7Scanner } from "../src/codec/stack/scan.js";
import { FirewallEngine } from "../src/firewall/engine.js";
import { parsePolicy } from "../src/firewall/policy.js";
import { encodeLabMessage } from "../src/lab/capture.js";
import { HOME, PARTNERS } from "../src/lab/network.js";
import { labPolicyYaml } from "../src/lab/policy.js";
import { generateScenario } from "../src/lab/scenarios.js";
import { gtAddress, isdn, LabApplicationContext, LabRandom } from "../src/lab/traffic.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const countArg = args.indexOf("--count");
const COUNT = countArg >= 0 ? Number(args[countArg + 1]) : 1_000_000;
const SUBSCRIBERS = 1_000_000;
const PREFIXES = 100_000;
const outDir = join(root, "bench", "out");
mkdirSync(outDir, { recursive: true });
const capture = join(outDir, `location-campaign-${COUNT}.pcap`);
const policyFile = join(outDir, "lab-policy.yaml");

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

function timeCommand(
  cmd: string,
  argv: string[],
): Promise<{ seconds: number; bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd: root, stdio: ["ignore", "pipe", "ignore"] });
    let lines = 0;
    let bytes = 0;
    child.stdout.on("data", (b: Buffer) => {
      bytes += b.length;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`${cmd} exited with ${code}`));
      else resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, bytes, lines });
    });
  });
}

/** The lab policy grown to `PREFIXES` GT prefixes: random operators and leases in front of the real ones. */
function bigPolicyYaml(): string {
  const lab = parsePolicy(labPolicyYaml(), "lab");
  const rnd = new LabRandom(99);
  const operators = [...lab.operators];
  const leases = [...lab.leases];
  let n =
    operators.reduce((k, o) => k + o.gt_prefixes.length, 0) +
    leases.reduce((k, l) => k + l.gt_prefixes.length, 0);
  let i = 0;
  while (n < PREFIXES) {
    // Prefixes under country codes the lab does not use (8xx: East Asia), so attribution of lab GTs is unchanged.
    const prefixes = Array.from({ length: 50 }, () => `8${rnd.int(10)}${rnd.digits(4 + rnd.int(4))}`);
    if (i % 4 === 3) leases.push({ lessee: `Lessee ${i}`, gt_prefixes: prefixes, purpose: "a2p-sms" });
    else operators.push({ name: `Operator ${i}`, country: "JP", mccmnc: [], gt_prefixes: prefixes });
    n += prefixes.length;
    i++;
  }
  return stringify({ ...lab, operators, leases });
}

/** Every SIGTRAN payload of the capture, held in memory as views of one file buffer. */
function loadPayloads(path: string): PayloadRecord[] {
  const reader = new CaptureReader();
  const extractor = new PayloadExtractor();
  reader.push(readFileSync(path));
  const out: PayloadRecord[] = [];
  for (let p = reader.next(); p; p = reader.next()) {
    for (const r of extractor.extract(p))
      out.push({ ...r, bytes: r.bytes.slice(r.start, r.end), start: 0, end: r.end - r.start });
  }
  reader.end();
  return out;
}

async function main(): Promise<void> {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "ignore" });
  writeFileSync(policyFile, labPolicyYaml());
  if (!existsSync(capture)) {
    process.stderr.write(`generating ${capture} (${fmt(COUNT)} messages)…\n`);
    await generateScenario({ scenario: "location-campaign", out: capture, seed: 1, scale: 1, count: COUNT });
  }
  const mb = statSync(capture).size / 1e6;
  console.log(`capture: ${capture} — ${fmt(COUNT)} background messages + attacks, ${mb.toFixed(0)} MB`);
  console.log(`node ${process.version}, ${process.arch}; one core per process\n`);

  // 1. Whole process, same capture.
  const fields = [
    "frame.number",
    "sccp.calling.digits",
    "sccp.called.digits",
    "tcap.otid",
    "gsm_old.localValue",
    "e212.imsi",
    "e164.msisdn",
  ];
  process.stderr.write("tshark -T fields …\n");
  const tshark = await timeCommand("tshark", [
    "-r",
    capture,
    "-n",
    "-T",
    "fields",
    ...fields.flatMap((f) => ["-e", f]),
  ]);
  process.stderr.write("ss7guard analyze --json …\n");
  const ours = await timeCommand(process.execPath, [
    "bin/ss7guard.js",
    "analyze",
    capture,
    "--policy",
    policyFile,
    "--json",
  ]);
  const tsharkRate = tshark.lines / tshark.seconds;
  const oursRate = tshark.lines / ours.seconds;
  console.log("1. whole process (start-up, read, decode, and for ss7guard: judge every message, report):");
  console.log(
    `   tshark -T fields (decode only)   ${fmt(tshark.lines)} messages in ${tshark.seconds.toFixed(2)} s = ${fmt(tsharkRate)} msg/s`,
  );
  console.log(
    `   ss7guard analyze --json          ${fmt(tshark.lines)} messages in ${ours.seconds.toFixed(2)} s = ${fmt(oursRate)} msg/s (report ${fmt(ours.bytes)} bytes)`,
  );
  console.log(
    `   ratio analyze / tshark           ${(oursRate / tsharkRate).toFixed(1)}×   (target ≥ 10×)\n`,
  );

  // 2. The engine alone.
  const policy = parsePolicy(bigPolicyYaml(), "bench-policy");
  const prefixCount =
    policy.operators.reduce((k, o) => k + o.gt_prefixes.length, 0) +
    policy.leases.reduce((k, l) => k + l.gt_prefixes.length, 0);
  const payloads = loadPayloads(capture);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const engine = new FirewallEngine(policy);
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  // 1M subscribers: location updates from partner VLRs, one per IMSI, an hour before the capture starts.
  const template = encodeLabMessage({
    timeNs: 0,
    from: PARTNERS[0]!.vlr,
    to: HOME.hlr,
    calling: gtAddress(PARTNERS[0]!.vlr),
    called: gtAddress(HOME.hlr),
    kind: "bench",
    tcap: {
      type: "begin",
      otid: "00000001",
      dialogue: {
        type: "aarq",
        protocolVersion: "0780",
        applicationContext: LabApplicationContext.networkLocUp,
      },
      components: [
        {
          type: "invoke",
          invokeId: 1,
          opcode: { type: "local", value: 2 },
          parameter: (w) =>
            updateLocation.encodeArgument(w, {
              imsi: "310150900000000",
              mscNumber: isdn(PARTNERS[0]!.msc.gt),
              vlrNumber: isdn(PARTNERS[0]!.vlr.gt),
            }),
        },
      ],
    },
  } as Parameters<typeof encodeLabMessage>[0]);
  const fillScanner = new Ss7Scanner((s) => engine.inspect(s));
  const imsiAt = Buffer.from(template).indexOf(Buffer.from([0x13, 0x10, 0x05, 0x09])); // TBCD of 3101509…
  const firstSecond = payloads[0]!.seconds - 3600;
  const rec = { ...payloads[0]!, bytes: template, start: 0, end: template.length };
  for (let i = 0; i < SUBSCRIBERS; i++) {
    // The last 6 MSIN digits (TBCD, two per octet) carry the subscriber number.
    let v = i;
    for (let k = 6; k >= 4; k--) {
      const lo = v % 10;
      v = Math.floor(v / 10);
      const hi = v % 10;
      v = Math.floor(v / 10);
      template[imsiAt + k] = (hi << 4) | lo;
    }
    rec.seconds = firstSecond + Math.floor(i / 1000);
    rec.frameNumber = i;
    fillScanner.payload(rec);
  }
  gc?.();
  const perSubscriber = (process.memoryUsage().heapUsed - heapBefore) / engine.stats().subscribers;
  const tracked = engine.stats().subscribers;

  const best = (f: () => number): number => Math.max(f(), f(), f());
  let sink = 0;
  const scanOnly = new Ss7Scanner((s) => {
    sink += s.opcode;
  });
  const both = new Ss7Scanner((s) => {
    sink += engine.inspect(s).verdict.length;
  });
  // Each judged pass replays the capture later in time (by its span), so the engine sees one timeline.
  const span = payloads[payloads.length - 1]!.seconds - payloads[0]!.seconds + 1;
  let passes = 0;
  const pass = (scanner: Ss7Scanner) => (): number => {
    if (scanner === both && passes++ > 0)
      for (const p of payloads) (p as { seconds: number }).seconds += span;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < payloads.length; i++) scanner.payload(payloads[i]!);
    return payloads.length / (Number(process.hrtime.bigint() - t0) / 1e9);
  };
  const scanRate = best(pass(scanOnly));
  const bothRate = best(pass(both));
  const engineRate = 1 / (1 / bothRate - 1 / scanRate);
  console.log(
    `2. engine alone, in memory, ${fmt(payloads.length)} messages, policy of ${fmt(prefixCount)} GT prefixes, ${fmt(tracked)} tracked subscribers:`,
  );
  console.log(`   scan only (the stack's fast path)     ${fmt(scanRate)} msg/s (best of 3)`);
  console.log(`   scan + engine                         ${fmt(bothRate)} msg/s (best of 3)`);
  console.log(
    `   engine alone (difference)             ${fmt(engineRate)} msg/s   (target ≥ 300,000/s/core)`,
  );
  console.log(
    gc
      ? `   heap per tracked subscriber           ${fmt(perSubscriber)} bytes (${fmt(tracked)} subscribers, after GC)`
      : "   heap per tracked subscriber           (run with --expose-gc)",
  );
  console.log(
    `   subscribers after the run             ${fmt(engine.stats().subscribers)} (evicted ${fmt(engine.stats().evictedSubscribers)}), incidents ${engine.stats().incidents} over ${passes} passes of the capture   (sink ${sink & 0xff})`,
  );
}

await main();
