import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { IncidentJson } from "../../src/firewall/report.js";
import type { AlertSinkCounters } from "../../src/proxy/alerts.js";
import {
  type AssociationStatus,
  type ManagementServer,
  type ManagementSource,
  type ReloadResult,
  startManagementServer,
} from "../../src/proxy/management.js";
import { type FirewallAlert, LATENCY_BUCKETS_US, type PipelineCounters } from "../../src/proxy/pipeline.js";

const TOKEN = "s3cret-management-token";
const STARTED = Date.UTC(2026, 0, 1, 0, 0, 0);

function alert(n: number): FirewallAlert {
  return {
    time: new Date(STARTED + n * 1000).toISOString(),
    direction: "inbound",
    verdict: "drop",
    reason: "campaign",
    opcode: 71,
    calling_gt: `2609590000${n}`,
    called_gt: "12025550100",
    country: "ZM",
    operator: "Zamtel",
    lessee: "Nimbus Route Ltd",
    imsi: "310150000000042",
    msisdn: null,
    incident: "INC-0001",
    incident_kind: "location-tracking",
  };
}

const INCIDENT: IncidentJson = {
  id: "INC-0001",
  kind: "location-tracking",
  summary: "location-tracking of 12025560042: 12 messages from 3 countries, one lessee: Nimbus Route Ltd",
  target: { imsi: "310150000000042", msisdn: "12025560042" },
  start: "2026-01-01T00:00:00.000000000Z",
  end: "2026-01-01T00:00:04.000000000Z",
  messages: 12,
  peak_rate_per_s: 4,
  operations: { anyTimeInterrogation: 12 },
  origins: [
    { gt: "260959000001", country: "ZM", operator: "Zamtel", lessee: "Nimbus Route Ltd", messages: 12 },
  ],
  countries: ["DE", "GB", "ZM"],
  lessees: ["Nimbus Route Ltd"],
  shared_lessee: "Nimbus Route Ltd",
  verdicts: { drop: 12 },
  alerts: 12,
  frames: [1, 2, 3],
  timeline: [],
};

/** The proxy side of the boundary, as plain data. */
class FakeSource implements ManagementSource {
  readonly startedAt = STARTED;
  current = "policy.yaml (sha256 1111)";
  nextReload: ReloadResult = { ok: true, policy: "policy.yaml (sha256 2222)" };
  reloads = 0;
  limits: number[] = [];
  alertCount = 42;
  readonly pipeline: PipelineCounters = {
    inbound: 120,
    outbound: 80,
    forwarded: 180,
    answered: 6,
    dropped: new Map([
      ["category-1", 9],
      ["fail-closed:over-budget", 1],
      ['odd "reason"\\x', 4],
    ]),
    failedOpen: 2,
    // Cumulative over 5 10 25 50 100 250 500 1000 5000 µs; one MSU took longer than 5 ms.
    latencyBuckets: [10, 60, 150, 180, 190, 195, 196, 196, 197],
    latencySumUs: 4321.5,
    latencyCount: 198,
  };
  readonly links: AssociationStatus[] = [
    {
      side: "interconnect",
      id: "stp-a",
      remote: "127.0.0.1:40001",
      state: "ASP-ACTIVE",
      routingContexts: [1, 2],
      msusIn: 100,
      msusOut: 70,
    },
    {
      side: "core",
      id: "core-1",
      remote: "127.0.0.1:2905",
      state: "ASP-INACTIVE",
      routingContexts: [10],
      msusIn: 10,
      msusOut: 110,
    },
  ];
  associations(): AssociationStatus[] {
    return this.links;
  }
  counters(): PipelineCounters {
    return this.pipeline;
  }
  recentAlerts(limit: number): FirewallAlert[] {
    this.limits.push(limit);
    return [3, 2, 1].map(alert).slice(0, limit);
  }
  incidents(limit: number): IncidentJson[] {
    this.limits.push(limit);
    return [INCIDENT].slice(0, limit);
  }
  async reload(): Promise<ReloadResult> {
    this.reloads++;
    const r = this.nextReload;
    if (r.ok) this.current = r.policy;
    return r;
  }
  policy(): string {
    return this.current;
  }
  alertsTotal(): number {
    return this.alertCount;
  }
  alertDelivery(): AlertSinkCounters {
    return {
      written: 42,
      fileDropped: 1,
      webhookSent: 30,
      webhookFailed: 5,
      webhookDropped: 7,
      webhookErrors: 9,
    };
  }
}

