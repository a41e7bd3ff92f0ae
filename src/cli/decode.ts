import type { Command } from "commander";
import type { DecodeError } from "../codec/errors.js";
import { type StackDecodeProblem, StackDecoder } from "../codec/stack/decoder.js";
import type { Ss7Message } from "../codec/stack/message.js";
import { type Ss7Scan, Ss7Scanner } from "../codec/stack/scan.js";
import { type CaptureProblem, readCapturePayloads } from "./capture-input.js";
import { formatSummaryLine, TSV_HEADER, toJsonRecord, writeTsvLine } from "./format.js";
import { ByteLineWriter, LineWriter } from "./output.js";

export interface DecodeOptions {
  json?: boolean;
  tsv?: boolean;
}

export interface DecodeTotals {
  packets: number;
  messages: number;
  problems: number;
  /** False when the capture ended in the middle of a record or could not be read on. */
  complete: boolean;
}

/**
 * Streams a capture file through reader → payload extractor → stack decoder, calling `onMessage` for each
 * SS7 message and `onProblem` for each undecodable packet, in capture order. Never throws for bad input:
 * a broken capture ends the run with `complete: false`.
 */
export async function decodeCaptureFile(
  path: string,
  onMessage: (m: Ss7Message) => void,
  onProblem: (p: StackDecodeProblem) => void,
): Promise<DecodeTotals> {
  const stack = new StackDecoder();
  const totals: DecodeTotals = { packets: 0, messages: 0, problems: 0, complete: true };
  const problem = (p: CaptureProblem): void => {
    totals.problems++;
    onProblem(p);
  };
  const messages: Ss7Message[] = [];
  const read = await readCapturePayloads(
    path,
    (p) => {
      messages.length = 0;
      stack.decode(p, problem, messages);
      for (const m of messages) {
        totals.messages++;
        onMessage(m);
      }
    },
    problem,
  );
  totals.packets = read.packets;
  totals.complete = read.complete;
  return totals;
}

/**
 * The fast path over a capture file: each message is handed to `onScan` as the reused `Ss7Scan` (point
 * codes, SCCP addresses, TCAP, first component's opcode, IMSI, MSISDN), with no full decode.
 */
export async function scanCaptureFile(
  path: string,
  onScan: (s: Ss7Scan) => void,
  onProblem: (p: CaptureProblem) => void,
): Promise<DecodeTotals> {
  const totals: DecodeTotals = { packets: 0, messages: 0, problems: 0, complete: true };
  const problem = (p: CaptureProblem): void => {
    totals.problems++;
    onProblem(p);
  };
  const scanner = new Ss7Scanner(onScan, (frame: number, e: DecodeError) =>
    problem({ frame, layer: e.layer, offset: e.offset, reason: e.reason }),
  );
  const read = await readCapturePayloads(path, (p) => scanner.payload(p), problem);
  totals.packets = read.packets;
  totals.complete = read.complete;
  totals.messages = scanner.stats.messages;
  return totals;
}

export function registerDecodeCommand(program: Command): void {
  program
    .command("decode")
    .description(
      "print one line per SS7 message (M3UA/M2PA → SCCP → TCAP → MAP) found in a pcap/pcapng capture",
    )
    .argument("<file>", "capture file (pcap or pcapng)")
    .option("--json", "one JSON object per message (full decode)")
    .option(
      "--tsv",
      "fast path: tab-separated frame, OPC, DPC, calling GT, called GT, TCAP type, opcode, IMSI, MSISDN",
    )
    .action(async (file: string, opts: DecodeOptions) => {
      if (opts.json && opts.tsv) throw new Error("choose one of --json and --tsv");
      const onProblem = (p: CaptureProblem): void => {
        process.stderr.write(`frame ${p.frame}: ${p.layer}: ${p.reason} at offset ${p.offset}\n`);
      };
      const out = opts.tsv ? new ByteLineWriter(process.stdout) : new LineWriter(process.stdout);
      // When stdout goes away (`| head`), decoding the rest of the file is wasted: leave the read loop.
      const stopped = new Error("stdout closed");
      let totals: DecodeTotals | undefined;
      try {
        if (out instanceof ByteLineWriter) {
          out.ascii(TSV_HEADER).endLine();
          totals = await scanCaptureFile(
            file,
            (s) => {
              if (!out.open) throw stopped;
              writeTsvLine(out, s);
            },
            onProblem,
          );
        } else {
          totals = await decodeCaptureFile(
            file,
            (m) => {
              if (!out.open) throw stopped;
              out.line(opts.json ? JSON.stringify(toJsonRecord(m)) : formatSummaryLine(m));
            },
            onProblem,
          );
        }
      } catch (e) {
        if (e !== stopped) {
          // Whatever was decoded before the failure still reaches stdout; the failure is then reported.
          await out.close().catch(() => undefined);
          throw e;
        }
      }
      // Rejects with the write error (a full disk); a reader that went away is not an error.
      await out.close();
      if (!totals || !out.open) return;
      const state = totals.complete
        ? ""
        : totals.packets === 0
          ? " (not a readable capture)"
          : " (capture cut short)";
      process.stderr.write(
        `${file}: ${totals.packets} packets, ${totals.messages} SS7 messages, ${totals.problems} undecodable${state}\n`,
      );
      process.exitCode = totals.complete ? 0 : 1;
    });
}
