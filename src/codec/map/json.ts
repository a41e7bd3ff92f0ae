/**
 * Typed MAP values as JSON: what `decode --json` prints for a component's argument or result. Byte fields
 * (Uint8Array, and the `{ bytes, start, end }` offset views the codecs keep instead of copies) become
 * lower-case hex; `MapRawTlv`s become `{ tag, hex }`; everything else is copied as it is.
 */
import { toHex } from "../bytes.js";

export type MapJson = string | number | boolean | null | MapJson[] | { [key: string]: MapJson };

const CLASS_LETTER = ["u", "a", "c", "p"] as const;

function isOffsetView(v: object): v is { bytes: Uint8Array; start: number; end: number } {
  const o = v as { bytes?: unknown; start?: unknown; end?: unknown };
  return o.bytes instanceof Uint8Array && typeof o.start === "number" && typeof o.end === "number";
}

/** JSON form of a decoded MAP value (depth-limited; values come from our own bounded decoders). */
export function mapValueToJson(v: unknown, depth = 0): MapJson {
  if (depth > 32) return null;
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Uint8Array) return toHex(v);
  if (Array.isArray(v)) return v.map((x) => mapValueToJson(x, depth + 1));
  if (typeof v !== "object") return null;
  if (isOffsetView(v)) {
    const hex = toHex(v.bytes, v.start, v.end);
    const raw = v as { tagClass?: number; constructed?: boolean; tagNumber?: number };
    if (typeof raw.tagNumber === "number" && typeof raw.tagClass === "number") {
      // A MapRawTlv: keep which tag it was, e.g. "c3" for [3], so an analyst can find it in the spec.
      return { tag: `${CLASS_LETTER[raw.tagClass]}${raw.tagNumber}${raw.constructed ? "*" : ""}`, hex };
    }
    return hex;
  }
  const out: { [key: string]: MapJson } = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = mapValueToJson(x, depth + 1);
  return out;
}
