/**
 * How `ss7guard analyze` presents an `AnalysisJson`: a terminal summary (stdout) and a self-contained HTML
 * report an analyst can mail to a partner operator. Both are pure functions of the report: no clock, no
 * locale, no randomness, so the same report always renders to the same bytes.
 *
 * Every string in a report can come from a capture or a policy file (GTs, operator and lessee names, decode
 * error texts) and is treated as hostile: control and bidirectional-override characters are shown as
 * `\xNN` / `\uNNNN` in both outputs (no terminal escape injection, no reordered text), and the HTML escapes
 * `& < > " '` everywhere and loads nothing from outside the file (a Content-Security-Policy says so too).
 */
import { Verdict } from "../firewall/policy.js";
import type {
  AnalysisJson,
  CategoryKey,
  IncidentEventJson,
  IncidentJson,
  IncidentOriginJson,
} from "../firewall/report.js";

export interface SummaryOptions {
  /** ANSI colours (default none). */
  color?: boolean;
}

/** Origins listed per incident in the summary before `… N more`. */
export const SUMMARY_ORIGINS = 20;
/** Timeline events listed per incident in the summary. */
export const SUMMARY_EVENTS = 15;
/** Capture errors quoted in the summary header. */
export const SUMMARY_ERRORS = 3;

const CATEGORIES: readonly CategoryKey[] = ["1", "2", "3", "sms", "other"];
const CATEGORY_LABEL: Record<CategoryKey, string> = {
  "1": "1 · never on interconnect",
  "2": "2 · own subscribers only",
  "3": "3 · location-plausible only",
  sms: "sms",
  other: "other",
};

// ---------------------------------------------------------------------------------------------------------
// Shared helpers: safe text, numbers, times.

/** Characters that must not reach a terminal or a page as they are: C0/C1 controls, DEL, bidi and invisible format characters. */
function unsafe(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x061c ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2069) ||
    c === 0xfeff
  );
}

/** The string with every unsafe character written as `\xNN` or `\uNNNN` (visible, inert). */
export function visible(s: string): string {
  let i = 0;
  while (i < s.length && !unsafe(s.charCodeAt(i))) i++;
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!unsafe(c)) out += s[i];
    else if (c < 0x100) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += `\\u${c.toString(16).padStart(4, "0")}`;
  }
  return out;
}

/** A value from the report as display text: strings made visible, null/undefined as `fallback`. */
function text(v: unknown, fallback = "-"): string {
  if (v === null || v === undefined || v === "") return fallback;
  return visible(String(v));
}

