/**
 * `npm run bench:proxy [-- --count N --rate R --seconds S]`: the inline firewall against a plain TCP relay,
 * in one run, same traffic, same machine.
 *
 * A foreign network's ASP (this process) sends benign lab MSUs to the core's SGP (this process) either
 * through a byte-for-byte TCP relay (a child process: the baseline a firewall cannot beat) or through
 * `ss7guard firewall` (a child process: M3UA termination on both sides, every MSU scanned and judged).
 *  1. throughput: N MSUs as fast as the sender's backpressure allows, MSUs/s delivered to the core;
 *  2. latency at a fixed rate (default 20k MSU/s): one-way send → core receive, p50/p99/p99.9 for both
 *     paths, and the difference (what the firewall adds).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeLabMessage } from "../src/lab/capture.js";
import { labPolicyYaml } from "../src/lab/policy.js";
import { benignTraffic } from "../src/lab/traffic.js";
import { AspState, M3uaAsp, M3uaSgp } from "../src/transport/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const arg = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const COUNT = arg("count", 200_000);
const RATE = arg("rate", 20_000);
const SECONDS = arg("seconds", 5);
const CORE_RC = 200;
const EDGE_RC = 100;
const RELAY_RC = 201;
const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

function messages(n: number): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  // Many subscribers: the firewall judges in wall-clock time, so a capture's minutes arrive in a second, and
  // with few subscribers benign SMS traffic would look like location campaigns.
  for (const m of benignTraffic(n, { seed: 5, subscribers: 99_999 }))
    out.push(encodeLabMessage(m, i++ & 0x0f));
  return out;
}

/** The core: an SGP counting DATA and stamping each arrival (in order: one association, one SLS group). */
class Core {
  // Two ASes: the firewall's core side and the relayed client each activate in their own (in one AS with
  // override traffic mode, the second ASP to activate would take the traffic from the first).
  readonly sgp = new M3uaSgp({
    applicationServers: [{ routingContext: CORE_RC }, { routingContext: RELAY_RC }],
  });
  received = 0;
  arrivals: Float64Array = new Float64Array(0);
  expect = 0;
  constructor() {
    this.sgp.on("data", () => {
      if (this.received < this.arrivals.length) this.arrivals[this.received] = performance.now();
      this.received++;
    });
  }
  reset(n: number): void {
    this.received = 0;
    this.expect = n;
    this.arrivals = new Float64Array(n);
  }
  /** Resolves when all expected MSUs arrived, or nothing arrived for a second (the firewall dropped some). */
  delivered(): Promise<number> {
    return new Promise((resolve) => {
      let last = -1;
      let quietSince = performance.now();
      const check = () => {
        if (this.received >= this.expect) return resolve(this.received);
        if (this.received !== last) {
          last = this.received;
          quietSince = performance.now();
        } else if (performance.now() - quietSince > 1000) return resolve(this.received);
        setTimeout(check, 20);
      };
      check();
    });
  }
}

function childReady(child: ChildProcess, pattern: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (b: Buffer) => {
      text += b.toString();
      const m = pattern.exec(text);
      if (m) resolve(Number(m[1]));
    };
    // Keep reading the child's log: a pipe nobody reads stalls the child once it fills.
    child.stderr!.on("data", onData);
    if (process.env.DEBUG_CHILD)
      child.stderr!.on("data", (b: Buffer) => process.stderr.write(`[child] ${b}`));
    child.once("exit", (code) => reject(new Error(`child exited (${code}): ${text}`)));
  });
}

async function connect(port: number, rc: number): Promise<M3uaAsp> {
  const asp = new M3uaAsp({ host: "127.0.0.1", port, routingContexts: [rc], heartbeatMs: 0 });
  asp.start();
  await new Promise<void>((resolve) => {
    const check = () => (asp.state === AspState.active ? resolve() : setTimeout(check, 5));
    check();
  });
  return asp;
}

/** Sends all messages as fast as backpressure allows; returns MSUs/s delivered. */
async function throughput(
  asp: M3uaAsp,
  core: Core,
  msgs: Buffer[],
): Promise<{ rate: number; delivered: number }> {
  core.reset(msgs.length);
  const t0 = performance.now();
  let i = 0;
  await new Promise<void>((resolve) => {
    const pump = () => {
      while (i < msgs.length) {
        asp.sendData(msgs[i++]!);
        if (asp.congested) {
          asp.once("drain", pump);
          return;
        }
      }
      resolve();
    };
    pump();
  });
  const delivered = await core.delivered();
  const last = core.arrivals[Math.min(delivered, msgs.length) - 1] ?? performance.now();
  return { rate: delivered / ((last - t0) / 1000), delivered };
}

/** Sends at `rate` MSUs/s for `seconds`; returns one-way latencies (ms), sorted. */
async function latency(
  asp: M3uaAsp,
  core: Core,
  msgs: Buffer[],
  rate: number,
  seconds: number,
): Promise<Float64Array> {
  const n = Math.min(msgs.length, Math.round(rate * seconds));
  const sent = new Float64Array(n);
  core.reset(n);
  const t0 = performance.now();
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(n, Math.floor(((performance.now() - t0) / 1000) * rate));
      while (i < due) {
        sent[i] = performance.now();
        asp.sendData(msgs[i]!);
        i++;
      }
      // Timer-paced, not a spin: on a 2-core machine a busy sender would take the firewall's CPU.
      if (i < n) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  const delivered = await core.delivered();
  if (delivered !== n)
    throw new Error(`latency run: ${n - delivered} of ${n} MSUs not delivered (arrival order unknown)`);
  const lat = new Float64Array(n);
  for (let k = 0; k < n; k++) lat[k] = core.arrivals[k]! - sent[k]!;
  return lat.sort();
}

