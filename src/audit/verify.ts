/**
 * Chain verification: recomputes every record's hash, checks every link and every seal's signature, and
 * stops at the first record that does not hold, naming it and why.
 *
 * Checks per record, in this order (the first that fails is the reason):
 *  1. `deleted`: its seq is not the previous seq + 1 (the missing seq is named);
 *  2. `malformed`: the row is not a record (bad time, kind, hash text or body JSON);
 *  3. `reordered`: its `prev` is not the previous record's hash (moved, inserted or replaced);
 *  4. `edited`: its hash is not SHA-256(prev ‖ digest of its content);
 *  5. `time-order`: its time is earlier than the previous record's;
 *  6. for a seal: `bad-seal` (head/count do not name the record before it), `unknown-key` (signed by a key
 *     the verifier was not given), `bad-signature`.
 * Someone who can write the store can rewrite the chain after an edit so that 1–5 hold again; the next seal
 * then fails 6, because its signature needs the private key. Records after the last seal are reported as the
 * unsealed tail: they chain correctly but nothing signed vouches for them yet.
 */
import type { AuditKeyring } from "./keys.js";
import { verifyMessage } from "./keys.js";
import {
  type AuditRecord,
  type AuditRow,
  chainHash,
  GENESIS_HASH,
  isHashHex,
  recordDigest,
  recordOfRow,
  sealMessage,
} from "./record.js";
import type { AuditStore } from "./store.js";

export const VerifyReason = {
  deleted: "record missing (deleted)",
  malformed: "not a well-formed record",
  reordered: "prev does not link to the record before (reordered, inserted or replaced)",
  edited: "hash mismatch (edited)",
  timeOrder: "time earlier than the record before",
  badSeal: "seal does not name the chain head before it",
  unknownKey: "seal signed by an unknown key",
  badSignature: "bad seal signature",
} as const;
export type VerifyReason = keyof typeof VerifyReason;

export interface BadRecord {
  seq: number;
  reason: VerifyReason;
  /** One line for people: what was expected and what was found. */
  detail: string;
}

export interface ChainPosition {
  seq: number;
  hash: string;
  /** The position's record time ("" before record 1). */
  time: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Records that verified (before the first bad one). */
  records: number;
  /** Seals among them. */
  seals: number;
  /** The last record that verified. */
  head: ChainPosition;
  /** The last seal that verified. */
  lastSeal?: { seq: number; time: string; key: string };
  /** Verified records after the last verified seal (all of them when there is no seal). */
  unsealed: number;
  firstBad?: BadRecord;
}

export function describeBadRecord(b: BadRecord): string {
  return `record ${b.seq}: ${VerifyReason[b.reason]}: ${b.detail}`;
}

export const START_OF_CHAIN: ChainPosition = { seq: 0, hash: GENESIS_HASH, time: "" };

/** Verifies a chain fed to it one record at a time, from `start` on. */
export class ChainVerifier {
  private position: ChainPosition;
  private records = 0;
  private seals = 0;
  private lastSeal: VerifyResult["lastSeal"];
  private unsealed = 0;
  private bad: BadRecord | undefined;

  constructor(
    private readonly keyring: AuditKeyring,
    start: ChainPosition = START_OF_CHAIN,
  ) {
    this.position = { ...start };
  }

  get failed(): BadRecord | undefined {
    return this.bad;
  }

  get head(): ChainPosition {
    return this.position;
  }

  /** Checks a stored row; returns the problem (and keeps it: every later call returns it too). */
  row(row: AuditRow): BadRecord | undefined {
    if (this.bad) return this.bad;
    if (!this.inSequence(row.seq)) return this.bad;
    let record: AuditRecord;
    try {
      record = recordOfRow(row);
    } catch (e) {
      return this.fail(row.seq, "malformed", e instanceof Error ? e.message : String(e));
    }
    return this.record(record);
  }

