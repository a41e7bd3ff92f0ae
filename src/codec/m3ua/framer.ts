import { readU32 } from "../bytes.js";
import { type LengthPrefixedFormat, LengthPrefixedFramer } from "../length-prefixed-framer.js";
import { M3UA_HEADER_LENGTH, M3UA_MAX_MESSAGE_LENGTH, M3UA_VERSION } from "./constants.js";

export interface M3uaFramerOptions {
  /** Largest message accepted; a header announcing more fails the stream. Default `M3UA_MAX_MESSAGE_LENGTH` (1 MiB). */
  maxMessageLength?: number;
  /** Most unconsumed bytes held at once. Default 4 × maxMessageLength. */
  maxBuffered?: number;
}

/** RFC 4666 §3.1: the 8-octet common header (version, reserved, class, type, length of the whole message). */
const M3UA_FRAMING: LengthPrefixedFormat = {
  layer: "m3ua",
  prefixLength: M3UA_HEADER_LENGTH,
  unitPlural: "messages",
  coalesceBelow: 1024,
  ownedMin: 1024,
  messageLength(h, at, max, fail) {
    if (h[at] !== M3UA_VERSION) fail(0, `version ${h[at]}, only version 1 is defined (RFC 4666 §3.1.1)`);
    const length = readU32(h, at + 4);
    if (length < M3UA_HEADER_LENGTH) fail(4, `message length ${length} is shorter than the common header`);
    if (length > max) fail(4, `message length ${length} exceeds the ${max}-byte limit`);
    return length;
  },
};

/**
 * Cuts M3UA messages out of a byte stream (M3UA over TCP, or a reassembled capture) using the length in
 * each common header (RFC 4666 §3.1); see `LengthPrefixedFramer` for the buffering rules. A header with
 * version ≠ 1, a length below 8 or above `maxMessageLength` fails as soon as its 8 octets have arrived.
 */
export class M3uaStreamFramer extends LengthPrefixedFramer {
  constructor(options: M3uaFramerOptions = {}) {
    super(M3UA_FRAMING, {
      maxLength: options.maxMessageLength ?? M3UA_MAX_MESSAGE_LENGTH,
      maxBuffered: options.maxBuffered,
      maxLengthName: "maxMessageLength",
      minLength: M3UA_HEADER_LENGTH,
    });
  }

  get maxMessageLength(): number {
    return this.maxLength;
  }
}
