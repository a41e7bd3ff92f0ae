/**
 * A rolling pcap of the MSUs the inline firewall did not forward, for an analyst to open in Wireshark or
 * feed back to `ss7guard analyze`.
 *
 * Each M3UA message becomes one Ethernet/IPv4/SCTP packet with one DATA chunk (PPID 3, ports 2905). The
 * addresses only say which way the MSU was going, since the proxy's real peers sit on two different
 * associations: inbound (from the interconnect) is 10.0.0.1 → 10.0.0.2, outbound (from the core) is
 * 10.0.0.2 → 10.0.0.1. Each direction numbers its own TSNs and stream sequence numbers, so the SCTP layer
 * looks like one association.
 *
 * The file is plain pcap (nanosecond timestamps), which has nowhere to put why a packet was blocked, so a
 * JSON-lines index sits next to it: `FILE.index.jsonl`, one line per packet,
 * `{"frame":1,"time":"…","direction":"inbound","reason":"category-1"}`, where `frame` is the packet's frame
 * number in that file (as tshark counts, from 1).
 *
 * Rotation: a packet that would take FILE past `maxBytes` goes into a fresh FILE instead, after FILE → FILE.1
 * → … → FILE.(files-1) (the oldest is deleted; each index moves with its pcap, FILE.1.index.jsonl …). A file
 * therefore never exceeds `maxBytes` unless a single packet does not fit in an empty one. A FILE left by an
 * earlier run is rotated away on open, not appended to.
 *
 * Writes are buffered (at most `bufferBytes`, then written synchronously, and at least every `flushMs`), so
 * memory is bounded and a crash loses at most one buffer. A write error disables the capture (counted and
 * reported once through `onError`); `add()` never throws.
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { PacketBuilder, PcapWriter, SctpPpid } from "../codec/capture/index.js";
import type { MsuDirection } from "./pipeline.js";

export const FORENSIC_INBOUND = { src: "10.0.0.1", dst: "10.0.0.2" } as const;
export const FORENSIC_OUTBOUND = { src: "10.0.0.2", dst: "10.0.0.1" } as const;

const M3UA_PORT = 2905;
/** pcap file header (draft-ietf-opsawg-pcap §4). */
const PCAP_HEADER_BYTES = 24;
/** pcap record header. */
const RECORD_HEADER_BYTES = 16;
/** Ethernet 14 + IPv4 20 + SCTP common header 12 + DATA chunk header 16. */
const FRAME_OVERHEAD = 62;

export interface ForensicCaptureOptions {
  /** The pcap file; rotated copies are FILE.1 … */
  file: string;
  /** Largest size of one pcap file (default 100 MB). */
  maxBytes?: number;
  /** Files kept, FILE included (default 5). */
  files?: number;
  /** Bytes buffered before a write (default 64 KiB). */
  bufferBytes?: number;
  /** Buffered packets are written at least this often (default 1000 ms). */
  flushMs?: number;
  onError?: (message: string) => void;
}

export interface ForensicCounters {
  /** Packets written (or buffered to be). */
  packets: number;
  /** Packets not written because the capture failed. */
  dropped: number;
  /** Rotations, moving an earlier run's FILE aside at open included. */
  rotations: number;
}

export interface ForensicIndexEntry {
  frame: number;
  time: string;
  direction: MsuDirection;
  reason: string;
}

interface DirectionState {
  tsn: number;
  ssn: number;
}

/** The name of the `n`th rotated copy of `file` (0: the file itself). */
export function rotatedName(file: string, n: number): string {
  return n === 0 ? file : `${file}.${n}`;
}

/** The index that goes with a pcap file. */
export function indexName(pcapFile: string): string {
  return `${pcapFile}.index.jsonl`;
}

