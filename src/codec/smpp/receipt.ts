/**
 * SMSC delivery receipts (SMPP 3.4 Appendix B): the de-facto text an SMSC puts in the short_message (or
 * message_payload) of a deliver_sm whose esm_class says "SMSC delivery receipt":
 *
 *   id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:…
 *
 * Appendix B calls the format "SMSC vendor specific" and only suggests it, so receipts in the wild vary:
 * upper-case keys, several spaces, a space after the colon, dates with seconds (12 digits), "submit_date",
 * no text field, ids in hex or decimal. The parser takes all of those; ids are kept exactly as sent,
 * since whether "0A1B" is hex or decimal is the SMSC's business (match it against the submit_sm_resp
 * message_id the same SMSC gave, or against receipted_message_id).
 */
import { EncodeError } from "../errors.js";
import { SmppEsmClass, type SmppReceiptStat } from "./constants.js";
import { latin1 } from "./decode.js";
import type { SmppPdu } from "./types.js";
import { findSmppTlv } from "./util.js";

/** What `formatDeliveryReceipt` writes. */
export interface SmppDeliveryReceiptInput {
  /** The message id as given to the ESME in submit_sm_resp. */
  id: string;
  /** Number of messages originally submitted (numbers are written with 3 digits). */
  sub: number | string;
  /** Number of messages delivered. */
  dlvrd: number | string;
  /** A Date is written as UTC YYMMDDhhmm; a string (10 or 12 digits) as given. */
  submitDate: Date | string;
  doneDate: Date | string;
  /** DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD, ENROUTE. */
  stat: SmppReceiptStat | string;
  /** Network-specific error code (numbers are written with 3 digits). */
  err: number | string;
  /** The first characters of the original message ("" if omitted). */
  text?: string;
}

/** What `parseDeliveryReceipt` reads: every field as the string found, `stat` upper-cased. */
export interface SmppDeliveryReceipt {
  id: string;
  sub?: string;
  dlvrd?: string;
  /** YYMMDDhhmm or YYMMDDhhmmss as sent (`smppReceiptDate` reads it). */
  submitDate?: string;
  doneDate?: string;
  stat: string;
  err?: string;
  /** Everything after "text:", verbatim; absent when the receipt has no text field. */
  text?: string;
}

function fail(field: string, reason: string): never {
  throw new EncodeError("smpp", `receipt ${field}`, reason);
}

function token(field: string, v: string): string {
  if (v.length === 0 || /[\s\0]/.test(v)) fail(field, `${JSON.stringify(v)} is empty or contains whitespace`);
  return v;
}

function count(field: string, v: number | string): string {
  if (typeof v === "string") return token(field, v);
  if (!Number.isInteger(v) || v < 0 || v > 999) fail(field, `${v} is not an integer in 0..999`);
  return String(v).padStart(3, "0");
}

