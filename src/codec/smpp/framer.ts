import { DecodeError } from "../errors.js";
import { SMPP_HEADER_LENGTH, SMPP_MAX_PDU_LENGTH } from "./constants.js";

const EMPTY = new Uint8Array(0);
/** Chunks shorter than this that continue a partial PDU are copied into a buffer the framer owns. */
const COALESCE_BELOW = 512;
/** Size bounds of such an owned buffer (sized from the chunk that opens it). */
const OWNED_MIN = 512;
const OWNED_MAX = 16 * 1024;

export interface SmppFramerOptions {
  /** Largest PDU accepted; a command_length announcing more fails the stream. Default 64 KiB. */
  maxPduLength?: number;
  /** Most unconsumed bytes held at once. Default 4 × maxPduLength. */
  maxBuffered?: number;
}

/**
 * Cuts SMPP PDUs out of a TCP byte stream by the command_length that starts each one (§3.2: the length
 * of the whole PDU, header included). Usage: `push(chunk)`, then `next()` (or `pull()`) until it reports no
 * whole PDU, and decode each frame with `decodeSmppPdu(frameBytes, frameStart, frameEnd)`.
 *
 * - Zero copy where possible: chunks are queued by reference and a PDU lying inside one chunk is handed
 *   out as a view of it. Only a PDU straddling chunks is copied (exactly its bytes); small chunks that
 *   continue a partial PDU are appended to a buffer the framer owns, so a peer trickling bytes one at a
 *   time does not queue thousands of tiny views.
 * - Frames stay valid after later pushes: the framer never writes over bytes it handed out. Do not modify
 *   a chunk after pushing it.
 * - Bounded: only unconsumed bytes are kept. A command_length below 16 or above `maxPduLength` fails as
 *   soon as its 4 octets are at the front of the stream (without waiting for the body it announces), and
 *   holding more than `maxBuffered` unconsumed bytes fails too. A failure is a `DecodeError` whose offset
 *   counts bytes from the start of the stream; the framer then stays failed (a byte stream cannot be
 *   resynchronised: answer generic_nack ESME_RINVCMDLEN and close) until `reset()`.
 */
export class SmppStreamFramer {
  readonly maxPduLength: number;
  readonly maxBuffered: number;

  /** After `next()` returned true: the PDU is `frameBytes[frameStart, frameEnd)`. */
  frameBytes: Uint8Array = EMPTY;
  frameStart = 0;
  frameEnd = 0;

  /** Queued chunks; `chunks[first]` is read from `offset`; chunk i holds data up to `ends[i]`. */
  private chunks: Uint8Array[] = [];
  private ends: number[] = [];
  private first = 0;
  private offset = 0;
  /** The last queued chunk is a buffer allocated here, so its space after its end may be written. */
  private lastOwned = false;
  private pendingBytes = 0;
  /** Stream offset of the first unconsumed byte. */
  private streamOffset = 0;
  private failure: DecodeError | null = null;
  /** Stream offset whose command_length was last read, and its value. */
  private lengthAt = -1;
  private length = 0;

  constructor(options: SmppFramerOptions = {}) {
    const max = options.maxPduLength ?? SMPP_MAX_PDU_LENGTH;
    if (!Number.isInteger(max) || max < SMPP_HEADER_LENGTH || max > 0xffffffff) {
      throw new RangeError(`maxPduLength ${max} must be an integer in 16..2^32-1`);
    }
    this.maxPduLength = max;
    const maxBuffered = options.maxBuffered ?? 4 * max;
    if (!Number.isInteger(maxBuffered) || maxBuffered < max) {
      throw new RangeError(`maxBuffered ${maxBuffered} must be an integer ≥ maxPduLength`);
    }
    this.maxBuffered = maxBuffered;
  }

  /** Unconsumed bytes held (a partial PDU, or whole PDUs not taken yet). */
  get pending(): number {
    return this.pendingBytes;
  }

  /** Bytes handed out as frames since construction or `reset()`. */
  get consumed(): number {
    return this.streamOffset;
  }

  /** Appends `chunk` to the stream. Throws `DecodeError` if the stream is (or becomes) invalid. */
  push(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    const n = chunk.length;
    if (n === 0) return;
    if (this.pendingBytes + n > this.maxBuffered) {
      this.fail(
        this.streamOffset,
        `${this.pendingBytes + n} unconsumed bytes exceed the ${this.maxBuffered}-byte limit; take PDUs as they arrive`,
      );
    }
    const last = this.chunks.length - 1;
    if (this.pendingBytes === 0 || n >= COALESCE_BELOW) {
      this.chunks.push(chunk);
      this.ends.push(n);
      this.lastOwned = false;
    } else if (this.lastOwned && this.ends[last]! + n <= this.chunks[last]!.length) {
      this.chunks[last]!.set(chunk, this.ends[last]!);
      this.ends[last]! += n;
    } else {
      const owned = new Uint8Array(Math.max(OWNED_MIN, Math.min(OWNED_MAX, 8 * n)));
      owned.set(chunk, 0);
      this.chunks.push(owned);
      this.ends.push(n);
      this.lastOwned = true;
    }
    this.pendingBytes += n;
    if (this.pendingBytes >= 4) this.frontLength();
  }