const pct = (a: Float64Array, p: number): number => a[Math.min(a.length - 1, Math.floor(a.length * p))]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "ss7guard-bench-proxy-"));
  const children: ChildProcess[] = [];
  try {
    const core = new Core();
    const corePort = await core.sgp.listen("127.0.0.1", 0);
    // Disjoint slices for warm-up, throughput and latency: the firewall keeps state, and replaying the same
    // SMS dialogues within seconds would (rightly) look like a location campaign.
    const WARM = 20_000;
    const msgs = messages(WARM + COUNT + RATE * SECONDS);
    const warm = msgs.slice(0, WARM);
    const tp = msgs.slice(WARM, WARM + COUNT);
    const lat = msgs.slice(WARM + COUNT);
    console.log(
      `node ${process.version}; ${fmt(msgs.length)} benign lab MSUs (${fmt(msgs.reduce((s, m) => s + m.length, 0) / msgs.length)} bytes average)\n`,
    );

    // Baseline: a byte relay in its own process.
    const relaySource = `
      const net = require("node:net");
      const server = net.createServer((c) => {
        const up = net.connect(${corePort}, "127.0.0.1");
        c.setNoDelay(true); up.setNoDelay(true);
        c.pipe(up); up.pipe(c);
        c.on("error", () => up.destroy()); up.on("error", () => c.destroy());
      });
      server.listen(0, "127.0.0.1", () => process.stderr.write("relay on " + server.address().port + "\\n"));`;
    const relay = spawn(process.execPath, ["-e", relaySource], { stdio: ["ignore", "ignore", "pipe"] });
    children.push(relay);
    const relayPort = await childReady(relay, /relay on (\d+)/);

    // The firewall, compiled (bin/ss7guard.js runs dist/ when it is current: build first).
    writeFileSync(join(dir, "policy.yaml"), labPolicyYaml());
    writeFileSync(
      join(dir, "firewall.yaml"),
      `policy: policy.yaml
interconnect: { listen: { host: 127.0.0.1, port: 0 }, routing_contexts: [${EDGE_RC}] }
core: { peers: [ { host: 127.0.0.1, port: ${corePort} } ], routing_context: ${CORE_RC}, heartbeat_ms: 0 }
# A flood fills the socket buffers, so the event loop lags by design here: raise the limit so that every MSU
# is judged (none bypassed by fail_mode) and the figure is the engine's real throughput.
limits: { max_lag_ms: 5000 }
`,
    );
    await new Promise<void>((resolve, reject) =>
      spawn("npm", ["run", "--silent", "build"], { cwd: root, stdio: "ignore" }).on("exit", (c) =>
        c === 0 ? resolve() : reject(new Error("build failed")),
      ),
    );
    const fw = spawn(
      process.execPath,
      [join(root, "bin/ss7guard.js"), "firewall", "--config", join(dir, "firewall.yaml")],
      {
        stdio: ["ignore", process.env.DEBUG_CHILD ? "inherit" : "ignore", "pipe"],
      },
    );
    children.push(fw);
    const fwPort = await childReady(fw, /interconnect on [\d.]+:(\d+)/);

    const viaRelay = await connect(relayPort, RELAY_RC);
    const viaFirewall = await connect(fwPort, EDGE_RC);
    // Warm-up (JIT on both sides), then measure.
    await throughput(viaRelay, core, warm);
    await throughput(viaFirewall, core, warm);
    const viaRelayRun = await throughput(viaRelay, core, tp);
    const fwall = await throughput(viaFirewall, core, tp);
    const relayRate = viaRelayRun.rate;
    const fwRate = fwall.rate;
    console.log(`1. throughput, ${fmt(COUNT)} MSUs, sender paced by backpressure:`);
    console.log(
      `   TCP relay (baseline)      ${fmt(relayRate)} MSU/s (${fmt(viaRelayRun.delivered)} delivered)`,
    );
    console.log(
      `   ss7guard firewall          ${fmt(fwRate)} MSU/s (${fmt(fwall.delivered)} delivered)   (${(fwRate / relayRate).toFixed(2)}× the relay; target ≥ 100,000 MSU/s on one core)\n`,
    );

    const lr = await latency(viaRelay, core, lat, RATE, SECONDS);
    const lf = await latency(viaFirewall, core, lat, RATE, SECONDS);
    console.log(
      `2. one-way latency at ${fmt(RATE)} MSU/s for ${SECONDS} s (${fmt(lr.length)} MSUs each), ms:`,
    );
    console.log("                        p50      p99    p99.9");
    const row = (name: string, a: Float64Array) =>
      console.log(
        `   ${name.padEnd(18)} ${pct(a, 0.5).toFixed(3).padStart(7)}  ${pct(a, 0.99).toFixed(3).padStart(7)}  ${pct(a, 0.999).toFixed(3).padStart(7)}`,
      );
    row("TCP relay", lr);
    row("ss7guard firewall", lf);
    const added = (p: number) => pct(lf, p) - pct(lr, p);
    console.log(
      `   added by firewall  ${added(0.5).toFixed(3).padStart(7)}  ${added(0.99).toFixed(3).padStart(7)}  ${added(0.999).toFixed(3).padStart(7)}   (target: p99 added < 1 ms)`,
    );
    await viaRelay.stop();
    await viaFirewall.stop();
    await core.sgp.close();
  } finally {
    for (const c of children) c.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
