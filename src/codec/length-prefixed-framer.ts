import { type CodecLayer, DecodeError } from "./errors.js";

const EMPTY = new Uint8Array(0);
/** Size bound of an owned buffer small chunks are appended to (sized from the chunk that opens it). */
const OWNED_MAX = 16 * 1024;

/** What one protocol's framing looks like (M3UA common header, SMPP command_length …). */
export interface LengthPrefixedFormat {
  /** DecodeError layer of a failure. */
  readonly layer: CodecLayer;
  /** Octets at the front of a message needed to judge it and read its length. */
  readonly prefixLength: number;
  /** "messages", "PDUs": for the buffering-limit error. */
  readonly unitPlural: string;
  /** Chunks shorter than this that continue a partial message are copied into a buffer the framer owns. */
  readonly coalesceBelow: number;
  /** Least size of such an owned buffer. */
  readonly ownedMin: number;
  /**
   * Judges the prefix at `prefix[at, at + prefixLength)` and returns the whole message's length; calls
   * `fail(offsetWithinMessage, reason)` when the message cannot be framed.
   */
  messageLength(
    prefix: Uint8Array,
    at: number,
    maxLength: number,
    fail: (offset: number, reason: string) => never,
  ): number;
}

export interface LengthPrefixedLimits {
  maxLength: number;
  /** Most unconsumed bytes held at once. Default 4 × maxLength. */
  maxBuffered?: number | undefined;
  /** The option names and least value, for the RangeErrors of bad limits. */
  maxLengthName: string;
  minLength: number;
}

/**
 * Cuts messages whose length is announced at their front out of a byte stream (M3UA over TCP, SMPP).
 * Usage: `push(chunk)`, then `next()` (or `pull()`) until it reports no whole message.
 *
 * - Zero copy where possible: pushed chunks are queued by reference and a message lying inside one chunk
 *   is handed out as a view of it. Only a message that straddles chunks is copied (exactly its bytes),
 *   and small chunks continuing a partial message are appended to a buffer the framer owns, so a stream
 *   trickling in byte by byte does not queue a million tiny views.
 * - Frames stay valid after later pushes: the framer never writes over bytes it has handed out. Do not
 *   modify a chunk after pushing it.
 * - Bounded: only unconsumed bytes are kept. A prefix the format rejects fails as soon as it is at the
 *   front of the stream and complete (without waiting for the body it announces), and holding more than
 *   `maxBuffered` unconsumed bytes fails too. Failure is a `DecodeError` whose offset counts bytes from the
 *   start of the stream; the framer then stays failed (a byte stream cannot be resynchronised) until `reset()`.
 */
export class LengthPrefixedFramer {
  readonly maxBuffered: number;
  protected readonly maxLength: number;

  /** After `next()` returned true: the frame is `frameBytes[frameStart, frameEnd)`. */
  frameBytes: Uint8Array = EMPTY;
  frameStart = 0;
  frameEnd = 0;

  /** Queued chunks; `chunks[first]` is read from `offset`, each `chunks[i]` holds data up to `ends[i]`. */
  private chunks: Uint8Array[] = [];
  private ends: number[] = [];
  private first = 0;
  private offset = 0;
  /** The last queued chunk is a buffer allocated here, so its space after `ends[last]` may be written. */
  private lastOwned = false;
  private pendingBytes = 0;
  /** Stream offset of the first unconsumed byte, for error offsets. */
  private streamOffset = 0;
  private failure: DecodeError | null = null;
  /** Stream offset whose prefix `frontLength()` last judged, and the length it announced. */
  private checkedAt = -1;
  private checkedLength = 0;
  private readonly prefix: Uint8Array;
  private readonly failAt = (offset: number, reason: string): never =>
    this.fail(this.streamOffset + offset, reason);

