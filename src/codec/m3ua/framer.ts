import { readU32 } from "../bytes.js";
import { DecodeError } from "../errors.js";
import { M3UA_HEADER_LENGTH, M3UA_MAX_MESSAGE_LENGTH, M3UA_VERSION } from "./constants.js";

const EMPTY = new Uint8Array(0);
/** Chunks shorter than this that continue a partial message are copied into a shared owned buffer. */
const COALESCE_BELOW = 1024;
/** Size bounds of an owned buffer small chunks are appended to (sized from the chunk that opens it). */
const OWNED_MIN = 1024;
const OWNED_MAX = 16 * 1024;

export interface M3uaFramerOptions {
  /** Largest message accepted; a header announcing more fails the stream. Default `M3UA_MAX_MESSAGE_LENGTH` (1 MiB). */
  maxMessageLength?: number;
  /** Most unconsumed bytes held at once. Default 4 × maxMessageLength. */
  maxBuffered?: number;
}

/**
 * Cuts M3UA messages out of a byte stream (M3UA over TCP, or a reassembled capture) using the length in
 * each common header (RFC 4666 §3.1). Usage: `push(chunk)`, then `next()` (or `pull()`) until it reports
 * no whole message.
 *
 * - Zero copy where possible: pushed chunks are queued by reference and a message lying inside one chunk
 *   is handed out as a view of it. Only a message that straddles chunks is copied (exactly its bytes),
 *   and small chunks continuing a partial message are appended to a buffer the framer owns, so a stream
 *   trickling in byte by byte does not queue a million tiny views.
 * - Frames stay valid after later pushes: the framer never writes over bytes it has handed out. Do not
 *   modify a chunk after pushing it.
 * - Bounded: only unconsumed bytes are kept. A header with version ≠ 1, a length below 8 or above
 *   `maxMessageLength` fails as soon as it is at the front of the stream and its 8 octets have arrived, and
 *   holding more than `maxBuffered` unconsumed bytes fails too. Failure is a `DecodeError` whose offset
 *   counts bytes from the start of the stream; the framer then stays failed (a byte stream cannot be
 *   resynchronised) until `reset()`.
 */
export class M3uaStreamFramer {
  readonly maxMessageLength: number;
  readonly maxBuffered: number;

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
  /** Stream offset whose header `headLength()` last validated, and the length it announced. */
  private checkedAt = -1;
  private checkedLength = 0;
  private readonly header = new Uint8Array(M3UA_HEADER_LENGTH);

  constructor(options: M3uaFramerOptions = {}) {
    const max = options.maxMessageLength ?? M3UA_MAX_MESSAGE_LENGTH;
    if (!Number.isInteger(max) || max < M3UA_HEADER_LENGTH || max > 0xffffffff) {
      throw new RangeError(`maxMessageLength ${max} must be an integer in 8..2^32-1`);
    }
    this.maxMessageLength = max;
    const maxBuffered = options.maxBuffered ?? 4 * max;
    if (!Number.isInteger(maxBuffered) || maxBuffered < max) {
      throw new RangeError(`maxBuffered ${maxBuffered} must be an integer ≥ maxMessageLength`);
    }
    this.maxBuffered = maxBuffered;
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
        `${this.pendingBytes + n} unconsumed bytes exceed the ${this.maxBuffered}-byte limit; take messages as they arrive`,
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
    if (this.pendingBytes >= M3UA_HEADER_LENGTH) this.headLength();
  }

  /**
   * Advances to the next whole message, setting `frameBytes`/`frameStart`/`frameEnd` (no allocation unless
   * the message straddles chunks). Returns false when no whole message is buffered yet.
   */
  next(): boolean {
    if (this.failure) throw this.failure;
    if (this.pendingBytes < M3UA_HEADER_LENGTH) return false;
    const length = this.headLength();
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

  /**
   * Stops referring to the caller's chunks: copies the unconsumed bytes (at most a partial message, when the
   * caller drains with `next()` before calling this) into a buffer the framer owns. For callers that reuse
   * their read buffers (a capture reader): call it after draining each pushed chunk. Costs one copy of the
   * partial tail, nothing when every message was whole.
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

  /** The next whole message as a view (no copy unless it straddled chunks), or null. */
  pull(): Uint8Array | null {
    return this.next() ? this.frameBytes.subarray(this.frameStart, this.frameEnd) : null;
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

  /** Validates the common header at the front of the stream (8 octets are buffered) and returns its length. */
  private headLength(): number {
    if (this.checkedAt === this.streamOffset) return this.checkedLength;
    let h = this.chunks[this.first]!;
    let at = this.offset;
    if (this.ends[this.first]! - at < M3UA_HEADER_LENGTH) {
      // The header straddles chunks: gather its 8 octets.
      h = this.header;
      let i = this.first;
      let from = this.offset;
      for (let k = 0; k < M3UA_HEADER_LENGTH; k++) {
        while (from === this.ends[i]!) {
          i++;
          from = 0;
        }
        h[k] = this.chunks[i]![from++]!;
      }
      at = 0;
    }
    if (h[at] !== M3UA_VERSION) {
      this.fail(this.streamOffset, `version ${h[at]}, only version 1 is defined (RFC 4666 §3.1.1)`);
    }
    const length = readU32(h, at + 4);
    if (length < M3UA_HEADER_LENGTH) {
      this.fail(this.streamOffset + 4, `message length ${length} is shorter than the common header`);
    }
    if (length > this.maxMessageLength) {
      this.fail(
        this.streamOffset + 4,
        `message length ${length} exceeds the ${this.maxMessageLength}-byte limit`,
      );
    }
    this.checkedAt = this.streamOffset;
    this.checkedLength = length;
    return length;
  }

  private fail(offset: number, reason: string): never {
    this.failure = new DecodeError("m3ua", offset, reason);
    throw this.failure;
  }
}
