/**
 * Reconciliation: an operator's own capture of its interconnect against the aggregator's signed log.
 *
 * Every MAP dialogue our GTs open (a TCAP Begin whose calling GT is one of ours) must have a `dialogue`
 * record: same calling GT, same TCAP otid, start time within `toleranceMs`, same operation, same peer (the
 * called GT), and, when the operator holds the identity key, the same subscriber. A Begin with no such
 * record is *unaccounted*: signalling sent from a leased GT that the aggregator's log does not own up to
 * (the location queries a lessee sends behind the aggregator's back). A Begin that finds a record by
 * GT/otid/time but differs in operation, peer or subscriber is unaccounted too, with the difference named.
 * Logged dialogues the capture lacks are listed as *missing*: only those inside the capture's time span,
 * and toward `peers` when given, since a capture of one operator's links cannot hold dialogues to others.
 *
 * Pure: the capture is read by the caller (`ss7guard audit reconcile` reads pcap/pcapng with the decoding
 * stack) and handed over as `CapturedDialogue`s.
 */
import { type AuditExport, exportedRecords } from "./export.js";
import { type AuditRecord, formatAuditTime, hashIdentity, type IdentityKind } from "./record.js";

/** One dialogue start seen in the capture. */
export interface CapturedDialogue {
  /** 1-based frame number in the capture. */
  frame: number;
  /** Capture time, ms since the epoch (fractional). */
  timeMs: number;
  /** Calling and called GT digits. */
  gt: string;
  peer: string;
  /** Local opcode of the first invoke, -1 when there is none; its TS 29.002 name when known. */
  opcode: number;
  operation: string;
  otid: string;
  imsi?: string;
  msisdn?: string;
}

export interface ReconcileOptions {
  /** GT prefixes that are ours (the aggregator's leased ranges). */
  ourGts: readonly string[];
  /** The deployment's identity key: with it, the subscriber is compared too. */
  identityKey?: Uint8Array;
  /** How far apart the logged start and the capture time may be. Default 2000 ms. */
  toleranceMs?: number;
  /** Count logged dialogues as missing only when their peer starts with one of these. */
  peers?: readonly string[];
  /** The capture's first and last message time (ms), bounding what it can be expected to hold. */
  captureSpan?: { firstMs: number; lastMs: number };
}

export interface UnaccountedDialogue {
  frame: number;
  time: string;
  gt: string;
  peer: string;
  operation: string;
  opcode: number;
  otid: string;
  imsi?: string;
  msisdn?: string;
  /** "not in the log", or what differs from the record that has its GT and otid. */
  reason: string;
  /** The record it was compared with, when one had its GT and otid. */
  seq?: number;
}

export interface MissingDialogue {
  seq: number;
  start: string;
  gt: string;
  peer: string;
  operation: string;
  otid: string;
}

export interface ReconcileReport {
  from: string;
  to: string;
  /** Dialogue starts from our GTs in the capture, and those inside the export's range. */
  captured: number;
  inRange: number;
  /** Dialogue records in the export. */
  logged: number;
  matched: number;
  unaccounted: UnaccountedDialogue[];
  missing: MissingDialogue[];
  /** Capture dialogues outside the export's time range (not judged). */
  outsideRange: number;
}

interface LoggedDialogue {
  record: AuditRecord;
  startMs: number;
  gt: string;
  peer: string;
  opcode: number;
  operation: string;
  otid: string;
  target?: { kind: IdentityKind; hash: string };
  used: boolean;
}

export const DEFAULT_TOLERANCE_MS = 2000;

function loggedDialogue(r: AuditRecord): LoggedDialogue | undefined {
  const b = r.body;
  if (typeof b["gt"] !== "string" || typeof b["otid"] !== "string") return undefined;
  const start = typeof b["start"] === "string" ? Date.parse(b["start"]) : Date.parse(r.time);
  const target = b["target"];
  const d: LoggedDialogue = {
    record: r,
    startMs: Number.isFinite(start) ? start : Date.parse(r.time),
    gt: b["gt"],
    peer: typeof b["peer"] === "string" ? b["peer"] : "",
    opcode: typeof b["opcode"] === "number" ? b["opcode"] : -1,
    operation: typeof b["operation"] === "string" ? b["operation"] : "",
    otid: b["otid"].toLowerCase(),
    used: false,
  };
  if (
    typeof target === "object" &&
    target !== null &&
    !Array.isArray(target) &&
    (target["kind"] === "imsi" || target["kind"] === "msisdn") &&
    typeof target["hash"] === "string"
  )
    d.target = { kind: target["kind"], hash: target["hash"] };
  return d;
}

