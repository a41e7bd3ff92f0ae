/**
 * Signed extracts of the audit trail for an operator: the records of a time range, shown to stand in the
 * full chain and to be covered by a seal, signed as a whole.
 *
 * Format (`ss7guard-audit-export/1`, one JSON document):
 *
 *   {
 *     "format": "ss7guard-audit-export/1",
 *     "created": "2026-01-01T01:00:00.000Z",
 *     "from": "…", "to": "…",              requested range, from ≤ time < to
 *     "key": "<fingerprint>",              the signing key (SHA-256 of its SPKI DER)
 *     "before": { "seq": 41, "hash": "…" } the record before the first one shown (seq 0 = start of chain)
 *     "first": 42, "last": 97,             seqs of the records in the range (null, null when none)
 *     "records": [ … ],                    seq before.seq+1 … the covering seal, each either a full record
 *                                          or { "seq", "redacted": true, "digest" }
 *     "signature": "<base64 Ed25519 over the canonical JSON of everything above>"
 *   }
 *
 * `records` runs on past `last` to the first seal at or after it (the covering seal, shown in full): the
 * records in between are redacted, so the operator can recompute the chain from `before.hash` to a head the
 * seal signs without seeing them. Records in the range may be redacted too, when the export is restricted
 * to dialogues with some peers (`peers`): another operator's traffic is not this operator's business, but it
 * still has to link. Seals are always shown in full. A range that reaches into the unsealed tail is sealed
 * first (when the exporter holds the log), since nothing but a seal ties the records to the chain.
 */
import type { KeyObject } from "node:crypto";
import { canonicalJson, isJsonObject } from "./canonical.js";
import { AuditKeyring, keyFingerprint, signMessage, verifyMessage } from "./keys.js";
import {
  type AuditRecord,
  formatAuditTime,
  GENESIS_HASH,
  isAuditTime,
  isHashHex,
  recordDigest,
  recordOfRow,
} from "./record.js";
import type { AuditStore } from "./store.js";
import { type BadRecord, ChainVerifier, describeBadRecord } from "./verify.js";

export const EXPORT_FORMAT = "ss7guard-audit-export/1";

export interface RedactedRecord {
  seq: number;
  redacted: true;
  digest: string;
}

export type ExportEntry = AuditRecord | RedactedRecord;

export interface AuditExport {
  format: typeof EXPORT_FORMAT;
  created: string;
  from: string;
  to: string;
  key: string;
  before: { seq: number; hash: string };
  first: number | null;
  last: number | null;
  records: ExportEntry[];
  signature: string;
}

export function isRedacted(e: ExportEntry): e is RedactedRecord {
  return (e as RedactedRecord).redacted === true;
}

export class AuditExportError extends Error {
  override name = "AuditExportError";
}

export interface ExportOptions {
  /** Range start (inclusive) and end (exclusive): ISO 8601 times or ms since the epoch. */
  from: string | number;
  to: string | number;
  /** The private key the log's seals are made with; it signs the export. */
  signingKey: KeyObject;
  /** Show in full only dialogue records whose peer GT starts with one of these (seals always). */
  peers?: readonly string[];
  /**
   * Seals the log when no seal covers the range yet (`AuditLog.seal` of the writer). Without it such an
   * export fails.
   */
  seal?: () => Promise<unknown>;
  /** The export's creation time. Default now. */
  now?: () => number;
}

const FIRST_TIME = "0000-01-01T00:00:00.000Z";
const BATCH = 2000;

function timeArg(t: string | number, what: string): string {
  const ms = typeof t === "number" ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw new AuditExportError(`${what} is not a time: ${String(t)}`);
  return formatAuditTime(ms);
}

/**
 * Builds and signs the export of `[from, to)` from `store`. The exported stretch of the chain is verified
 * on the way (with the signing key's public half): a store that was tampered with is not exported from.
 */
