import { DecodeError } from "../errors.js";
import { SctpChunkType, SctpDataFlag } from "./constants.js";

/** RFC 9260 §3.1 common header length. */
export const SCTP_COMMON_HEADER = 12;
/** RFC 9260 §3.3.1: DATA chunk header (type, flags, length, TSN, stream, SSN, PPID). */
export const SCTP_DATA_HEADER = 16;
/** RFC 8260 §2.1: I-DATA chunk header (type, flags, length, TSN, stream, reserved, MID, PPID/FSN). */
export const SCTP_IDATA_HEADER = 20;

/**
 * A reusable cursor over the chunks of one SCTP packet (RFC 9260 §3). `reset()` reads the common header;
 * each `next()` decodes one chunk header in place, and for DATA / I-DATA also the data fields, so walking
 * a packet allocates nothing. All offsets are absolute into `bytes`.
 */
export class SctpChunkCursor {
  bytes: Uint8Array = new Uint8Array(0);
  srcPort = 0;
  dstPort = 0;
  verificationTag = 0;
  /** The checksum field as stored (CRC-32C, least significant byte first: see `sctpChecksum`). */
  checksum = 0;
  packetStart = 0;
  packetEnd = 0;

  /** Current chunk. */
  type = 0;
  flags = 0;
  /** Chunk Length field (header + value, without padding). */
  length = 0;
  chunkStart = 0;
  /** Offset of the next chunk (after padding). */
  chunkEnd = 0;

  /** DATA / I-DATA fields, valid when `isData`. */
  isData = false;
  tsn = 0;
  stream = 0;
  /** DATA: Stream Sequence Number. I-DATA: Message Identifier. */
  streamSequence = 0;
  /** DATA: PPID. I-DATA: PPID when the B flag is set, else 0 (that field is then the FSN). */
  ppid = 0;
  /** I-DATA: Fragment Sequence Number (0 for the first fragment). DATA: 0. */
  fragmentSequence = 0;
  dataStart = 0;
  dataEnd = 0;

  private at = 0;

  /** Reads the common header of the packet `bytes[start, end)` and positions before its first chunk. */
  reset(bytes: Uint8Array, start = 0, end = bytes.length): this {
    if (end - start < SCTP_COMMON_HEADER)
      throw new DecodeError("sctp", start, "SCTP common header is truncated");
    this.bytes = bytes;
    this.srcPort = (bytes[start]! << 8) | bytes[start + 1]!;
    this.dstPort = (bytes[start + 2]! << 8) | bytes[start + 3]!;
    this.verificationTag = readU32(bytes, start + 4);
    this.checksum = readU32(bytes, start + 8);
    this.packetStart = start;
    this.packetEnd = end;
    this.at = start + SCTP_COMMON_HEADER;
    return this;
  }