/** What differs between a captured dialogue and the record with its GT and otid ("" when nothing). */
function differences(c: CapturedDialogue, d: LoggedDialogue, key: Uint8Array | undefined): string {
  const out: string[] = [];
  if (c.opcode !== d.opcode) out.push(`logged as ${d.operation || `opcode ${d.opcode}`}`);
  if (d.peer !== "" && c.peer !== d.peer) out.push(`logged toward ${d.peer}`);
  if (key && d.target) {
    const value = d.target.kind === "imsi" ? c.imsi : d.target.kind === "msisdn" ? c.msisdn : undefined;
    if (value !== undefined && hashIdentity(key, d.target.kind, value) !== d.target.hash)
      out.push(`logged for another ${d.target.kind}`);
    else if (value === undefined) out.push(`the capture names no ${d.target.kind}`);
  }
  return out.join(", ");
}

/** Matches `captured` against the dialogue records of `extract` (verify the export first). */
export function reconcile(
  extract: AuditExport,
  captured: readonly CapturedDialogue[],
  options: ReconcileOptions,
): ReconcileReport {
  const tolerance = options.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  const fromMs = Date.parse(extract.from);
  const toMs = Date.parse(extract.to);
  const byKey = new Map<string, LoggedDialogue[]>();
  let logged = 0;
  const all: LoggedDialogue[] = [];
  for (const r of exportedRecords(extract)) {
    if (r.kind !== "dialogue") continue;
    const d = loggedDialogue(r);
    if (!d) continue;
    logged++;
    all.push(d);
    const k = `${d.gt}|${d.otid}`;
    const list = byKey.get(k);
    if (list) list.push(d);
    else byKey.set(k, [d]);
  }
  const ours = (gt: string): boolean => options.ourGts.some((p) => gt.startsWith(p));
  const report: ReconcileReport = {
    from: extract.from,
    to: extract.to,
    captured: 0,
    inRange: 0,
    logged,
    matched: 0,
    unaccounted: [],
    missing: [],
    outsideRange: 0,
  };
  for (const c of captured) {
    if (!ours(c.gt)) continue;
    report.captured++;
    if (c.timeMs < fromMs - tolerance || c.timeMs >= toMs + tolerance) {
      report.outsideRange++;
      continue;
    }
    report.inRange++;
    // The unused record with this GT and otid closest in time, within the tolerance.
    let best: LoggedDialogue | undefined;
    for (const d of byKey.get(`${c.gt}|${c.otid.toLowerCase()}`) ?? []) {
      const gap = Math.abs(d.startMs - c.timeMs);
      if (d.used || gap > tolerance) continue;
      if (!best || gap < Math.abs(best.startMs - c.timeMs)) best = d;
    }
    const diff = best ? differences(c, best, options.identityKey) : "not in the log";
    if (best) best.used = true;
    if (diff === "") {
      report.matched++;
      continue;
    }
    const u: UnaccountedDialogue = {
      frame: c.frame,
      time: formatAuditTime(Math.floor(c.timeMs)),
      gt: c.gt,
      peer: c.peer,
      operation: c.operation,
      opcode: c.opcode,
      otid: c.otid,
      reason: diff,
    };
    if (c.imsi !== undefined) u.imsi = c.imsi;
    if (c.msisdn !== undefined) u.msisdn = c.msisdn;
    if (best) u.seq = best.record.seq;
    report.unaccounted.push(u);
  }
  const span = options.captureSpan;
  for (const d of all) {
    if (d.used) continue;
    if (span && (d.startMs < span.firstMs - tolerance || d.startMs > span.lastMs + tolerance)) continue;
    if (options.peers && !options.peers.some((p) => d.peer.startsWith(p))) continue;
    report.missing.push({
      seq: d.record.seq,
      start: formatAuditTime(d.startMs),
      gt: d.gt,
      peer: d.peer,
      operation: d.operation,
      otid: d.otid,
    });
  }
  return report;
}
