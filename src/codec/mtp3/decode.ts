import { DecodeError } from "../errors.js";
import { MTP3_LABEL_LENGTH, type Mtp3Variant } from "./constants.js";
import type { Mtp3Msu } from "./types.js";

/**
 * Decodes SIO + routing label + SIF from `bytes[start, end)` (the MTP3 part of an MSU, without MTP2's
 * BSN/FSN/LI and check bits). The label is always present: Q.704 §2.2.1 gives every MSU one, including
 * network management (SI 0) and test (SI 1/2) messages.
 */
export function decodeMtp3(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
  variant: Mtp3Variant = "itu",
): Mtp3Msu {
  if (end > bytes.length) end = bytes.length;
  const labelLength = MTP3_LABEL_LENGTH[variant];
  if (labelLength === undefined) throw new DecodeError("mtp3", start, `unknown variant ${String(variant)}`);
  if (end - start < 1 + labelLength) {
    throw new DecodeError(
      "mtp3",
      start,
      `MSU of ${Math.max(0, end - start)} octets is shorter than SIO + ${labelLength}-octet routing label`,
    );
  }
  const sio = bytes[start]!;
  const l = start + 1;
  let dpc: number;
  let opc: number;
  let sls: number;
  if (variant === "itu") {
    // Q.704 §2.2.1 / Figure 3: the label is sent least significant bit first, DPC first, so read as a 32-bit
    // little-endian word it is DPC (bits 0-13), OPC (bits 14-27), SLS (bits 28-31).
    const b0 = bytes[l]!;
    const b1 = bytes[l + 1]!;
    const b2 = bytes[l + 2]!;
    const b3 = bytes[l + 3]!;
    dpc = b0 | ((b1 & 0x3f) << 8);
    opc = (b1 >> 6) | (b2 << 2) | ((b3 & 0x0f) << 10);
    sls = b3 >> 4;
  } else {
    // T1.111.4 §2.2: DPC, OPC each three octets member, cluster, network (least significant first), then SLS.
    dpc = bytes[l]! | (bytes[l + 1]! << 8) | (bytes[l + 2]! << 16);
    opc = bytes[l + 3]! | (bytes[l + 4]! << 8) | (bytes[l + 5]! << 16);
    sls = bytes[l + 6]!;
  }
  return {
    variant,
    si: sio & 0x0f,
    ni: sio >> 6,
    mp: (sio >> 4) & 0x03,
    dpc,
    opc,
    sls,
    bytes,
    dataStart: l + labelLength,
    dataEnd: end,
  };
}
