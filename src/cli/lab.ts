import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { formatLabBanner, formatReport, runScenario, startLab } from "../lab/live/index.js";
import { DEFAULT_SUBSCRIBERS, MAX_SUBSCRIBERS } from "../lab/nodes/index.js";
import { labPolicyYaml } from "../lab/policy.js";
import {
  DEFAULT_BACKGROUND,
  generateScenario,
  isScenarioName,
  MAX_SCALE,
  SCENARIOS,
} from "../lab/scenarios.js";
import { type LabTruth, truthPathFor } from "../lab/truth.js";

interface GenerateOptions {
  scenario: string;
  out: string;
  seed: string;
  scale: string;
  count?: string;
}

/**
 * Writes a synthetic capture of benign traffic alone (no truth file); returns the number of packets. Streams,
 * so 1M messages need little memory. The same bytes as `lab generate --scenario benign`.
 */
export async function generateCapture(path: string, count: number, seed: number): Promise<number> {
  return (await generateScenario({ scenario: "benign", out: path, count, seed, writeTruth: false })).frames;
}

function integer(text: string, what: string, min: number, max: number, range: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new Error(`${what} must be ${range}, got ${text}`);
  return n;
}

function describe(truth: LabTruth): string {
  const attacks = truth.attacks.length;
  return `${attacks} attack${attacks === 1 ? "" : "s"}`;
}

export function registerLabCommand(program: Command): void {
  const lab = program
    .command("lab")
    .description(
      "the simulated network: synthetic captures with ground truth, its firewall policy, and the live lab",
    );
  lab
    .command("generate")
    .description(
      "write a synthetic capture of interconnect traffic aimed at the simulated home network, with attacks " +
        "mixed in, and its ground truth (FILE.truth.json)",
    )
    .requiredOption("--out <file>", "pcap file to write")
    .option("--scenario <name>", `one of: ${SCENARIOS.join(", ")}`, "benign")
    .option("--seed <n>", "random seed (same seed, same capture)", "1")
    .option("--scale <n>", "attack instances, and multiplier of the background volume", "1")
    .option("--count <n>", `background messages (default ${DEFAULT_BACKGROUND} × scale)`)
    .action(async (opts: GenerateOptions) => {
      if (!isScenarioName(opts.scenario)) {
        throw new Error(`unknown scenario ${JSON.stringify(opts.scenario)}; known: ${SCENARIOS.join(", ")}`);
      }
      // The generator's state is 32 bits: a wider seed would silently repeat another seed's capture.
      const seed = integer(opts.seed, "--seed", 0, 0xffffffff, "an integer from 0 to 4294967295");
      const scale = integer(opts.scale, "--scale", 1, MAX_SCALE, `an integer from 1 to ${MAX_SCALE}`);
      const count =
        opts.count === undefined
          ? DEFAULT_BACKGROUND * scale
          : integer(opts.count, "--count", 1, Number.MAX_SAFE_INTEGER, "a positive integer");
      const truth = await generateScenario({ scenario: opts.scenario, out: opts.out, seed, scale, count });
      process.stderr.write(
        `${opts.out}: ${truth.frames} packets (${opts.scenario}, seed ${seed}, scale ${scale}, ` +
          `${describe(truth)}); truth in ${truthPathFor(opts.out)}\n`,
      );
    });
  lab
    .command("up")
    .description(
      "start the live lab on 127.0.0.1: the simulated home network (HLR, MSC/VLR, SMSC) behind the inline " +
        "firewall, and the foreign networks (roaming partners, GT lessees) connected to its interconnect " +
        "side over M3UA; runs until SIGINT/SIGTERM",
    )
    .option("--no-firewall", "connect the foreign networks straight to the core (the unprotected baseline)")
    .option("--management-port <n>", "serve the firewall's management API on this port (0: any free one)")
    .option(
      "--subscribers <n>",
      `subscribers in the home HLR (1 to ${MAX_SUBSCRIBERS})`,
      String(DEFAULT_SUBSCRIBERS),
    )
    .action(async (opts: { firewall: boolean; managementPort?: string; subscribers: string }) => {
      const subscribers = integer(
        opts.subscribers,
        "--subscribers",
        1,
        MAX_SUBSCRIBERS,
        `an integer from 1 to ${MAX_SUBSCRIBERS}`,
      );
      const managementPort =
        opts.managementPort === undefined
          ? undefined
          : integer(opts.managementPort, "--management-port", 0, 65535, "a port number from 0 to 65535");
      if (managementPort !== undefined && !opts.firewall)
        throw new Error("--management-port is the firewall's: it cannot go with --no-firewall");
      let ready = false;
      const log = (line: string): void => {
        // Bring-up is summarised by the banner; what happens afterwards is logged as it happens.
        if (ready) process.stderr.write(`${new Date().toISOString()} ${line}\n`);
      };
      const lab = await startLab({
        firewall: opts.firewall,
        subscribers,
        ...(managementPort !== undefined ? { managementPort } : {}),
        log,
      });
      ready = true;
      process.stdout.write(formatLabBanner(lab, subscribers));
      process.stdout.write("Press Ctrl-C to stop.\n");
      await new Promise<void>((done) => {
        const stop = (signal: string): void => {
          process.off("SIGINT", onInt);
          process.off("SIGTERM", onTerm);
          log(`${signal}: stopping the lab`);
          ready = false;
          void lab.stop().then(done);
        };
        const onInt = (): void => stop("SIGINT");
        const onTerm = (): void => stop("SIGTERM");
        process.once("SIGINT", onInt);
        process.once("SIGTERM", onTerm);
      });
    });
  lab
    .command("run")
    .description(
      "start an ephemeral live lab, drive SCENARIO through it (a small benign load plus the scenario's " +
        "attacks, real MAP dialogues over M3UA on 127.0.0.1), print what was blocked and what got through, stop",
    )
    .argument("<scenario>", `one of: ${SCENARIOS.join(", ")}`)
    .option("--no-firewall", "connect the foreign networks straight to the core (the unprotected baseline)")
    .option("--seed <n>", "random seed: who is targeted, from which GTs, how many requests", "1")
    .option("--json", "print the report as one JSON document")
    .action(async (scenario: string, opts: { firewall: boolean; seed: string; json?: boolean }) => {
      if (!isScenarioName(scenario)) {
        throw new Error(`unknown scenario ${JSON.stringify(scenario)}; known: ${SCENARIOS.join(", ")}`);
      }
      const seed = integer(opts.seed, "--seed", 0, 0xffffffff, "an integer from 0 to 4294967295");
      const lab = await startLab({ firewall: opts.firewall });
      try {
        const report = await runScenario(lab, scenario, { seed });
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      } finally {
        await lab.stop();
      }
    });
  lab
    .command("policy")
    .description("print the firewall policy (YAML) of the simulated world: home network, operators, leases")
    .option("--out <file>", "write it to a file instead of standard output")
    .action(async (opts: { out?: string }) => {
      const yaml = labPolicyYaml();
      if (opts.out === undefined) process.stdout.write(yaml);
      else await writeFile(opts.out, yaml);
    });
}
