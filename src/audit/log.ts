/**
 * The append side of the audit trail: one `AuditLog` per process writes records to an `AuditStore`,
 * chaining each to the last, and seals the chain with Ed25519 every `sealEvery` records and every
 * `sealIntervalMs` while there is something unsealed.
 *
 * Appends are group-committed: every `append` called while a write is in flight (or in the same tick) goes
 * into the next store transaction, and each promise resolves once its record is durable. So a gateway can
 * await the audit record before it answers a client without paying one fsync per message. If another
 * process appended to the same store meanwhile, the batch is rebuilt on the new head and retried.
 */
import type { KeyObject } from "node:crypto";
import { canonicalJson, isJsonObject, type JsonObject } from "./canonical.js";
import { AuditKeyring, keyFingerprint, signMessage } from "./keys.js";
import {
  type AuditKind,
  type AuditRecord,
  AuditRecordError,
  buildRecord,
  formatAuditTime,
  GENESIS_HASH,
  isAuditKind,
  recordOfRow,
  rowOf,
  type SealBody,
  sealMessage,
} from "./record.js";
import { AuditConflictError, type AuditStore } from "./store.js";
import { type VerifyResult, verifyAuditStore } from "./verify.js";

export interface AuditLogOptions {
  store: AuditStore;
  /** Ed25519 private key that signs seals; without it the log appends but never seals. */
  signingKey?: KeyObject;
  /** Seal after this many records since the last seal; 0 turns count-based sealing off. Default 1000. */
  sealEvery?: number;
  /** Seal this often while records are unsealed; 0 turns the timer off. Default 60 000 (one minute). */
  sealIntervalMs?: number;
  /** The clock (ms since the epoch). Default `Date.now`. */
  now?: () => number;
  /** Hears errors of timer-driven seals (no caller to reject). Default: a process warning. */
  onError?: (e: unknown) => void;
}

export const DEFAULT_SEAL_EVERY = 1000;
export const DEFAULT_SEAL_INTERVAL_MS = 60_000;
/** Most records in one store transaction. */
const MAX_BATCH = 500;
const MAX_CONFLICT_RETRIES = 5;

interface Pending {
  kind: AuditKind;
  body: JsonObject | undefined;
  resolve: (r: AuditRecord | undefined) => void;
  reject: (e: unknown) => void;
}

interface Head {
  seq: number;
  hash: string;
  time: string;
  /** Records after the last seal. */
  unsealed: number;
}

export class AuditLog {
  private head: Head;
  private readonly pending: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly sealEvery: number;
  private readonly now: () => number;
  private readonly keyId: string | undefined;

  private constructor(
    private readonly options: AuditLogOptions,
    head: Head,
  ) {
    this.head = head;
    this.sealEvery = options.sealEvery ?? DEFAULT_SEAL_EVERY;
    this.now = options.now ?? Date.now;
    this.keyId = options.signingKey ? keyFingerprint(options.signingKey) : undefined;
    const interval = options.sealIntervalMs ?? DEFAULT_SEAL_INTERVAL_MS;
    if (options.signingKey && interval > 0) {
      this.timer = setInterval(() => {
        if (this.head.unsealed > 0)
          this.seal().catch(
            options.onError ?? ((e) => process.emitWarning(`audit seal failed: ${String(e)}`)),
          );
      }, interval);
      this.timer.unref();
    }
  }

  /** Opens the log on `store`, continuing its chain. */
  static async open(options: AuditLogOptions): Promise<AuditLog> {
    if (options.signingKey && options.signingKey.type !== "private")
      throw new AuditRecordError("the signing key must be a private key");
    return new AuditLog(options, await loadHead(options.store));
  }

  /** The last record's seq and hash, and how many records follow the last seal. */
  get chainHead(): Readonly<Head> {
    return this.head;
  }

  /** The signing key's fingerprint, when the log has one. */
  get keyFingerprint(): string | undefined {
    return this.keyId;
  }

  /** Appends one record; resolves with it once it is durable. `seal` records come from `seal()` only. */
  append(kind: AuditKind, body: JsonObject): Promise<AuditRecord> {
    if (!isAuditKind(kind) || kind === "seal")
      return Promise.reject(new AuditRecordError(`cannot append a record of kind ${JSON.stringify(kind)}`));
    if (!isJsonObject(body))
      return Promise.reject(new AuditRecordError("a record body must be a JSON object"));
    let snapshot: JsonObject;
    try {
      // A snapshot in canonical form: a body without one fails here, alone, and later edits of the
      // caller's object cannot change what is written.
      snapshot = JSON.parse(canonicalJson(body)) as JsonObject;
    } catch (e) {
      return Promise.reject(e);
    }
    return this.enqueue(kind, snapshot) as Promise<AuditRecord>;
  }

