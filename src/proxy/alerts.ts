/**
 * Where the inline firewall's alerts go: a JSON-lines file (or stdout), a ring buffer of the latest ones for
 * the management API, and optionally a webhook that receives them in batches (a JSON array per POST).
 *
 * `write()` is called from the proxy's socket callbacks, so it never blocks and never throws: the file is
 * an append stream whose backlog is bounded (past it lines are dropped and counted), and webhook delivery
 * happens in the background from a bounded queue (past it the oldest alerts are dropped and counted). One
 * POST is in flight at a time, so the receiver sees alerts in order; a failed POST is retried with
 * exponential backoff, then its alerts are counted as failed and delivery moves on.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import type { FirewallAlert } from "./pipeline.js";

export interface AlertSinkOptions {
  /** JSON-lines file to append to, or "-" for stdout. Omitted: no file. */
  file?: string;
  /** URL that receives POSTs of JSON arrays of alerts. Omitted: no webhook. */
  webhook?: string;
  /** Alerts kept for `recent()` (default 1000). */
  recent?: number;
  /** Most alerts per POST (default 100). */
  batchSize?: number;
  /** A partial batch is sent this long after its first alert arrived (default 1000 ms). */
  flushIntervalMs?: number;
  /** Time limit of one POST, connection to response (default 5000 ms). */
  timeoutMs?: number;
  /** Alerts waiting for the webhook; past it the oldest are dropped (default 10,000). */
  maxQueue?: number;
  /** Further attempts after a POST fails (default 3). */
  retries?: number;
  /** Wait before the first retry, doubled for each further one (default 500 ms). */
  backoffMs?: number;
  /** Bytes the file stream may hold unwritten; past it lines are dropped (default 8 MiB). */
  maxFileBacklog?: number;
  /** Told about delivery problems (file errors, webhook batches given up); never about every alert. */
  onError?: (message: string) => void;
}

/** Counts of alerts (not of POSTs), since the sink was created. */
export interface AlertSinkCounters {
  /** Alerts handed to `write()`. */
  written: number;
  /** Lines not written to the file: its stream failed, or its backlog was full. */
  fileDropped: number;
  /** Alerts delivered to the webhook (a 2xx answer to the POST that carried them). */
  webhookSent: number;
  /** Alerts whose POST failed on every attempt. */
  webhookFailed: number;
  /** Alerts dropped from a full webhook queue (the oldest go first). */
  webhookDropped: number;
  /** POST attempts that failed (network error, timeout, non-2xx), retries included. */
  webhookErrors: number;
}

export class AlertSink {
  readonly counters: AlertSinkCounters = {
    written: 0,
    fileDropped: 0,
    webhookSent: 0,
    webhookFailed: 0,
    webhookDropped: 0,
    webhookErrors: 0,
  };
  private readonly ring: (FirewallAlert | undefined)[];
  private ringNext = 0;
  private ringSize = 0;
  private readonly stream: WriteStream | NodeJS.WriteStream | undefined;
  private streamFailed = false;
  private fileEnded = false;
  private readonly ownsStream: boolean;
  private readonly webhook: string | undefined;
  private queue: FirewallAlert[] = [];
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly maxQueue: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxFileBacklog: number;
  private readonly onError: (message: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;
  /** Ends a backoff wait early (on close). */
  private wake: (() => void) | undefined;
  private closing = false;
  private closed: Promise<void> | undefined;

  constructor(options: AlertSinkOptions = {}) {
    const size = options.recent ?? 1000;
    if (!Number.isInteger(size) || size < 1) throw new RangeError("recent: a positive integer");
    this.ring = new Array(size);
    this.webhook = options.webhook;
    this.batchSize = options.batchSize ?? 100;
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxQueue = options.maxQueue ?? 10_000;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 500;
    this.maxFileBacklog = options.maxFileBacklog ?? 8 * 1024 * 1024;
    this.onError = options.onError ?? (() => {});
    if (options.file === "-") {
      this.stream = process.stdout;
      this.ownsStream = false;
    } else if (options.file !== undefined) {
      this.stream = createWriteStream(options.file, { flags: "a" });
      this.ownsStream = true;
    } else {
      this.ownsStream = false;
    }
    // Without a listener a stream error would be thrown at the process.
    this.stream?.on("error", this.streamError);
  }

  /** Records one alert: file line, ring buffer, webhook queue. Never throws, never waits. */
  write(alert: FirewallAlert): void {
    this.counters.written++;
    this.ring[this.ringNext] = alert;
    this.ringNext = (this.ringNext + 1) % this.ring.length;
    if (this.ringSize < this.ring.length) this.ringSize++;
    if (this.stream) this.writeLine(alert);
    if (this.webhook !== undefined && !this.closing) {
      this.queue.push(alert);
      if (this.queue.length > this.maxQueue) {
        const excess = this.queue.length - this.maxQueue;
        this.queue.splice(0, excess);
        this.counters.webhookDropped += excess;
      }
      this.schedule();
    }
  }

  /** The latest alerts, newest first, at most `limit` (and at most the ring's size). */
  recent(limit = this.ring.length): FirewallAlert[] {
    const n = Math.max(0, Math.min(Math.floor(limit), this.ringSize));
    const out: FirewallAlert[] = [];
    for (let i = 1; i <= n; i++)
      out.push(this.ring[(this.ringNext - i + this.ring.length) % this.ring.length]!);
    return out;
  }

  /** Alerts waiting for the webhook (not counting a batch in flight or waiting to be retried). */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * Stops taking webhook alerts, sends what is queued (a batch waiting for its retry is tried at once; after
   * a failure during close the rest is counted as failed rather than waiting on a dead webhook), and closes
   * the file. Resolves when done; never rejects.
   */
  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.wake?.();
    if (this.sending) await this.sending;
    if (this.queue.length > 0) {
      this.sending = this.sendLoop(true);
      await this.sending;
    }
    const stream = this.stream;
    this.fileEnded = true;
    if (stream && this.ownsStream && !this.streamFailed) {
      await new Promise<void>((resolve) => {
        (stream as WriteStream).end(() => resolve());
      });
    }
    // Ours keeps its listener (a late error must not reach the process); stdout outlives the sink.
    if (!this.ownsStream) this.stream?.off("error", this.streamError);
  }

