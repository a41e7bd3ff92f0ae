/**
 * The inline firewall's management API (fastify): status, recent alerts and incidents, policy reload and
 * Prometheus metrics. Every route wants `Authorization: Bearer <token>`; the token is compared in constant
 * time (both sides hashed first, so not even its length leaks). It listens on 127.0.0.1 unless told
 * otherwise: it is meant for the operator's own network, not the interconnect.
 *
 * The proxy stays behind `ManagementSource`; this module only reads it when asked. Metrics are read from the
 * pipeline's counters at scrape time, so forwarding an MSU costs the metrics nothing.
 *
 * | route | answer |
 * | --- | --- |
 * | `GET /status` | `{ startedAt, uptimeSeconds, policy, associations, counters, alerts }` |
 * | `GET /alerts?limit=N` | `{ alerts: FirewallAlert[] }`, newest first (N 1–10000, default 100) |
 * | `GET /incidents?limit=N` | `{ incidents: IncidentJson[] }` (N 1–10000, default 100) |
 * | `POST /reload` | 200 `{ ok: true, policy }`, or 422 `{ ok: false, errors }` (the old policy stays) |
 * | `GET /metrics` | Prometheus text format 0.0.4 |
 *
 * Errors are `{ error: "…" }`: 401 without a valid token, 400 for a bad query, 404 for other paths, 500
 * when the source throws. Request bodies are ignored (over 1 KiB: 413).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import { Counter, Gauge, type Metric, Registry } from "prom-client";
import { z } from "zod";
import type { IncidentJson } from "../firewall/report.js";
import type { AlertSinkCounters } from "./alerts.js";
import { type FirewallAlert, LATENCY_BUCKETS_US, type PipelineCounters } from "./pipeline.js";

/** One M3UA association of the proxy, as the management API shows it. */
export interface AssociationStatus {
  /** "interconnect": a foreign STP / lessee connected to us; "core": our link to the core's SGP. */
  side: "interconnect" | "core";
  id: string;
  /** The peer, `host:port`. */
  remote: string;
  /** The association's state as the transport names it (`ASP-ACTIVE`, `ASP-INACTIVE`, `DOWN` …). */
  state: string;
  routingContexts: number[];
  msusIn: number;
  msusOut: number;
  /**
   * Whether the association carries traffic (the `ss7guard_association_up` gauge). When absent, it is up
   * when `state` is `ACTIVE`, `ASP-ACTIVE` or `UP` (any case, `-`/`_` alike).
   */
  up?: boolean;
}

export type ReloadResult = { ok: true; policy: string } | { ok: false; errors: string };

/** What the management API reads; the proxy implements it. */
export interface ManagementSource {
  associations(): AssociationStatus[];
  counters(): PipelineCounters;
  /** Newest first. */
  recentAlerts(limit: number): FirewallAlert[];
  incidents(limit: number): IncidentJson[];
  /** Rebuilds the policy from its file; on failure the old policy stays and `errors` says why. */
  reload(): Promise<ReloadResult>;
  /** Which policy is in force (the file, and whatever identifies its version). */
  policy(): string;
  /** Alerts raised since start (`ss7guard_alerts_total`). */
  alertsTotal(): number;
  /** Delivery counters of the alert sink, when there is one. */
  alertDelivery?(): AlertSinkCounters;
  /** When the proxy started, ms since the epoch. */
  readonly startedAt: number;
}

export interface ManagementServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port (see the returned `port`). */
  port: number;
  token: string;
  source: ManagementSource;
  /** Wall clock, ms since the epoch (for uptime; injectable for tests). */
  now?: () => number;
}

export interface ManagementServer {
  port: number;
  close(): Promise<void>;
}

export const MAX_LIMIT = 10_000;

const limitSchema = z
  .string()
  .regex(/^\d+$/, `limit: expected an integer from 1 to ${MAX_LIMIT}`)
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(1, `limit: expected an integer from 1 to ${MAX_LIMIT}`)
      .max(MAX_LIMIT, `limit: expected an integer from 1 to ${MAX_LIMIT}`),
  )
  .default(100);

const LimitQuery = z.object({ limit: limitSchema }).strict();

