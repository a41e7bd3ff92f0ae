/**
 * Shared by the capture tests: tshark / editcap as an independent oracle, temp files, and small
 * builders for pcapng blocks the writer does not produce (obsolete Packet Block, NRB, ISB, custom).
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

function available(tool: string): boolean {
  try {
    execFileSync(tool, ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Whether tshark and editcap can be used (CI installs them; skip the oracle tests otherwise). */
export const haveTshark = available("tshark") && available("editcap");

let dir: string | undefined;

/** A per-process temporary directory, removed at exit. */
export function tempDir(): string {
  if (!dir) {
    mkdirSync(tmpdir(), { recursive: true });
    dir = mkdtempSync(join(tmpdir(), "ss7guard-capture-"));
    const d = dir;
    process.on("exit", () => rmSync(d, { recursive: true, force: true }));
  }
  return dir;
}

export function writeTemp(name: string, bytes: Uint8Array): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

export function readTemp(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/**
 * Runs `tshark -r file -T fields` with the given fields (plus `extra` arguments) and returns one row of
 * field values per frame.
 */
export async function tsharkFields(
  file: string,
  fields: readonly string[],
  extra: readonly string[] = [],
): Promise<string[][]> {
  const args = ["-r", file, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"];
  for (const f of fields) args.push("-e", f);
  args.push(...extra);
  const { stdout } = await run("tshark", args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => l.split("\t"));
}

/** Runs a tshark command and returns its standard output. */
export async function tshark(args: readonly string[]): Promise<string> {
  const { stdout } = await run("tshark", [...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Runs editcap (e.g. `-F pcapng in out`). */
export async function editcap(args: readonly string[]): Promise<void> {
  await run("editcap", [...args]);
}

/** `frame.time_epoch` text of seconds + nanoseconds as tshark prints it (9 decimals). */
export function epochText(seconds: number, nanoseconds: number): string {
  return `${seconds}.${String(nanoseconds).padStart(9, "0")}`;
}

/** Byte-order aware little writer for hand-made pcapng block bodies. */
export class BodyWriter {
  private readonly parts: number[] = [];
  constructor(private readonly le: boolean) {}
  u8(v: number): this {
    this.parts.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    if (this.le) this.parts.push(v & 0xff, (v >>> 8) & 0xff);
    else this.parts.push((v >>> 8) & 0xff, v & 0xff);
    return this;
  }
  u32(v: number): this {
    if (this.le) this.parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
    else this.parts.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
    return this;
  }
  bytes(b: Uint8Array): this {
    for (const x of b) this.parts.push(x);
    return this;
  }
  pad(): this {
    while (this.parts.length % 4) this.parts.push(0);
    return this;
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Concatenates byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A small deterministic PRNG for test data (xorshift32). */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/** Random bytes of the given length from `next`. */
export function randomBytes(next: () => number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = next() & 0xff;
  return out;
}
