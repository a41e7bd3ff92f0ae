/** SCCP decoder (Q.713): bytes → typed connectionless messages, user data as offsets into the same bytes. */
import { DecodeError } from "../errors.js";
import { SccpAddressScan, scanSccpAddress, sccpAddressFromScan } from "./address.js";
import { SCCP_RETURN_ON_ERROR_BIT, SccpParameterName } from "./constants.js";
import { parseSccpFrame, SccpFrame } from "./frame.js";
import type {
  SccpMessage,
  SccpOptionalPart,
  SccpSegmentation,
  SccpUdt,
  SccpUdts,
  SccpUnitdataMessage,
  SccpUnknownParameter,
  SccpXudt,
  SccpXudts,
} from "./types.js";

/** Q.713 §3.17: segmentation contents at `at` (4 octets, already bounds-checked by the framer). */
export function readSccpSegmentation(bytes: Uint8Array, at: number): SccpSegmentation {
  const b = bytes[at]!;
  return {
    firstSegment: (b & 0x80) !== 0,
    protocolClass: b & 0x40 ? 1 : 0,
    remainingSegments: b & 0x0f,
    localReference: bytes[at + 1]! | (bytes[at + 2]! << 8) | (bytes[at + 3]! << 16),
  };
}

/**
 * Decodes one SCCP message at `bytes[start, end)`. UDT, UDTS, XUDT, XUDTS, LUDT and LUDTS are decoded field by
 * field; any other message type comes back as `{ messageType, other: true, bodyStart, bodyEnd }`.
 * Throws only DecodeError.
 */
export function decodeSccp(bytes: Uint8Array, start = 0, end = bytes.length): SccpMessage {
  const f = new SccpFrame();
  if (!parseSccpFrame(bytes, start, end, f)) {
    return { messageType: bytes[start]!, other: true, bodyStart: start + 1, bodyEnd: end };
  }
  return sccpMessageFromFrame(bytes, f);
}

/** Like `decodeSccp`, but throws DecodeError for anything but the six connectionless message types. */
export function decodeSccpUnitdata(bytes: Uint8Array, start = 0, end = bytes.length): SccpUnitdataMessage {
  const f = new SccpFrame();
  if (!parseSccpFrame(bytes, start, end, f)) {
    throw new DecodeError(
      "sccp",
      start,
      `message type 0x${bytes[start]!.toString(16).padStart(2, "0")} is not connectionless`,
    );
  }
  return sccpMessageFromFrame(bytes, f);
}

function sccpMessageFromFrame(bytes: Uint8Array, f: SccpFrame): SccpUnitdataMessage {
  const scan = new SccpAddressScan();
  scanSccpAddress(bytes, f.calledStart, f.calledEnd, scan);
  const called = sccpAddressFromScan(bytes, scan);
  scanSccpAddress(bytes, f.callingStart, f.callingEnd, scan);
  const calling = sccpAddressFromScan(bytes, scan);
  const type = f.messageType;
  switch (type) {
    case 0x09: {
      const m: SccpUdt = {
        messageType: type,
        // Q.713 §3.6: bits 4–1 class; bits 8–5 message handling, of which only 1000 is defined.
        protocolClass: f.protocolClassOctet & 0x0f,
        returnOnError: (f.protocolClassOctet & SCCP_RETURN_ON_ERROR_BIT) !== 0,
        called,
        calling,
        dataStart: f.dataStart,
        dataEnd: f.dataEnd,
      };
      return m;
    }
    case 0x0a: {
      const m: SccpUdts = {
        messageType: type,
        returnCause: f.returnCause,
        called,
        calling,
        dataStart: f.dataStart,
        dataEnd: f.dataEnd,
      };
      return m;
    }
    case 0x11:
    case 0x13: {
      const m: SccpXudt = {
        messageType: type,
        protocolClass: f.protocolClassOctet & 0x0f,
        returnOnError: (f.protocolClassOctet & SCCP_RETURN_ON_ERROR_BIT) !== 0,
        hopCounter: f.hopCounter,
        called,
        calling,
        dataStart: f.dataStart,
        dataEnd: f.dataEnd,
      };
      addOptional(bytes, f, m);
      return m;
    }
    default: {
      const m: SccpXudts = {
        messageType: type as 0x12 | 0x14,
        returnCause: f.returnCause,
        hopCounter: f.hopCounter,
        called,
        calling,
        dataStart: f.dataStart,
        dataEnd: f.dataEnd,
      };
      addOptional(bytes, f, m);
      return m;
    }
  }
}

function addOptional(bytes: Uint8Array, f: SccpFrame, m: SccpOptionalPart): void {
  if (f.segmentationAt >= 0) m.segmentation = readSccpSegmentation(bytes, f.segmentationAt);
  // Q.713 §3.19: importance in bits 3–1, bits 8–4 spare.
  if (f.importanceAt >= 0) m.importance = bytes[f.importanceAt]! & 0x07;
  if (f.unknownParameterCount === 0) return;
  // The framer has already checked every length in the optional part; this walk only collects.
  const unknown: SccpUnknownParameter[] = [];
  let o = f.optionalStart;
  while (o < f.optionalEnd - 1) {
    const name = bytes[o]!;
    const len = bytes[o + 1]!;
    if (name !== SccpParameterName.segmentation && name !== SccpParameterName.importance) {
      unknown.push({ name, value: bytes.subarray(o + 2, o + 2 + len) });
    }
    o += 2 + len;
  }
  m.unknownParameters = unknown;
}
