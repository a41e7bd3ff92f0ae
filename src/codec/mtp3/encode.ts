import { ByteWriter } from "../bytes.js";
import { EncodeError } from "../errors.js";
import { MTP3_MAX_POINT_CODE, MTP3_MAX_SLS } from "./constants.js";
import type { Mtp3Msu } from "./types.js";

function check(field: string, v: number, max: number): void {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new EncodeError("mtp3", field, `${v} is not an integer in 0..${max}`);
  }
}

/** Writes SIO + routing label + SIF into `w` (used by M2PA to build a User Data message in one buffer). */
export function writeMtp3(w: ByteWriter, msu: Mtp3Msu): void {
  const variant = msu.variant;
  if (variant !== "itu" && variant !== "ansi") {
    throw new EncodeError("mtp3", "variant", `${String(variant)} is neither "itu" nor "ansi"`);
  }
  check("si", msu.si, 0x0f);
  check("ni", msu.ni, 0x03);
  check("mp", msu.mp, 0x03);
  check("dpc", msu.dpc, MTP3_MAX_POINT_CODE[variant]);
  check("opc", msu.opc, MTP3_MAX_POINT_CODE[variant]);
  check("sls", msu.sls, MTP3_MAX_SLS[variant]);
  const { bytes, dataStart, dataEnd } = msu;
  if (!Number.isInteger(dataStart) || !Number.isInteger(dataEnd) || dataStart < 0) {
    throw new EncodeError("mtp3", "dataStart", "SIF offsets must be non-negative integers");
  }
  if (dataEnd < dataStart || dataEnd > bytes.length) {
    throw new EncodeError(
      "mtp3",
      "dataEnd",
      `SIF [${dataStart}, ${dataEnd}) is outside the ${bytes.length}-byte buffer`,
    );
  }
  // Q.704 §14.2: SIO = NI (bits 8-7) | priority/spare (bits 6-5) | SI (bits 4-1).
  w.u8((msu.ni << 6) | (msu.mp << 4) | msu.si);
  if (variant === "itu") {
    // Q.704 §2.2.1: DPC, OPC, SLS packed least significant bit first.
    w.u8(msu.dpc & 0xff);
    w.u8((msu.dpc >> 8) | ((msu.opc & 0x03) << 6));
    w.u8((msu.opc >> 2) & 0xff);
    w.u8((msu.opc >> 10) | (msu.sls << 4));
  } else {
    w.u8(msu.dpc & 0xff)
      .u8((msu.dpc >> 8) & 0xff)
      .u8(msu.dpc >> 16);
    w.u8(msu.opc & 0xff)
      .u8((msu.opc >> 8) & 0xff)
      .u8(msu.opc >> 16);
    w.u8(msu.sls);
  }
  w.bytes(bytes.subarray(dataStart, dataEnd));
}

/** SIO + routing label + SIF of `msu` (the SIF is copied from `msu.bytes[dataStart, dataEnd)`). */
export function encodeMtp3(msu: Mtp3Msu): Buffer {
  const w = new ByteWriter(16 + Math.max(0, (msu.dataEnd | 0) - (msu.dataStart | 0)));
  writeMtp3(w, msu);
  return w.finish();
}

/** Convenience: an MSU value whose SIF is `sif` (offsets 0..sif.length), ready for `encodeMtp3`. */
export function mtp3Msu(fields: Omit<Mtp3Msu, "bytes" | "dataStart" | "dataEnd">, sif: Uint8Array): Mtp3Msu {
  return { ...fields, bytes: sif, dataStart: 0, dataEnd: sif.length };
}
