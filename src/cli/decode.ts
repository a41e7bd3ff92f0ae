import { createReadStream } from "node:fs";
import type { Command } from "commander";
import { type CapturedPacket, CaptureReader, PayloadExtractor } from "../codec/capture/index.js";
import { DecodeError } from "../codec/errors.js";
import { type StackDecodeProblem, StackDecoder } from "../codec/stack/decoder.js";
import { isoTime, type Ss7Message } from "../codec/stack/message.js";
import { formatSummaryLine, toJsonRecord } from "./format.js";
import { LineWriter } from "./output.js";

export interface DecodeOptions {
  json?: boolean;
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
  const reader = new CaptureReader();
  const extractor = new PayloadExtractor();
  const stack = new StackDecoder();
  const totals: DecodeTotals = { packets: 0, messages: 0, problems: 0, complete: true };
  const messages: Ss7Message[] = [];
  const problem = (p: StackDecodeProblem): void => {
    totals.problems++;
    onProblem(p);
  };
  const handle = (packet: CapturedPacket): void => {
    totals.packets++;
    let payloads: ReturnType<PayloadExtractor["extract"]>;
    try {
      payloads = extractor.extract(packet);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      problem({ frame: packet.frameNumber, layer: e.layer, offset: e.offset, reason: e.reason });
      return;
    }
    for (const p of payloads) {
      messages.length = 0;
      stack.decode(p, problem, messages);
      for (const m of messages) {
        totals.messages++;
        onMessage(m);
      }
    }
  };
  const drain = (): boolean => {
    try {
      for (let packet = reader.next(); packet; packet = reader.next()) handle(packet);
      return true;
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      problem({ frame: totals.packets + 1, layer: e.layer, offset: e.offset, reason: e.reason });
      totals.complete = false;
      return false;
    }
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    reader.push(chunk as Buffer);
    if (!drain()) return totals;
  }
  try {
    reader.end();
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    problem({ frame: totals.packets + 1, layer: e.layer, offset: e.offset, reason: e.reason });
    totals.complete = false;
  }
  return totals;
}

export function registerDecodeCommand(program: Command): void {
  program
    .command("decode")
    .description(
      "print one line per SS7 message (M3UA/M2PA → SCCP → TCAP → MAP) found in a pcap/pcapng capture",
    )
    .argument("<file>", "capture file (pcap or pcapng)")
    .option("--json", "one JSON object per message")
    .action(async (file: string, opts: DecodeOptions) => {
      const out = new LineWriter(process.stdout);
      const totals = await decodeCaptureFile(
        file,
        (m) => out.line(opts.json ? JSON.stringify(toJsonRecord(m)) : formatSummaryLine(m)),
        (p) => process.stderr.write(`frame ${p.frame}: ${p.layer}: ${p.reason} at offset ${p.offset}\n`),
      );
      await out.close();
      process.stderr.write(
        `${file}: ${totals.packets} packets, ${totals.messages} SS7 messages, ${totals.problems} undecodable` +
          `${totals.complete ? "" : " (capture cut short)"}\n`,
      );
      process.exitCode = totals.complete ? 0 : 1;
    });
}

export { isoTime };