  /** Advances to the next chunk; false after the last one. Throws DecodeError for a malformed chunk. */
  next(): boolean {
    const b = this.bytes;
    const at = this.at;
    const end = this.packetEnd;
    if (at >= end) return false;
    if (end - at < 4) throw new DecodeError("sctp", at, "chunk header is truncated");
    const type = b[at]!;
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    if (length < 4) throw new DecodeError("sctp", at + 2, `chunk length ${length} is below 4`);
    if (length > end - at)
      throw new DecodeError("sctp", at + 2, `chunk length ${length} runs past the packet`);
    this.type = type;
    this.flags = b[at + 1]!;
    this.length = length;
    this.chunkStart = at;
    // RFC 9260 §3.2: chunks are padded to 4 bytes; tolerate a missing pad after the last chunk.
    this.chunkEnd = Math.min(end, at + ((length + 3) & ~3));
    this.at = this.chunkEnd;
    if (type === SctpChunkType.data) {
      if (length < SCTP_DATA_HEADER)
        throw new DecodeError("sctp", at + 2, `DATA chunk length ${length} is below 16`);
      this.isData = true;
      this.tsn = readU32(b, at + 4);
      this.stream = (b[at + 8]! << 8) | b[at + 9]!;
      this.streamSequence = (b[at + 10]! << 8) | b[at + 11]!;
      this.ppid = readU32(b, at + 12);
      this.fragmentSequence = 0;
      this.dataStart = at + SCTP_DATA_HEADER;
      this.dataEnd = at + length;
    } else if (type === SctpChunkType.iData) {
      if (length < SCTP_IDATA_HEADER) {
        throw new DecodeError("sctp", at + 2, `I-DATA chunk length ${length} is below 20`);
      }
      this.isData = true;
      this.tsn = readU32(b, at + 4);
      this.stream = (b[at + 8]! << 8) | b[at + 9]!;
      this.streamSequence = readU32(b, at + 12);
      // RFC 8260 §2.1: the last field is the PPID in the first fragment and the FSN in the others.
      const last = readU32(b, at + 16);
      if (this.flags & SctpDataFlag.beginning) {
        this.ppid = last;
        this.fragmentSequence = 0;
      } else {
        this.ppid = 0;
        this.fragmentSequence = last;
      }
      this.dataStart = at + SCTP_IDATA_HEADER;
      this.dataEnd = at + length;
    } else {
      this.isData = false;
    }
    return true;
  }
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** One chunk of a decoded SCTP packet (convenience form; the hot path uses `SctpChunkCursor`). */
export interface SctpChunk {
  readonly type: number;
  readonly flags: number;
  readonly start: number;
  readonly end: number;
  /** DATA / I-DATA only. */
  readonly data?: {
    readonly tsn: number;
    readonly stream: number;
    readonly streamSequence: number;
    readonly ppid: number;
    readonly fragmentSequence: number;
    readonly beginning: boolean;
    readonly ending: boolean;
    readonly unordered: boolean;
    readonly dataStart: number;
    readonly dataEnd: number;
  };
}

export interface SctpPacket {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly verificationTag: number;
  readonly checksum: number;
  readonly chunks: readonly SctpChunk[];
}

/** Decodes an SCTP packet `bytes[start, end)` into its common header and every chunk. */
export function decodeSctpPacket(bytes: Uint8Array, start = 0, end = bytes.length): SctpPacket {
  const c = new SctpChunkCursor().reset(bytes, start, end);
  const chunks: SctpChunk[] = [];
  while (c.next()) {
    chunks.push({
      type: c.type,
      flags: c.flags,
      start: c.chunkStart,
      end: c.chunkEnd,
      ...(c.isData
        ? {
            data: {
              tsn: c.tsn,
              stream: c.stream,
              streamSequence: c.streamSequence,
              ppid: c.ppid,
              fragmentSequence: c.fragmentSequence,
              beginning: (c.flags & SctpDataFlag.beginning) !== 0,
              ending: (c.flags & SctpDataFlag.ending) !== 0,
              unordered: (c.flags & SctpDataFlag.unordered) !== 0,
              dataStart: c.dataStart,
              dataEnd: c.dataEnd,
            },
          }
        : {}),
    });
  }
  return {
    srcPort: c.srcPort,
    dstPort: c.dstPort,
    verificationTag: c.verificationTag,
    checksum: c.checksum,
    chunks,
  };
}

export interface SctpReassemblyLimits {
  /** Fragments buffered at once over all associations (default 4096). */
  readonly maxFragments?: number;
  /** Bytes buffered over all associations (default 8 MiB). */
  readonly maxBytes?: number;
  /** Fragments of one user message (default 128); a longer run is never completed. */
  readonly maxFragmentsPerMessage?: number;
  /** Largest reassembled user message (default 256 KiB). */
  readonly maxMessageBytes?: number;
  /** A fragment waiting longer than this many seconds of packet time is dropped (default 30). */
  readonly timeoutSeconds?: number;
}

export interface SctpReassemblyStats {
  completed: number;
  expired: number;
  evicted: number;
  /** Fragments ignored because the same TSN / FSN was already buffered (retransmissions). */
  duplicates: number;
  /** Runs dropped for exceeding maxFragmentsPerMessage or maxMessageBytes. */
  oversized: number;
}

/** A reassembled SCTP user message. */
export interface SctpMessage {
  readonly bytes: Uint8Array;
  readonly ppid: number;
  /** TSN of the first fragment. */
  readonly tsn: number;
  readonly stream: number;
  readonly streamSequence: number;
  readonly unordered: boolean;
}

interface Fragment {
  readonly seen: number;
  readonly flags: number;
  readonly stream: number;
  readonly streamSequence: number;
  readonly ppid: number;
  readonly tsn: number;
  readonly data: Uint8Array;
  /** Where it is stored: its sequence and its index there (TSN or FSN). */
  readonly runKey: string;
  readonly index: number;
}

/**
 * Pure, bounded reassembler of fragmented SCTP user messages (RFC 9260 §6.9, RFC 8260 §2.1).
 *
 * DATA: the fragments of one message carry consecutive TSNs, the first with B, the last with E, all on
 * the same stream with the same SSN; fragments are stored per association direction by TSN, and a
 * message completes when an unbroken B…E run exists (TSN arithmetic is modulo 2^32). I-DATA: fragments
 * of one message share stream, U flag and MID and are numbered by FSN from 0 (the B fragment); messages
 * may interleave, so the run is looked up by (association, stream, U, MID, FSN).
 * Time is the packet timestamp passed in; there is no clock.
 */
export class SctpMessageReassembler {
  readonly stats: SctpReassemblyStats = { completed: 0, expired: 0, evicted: 0, duplicates: 0, oversized: 0 };
  /** Fragments per sequence (association direction for DATA, message for I-DATA), by index. */
  private readonly sequences = new Map<string, Map<number, Fragment>>();
  /** Every stored fragment, oldest first (for expiry and eviction). */
  private readonly order = new Set<Fragment>();
  private readonly maxFragments: number;
  private readonly maxBytes: number;
  private readonly maxRun: number;
  private readonly maxMessage: number;
  private readonly timeout: number;
  private bytes = 0;

