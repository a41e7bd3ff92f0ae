import { isoTime, type Ss7Address, type Ss7Message } from "../codec/stack/message.js";
import type { Ss7Scan } from "../codec/stack/scan.js";
import type { ByteLineWriter } from "./output.js";

/** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the times ISO 8601's four-digit years can write. */
const ISO_FIRST_SECOND = -62_167_219_200;
const ISO_LAST_SECOND = 253_402_300_799;

/**
 * The capture time as ISO 8601. A timestamp no four-digit year can hold (a corrupt pcapng block with an odd
 * if_tsresol or if_tsoffset can claim any 64-bit time) is written as seconds since the epoch instead, so
 * one bad packet neither aborts the run (`Date` throws past ±275 760 years) nor prints a malformed time.
 */
export function formatTime(seconds: number, nanoseconds: number): string {
  if (seconds >= ISO_FIRST_SECOND && seconds <= ISO_LAST_SECOND) return isoTime(seconds, nanoseconds);
  return `${seconds}.${String(nanoseconds).padStart(9, "0")}`;
}

/** The `--json` record: the message with its time as ISO 8601, keys in reading order (layers bottom up). */
export function toJsonRecord(m: Ss7Message): Record<string, unknown> {
  const { seconds, nanoseconds, frame, sccp, tcap, components, error, ...transport } = m;
  const record: Record<string, unknown> = {
    frame,
    time: formatTime(seconds, nanoseconds),
    ...transport,
    sccp,
  };
  if (tcap) record.tcap = tcap;
  record.components = components;
  if (error !== undefined) record.error = error;
  return record;
}

function addr(a: Ss7Address): string {
  const parts: string[] = [];
  if (a.gt !== undefined) parts.push(a.gt);
  if (a.ssn !== undefined) parts.push(`ssn ${a.ssn}`);
  if (a.pc !== undefined) parts.push(`pc ${a.pc}`);
  return parts.join(" ") || "-";
}

/** One readable line: frame, time, point codes, SCCP addresses, TCAP and every component. */
export function formatSummaryLine(m: Ss7Message): string {
  const head = `${m.frame} ${formatTime(m.seconds, m.nanoseconds)} ${m.opc}→${m.dpc} ${m.sccp.type} ${addr(m.sccp.calling)} → ${addr(m.sccp.called)}`;
  if (!m.tcap) return `${head}${m.error ? ` [${m.error}]` : ""}`;
  const t = m.tcap;
  const tids = [t.otid && `otid ${t.otid}`, t.dtid && `dtid ${t.dtid}`].filter(Boolean).join(" ");
  const comps = m.components.map((c) => {
    let s = `${c.type}#${c.invokeId ?? "-"}`;
    if (c.operation !== undefined || c.opcode !== undefined) s += ` ${c.operation ?? `op ${c.opcode}`}`;
    if (c.errorCode !== undefined) s += ` error ${c.error ?? c.errorCode}`;
    if (c.imsi) s += ` imsi ${c.imsi}`;
    if (c.msisdn) s += ` msisdn ${c.msisdn}`;
    if (c.problemType) s += ` ${c.problemType} problem ${c.problem}`;
    return s;
  });
  const abort = t.pAbortCause !== undefined ? ` p-abort ${t.pAbortCause}` : "";
  return `${head} | ${t.type} ${tids}${abort}${comps.length ? ` | ${comps.join("; ")}` : ""}${m.error ? ` [${m.error}]` : ""}`;
}

/** Column names of `decode --tsv`. */
export const TSV_HEADER = "frame\topc\tdpc\tcalling\tcalled\ttcap\topcode\timsi\tmsisdn";

const TCAP_TYPE_NAME = ["", "Unidirectional", "Begin", "", "End", "Continue", "", "Abort"];

/** One `decode --tsv` line from the fast-path scan, written as bytes. */
export function writeTsvLine(out: ByteLineWriter, s: Ss7Scan): void {
  out.int(s.frame).tab().int(s.opc).tab().int(s.dpc).tab();
  const b = s.sccpBytes;
  const calling = s.sccp.calling;
  const called = s.sccp.called;
  // GT digits and identities are copied from the message bytes, not from the decoded strings (no rope flattening).
  if (calling.globalTitleIndicator >= 1 && calling.globalTitleIndicator <= 4) {
    out.bcd(b, calling.digitsStart, calling.digitsEnd, calling.odd);
  }
  out.tab();
  if (called.globalTitleIndicator >= 1 && called.globalTitleIndicator <= 4) {
    out.bcd(b, called.digitsStart, called.digitsEnd, called.odd);
  }
  out.tab();
  if (s.tcapValid) out.ascii(TCAP_TYPE_NAME[s.tcap.messageType] ?? "");
  out.tab();
  if (s.opcode >= 0) out.int(s.opcode);
  const ids = s.identities;
  const d = s.tcap.bytes;
  out.tab();
  if (ids.imsi !== undefined) out.tbcd(d, ids.imsiStart, ids.imsiEnd);
  out.tab();
  // ISDN-AddressString: the first octet is nature of address and numbering plan.
  if (ids.msisdn !== undefined) out.tbcd(d, ids.msisdnStart + 1, ids.msisdnEnd);
  out.endLine();
}
