/**
 * Re-addressing a DATA message for the next association (RFC 4666 §3.3.1): the Routing Context is a
 * per-association value, so a relay forwarding DATA from one association to another must carry the
 * outgoing association's RC while leaving the Protocol Data (the MTP3-user message) untouched.
 */
import { DecodeError } from "../errors.js";
import { M3uaParameterTag } from "./constants.js";

const HEADER = 8;

/**
 * A copy of the M3UA message at `bytes[start, end)` whose single Routing Context is `rc` (inserted after the
 * header when the message has none; `rc` undefined removes it). One allocation; the rest is copied as is.
 * The message must be well-formed (as `readM3uaData` accepted it); throws DecodeError otherwise.
 */
export function withRoutingContext(
  bytes: Uint8Array,
  start: number,
  end: number,
  rc: number | undefined,
): Uint8Array {
  // Find the Routing Context TLV, if any.
  let rcAt = -1;
  let rcLen = 0;
  // Where a new RC goes: after the Network Appearance when that comes first (§3.3.1 parameter order).
  let insertAt = start + HEADER;
  for (let at = start + HEADER; at < end; ) {
    if (at + 4 > end) throw new DecodeError("m3ua", at, "truncated parameter header");
    const tag = (bytes[at]! << 8) | bytes[at + 1]!;
    const len = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (len < 4 || at + len > end) throw new DecodeError("m3ua", at, "parameter length beyond the message");
    const padded = (len + 3) & ~3;
    if (tag === M3uaParameterTag.routingContext) {
      rcAt = at;
      rcLen = padded;
      break;
    }
    if (tag === M3uaParameterTag.networkAppearance && at === insertAt) insertAt = at + padded;
    at += padded;
  }
  const newRcLen = rc === undefined ? 0 : 8;
  const oldLen = end - start;
  const out = new Uint8Array(oldLen - rcLen + newRcLen);
  const cut = (rcAt >= 0 ? rcAt : insertAt) - start;
  out.set(bytes.subarray(start, start + cut), 0);
  let w = cut;
  if (rc !== undefined) {
    out[w] = M3uaParameterTag.routingContext >> 8;
    out[w + 1] = M3uaParameterTag.routingContext & 0xff;
    out[w + 2] = 0;
    out[w + 3] = 8;
    out[w + 4] = (rc >>> 24) & 0xff;
    out[w + 5] = (rc >>> 16) & 0xff;
    out[w + 6] = (rc >>> 8) & 0xff;
    out[w + 7] = rc & 0xff;
    w += 8;
  }
  out.set(bytes.subarray(start + cut + rcLen, end), w);
  // Message length (RFC 4666 §3.1: octets 4–7, the whole message).
  const total = out.length;
  out[4] = (total >>> 24) & 0xff;
  out[5] = (total >>> 16) & 0xff;
  out[6] = (total >>> 8) & 0xff;
  out[7] = total & 0xff;
  return out;
}

/**
 * Rewrites the value of the message's single Routing Context in place, when it has one (4 octets, the usual
 * form); returns false, changing nothing, when it has none or a list (then use `withRoutingContext`).
 * For a relay that owns the received buffer: no allocation on the forwarding path.
 */
export function setRoutingContextInPlace(bytes: Uint8Array, start: number, end: number, rc: number): boolean {
  for (let at = start + HEADER; at + 4 <= end; ) {
    const tag = (bytes[at]! << 8) | bytes[at + 1]!;
    const len = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (len < 4 || at + len > end) return false;
    if (tag === M3uaParameterTag.routingContext) {
      if (len !== 8) return false;
      bytes[at + 4] = (rc >>> 24) & 0xff;
      bytes[at + 5] = (rc >>> 16) & 0xff;
      bytes[at + 6] = (rc >>> 8) & 0xff;
      bytes[at + 7] = rc & 0xff;
      return true;
    }
    at += (len + 3) & ~3;
  }
  return false;
}
