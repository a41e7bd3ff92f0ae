/**
 * The presentation of `ss7guard analyze`: the terminal summary and the HTML report, over a hand-built
 * analysis document (a 15-country leased-GT campaign, an incident whose names are hostile markup and
 * terminal escapes, a plain one, and an empty analysis).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  escapeHtml,
  formatCount,
  formatDuration,
  frameRanges,
  renderHtml,
  renderSummary,
  verdictLine,
  visible,
} from "../../src/cli/analyze-render.js";
import type {
  AnalysisJson,
  IncidentEventJson,
  IncidentJson,
  IncidentOriginJson,
} from "../../src/firewall/report.js";

const SCRIPT = "<script>alert(1)</script>";
const QUOTES = `"&'`;
const IMG = `"><img src=x onerror=alert(1)>`;
const ESCAPE = "\x1b]0;owned\x07\x1b[2J";
const BIDI = "\u202egnp.exe";

const COUNTRIES = ["AE", "BR", "CN", "DE", "EG", "FR", "GB", "HK", "ID", "IN", "KE", "MX", "NG", "RU", "ZA"];

function time(second: number, ms = 0): string {
  const s = String(second).padStart(2, "0");
  return `2026-01-01T00:00:${s}.${String(ms).padStart(3, "0")}000000Z`;
}

function campaign(): IncidentJson {
  const origins: IncidentOriginJson[] = [];
  for (let i = 0; i < 23; i++) {
    origins.push({
      gt: `4479${String(i).padStart(7, "0")}`,
      country: COUNTRIES[i % COUNTRIES.length]!,
      operator: `Operator ${i}`,
      lessee: "Nimbus Route Ltd",
      messages: 30 - i,
    });
  }
  const timeline: IncidentEventJson[] = [];
  for (let i = 0; i < 20; i++) {
    timeline.push({
      time: time(1 + Math.floor(i / 4), (i % 4) * 250),
      frame: 100 + i * 3,
      operation: i % 2 ? "anyTimeInterrogation" : "provideSubscriberInfo",
      gt: origins[i]!.gt,
      country: origins[i]!.country,
      lessee: "Nimbus Route Ltd",
      verdict: i % 5 === 0 ? "allow" : "drop",
      reason: i % 5 === 0 ? "rule:allow-partner" : "campaign",
    });
  }
  return {
    id: "INC-0001",
    kind: "location-tracking",
    summary:
      "location-tracking at IMSI 310150123456789: 60 messages from 23 GTs in 15 countries, lessee Nimbus Route Ltd",
    target: { imsi: "310150123456789", msisdn: "12025550123" },
    start: time(1),
    end: time(13, 500),
    messages: 60,
    peak_rate_per_s: 12,
    operations: { anyTimeInterrogation: 30, provideSubscriberInfo: 30, sendRoutingInfoForLCS: 0 },
    origins,
    countries: [...COUNTRIES],
    lessees: ["Nimbus Route Ltd"],
    shared_lessee: "Nimbus Route Ltd",
    verdicts: { drop: 48, allow: 12 },
    alerts: 48,
    // 60 frames, every third one: 60 runs, enough to be collapsed.
    frames: Array.from({ length: 60 }, (_, i) => 100 + i * 3),
    timeline,
  };
}

function hostile(): IncidentJson {
  const event = (i: number): IncidentEventJson => ({
    time: time(20 + i),
    frame: 500 + i,
    operation: `${SCRIPT}${i}`,
    gt: IMG,
    country: "<b>",
    lessee: SCRIPT,
    verdict: "tcap-abort",
    reason: `rule:${QUOTES}${ESCAPE}`,
  });
  return {
    id: "INC-0002",
    kind: "category-1-probe",
    summary: `category-1-probe from ${SCRIPT} ${QUOTES} ${BIDI}`,
    target: { imsi: null, msisdn: null },
    start: time(20),
    end: time(22),
    messages: 3,
    peak_rate_per_s: 1,
    operations: { [SCRIPT]: 2, [`${QUOTES}${ESCAPE}`]: 1 },
    origins: [
      { gt: IMG, country: "<b>", operator: QUOTES, lessee: SCRIPT, messages: 2 },
      { gt: `${ESCAPE}${BIDI}`, country: null, operator: `${ESCAPE}`, lessee: `${BIDI}`, messages: 1 },
    ],
    countries: ["<b>"],
    lessees: [SCRIPT, BIDI],
    shared_lessee: null,
    verdicts: { "tcap-abort": 3 },
    alerts: 3,
    frames: [500, 501, 502],
    timeline: [event(0), event(1), event(2)],
  };
}

function spoofing(): IncidentJson {
  return {
    id: "INC-0003",
    kind: "sms-spoofing",
    summary: "sms-spoofing at MSISDN 12025550177 from 254722003000",
    target: { imsi: null, msisdn: "12025550177" },
    start: time(40),
    end: time(40),
    messages: 1,
    peak_rate_per_s: 1,
    operations: { "mt-forwardSM": 1 },
    origins: [{ gt: "254722003000", country: "KE", operator: "Safaricom", lessee: null, messages: 1 }],
    countries: ["KE"],
    lessees: [],
    shared_lessee: null,
    verdicts: { drop: 1 },
    alerts: 0,
    frames: [900],
    timeline: [
      {
        time: time(40),
        frame: 900,
        operation: "mt-forwardSM",
        gt: "254722003000",
        country: "KE",
        lessee: null,
        verdict: "drop",
        reason: "sms-home-routing",
      },
    ],
  };
}

function report(incidents: IncidentJson[] = [campaign(), hostile(), spoofing()]): AnalysisJson {
  return {
    file: "captures/interconnect-2026-01-01.pcap",
    policy: "policy/home.yaml",
    messages: 12_345,
    frames: 12_400,
    start: time(0),
    end: "2026-01-01T00:05:00.000000000Z",
    verdicts: { allow: 12_281, drop: 49, "drop-with-udts": 0, "tcap-abort": 3, "map-error": 0 },
    alerts: 51,
    by_category: {
      "1": { drop: 9, "tcap-abort": 3 },
      "2": { allow: 100 },
      "3": { allow: 2_000, drop: 40 },
      sms: { allow: 10_181 },
      other: {},
    },
    skipped: {
      messages: 2,
      errors: [
        { frame: 17, layer: "sccp", offset: 5, message: "pointer beyond the message" },
        { frame: 18, layer: "tcap", offset: 2, message: `length lies ${SCRIPT}` },
        { frame: 19, layer: "m3ua", offset: 0, message: "unknown class" },
        { frame: 20, layer: "sctp", offset: 12, message: "bad chunk length" },
        { frame: 21, layer: "ip", offset: 9, message: "fragment overlap" },
      ],
      truncated: true,
    },
    incidents,
  };
}

function emptyReport(): AnalysisJson {
  return {
    ...report([]),
    verdicts: { allow: 10, drop: 0, "drop-with-udts": 0, "tcap-abort": 0, "map-error": 0 },
    alerts: 0,
    by_category: { "1": {}, "2": {}, "3": {}, sms: { allow: 10 }, other: {} },
    skipped: { messages: 0, errors: [], truncated: false },
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\x1b\[[0-9;]*m/g;

describe("renderSummary", () => {
  const plain = renderSummary(report());
  const lines = plain.split("\n");

  it("heads with the file, policy, time span, counts, skipped examples and the truncation warning", () => {
    assert.match(plain, /^ss7guard analyze: captures\/interconnect-2026-01-01\.pcap\n/);
    assert.ok(plain.includes("policy/home.yaml"));
    assert.ok(plain.includes("2026-01-01 00:00:00.000 → 00:05:00.000 UTC (5 min 00 s)"));
    assert.ok(plain.includes("12,345 SS7 messages in 12,400 frames"));
    assert.ok(plain.includes("2 undecodable messages, 5 errors"));
    assert.ok(plain.includes("frame 17: sccp: pointer beyond the message at offset 5"));
    assert.ok(plain.includes("frame 19: m3ua: unknown class at offset 0"));
    assert.ok(!plain.includes("frame 20: sctp"), "only the first three errors are quoted");
    assert.ok(plain.includes("… 2 more errors"));
    assert.ok(plain.includes("!! capture cut short"));
    assert.ok(plain.includes("allow 12,281 · drop 49 · drop-with-udts 0 · tcap-abort 3 · map-error 0"));
    assert.match(plain, /alerts +51\n/);
  });

  it("aligns the verdicts-by-category table", () => {
    const at = lines.indexOf("verdicts by FS.11 category");
    const rows = lines.slice(at + 1, at + 7);
    assert.match(rows[0]!, /category +allow +drop +drop-with-udts +tcap-abort +map-error +total$/);
    assert.match(rows[1]!, /^ {2}1 · never on interconnect +0 +9 +0 +3 +0 +12$/);
    assert.match(rows[5]!, /^ {2}other( +0){6}$/);
    // Right-aligned numbers: every row ends in the same column, and the columns line up under the titles.
    assert.equal(new Set(rows.map((r) => r.length)).size, 1, rows.join("\n"));
    const totalEnd = rows[0]!.length;
    for (const r of rows) assert.equal(r.length, totalEnd);
    const dropEnd = rows[0]!.indexOf("drop ") + "drop".length;
    assert.equal(rows[1]![dropEnd - 1], "9");
  });

  it("lists every incident with its facts, the shared-lessee line first", () => {
    for (const id of ["INC-0001", "INC-0002", "INC-0003"]) assert.ok(plain.includes(id), id);
    assert.ok(plain.includes("incidents: 3"));
    const head = lines.findIndex((l) => l.startsWith("INC-0001"));
    assert.equal(lines[head], "INC-0001  location-tracking  IMSI 310150123456789 · MSISDN 12025550123");
    assert.equal(lines[head + 1], "  !! 15 countries, one lessee: Nimbus Route Ltd");
    assert.ok(plain.includes("2026-01-01 00:00:01.000 → 00:00:13.500 UTC (12.5 s)"));
    assert.ok(plain.includes("60 · peak 12/s · 48 alerts"));
    assert.ok(plain.includes("anyTimeInterrogation 30 · provideSubscriberInfo 30 · sendRoutingInfoForLCS 0"));
    assert.ok(plain.includes(`countries  15: ${COUNTRIES.join(" ")}`));
    assert.ok(plain.includes("lessees    Nimbus Route Ltd"));
    assert.ok(plain.includes("verdicts   allow 12 · drop 48"));
    assert.ok(plain.includes("INC-0003  sms-spoofing  MSISDN 12025550177"));
    assert.equal(plain.match(/!! \d+ countries, one lessee/g)?.length, 1, "only the campaign has the banner");
  });

  it("caps the origins at 20 rows and the timeline at 15 events", () => {
    const at = lines.indexOf("  origins (23)");
    assert.ok(at > 0);
    assert.match(lines[at + 1]!, /^ {4}GT +country +operator +lessee +messages$/);
    const more = lines.indexOf("    … 3 more origins (27 messages)");
    assert.equal(more - at - 2, 20, "20 origin rows");
    assert.match(lines[at + 2]!, /^ {4}44790000000 +AE +Operator 0 +Nimbus Route Ltd +30$/);

    const tl = lines.indexOf("  timeline (first 15 of 60)");
    assert.ok(tl > more);
    assert.match(lines[tl + 1]!, /^ {4}time +frame +operation +GT +country +verdict +reason$/);
    assert.match(
      lines[tl + 2]!,
      /^ {4}00:00:01\.000000 +100 +provideSubscriberInfo +44790000000 +AE +allow +rule:allow-partner$/,
    );
    assert.equal(lines[tl + 17], "    … 45 more messages");
  });

  it("ends with a one-line verdict", () => {
    const last = lines.at(-2)!;
    assert.equal(
      last,
      "verdict: 3 incidents (1 category-1-probe, 1 location-tracking, 1 sms-spoofing; 1 shared-lessee campaign) · 51 alerts · category 1: 0 allowed, 12 blocked · capture cut short",
    );
    assert.equal(lines.at(-1), "");
    assert.equal(verdictLine(report()), last.slice("verdict: ".length));
  });

  it("says 'no incidents' for a clean analysis", () => {
    const out = renderSummary(emptyReport());
    assert.ok(out.includes("incidents: none"));
    assert.ok(out.includes("skipped    none"));
    assert.ok(!out.includes("!!"));
    assert.ok(out.endsWith("verdict: no incidents · 0 alerts · category 1: 0 allowed, 0 blocked\n"));
  });

  it("shows hostile names inert: no terminal escapes, no bidi overrides", () => {
    assert.ok(!plain.includes("\x1b"), "no raw ESC without colour");
    assert.ok(!plain.includes("\x07"));
    assert.ok(!plain.includes("\u202e"));
    assert.ok(plain.includes("\\x1b]0;owned\\x07\\x1b[2J"));
    assert.ok(plain.includes("\\u202egnp.exe"));
    // Markup is just text on a terminal.
    assert.ok(plain.includes(`lessees    ${SCRIPT} · \\u202egnp.exe`));
  });

  it("clips long cells so one hostile name cannot push the table off the screen", () => {
    const inc = spoofing();
    inc.origins[0]!.operator = "X".repeat(500);
    const out = renderSummary(report([inc]));
    assert.ok(out.includes(`${"X".repeat(39)}…`));
    assert.ok(!out.includes("X".repeat(41)));
  });

  it("colours only when asked, and colour changes nothing but escape codes", () => {
    const colored = renderSummary(report(), { color: true });
    assert.ok(colored.includes("\x1b[1;31m  !! 15 countries, one lessee: Nimbus Route Ltd\x1b[0m"));
    assert.notEqual(colored, plain);
    assert.equal(colored.replace(ANSI, ""), plain);
    assert.equal(renderSummary(report(), { color: false }), plain);
    // The only ESC bytes are the SGR codes the renderer wrote itself.
    assert.ok(!colored.replace(ANSI, "").includes("\x1b"));
  });

  it("is deterministic", () => {
    assert.equal(renderSummary(report()), plain);
    assert.equal(
      renderSummary(structuredClone(report()), { color: true }),
      renderSummary(report(), { color: true }),
    );
  });
});

/** Checks that every non-void element is closed in order; returns the problems found. */
function tagBalance(html: string): string[] {
  const VOID = new Set(["meta", "link", "br", "hr", "img", "input", "col", "wbr", "area", "base", "source"]);
  const problems: string[] = [];
  const stack: string[] = [];
  const body = html.replace(/<style>[\s\S]*?<\/style>/g, "<style></style>");
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, rawName, selfClosing] = m;
    const name = rawName!.toLowerCase();
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}> at ${m.index}`);
    } else if (!VOID.has(name) && !selfClosing) stack.push(name);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(" ")}`);
  return problems;
}

