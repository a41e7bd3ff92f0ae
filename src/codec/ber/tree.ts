import { DecodeError } from "../errors.js";
import { BER_MAX_DEPTH, type BerClass } from "./constants.js";
import { BerCursor } from "./reader.js";

/** A decoded TLV tree node; primitive values stay as offsets into the source bytes. */
export interface BerNode {
  tagClass: BerClass;
  constructed: boolean;
  tagNumber: number;
  start: number;
  valueStart: number;
  valueEnd: number;
  end: number;
  children?: BerNode[];
}

/**
 * Decodes every TLV in `[start, end)` into a tree, to at most `BER_MAX_DEPTH` levels. For display,
 * generic MAP arguments and fuzzing; hot paths use `BerCursor` directly instead.
 */
export function decodeBerTree(bytes: Uint8Array, start = 0, end = bytes.length, depth = 0): BerNode[] {
  if (depth > BER_MAX_DEPTH) throw new DecodeError("ber", start, "nesting deeper than the limit");
  const nodes: BerNode[] = [];
  const c = new BerCursor(bytes);
  let at = start;
  while (at < end) {
    c.read(at, end);
    const node: BerNode = {
      tagClass: c.tagClass,
      constructed: c.constructed,
      tagNumber: c.tagNumber,
      start: c.start,
      valueStart: c.valueStart,
      valueEnd: c.valueEnd,
      end: c.end,
    };
    if (c.constructed) node.children = decodeBerTree(bytes, c.valueStart, c.valueEnd, depth + 1);
    nodes.push(node);
    at = c.end;
  }
  return nodes;
}
