import { DecodeError } from "../errors.js";
import { TcpFlag } from "./constants.js";

/** Result of `decodeTcpHeader`; reusable like the other header views. */
export class TcpHeader {
  srcPort = 0;
  dstPort = 0;
  sequence = 0;
  acknowledgment = 0;
  /** Header length in bytes (Data Offset × 4). */
  headerLength = 0;
  /** The eight RFC 9293 control bits (CWR … FIN); see `TcpFlag`. */
  flags = 0;
  window = 0;
  checksum = 0;
  urgentPointer = 0;
  /** Options occupy `[optionsStart, payloadStart)`. */
  optionsStart = 0;
  payloadStart = 0;
  payloadEnd = 0;
}

/** Decodes a TCP header (RFC 9293 §3.1) at `bytes[start, end)`; the payload is the rest of `[start, end)`. */
export function decodeTcpHeader(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
  out: TcpHeader = new TcpHeader(),
): TcpHeader {
  if (end - start < 20) throw new DecodeError("tcp", start, "TCP header is truncated");
  const offset = (bytes[start + 12]! >> 4) * 4;
  if (offset < 20) throw new DecodeError("tcp", start + 12, `TCP data offset ${offset} is below 20`);
  if (offset > end - start) throw new DecodeError("tcp", start + 12, "TCP options run past the segment");
  out.srcPort = (bytes[start]! << 8) | bytes[start + 1]!;
  out.dstPort = (bytes[start + 2]! << 8) | bytes[start + 3]!;
  out.sequence = readU32(bytes, start + 4);
  out.acknowledgment = readU32(bytes, start + 8);
  out.headerLength = offset;
  out.flags = bytes[start + 13]!;
  out.window = (bytes[start + 14]! << 8) | bytes[start + 15]!;
  out.checksum = (bytes[start + 16]! << 8) | bytes[start + 17]!;
  out.urgentPointer = (bytes[start + 18]! << 8) | bytes[start + 19]!;
  out.optionsStart = start + 20;
  out.payloadStart = start + offset;
  out.payloadEnd = end;
  return out;
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** A TCP option (RFC 9293 §3.2), offsets into the segment. */
export interface TcpOption {
  readonly kind: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** Lists the options of a decoded header; End of Option List stops the walk, NOPs are skipped. */
export function decodeTcpOptions(bytes: Uint8Array, header: TcpHeader): TcpOption[] {
  const out: TcpOption[] = [];
  let at = header.optionsStart;
  const end = header.payloadStart;
  while (at < end) {
    const kind = bytes[at]!;
    if (kind === 0) break;
    if (kind === 1) {
      at++;
      continue;
    }
    if (end - at < 2) throw new DecodeError("tcp", at, `TCP option ${kind} has no length`);
    const len = bytes[at + 1]!;
    if (len < 2 || len > end - at)
      throw new DecodeError("tcp", at + 1, `TCP option ${kind} length ${len} is invalid`);
    out.push({ kind, valueStart: at + 2, valueEnd: at + len });
    at += len;
  }
  return out;
}

/** Receives in-order stream data from `TcpStreamReassembler.segment()`. */
export interface TcpStreamSink {
  /**
   * `bytes[start, end)` are the next bytes of the flow, starting at sequence number `sequence`.
   * `gap`: bytes before these were never seen. `reassembled`: the bytes come from the out-of-order queue
   * (a copy) rather than the segment just passed in.
   */
  tcpData(
    bytes: Uint8Array,
    start: number,
    end: number,
    sequence: number,
    gap: boolean,
    reassembled: boolean,
  ): void;
}

export interface TcpReassemblyLimits {
  /** Flow directions tracked at once (default 16384); the least recently used is dropped. */
  readonly maxFlows?: number;
  /** Out-of-order bytes buffered for one direction (default 1 MiB); past it the hole is given up. */
  readonly maxBufferedBytesPerFlow?: number;
  /** Out-of-order segments queued for one direction (default 1024); past it the hole is given up. */
  readonly maxQueuedSegmentsPerFlow?: number;
  /** Out-of-order bytes buffered over all flows (default 32 MiB). */
  readonly maxBufferedBytes?: number;
  /** A hole older than this many seconds of packet time is given up (default 10). */
  readonly holeTimeoutSeconds?: number;
  /** A flow direction idle this long (packet time) is forgotten (default 600). */
  readonly idleTimeoutSeconds?: number;
}

export interface TcpReassemblyStats {
  /** Segments (or parts) dropped as already delivered: retransmissions and overlaps. */
  duplicates: number;
  /** Segments queued out of order. */
  outOfOrder: number;
  /** Holes given up (cap or timeout), each reported to the sink with `gap = true`. */
  holesSkipped: number;
  /** Flow directions dropped for the maxFlows limit or idleness. */
  flowsEvicted: number;
  /** Out-of-order segments dropped for the global byte limit. */
  dropped: number;
}

interface QueuedSegment {
  seq: number;
  data: Uint8Array;
}

interface FlowDirection {
  key: string;
  /** Next expected sequence number. */
  next: number;
  /** ISN + 1 when the SYN was seen, else -1. */
  isn: number;
  /** Bytes before `next` were never seen (mid-stream start or a given-up hole) and not yet reported. */
  pendingGap: boolean;
  /** Sequence number just past the FIN, or -1. */
  finSeq: number;
  closed: boolean;
  queue: QueuedSegment[];
  queuedBytes: number;
  holeSince: number;
  lastSeen: number;
}

/** Signed distance a − b in sequence space (RFC 9293 §3.4: arithmetic modulo 2^32). */
function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/**
 * Pure, bounded per-direction TCP stream reassembler. Each call hands in one segment of one flow
 * direction (keyed by a caller-built string) and the reassembler reports the in-order bytes it makes
 * available to a sink: the segment itself when it is the next expected one (no copy), followed by any
 * queued segments it made contiguous. Retransmitted and overlapping bytes are delivered once (the first
 * copy wins). SYN sets the initial sequence number (a new SYN on a known flow restarts it), FIN ends
 * the direction once every byte before it arrived, RST forgets the direction. A capture that starts
 * mid-connection syncs on the first data segment and reports `gap`. Time is packet time; no clock.
 */
export class TcpStreamReassembler {
  readonly stats: TcpReassemblyStats = {
    duplicates: 0,
    outOfOrder: 0,
    holesSkipped: 0,
    flowsEvicted: 0,
    dropped: 0,
  };
  private readonly flows = new Map<string, FlowDirection>();
  private readonly maxFlows: number;
  private readonly maxPerFlow: number;
  private readonly maxSegments: number;
  private readonly maxTotal: number;
  private readonly holeTimeout: number;
  private readonly idleTimeout: number;
  private buffered = 0;

  constructor(limits: TcpReassemblyLimits = {}) {
    this.maxFlows = Math.max(1, limits.maxFlows ?? 16384);
    this.maxPerFlow = limits.maxBufferedBytesPerFlow ?? 1024 * 1024;
    this.maxSegments = Math.max(1, limits.maxQueuedSegmentsPerFlow ?? 1024);
    this.maxTotal = limits.maxBufferedBytes ?? 32 * 1024 * 1024;
    this.holeTimeout = limits.holeTimeoutSeconds ?? 10;
    this.idleTimeout = limits.idleTimeoutSeconds ?? 600;
  }

  get size(): number {
    return this.flows.size;
  }

  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Forgets one flow direction. */
  forget(key: string): void {
    const f = this.flows.get(key);
    if (f) this.remove(f);
  }

  /**
   * Feeds the segment with sequence number `seq`, control bits `flags` and payload `bytes[start, end)`
   * of flow direction `key` at packet time `seconds`.
   */
  segment(
    key: string,
    seq: number,
    flags: number,
    bytes: Uint8Array,
    start: number,
    end: number,
    seconds: number,
    sink: TcpStreamSink,
  ): void {
    let f = this.flows.get(key);
    if (f && seconds - f.lastSeen > this.idleTimeout) {
      this.remove(f);
      this.stats.flowsEvicted++;
      f = undefined;
    }
    if (flags & TcpFlag.rst) {
      if (f) this.remove(f);
      return;
    }
    if (flags & TcpFlag.syn) {
      // RFC 9293 §3.4: the SYN occupies one sequence number; data starts at ISN + 1.
      const isn = (seq + 1) >>> 0;
      if (!f || f.isn !== isn) {
        // A new connection on this 4-tuple (or the first SYN); a retransmitted SYN changes nothing.
        if (f) this.remove(f);
        f = this.create(key, seconds);
        f.next = isn;
        f.isn = isn;
      }
      seq = isn;
    }
    const len = end - start;
    if (!f) {
      if (len === 0 && !(flags & TcpFlag.fin)) return;
      f = this.create(key, seconds);
      // Mid-stream start: sync on this segment and tell the framer it starts without context.
      f.next = seq;
      f.pendingGap = true;
    } else if (seconds - f.lastSeen >= 1) {
      // Keep the Map in least-recently-used order, at one-second granularity to stay cheap.
      this.flows.delete(key);
      this.flows.set(key, f);
      f.lastSeen = seconds;
    }
    if (f.closed) {
      if (len > 0) this.stats.duplicates++;
      return;
    }
    if (flags & TcpFlag.fin) f.finSeq = (seq + len) >>> 0;
    if (len > 0) {
      const d = seqDiff(seq, f.next);
      if (d <= 0) {
        // In order, or starting before `next`: deliver only the new tail.
        const skip = -d;
        if (skip >= len) this.stats.duplicates++;
        else {
          if (skip > 0) this.stats.duplicates++;
          this.deliver(f, bytes, start + skip, end, false, sink);
          // Progress restarts the hole timer of whatever is still queued.
          f.holeSince = seconds;
          this.drain(f, sink);
        }
      } else {
        this.enqueue(f, seq, bytes, start, end, seconds);
        this.stats.outOfOrder++;
      }
      if (f.queue.length > 0 && seconds - f.holeSince > this.holeTimeout) this.skipHole(f, sink, seconds);
      // The segment cap also keeps the sorted insertion (linear in the queue) cheap.
      while (f.queue.length > 0 && (f.queuedBytes > this.maxPerFlow || f.queue.length > this.maxSegments)) {
        this.skipHole(f, sink, seconds);
      }
    }
    if (f.finSeq >= 0 && f.next === f.finSeq && f.queue.length === 0) {
      // RFC 9293 §3.6: every byte before the FIN has arrived; later segments are retransmissions.
      f.closed = true;
      this.buffered -= f.queuedBytes;
      f.queuedBytes = 0;
    }
  }

  private create(key: string, seconds: number): FlowDirection {
    const f: FlowDirection = {
      key,
      next: 0,
      isn: -1,
      pendingGap: false,
      finSeq: -1,
      closed: false,
      queue: [],
      queuedBytes: 0,
      holeSince: seconds,
      lastSeen: seconds,
    };
    // Least recently used first; drop idle or surplus flows from the front.
    for (const old of this.flows.values()) {
      if (this.flows.size < this.maxFlows && seconds - old.lastSeen <= this.idleTimeout) break;
      this.remove(old);
      this.stats.flowsEvicted++;
    }
    this.flows.set(key, f);
    return f;
  }

  private remove(f: FlowDirection): void {
    this.flows.delete(f.key);
    this.buffered -= f.queuedBytes;
    f.queuedBytes = 0;
    f.queue = [];
  }

  private deliver(
    f: FlowDirection,
    bytes: Uint8Array,
    start: number,
    end: number,
    reassembled: boolean,
    sink: TcpStreamSink,
  ): void {
    const seq = f.next;
    f.next = (f.next + (end - start)) >>> 0;
    const gap = f.pendingGap;
    f.pendingGap = false;
    sink.tcpData(bytes, start, end, seq, gap, reassembled);
  }

  /** Delivers queued segments that have become contiguous with `next`. */
  private drain(f: FlowDirection, sink: TcpStreamSink): void {
    const q = f.queue;
    while (q.length > 0) {
      const s = q[0]!;
      const d = seqDiff(s.seq, f.next);
      if (d > 0) break;
      q.shift();
      f.queuedBytes -= s.data.length;
      this.buffered -= s.data.length;
      const skip = -d;
      if (skip >= s.data.length) {
        this.stats.duplicates++;
        continue;
      }
      this.deliver(f, s.data, skip, s.data.length, true, sink);
    }
  }

  private enqueue(
    f: FlowDirection,
    seq: number,
    bytes: Uint8Array,
    start: number,
    end: number,
    seconds: number,
  ): void {
    const q = f.queue;
    // Sorted by distance from `next`; an identical start keeps the first copy unless this one is longer.
    const d = seqDiff(seq, f.next);
    let i = 0;
    while (i < q.length && seqDiff(q[i]!.seq, f.next) < d) i++;
    const len = end - start;
    if (i < q.length && q[i]!.seq === seq) {
      if (q[i]!.data.length >= len) {
        this.stats.duplicates++;
        return;
      }
      const old = q[i]!;
      f.queuedBytes -= old.data.length;
      this.buffered -= old.data.length;
      q.splice(i, 1);
    }
    if (this.buffered + len > this.maxTotal) {
      this.stats.dropped++;
      return;
    }
    if (q.length === 0) f.holeSince = seconds;
    q.splice(i, 0, { seq, data: bytes.slice(start, end) });
    f.queuedBytes += len;
    this.buffered += len;
  }

  /** Gives up the hole before the first queued segment: the stream continues there with a gap. */
  private skipHole(f: FlowDirection, sink: TcpStreamSink, seconds: number): void {
    f.next = f.queue[0]!.seq;
    f.pendingGap = true;
    this.stats.holesSkipped++;
    f.holeSince = seconds;
    this.drain(f, sink);
  }
}
