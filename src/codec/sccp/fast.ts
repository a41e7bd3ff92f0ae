/**
 * Hot-path SCCP decoding: fills a caller-owned `SccpFastView` for UDT/UDTS/XUDT/XUDTS/LUDT/LUDTS without
 * allocating anything but the two GT digit strings. It runs the same framer and address scanner as
 * `decodeSccp`, so it accepts and rejects exactly the same inputs.
 */
import { toHex } from "../bytes.js";
import { decodeBcdDigits, SccpAddressScan, scanSccpAddress } from "./address.js";
import { SCCP_RETURN_ON_ERROR_BIT } from "./constants.js";
import { parseSccpFrame, SccpFrame } from "./frame.js";

const NO_BYTES = new Uint8Array(0);

/**
 * One address as numbers (-1 = absent) plus its GT digits ('' without a GT of indicator 1–4). The digits
 * are decoded on first read: a hot path that matches GTs on the bytes (or not at all) builds no string.
 */
export class SccpFastAddress extends SccpAddressScan {
  private source: Uint8Array = NO_BYTES;
  private decoded: string | undefined = "";

  get digits(): string {
    if (this.decoded === undefined) this.decoded = fastDigits(this.source, this);
    return this.decoded;
  }

  /** Called by `decodeSccpFast` once the address is scanned: the digits are now those of `bytes`. */
  resetDigits(bytes: Uint8Array): void {
    this.source = bytes;
    this.decoded = undefined;
  }
}

/**
 * Reusable result of `decodeSccpFast`. Everything is a number, boolean or string with a fixed shape, so
 * one instance per worker can be reused for every message. Inherits the frame offsets (`dataStart`,
 * `dataEnd`, `calledStart` …, `hopCounter`, `returnCause`) from SccpFrame.
 */
export class SccpFastView extends SccpFrame {
  readonly called = new SccpFastAddress();
  readonly calling = new SccpFastAddress();
  /** Q.713 §3.6 class (bits 4–1), -1 for the service messages. */
  protocolClass = -1;
  returnOnError = false;
  /** Q.713 §3.17 segmentation, when present (`segmented`). */
  segmented = false;
  firstSegment = false;
  segmentationClass = -1;
  remainingSegments = -1;
  localReference = -1;
  /** Q.713 §3.19 importance, -1 when absent. */
  importance = -1;
}

/**
 * Decodes the message at `bytes[start, end)` into `out`. Returns false, without throwing, when the message
 * type is not connectionless (CR, DT1 …: let the full decoder or a policy handle those); returns true with
 * `out` filled otherwise; throws DecodeError on malformed input. The previous contents of `out` are
 * overwritten field by field.
 */
export function decodeSccpFast(bytes: Uint8Array, start: number, end: number, out: SccpFastView): boolean {
  if (!parseSccpFrame(bytes, start, end, out)) return false;
  const called = out.called;
  scanSccpAddress(bytes, out.calledStart, out.calledEnd, called);
  called.resetDigits(bytes);
  const calling = out.calling;
  scanSccpAddress(bytes, out.callingStart, out.callingEnd, calling);
  calling.resetDigits(bytes);
  const pco = out.protocolClassOctet;
  out.protocolClass = pco < 0 ? -1 : pco & 0x0f;
  out.returnOnError = pco >= 0 && (pco & SCCP_RETURN_ON_ERROR_BIT) !== 0;
  const s = out.segmentationAt;
  if (s >= 0) {
    const b = bytes[s]!;
    out.segmented = true;
    out.firstSegment = (b & 0x80) !== 0;
    out.segmentationClass = b & 0x40 ? 1 : 0;
    out.remainingSegments = b & 0x0f;
    out.localReference = bytes[s + 1]! | (bytes[s + 2]! << 8) | (bytes[s + 3]! << 16);
  } else {
    out.segmented = false;
    out.firstSegment = false;
    out.segmentationClass = -1;
    out.remainingSegments = -1;
    out.localReference = -1;
  }
  out.importance = out.importanceAt >= 0 ? bytes[out.importanceAt]! & 0x07 : -1;
  return true;
}

function fastDigits(bytes: Uint8Array, a: SccpFastAddress): string {
  const gti = a.globalTitleIndicator;
  if (gti < 1 || gti > 4) return "";
  return decodeBcdDigits(bytes, a.digitsStart, a.digitsEnd, a.odd);
}

/**
 * The calling-address part of a reassembly key for an address seen by the fast path; equal to
 * `sccpAddressKey` of the same address decoded by `decodeSccp`.
 */
export function sccpFastAddressKey(bytes: Uint8Array, a: SccpFastAddress): string {
  const raw = a.globalTitleIndicator > 4 ? toHex(bytes, a.gtStart, a.gtEnd) : "";
  return `${a.nationalIndicator ? 1 : 0}/${a.routingIndicator}/${a.globalTitleIndicator}/${a.pc}/${a.ssn}/${a.tt}/${a.np}/${a.es}/${a.nai}/${a.digits}${raw}`;
}