export class ForensicCapture {
  readonly counters: ForensicCounters = { packets: 0, dropped: 0, rotations: 0 };
  private readonly file: string;
  private readonly maxBytes: number;
  private readonly files: number;
  private readonly bufferBytes: number;
  private readonly onError: (message: string) => void;
  private readonly builder = new PacketBuilder();
  private pcap = new PcapWriter({ nanoseconds: true });
  private pcapFd = -1;
  private indexFd = -1;
  /** Bytes of the current file, written and buffered. */
  private size = 0;
  private buffered = 0;
  private indexLines: string[] = [];
  private frame = 0;
  private failed = false;
  private closed = false;
  private readonly inbound: DirectionState = { tsn: 1, ssn: 0 };
  private readonly outbound: DirectionState = { tsn: 1, ssn: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(options: ForensicCaptureOptions) {
    this.file = options.file;
    this.maxBytes = options.maxBytes ?? 100_000_000;
    this.files = options.files ?? 5;
    this.bufferBytes = options.bufferBytes ?? 64 * 1024;
    this.onError = options.onError ?? (() => {});
    if (!Number.isInteger(this.files) || this.files < 1) throw new RangeError("files: at least 1");
    if (!(this.maxBytes > PCAP_HEADER_BYTES)) throw new RangeError("maxBytes: more than a pcap header");
    // Opening errors (a missing directory, no permission) are the operator's to see at start-up.
    if (existsSync(this.file) && statSync(this.file).size > 0) this.rotate();
    this.open();
    this.timer = setInterval(() => this.flush(), options.flushMs ?? 1000);
    this.timer.unref();
  }

  /**
   * Adds the M3UA message `bytes[start, end)` seen at `timeMs` (ms since the epoch) going `direction`,
   * blocked for `reason`. Never throws.
   */
  add(
    bytes: Uint8Array,
    start: number,
    end: number,
    direction: MsuDirection,
    reason: string,
    timeMs: number,
  ): void {
    if (this.failed || this.closed) {
      this.counters.dropped++;
      return;
    }
    try {
      const length = end - start;
      const record = RECORD_HEADER_BYTES + FRAME_OVERHEAD + ((length + 3) & ~3);
      if (this.frame > 0 && this.size + record > this.maxBytes) {
        this.flush();
        this.closeFiles();
        this.rotate();
        this.open();
      }
      const addresses = direction === "inbound" ? FORENSIC_INBOUND : FORENSIC_OUTBOUND;
      const state = direction === "inbound" ? this.inbound : this.outbound;
      const frame = this.builder.sctp({
        srcIp: addresses.src,
        dstIp: addresses.dst,
        srcPort: M3UA_PORT,
        dstPort: M3UA_PORT,
        verificationTag: direction === "inbound" ? 0x55470001 : 0x55470002,
        chunks: [
          {
            tsn: state.tsn,
            stream: 1,
            ssn: state.ssn,
            ppid: SctpPpid.m3ua,
            data: start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end),
          },
        ],
      });
      state.tsn = (state.tsn + 1) >>> 0;
      state.ssn = (state.ssn + 1) & 0xffff;
      const ms = Math.max(0, timeMs);
      const seconds = Math.floor(ms / 1000);
      const nanoseconds = Math.min(999_999_999, Math.round((ms - seconds * 1000) * 1e6));
      this.pcap.writePacket(seconds, nanoseconds, frame);
      this.frame++;
      const entry: ForensicIndexEntry = {
        frame: this.frame,
        time: new Date(ms).toISOString(),
        direction,
        reason,
      };
      this.indexLines.push(JSON.stringify(entry));
      const written = RECORD_HEADER_BYTES + frame.length;
      this.size += written;
      this.buffered += written;
      this.counters.packets++;
      if (this.buffered >= this.bufferBytes) this.flush();
    } catch (e) {
      this.fail(e as Error);
    }
  }

  /** Frames in the current file. */
  get frames(): number {
    return this.frame;
  }

  /** Writes what is buffered. Never throws. */
  flush(): void {
    if (this.failed || this.pcapFd < 0) return;
    try {
      for (const chunk of this.pcap.takeChunks()) writeAll(this.pcapFd, chunk);
      if (this.indexLines.length > 0) {
        writeAll(this.indexFd, Buffer.from(`${this.indexLines.join("\n")}\n`));
        this.indexLines = [];
      }
      this.buffered = 0;
    } catch (e) {
      this.fail(e as Error);
    }
  }

  /** Flushes and closes the files. Later `add()`s are counted as dropped. */
  close(): void {
    if (this.closed) return;
    clearInterval(this.timer);
    this.flush();
    this.closeFiles();
    this.closed = true;
  }

  private open(): void {
    this.pcapFd = openSync(this.file, "w");
    this.indexFd = openSync(indexName(this.file), "w");
    this.pcap = new PcapWriter({ nanoseconds: true, chunkSize: Math.min(this.bufferBytes * 2, 1 << 20) });
    this.size = PCAP_HEADER_BYTES;
    this.buffered = PCAP_HEADER_BYTES;
    this.frame = 0;
    this.indexLines = [];
  }

  private closeFiles(): void {
    for (const fd of [this.pcapFd, this.indexFd]) {
      if (fd >= 0) {
        try {
          closeSync(fd);
        } catch {
          // Already gone; nothing left to lose.
        }
      }
    }
    this.pcapFd = -1;
    this.indexFd = -1;
  }

  /** FILE → FILE.1 → … ; the copy past `files - 1` is deleted (with `files` 1, FILE itself). */
  private rotate(): void {
    const last = rotatedName(this.file, this.files - 1);
    rmSync(last, { force: true });
    rmSync(indexName(last), { force: true });
    for (let n = this.files - 2; n >= 0; n--) {
      const from = rotatedName(this.file, n);
      const to = rotatedName(this.file, n + 1);
      if (existsSync(from)) renameSync(from, to);
      if (existsSync(indexName(from))) renameSync(indexName(from), indexName(to));
    }
    this.counters.rotations++;
  }

  private fail(e: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.counters.dropped++;
    this.closeFiles();
    this.onError(`forensic capture ${this.file}: ${e.message}; capture stopped`);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
}