function queryError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === "unrecognized_keys")
        return `unknown query parameter ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
      if (issue.code === "invalid_type" && issue.path[0] === "limit")
        return `limit: expected one integer from 1 to ${MAX_LIMIT}`;
      return issue.message;
    })
    .join("; ");
}

/** `up` of an association: its own flag, else its state. */
export function associationUp(a: AssociationStatus): boolean {
  return a.up ?? /^(asp[-_]?)?active$|^up$/i.test(a.state);
}

/** Starts the API; resolves once it listens. */
export async function startManagementServer(options: ManagementServerOptions): Promise<ManagementServer> {
  const { source } = options;
  if (options.token.length === 0) throw new RangeError("management token: empty");
  const now = options.now ?? Date.now;
  const expected = digest(options.token);
  const registry = metricsRegistry(source);
  const app = Fastify({ logger: false, forceCloseConnections: true });

  // No route takes a body: any is read (up to 1 KiB) and ignored, so `curl -X POST -H "content-type:
  // application/json"` without one works too.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 1024 }, (_request, _body, done) => {
    done(null, undefined);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: `not found: ${request.method} ${request.url.split("?")[0]}` });
  });
  app.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    void reply.code(status).send({ error: error.message ?? "internal error" });
  });

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    if (!authorized(request.headers.authorization, expected)) {
      reply.header("www-authenticate", 'Bearer realm="ss7guard"');
      return reply.code(401).send({ error: "unauthorized: send Authorization: Bearer <token>" });
    }
    reply.header("cache-control", "no-store");
  });

  app.get("/status", async () => {
    const c = source.counters();
    let droppedTotal = 0;
    const dropped: Record<string, number> = {};
    for (const [reason, n] of [...c.dropped].sort((a, b) => a[0].localeCompare(b[0]))) {
      dropped[reason] = n;
      droppedTotal += n;
    }
    return {
      startedAt: new Date(source.startedAt).toISOString(),
      uptimeSeconds: Math.max(0, (now() - source.startedAt) / 1000),
      policy: source.policy(),
      associations: source.associations(),
      counters: {
        inbound: c.inbound,
        outbound: c.outbound,
        forwarded: c.forwarded,
        answered: c.answered,
        dropped: droppedTotal,
        droppedByReason: dropped,
        failedOpen: c.failedOpen,
        judged: c.latencyCount,
        meanLatencyUs: c.latencyCount > 0 ? c.latencySumUs / c.latencyCount : 0,
      },
      alerts: source.alertsTotal(),
    };
  });

  app.get("/alerts", async (request, reply) => {
    const q = LimitQuery.safeParse(request.query);
    if (!q.success) return reply.code(400).send({ error: queryError(q.error) });
    return { alerts: source.recentAlerts(q.data.limit) };
  });

  app.get("/incidents", async (request, reply) => {
    const q = LimitQuery.safeParse(request.query);
    if (!q.success) return reply.code(400).send({ error: queryError(q.error) });
    return { incidents: source.incidents(q.data.limit) };
  });

  // One reload at a time: a second request waits for the first.
  let reloading: Promise<unknown> = Promise.resolve();
  app.post("/reload", async (_request, reply) => {
    const run = reloading.then(
      () => source.reload(),
      () => source.reload(),
    );
    reloading = run.catch(() => undefined);
    const result = await run;
    if (result.ok) return { ok: true, policy: result.policy };
    return reply.code(422).send({ ok: false, errors: result.errors });
  });

  app.get("/metrics", async (_request, reply) => {
    const text = await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });

  await app.listen({ host: options.host ?? "127.0.0.1", port: options.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    port,
    close: async () => {
      await app.close();
    },
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

function authorized(header: string | undefined, expected: Buffer): boolean {
  if (header === undefined) return false;
  const m = /^Bearer +(.+)$/i.exec(header);
  if (!m) return false;
  return timingSafeEqual(digest(m[1]!.trim()), expected);
}

/**
 * A private registry whose metrics read the source at scrape time: counters and gauges refill themselves in
 * `collect`, the latency histogram is a metric object that reports the pipeline's own cumulative buckets.
 */
function metricsRegistry(source: ManagementSource): Registry {
  const registry = new Registry();
  const registers = [registry];
  new Counter({
    name: "ss7guard_msus_total",
    help: "MSUs received, by direction (inbound: from the interconnect; outbound: from the core).",
    labelNames: ["direction"],
    registers,
    collect() {
      const c = source.counters();
      this.reset();
      this.inc({ direction: "inbound" }, c.inbound);
      this.inc({ direction: "outbound" }, c.outbound);
    },
  });
  new Counter({
    name: "ss7guard_msus_forwarded_total",
    help: "MSUs forwarded (fail-open passes included).",
    registers,
    collect() {
      this.reset();
      this.inc(source.counters().forwarded);
    },
  });
  new Counter({
    name: "ss7guard_msus_answered_total",
    help: "MSUs not forwarded but answered (UDTS, TCAP abort, MAP error).",
    registers,
    collect() {
      this.reset();
      this.inc(source.counters().answered);
    },
  });
  new Counter({
    name: "ss7guard_msus_dropped_total",
    help: "MSUs dropped without an answer, by reason.",
    labelNames: ["reason"],
    registers,
    collect() {
      this.reset();
      for (const [reason, n] of source.counters().dropped) this.inc({ reason }, n);
    },
  });
  new Counter({
    name: "ss7guard_msus_failed_open_total",
    help: "MSUs forwarded unjudged because the engine failed or ran over its budget (fail_mode open).",
    registers,
    collect() {
      this.reset();
      this.inc(source.counters().failedOpen);
    },
  });
  registry.registerMetric(latencyHistogram(source) as unknown as Metric);
  new Gauge({
    name: "ss7guard_association_up",
    help: "1 when the M3UA association carries traffic, else 0.",
    labelNames: ["side", "id"],
    registers,
    collect() {
      this.reset();
      for (const a of source.associations()) this.set({ side: a.side, id: a.id }, associationUp(a) ? 1 : 0);
    },
  });
  new Counter({
    name: "ss7guard_association_msus_total",
    help: "MSUs over each M3UA association, by direction (in: received from the peer, out: sent to it).",
    labelNames: ["side", "id", "direction"],
    registers,
    collect() {
      this.reset();
      for (const a of source.associations()) {
        this.inc({ side: a.side, id: a.id, direction: "in" }, a.msusIn);
        this.inc({ side: a.side, id: a.id, direction: "out" }, a.msusOut);
      }
    },
  });
  new Counter({
    name: "ss7guard_alerts_total",
    help: "Alerts raised.",
    registers,
    collect() {
      this.reset();
      this.inc(source.alertsTotal());
    },
  });
  if (source.alertDelivery) {
    const delivery = (): AlertSinkCounters => source.alertDelivery!();
    new Counter({
      name: "ss7guard_alert_webhook_alerts_total",
      help: "Alerts by webhook outcome: sent, failed (every attempt failed), dropped (queue full).",
      labelNames: ["outcome"],
      registers,
      collect() {
        const d = delivery();
        this.reset();
        this.inc({ outcome: "sent" }, d.webhookSent);
        this.inc({ outcome: "failed" }, d.webhookFailed);
        this.inc({ outcome: "dropped" }, d.webhookDropped);
      },
    });
    new Counter({
      name: "ss7guard_alert_file_dropped_total",
      help: "Alert lines not written to the alert file.",
      registers,
      collect() {
        this.reset();
        this.inc(delivery().fileDropped);
      },
    });
  }
  new Gauge({
    name: "ss7guard_start_time_seconds",
    help: "When the proxy started, seconds since the epoch.",
    registers,
    collect() {
      this.set(source.startedAt / 1000);
    },
  });
  return registry;
}

const LATENCY_NAME = "ss7guard_engine_latency_seconds";

/**
 * The engine-latency histogram as a prom-client metric object: the registry asks `get()` at scrape time and
 * prints what it returns, so the pipeline's cumulative µs buckets become `le` buckets in seconds without a
 * prom-client call per MSU.
 */
function latencyHistogram(source: ManagementSource) {
  return {
    name: LATENCY_NAME,
    help: "Firewall engine time per judged MSU.",
    type: "histogram",
    aggregator: "sum",
    reset(): void {},
    async get() {
      const c = source.counters();
      const values: { value: number; labels: Record<string, string | number>; metricName: string }[] = [];
      LATENCY_BUCKETS_US.forEach((us, i) => {
        values.push({
          metricName: `${LATENCY_NAME}_bucket`,
          labels: { le: us / 1e6 },
          value: c.latencyBuckets[i] ?? 0,
        });
      });
      values.push({ metricName: `${LATENCY_NAME}_bucket`, labels: { le: "+Inf" }, value: c.latencyCount });
      values.push({ metricName: `${LATENCY_NAME}_sum`, labels: {}, value: c.latencySumUs / 1e6 });
      values.push({ metricName: `${LATENCY_NAME}_count`, labels: {}, value: c.latencyCount });
      return { name: LATENCY_NAME, help: this.help, type: "histogram", aggregator: "sum", values };
    },
  };
}
