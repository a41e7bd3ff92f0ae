/**
 * Runs tshark as an independent decoder and returns its fields per frame; projects ss7guard's messages onto
 * the same fields and lists the differences (shared by the oracle tests over SCTP and over TCP).
 */
import { execFileSync } from "node:child_process";
import type { Ss7Message } from "../../src/codec/stack/message.js";

export const ORACLE_FIELDS = [
  "frame.number",
  "mtp3.opc",
  "mtp3.dpc",
  "sccp.message_type",
  "sccp.return_cause",
  "sccp.calling.digits",
  "sccp.called.digits",
  "sccp.calling.ssn",
  "sccp.called.ssn",
  "sccp.calling.pc",
  "sccp.called.pc",
  "sccp.calling.tt",
  "sccp.called.tt",
  "sccp.calling.np",
  "sccp.called.np",
  "sccp.calling.nai",
  "sccp.called.nai",
  "tcap.begin_element",
  "tcap.continue_element",
  "tcap.end_element",
  "tcap.abort_element",
  "tcap.otid",
  "tcap.dtid",
  "tcap.application_context_name",
  "gsm_old.invokeID",
  "gsm_old.localValue",
  "e212.imsi",
  "e164.msisdn",
] as const;
export type OracleField = (typeof ORACLE_FIELDS)[number];
export type TsharkFrame = Record<OracleField, string[]>;

export function tsharkAvailable(): boolean {
  try {
    execFileSync("tshark", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * `tshark -T fields` over FILE with `fields` (which must include frame.number): every occurrence of every
 * field, per frame number.
 */
export function tsharkFieldsOf<F extends string>(
  file: string,
  fields: readonly F[],
  extraArgs: string[] = [],
): Map<number, Record<F, string[]>> {
  const args = [
    "-r",
    file,
    "-n",
    "-T",
    "fields",
    "-E",
    "separator=\t",
    "-E",
    "occurrence=a",
    "-E",
    "aggregator=|",
  ];
  for (const f of fields) args.push("-e", f);
  const text = execFileSync("tshark", [...args, ...extraArgs], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    stdio: ["ignore", "pipe", "ignore"],
  });
  const frameColumn = fields.indexOf("frame.number" as F);
  const out = new Map<number, Record<F, string[]>>();
  for (const line of text.split("\n")) {
    if (!line) continue;
    const cols = line.split("\t");
    const frame = {} as Record<F, string[]>;
    fields.forEach((f, i) => {
      const v = cols[i] ?? "";
      frame[f] = v === "" ? [] : v.split("|");
    });
    out.set(Number(cols[frameColumn]), frame);
  }
  return out;
}

/** `tshark -T fields` over FILE with the oracle's fields, per frame number. */
export function tsharkFields(file: string, extraArgs: string[] = []): Map<number, TsharkFrame> {
  return tsharkFieldsOf(file, ORACLE_FIELDS, extraArgs);
}

const SCCP_TYPE_CODE: Record<string, number> = { UDT: 9, UDTS: 10, XUDT: 17, XUDTS: 18, LUDT: 19, LUDTS: 20 };
const TCAP_ELEMENT: Record<string, OracleField> = {
  Begin: "tcap.begin_element",
  Continue: "tcap.continue_element",
  End: "tcap.end_element",
  Abort: "tcap.abort_element",
};
/** Fields compared as sets (tshark lists every E.164/IMSI it meets, in its own order). */
const SET_FIELDS = new Set<OracleField>(["e212.imsi"]);
/** Fields where ours must be a subset of tshark's (tshark reports every E.164 address string, not only MSISDNs). */
const SUBSET_FIELDS = new Set<OracleField>(["e164.msisdn"]);
const NUMERIC = new Set<OracleField>([
  "mtp3.opc",
  "mtp3.dpc",
  "sccp.message_type",
  "sccp.return_cause",
  "sccp.calling.ssn",
  "sccp.called.ssn",
  "sccp.calling.pc",
  "sccp.called.pc",
  "sccp.calling.tt",
  "sccp.called.tt",
  "sccp.calling.np",
  "sccp.called.np",
  "sccp.calling.nai",
  "sccp.called.nai",
  "gsm_old.invokeID",
  "gsm_old.localValue",
]);

/** ss7guard's messages of one frame, projected onto tshark's field names. */
export function project(messages: readonly Ss7Message[], mapComponents: boolean): TsharkFrame {
  const f = Object.fromEntries(ORACLE_FIELDS.map((k) => [k, [] as string[]])) as unknown as TsharkFrame;
  const put = (k: OracleField, v: string | number | undefined): void => {
    if (v !== undefined) f[k].push(String(v));
  };
  for (const m of messages) {
    put("mtp3.opc", m.opc);
    put("mtp3.dpc", m.dpc);
    put("sccp.message_type", SCCP_TYPE_CODE[m.sccp.type]);
    put("sccp.return_cause", m.sccp.returnCause);
    for (const side of ["calling", "called"] as const) {
      const a = m.sccp[side];
      put(`sccp.${side}.digits`, a.gt);
      put(`sccp.${side}.ssn`, a.ssn);
      put(`sccp.${side}.pc`, a.pc);
      put(`sccp.${side}.tt`, a.tt);
      put(`sccp.${side}.np`, a.np);
      put(`sccp.${side}.nai`, a.nai);
    }
    if (!m.tcap) continue;
    const el = TCAP_ELEMENT[m.tcap.type];
    if (el) put(el, 1);
    put("tcap.otid", m.tcap.otid);
    put("tcap.dtid", m.tcap.dtid);
    put("tcap.application_context_name", m.tcap.acn);
    if (!mapComponents) continue;
    // TS 29.002 §17.3.4: an E.212 (plan 6) destination/originating reference in map-open is an IMSI.
    for (const ref of [m.tcap.mapDialogue?.destinationReference, m.tcap.mapDialogue?.originatingReference]) {
      if (ref?.np === 6) put("e212.imsi", ref.digits);
    }
    for (const c of m.components) {
      put("gsm_old.invokeID", c.invokeId);
      put("gsm_old.localValue", c.type === "returnError" ? c.errorCode : c.opcode);
      put("e212.imsi", c.imsi);
      put("e164.msisdn", c.msisdn);
    }
  }
  return f;
}

function normalise(field: OracleField, values: readonly string[]): string[] {
  return NUMERIC.has(field) ? values.map((v) => String(Number(v))) : [...values];
}

/** Differences between ss7guard and tshark on one frame, as readable strings. */
export function diffFrame(
  frame: number,
  ours: TsharkFrame,
  theirs: TsharkFrame,
  skip: ReadonlySet<OracleField>,
): string[] {
  const out: string[] = [];
  for (const field of ORACLE_FIELDS) {
    if (field === "frame.number" || skip.has(field)) continue;
    const a = normalise(field, ours[field]);
    const b = normalise(field, theirs[field]);
    if (SUBSET_FIELDS.has(field)) {
      const missing = a.filter((v) => !b.includes(v));
      if (missing.length)
        out.push(`frame ${frame} ${field}: ours ${a.join(",")} not all in tshark's ${b.join(",")}`);
      continue;
    }
    const same = SET_FIELDS.has(field)
      ? [...new Set(a)].sort().join(",") === [...new Set(b)].sort().join(",")
      : a.join(",") === b.join(",");
    if (!same) out.push(`frame ${frame} ${field}: ss7guard [${a.join(",")}] tshark [${b.join(",")}]`);
  }
  return out;
}