  /** Seals the chain now; resolves with the seal record, or undefined when nothing is unsealed. */
  seal(): Promise<AuditRecord | undefined> {
    if (!this.options.signingKey)
      return Promise.reject(new AuditRecordError("this audit log has no signing key"));
    return this.enqueue("seal", undefined);
  }

  /** Verifies the whole store against `publicKeys` (default: this log's own key). */
  verify(publicKeys?: KeyObject | readonly KeyObject[]): Promise<VerifyResult> {
    const keys = publicKeys ?? this.options.signingKey;
    if (!keys) return Promise.reject(new AuditRecordError("verify needs a public key"));
    return verifyAuditStore(this.options.store, new AuditKeyring(keys));
  }

  /**
   * Stops the seal timer, waits for pending appends, and seals the tail (unless `seal: false` or no key).
   * The store stays open: it belongs to the caller.
   */
  async close(options: { seal?: boolean } = {}): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.closed) return;
    if (options.seal !== false && this.options.signingKey) await this.seal();
    else await this.flushing;
    this.closed = true;
  }

  private enqueue(kind: AuditKind, body: JsonObject | undefined): Promise<AuditRecord | undefined> {
    if (this.closed) return Promise.reject(new AuditRecordError("the audit log is closed"));
    return new Promise((resolve, reject) => {
      this.pending.push({ kind, body, resolve, reject });
      // Everything enqueued in this tick (and during a write) goes into one transaction.
      this.flushing ??= Promise.resolve().then(() => this.flush());
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        await this.write(batch);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      let built: { records: (AuditRecord | undefined)[]; rows: AuditRecord[]; head: Head };
      try {
        built = this.build(batch);
      } catch (e) {
        for (const p of batch) p.reject(e);
        return;
      }
      try {
        if (built.rows.length > 0) await this.options.store.append(built.rows.map(rowOf));
      } catch (e) {
        if (e instanceof AuditConflictError && attempt < MAX_CONFLICT_RETRIES) {
          this.head = await loadHead(this.options.store);
          continue;
        }
        for (const p of batch) p.reject(e);
        return;
      }
      this.head = built.head;
      for (let i = 0; i < batch.length; i++) batch[i]!.resolve(built.records[i]);
      return;
    }
  }

  /** The records of `batch` chained onto the head, with seals where they are due. */
  private build(batch: Pending[]): { records: (AuditRecord | undefined)[]; rows: AuditRecord[]; head: Head } {
    let head = { ...this.head };
    const rows: AuditRecord[] = [];
    const records: (AuditRecord | undefined)[] = [];
    const add = (kind: AuditKind, body: JsonObject, time: string): AuditRecord => {
      const r = buildRecord(head.seq + 1, time, kind, body, head.hash);
      rows.push(r);
      head = { seq: r.seq, hash: r.hash, time: r.time, unsealed: kind === "seal" ? 0 : head.unsealed + 1 };
      return r;
    };
    for (const p of batch) {
      const time = this.time(head.time);
      if (p.kind === "seal") {
        records.push(head.unsealed > 0 ? add("seal", this.sealBody(head, time), time) : undefined);
        continue;
      }
      records.push(add(p.kind, p.body!, time));
      if (this.options.signingKey && this.sealEvery > 0 && head.unsealed >= this.sealEvery)
        add("seal", this.sealBody(head, time), time);
    }
    return { records, rows, head };
  }

  private sealBody(head: Head, time: string): SealBody {
    const key = this.keyId!;
    const signature = signMessage(this.options.signingKey!, sealMessage(head.hash, head.seq, time, key));
    return { head: head.hash, count: head.seq, key, signature };
  }

  /** Now, but never before the last record: times are non-decreasing along the chain. */
  private time(after: string): string {
    const t = formatAuditTime(this.now());
    return t < after ? after : t;
  }
}

async function loadHead(store: AuditStore): Promise<Head> {
  const last = await store.last();
  if (!last) return { seq: 0, hash: GENESIS_HASH, time: "", unsealed: 0 };
  const record = recordOfRow(last);
  const seal = record.kind === "seal" ? record : await store.seal();
  return { seq: record.seq, hash: record.hash, time: record.time, unsealed: record.seq - (seal?.seq ?? 0) };
}