  constructor(
    private readonly format: LengthPrefixedFormat,
    limits: LengthPrefixedLimits,
  ) {
    const max = limits.maxLength;
    if (!Number.isInteger(max) || max < limits.minLength || max > 0xffffffff) {
      throw new RangeError(
        `${limits.maxLengthName} ${max} must be an integer in ${limits.minLength}..2^32-1`,
      );
    }
    this.maxLength = max;
    const maxBuffered = limits.maxBuffered ?? 4 * max;
    if (!Number.isInteger(maxBuffered) || maxBuffered < max) {
      throw new RangeError(`maxBuffered ${maxBuffered} must be an integer ≥ ${limits.maxLengthName}`);
    }
    this.maxBuffered = maxBuffered;
    this.prefix = new Uint8Array(format.prefixLength);
  }

  /** Unconsumed bytes held (a partial message, or whole messages not yet taken). */
  get pending(): number {
    return this.pendingBytes;
  }

  /** Total bytes handed out as frames since construction or `reset()`. */
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
        `${this.pendingBytes + n} unconsumed bytes exceed the ${this.maxBuffered}-byte limit; take ${this.format.unitPlural} as they arrive`,
      );
    }
    const last = this.chunks.length - 1;
    if (this.pendingBytes === 0 || n >= this.format.coalesceBelow) {
      this.chunks.push(chunk);
      this.ends.push(n);
      this.lastOwned = false;
    } else if (this.lastOwned && this.ends[last]! + n <= this.chunks[last]!.length) {
      this.chunks[last]!.set(chunk, this.ends[last]!);
      this.ends[last]! += n;
    } else {
      const owned = new Uint8Array(Math.max(this.format.ownedMin, Math.min(OWNED_MAX, 8 * n)));
      owned.set(chunk, 0);
      this.chunks.push(owned);
      this.ends.push(n);
      this.lastOwned = true;
    }
    this.pendingBytes += n;
    if (this.pendingBytes >= this.format.prefixLength) this.frontLength();
  }

  /**
   * Advances to the next whole message, setting `frameBytes`/`frameStart`/`frameEnd` (no allocation unless
   * the message straddles chunks). Returns false when no whole message is buffered yet.
   */
  next(): boolean {
    if (this.failure) throw this.failure;
    if (this.pendingBytes < this.format.prefixLength) return false;
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
      // The message straddles chunks: gather exactly its bytes.
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

  /** The next whole message as a view (no copy unless it straddled chunks), or null. */
  pull(): Uint8Array | null {
    return this.next() ? this.frameBytes.subarray(this.frameStart, this.frameEnd) : null;
  }

  /**
   * Stops referring to the caller's chunks: copies the unconsumed bytes (at most a partial message, when the
   * caller drains with `next()` before calling this) into a buffer the framer owns. For callers that reuse
   * their read buffers (a capture reader): call it after draining each pushed chunk. Costs one copy of the
   * partial tail, nothing when every message was whole.
   */
  ownPending(): void {
    const n = this.pendingBytes;
    if (n === 0 || (this.lastOwned && this.chunks.length - this.first === 1)) return;
    const owned = new Uint8Array(Math.max(this.format.ownedMin, n));
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
    this.checkedAt = -1;
    this.frameBytes = EMPTY;
    this.frameStart = 0;
    this.frameEnd = 0;
  }

  private dropFirst(): void {
    this.first++;
    this.offset = 0;
    if (this.first === this.chunks.length) {
      // Everything consumed: start over so the arrays do not grow.
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

  /** Judges the prefix at the front of the stream (`prefixLength` octets are buffered); returns the length. */
  private frontLength(): number {
    if (this.checkedAt === this.streamOffset) return this.checkedLength;
    const want = this.format.prefixLength;
    let p = this.chunks[this.first]!;
    let at = this.offset;
    if (this.ends[this.first]! - at < want) {
      // The prefix straddles chunks: gather its octets.
      p = this.prefix;
      let i = this.first;
      let from = this.offset;
      for (let k = 0; k < want; k++) {
        while (from === this.ends[i]!) {
          i++;
          from = 0;
        }
        p[k] = this.chunks[i]![from++]!;
      }
      at = 0;
    }
    const length = this.format.messageLength(p, at, this.maxLength, this.failAt);
    this.checkedAt = this.streamOffset;
    this.checkedLength = length;
    return length;
  }

  private fail(offset: number, reason: string): never {
    this.failure = new DecodeError(this.format.layer, offset, reason);
    throw this.failure;
  }
}