  private readonly streamError = (e: Error): void => {
    if (this.streamFailed) return;
    this.streamFailed = true;
    this.onError(`alert file: ${e.message}`);
  };

  private writeLine(alert: FirewallAlert): void {
    const stream = this.stream!;
    if (this.streamFailed || stream.writableLength > this.maxFileBacklog || this.fileEnded) {
      this.counters.fileDropped++;
      return;
    }
    try {
      stream.write(`${JSON.stringify(alert)}\n`);
    } catch (e) {
      // A destroyed stream throws on some Node versions instead of emitting.
      this.counters.fileDropped++;
      this.streamError(e as Error);
    }
  }

  /** Starts a send now (a full batch) or arms the batch timer (a partial one). */
  private schedule(): void {
    if (this.sending) return;
    if (this.queue.length >= this.batchSize) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.startSending(false);
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.sending) this.startSending(true);
      }, this.flushIntervalMs);
    }
  }

  private startSending(flushPartial: boolean): void {
    this.sending = this.sendLoop(flushPartial).finally(() => {
      this.sending = undefined;
      // Alerts that came in while the last batch was out.
      if (!this.closing && this.queue.length > 0) this.schedule();
    });
  }

  /**
   * Sends full batches while there are any, plus one partial batch when the batch timer started the loop
   * (or everything when closing). What is left waits for the next timer.
   */
  private async sendLoop(flushPartial: boolean): Promise<void> {
    let gaveUp = false;
    while (this.queue.length > 0) {
      if (!this.closing && !flushPartial && this.queue.length < this.batchSize) break;
      const batch = this.queue.splice(0, this.batchSize);
      if (batch.length < this.batchSize) flushPartial = false;
      if (gaveUp) {
        this.counters.webhookFailed += batch.length;
        continue;
      }
      if (!(await this.deliver(batch)) && this.closing) gaveUp = true;
    }
  }

  /** One batch with its retries. True when delivered. */
  private async deliver(batch: FirewallAlert[]): Promise<boolean> {
    const body = JSON.stringify(batch);
    let lastError = "";
    let triedWhileClosing = false;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (this.closing) {
        if (triedWhileClosing) break;
        triedWhileClosing = true;
      } else if (attempt > 0) {
        await this.sleep(this.backoffMs * 2 ** (attempt - 1));
        if (this.closing) triedWhileClosing = true;
      }
      try {
        await this.post(body);
        this.counters.webhookSent += batch.length;
        return true;
      } catch (e) {
        this.counters.webhookErrors++;
        // fetch says only "fetch failed"; the cause names the socket error (ECONNREFUSED …).
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        lastError = `${(e as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ""}`;
      }
    }
    this.counters.webhookFailed += batch.length;
    this.onError(`alert webhook: ${batch.length} alert(s) not delivered: ${lastError}`);
    return false;
  }

  private async post(body: string): Promise<void> {
    const res = await fetch(this.webhook!, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // Read the answer so the connection can be reused.
    await res.arrayBuffer().catch(() => undefined);
    if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status}`);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        this.wake = undefined;
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