function date(field: string, v: Date | string): string {
  if (typeof v === "string") {
    if (!/^(\d{10}|\d{12})$/.test(v)) fail(field, `${JSON.stringify(v)} is not YYMMDDhhmm or YYMMDDhhmmss`);
    return v;
  }
  if (Number.isNaN(v.getTime()) || v.getUTCFullYear() < 2000 || v.getUTCFullYear() > 2099) {
    fail(field, "not a date in 2000-2099");
  }
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(v.getUTCFullYear() - 2000)}${p(v.getUTCMonth() + 1)}${p(v.getUTCDate())}${p(v.getUTCHours())}${p(v.getUTCMinutes())}`;
}

/** The Appendix B receipt text: `id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…`. */
export function formatDeliveryReceipt(r: SmppDeliveryReceiptInput): string {
  const text = r.text ?? "";
  if (text.includes("\0")) fail("text", "contains NUL");
  return (
    `id:${token("id", r.id)} sub:${count("sub", r.sub)} dlvrd:${count("dlvrd", r.dlvrd)} ` +
    `submit date:${date("submitDate", r.submitDate)} done date:${date("doneDate", r.doneDate)} ` +
    `stat:${token("stat", r.stat)} err:${count("err", r.err)} text:${text}`
  );
}

type Key = "id" | "sub" | "dlvrd" | "submitDate" | "doneDate" | "stat" | "err";

/** Normalised key (lower case, no spaces or underscores) → field. */
const KEYS: ReadonlyMap<string, Key> = new Map([
  ["id", "id"],
  ["sub", "sub"],
  ["dlvrd", "dlvrd"],
  ["submitdate", "submitDate"],
  ["donedate", "doneDate"],
  ["stat", "stat"],
  ["err", "err"],
]);

const LOOKS_LIKE_KEY = /^[A-Za-z_]+:/;

function keyOf(tok: string): Key | undefined {
  const colon = tok.indexOf(":");
  if (colon <= 0) return undefined;
  return KEYS.get(tok.slice(0, colon).toLowerCase().replace(/[\s_]/g, ""));
}

/**
 * Reads a delivery receipt text (or its bytes, read one character per octet). Returns null when the
 * text has no `id:` or no `stat:` field, i.e. is not a receipt. Unknown `key:value` pairs are skipped;
 * the first occurrence of a key wins; trailing NULs are dropped.
 */
export function parseDeliveryReceipt(input: string | Uint8Array): SmppDeliveryReceipt | null {
  let s = typeof input === "string" ? input : latin1(input, 0, input.length);
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 0) n--;
  s = s.slice(0, n);
  let text: string | undefined;
  const t = /(?:^|\s)text\s*:/i.exec(s);
  if (t) {
    text = s.slice(t.index + t[0].length);
    s = s.slice(0, t.index);
  }
  // Plain loops rather than regular expressions over the whole text, so no input can make them backtrack.
  const tokens: string[] = [];
  for (const tok of s.split(/\s+/)) {
    if (tok.length === 0) continue;
    const last = tokens.length - 1;
    const prev = tokens[last];
    if (prev !== undefined && tok.startsWith(":") && !prev.includes(":")) {
      tokens[last] = prev + tok; // "stat :DELIVRD"
    } else if (prev !== undefined && /^date(?:$|[_:])/i.test(tok) && /^(submit|done)$/i.test(prev)) {
      tokens[last] = prev + tok; // "submit date:…" → "submitdate:…"
    } else {
      tokens.push(tok);
    }
  }
  const found: Partial<Record<Key, string>> = {};
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const key = keyOf(tok);
    if (key === undefined) continue;
    let value = tok.slice(tok.indexOf(":") + 1);
    // "id: 1234": the value follows a space, unless what follows is the next key ("sub: dlvrd:001").
    if (value === "" && i + 1 < tokens.length && !LOOKS_LIKE_KEY.test(tokens[i + 1]!)) value = tokens[++i]!;
    if (found[key] === undefined) found[key] = value;
  }
  if (found.id === undefined || found.id === "" || found.stat === undefined || found.stat === "") return null;
  const out: SmppDeliveryReceipt = { id: found.id, stat: found.stat.toUpperCase() };
  if (found.sub !== undefined) out.sub = found.sub;
  if (found.dlvrd !== undefined) out.dlvrd = found.dlvrd;
  if (found.submitDate !== undefined) out.submitDate = found.submitDate;
  if (found.doneDate !== undefined) out.doneDate = found.doneDate;
  if (found.err !== undefined) out.err = found.err;
  if (text !== undefined) out.text = text;
  return out;
}

/**
 * A receipt date (YYMMDDhhmm or YYMMDDhhmmss, years 2000-2099) read as UTC — receipts carry no zone, so
 * the SMSC's local time is only known by agreement. Null when it is not a valid date.
 */
export function smppReceiptDate(text: string): Date | null {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[];
  if (mo! < 1 || mo! > 12 || h! > 23 || mi! > 59 || se! > 59) return null;
  const date = new Date(Date.UTC(2000 + y!, mo! - 1, d!, h!, mi!, se!));
  return date.getUTCDate() === d ? date : null;
}

/** A receipt found in a PDU, with what the SMPP 3.4 TLVs say about the same message. */
export interface SmppReceiptInPdu extends SmppDeliveryReceipt {
  /** §5.3.2.12 receipted_message_id TLV, when sent (preferred over `id` by SMPP 3.4 §2.11). */
  receiptedMessageId?: string;
  /** §5.3.2.35 message_state TLV. */
  messageState?: number;
  /** §5.3.2.31 network_error_code TLV. */
  networkErrorCode?: { networkType: number; errorCode: number };
}

/**
 * The delivery receipt carried by a deliver_sm or data_sm whose esm_class message type is "SMSC delivery
 * receipt" (§5.2.12), read from short_message or, when that is empty, message_payload. Null for any other
 * PDU, or when the text is not a receipt.
 */
export function deliveryReceiptOf(pdu: SmppPdu): SmppReceiptInPdu | null {
  if (pdu.command !== "deliver_sm" && pdu.command !== "data_sm") return null;
  if ((pdu.esmClass & SmppEsmClass.messageTypeMask) !== SmppEsmClass.smscDeliveryReceipt) return null;
  let bytes = pdu.command === "deliver_sm" ? pdu.shortMessage : undefined;
  if (bytes === undefined || bytes.length === 0) bytes = findSmppTlv(pdu.tlvs, "message_payload")?.value;
  if (bytes === undefined) return null;
  const receipt = parseDeliveryReceipt(bytes);
  if (!receipt) return null;
  const out: SmppReceiptInPdu = receipt;
  const id = findSmppTlv(pdu.tlvs, "receipted_message_id");
  if (id) out.receiptedMessageId = id.value;
  const state = findSmppTlv(pdu.tlvs, "message_state");
  if (state) out.messageState = state.value;
  const nec = findSmppTlv(pdu.tlvs, "network_error_code");
  if (nec) out.networkErrorCode = { networkType: nec.networkType, errorCode: nec.errorCode };
  return out;
}
