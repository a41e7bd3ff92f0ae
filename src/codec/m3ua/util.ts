import type { M3uaMessage, M3uaParameter, M3uaParameterKind, M3uaParameterOf } from "./types.js";

/** The first parameter of `kind` in a message (or a nested parameter list), or undefined. */
export function findM3uaParameter<K extends M3uaParameterKind>(
  from: M3uaMessage | readonly M3uaParameter[],
  kind: K,
): M3uaParameterOf<K> | undefined {
  const list = Array.isArray(from) ? (from as readonly M3uaParameter[]) : (from as M3uaMessage).parameters;
  for (const p of list) if (p.kind === kind) return p as M3uaParameterOf<K>;
  return undefined;
}
