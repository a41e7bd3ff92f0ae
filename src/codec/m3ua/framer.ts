import { readU32 } from "../bytes.js";
import { DecodeError } from "../errors.js";
import { M3UA_HEADER_LENGTH, M3UA_MAX_MESSAGE_LENGTH, M3UA_VERSION } from "./constants.js";

const EMPTY = new Uint8Array(0);
const MIN_OWNED_CAPACITY = 4096;

export interface M3uaFramerOptions {
  /** Largest message accepted; a header announcing more fails the stream. Default `M3UA_MAX_MESSAGE_LENGTH` (1 MiB). */
  maxMessageLength?: number;
  /** Most unconsumed bytes held at once. Default 4 × maxMessageLength. */
  maxBuffered?: number;
}

/**
 * Cuts M3UA messages out of a byte stream (M3UA over TCP, or a reassembled capture), using the length in
 * each common header (RFC 4666 §3.1). Usage: `push(chunk)`, then `pull()` (or `next()`) until it reports
 * no whole message.
 *
 * - Zero copy where possible: a chunk pushed while nothing is pending is kept by reference, and frames are
 *   views into it. Only a message split across chunks is copied, into a buffer the framer owns.
 * - Frames stay valid after later pushes: the framer never writes over bytes it has handed out (it appends
 *   past the pending tail or moves the tail to a fresh buffer). Do not modify a chunk after pushing it.
 * - Bounded: only the unconsumed tail is kept; a header with version ≠ 1, a length below 8 or above
 *   `maxMessageLength` fails as soon as its 8 octets arrive, and holding more than `maxBuffered`
 *   unconsumed bytes fails too. Failure is a `DecodeError` whose offset counts bytes from the start of the
 *   stream; the framer then stays failed (a byte stream cannot be resynchronised) until `reset()`.
 */
export class M3uaStreamFramer {
  readonly maxMessageLength: number;
  readonly maxBuffered: number;

  /** After `next()` returned true: the frame is `frameBytes[frameStart, frameEnd)`. */
  frameBytes: Uint8Array = EMPTY;
  frameStart = 0;
  frameEnd = 0;

  private buf: Uint8Array = EMPTY;
  private head = 0;
  private tail = 0;
  /** True when `buf` was allocated here, so space after `tail` may be written. */
  private owned = false;
  /** Stream offset of `buf[head]`, for error offsets. */
  private streamOffset = 0;
  private failure: DecodeError | null = null;

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

  /** Unconsumed bytes held (a partial message, or whole messages not yet pulled). */
  get pending(): number {
    return this.tail - this.head;
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
    const pending = this.tail - this.head;
    if (pending + n > this.maxBuffered) {
      this.fail(
        this.streamOffset,
        `${pending + n} unconsumed bytes exceed the ${this.maxBuffered}-byte limit; pull messages as they arrive`,
      );
    }
    if (pending === 0) {
      this.buf = chunk;
      this.head = 0;
      this.tail = n;
      this.owned = false;
    } else if (this.owned && this.tail + n <= this.buf.length) {
      this.buf.set(chunk, this.tail);
      this.tail += n;
    } else {
      const need = pending + n;
      const capacity = Math.min(Math.max(MIN_OWNED_CAPACITY, 2 * need), Math.max(need, this.maxBuffered));
      const next = new Uint8Array(capacity);
      next.set(this.buf.subarray(this.head, this.tail), 0);
      next.set(chunk, pending);
      this.buf = next;
      this.head = 0;
      this.tail = need;
      this.owned = true;
    }
    if (this.tail - this.head >= M3UA_HEADER_LENGTH) this.headLength();
  }

  /**
   * Advances to the next whole message, setting `frameBytes`/`frameStart`/`frameEnd` (no allocation).
   * Returns false when no whole message is buffered yet.
   */
  next(): boolean {
    if (this.failure) throw this.failure;
    const available = this.tail - this.head;
    if (available < M3UA_HEADER_LENGTH) return false;
    const length = this.headLength();
    if (available < length) return false;
    this.frameBytes = this.buf;
    this.frameStart = this.head;
    this.frameEnd = this.head + length;
    this.head += length;
    this.streamOffset += length;
    if (this.head === this.tail) {
      // Drop the reference so a consumed chunk can be collected once the caller lets go of its frames.
      this.buf = EMPTY;
      this.head = 0;
      this.tail = 0;
      this.owned = false;
    }
    return true;
  }

  /** The next whole message as a view (no copy) over the pushed bytes, or null. */
  pull(): Uint8Array | null {
    return this.next() ? this.frameBytes.subarray(this.frameStart, this.frameEnd) : null;
  }

  /** Forgets everything buffered and any failure (e.g. after reconnecting). */
  reset(): void {
    this.buf = EMPTY;
    this.head = 0;
    this.tail = 0;
    this.owned = false;
    this.streamOffset = 0;
    this.failure = null;
    this.frameBytes = EMPTY;
    this.frameStart = 0;
    this.frameEnd = 0;
  }

  /** Validates the common header at `head` (8 octets are buffered) and returns the message length. */
  private headLength(): number {
    const b = this.buf;
    const h = this.head;
    if (b[h] !== M3UA_VERSION) {
      this.fail(this.streamOffset, `version ${b[h]}, only version 1 is defined (RFC 4666 §3.1.1)`);
    }
    const length = readU32(b, h + 4);
    if (length < M3UA_HEADER_LENGTH) {
      this.fail(this.streamOffset + 4, `message length ${length} is shorter than the common header`);
    }
    if (length > this.maxMessageLength) {
      this.fail(
        this.streamOffset + 4,
        `message length ${length} exceeds the ${this.maxMessageLength}-byte limit`,
      );
    }
    return length;
  }

  private fail(offset: number, reason: string): never {
    this.failure = new DecodeError("m3ua", offset, reason);
    throw this.failure;
  }
}
