/**
 * Canonical JSON: the one serialisation every audit hash and signature is computed over.
 *
 * A subset of RFC 8785 (JCS) that any language reproduces without a number formatter of its own:
 *  - values are `null`, `true`, `false`, strings, safe integers (|n| ≤ 2^53 − 1; `-0` is written `0`),
 *    arrays and plain objects; fractions, NaN, ±Infinity, bigints, Dates, Buffers, Maps … are refused
 *    (write them as strings), so no two implementations can disagree on how a number prints;
 *  - object members are sorted by key in UTF-16 code-unit order (JavaScript's default sort, JCS §3.2.3);
 *    members whose value is `undefined` are left out (as `JSON.stringify` does), so an optional field that
 *    is absent and one that is `undefined` hash alike;
 *  - strings are escaped as `JSON.stringify` escapes them (ECMA-262 JSON.stringify, as JCS prescribes);
 *  - no whitespace; the text is hashed as UTF-8.
 * Nesting is limited to `MAX_DEPTH` levels.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** Members whose value is `undefined` are absent (optional fields of the typed bodies). */
export interface JsonObject {
  [key: string]: JsonValue | undefined;
}

/** Deepest nesting `canonicalJson` accepts (an audit body is a few levels deep). */
export const MAX_DEPTH = 32;

export class CanonicalJsonError extends Error {
  override name = "CanonicalJsonError";
}

/** The canonical text of `value`; throws CanonicalJsonError for anything outside the subset above. */
export function canonicalJson(value: unknown): string {
  return write(value, 0, "$");
}

function write(value: unknown, depth: number, path: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isSafeInteger(value))
        throw new CanonicalJsonError(`${path}: ${value} is not a safe integer (write it as a string)`);
      return value === 0 ? "0" : String(value);
    case "object":
      break;
    default:
      throw new CanonicalJsonError(`${path}: a ${typeof value} has no canonical JSON form`);
  }
  if (depth >= MAX_DEPTH) throw new CanonicalJsonError(`${path}: nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      const item: unknown = value[i];
      if (item === undefined) throw new CanonicalJsonError(`${path}[${i}]: undefined in an array`);
      out += write(item, depth + 1, `${path}[${i}]`);
    }
    return `${out}]`;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    throw new CanonicalJsonError(
      `${path}: only plain objects have a canonical form (got ${describe(value)})`,
    );
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    if (!first) out += ",";
    first = false;
    out += `${JSON.stringify(key)}:${write(v, depth + 1, `${path}.${key}`)}`;
  }
  return `${out}}`;
}

function describe(value: object): string {
  return value.constructor?.name ?? "an object without a constructor";
}

/** True when `value` is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
