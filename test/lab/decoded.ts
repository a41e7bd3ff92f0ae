/** Test helpers: lab traffic written to a real pcap and read back through the decoder, as the firewall sees it. */
import { writeFileSync } from "node:fs";
import { decodeCaptureFile } from "../../src/cli/decode.js";
import type { Ss7Component, Ss7Message } from "../../src/codec/stack/message.js";
import { LabCaptureWriter } from "../../src/lab/capture.js";
import { HOME } from "../../src/lab/network.js";
import type { LabMessage } from "../../src/lab/traffic.js";

/** Writes `messages` as a pcap at `path` (one message per frame). */
export function writeLabCapture(path: string, messages: Iterable<LabMessage>): void {
  const writer = new LabCaptureWriter();
  for (const m of messages) writer.add(m);
  writeFileSync(path, Buffer.concat(writer.takeChunks()));
}

/** Every message of a capture, decoded; throws on any undecodable packet. */
export async function decodeFile(path: string): Promise<Ss7Message[]> {
  const out: Ss7Message[] = [];
  const problems: string[] = [];
  await decodeCaptureFile(
    path,
    (m) => out.push(m),
    (p) => problems.push(`frame ${p.frame}: ${p.layer}: ${p.reason}`),
  );
  if (problems.length > 0) throw new Error(`undecodable: ${problems.slice(0, 5).join("; ")}`);
  return out;
}

export function first(m: Ss7Message): Ss7Component {
  return m.components[0]!;
}

export function isInvoke(m: Ss7Message): boolean {
  return first(m).type === "invoke";
}

/** Capture time in ns (a double, like the lab's own clock). */
export function timeNs(m: Ss7Message): number {
  return m.seconds * 1e9 + m.nanoseconds;
}

export function callingGt(m: Ss7Message): string {
  return m.sccp.calling.gt ?? "";
}

export function calledGt(m: Ss7Message): string {
  return m.sccp.called.gt ?? "";
}

/** The home subscriber index an IMSI or MSISDN names, or undefined for a foreign subscriber. */
export function homeIndex(ids: { imsi?: string; msisdn?: string }): number | undefined {
  const home = `${HOME.mcc}${HOME.mnc}`;
  if (ids.imsi?.startsWith(home)) return Number(ids.imsi.slice(home.length));
  if (ids.msisdn?.startsWith(HOME.msisdnPrefix)) return Number(ids.msisdn.slice(HOME.msisdnPrefix.length));
  return undefined;
}

/** `value.a.b.c` of a decoded argument/result, or undefined. */
export function dig(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}
