/**
 * What the stack decoder needs from MAP for every component: the operation's name, the error's name, and
 * the subscriber identities in the parameter. Backed by the operations table and the identity paths, so
 * it is a table lookup and a short BER walk — no typed decode on the hot path.
 */
import { BerCursor } from "../ber/index.js";
import { mapErrorByCode } from "./errors.js";
import { LocatedIdentities, locateIdentities } from "./identity-paths.js";
import { mapOperationByCode } from "./operations.js";

/** TS 29.002 name (camelCase) of a local operation code, if it is a MAP operation. */
export function mapOperationName(opcode: number): string | undefined {
  return mapOperationByCode(opcode)?.name;
}

/** TS 29.002 §17.6 name of a local error code, if it is a MAP error. */
export function mapErrorName(code: number): string | undefined {
  return mapErrorByCode(code)?.name;
}

const cursor = new BerCursor(new Uint8Array(0));
const located = new LocatedIdentities();

/**
 * IMSI and MSISDN carried by a component's parameter `bytes[start, end)` (tag included). The returned
 * object is reused by the next call: copy the fields out. Throws only DecodeError.
 */
export function mapComponentIdentities(
  opcode: number,
  isResult: boolean,
  bytes: Uint8Array,
  start: number,
  end: number,
): LocatedIdentities {
  return locateIdentities(opcode, isResult, bytes, start, end, cursor, located);
}
