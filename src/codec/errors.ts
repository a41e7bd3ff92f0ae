/**
 * The only exceptions a decoder may throw. Every decoder in `src/codec` either returns a value or throws
 * a `DecodeError` naming the protocol layer and the byte offset (into the buffer it was handed) where the
 * input stopped making sense. Callers (CLI, firewall, proxy) catch this one type and report it; anything
 * else escaping a decoder is a bug.
 */
export type CodecLayer =
  | "ber"
  | "m3ua"
  | "m2pa"
  | "mtp3"
  | "sccp"
  | "tcap"
  | "map"
  | "gsm"
  | "pcap"
  | "pcapng"
  | "link"
  | "ip"
  | "sctp"
  | "tcp"
  | "smpp"
  | "sms";

export class DecodeError extends Error {
  override readonly name = "DecodeError";
  constructor(
    readonly layer: CodecLayer,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${layer}: ${reason} at offset ${offset}`);
  }
}

/** Thrown by encoders handed a value that cannot be put on the wire (a digit string with letters, a field out of range). */
export class EncodeError extends RangeError {
  override readonly name = "EncodeError";
  constructor(
    readonly layer: CodecLayer,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${layer}: cannot encode ${field}: ${reason}`);
  }
}