describe("renderHtml", () => {
  const html = renderHtml(report());

  it("is one well-formed document", () => {
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.ok(html.endsWith("</html>\n"));
    assert.deepEqual(tagBalance(html), []);
    assert.deepEqual(tagBalance(renderHtml(emptyReport())), []);
    for (const tag of ["section", "table", "svg", "details", "tr", "td"]) {
      const opened = html.match(new RegExp(`<${tag}[\\s>]`, "g"))?.length ?? 0;
      const closed = html.match(new RegExp(`</${tag}>`, "g"))?.length ?? 0;
      assert.equal(opened, closed, tag);
    }
    assert.ok(html.includes('<meta charset="utf-8">'));
    // The checker itself notices a missing close.
    assert.notDeepEqual(tagBalance("<section><table></section>"), []);
  });

  it("escapes every hostile string", () => {
    assert.ok(!html.includes(SCRIPT));
    assert.ok(!/<script/i.test(html), "no script element at all");
    assert.ok(!/<img/i.test(html));
    assert.ok(!html.includes("<b>"));
    assert.ok(!html.includes(QUOTES));
    assert.ok(!html.includes("\x1b") && !html.includes("\x07") && !html.includes("\u202e"));
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert.ok(html.includes("&quot;&amp;&#39;"));
    assert.ok(html.includes("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert.ok(html.includes("\\x1b]0;owned\\x07\\x1b[2J"));
    assert.ok(html.includes("&lt;b&gt;"));
    // Hostile text never lands in an attribute unescaped: every attribute value is free of < and raw quotes.
    for (const m of html.matchAll(/\s[a-z-]+="([^"]*)"/g)) assert.ok(!m[1]!.includes("<"), m[0]);
  });

  it("needs nothing outside the file", () => {
    assert.ok(!html.includes('src="http'));
    assert.ok(!html.includes('href="http'));
    assert.ok(!/<link/i.test(html));
    assert.ok(!/https?:\/\//.test(html), "no URL at all");
    assert.ok(!/\ssrc=/i.test(html.replace(/&lt;img src=x/g, "")));
    assert.ok(!/url\(|@import/i.test(html));
    for (const m of html.matchAll(/href="([^"]*)"/g)) assert.match(m[1]!, /^#incident-\d+$/);
    assert.ok(html.includes("Content-Security-Policy"));
  });

  it("has a section per incident with its facts, the banner, the SVG timeline and the tables", () => {
    for (const [i, id] of ["INC-0001", "INC-0002", "INC-0003"].entries()) {
      assert.ok(html.includes(`<section class="incident" id="incident-${i + 1}">`));
      assert.ok(html.includes(`<h2>${id} · `));
      assert.ok(html.includes(`<a href="#incident-${i + 1}">${id}</a>`));
    }
    assert.equal(html.match(/<svg /g)?.length, 3);
    assert.equal(html.match(/<div class="banner"/g)?.length, 1);
    assert.ok(html.includes("!! 15 countries, one lessee: Nimbus Route Ltd"));
    // One dot per timeline event, coloured by verdict.
    const first = html.slice(html.indexOf('id="incident-1"'), html.indexOf('id="incident-2"'));
    assert.equal(first.match(/<circle /g)?.length, 20);
    assert.equal(first.match(/<circle [^>]*fill="#12824c"/g)?.length, 4, "4 allowed events in green");
    assert.ok(first.includes("<h3>Origins (23)</h3>"));
    assert.equal(first.match(/<td class="mono">4479/g)?.length, 23 + 20, "all origins, all timeline rows");
    assert.ok(first.includes("<h3>Countries (15)</h3>"));
    assert.ok(first.includes('<span class="tag">NG</span>'));
    assert.ok(first.includes("12.5 s"));
    // 60 separate frames: collapsed.
    assert.ok(first.includes("<details><summary>60 frames in 60 runs</summary>"));
    const third = html.slice(html.indexOf('id="incident-3"'));
    assert.ok(third.includes('<p class="mono">900</p>'), "a short frame list is shown as it is");
    assert.ok(third.includes("<td>Safaricom</td>"));
  });

  it("carries the summary, the verdict tables and a generation note without a wall-clock time", () => {
    assert.ok(html.includes("<h3>By FS.11 category</h3>"));
    assert.ok(
      html.includes('<tr><td>1 · never on interconnect</td><td class="n">0</td><td class="n">9</td>'),
    );
    assert.ok(html.includes('<th scope="row">SS7 messages</th><td>12,345</td>'));
    assert.ok(html.includes("The capture was cut short"));
    assert.match(
      html,
      /Generated by ss7guard analyze · capture <code>captures\/interconnect-2026-01-01\.pcap<\/code> · policy <code>policy\/home\.yaml<\/code>/,
    );
    const thisYear = String(new Date().getUTCFullYear());
    if (thisYear !== "2026") assert.ok(!html.includes(thisYear));
  });

  it("says so when there are no incidents", () => {
    const out = renderHtml(emptyReport());
    assert.ok(out.includes("No incidents."));
    assert.ok(!out.includes("<svg"));
    assert.ok(out.includes("no incidents · 0 alerts"));
  });

  it("is deterministic", () => {
    assert.equal(renderHtml(report()), html);
    assert.equal(renderHtml(structuredClone(report())), html);
    assert.equal(renderHtml(emptyReport()), renderHtml(emptyReport()));
  });
});

describe("render helpers", () => {
  it("formats counts, durations and frame runs without a locale", () => {
    assert.equal(formatCount(0), "0");
    assert.equal(formatCount(999), "999");
    assert.equal(formatCount(1000), "1,000");
    assert.equal(formatCount(1234567), "1,234,567");
    assert.equal(formatCount(-4200), "-4,200");
    assert.equal(formatCount(2.5), "2.5");
    assert.equal(formatDuration(0), "0 s");
    assert.equal(formatDuration(0.00380544), "3.805 ms");
    assert.equal(formatDuration(12.5), "12.5 s");
    assert.equal(formatDuration(252), "4 min 12 s");
    assert.equal(formatDuration(7380), "2 h 03 min");
    assert.equal(formatDuration(3 * 86400 + 4 * 3600), "3 d 04 h");
    assert.deepEqual(frameRanges([1, 2, 3, 5, 7, 8]), ["1–3", "5", "7–8"]);
    assert.deepEqual(frameRanges([]), []);
  });

  it("makes control and bidi characters visible and escapes HTML", () => {
    assert.equal(visible("plain"), "plain");
    assert.equal(visible("a\nb\tc\x1b\u202e\u0085"), "a\\x0ab\\x09c\\x1b\\u202e\\x85");
    assert.equal(escapeHtml(`<a href="x">&'</a>`), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    assert.equal(escapeHtml(null), "");
  });
});
