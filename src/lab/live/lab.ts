/**
 * The live lab: the simulated home core (HLR, MSC/VLR, SMSC) behind the inline firewall, and every foreign
 * network of the lab world (fifteen roaming partners, two GT lessees) connected to the firewall's
 * interconnect side — real M3UA associations over TCP on 127.0.0.1, real MAP dialogues. Without the
 * firewall the foreign networks connect straight to the core: the baseline that shows the attacks work.
 *
 *   foreign ASPs (one per network, RC 101…) ──► FirewallProxy (SGP | ASP) ──► core SGP (RC 200)
 *
 * Every port is picked by the OS (0) unless given; nothing listens beyond loopback, and all traffic is
 * between lab nodes. The firewall runs the lab's policy (`labPolicyYaml`), written to a temporary
 * directory with its configuration; its alerts go to `alerts.jsonl` there.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseProxyConfig } from "../../proxy/config.js";
import type { FirewallAlert } from "../../proxy/pipeline.js";
import { FirewallProxy } from "../../proxy/proxy.js";
import { labPolicyYaml } from "../policy.js";
import { LiveCore } from "./core.js";
import { LiveForeign } from "./foreign.js";
import { CORE_RC, FOREIGN } from "./world.js";

export const LAB_HOST = "127.0.0.1";

export interface LabOptions {
  /** Put the inline firewall between the foreign networks and the core. */
  firewall: boolean;
  /** Subscribers in the home HLR. Default 5,000. */
  subscribers?: number;
  /** The firewall's management API port (0: any free one). Default: no management API. */
  managementPort?: number;
  /** Seeds the nodes. Default 1. */
  seed?: number;
  /** How long a foreign network waits for an answer before an exchange counts as unanswered. Default 3000 ms. */
  answerTimeoutMs?: number;
  /** Operational lines (associations, policy); default none. */
  log?: (line: string) => void;
}

export interface LabPorts {
  /** Where foreign networks connect: the firewall's interconnect side, or the core without one. */
  interconnect: number;
  /** The core's SGP. */
  core: number;
  /** The firewall's management API and its bearer token, when enabled. */
  management?: number;
  token?: string;
}

export interface Lab {
  readonly core: LiveCore;
  readonly firewall: FirewallProxy | undefined;
  /** Every foreign network, by name (`Vodafone UK`, `Nimbus Route Ltd` …). */
  readonly foreign: ReadonlyMap<string, LiveForeign>;
  readonly ports: LabPorts;
  /** The directory holding the firewall's policy, configuration and alerts (removed by `stop`). */
  readonly dir: string | undefined;
  /** Home subscriber indices a scenario run has used (so the next run picks fresh ones). */
  readonly used: Set<number>;
  /** How many alerts the firewall has raised so far (0 without one): a mark for `alertsSince`. */
  alertMark(): number;
  /** The alerts raised since `mark`, oldest first (at most the latest 1,000). */
  alertsSince(mark: number): FirewallAlert[];
  /** Disconnects the foreign networks, stops the firewall and the core, removes the temporary files (once). */
  stop(): Promise<void>;
}

/** The firewall's configuration for a lab whose core listens on `corePort`. */
export function labProxyConfigYaml(corePort: number, managementPort?: number, token?: string): string {
  const rcs = FOREIGN.map((f) => f.rc).join(", ");
  const lines = [
    "policy: policy.yaml",
    "fail_mode: closed",
    `interconnect: { listen: { host: ${LAB_HOST}, port: 0 }, routing_contexts: [${rcs}], heartbeat_ms: 0 }`,
    `core: { peers: [ { host: ${LAB_HOST}, port: ${corePort} } ], routing_context: ${CORE_RC}, heartbeat_ms: 0 }`,
    // The lab's networks share the firewall's event loop: a busy moment of theirs is not the firewall
    // falling behind its traffic.
    "limits: { max_lag_ms: 1000 }",
    "alerts: { file: alerts.jsonl }",
  ];
  if (managementPort !== undefined)
    lines.push(`management: { listen: { host: ${LAB_HOST}, port: ${managementPort} }, token: "${token}" }`);
  return `${lines.join("\n")}\n`;
}

function until(what: string, cond: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      if (cond()) resolve();
      else if (Date.now() - t0 > timeoutMs) reject(new Error(`lab: timed out waiting for ${what}`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

/** Starts the lab; resolves once every association is active. */
export async function startLab(options: LabOptions): Promise<Lab> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 1;
  const core = new LiveCore({
    ...(options.subscribers !== undefined ? { subscribers: options.subscribers } : {}),
    seed,
    ...(options.firewall ? {} : { foreign: FOREIGN }),
    log,
  });
  const foreign = new Map<string, LiveForeign>();
  let firewall: FirewallProxy | undefined;
  let dir: string | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> => {
    stopping ??= (async () => {
      await Promise.all([...foreign.values()].map((f) => f.stop()));
      await firewall?.stop();
      await core.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    })();
    return stopping;
  };
  try {
    const corePort = await core.start(LAB_HOST, 0);
    const ports: LabPorts = { interconnect: corePort, core: corePort };
    if (options.firewall) {
      dir = await mkdtemp(join(tmpdir(), "ss7guard-lab-"));
      await writeFile(join(dir, "policy.yaml"), labPolicyYaml());
      const token = options.managementPort !== undefined ? randomBytes(16).toString("hex") : undefined;
      const yaml = labProxyConfigYaml(corePort, options.managementPort, token);
      await writeFile(join(dir, "firewall.yaml"), yaml);
      firewall = new FirewallProxy({
        config: parseProxyConfig(yaml, "lab firewall"),
        baseDir: dir,
        log: (line) => log(`firewall: ${line}`),
      });
      const started = await firewall.start();
      const fw = firewall;
      await until(
        "the firewall's core association",
        () => fw.associations().some((a) => a.side === "core" && a.up),
        10_000,
      );
      ports.interconnect = started.interconnectPort;
      if (started.managementPort !== undefined) {
        ports.management = started.managementPort;
        ports.token = token!;
      }
    }
    for (const spec of FOREIGN) {
      const f = new LiveForeign(spec, {
        seed: seed * 31 + spec.rc,
        ...(options.answerTimeoutMs !== undefined ? { answerTimeoutMs: options.answerTimeoutMs } : {}),
        log,
      });
      foreign.set(spec.name, f);
    }
    await Promise.all([...foreign.values()].map((f) => f.connect(LAB_HOST, ports.interconnect)));
    const fw = firewall;
    return {
      core,
      firewall: fw,
      foreign,
      ports,
      dir,
      used: new Set(),
      alertMark: () => fw?.alertsTotal() ?? 0,
      alertsSince: (mark) => {
        const n = (fw?.alertsTotal() ?? 0) - mark;
        return fw && n > 0 ? fw.recentAlerts(n).reverse() : [];
      },
      stop: stopAll,
    };
  } catch (e) {
    await stopAll().catch(() => {});
    throw e;
  }
}
