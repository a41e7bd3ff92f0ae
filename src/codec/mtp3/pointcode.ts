import { EncodeError } from "../errors.js";
import { MTP3_MAX_POINT_CODE, type Mtp3Variant } from "./constants.js";

/**
 * Human form of a point code: ITU 3-8-3 (zone-area-signalling point, Q.708 §3) or ANSI 8-8-8
 * (network-cluster-member, T1.111.4 §2.2).
 */
export function formatPointCode(pc: number, variant: Mtp3Variant = "itu"): string {
  if (variant === "itu") return `${(pc >> 11) & 0x07}-${(pc >> 3) & 0xff}-${pc & 0x07}`;
  return `${(pc >> 16) & 0xff}-${(pc >> 8) & 0xff}-${pc & 0xff}`;
}

/** Inverse of `formatPointCode`; also accepts a plain decimal number. Throws `EncodeError` on bad input. */
export function parsePointCode(text: string, variant: Mtp3Variant = "itu"): number {
  const t = text.trim();
  let pc: number;
  if (/^\d+$/.test(t)) {
    pc = Number(t);
  } else {
    const m = /^(\d+)-(\d+)-(\d+)$/.exec(t);
    if (!m) throw new EncodeError("mtp3", "pointCode", `${JSON.stringify(text)} is not a point code`);
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [ma, mb, mc] = variant === "itu" ? [7, 255, 7] : [255, 255, 255];
    if (a > ma || b > mb || c > mc) {
      throw new EncodeError("mtp3", "pointCode", `${JSON.stringify(text)} has a component out of range`);
    }
    pc = variant === "itu" ? (a << 11) | (b << 3) | c : (a << 16) | (b << 8) | c;
  }
  if (pc > MTP3_MAX_POINT_CODE[variant]) {
    throw new EncodeError("mtp3", "pointCode", `${pc} exceeds the ${variant} point code range`);
  }
  return pc;
}
