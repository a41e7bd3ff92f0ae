import type { BerWriter } from "../ber/index.js";

/**
 * The typed codec of one MAP operation (3GPP TS 29.002): its argument (the Invoke parameter) and, when
 * the operation has one, its result (the ReturnResult parameter). Decoders take the offsets of the
 * parameter TLV itself (tag included) inside the TCAP component, and throw only DecodeError (layer "map").
 * Encoders append the parameter TLV to the writer.
 *
 * Each operation file (`src/codec/map/operations/<name>.ts`) exports one of these; `registry.ts`
 * collects them by opcode. Operations without a typed codec still decode to opcode + raw parameter.
 */
export interface MapOperationCodec<Arg, Res = never> {
  readonly opcode: number;
  decodeArgument(bytes: Uint8Array, start: number, end: number): Arg;
  encodeArgument(w: BerWriter, value: Arg): void;
  decodeResult?(bytes: Uint8Array, start: number, end: number): Res;
  encodeResult?(w: BerWriter, value: Res): void;
  /** The subscriber identities the value names, for the CLI columns and the firewall's per-target state. */
  identities(value: Arg | Res): MapIdentities;
}

export interface MapIdentities {
  imsi?: string;
  msisdn?: string;
}
