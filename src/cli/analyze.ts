import { readFile, stat, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import type { DecodeError } from "../codec/errors.js";
import { Ss7Scanner } from "../codec/stack/scan.js";
import { Analysis } from "../firewall/analysis.js";
import { FirewallEngine } from "../firewall/engine.js";
import { parsePolicy } from "../firewall/policy.js";
import type { AnalysisJson } from "../firewall/report.js";
import { renderHtml, renderSummary } from "./analyze-render.js";
import { readCapturePayloads } from "./capture-input.js";
import { createProgress } from "./progress.js";

interface AnalyzeOptions {
  policy: string;
  json?: boolean;
  html?: string;
}

/**
 * Runs every message of a capture through the firewall engine in capture order and returns the analysis.
 * Undecodable messages and unreadable capture parts are counted and listed, never fatal; a capture cut
 * short is analysed as far as it goes (`skipped.truncated`).
 */
export async function analyzeCapture(
  file: string,
  policyFile: string,
  onProgress?: (bytesRead: number, messages: number) => void,
): Promise<AnalysisJson> {
  const policy = parsePolicy(await readFile(policyFile, "utf8"), policyFile);
  const engine = new FirewallEngine(policy);
  const analysis = new Analysis(engine);
  const scanner = new Ss7Scanner(
    (s) => analysis.record(engine.inspect(s), s.seconds, s.nanoseconds),
    (frame: number, e: DecodeError) =>
      analysis.problem({ frame, layer: e.layer, offset: e.offset, message: e.reason }),
  );
  const read = await readCapturePayloads(
    file,
    (p) => scanner.payload(p),
    (p) => analysis.problem({ frame: p.frame, layer: p.layer, offset: p.offset, message: p.reason }),
    onProgress ? (bytes) => onProgress(bytes, analysis.messages) : undefined,
  );
  return analysis.toJson({ file, policy: policyFile, frames: read.packets, truncated: !read.complete });
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command("analyze")
    .description(
      "run a capture through the firewall engine: verdicts, incidents, attribution of every origin",
    )
    .argument("<file>", "capture file (pcap or pcapng)")
    .requiredOption("--policy <file>", "firewall policy (YAML)")
    .option("--json", "print the analysis as one JSON document instead of the summary")
    .option("--html <file>", "also write a self-contained HTML report")
    .action(async (file: string, opts: AnalyzeOptions) => {
      const size = (await stat(file)).size;
      const progress = createProgress(size, process.stderr);
      let report: AnalysisJson;
      try {
        report = await analyzeCapture(file, opts.policy, (bytes, messages) =>
          progress.update(bytes, messages),
        );
      } finally {
        progress.stop();
      }
      if (opts.html) await writeFile(opts.html, renderHtml(report));
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderSummary(report));
      if (report.skipped.truncated) process.exitCode = 1;
    });
}
