import { readU16, readU32 } from "../bytes.js";
import { DecodeError } from "../errors.js";
import { M3UA_HEADER_LENGTH, M3uaMessageClass, M3uaParameterTag, M3uaTransferMessage } from "./constants.js";
import { checkM3uaHeader, skipM3uaParameter } from "./decode.js";

const TAG_PROTOCOL_DATA = M3uaParameterTag.protocolData;
const TAG_ROUTING_CONTEXT = M3uaParameterTag.routingContext;
const TAG_NETWORK_APPEARANCE = M3uaParameterTag.networkAppearance;
const TAG_CORRELATION_ID = M3uaParameterTag.correlationId;

/**
 * Reusable result of `readM3uaData`: allocate one per worker and pass it to every call. All fields are
 * numbers initialised here, so the object keeps one hidden class and the hot loop stays monomorphic.
 */
export class M3uaDataFields {
  opc = 0;
  dpc = 0;
  si = 0;
  ni = 0;
  mp = 0;
  sls = 0;
  /** Absolute offsets of the user protocol data (e.g. SCCP) in the bytes handed to `readM3uaData`. */
  dataStart = 0;
  dataEnd = 0;
  /** First Routing Context value, or -1 when the message carries none. */
  routingContext = -1;
  /** Number of Routing Context values (0 when absent). */
  routingContextCount = 0;
  /** Network Appearance, or -1 when absent. */
  networkAppearance = -1;
  /** Correlation Id, or -1 when absent. */
  correlationId = -1;
}

/**
 * Hot path for DATA (RFC 4666 §3.3.1). If the M3UA message in `bytes[start, end)` is DATA, fills `out`
 * and returns true; if it is a well-formed header of any other message, returns false without looking
 * further (decode it with `decodeM3ua`). Allocates nothing on success.
 *
 * It accepts a DATA message exactly when `decodeM3ua` would, with two extra rules a firewall needs so that
 * it and the next hop cannot read different labels: Protocol Data must be present, and Protocol Data,
 * Routing Context, Network Appearance and Correlation Id may each appear at most once. Throws only
 * `DecodeError`.
 */
export function readM3uaData(bytes: Uint8Array, start: number, end: number, out: M3uaDataFields): boolean {
  if (end > bytes.length) end = bytes.length;
  checkM3uaHeader(bytes, start, end);
  if (bytes[start + 2] !== M3uaMessageClass.transfer || bytes[start + 3] !== M3uaTransferMessage.data) {
    return false;
  }
  let seenProtocolData = false;
  out.routingContext = -1;
  out.routingContextCount = 0;
  out.networkAppearance = -1;
  out.correlationId = -1;
  let at = start + M3UA_HEADER_LENGTH;
  while (at < end) {
    // Validates header, length and nesting exactly like the full decoder, then reads the ones we need.
    const next = skipM3uaParameter(bytes, at, end, 0);
    const tag = readU16(bytes, at);
    const vs = at + 4;
    const ve = at + readU16(bytes, at + 2);
    if (tag === TAG_PROTOCOL_DATA) {
      if (seenProtocolData)
        throw new DecodeError("m3ua", at, "DATA carries a second Protocol Data parameter");
      seenProtocolData = true;
      out.opc = readU32(bytes, vs);
      out.dpc = readU32(bytes, vs + 4);
      out.si = bytes[vs + 8]!;
      out.ni = bytes[vs + 9]!;
      out.mp = bytes[vs + 10]!;
      out.sls = bytes[vs + 11]!;
      out.dataStart = vs + 12;
      out.dataEnd = ve;
    } else if (tag === TAG_ROUTING_CONTEXT) {
      if (out.routingContextCount !== 0) {
        throw new DecodeError("m3ua", at, "DATA carries a second Routing Context parameter");
      }
      out.routingContext = readU32(bytes, vs);
      out.routingContextCount = (ve - vs) >> 2;
    } else if (tag === TAG_NETWORK_APPEARANCE) {
      if (out.networkAppearance !== -1) {
        throw new DecodeError("m3ua", at, "DATA carries a second Network Appearance parameter");
      }
      out.networkAppearance = readU32(bytes, vs);
    } else if (tag === TAG_CORRELATION_ID) {
      if (out.correlationId !== -1) {
        throw new DecodeError("m3ua", at, "DATA carries a second Correlation Id parameter");
      }
      out.correlationId = readU32(bytes, vs);
    }
    at = next;
  }
  if (!seenProtocolData) {
    throw new DecodeError(
      "m3ua",
      start,
      "DATA without the mandatory Protocol Data parameter (RFC 4666 §3.3.1)",
    );
  }
  return true;
}
