/**
 * Audit records and how they chain.
 *
 * A record is `{ seq, time, kind, body, prev, hash }`:
 *  - `seq`: 1, 2, 3 … with no gaps (a gap is a deleted record);
 *  - `time`: when it was appended, UTC, `YYYY-MM-DDTHH:MM:SS.sssZ` (never earlier than the record before);
 *  - `kind`: `submission`, `dialogue`, `config-change`, `seal`, or `event` (the open kind: `body.type` says what);
 *  - `body`: a JSON object in the canonical subset (`canonical.ts`); subscriber identities in it are only
 *    ever `hashIdentity` values, never digits;
 *  - `prev`: the `hash` of record `seq − 1` (64 zeros for record 1);
 *  - `hash`: SHA-256(prev ‖ digest) over the 32 raw bytes of each, where
 *    digest = SHA-256(UTF-8(canonicalJson({ seq, time, kind, body }))).
 *
 * Hashing the record's digest rather than its text into the chain is what lets an export leave a record out
 * (a record of another operator's traffic, or one past the requested range) and still prove the chain: the
 * redacted record is shown as its `seq` and `digest`, which links exactly like the full record but says
 * nothing of its content. Because `seq` is inside the digest, a record cannot be moved to another position
 * without changing its hash; because `prev` is inside the hash, no record can be removed, inserted or
 * swapped without breaking the link of the one after it. All hashes are lower-case hex.
 */
import { createHash, createHmac } from "node:crypto";
import { canonicalJson, isJsonObject, type JsonObject } from "./canonical.js";

/** The record kinds this version appends. */
export const AuditKind = ["submission", "dialogue", "config-change", "seal", "event"] as const;
export type AuditKind = (typeof AuditKind)[number];

export function isAuditKind(kind: string): kind is AuditKind {
  return (AuditKind as readonly string[]).includes(kind);
}

export interface AuditRecord {
  readonly seq: number;
  readonly time: string;
  readonly kind: AuditKind;
  readonly body: JsonObject;
  readonly prev: string;
  readonly hash: string;
}

/** A record as a store keeps it: the body as its canonical JSON text. Stores never interpret it. */
export interface AuditRow {
  readonly seq: number;
  readonly time: string;
  readonly kind: string;
  readonly body: string;
  readonly prev: string;
  readonly hash: string;
}

/** The `prev` of record 1. */
export const GENESIS_HASH = "0".repeat(64);

const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HASH_RE = /^[0-9a-f]{64}$/;

export class AuditRecordError extends Error {
  override name = "AuditRecordError";
}

/** `ms` since the epoch as a record time (`Date.toISOString`: fixed width, so times sort as strings). */
export function formatAuditTime(ms: number): string {
  const text = new Date(ms).toISOString();
  if (!TIME_RE.test(text)) throw new AuditRecordError(`time ${text} is outside years 0000–9999`);
  return text;
}

export function isAuditTime(text: string): boolean {
  return TIME_RE.test(text) && !Number.isNaN(Date.parse(text));
}

export function isHashHex(text: unknown): text is string {
  return typeof text === "string" && HASH_RE.test(text);
}

/** SHA-256 of the record's canonical content `{ seq, time, kind, body }`, hex. */
export function recordDigest(seq: number, time: string, kind: string, body: JsonObject): string {
  return createHash("sha256").update(canonicalJson({ seq, time, kind, body }), "utf8").digest("hex");
}

/** SHA-256(prev ‖ digest) over the raw 32-byte values, hex: the record's link in the chain. */
export function chainHash(prev: string, digest: string): string {
  return createHash("sha256")
    .update(Buffer.from(prev, "hex"))
    .update(Buffer.from(digest, "hex"))
    .digest("hex");
}

/** A new record after the one whose hash is `prev`. Throws when the body has no canonical form. */
export function buildRecord(
  seq: number,
  time: string,
  kind: AuditKind,
  body: JsonObject,
  prev: string,
): AuditRecord {
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new AuditRecordError(`seq must be a positive integer, got ${seq}`);
  if (!isAuditTime(time)) throw new AuditRecordError(`time must be YYYY-MM-DDTHH:MM:SS.sssZ, got ${time}`);
  if (!isHashHex(prev)) throw new AuditRecordError("prev must be 64 lower-case hex digits");
  return { seq, time, kind, body, prev, hash: chainHash(prev, recordDigest(seq, time, kind, body)) };
}

export function rowOf(r: AuditRecord): AuditRow {
  return { seq: r.seq, time: r.time, kind: r.kind, body: canonicalJson(r.body), prev: r.prev, hash: r.hash };
}

/**
 * The record a stored row holds, checked for shape only (not for its hash: that is the verifier's job).
 * Throws AuditRecordError naming what is wrong.
 */
export function recordOfRow(row: AuditRow): AuditRecord {
  if (!isAuditTime(row.time))
    throw new AuditRecordError(`time ${JSON.stringify(row.time)} is not a record time`);
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(row.kind) || !isAuditKind(row.kind))
    throw new AuditRecordError(`unknown kind ${JSON.stringify(row.kind)}`);
  if (!isHashHex(row.prev)) throw new AuditRecordError("prev is not a SHA-256 hex digest");
  if (!isHashHex(row.hash)) throw new AuditRecordError("hash is not a SHA-256 hex digest");
  let body: unknown;
  try {
    body = JSON.parse(row.body);
  } catch {
    throw new AuditRecordError("body is not JSON");
  }
  if (!isJsonObject(body)) throw new AuditRecordError("body is not a JSON object");
  return { seq: row.seq, time: row.time, kind: row.kind, body, prev: row.prev, hash: row.hash };
}

