import type { SmppTlv, SmppTlvKind, SmppTlvOf } from "./types.js";

/** The first TLV of `kind` in `tlvs`, typed (`findSmppTlv(pdu.tlvs, "message_payload")?.value`). */
export function findSmppTlv<K extends SmppTlvKind>(
  tlvs: readonly SmppTlv[],
  kind: K,
): SmppTlvOf<K> | undefined {
  for (const t of tlvs) if (t.kind === kind) return t as SmppTlvOf<K>;
  return undefined;
}

/** Every TLV of `kind` in `tlvs`, in wire order. */
export function findSmppTlvs<K extends SmppTlvKind>(tlvs: readonly SmppTlv[], kind: K): SmppTlvOf<K>[] {
  return tlvs.filter((t) => t.kind === kind) as SmppTlvOf<K>[];
}
