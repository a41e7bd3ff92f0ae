/** Runs tshark as an independent decoder and returns its fields per frame. */
import { execFileSync } from "node:child_process";

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

/** `tshark -T fields` over FILE: every occurrence of every field, per frame number. */
export function tsharkFields(file: string, extraArgs: string[] = []): Map<number, TsharkFrame> {
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
  for (const f of ORACLE_FIELDS) args.push("-e", f);
  const text = execFileSync("tshark", [...args, ...extraArgs], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    stdio: ["ignore", "pipe", "ignore"],
  });
  const out = new Map<number, TsharkFrame>();
  for (const line of text.split("\n")) {
    if (!line) continue;
    const cols = line.split("\t");
    const frame = {} as TsharkFrame;
    ORACLE_FIELDS.forEach((f, i) => {
      const v = cols[i] ?? "";
      frame[f] = v === "" ? [] : v.split("|");
    });
    out.set(Number(frame["frame.number"][0]), frame);
  }
  return out;
}