  /** Checks a record (already parsed). */
  record(r: AuditRecord): BadRecord | undefined {
    if (this.bad) return this.bad;
    if (!this.inSequence(r.seq)) return this.bad;
    const p = this.position;
    if (r.prev !== p.hash)
      return this.fail(
        r.seq,
        "reordered",
        `prev ${short(r.prev)}, record ${p.seq} hashes to ${short(p.hash)}`,
      );
    let digest: string;
    try {
      digest = recordDigest(r.seq, r.time, r.kind, r.body);
    } catch (e) {
      return this.fail(r.seq, "malformed", e instanceof Error ? e.message : String(e));
    }
    const hash = chainHash(r.prev, digest);
    if (hash !== r.hash)
      return this.fail(r.seq, "edited", `stored ${short(r.hash)}, content hashes to ${short(hash)}`);
    if (r.time < p.time) return this.fail(r.seq, "timeOrder", `${r.time} after ${p.time}`);
    if (r.kind === "seal") {
      const problem = this.checkSeal(r);
      if (problem) return problem;
    }
    this.advance(r.seq, hash, r.time);
    if (r.kind === "seal") {
      this.seals++;
      this.unsealed = 0;
      this.lastSeal = { seq: r.seq, time: r.time, key: r.body["key"] as string };
    }
    return undefined;
  }

  /** Checks a record an export left out, known only by its seq and content digest. */
  redacted(seq: number, digest: string): BadRecord | undefined {
    if (this.bad) return this.bad;
    if (!this.inSequence(seq)) return this.bad;
    if (!isHashHex(digest)) return this.fail(seq, "malformed", "digest is not a SHA-256 hex digest");
    this.advance(seq, chainHash(this.position.hash, digest), this.position.time);
    return undefined;
  }

  result(): VerifyResult {
    const out: VerifyResult = {
      ok: this.bad === undefined,
      records: this.records,
      seals: this.seals,
      head: { ...this.position },
      unsealed: this.unsealed,
    };
    if (this.lastSeal) out.lastSeal = this.lastSeal;
    if (this.bad) out.firstBad = this.bad;
    return out;
  }

  private inSequence(seq: number): boolean {
    const expected = this.position.seq + 1;
    if (seq === expected) return true;
    if (seq > expected) {
      const missing = seq - expected === 1 ? `record ${expected} is` : `records ${expected}–${seq - 1} are`;
      this.fail(expected, "deleted", `${missing} missing (the next present is ${seq})`);
    } else this.fail(seq, "reordered", `seq ${seq} after record ${this.position.seq}`);
    return false;
  }

  private checkSeal(r: AuditRecord): BadRecord | undefined {
    const b = r.body;
    const { head, count, key, signature } = b;
    if (
      typeof head !== "string" ||
      typeof count !== "number" ||
      typeof key !== "string" ||
      typeof signature !== "string"
    )
      return this.fail(r.seq, "badSeal", "a seal needs head, count, key and signature");
    if (head !== r.prev || count !== r.seq - 1)
      return this.fail(
        r.seq,
        "badSeal",
        `seals ${count} records ending ${short(head)}, stands after ${r.seq - 1}`,
      );
    const publicKey = this.keyring.get(key);
    if (!publicKey) return this.fail(r.seq, "unknownKey", `key ${short(key)} is not among the trusted keys`);
    if (!verifyMessage(publicKey, sealMessage(head, count, r.time, key), signature))
      return this.fail(r.seq, "badSignature", `signature does not verify with key ${short(key)}`);
    return undefined;
  }

  private advance(seq: number, hash: string, time: string): void {
    this.position = { seq, hash, time };
    this.records++;
    this.unsealed++;
  }

  private fail(seq: number, reason: VerifyReason, detail: string): BadRecord {
    this.bad = { seq, reason, detail };
    return this.bad;
  }
}

function short(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 16)}…` : hash;
}

/** Verifies a whole store, reading it in batches of `batch` rows. */
export async function verifyAuditStore(
  store: AuditStore,
  keyring: AuditKeyring,
  options: { batch?: number } = {},
): Promise<VerifyResult> {
  const batch = options.batch ?? 2000;
  const v = new ChainVerifier(keyring);
  let from = 1;
  for (;;) {
    const rows = await store.read(from, batch);
    for (const row of rows) if (v.row(row)) return v.result();
    if (rows.length < batch) break;
    from = rows.at(-1)!.seq + 1;
  }
  return v.result();
}
