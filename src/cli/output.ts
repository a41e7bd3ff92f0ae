import type { Writable } from "node:stream";

/**
 * Batches output lines into large writes and honours back-pressure, so printing a million lines costs
 * a few hundred write calls, and `ss7guard decode big.pcap | head` ends quietly when the pipe closes.
 */
export class LineWriter {
  private buf: string[] = [];
  private size = 0;
  private closed = false;
  private waiting: Promise<void> | undefined;

  constructor(
    private readonly stream: Writable,
    private readonly batchBytes = 1 << 16,
  ) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") this.closed = true;
      else throw e;
    });
  }

  line(s: string): void {
    if (this.closed) return;
    this.buf.push(s);
    this.size += s.length + 1;
    if (this.size >= this.batchBytes) this.flush();
  }

  private flush(): void {
    if (this.buf.length === 0 || this.closed) return;
    const text = `${this.buf.join("\n")}\n`;
    this.buf = [];
    this.size = 0;
    if (!this.stream.write(text) && !this.waiting) {
      this.waiting = new Promise((resolve) => this.stream.once("drain", resolve)).then(() => {
        this.waiting = undefined;
      });
    }
  }

  /** Resolves when the stream can take more (callers that produce fast may await it between chunks). */
  async ready(): Promise<void> {
    if (this.waiting) await this.waiting;
  }

  async close(): Promise<void> {
    this.flush();
    if (this.waiting) await this.waiting;
  }
}