// ---------------------------------------------------------------------------------------------------------
// Subscriber identities

export type IdentityKind = "imsi" | "msisdn";

/** A subscriber identity as records hold it: its kind and `hashIdentity` value. */
export interface HashedIdentity extends JsonObject {
  kind: IdentityKind;
  hash: string;
}

/** The least identity key length accepted (128 bits). */
export const MIN_IDENTITY_KEY_BYTES = 16;

/**
 * HMAC-SHA-256(key, "imsi:<digits>" | "msisdn:<digits>"), hex. The key is per deployment and lives in its
 * configuration, never in the log: whoever holds it (the aggregator, and an operator it hands the key to)
 * can match a record to a subscriber it already knows; nobody else can invert 15 digits out of it. `value`
 * may carry a leading "+" and spaces; what is hashed is the digits alone (an MSISDN in international
 * E.164 form, an IMSI as MCC MNC MSIN).
 */
export function hashIdentity(key: Uint8Array, kind: IdentityKind, value: string): string {
  if (key.length < MIN_IDENTITY_KEY_BYTES)
    throw new AuditRecordError(`the identity key must be at least ${MIN_IDENTITY_KEY_BYTES} bytes`);
  const digits = value.replace(/\s+/g, "").replace(/^\+/, "");
  if (!/^\d{1,20}$/.test(digits))
    throw new AuditRecordError(`${kind} must be digits, got ${JSON.stringify(value)}`);
  return createHmac("sha256", key).update(`${kind}:${digits}`, "utf8").digest("hex");
}

export function hashedIdentity(key: Uint8Array, kind: IdentityKind, value: string): HashedIdentity {
  return { kind, hash: hashIdentity(key, kind, value) };
}

// ---------------------------------------------------------------------------------------------------------
// Bodies of the record kinds. A body may carry more fields than these; the verifier hashes whatever is there.

/** A MAP dialogue one of our GTs opened (TCAP Begin), with how it ended. */
export interface DialogueBody extends JsonObject {
  /** TS 29.002 operation name (`sendRoutingInfoForSM`) and its local opcode. */
  operation: string;
  opcode: number;
  /** The subscriber the operation names, hashed; absent when it names none. */
  target?: HashedIdentity;
  /** Our calling GT, and the called GT (the peer). */
  gt: string;
  peer: string;
  /** TCAP originating transaction ID, lower-case hex. */
  otid: string;
  /** When the Begin was sent (record time format). */
  start: string;
  /** "ok", "error:<code>", "reject", "abort", "timeout"… */
  result: string;
  /** The submission this dialogue delivers, if any. */
  submission?: string;
}

/** An SMS accepted from a client. */
export interface SubmissionBody extends JsonObject {
  id: string;
  account: string;
  destination: HashedIdentity;
  /** Sender ID as the client gave it (a brand or a number of the client's, not a subscriber's). */
  source: string;
  segments: number;
  /** "accepted", "rejected:<reason>", "delivered", "failed:<reason>". */
  status: string;
}

/** A configuration change: who, what, and SHA-256 of the configuration before and after. */
export interface ConfigChangeBody extends JsonObject {
  actor: string;
  change: string;
  before?: string;
  after?: string;
}

/** The open kind: `type` names the event. */
export interface EventBody extends JsonObject {
  type: string;
}

/**
 * A seal: the chain head it signs (`head` = the hash of record `count`, which is also the seal's `prev`),
 * the key's fingerprint, and the Ed25519 signature (base64) over `sealMessage`.
 */
export interface SealBody extends JsonObject {
  head: string;
  count: number;
  key: string;
  signature: string;
}

/** What a seal's signature covers: canonical JSON of the head hash, the count, the seal's time and key. */
export function sealMessage(head: string, count: number, time: string, key: string): Buffer {
  return Buffer.from(canonicalJson({ context: "ss7guard-audit-seal/1", count, head, key, time }), "utf8");
}

/** The input for a dialogue record, identities in clear (they are hashed here and never stored). */
export interface DialogueInput {
  operation: string;
  opcode: number;
  imsi?: string;
  msisdn?: string;
  gt: string;
  peer: string;
  otid: string;
  /** ms since the epoch. */
  start: number;
  result: string;
  submission?: string;
}

/** A dialogue body; the target is the IMSI when the operation names one, else the MSISDN. */
export function dialogueBody(identityKey: Uint8Array, d: DialogueInput): DialogueBody {
  const body: DialogueBody = {
    operation: d.operation,
    opcode: d.opcode,
    gt: d.gt,
    peer: d.peer,
    otid: d.otid.toLowerCase(),
    start: formatAuditTime(d.start),
    result: d.result,
  };
  if (d.imsi !== undefined) body.target = hashedIdentity(identityKey, "imsi", d.imsi);
  else if (d.msisdn !== undefined) body.target = hashedIdentity(identityKey, "msisdn", d.msisdn);
  if (d.submission !== undefined) body.submission = d.submission;
  return body;
}