  constructor(limits: SctpReassemblyLimits = {}) {
    this.maxFragments = Math.max(2, limits.maxFragments ?? 4096);
    this.maxBytes = limits.maxBytes ?? 8 * 1024 * 1024;
    this.maxRun = Math.max(2, limits.maxFragmentsPerMessage ?? 128);
    this.maxMessage = limits.maxMessageBytes ?? 256 * 1024;
    this.timeout = limits.timeoutSeconds ?? 30;
  }

  /** Fragments buffered. */
  get size(): number {
    return this.order.size;
  }

  get bufferedBytes(): number {
    return this.bytes;
  }

  /**
   * Adds the fragment at the cursor's current DATA / I-DATA chunk (it must not have both B and E set).
   * `association` identifies the association direction. Returns the message when this fragment
   * completes it.
   */
  add(association: string, c: SctpChunkCursor, seconds: number): SctpMessage | undefined {
    this.expire(seconds);
    const iData = c.type === SctpChunkType.iData;
    const flags = c.flags;
    const unordered = (flags & SctpDataFlag.unordered) !== 0;
    // Sequence: what every fragment of the message shares; index: TSN (DATA) or FSN (I-DATA).
    const runKey = iData
      ? `${association}|${c.stream}|${unordered ? 1 : 0}|${c.streamSequence}`
      : association;
    const index = iData ? c.fragmentSequence : c.tsn;
    const run = this.sequences.get(runKey);
    if (run?.has(index)) {
      this.stats.duplicates++;
      return undefined;
    }
    const dataLength = c.dataEnd - c.dataStart;
    if (dataLength > this.maxMessage) {
      this.stats.oversized++;
      return undefined;
    }
    const frag: Fragment = {
      seen: seconds,
      flags,
      stream: c.stream,
      streamSequence: c.streamSequence,
      ppid: c.ppid,
      tsn: c.tsn,
      data: c.bytes.slice(c.dataStart, c.dataEnd),
      runKey,
      index,
    };
    // Find the run around this fragment: back to a B fragment, forward to an E fragment.
    let first = index;
    let total = dataLength;
    let count = 1;
    let complete = (flags & SctpDataFlag.beginning) !== 0;
    let firstFrag = frag;
    while (run && !complete && count < this.maxRun) {
      if (iData && first === 0) break; // FSN 0 must be the B fragment.
      const prev = run.get((first - 1) >>> 0);
      if (!prev || !sameMessage(prev, frag, iData) || prev.flags & SctpDataFlag.ending) break;
      first = (first - 1) >>> 0;
      total += prev.data.length;
      count++;
      firstFrag = prev;
      complete = (prev.flags & SctpDataFlag.beginning) !== 0;
    }
    const haveBeginning = complete;
    let last = index;
    complete = (flags & SctpDataFlag.ending) !== 0;
    while (run && haveBeginning && !complete && count < this.maxRun) {
      const nextFrag = run.get((last + 1) >>> 0);
      if (!nextFrag || !sameMessage(nextFrag, frag, iData) || nextFrag.flags & SctpDataFlag.beginning) break;
      last = (last + 1) >>> 0;
      total += nextFrag.data.length;
      count++;
      complete = (nextFrag.flags & SctpDataFlag.ending) !== 0;
    }
    if (haveBeginning && complete) {
      if (total > this.maxMessage) {
        this.removeRun(run, first, count);
        this.stats.oversized++;
        return undefined;
      }
      const out = new Uint8Array(total);
      let at = 0;
      for (let i = 0, idx = first; i < count; i++, idx = (idx + 1) >>> 0) {
        const f = idx === index ? frag : run!.get(idx)!;
        out.set(f.data, at);
        at += f.data.length;
      }
      this.removeRun(run, first, count);
      this.stats.completed++;
      return {
        bytes: out,
        ppid: firstFrag.ppid,
        tsn: firstFrag.tsn,
        stream: firstFrag.stream,
        streamSequence: firstFrag.streamSequence,
        unordered,
      };
    }
    if (count >= this.maxRun) {
      // A run this long can never complete within the limit: drop what we have of it.
      this.removeRun(run, first, count);
      this.stats.oversized++;
      return undefined;
    }
    while (this.order.size >= this.maxFragments || this.bytes + frag.data.length > this.maxBytes) {
      if (!this.dropOldest()) break;
    }
    let target = this.sequences.get(runKey);
    if (!target) {
      target = new Map();
      this.sequences.set(runKey, target);
    }
    target.set(index, frag);
    this.order.add(frag);
    this.bytes += frag.data.length;
    return undefined;
  }

