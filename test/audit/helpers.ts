/** Shared fixtures of the audit tests: keys, a controllable clock, record bodies, a filled log. */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import type { JsonObject } from "../../src/audit/canonical.js";
import { AuditLog } from "../../src/audit/log.js";
import { type AuditRecord, dialogueBody } from "../../src/audit/record.js";
import type { AuditStore } from "../../src/audit/store.js";

export const keys = generateKeyPairSync("ed25519");
export const otherKeys = generateKeyPairSync("ed25519");
export const identityKey = Buffer.from(
  "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
  "hex",
);

export const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

/** A clock that advances `stepMs` on every read. */
export function steppingClock(start = T0, stepMs = 1000): () => number {
  let t = start - stepMs;
  return () => (t += stepMs);
}

/** The i-th of a mix of bodies: dialogues (SRI-SM, mt-forwardSM), submissions, config changes, events. */
export function sampleBody(i: number): {
  kind: "dialogue" | "submission" | "config-change" | "event";
  body: JsonObject;
} {
  switch (i % 5) {
    case 0:
      return {
        kind: "submission",
        body: { id: `s${i}`, account: "acme", source: "ACME", segments: 1, status: "accepted" },
      };
    case 3:
      return { kind: "config-change", body: { actor: "ops", change: `route ${i}` } };
    case 4:
      return { kind: "event", body: { type: "heartbeat", n: i } };
    default:
      return {
        kind: "dialogue",
        body: dialogueBody(identityKey, {
          operation: i % 2 ? "sendRoutingInfoForSM" : "mtForwardSM",
          opcode: i % 2 ? 45 : 44,
          ...(i % 2
            ? { msisdn: `12025560${String(i).padStart(4, "0")}` }
            : { imsi: `31015000000${String(i).padStart(4, "0")}` }),
          gt: "447785080101",
          peer: i % 4 === 1 ? "12025550100" : "4917000000100",
          otid: (0x30000000 + i).toString(16),
          start: T0 + i * 1000 - 200,
          result: "ok",
        }),
      };
  }
}

/** Appends `n` sample records through an AuditLog sealing every `sealEvery`; closes it (sealing the tail unless told not to). */
export async function fillLog(
  store: AuditStore,
  n: number,
  options: { sealEvery?: number; sealTail?: boolean; signingKey?: KeyObject; now?: () => number } = {},
): Promise<AuditRecord[]> {
  const log = await AuditLog.open({
    store,
    signingKey: options.signingKey ?? keys.privateKey,
    sealEvery: options.sealEvery ?? 10,
    sealIntervalMs: 0,
    now: options.now ?? steppingClock(),
  });
  const out: AuditRecord[] = [];
  for (let i = 0; i < n; i++) {
    const { kind, body } = sampleBody(i);
    out.push(await log.append(kind, body));
  }
  await log.close({ seal: options.sealTail ?? true });
  return out;
}
