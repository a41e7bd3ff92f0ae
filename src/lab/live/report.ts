/** A live scenario report as a readable table (what `ss7guard lab run` prints), and `lab up`'s banner. */
import { HOME } from "../network.js";
import { LAB_HOST, type Lab } from "./lab.js";
import type { ScenarioReport, StepReport } from "./run.js";
import { CORE_RC } from "./world.js";

/** `text` cut to `max` characters (an ellipsis marks the cut). */
function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function verdictOf(s: StepReport): string {
  if (s.role === "benign") {
    if (s.status === "through") return "ok";
    if (s.status === "intercepted") return "INTERCEPTED";
    return s.status === "blocked" ? "FAILED (blocked)" : "FAILED";
  }
  switch (s.status) {
    case "through":
      return s.beforeDetection ? "through, before detection" : "GOT THROUGH";
    case "blocked":
      return "blocked";
    case "refused":
      return "refused by the network";
    case "intercepted":
      return "INTERCEPTED";
  }
}

function answerOf(s: StepReport): string {
  const base = s.revealed ? `${s.detail}: ${s.revealed}` : s.detail;
  return s.note ? `${base} (${s.note})` : base;
}

const COLUMNS: { title: string; max: number; cell: (s: StepReport) => string; right?: boolean }[] = [
  { title: "#", max: 4, cell: (s) => String(s.n), right: true },
  { title: "t (s)", max: 6, cell: (s) => (s.atMs / 1000).toFixed(2), right: true },
  { title: "role", max: 6, cell: (s) => s.role },
  { title: "step", max: 44, cell: (s) => s.what },
  { title: "from", max: 40, cell: (s) => `${s.sender} ${s.from}` },
  { title: "operation", max: 34, cell: (s) => s.operation },
  { title: "answer", max: 80, cell: answerOf },
  {
    title: "firewall",
    max: 30,
    cell: (s) => (s.firewall ? `${s.firewall.verdict} ${s.firewall.reason}` : "-"),
  },
  { title: "result", max: 26, cell: verdictOf },
];

/** The steps as a table, then the totals and what the run showed. */
export function formatReport(report: ScenarioReport): string {
  const rows = report.steps.map((s) => COLUMNS.map((c) => fit(c.cell(s), c.max)));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (COLUMNS[i]!.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const t = report.totals;
  const out = [
    `Scenario ${report.scenario} (seed ${report.seed}), live ${report.firewall ? "through the firewall (lab policy)" : "WITHOUT the firewall"}: ` +
      `${report.steps.length} steps in ${(report.durationMs / 1000).toFixed(report.durationMs < 1000 ? 2 : 1)} s`,
    "",
    line(COLUMNS.map((c) => c.title)),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
  ];
  if (t.attacks > 0) {
    const through =
      t.throughBeforeDetection > 0
        ? `${t.attacksThrough} got through (${t.throughBeforeDetection} before the firewall recognised the attack)`
        : `${t.attacksThrough} got through`;
    out.push(
      `Attacks: ${t.attacks} — ${t.attacksBlocked} blocked by the firewall, ${through}, ${t.attacksRefused} refused by the network`,
    );
  }
  out.push(`Benign:  ${t.benign} — ${t.benignCompleted} completed, ${t.benignFailed} failed`);
  for (const f of report.findings) out.push(`  ${f}`);
  if (report.incidents.length > 0) {
    out.push("Firewall incidents:");
    for (const i of report.incidents) out.push(`  ${i.id} ${i.summary}`);
  }
  return `${out.join("\n")}\n`;
}

/** What `ss7guard lab up` prints once the lab is up: where everything listens, and who is connected. */
export function formatLabBanner(lab: Lab, subscribers: number): string {
  const p = lab.ports;
  const partners = [...lab.foreign.values()].filter((f) => f.spec.kind === "partner").length;
  const lessees = lab.foreign.size - partners;
  const out = [
    `ss7guard lab: up on ${LAB_HOST} (every association is loopback-only; the traffic is between lab nodes)`,
    "",
    `  interconnect  ${LAB_HOST}:${p.interconnect}  ${lab.firewall ? "the firewall's SGP" : "the core's SGP (no firewall)"}; foreign networks connect here as ASPs`,
    `  core          ${LAB_HOST}:${p.core}  home core SGP, routing context ${CORE_RC}${lab.firewall ? " (the firewall is its ASP)" : ""}`,
  ];
  if (p.management !== undefined)
    out.push(`  management    http://${LAB_HOST}:${p.management}  bearer token ${p.token}`);
  if (lab.dir) out.push(`  firewall      ${lab.dir}/ (policy.yaml, firewall.yaml, alerts.jsonl)`);
  out.push(
    "",
    `Home network ${HOME.name} (MCC/MNC ${HOME.mcc}-${HOME.mnc}): HLR ${HOME.hlr.gt} (PC ${HOME.hlr.pc}) with ${subscribers} subscribers, ` +
      `MSC/VLR ${HOME.vlr.gt} (PC ${HOME.msc.pc}/${HOME.vlr.pc}), SMSC ${HOME.smsc.gt} (PC ${HOME.smsc.pc})`,
    `Foreign networks: ${lab.foreign.size} ASPs active (${partners} roaming partners, ${lessees} GT lessees)`,
  );
  const rows = [...lab.foreign.values()].map((f) => [
    f.name,
    f.spec.kind,
    `PC ${f.spec.pc}`,
    `RC ${f.spec.rc}`,
    `${f.spec.gts.length} GT${f.spec.gts.length === 1 ? "" : "s"}`,
    f.spec.gts.slice(0, 2).join(" ") + (f.spec.gts.length > 2 ? " …" : ""),
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    out.push(
      `  ${r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd()}`,
    );
  return `${out.join("\n")}\n`;
}