  /** Drops fragments older than the timeout at packet time `seconds`. */
  expire(seconds: number): void {
    for (const f of this.order) {
      if (seconds - f.seen <= this.timeout) break;
      this.remove(f);
      this.stats.expired++;
    }
  }

  private dropOldest(): boolean {
    for (const f of this.order) {
      this.remove(f);
      this.stats.evicted++;
      return true;
    }
    return false;
  }

  private remove(f: Fragment): void {
    this.order.delete(f);
    this.bytes -= f.data.length;
    const run = this.sequences.get(f.runKey);
    if (!run) return;
    run.delete(f.index);
    if (run.size === 0) this.sequences.delete(f.runKey);
  }

  /** Removes the stored fragments `first … first + count - 1` of `run` (the new one is not stored). */
  private removeRun(run: Map<number, Fragment> | undefined, first: number, count: number): void {
    if (!run) return;
    for (let i = 0, idx = first; i < count; i++, idx = (idx + 1) >>> 0) {
      const f = run.get(idx);
      if (f) this.remove(f);
    }
  }
}

function sameMessage(a: Fragment, b: Fragment, iData: boolean): boolean {
  if (a.stream !== b.stream) return false;
  if ((a.flags & SctpDataFlag.unordered) !== (b.flags & SctpDataFlag.unordered)) return false;
  // RFC 9260 §6.9: ordered fragments share the SSN; unordered ones carry an SSN the receiver ignores.
  if (!iData && !(a.flags & SctpDataFlag.unordered) && a.streamSequence !== b.streamSequence) return false;
  return true;
}
