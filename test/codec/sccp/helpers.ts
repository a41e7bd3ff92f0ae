/** Comparison helpers shared by the SCCP tests. */
import assert from "node:assert/strict";
import { toHex } from "../../../src/codec/bytes.js";
import type {
  SccpAddress,
  SccpFastAddress,
  SccpFastView,
  SccpMessage,
} from "../../../src/codec/sccp/index.js";

/** Deep copy with every byte array replaced by its hex, so Buffer views and Uint8Arrays compare equal. */
export function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return `hex:${toHex(v)}`;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = plain(x);
    return o;
  }
  return v;
}

function sameAddress(f: SccpFastAddress, a: SccpAddress, what: string): void {
  assert.equal(f.nationalIndicator, a.nationalIndicator, `${what}.nationalIndicator`);
  assert.equal(f.routingIndicator, a.routingIndicator, `${what}.routingIndicator`);
  assert.equal(f.globalTitleIndicator, a.globalTitleIndicator, `${what}.globalTitleIndicator`);
  assert.equal(f.pc, a.pc ?? -1, `${what}.pc`);
  assert.equal(f.ssn, a.ssn ?? -1, `${what}.ssn`);
  assert.equal(f.digits, a.gt?.digits ?? "", `${what}.digits`);
  assert.equal(f.tt, a.gt?.tt ?? -1, `${what}.tt`);
  assert.equal(f.np, a.gt?.np ?? -1, `${what}.np`);
  assert.equal(f.es, a.gt?.es ?? -1, `${what}.es`);
  assert.equal(f.nai, a.gt?.nai ?? -1, `${what}.nai`);
}

/** Asserts that the fast view holds what the full decoder returned for the same bytes. */
export function assertFastMatches(v: SccpFastView, m: SccpMessage): void {
  assert.ok(!("other" in m), "fast path only fills connectionless messages");
  assert.equal(v.messageType, m.messageType);
  assert.equal(v.dataStart, m.dataStart);
  assert.equal(v.dataEnd, m.dataEnd);
  sameAddress(v.called, m.called, "called");
  sameAddress(v.calling, m.calling, "calling");
  assert.equal(v.protocolClass, "protocolClass" in m ? m.protocolClass : -1);
  assert.equal(v.returnOnError, "returnOnError" in m ? m.returnOnError : false);
  assert.equal(v.returnCause, "returnCause" in m ? m.returnCause : -1);
  assert.equal(v.hopCounter, "hopCounter" in m ? m.hopCounter : -1);
  const seg = "segmentation" in m ? m.segmentation : undefined;
  assert.equal(v.segmented, seg !== undefined);
  assert.equal(v.firstSegment, seg?.firstSegment ?? false);
  assert.equal(v.segmentationClass, seg?.protocolClass ?? -1);
  assert.equal(v.remainingSegments, seg?.remainingSegments ?? -1);
  assert.equal(v.localReference, seg?.localReference ?? -1);
  assert.equal(v.importance, ("importance" in m ? m.importance : undefined) ?? -1);
}
