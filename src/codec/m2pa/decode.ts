import { readU32 } from "../bytes.js";
import { DecodeError } from "../errors.js";
import type { Mtp3Variant } from "../mtp3/constants.js";
import { decodeMtp3 } from "../mtp3/decode.js";
import { M2PA_HEADER_LENGTH, M2PA_MESSAGE_CLASS, M2PA_VERSION, M2paMessageType } from "./constants.js";
import type { M2paMessage } from "./types.js";

/**
 * Decodes one M2PA message occupying exactly `bytes[start, end)` (one SCTP DATA chunk, RFC 4165 §2).
 * The MTP3 part of User Data is decoded with `variant`'s routing label (ITU by default).
 */
export function decodeM2pa(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
  variant: Mtp3Variant = "itu",
): M2paMessage {
  if (end > bytes.length) end = bytes.length;
  if (end - start < M2PA_HEADER_LENGTH) {
    throw new DecodeError(
      "m2pa",
      start,
      `message of ${Math.max(0, end - start)} octets is shorter than the 16-octet common and M2PA headers`,
    );
  }
  const version = bytes[start]!;
  if (version !== M2PA_VERSION) {
    throw new DecodeError("m2pa", start, `version ${version}, only version 1 is defined (RFC 4165 §2.1.1)`);
  }
  const messageClass = bytes[start + 2]!;
  if (messageClass !== M2PA_MESSAGE_CLASS) {
    throw new DecodeError("m2pa", start + 2, `message class ${messageClass}, M2PA uses 11 (RFC 4165 §2.1.3)`);
  }
  const messageType = bytes[start + 3]!;
  const length = readU32(bytes, start + 4);
  // RFC 4165 §2.1.5: the length covers the common header, the M2PA header and the data, in octets.
  if (length !== end - start) {
    throw new DecodeError(
      "m2pa",
      start + 4,
      `message length ${length} does not match the ${end - start} octets available`,
    );
  }
  // RFC 4165 §2.2: each sequence number sits in the low 24 bits after an unused octet (ignored here).
  const bsn = readU32(bytes, start + 8) & 0xffffff;
  const fsn = readU32(bytes, start + 12) & 0xffffff;
  const body = start + M2PA_HEADER_LENGTH;
  if (messageType === M2paMessageType.userData) {
    if (body === end) return { kind: "userData", bsn, fsn, priority: 0 };
    // RFC 4165 §2.3.1: PRI in the two most significant bits of the first data octet, then SIO + SIF.
    const priority = bytes[body]! >> 6;
    return { kind: "userData", bsn, fsn, priority, msu: decodeMtp3(bytes, body + 1, end, variant) };
  }
  if (messageType === M2paMessageType.linkStatus) {
    if (end - body < 4) {
      throw new DecodeError("m2pa", body, `Link Status has ${end - body} octets, the State field needs 4`);
    }
    return {
      kind: "linkStatus",
      bsn,
      fsn,
      state: readU32(bytes, body),
      fillerStart: body + 4,
      fillerEnd: end,
      bytes,
    };
  }
  return { kind: "unknown", messageType, bsn, fsn, dataStart: body, dataEnd: end, bytes };
}