export async function exportRange(store: AuditStore, options: ExportOptions): Promise<AuditExport> {
  const from = timeArg(options.from, "--from");
  const to = timeArg(options.to, "--to");
  if (to <= from) throw new AuditExportError(`the range is empty: ${to} is not after ${from}`);
  const key = keyFingerprint(options.signingKey);
  const beforeSeq = (await store.seqRange(FIRST_TIME, from))?.last ?? 0;
  const range = await store.seqRange(from, to);
  const last = await store.last();
  let records: ExportEntry[] = [];
  let beforeHash = GENESIS_HASH;
  if (beforeSeq > 0) {
    const [row] = await store.read(beforeSeq, 1, beforeSeq);
    if (!row) throw new AuditExportError(`record ${beforeSeq} vanished while exporting`);
    beforeHash = recordOfRow(row).hash;
  }
  if (range && range.first !== beforeSeq + 1)
    throw new AuditExportError(`records ${beforeSeq + 1}–${range.first - 1} are out of time order`);
  if (last && last.seq > beforeSeq) {
    // The first record the export must show; the covering seal is the first seal at or after it.
    const target = range ? range.last : beforeSeq + 1;
    let cover = await store.seal(target - 1);
    if (!cover && options.seal) {
      await options.seal();
      cover = await store.seal(target - 1);
    }
    if (!cover) throw new AuditExportError(`no seal covers record ${target} yet (seal the log first)`);
    const keyring = new AuditKeyring(options.signingKey);
    const verifier = new ChainVerifier(keyring, { seq: beforeSeq, hash: beforeHash, time: "" });
    const peers = options.peers;
    for (let seq = beforeSeq + 1; seq <= cover.seq; ) {
      const rows = await store.read(seq, BATCH, cover.seq);
      if (rows.length === 0) break;
      for (const row of rows) {
        const bad = verifier.row(row);
        if (bad) throw new AuditExportError(`the log does not verify: ${describeBadRecord(bad)}`);
        const r = recordOfRow(row);
        const inRange = range !== undefined && r.seq >= range.first && r.seq <= range.last;
        const shown =
          r.kind === "seal" || (inRange && (!peers || (r.kind === "dialogue" && peerMatches(r, peers))));
        records.push(
          shown ? r : { seq: r.seq, redacted: true, digest: recordDigest(r.seq, r.time, r.kind, r.body) },
        );
      }
      seq = rows.at(-1)!.seq + 1;
    }
    if (verifier.head.seq !== cover.seq)
      throw new AuditExportError(`the log does not verify: record ${verifier.head.seq + 1} is missing`);
  } else records = [];
  const unsigned: Omit<AuditExport, "signature"> = {
    format: EXPORT_FORMAT,
    created: formatAuditTime((options.now ?? Date.now)()),
    from,
    to,
    key,
    before: { seq: beforeSeq, hash: beforeHash },
    first: range?.first ?? null,
    last: range?.last ?? null,
    records,
  };
  return { ...unsigned, signature: signMessage(options.signingKey, exportMessage(unsigned)) };
}

function peerMatches(r: AuditRecord, peers: readonly string[]): boolean {
  const peer = r.body["peer"];
  return typeof peer === "string" && peers.some((p) => peer.startsWith(p));
}

function exportMessage(unsigned: object): Buffer {
  return Buffer.from(canonicalJson(unsigned), "utf8");
}

export interface ExportVerifyResult {
  ok: boolean;
  /** What is wrong with the export as a whole (format, key, signature, range), when that is the problem. */
  error?: string;
  /** The first record that does not verify, when that is the problem. */
  firstBad?: BadRecord;
  /** Records in the range shown in full, redacted entries, seals shown. */
  records: number;
  redacted: number;
  seals: number;
}

/**
 * Checks an export against the public key(s) the operator was given: its signature, that its records
 * chain from `before.hash` and end in a valid seal, every record's hash and every seal's signature, and
 * that the records said to be in the range are. Never throws for a malformed export.
 */