let server: ManagementServer;
let base: string;
const source = new FakeSource();
const auth = { authorization: `Bearer ${TOKEN}` };

before(async () => {
  server = await startManagementServer({
    port: 0,
    token: TOKEN,
    source,
    now: () => STARTED + 90_500,
  });
  base = `http://127.0.0.1:${server.port}`;
});
after(() => server.close());

async function get(path: string, headers: Record<string, string> = auth) {
  const res = await fetch(base + path, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

async function getJson(path: string, headers: Record<string, string> = auth) {
  const r = await get(path, headers);
  // biome-ignore lint/suspicious/noExplicitAny: test-side JSON
  return { ...r, body: JSON.parse(r.text) as any };
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus text format 0.0.4 strictly enough to catch malformed output. */
function parseProm(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  assert.ok(text.endsWith("\n"), "ends with a newline");
  for (const line of text.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("# HELP ")) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `malformed line: ${line}`);
    const labels: Record<string, string> = {};
    if (m[2]) {
      const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/gy;
      let at = 0;
      for (let l = re.exec(m[2]); l; l = re.exec(m[2])) {
        labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
        at = re.lastIndex;
      }
      assert.equal(at, m[2].length, `malformed labels: ${line}`);
    }
    const value = m[3] === "+Inf" ? Number.POSITIVE_INFINITY : Number(m[3]);
    assert.ok(!Number.isNaN(value), `bad value: ${line}`);
    const family = m[1]!.replace(/_(bucket|sum|count)$/, "");
    assert.ok(types.has(m[1]!) || types.get(family) === "histogram", `sample before its TYPE: ${line}`);
    samples.push({ name: m[1]!, labels, value });
  }
  return { types, samples };
}

describe("management API", () => {
  it("answers 401 without the right bearer token, on every path", async () => {
    const wrong: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong-token-of-some-length" },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString("base64")}` },
      { authorization: TOKEN },
    ];
    for (const headers of wrong) {
      for (const path of ["/status", "/alerts", "/incidents", "/metrics", "/nowhere"]) {
        const r = await getJson(path, headers);
        assert.equal(r.status, 401, `${path} with ${JSON.stringify(headers)}`);
        assert.match(r.body.error, /unauthorized/);
        assert.equal(r.headers.get("www-authenticate"), 'Bearer realm="ss7guard"');
      }
    }
    const reload = await fetch(`${base}/reload`, { method: "POST" });
    assert.equal(reload.status, 401);
    await reload.text();
    assert.equal(source.reloads, 0, "no reload without the token");
    assert.equal((await get("/status", { authorization: `bearer ${TOKEN}` })).status, 200, "scheme any case");
    assert.equal((await get("/nowhere")).status, 404);
  });

  it("GET /status: associations, counters, uptime, policy", async () => {
    const r = await getJson("/status");
    assert.equal(r.status, 200);
    assert.match(r.headers.get("content-type")!, /^application\/json/);
    assert.equal(r.headers.get("cache-control"), "no-store");
    assert.deepEqual(r.body, {
      startedAt: "2026-01-01T00:00:00.000Z",
      uptimeSeconds: 90.5,
      policy: "policy.yaml (sha256 1111)",
      associations: source.links,
      counters: {
        inbound: 120,
        outbound: 80,
        forwarded: 180,
        answered: 6,
        dropped: 14,
        droppedByReason: { "category-1": 9, "fail-closed:over-budget": 1, 'odd "reason"\\x': 4 },
        failedOpen: 2,
        judged: 198,
        meanLatencyUs: 4321.5 / 198,
      },
      alerts: 42,
    });
  });

  it("GET /alerts and /incidents pass the limit through (default 100)", async () => {
    source.limits = [];
    const alerts = await getJson("/alerts?limit=2");
    assert.equal(alerts.status, 200);
    assert.deepEqual(alerts.body, { alerts: [alert(3), alert(2)] });
    assert.deepEqual((await getJson("/alerts")).body.alerts.length, 3);
    const incidents = await getJson("/incidents?limit=10000");
    assert.deepEqual(incidents.body, { incidents: [INCIDENT] });
    await getJson("/incidents");
    assert.deepEqual(source.limits, [2, 100, 10000, 100]);
  });

  it("rejects bad query parameters with 400 and a clear message", async () => {
    source.limits = [];
    for (const [query, message] of [
      ["limit=0", /^limit: expected an integer from 1 to 10000$/],
      ["limit=10001", /^limit: expected an integer from 1 to 10000$/],
      ["limit=-3", /^limit: expected an integer from 1 to 10000$/],
      ["limit=1.5", /^limit: expected an integer from 1 to 10000$/],
      ["limit=abc", /^limit: expected an integer from 1 to 10000$/],
      ["limit=", /^limit: expected an integer from 1 to 10000$/],
      ["limit=1&limit=2", /^limit: expected one integer from 1 to 10000$/],
      ["count=5", /^unknown query parameter "count"$/],
    ] as const) {
      for (const path of ["/alerts", "/incidents"]) {
        const r = await getJson(`${path}?${query}`);
        assert.equal(r.status, 400, `${path}?${query}`);
        assert.match(r.body.error, message, `${path}?${query}`);
      }
    }
    assert.deepEqual(source.limits, [], "the source is never asked with a bad limit");
  });

  it("POST /reload: 200 with the new policy, 422 with the errors (the old policy stays)", async () => {
    source.nextReload = { ok: true, policy: "policy.yaml (sha256 2222)" };
    const ok = await fetch(`${base}/reload`, { method: "POST", headers: auth });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { ok: true, policy: "policy.yaml (sha256 2222)" });
    assert.equal((await getJson("/status")).body.policy, "policy.yaml (sha256 2222)");

    const errors = "policy.yaml: invalid policy\n  policy.yaml:3:5 home.mccmnc[0]: expected 5 or 6 digits";
    source.nextReload = { ok: false, errors };
    const bad = await fetch(`${base}/reload`, { method: "POST", headers: auth });
    assert.equal(bad.status, 422);
    assert.deepEqual(await bad.json(), { ok: false, errors });
    assert.equal((await getJson("/status")).body.policy, "policy.yaml (sha256 2222)");
    assert.equal(source.reloads, 2);
    const wrongMethod = await getJson("/reload");
    assert.equal(wrongMethod.status, 404);
    assert.deepEqual(wrongMethod.body, { error: "not found: GET /reload" });

    // A body (even an empty one labelled JSON) is ignored.
    source.nextReload = { ok: true, policy: "p3" };
    for (const body of ["", "{}", "not json"]) {
      const r = await fetch(`${base}/reload`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body,
      });
      assert.equal(r.status, 200, JSON.stringify(body));
      await r.text();
    }
    const big = await fetch(`${base}/reload`, { method: "POST", headers: auth, body: "x".repeat(4096) });
    assert.equal(big.status, 413);
    await big.text();
  });

  it("answers 500 with the message when the source throws", async () => {
    const reload = source.reload;
    source.reload = async () => {
      throw new Error("policy file vanished");
    };
    try {
      const r = await fetch(`${base}/reload`, { method: "POST", headers: auth });
      assert.equal(r.status, 500);
      assert.deepEqual(await r.json(), { error: "policy file vanished" });
    } finally {
      source.reload = reload;
    }
  });

  it("GET /metrics: Prometheus text read from the counters at scrape time", async () => {
    const r = await get("/metrics");
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const { types, samples } = parseProm(r.text);
    assert.deepEqual(Object.fromEntries(types), {
      ss7guard_msus_total: "counter",
      ss7guard_msus_forwarded_total: "counter",
      ss7guard_msus_answered_total: "counter",
      ss7guard_msus_dropped_total: "counter",
      ss7guard_msus_failed_open_total: "counter",
      ss7guard_engine_latency_seconds: "histogram",
      ss7guard_association_up: "gauge",
      ss7guard_association_msus_total: "counter",
      ss7guard_alerts_total: "counter",
      ss7guard_alert_webhook_alerts_total: "counter",
      ss7guard_alert_file_dropped_total: "counter",
      ss7guard_start_time_seconds: "gauge",
    });
    const value = (name: string, labels: Record<string, string> = {}) => {
      const found = samples.filter(
        (s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels),
      );
      assert.equal(found.length, 1, `${name}${JSON.stringify(labels)}: ${found.length} samples`);
      return found[0]!.value;
    };
    assert.equal(value("ss7guard_msus_total", { direction: "inbound" }), 120);
    assert.equal(value("ss7guard_msus_total", { direction: "outbound" }), 80);
    assert.equal(value("ss7guard_msus_forwarded_total"), 180);
    assert.equal(value("ss7guard_msus_answered_total"), 6);
    assert.equal(value("ss7guard_msus_dropped_total", { reason: "category-1" }), 9);
    assert.equal(value("ss7guard_msus_dropped_total", { reason: "fail-closed:over-budget" }), 1);
    assert.equal(value("ss7guard_msus_dropped_total", { reason: 'odd "reason"\\x' }), 4, "labels escaped");
    assert.equal(value("ss7guard_msus_failed_open_total"), 2);
    assert.equal(value("ss7guard_association_up", { side: "interconnect", id: "stp-a" }), 1);
    assert.equal(value("ss7guard_association_up", { side: "core", id: "core-1" }), 0);
    assert.equal(
      value("ss7guard_association_msus_total", { side: "core", id: "core-1", direction: "out" }),
      110,
    );
    assert.equal(value("ss7guard_alerts_total"), 42);
    assert.equal(value("ss7guard_alert_webhook_alerts_total", { outcome: "sent" }), 30);
    assert.equal(value("ss7guard_alert_webhook_alerts_total", { outcome: "failed" }), 5);
    assert.equal(value("ss7guard_alert_webhook_alerts_total", { outcome: "dropped" }), 7);
    assert.equal(value("ss7guard_alert_file_dropped_total"), 1);
    assert.equal(value("ss7guard_start_time_seconds"), STARTED / 1000);

    const buckets = samples.filter((s) => s.name === "ss7guard_engine_latency_seconds_bucket");
    assert.deepEqual(
      buckets.map((b) => b.labels.le),
      [...LATENCY_BUCKETS_US.map((us) => String(us / 1e6)), "+Inf"],
    );
    for (let i = 1; i < buckets.length; i++)
      assert.ok(buckets[i]!.value >= buckets[i - 1]!.value, "cumulative buckets never decrease");
    assert.deepEqual(
      buckets.map((b) => b.value),
      [...source.pipeline.latencyBuckets, 198],
    );
    const count = value("ss7guard_engine_latency_seconds_count");
    assert.equal(count, source.pipeline.latencyCount);
    assert.equal(buckets.at(-1)!.value, count, "+Inf bucket equals _count");
    assert.ok(Math.abs(value("ss7guard_engine_latency_seconds_sum") - 4321.5e-6) < 1e-12);

    // The next scrape sees the counters as they are then.
    source.pipeline.inbound += 5;
    source.pipeline.dropped.set("campaign", 7);
    source.alertCount = 43;
    const again = parseProm((await get("/metrics")).text).samples;
    const pick = (name: string, labels: Record<string, string>) =>
      again.find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
    assert.equal(pick("ss7guard_msus_total", { direction: "inbound" }), 125);
    assert.equal(pick("ss7guard_msus_dropped_total", { reason: "campaign" }), 7);
    assert.equal(pick("ss7guard_alerts_total", {}), 43);
  });

  it("listens on 127.0.0.1 by default and stops on close", async () => {
    const other = await startManagementServer({ port: 0, token: TOKEN, source });
    const url = `http://127.0.0.1:${other.port}/status`;
    assert.equal((await fetch(url, { headers: auth }).then((r) => r.status)) as number, 200);
    await other.close();
    await assert.rejects(fetch(url, { headers: auth }));
  });
});
