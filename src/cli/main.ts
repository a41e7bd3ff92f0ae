import { Command, CommanderError } from "commander";
import { registerAnalyzeCommand } from "./analyze.js";
import { registerAuditCommand } from "./audit.js";
import { registerDecodeCommand } from "./decode.js";
import { registerFirewallCommand } from "./firewall.js";
import { registerLabCommand } from "./lab.js";

/** Builds the `ss7guard` command tree; one file per command registers itself. */
export function buildProgram(): Command {
  const program = new Command("ss7guard")
    .description("Accountable SS7 signalling: decode, firewall and audit MAP traffic")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError();
  registerDecodeCommand(program);
  registerAnalyzeCommand(program);
  registerFirewallCommand(program);
  registerLabCommand(program);
  registerAuditCommand(program);
  return program;
}

/** Runs the CLI and returns the process exit code (never calls process.exit, so output flushes). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    process.stderr.write(`ss7guard: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