export function verifyExport(
  extract: unknown,
  publicKeys: KeyObject | readonly KeyObject[],
): ExportVerifyResult {
  const result: ExportVerifyResult = { ok: false, records: 0, redacted: 0, seals: 0 };
  const fail = (error: string): ExportVerifyResult => ({ ...result, error });
  if (!isJsonObject(extract)) return fail("not a JSON object");
  const x = extract as unknown as AuditExport;
  if (x.format !== EXPORT_FORMAT) return fail(`format is ${JSON.stringify(x.format)}, not ${EXPORT_FORMAT}`);
  const keyring = new AuditKeyring(publicKeys);
  const publicKey = typeof x.key === "string" ? keyring.get(x.key) : undefined;
  if (!publicKey) return fail(`signed by key ${String(x.key).slice(0, 16)}…, not the key given`);
  if (typeof x.signature !== "string") return fail("no signature");
  const { signature, ...unsigned } = x;
  let message: Buffer;
  try {
    message = exportMessage(unsigned);
  } catch (e) {
    return fail(`not canonical JSON (${e instanceof Error ? e.message : e})`);
  }
  if (!verifyMessage(publicKey, message, signature)) return fail("the export's signature does not verify");
  if (!isAuditTime(x.from) || !isAuditTime(x.to)) return fail("from/to are not record times");
  const before = x.before;
  if (!isJsonObject(before) || !Number.isSafeInteger(before.seq) || before.seq < 0 || !isHashHex(before.hash))
    return fail("before is not { seq, hash }");
  if ((before.seq as number) === 0 && before.hash !== GENESIS_HASH)
    return fail("before.seq 0 needs the genesis hash");
  if (!Array.isArray(x.records)) return fail("records is not a list");
  const first = x.first;
  const last = x.last;
  if (first === null || last === null) {
    if (first !== last) return fail("first and last must both be null or both be seqs");
  } else if (
    !Number.isSafeInteger(first) ||
    !Number.isSafeInteger(last) ||
    first !== before.seq + 1 ||
    last < first
  )
    return fail("first/last do not follow before");
  // An entry out of place is a reordering when the seq it should have is further on, else a deletion
  // (the chain verifier below, reading one entry at a time, can only tell the latter).
  const seqs = (x.records as unknown[]).map((e) => (isJsonObject(e) ? e["seq"] : undefined));
  const misplaced = seqs.findIndex((s, i) => s !== before.seq + 1 + i);
  if (misplaced >= 0 && seqs.includes(before.seq + 1 + misplaced)) {
    const seq = before.seq + 1 + misplaced;
    return {
      ...result,
      firstBad: {
        seq,
        reason: "reordered",
        detail: `record ${seq} stands at the place of ${String(seqs[misplaced])}`,
      },
    };
  }
  const verifier = new ChainVerifier(keyring, { seq: before.seq, hash: before.hash, time: "" });
  for (const entry of x.records as unknown[]) {
    if (!isJsonObject(entry) || !Number.isSafeInteger(entry["seq"])) return fail("a record without a seq");
    const seq = entry["seq"] as number;
    let bad: BadRecord | undefined;
    if (entry["redacted"] === true) {
      bad = verifier.redacted(seq, String(entry["digest"]));
      if (!bad) result.redacted++;
    } else {
      const r = entry as unknown as AuditRecord;
      let row: AuditRecord;
      try {
        row = recordOfRow({ ...r, body: canonicalJson(r.body) });
      } catch (e) {
        bad = { seq, reason: "malformed", detail: e instanceof Error ? e.message : String(e) };
        return { ...result, firstBad: bad };
      }
      bad = verifier.record(row);
      if (!bad) {
        if (row.kind === "seal") result.seals++;
        const inRange = first !== null && seq >= first && seq <= last!;
        if (inRange) {
          if (row.time < x.from || row.time >= x.to)
            return fail(`record ${seq} (${row.time}) is outside the range it is exported for`);
          if (row.kind !== "seal") result.records++;
        }
      }
    }
    if (bad) return { ...result, firstBad: bad };
  }
  const end = verifier.head.seq;
  if (last !== null && end < last)
    return fail(`records end at ${end}, before the range's last record ${last}`);
  if (x.records.length > 0) {
    const tail = x.records.at(-1) as ExportEntry;
    if (isRedacted(tail) || tail.kind !== "seal") return fail("the records do not end in a seal");
  }
  return { ...result, ok: true };
}

/** The full records of the export's range (dialogues, submissions…; seals left out), in seq order. */
export function exportedRecords(extract: AuditExport): AuditRecord[] {
  const { first, last } = extract;
  if (first === null || last === null) return [];
  return extract.records.filter(
    (e): e is AuditRecord => !isRedacted(e) && e.seq >= first && e.seq <= last && e.kind !== "seal",
  );
}