/** Integer with `,` thousands separators (locale-independent); other numbers with at most 2 decimals. */
export function formatCount(n: number): string {
  if (typeof n !== "number" || !Number.isFinite(n)) return text(n, "?");
  const neg = n < 0;
  const abs = Math.abs(n);
  const whole = Math.trunc(abs);
  const frac = abs - whole;
  const digits = String(whole);
  let grouped = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += ",";
    grouped += digits[i];
  }
  const decimals = frac > 0 ? trimZeros(frac.toFixed(2)).slice(1) : "";
  return `${neg ? "-" : ""}${grouped}${decimals}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** A capture instant: seconds since the epoch and nanoseconds (times are ISO 8601 with up to 9 decimals). */
interface Instant {
  s: number;
  ns: number;
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
/** The form `formatTime` falls back to for times no four-digit year can hold. */
const EPOCH_TIME = /^(-?\d+)\.(\d{9})$/;

function parseTime(t: string | null | undefined): Instant | null {
  if (typeof t !== "string") return null;
  const iso = ISO_TIME.exec(t);
  if (iso) {
    const d = new Date(0);
    d.setUTCFullYear(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
    d.setUTCHours(Number(iso[4]), Number(iso[5]), Number(iso[6]), 0);
    const ms = d.getTime();
    if (Number.isNaN(ms)) return null;
    return { s: ms / 1000, ns: Number((iso[7] ?? "").padEnd(9, "0")) };
  }
  const epoch = EPOCH_TIME.exec(t);
  if (epoch) return { s: Number(epoch[1]), ns: Number(epoch[2]) };
  return null;
}

/** Seconds from `a` to `b`. */
function secondsBetween(a: Instant, b: Instant): number {
  return b.s - a.s + (b.ns - a.ns) / 1e9;
}

/** `12.5 s`, `3.805 ms`, `4 min 12 s`, `2 h 03 min`, `3 d 04 h`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  if (seconds === 0) return "0 s";
  if (seconds < 1) {
    const ms = seconds * 1000;
    return `${trimZeros(ms.toFixed(ms < 10 ? 3 : 1))} ms`;
  }
  if (seconds < 60) return `${trimZeros(seconds.toFixed(seconds < 10 ? 3 : 1))} s`;
  const total = Math.round(seconds);
  const pad = (n: number): string => String(n).padStart(2, "0");
  if (total < 3600) return `${Math.floor(total / 60)} min ${pad(total % 60)} s`;
  if (total < 86400) return `${Math.floor(total / 3600)} h ${pad(Math.floor((total % 3600) / 60))} min`;
  return `${Math.floor(total / 86400)} d ${pad(Math.floor((total % 86400) / 3600))} h`;
}

/** `2026-01-01 00:00:00.003` from an ISO time (`digits` decimals kept); other forms as they are. */
function clock(t: string | null | undefined, digits = 3, withDate = true): string {
  if (typeof t !== "string") return "-";
  const iso = ISO_TIME.exec(t);
  if (!iso) return visible(t);
  const frac = digits > 0 ? `.${(iso[7] ?? "").padEnd(9, "0").slice(0, digits)}` : "";
  const time = `${iso[4]}:${iso[5]}:${iso[6]}${frac}`;
  return withDate ? `${iso[1]}-${iso[2]}-${iso[3]} ${time}` : time;
}

function sameDate(a: string | null, b: string | null): boolean {
  return typeof a === "string" && typeof b === "string" && a.slice(0, 10) === b.slice(0, 10);
}

/** `2026-01-01 00:00:00.003 → 00:00:12.500 UTC (12.497 s)`. */
function timeSpan(start: string | null, end: string | null): string {
  if (start === null && end === null) return "-";
  const a = parseTime(start);
  const b = parseTime(end);
  const iso = ISO_TIME.test(start ?? "") && ISO_TIME.test(end ?? "");
  const from = clock(start);
  const to = clock(end, 3, !(iso && sameDate(start, end)));
  const length = a && b ? ` (${formatDuration(secondsBetween(a, b))})` : "";
  return `${from} → ${to}${iso ? " UTC" : ""}${length}`;
}

function incidentDuration(inc: IncidentJson): number | null {
  const a = parseTime(inc.start);
  const b = parseTime(inc.end);
  return a && b ? secondsBetween(a, b) : null;
}

/** Verdict counts in the policy's verdict order (unknown keys after, sorted), zero counts left out unless `zeros`. */
function verdictEntries(
  counts: Partial<Record<string, number>> | undefined,
  zeros = false,
): [string, number][] {
  const out: [string, number][] = [];
  const known = new Set<string>(Verdict);
  for (const v of Verdict) {
    const n = counts?.[v] ?? 0;
    if (n !== 0 || zeros) out.push([v, n]);
  }
  for (const k of Object.keys(counts ?? {}).sort()) {
    if (!known.has(k) && (counts?.[k] ?? 0) !== 0) out.push([k, counts?.[k] ?? 0]);
  }
  return out;
}

function sum(counts: Partial<Record<string, number>> | undefined): number {
  let n = 0;
  for (const v of Object.values(counts ?? {})) if (typeof v === "number") n += v;
  return n;
}

/** Operations by messages, most first, then by name. */
function operationEntries(ops: Record<string, number> | undefined): [string, number][] {
  return Object.entries(ops ?? {}).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function targetText(inc: IncidentJson): string {
  const parts: string[] = [];
  if (inc.target?.imsi) parts.push(`IMSI ${text(inc.target.imsi)}`);
  if (inc.target?.msisdn) parts.push(`MSISDN ${text(inc.target.msisdn)}`);
  return parts.join(" · ");
}

/** The prominent line of a leased-GT campaign: `15 countries, one lessee: Nimbus Route Ltd`. */
function sharedLesseeText(inc: IncidentJson): string | null {
  if (inc.shared_lessee === null || inc.shared_lessee === undefined) return null;
  return `${plural(inc.countries?.length ?? 0, "country", "countries")}, one lessee: ${text(inc.shared_lessee)}`;
}

/** Messages allowed and blocked (any other verdict) for one FS.11 category. */
function categoryTotals(report: AnalysisJson, key: CategoryKey): { allowed: number; blocked: number } {
  const counts = report.by_category?.[key] ?? {};
  const allowed = counts.allow ?? 0;
  return { allowed, blocked: sum(counts) - allowed };
}

/** The closing one-line verdict (no colour). */
export function verdictLine(report: AnalysisJson): string {
  const incidents = report.incidents ?? [];
  const parts: string[] = [];
  if (incidents.length === 0) parts.push("no incidents");
  else {
    const kinds = new Map<string, number>();
    for (const inc of incidents) kinds.set(inc.kind, (kinds.get(inc.kind) ?? 0) + 1);
    const byKind = [...kinds]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k, n]) => `${formatCount(n)} ${text(k)}`);
    const campaigns = incidents.filter((i) => i.shared_lessee != null).length;
    const extra = campaigns > 0 ? `; ${plural(campaigns, "shared-lessee campaign")}` : "";
    parts.push(`${plural(incidents.length, "incident")} (${byKind.join(", ")}${extra})`);
  }
  parts.push(plural(report.alerts ?? 0, "alert"));
  const c1 = categoryTotals(report, "1");
  parts.push(`category 1: ${formatCount(c1.allowed)} allowed, ${formatCount(c1.blocked)} blocked`);
  if (report.skipped?.truncated) parts.push("capture cut short");
  return parts.join(" · ");
}

// ---------------------------------------------------------------------------------------------------------
// Terminal summary.

interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

function painter(color: boolean): Paint {
  const sgr =
    (code: string) =>
    (s: string): string =>
      color && s !== "" ? `\x1b[${code}m${s}\x1b[0m` : s;
  return {
    bold: sgr("1"),
    dim: sgr("2"),
    red: sgr("1;31"),
    green: sgr("32"),
    yellow: sgr("33"),
    cyan: sgr("36"),
  };
}

/** Longest cell in a summary table, in code points; longer values end in `…`. */
const MAX_CELL = 40;

function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function clip(s: string): string {
  if (width(s) <= MAX_CELL) return s;
  return `${[...s].slice(0, MAX_CELL - 1).join("")}…`;
}

interface Column {
  title: string;
  right?: boolean;
  /** Colours a cell's value (padding is added outside, so alignment ignores escape codes). */
  paint?: (value: string) => string;
}

/** Aligned columns, two spaces apart, headed by the titles; cells are display text already. */
function table(indent: string, columns: Column[], rows: string[][], p: Paint): string[] {
  const cells = rows.map((r) => columns.map((_, i) => clip(r[i] ?? "")));
  const widths = columns.map((c, i) => Math.max(width(c.title), ...cells.map((r) => width(r[i]!))));
  const cell = (s: string, i: number, paint?: (s: string) => string): string => {
    const fill = " ".repeat(Math.max(0, widths[i]! - width(s)));
    const shown = paint ? paint(s) : s;
    return columns[i]!.right ? fill + shown : shown + fill;
  };
  const line = (parts: string[]): string => `${indent}${parts.join("  ")}`.trimEnd();
  const out = [p.dim(line(columns.map((c, i) => cell(c.title, i))))];
  for (const r of cells) out.push(line(columns.map((c, i) => cell(r[i]!, i, c.paint))));
  return out;
}

function paintVerdict(p: Paint): (s: string) => string {
  return (s) => (s === "allow" ? p.green(s) : p.red(s));
}

function verdictList(counts: Partial<Record<string, number>> | undefined, p: Paint, zeros = false): string {
  const entries = verdictEntries(counts, zeros);
  if (entries.length === 0) return "none";
  return entries
    .map(([v, n]) => {
      const s = `${text(v)} ${formatCount(n)}`;
      return n === 0 ? s : v === "allow" ? p.green(s) : p.red(s);
    })
    .join(" · ");
}

/** The human summary `ss7guard analyze` prints on stdout. */
export function renderSummary(report: AnalysisJson, options: SummaryOptions = {}): string {
  const p = painter(options.color === true);
  const out: string[] = [];
  const field = (name: string, value: string): void => {
    out.push(`  ${p.dim(name.padEnd(10))} ${value}`);
  };

  out.push(p.bold(`ss7guard analyze: ${text(report.file)}`));
  field("policy", text(report.policy));
  field(
    "capture",
    report.start === null && report.end === null ? "no timed messages" : timeSpan(report.start, report.end),
  );
  field(
    "messages",
    `${plural(report.messages ?? 0, "SS7 message")} in ${plural(report.frames ?? 0, "frame")}`,
  );
  const skipped = report.skipped ?? { messages: 0, errors: [], truncated: false };
  const errors = skipped.errors ?? [];
  if (skipped.messages === 0 && errors.length === 0) field("skipped", "none");
  else {
    field(
      "skipped",
      p.yellow(`${plural(skipped.messages ?? 0, "undecodable message")}, ${plural(errors.length, "error")}`),
    );
    for (const e of errors.slice(0, SUMMARY_ERRORS)) {
      out.push(
        `  ${" ".repeat(10)}   frame ${formatCount(e.frame)}: ${text(e.layer)}: ${text(e.message)} at offset ${formatCount(e.offset)}`,
      );
    }
    if (errors.length > SUMMARY_ERRORS) {
      out.push(`  ${" ".repeat(10)}   ${p.dim(`… ${plural(errors.length - SUMMARY_ERRORS, "more error")}`)}`);
    }
  }
  if (skipped.truncated) {
    out.push(p.red("  !! capture cut short: only the part read before the cut was analysed"));
  }
  field("verdicts", verdictList(report.verdicts, p, true));
  field("alerts", (report.alerts ?? 0) > 0 ? p.yellow(formatCount(report.alerts)) : "0");

  out.push("", p.bold("verdicts by FS.11 category"));
  const verdictCols = verdictEntries(undefined, true).map(([v]) => v);
  out.push(
    ...table(
      "  ",
      [
        { title: "category" },
        ...verdictCols.map((v) => ({ title: v, right: true })),
        { title: "total", right: true },
      ],
      CATEGORIES.map((k) => {
        const counts = report.by_category?.[k] ?? {};
        return [
          CATEGORY_LABEL[k],
          ...verdictCols.map((v) => formatCount(counts[v as Verdict] ?? 0)),
          formatCount(sum(counts)),
        ];
      }),
      p,
    ),
  );

  const incidents = report.incidents ?? [];
  out.push(
    "",
    p.bold(incidents.length === 0 ? "incidents: none" : `incidents: ${formatCount(incidents.length)}`),
  );
  for (const inc of incidents) out.push("", ...summaryIncident(inc, p));

  const line = verdictLine(report);
  const bad = incidents.length > 0 || categoryTotals(report, "1").allowed > 0 || skipped.truncated;
  out.push("", bad ? p.red(`verdict: ${line}`) : p.green(`verdict: ${line}`));
  return `${out.join("\n")}\n`;
}

function summaryIncident(inc: IncidentJson, p: Paint): string[] {
  const out: string[] = [];
  const target = targetText(inc);
  out.push(p.bold(`${text(inc.id)}  ${text(inc.kind)}${target ? `  ${target}` : ""}`));
  const shared = sharedLesseeText(inc);
  if (shared) out.push(p.red(`  !! ${shared}`));
  const field = (name: string, value: string): void => {
    out.push(`  ${p.dim(name.padEnd(10))} ${value}`);
  };
  if (inc.summary) field("summary", text(inc.summary));
  field("time", timeSpan(inc.start, inc.end));
  field(
    "messages",
    `${formatCount(inc.messages)} · peak ${formatCount(inc.peak_rate_per_s)}/s · ${
      inc.alerts > 0 ? p.yellow(plural(inc.alerts, "alert")) : "0 alerts"
    }`,
  );
  const ops = operationEntries(inc.operations);
  field("operations", ops.length ? ops.map(([o, n]) => `${text(o)} ${formatCount(n)}`).join(" · ") : "-");
  const countries = inc.countries ?? [];
  field(
    "countries",
    countries.length ? `${countries.length}: ${countries.map((c) => text(c)).join(" ")}` : "-",
  );
  const lessees = inc.lessees ?? [];
  field("lessees", lessees.length ? lessees.map((l) => text(l)).join(" · ") : "-");
  field("verdicts", verdictList(inc.verdicts, p));

  const origins = inc.origins ?? [];
  out.push(`  ${p.dim(`origins (${formatCount(origins.length)})`)}`);
  if (origins.length > 0) {
    const shown = origins.slice(0, SUMMARY_ORIGINS);
    out.push(
      ...table(
        "    ",
        [
          { title: "GT" },
          { title: "country" },
          { title: "operator" },
          { title: "lessee" },
          { title: "messages", right: true },
        ],
        shown.map((o) => [
          text(o.gt),
          text(o.country),
          text(o.operator),
          text(o.lessee),
          formatCount(o.messages),
        ]),
        p,
      ),
    );
    if (origins.length > shown.length) {
      const rest = origins.slice(shown.length);
      const msgs = rest.reduce((n, o) => n + (o.messages ?? 0), 0);
      out.push(`    ${p.dim(`… ${plural(rest.length, "more origin")} (${plural(msgs, "message")})`)}`);
    }
  }

  const timeline = inc.timeline ?? [];
  const shown = timeline.slice(0, SUMMARY_EVENTS);
  out.push(`  ${p.dim(`timeline (first ${formatCount(shown.length)} of ${formatCount(inc.messages)})`)}`);
  if (shown.length > 0) {
    out.push(
      ...table(
        "    ",
        [
          { title: "time" },
          { title: "frame", right: true },
          { title: "operation" },
          { title: "GT" },
          { title: "country" },
          { title: "verdict", paint: paintVerdict(p) },
          { title: "reason" },
        ],
        shown.map((e) => [
          clock(e.time, 6, !sameDate(e.time, inc.start)),
          formatCount(e.frame),
          text(e.operation),
          text(e.gt),
          text(e.country),
          text(e.verdict),
          text(e.reason),
        ]),
        p,
      ),
    );
  }
  const more = (inc.messages ?? 0) - shown.length;
  if (more > 0) out.push(`    ${p.dim(`… ${plural(more, "more message")}`)}`);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// HTML report.

const ENTITY: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for HTML content or a quoted attribute: made visible, then `& < > " '` escaped. */
export function escapeHtml(v: unknown): string {
  return text(v, "").replace(/[&<>"']/g, (c) => ENTITY[c]!);
}

/** Escaped, or an em dash for null/empty. */
function h(v: unknown): string {
  const s = escapeHtml(v);
  return s === "" ? '<span class="muted">—</span>' : s;
}

function n(v: number): string {
  return escapeHtml(formatCount(v));
}

const VERDICT_COLOR: Record<string, string> = {
  allow: "#12824c",
  drop: "#c4320a",
  "drop-with-udts": "#d97706",
  "tcap-abort": "#7a3ee8",
  "map-error": "#b4236b",
};
const OTHER_COLOR = "#667085";

function verdictClass(v: string): string {
  return Object.hasOwn(VERDICT_COLOR, v) ? `v-${v}` : "v-other";
}

function verdictColor(v: string): string {
  return Object.hasOwn(VERDICT_COLOR, v) ? VERDICT_COLOR[v]! : OTHER_COLOR;
}

const CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1f24;background:#fff;margin:0 auto;max-width:1120px;padding:24px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 8px;padding-bottom:4px;border-bottom:2px solid #d0d7de}
h3{font-size:15px;margin:18px 0 6px}
p{margin:6px 0}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f3f5f7;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.facts th{width:11em}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;overflow-wrap:anywhere}
.banner{border:2px solid #b42318;background:#fef3f2;color:#7a1a12;padding:10px 14px;margin:10px 0;font-size:16px;font-weight:700}
.banner span{display:block;font-size:13px;font-weight:400}
.warn{border-left:4px solid #dc6803;background:#fffaeb;padding:8px 12px;margin:8px 0}
.ok{border-left:4px solid #12824c;background:#ecfdf3;padding:8px 12px;margin:8px 0}
.tag{display:inline-block;border:1px solid #d0d7de;border-radius:3px;padding:0 6px;margin:1px 2px;font-size:12.5px}
.muted{color:#57606a}
.note{color:#57606a;font-size:12.5px}
.v-allow{color:#12824c}.v-drop{color:#c4320a}.v-drop-with-udts{color:#b45309}.v-tcap-abort{color:#7a3ee8}.v-map-error{color:#b4236b}.v-other{color:#667085}
svg{max-width:100%;height:auto;display:block;margin:6px 0}
svg text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;fill:#57606a}
details summary{cursor:pointer;color:#0b5cad}
footer{margin-top:36px;padding-top:8px;border-top:1px solid #d0d7de;color:#57606a;font-size:12.5px}
@media print{
body{max-width:none;padding:0;font-size:11px}
section.incident{break-before:page}
a{color:inherit;text-decoration:none}
tr,.banner,svg{break-inside:avoid}
thead{display:table-header-group}
.banner,.warn,.ok,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

/** The self-contained HTML report (one file, inline CSS, no scripts, no external resources). */
export function renderHtml(report: AnalysisJson): string {
  const incidents = report.incidents ?? [];
  const skipped = report.skipped ?? { messages: 0, errors: [], truncated: false };
  const errors = skipped.errors ?? [];
  const o: string[] = [];
  o.push(
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="ss7guard analyze">',
    `<title>SS7 analysis: ${escapeHtml(report.file)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    "<header>",
    `<h1>SS7 analysis: <code>${h(report.file)}</code></h1>`,
    `<p class="note">Generated by ss7guard analyze from capture <code>${h(report.file)}</code> with policy <code>${h(report.policy)}</code>. All times are UTC capture times.</p>`,
    "</header>",
  );

  // Summary.
  o.push('<section id="summary">', "<h2>Summary</h2>");
  const line = verdictLine(report);
  const bad = incidents.length > 0 || categoryTotals(report, "1").allowed > 0 || skipped.truncated;
  o.push(`<p class="${bad ? "warn" : "ok"}"><strong>${escapeHtml(line)}</strong></p>`);
  if (skipped.truncated) {
    o.push('<p class="warn">The capture was cut short: only the part read before the cut was analysed.</p>');
  }
  o.push('<table class="facts">', "<tbody>");
  const fact = (name: string, html: string): void => {
    o.push(`<tr><th scope="row">${name}</th><td>${html}</td></tr>`);
  };
  fact("Capture", `<code>${h(report.file)}</code>`);
  fact("Policy", `<code>${h(report.policy)}</code>`);
  fact(
    "Time span",
    h(report.start === null && report.end === null ? "" : timeSpan(report.start, report.end)),
  );
  fact("SS7 messages", n(report.messages ?? 0));
  fact("Capture frames", n(report.frames ?? 0));
  fact("Undecodable messages", n(skipped.messages ?? 0));
  fact("Capture errors", n(errors.length));
  fact("Alerts", n(report.alerts ?? 0));
  fact("Incidents", n(incidents.length));
  o.push("</tbody>", "</table>");
  if (errors.length > 0) {
    const rows = errors.map(
      (e) =>
        `<tr><td class="n">${n(e.frame)}</td><td>${h(e.layer)}</td><td class="n">${n(e.offset)}</td><td>${h(e.message)}</td></tr>`,
    );
    const errorTable = [
      "<table>",
      '<thead><tr><th class="n">frame</th><th>layer</th><th class="n">offset</th><th>problem</th></tr></thead>',
      "<tbody>",
      ...rows,
      "</tbody>",
      "</table>",
    ];
    if (errors.length > 10) {
      o.push(`<details><summary>${n(errors.length)} capture errors</summary>`, ...errorTable, "</details>");
    } else o.push("<h3>Capture errors</h3>", ...errorTable);
  }
  o.push("</section>");

  // Verdicts.
  o.push('<section id="verdicts">', "<h2>Verdicts</h2>");
  const totals = verdictEntries(report.verdicts, true);
  o.push(
    "<table>",
    '<thead><tr><th>verdict</th><th class="n">messages</th></tr></thead>',
    "<tbody>",
    ...totals.map(
      ([v, c]) => `<tr><td class="${verdictClass(v)}">${h(v)}</td><td class="n">${n(c)}</td></tr>`,
    ),
    `<tr><th>total</th><th class="n">${n(sum(report.verdicts))}</th></tr>`,
    "</tbody>",
    "</table>",
  );
  const verdictCols = verdictEntries(undefined, true).map(([v]) => v);
  o.push(
    "<h3>By FS.11 category</h3>",
    "<table>",
    `<thead><tr><th>category</th>${verdictCols.map((v) => `<th class="n ${verdictClass(v)}">${h(v)}</th>`).join("")}<th class="n">total</th></tr></thead>`,
    "<tbody>",
  );
  for (const k of CATEGORIES) {
    const counts = report.by_category?.[k] ?? {};
    o.push(
      `<tr><td>${h(CATEGORY_LABEL[k])}</td>${verdictCols.map((v) => `<td class="n">${n(counts[v as Verdict] ?? 0)}</td>`).join("")}<td class="n">${n(sum(counts))}</td></tr>`,
    );
  }
  o.push("</tbody>", "</table>", "</section>");

  // Incident overview.
  o.push('<section id="incidents">', "<h2>Incidents</h2>");
  if (incidents.length === 0) o.push('<p class="ok">No incidents.</p>');
  else {
    o.push(
      "<table>",
      '<thead><tr><th>id</th><th>kind</th><th>target</th><th>start</th><th class="n">messages</th><th class="n">countries</th><th>lessees</th><th class="n">alerts</th></tr></thead>',
      "<tbody>",
    );
    incidents.forEach((inc, i) => {
      const lessees = inc.shared_lessee
        ? `<strong>${h(inc.shared_lessee)}</strong> (shared)`
        : h((inc.lessees ?? []).map((l) => text(l)).join(", "));
      o.push(
        `<tr><td><a href="#incident-${i + 1}">${h(inc.id)}</a></td><td>${h(inc.kind)}</td><td class="mono">${h(targetText(inc))}</td><td>${h(clock(inc.start))}</td><td class="n">${n(inc.messages)}</td><td class="n">${n((inc.countries ?? []).length)}</td><td>${lessees}</td><td class="n">${n(inc.alerts)}</td></tr>`,
      );
    });
    o.push("</tbody>", "</table>");
  }
  o.push("</section>");

  incidents.forEach((inc, i) => {
    o.push(...htmlIncident(inc, i + 1));
  });

  o.push(
    "<footer>",
    `<p>Generated by ss7guard analyze · capture <code>${h(report.file)}</code> · policy <code>${h(report.policy)}</code> · ${h(
      report.start === null && report.end === null ? "no timed messages" : timeSpan(report.start, report.end),
    )}.</p>`,
    "<p>GTs, operator and lessee names are shown as found in the capture and the policy's attribution tables.</p>",
    "</footer>",
    "</body>",
    "</html>",
  );
  return `${o.join("\n")}\n`;
}

function htmlIncident(inc: IncidentJson, index: number): string[] {
  const o: string[] = [];
  o.push(`<section class="incident" id="incident-${index}">`, `<h2>${h(inc.id)} · ${h(inc.kind)}</h2>`);
  const shared = sharedLesseeText(inc);
  if (shared) {
    o.push(
      `<div class="banner" role="alert">!! ${escapeHtml(shared)}<span>Origins in ${n((inc.countries ?? []).length)} countries all belong to one lessee: the signature of a campaign run through leased global titles.</span></div>`,
    );
  }
  if (inc.summary) o.push(`<p>${h(inc.summary)}</p>`);
  const seconds = incidentDuration(inc);
  o.push(
    '<table class="facts">',
    "<tbody>",
    `<tr><th scope="row">IMSI</th><td class="mono">${h(inc.target?.imsi)}</td></tr>`,
    `<tr><th scope="row">MSISDN</th><td class="mono">${h(inc.target?.msisdn)}</td></tr>`,
    `<tr><th scope="row">Start</th><td>${h(inc.start)}</td></tr>`,
    `<tr><th scope="row">End</th><td>${h(inc.end)}</td></tr>`,
    `<tr><th scope="row">Duration</th><td>${h(seconds === null ? "" : formatDuration(seconds))}</td></tr>`,
    `<tr><th scope="row">Messages</th><td>${n(inc.messages)}</td></tr>`,
    `<tr><th scope="row">Peak rate</th><td>${n(inc.peak_rate_per_s)} messages/s</td></tr>`,
    `<tr><th scope="row">Alerts</th><td>${n(inc.alerts)}</td></tr>`,
    "</tbody>",
    "</table>",
  );

  // Verdicts and operations side by side in two small tables.
  o.push(
    "<h3>Verdicts</h3>",
    "<table>",
    '<thead><tr><th>verdict</th><th class="n">messages</th></tr></thead>',
    "<tbody>",
    ...verdictEntries(inc.verdicts).map(
      ([v, c]) => `<tr><td class="${verdictClass(v)}">${h(v)}</td><td class="n">${n(c)}</td></tr>`,
    ),
    "</tbody>",
    "</table>",
  );
  o.push(
    "<h3>Operations</h3>",
    "<table>",
    '<thead><tr><th>operation</th><th class="n">messages</th></tr></thead>',
    "<tbody>",
    ...operationEntries(inc.operations).map(
      ([op, c]) => `<tr><td>${h(op)}</td><td class="n">${n(c)}</td></tr>`,
    ),
    "</tbody>",
    "</table>",
  );

  const countries = inc.countries ?? [];
  const lessees = inc.lessees ?? [];
  o.push(
    `<h3>Countries (${n(countries.length)})</h3>`,
    `<p>${countries.length ? countries.map((c) => `<span class="tag">${h(c)}</span>`).join(" ") : h("")}</p>`,
    `<h3>Lessees (${n(lessees.length)})</h3>`,
    `<p>${lessees.length ? lessees.map((l) => `<span class="tag">${h(l)}</span>`).join(" ") : h("")}</p>`,
  );

  const origins = inc.origins ?? [];
  o.push(
    `<h3>Origins (${n(origins.length)})</h3>`,
    "<table>",
    '<thead><tr><th>GT</th><th>country</th><th>operator</th><th>lessee</th><th class="n">messages</th></tr></thead>',
    "<tbody>",
    ...origins.map((og: IncidentOriginJson) => {
      return `<tr><td class="mono">${h(og.gt)}</td><td>${h(og.country)}</td><td>${h(og.operator)}</td><td>${h(og.lessee)}</td><td class="n">${n(og.messages)}</td></tr>`;
    }),
    "</tbody>",
    "</table>",
  );

  const timeline = inc.timeline ?? [];
  o.push("<h3>Timeline</h3>", timelineSvg(inc));
  if (timeline.length < (inc.messages ?? 0)) {
    o.push(
      `<p class="note">The report keeps the first ${n(timeline.length)} of ${n(inc.messages)} messages; the chart and table show those.</p>`,
    );
  }

  const frames = inc.frames ?? [];
  const ranges = frameRanges(frames);
  o.push(`<h3>Frames (${n(frames.length)})</h3>`);
  const list = `<p class="mono">${h(ranges.join(", "))}</p>`;
  if (ranges.length > 40) {
    o.push(
      `<details><summary>${n(frames.length)} frames in ${n(ranges.length)} runs</summary>`,
      list,
      "</details>",
    );
  } else o.push(list);

  o.push(
    `<h3>Timeline messages (${n(timeline.length)} of ${n(inc.messages)})</h3>`,
    "<table>",
    '<thead><tr><th>time</th><th class="n">frame</th><th>operation</th><th>GT</th><th>country</th><th>lessee</th><th>verdict</th><th>reason</th></tr></thead>',
    "<tbody>",
    ...timeline.map(
      (e: IncidentEventJson) =>
        `<tr><td class="mono">${h(e.time)}</td><td class="n">${n(e.frame)}</td><td>${h(e.operation)}</td><td class="mono">${h(e.gt)}</td><td>${h(e.country)}</td><td>${h(e.lessee)}</td><td class="${verdictClass(e.verdict)}">${h(e.verdict)}</td><td>${h(e.reason)}</td></tr>`,
    ),
    "</tbody>",
    "</table>",
    "</section>",
  );
  return o;
}

/** Ascending frame numbers as runs: `1–20, 25, 31–40`. */
export function frameRanges(frames: readonly number[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < frames.length) {
    const first = frames[i]!;
    let last = first;
    while (i + 1 < frames.length && frames[i + 1] === last + 1) last = frames[++i]!;
    out.push(first === last ? formatCount(first) : `${formatCount(first)}–${formatCount(last)}`);
    i++;
  }
  return out;
}

/** A number for SVG coordinates: at most one decimal, no trailing zeros (deterministic text). */
function coord(v: number): string {
  return trimZeros(v.toFixed(1));
}

/**
 * One dot per timeline event, in a lane per verdict (coloured by verdict), placed by time over the
 * incident's span; each dot carries a `<title>` (a tooltip, no script). Events without a readable time,
 * or an incident of zero length, are spread evenly in time order instead.
 */
function timelineSvg(inc: IncidentJson): string {
  const timeline = inc.timeline ?? [];
  const lanes = [...new Set(timeline.map((e) => e.verdict))].sort((a, b) => {
    const ia = Verdict.indexOf(a as Verdict);
    const ib = Verdict.indexOf(b as Verdict);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
  });
  const W = 760;
  const left = 120;
  const right = 16;
  const top = 10;
  const lane = 24;
  const plotW = W - left - right;
  const H = top + Math.max(1, lanes.length) * lane + 30;
  const start = parseTime(inc.start);
  const end = parseTime(inc.end);
  const span = start && end ? secondsBetween(start, end) : 0;
  const times = timeline.map((e) => parseTime(e.time));
  const byTime = span > 0 && times.every((t) => t !== null);
  const o: string[] = [];
  o.push(
    `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(`${inc.id}: ${timeline.length} messages over ${span > 0 ? formatDuration(span) : "the incident"}, by verdict`)}">`,
    `<rect x="${left}" y="${top}" width="${plotW}" height="${Math.max(1, lanes.length) * lane}" fill="#f8f9fb" stroke="#d0d7de"/>`,
  );
  lanes.forEach((v, li) => {
    const y = top + li * lane + lane / 2;
    o.push(
      `<text x="${left - 8}" y="${coord(y + 4)}" text-anchor="end" style="fill:${verdictColor(v)}">${escapeHtml(v)}</text>`,
    );
    if (li > 0)
      o.push(
        `<line x1="${left}" x2="${left + plotW}" y1="${top + li * lane}" y2="${top + li * lane}" stroke="#e4e7ec"/>`,
      );
  });
  // Time axis: five ticks over the span (offsets from the incident start), or message order.
  const axisY = top + Math.max(1, lanes.length) * lane;
  for (let k = 0; k <= 4; k++) {
    const x = left + (plotW * k) / 4;
    const label = byTime ? `+${formatDuration((span * k) / 4)}` : k === 0 ? "first" : k === 4 ? "last" : "";
    o.push(`<line x1="${coord(x)}" x2="${coord(x)}" y1="${axisY}" y2="${axisY + 4}" stroke="#8c959f"/>`);
    if (label) {
      const anchor = k === 0 ? "start" : k === 4 ? "end" : "middle";
      o.push(`<text x="${coord(x)}" y="${axisY + 16}" text-anchor="${anchor}">${escapeHtml(label)}</text>`);
    }
  }
  if (!byTime) {
    o.push(`<text x="${left + plotW / 2}" y="${axisY + 28}" text-anchor="middle">in capture order</text>`);
  }
  timeline.forEach((e, i) => {
    const t = times[i];
    const frac =
      byTime && start && t
        ? Math.min(1, Math.max(0, secondsBetween(start, t) / span))
        : timeline.length === 1
          ? 0.5
          : i / (timeline.length - 1);
    const x = left + 5 + frac * (plotW - 10);
    const y = top + lanes.indexOf(e.verdict) * lane + lane / 2;
    const tip = `${clock(e.time, 6)} · frame ${formatCount(e.frame)} · ${text(e.operation)} · GT ${text(e.gt)}${e.country ? ` (${text(e.country)})` : ""} · ${text(e.verdict)} · ${text(e.reason)}`;
    o.push(
      `<circle cx="${coord(x)}" cy="${coord(y)}" r="4" fill="${verdictColor(e.verdict)}" fill-opacity="0.75"><title>${escapeHtml(tip)}</title></circle>`,
    );
  });
  if (timeline.length === 0) {
    o.push(
      `<text x="${left + plotW / 2}" y="${top + lane / 2 + 4}" text-anchor="middle">no messages in the report's timeline</text>`,
    );
  }
  o.push("</svg>");
  return o.join("\n");
}
