import { open } from "node:fs/promises";
import type { Command } from "commander";
import { LabCaptureWriter } from "../lab/capture.js";
import { benignTraffic } from "../lab/traffic.js";

interface GenerateOptions {
  scenario: string;
  out: string;
  seed: string;
  count: string;
}

const SCENARIOS = ["benign"] as const;

/**
 * Writes a synthetic capture; returns the number of packets. Streams, so 1M messages need little memory.
 * A file that cannot be opened or written (no such directory, a full disk) rejects with the system's error.
 */
export async function generateCapture(path: string, count: number, seed: number): Promise<number> {
  const file = await open(path, "w");
  try {
    const writer = new LabCaptureWriter();
    const flush = async (): Promise<void> => {
      for (const chunk of writer.takeChunks()) await file.writeFile(chunk);
    };
    let n = 0;
    for (const m of benignTraffic(count, { seed })) {
      writer.add(m);
      if (++n % 10_000 === 0) await flush();
    }
    await flush();
    return writer.packets;
  } finally {
    await file.close();
  }
}

export function registerLabCommand(program: Command): void {
  const lab = program.command("lab").description("the simulated network: synthetic captures (more to come)");
  lab
    .command("generate")
    .description("write a synthetic capture of interconnect traffic aimed at the simulated home network")
    .requiredOption("--out <file>", "pcap file to write")
    .option("--scenario <name>", `one of: ${SCENARIOS.join(", ")}`, "benign")
    .option("--seed <n>", "random seed (same seed, same capture)", "1")
    .option("--count <n>", "number of messages", "1000")
    .action(async (opts: GenerateOptions) => {
      if (!(SCENARIOS as readonly string[]).includes(opts.scenario)) {
        throw new Error(`unknown scenario ${JSON.stringify(opts.scenario)}; known: ${SCENARIOS.join(", ")}`);
      }
      const count = Number(opts.count);
      const seed = Number(opts.seed);
      if (!Number.isSafeInteger(count) || count < 1)
        throw new Error(`--count must be a positive integer, got ${opts.count}`);
      // The generator's state is 32 bits: a wider seed would silently repeat another seed's capture.
      if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff)
        throw new Error(`--seed must be an integer from 0 to 4294967295, got ${opts.seed}`);
      const packets = await generateCapture(opts.out, count, seed);
      process.stderr.write(`${opts.out}: ${packets} packets (${opts.scenario}, seed ${seed})\n`);
    });
}
