/**
 * A progress line on stderr while a large capture is read: bytes read (%), messages, messages per second
 * and the time left. Only for a person watching a terminal: piped output, CI runs and small files get a
 * reporter that does nothing. `update` is meant to be called once per chunk read; it stores two numbers and
 * hands them to the bar at most every UPDATE_MS, so it costs a clock read in the hot loop.
 */
import cliProgress from "cli-progress";

/** Files smaller than this are read too quickly for a progress line to help. */
export const MIN_PROGRESS_BYTES = 8 * 1024 * 1024;
/** Redraws per second, and the interval at which `update` passes values on to the bar. */
const FPS = 8;
const UPDATE_MS = Math.round(1000 / FPS);

export interface Progress {
  /** Bytes of the capture read so far and SS7 messages seen so far (both cumulative). Cheap; call per chunk. */
  update(bytesRead: number, messages: number): void;
  /** Writes a line to the stream without tearing the progress line (a warning while reading). */
  log(line: string): void;
  /** Ends the progress line and clears it. Idempotent; must be called (the bar keeps a redraw timer). */
  stop(): void;
  /** False for the no-op reporter. */
  readonly active: boolean;
}

export interface ProgressDecision {
  /** Whether the stream is a terminal (`stream.isTTY`). */
  isTTY: boolean | undefined;
  totalBytes: number;
  env: Readonly<Record<string, string | undefined>>;
}

/** True when CI is set to anything but an empty string, `0` or `false`. */
function inCi(env: ProgressDecision["env"]): boolean {
  const ci = env.CI;
  if (ci === undefined) return false;
  const v = ci.trim().toLowerCase();
  return v !== "" && v !== "0" && v !== "false";
}

/**
 * Whether to show progress: only on a terminal, not under CI, not on a dumb terminal (`TERM=dumb` cannot
 * redraw a line), and only for captures of at least MIN_PROGRESS_BYTES.
 */
export function shouldShowProgress({ isTTY, totalBytes, env }: ProgressDecision): boolean {
  if (isTTY !== true) return false;
  if (inCi(env)) return false;
  if (env.TERM === "dumb") return false;
  return Number.isFinite(totalBytes) && totalBytes >= MIN_PROGRESS_BYTES;
}

function withNewline(line: string): string {
  return line.endsWith("\n") ? line : `${line}\n`;
}

/** The reporter when there is nobody watching: `update` and `stop` do nothing, `log` just writes. */
class NoProgress implements Progress {
  readonly active = false;
  constructor(private readonly stream: NodeJS.WritableStream) {}
  update(): void {}
  log(line: string): void {
    this.stream.write(withNewline(line));
  }
  stop(): void {}
}

export interface CreateProgressOptions {
  /** The environment consulted for CI and TERM (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** A progress reporter for a capture of `totalBytes` on `stream` (default stderr), or a no-op one. */
export function createProgress(
  totalBytes: number,
  stream: NodeJS.WriteStream = process.stderr,
  options: CreateProgressOptions = {},
): Progress {
  const env = options.env ?? process.env;
  if (!shouldShowProgress({ isTTY: stream.isTTY, totalBytes, env })) return new NoProgress(stream);
  return new BarProgress(totalBytes, stream);
}

/** `1.5 MiB`, `219.0 MiB`, `1.20 GiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.max(0, Math.round(bytes))} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** Integer with `,` thousands separators. */
function count(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `ETA 12s`, `ETA 4m05s`, `ETA 1h02m`; `ETA --` before there is a rate. */
function eta(seconds: unknown): string {
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return "ETA --";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `ETA ${s}s`;
  if (s < 3600) return `ETA ${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `ETA ${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

interface Payload {
  messages: number;
}

class BarProgress implements Progress {
  readonly active = true;
  private readonly bar: cliProgress.SingleBar;
  private readonly started = Date.now();
  private next = 0;
  private bytes = 0;
  private messages = 0;
  private stopped = false;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream,
  ) {
    this.bar = new cliProgress.SingleBar({
      stream,
      fps: FPS,
      barsize: 24,
      // Trim to the terminal's width instead of switching line wrapping off: an interrupted run
      // (Ctrl-C) must not leave the terminal without wrapping.
      linewrap: true,
      hideCursor: false,
      gracefulExit: false,
      clearOnComplete: true,
      // Redraw every frame even when unchanged, so a line written by `log` never leaves the bar erased.
      forceRedraw: true,
      etaBuffer: 40,
      etaAsynchronousUpdate: true,
      format: (options, params, payload: Payload) => this.line(options, params, payload),
    });
    this.bar.start(total, 0, { messages: 0 } satisfies Payload);
  }

  private line(options: cliProgress.Options, params: cliProgress.Params, payload: Payload): string {
    const bar = cliProgress.Format.BarFormat(params.progress, options);
    const pct = `${Math.floor(params.progress * 100)}`.padStart(3);
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = elapsed > 0.5 ? payload.messages / elapsed : 0;
    return `reading [${bar}] ${pct}% | ${formatBytes(params.value)} / ${formatBytes(this.total)} | ${count(payload.messages)} msg | ${count(rate)} msg/s | ${eta(params.eta)}`;
  }

  update(bytesRead: number, messages: number): void {
    this.bytes = bytesRead;
    this.messages = messages;
    const now = Date.now();
    if (now < this.next || this.stopped) return;
    this.next = now + UPDATE_MS;
    this.bar.update(bytesRead, { messages } satisfies Payload);
  }

  log(line: string): void {
    if (this.stopped) {
      this.stream.write(withNewline(line));
      return;
    }
    // Clear the progress line and write the message; the bar then redraws below it (forceRedraw).
    this.stream.write(`\r\x1b[2K${withNewline(line)}`);
    this.bar.render();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.bar.update(this.bytes, { messages: this.messages } satisfies Payload);
    this.bar.stop();
  }
}
