import type { Writable } from "node:stream";

/**
 * Batches output lines into large writes and honours back-pressure, so printing a million lines costs
 * a few hundred write calls, and `ss7guard decode big.pcap | head` ends quietly when the pipe closes.
 */
export class LineWriter {
  private buf: string[] = [];
  private size = 0;
  private readonly state: OutputState;
  private waiting: Promise<void> | undefined;

  constructor(
    private readonly stream: Writable,
    private readonly batchBytes = 1 << 16,
  ) {
    this.state = new OutputState(stream);
  }

  /** False once the stream has gone away (the reader closed the pipe, or a write failed): stop producing. */
  get open(): boolean {
    return !this.state.closed;
  }

  line(s: string): void {
    if (this.state.closed) return;
    this.buf.push(s);
    this.size += s.length + 1;
    if (this.size >= this.batchBytes) this.flush();
  }

  private flush(): void {
    if (this.buf.length === 0 || this.state.closed) return;
    const text = `${this.buf.join("\n")}\n`;
    this.buf = [];
    this.size = 0;
    if (!this.stream.write(text) && !this.waiting) {
      this.waiting = this.state.drained().then(() => {
        this.waiting = undefined;
      });
    }
  }

  /** Resolves when the stream can take more (callers that produce fast may await it between chunks). */
  async ready(): Promise<void> {
    if (this.waiting) await this.waiting;
  }

  /** Flushes and waits for the stream; rejects with the write error if writing failed (EPIPE is not a failure). */
  async close(): Promise<void> {
    this.flush();
    if (this.waiting) await this.waiting;
    this.state.check();
  }
}

/**
 * Watches a stream for the errors that end output. EPIPE (the reader went away: `| head`) ends it quietly;
 * any other error (a full disk) is kept for `check()`. Either way a pending drain wait is released: a closed
 * pipe never drains, and waiting for it would leave the process hanging on an unsettled promise.
 */
class OutputState {
  closed = false;
  private failure: Error | undefined;
  private release: (() => void) | undefined;

  constructor(private readonly stream: Writable) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      this.closed = true;
      if (e.code !== "EPIPE") this.failure ??= e;
      this.release?.();
    });
  }

  /** Resolves at the stream's next 'drain', or as soon as it fails. */
  drained(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.release = undefined;
        this.stream.off("drain", done);
        resolve();
      };
      this.release = done;
      this.stream.once("drain", done);
    });
  }

  /** Throws the write error, if writing failed. */
  check(): void {
    if (this.failure) throw this.failure;
  }
}

const HEX_ASCII = Uint8Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const TBCD_ASCII = Uint8Array.from("0123456789*#abc?", (c) => c.charCodeAt(0));

/**
 * Writes ASCII lines straight into a byte buffer (numbers as digits, strings copied), handing full buffers
 * to the stream: no per-line strings, no joins, little garbage. For the high-volume `decode --tsv` output.
 */
export class ByteLineWriter {
  private buf: Buffer;
  private len = 0;
  private readonly state: OutputState;
  private waiting: Promise<void> | undefined;

  constructor(
    private readonly stream: Writable,
    private readonly size = 1 << 20,
  ) {
    this.buf = Buffer.allocUnsafe(size);
    this.state = new OutputState(stream);
  }

  /** False once the stream has gone away (the reader closed the pipe, or a write failed): stop producing. */
  get open(): boolean {
    return !this.state.closed;
  }

  /** Non-negative integer as decimal digits (negative numbers get a '-' first). */
  int(n: number): this {
    if (n < 0) {
      this.buf[this.len++] = 0x2d;
      n = -n;
    }
    if (n < 10) {
      this.buf[this.len++] = 0x30 + n;
      return this;
    }
    let digits = 0;
    for (let v = n; v > 0; v = Math.floor(v / 10)) digits++;
    let at = this.len + digits;
    this.len = at;
    for (let v = n; v > 0; v = Math.floor(v / 10)) this.buf[--at] = 0x30 + (v % 10);
    return this;
  }

  /** An ASCII string (digits, names). A loop beats Buffer.write's call overhead for strings this short. */
  ascii(s: string): this {
    const buf = this.buf;
    let at = this.len;
    for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i) & 0x7f;
    this.len = at;
    return this;
  }

  /**
   * Q.713 §3.4.2.3.1 address signals straight from the message bytes: low nibble first, hex for the
   * non-decimal nibbles (as `decodeBcdDigits`); with `odd`, the last high nibble is filler.
   */
  bcd(bytes: Uint8Array, start: number, end: number, odd: boolean): this {
    const buf = this.buf;
    let at = this.len;
    const full = odd ? end - 1 : end;
    for (let i = start; i < full; i++) {
      const b = bytes[i]!;
      buf[at++] = HEX_ASCII[b & 0x0f]!;
      buf[at++] = HEX_ASCII[b >> 4]!;
    }
    if (odd && end > start) buf[at++] = HEX_ASCII[bytes[end - 1]! & 0x0f]!;
    this.len = at;
    return this;
  }

  /** TS 29.002 TBCD-STRING digits straight from the message bytes, stopping at the 0xF filler (as `decodeTbcd`). */
  tbcd(bytes: Uint8Array, start: number, end: number): this {
    const buf = this.buf;
    let at = this.len;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if ((b & 0x0f) === 0x0f) break;
      buf[at++] = TBCD_ASCII[b & 0x0f]!;
      if (b >> 4 === 0x0f) break;
      buf[at++] = TBCD_ASCII[b >> 4]!;
    }
    this.len = at;
    return this;
  }

  tab(): this {
    this.buf[this.len++] = 0x09;
    return this;
  }

  /** Ends the line; flushes when less than a line's worth of room is left. */
  endLine(): void {
    this.buf[this.len++] = 0x0a;
    if (this.len > this.size - 1024) this.flush();
  }

  private flush(): void {
    if (this.len === 0 || this.state.closed) {
      this.len = 0;
      return;
    }
    // The stream keeps the buffer until written, so the next lines go into a fresh one.
    const full = this.buf.subarray(0, this.len);
    this.buf = Buffer.allocUnsafe(this.size);
    this.len = 0;
    if (!this.stream.write(full) && !this.waiting) {
      this.waiting = this.state.drained().then(() => {
        this.waiting = undefined;
      });
    }
  }

  /** Flushes and waits for the stream; rejects with the write error if writing failed (EPIPE is not a failure). */
  async close(): Promise<void> {
    this.flush();
    if (this.waiting) await this.waiting;
    this.state.check();
  }
}
