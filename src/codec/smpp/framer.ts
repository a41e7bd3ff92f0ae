import { type LengthPrefixedFormat, LengthPrefixedFramer } from "../length-prefixed-framer.js";
import { SMPP_HEADER_LENGTH, SMPP_MAX_PDU_LENGTH } from "./constants.js";

export interface SmppFramerOptions {
  /** Largest PDU accepted; a command_length announcing more fails the stream. Default 64 KiB. */
  maxPduLength?: number;
  /** Most unconsumed bytes held at once. Default 4 × maxPduLength. */
  maxBuffered?: number;
}

/** SMPP 3.4 §3.2: every PDU starts with command_length, the length of the whole PDU, header included. */
const SMPP_FRAMING: LengthPrefixedFormat = {
  layer: "smpp",
  prefixLength: 4,
  unitPlural: "PDUs",
  coalesceBelow: 512,
  ownedMin: 512,
  messageLength(p, at, max, fail) {
    const v = ((p[at]! << 24) >>> 0) + (p[at + 1]! << 16) + (p[at + 2]! << 8) + p[at + 3]!;
    if (v < SMPP_HEADER_LENGTH) fail(0, `command_length ${v} is shorter than the 16-octet header`);
    if (v > max) fail(0, `command_length ${v} exceeds the ${max}-octet limit`);
    return v;
  },
};

/**
 * Cuts SMPP PDUs out of a TCP byte stream by the command_length that starts each one; decode each frame
 * with `decodeSmppPdu(frameBytes, frameStart, frameEnd)`. See `LengthPrefixedFramer` for the buffering
 * rules. A command_length below 16 or above `maxPduLength` fails as soon as its 4 octets are at the front
 * of the stream (without waiting for the body it announces); a failed stream cannot be resynchronised:
 * answer generic_nack ESME_RINVCMDLEN and close.
 */
export class SmppStreamFramer extends LengthPrefixedFramer {
  constructor(options: SmppFramerOptions = {}) {
    super(SMPP_FRAMING, {
      maxLength: options.maxPduLength ?? SMPP_MAX_PDU_LENGTH,
      maxBuffered: options.maxBuffered,
      maxLengthName: "maxPduLength",
      minLength: SMPP_HEADER_LENGTH,
    });
  }

  get maxPduLength(): number {
    return this.maxLength;
  }
}
