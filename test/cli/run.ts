/** Runs the real CLI (`node bin/ss7guard.js …`, cwd = repository root) as a child process, for the CLI tests. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";

export const root = join(import.meta.dirname, "..", "..");
export const bin = join(root, "bin", "ss7guard.js");

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns `command args…` in the repository root and collects everything it prints. */
export function run(command: string, args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.once("error", reject);
    child.once("close", (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}

/** `ss7guard args…` with the node running the tests. */
export function ss7guard(...args: string[]): Promise<CliRun> {
  return run(process.execPath, [bin, ...args]);
}

/** Lines of `text` without the final newline's empty tail. */
export function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

/** A user-facing error: no JavaScript stack frames, no Node internals, no unhandled-error banner. */
export function assertNoStackTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at .+(:\d+:\d+\)?|\(native\))$/m, `a stack trace on stderr:\n${stderr}`);
  assert.doesNotMatch(
    stderr,
    /node:internal|Unhandled|Node\.js v\d+/,
    `Node's crash output on stderr:\n${stderr}`,
  );
}
