import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
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
    .description("the simulated network: synthetic captures with ground truth, and its firewall policy");
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
    .command("policy")
    .description("print the firewall policy (YAML) of the simulated world: home network, operators, leases")
    .option("--out <file>", "write it to a file instead of standard output")
    .action(async (opts: { out?: string }) => {
      const yaml = labPolicyYaml();
      if (opts.out === undefined) process.stdout.write(yaml);
      else await writeFile(opts.out, yaml);
    });
}