  /**
   * Advances to the next whole PDU, setting `frameBytes`/`frameStart`/`frameEnd` (no allocation unless the
   * PDU straddles chunks). Returns false when no whole PDU is buffered yet.
   */
  next(): boolean {
    if (this.failure) throw this.failure;
    if (this.pendingBytes < 4) return false;
    const length = this.frontLength();
    if (this.pendingBytes < length) return false;
    const chunk = this.chunks[this.first]!;
    const end = this.ends[this.first]!;
    if (end - this.offset >= length) {
      this.frameBytes = chunk;
      this.frameStart = this.offset;
      this.frameEnd = this.offset + length;
      this.offset += length;
      if (this.offset === end) this.dropFirst();
    } else {
      const frame = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        const c = this.chunks[this.first]!;
        const e = this.ends[this.first]!;
        const take = Math.min(e - this.offset, length - filled);
        frame.set(c.subarray(this.offset, this.offset + take), filled);
        filled += take;
        this.offset += take;
        if (this.offset === e) this.dropFirst();
      }
      this.frameBytes = frame;
      this.frameStart = 0;
      this.frameEnd = length;
    }
    this.pendingBytes -= length;
    this.streamOffset += length;
    return true;
  }

  /** The next whole PDU as a view (no copy unless it straddled chunks), or null. */
  pull(): Uint8Array | null {
    return this.next() ? this.frameBytes.subarray(this.frameStart, this.frameEnd) : null;
  }

  /**
   * Stops referring to the caller's chunks by copying the unconsumed bytes (at most a partial PDU when the
   * caller drains with `next()` first) into a buffer the framer owns: for callers that reuse read buffers.
   */
  ownPending(): void {
    const n = this.pendingBytes;
    if (n === 0 || (this.lastOwned && this.chunks.length - this.first === 1)) return;
    const owned = new Uint8Array(Math.max(OWNED_MIN, n));
    let filled = 0;
    for (let i = this.first; i < this.chunks.length; i++) {
      const from = i === this.first ? this.offset : 0;
      owned.set(this.chunks[i]!.subarray(from, this.ends[i]!), filled);
      filled += this.ends[i]! - from;
    }
    this.chunks = [owned];
    this.ends = [n];
    this.first = 0;
    this.offset = 0;
    this.lastOwned = true;
  }

  /** Forgets everything buffered and any failure (e.g. after reconnecting). */
  reset(): void {
    this.chunks = [];
    this.ends = [];
    this.first = 0;
    this.offset = 0;
    this.lastOwned = false;
    this.pendingBytes = 0;
    this.streamOffset = 0;
    this.failure = null;
    this.lengthAt = -1;
    this.frameBytes = EMPTY;
    this.frameStart = 0;
    this.frameEnd = 0;
  }

  private dropFirst(): void {
    this.first++;
    this.offset = 0;
    if (this.first === this.chunks.length) {
      this.chunks.length = 0;
      this.ends.length = 0;
      this.first = 0;
      this.lastOwned = false;
    } else if (this.first >= 64 && this.first * 2 >= this.chunks.length) {
      this.chunks.splice(0, this.first);
      this.ends.splice(0, this.first);
      this.first = 0;
    }
  }

  /** Reads and judges the command_length at the front of the stream (4 octets are buffered). */
  private frontLength(): number {
    if (this.lengthAt === this.streamOffset) return this.length;
    let v = 0;
    let i = this.first;
    let at = this.offset;
    for (let k = 0; k < 4; k++) {
      while (at === this.ends[i]!) {
        i++;
        at = 0;
      }
      v = v * 256 + this.chunks[i]![at++]!;
    }
    if (v < SMPP_HEADER_LENGTH) {
      this.fail(this.streamOffset, `command_length ${v} is shorter than the 16-octet header`);
    }
    if (v > this.maxPduLength) {
      this.fail(this.streamOffset, `command_length ${v} exceeds the ${this.maxPduLength}-octet limit`);
    }
    this.lengthAt = this.streamOffset;
    this.length = v;
    return v;
  }

  private fail(offset: number, reason: string): never {
    this.failure = new DecodeError("smpp", offset, reason);
    throw this.failure;
  }
}
