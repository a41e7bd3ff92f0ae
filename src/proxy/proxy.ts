/**
 * The inline firewall: an SGP toward the interconnect (foreign STPs and GT lessees connect to it as ASPs),
 * an ASP group toward the core, and every DATA message in either direction through the FirewallPipeline.
 * Allowed MSUs are forwarded as received (only the Routing Context changes, it is per association);
 * blocked ones are dropped or answered back on the association they came from.
 *
 * Ordering: messages are judged and forwarded synchronously in arrival order, and the outgoing association
 * is chosen by SLS (M3uaAsGroup / M3uaSgp), so MSUs of one SLS keep their order.
 * Routing back: the proxy learns which interconnect ASP owns a point code from the OPC of what it sent, and
 * sends the core's answers for that DPC there (else to the interconnect AS, by SLS).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  M3uaDataFields,
  readM3uaData,
  setRoutingContextInPlace,
  withRoutingContext,
} from "../codec/m3ua/index.js";
import { FirewallEngine } from "../firewall/engine.js";
import { PolicyError, parsePolicy } from "../firewall/policy.js";
import type { IncidentJson } from "../firewall/report.js";
import { AspState, M3uaAsGroup, M3uaAsp, M3uaSgp, type SigtranTransport } from "../transport/index.js";
import { AlertSink, type AlertSinkCounters } from "./alerts.js";
import type { ProxyConfig } from "./config.js";
import { ForensicCapture } from "./forensics.js";
import {
  type AssociationStatus,
  type ManagementServer,
  type ManagementSource,
  type ReloadResult,
  startManagementServer,
} from "./management.js";
import {
  type FirewallAlert,
  FirewallPipeline,
  type MsuDirection,
  type PipelineCounters,
} from "./pipeline.js";

export interface FirewallProxyOptions {
  config: ProxyConfig;
  /** Directory the configuration's relative paths (policy, alert file, pcap) are resolved against. */
  baseDir: string;
  transport?: SigtranTransport;
  /** Operational log lines (association state, reloads); default none. */
  log?: (line: string) => void;
}

interface AspCounters {
  msusIn: number;
  msusOut: number;
}

export class FirewallProxy implements ManagementSource {
  readonly startedAt = Date.now();
  readonly pipeline: FirewallPipeline;
  private engine!: FirewallEngine;
  private readonly sgp: M3uaSgp;
  private readonly core: M3uaAsGroup;
  private readonly coreAsps: M3uaAsp[];
  private readonly sink: AlertSink | undefined;
  private readonly forensics: ForensicCapture | undefined;
  private management: ManagementServer | undefined;
  private readonly fields = new M3uaDataFields();
  /** Point code → interconnect ASP that sent traffic from it (and the RC it used). */
  private readonly routeBack = new Map<number, { aspId: number; rc: number | undefined }>();
  /** Configured point code → interconnect routing context (`interconnect.routes`). */
  private readonly staticRoutes = new Map<number, number>();
  /** Point codes the interconnect sends to (the core's), for DUNA/DAVA. */
  private readonly corePcs = new Set<number>();
  private readonly aspCounters = new Map<number, AspCounters>();
  /** Interconnect ASP → the RC of the AS it is active in (looked up once per state, off the DATA path). */
  private readonly aspRc = new Map<number, number>();
  /** The range `relabel` last produced in the buffer it returned. */
  private outStart = 0;
  private outEnd = 0;
  private readonly coreCounters = new Map<M3uaAsp, AspCounters>();
  private alerts = 0;
  private policyText = "";
  private lagTimer: NodeJS.Timeout | undefined;
  private readonly policyFile: string;
  private readonly log: (line: string) => void;
  interconnectPort = 0;

  constructor(private readonly options: FirewallProxyOptions) {
    const c = options.config;
    this.log = options.log ?? (() => {});
    for (const r of c.interconnect.routes)
      for (const pc of r.point_codes) this.staticRoutes.set(pc, r.routing_context);
    this.policyFile = resolve(options.baseDir, c.policy);
    this.sink =
      c.alerts && (c.alerts.file || c.alerts.webhook)
        ? new AlertSink({
            ...(c.alerts.file
              ? { file: c.alerts.file === "-" ? "-" : resolve(options.baseDir, c.alerts.file) }
              : {}),
            ...(c.alerts.webhook ? { webhook: c.alerts.webhook } : {}),
            onError: (m) => this.log(`alerts: ${m}`),
          })
        : undefined;
    this.forensics = c.forensics
      ? new ForensicCapture({
          file: resolve(options.baseDir, c.forensics.pcap),
          maxBytes: c.forensics.max_bytes,
          files: c.forensics.files,
          onError: (m) => this.log(`forensics: ${m}`),
        })
      : undefined;
    // The engine is replaced in start() by one built from the policy file.
    this.pipeline = new FirewallPipeline(
      new FirewallEngine(parsePolicy('home: { name: none, mccmnc: ["00000"], gt_prefixes: ["0"] }')),
      {
        failMode: c.fail_mode,
        onAlert: (alert) => this.alert(alert),
        ...(this.forensics
          ? {
              onBlocked: (
                bytes: Uint8Array,
                start: number,
                end: number,
                direction: MsuDirection,
                reason: string,
              ) => this.forensics!.add(bytes, start, end, direction, reason, Date.now()),
            }
          : {}),
      },
    );
    const transport = options.transport ? { transport: options.transport } : {};
    this.sgp = new M3uaSgp({
      applicationServers: c.interconnect.routing_contexts.map((rc) => ({ routingContext: rc })),
      heartbeatMs: c.interconnect.heartbeat_ms,
      isAvailable: () => this.core.up,
      ...transport,
    });
    this.coreAsps = c.core.peers.map(
      (p) =>
        new M3uaAsp({
          host: p.host,
          port: p.port,
          routingContexts: [c.core.routing_context],
          trafficMode: c.core.traffic_mode,
          heartbeatMs: c.core.heartbeat_ms,
          ...transport,
        }),
    );
    c.core.peers.forEach((p, i) => {
      const asp = this.coreAsps[i]!;
      this.coreCounters.set(asp, { msusIn: 0, msusOut: 0 });
      asp.on("state", (state) => this.log(`core ${p.host}:${p.port}: ${state}`));
    });
    this.core = new M3uaAsGroup(this.coreAsps, { trafficMode: c.core.traffic_mode });
    this.sgp.on("data", (aspId, bytes, start, end) => this.fromInterconnect(aspId, bytes, start, end));
    this.sgp.on("aspState", (aspId, state) => {
      this.log(`interconnect ASP ${aspId}: ${state}`);
      this.aspRc.delete(aspId);
    });
    this.sgp.on("close", (aspId) => {
      this.aspCounters.delete(aspId);
      this.aspRc.delete(aspId);
      for (const [pc, r] of this.routeBack) if (r.aspId === aspId) this.routeBack.delete(pc);
    });
    this.core.on("data", (bytes, start, end, asp) => this.fromCore(bytes, start, end, asp));
    this.core.on("up", () => {
      this.log("core: up");
      if (this.corePcs.size > 0) this.sgp.broadcastAvailable([...this.corePcs]);
    });
    this.core.on("down", () => {
      this.log("core: down");
      if (this.corePcs.size > 0) this.sgp.broadcastUnavailable([...this.corePcs]);
    });
  }

  /** Loads the policy, opens the interconnect side, starts the core associations and the management API. */
  async start(): Promise<{ interconnectPort: number; managementPort: number | undefined }> {
    const loaded = await this.loadPolicy();
    if (!loaded.ok) throw new PolicyLoadError(loaded.errors);
    const c = this.options.config;
    this.interconnectPort = await this.sgp.listen(c.interconnect.listen.host, c.interconnect.listen.port);
    this.core.start();
    this.watchLag();
    if (c.management) {
      this.management = await startManagementServer({
        host: c.management.listen.host,
        port: c.management.listen.port,
        token: c.management.token,
        source: this,
      });
    }
    return { interconnectPort: this.interconnectPort, managementPort: this.management?.port };
  }

  async stop(): Promise<void> {
    clearInterval(this.lagTimer);
    await this.management?.close();
    await this.sgp.close();
    await this.core.stop();
    await this.sink?.close();
    await this.forensics?.close();
  }

  /** Re-reads the policy file; a bad policy is refused with its errors and the old one stays in force. */
  reload(): Promise<ReloadResult> {
    return this.loadPolicy();
  }

  private async loadPolicy(): Promise<ReloadResult> {
    let text: string;
    try {
      text = await readFile(this.policyFile, "utf8");
    } catch (e) {
      return { ok: false, errors: `${this.policyFile}: ${(e as Error).message}` };
    }
    try {
      const policy = parsePolicy(text, this.policyFile);
      if (this.engine) this.engine.setPolicy(policy);
      else {
        this.engine = new FirewallEngine(policy);
        this.pipeline.setEngine(this.engine);
      }
      this.policyText = `${this.policyFile} (${policy.home.name}; ${policy.operators.length} operators, ${policy.leases.length} leases, ${policy.rules.length} rules)`;
      this.log(`policy: ${this.policyText}`);
      return { ok: true, policy: this.policyText };
    } catch (e) {
      if (e instanceof PolicyError) return { ok: false, errors: e.message };
      throw e;
    }
  }

  /**
   * Watches the event loop: a 10 ms timer that fires later than due means MSUs wait unread that long. Past
   * `max_lag_ms` the pipeline is told it is behind (MSUs go by fail_mode) until the loop catches up.
   */
  private watchLag(): void {
    const period = 10;
    const limit = this.options.config.limits.max_lag_ms;
    let due = performance.now() + period;
    this.lagTimer = setInterval(() => {
      const now = performance.now();
      const lag = now - due;
      due = now + period;
      const behind = lag > limit;
      if (behind !== this.pipeline.behind) {
        this.pipeline.behind = behind;
        this.log(
          behind ? `behind by ${lag.toFixed(0)} ms: fail_mode ${this.options.config.fail_mode}` : "caught up",
        );
      }
    }, period);
    this.lagTimer.unref();
  }

  private fromInterconnect(aspId: number, bytes: Uint8Array, start: number, end: number): void {
    let counters = this.aspCounters.get(aspId);
    if (!counters) {
      counters = { msusIn: 0, msusOut: 0 };
      this.aspCounters.set(aspId, counters);
    }
    counters.msusIn++;
    const f = this.fields;
    try {
      if (!readM3uaData(bytes, start, end, f)) return;
    } catch {
      return; // the SGP answers malformed messages itself
    }
    const sls = f.sls;
    const rc = this.interconnectRc(aspId, f.routingContext);
    if (!this.routeBack.has(f.opc)) this.routeBack.set(f.opc, { aspId, rc });
    this.corePcs.add(f.dpc);
    const action = this.pipeline.process(bytes, start, end, "inbound");
    if (action === "forward") {
      if (!this.core.up) {
        this.pipeline.counters.dropped.set(
          "core-unavailable",
          (this.pipeline.counters.dropped.get("core-unavailable") ?? 0) + 1,
        );
        return;
      }
      const asp = this.core.pick(sls);
      if (!asp) return;
      const out = this.relabel(bytes, start, end, this.options.config.core.routing_context);
      if (asp.sendData(out, this.outStart, this.outEnd)) this.coreCounters.get(asp)!.msusOut++;
    } else if (action === "answer") {
      const response = this.pipeline.response!;
      if (this.sgp.send(aspId, withRoutingContext(response, 0, response.length, rc))) counters.msusOut++;
    }
  }

  /**
   * A received DATA message readdressed with the outgoing association's RC, to send as
   * `[outStart, outEnd)` of the returned buffer: rewritten in place when the message carries one RC (the
   * received buffer is the proxy's, nothing reads it afterwards), else a re-addressed copy.
   */
  private relabel(bytes: Uint8Array, start: number, end: number, rc: number | undefined): Uint8Array {
    if (rc !== undefined && setRoutingContextInPlace(bytes, start, end, rc)) {
      this.outStart = start;
      this.outEnd = end;
      return bytes;
    }
    const copy = withRoutingContext(bytes, start, end, rc);
    this.outStart = 0;
    this.outEnd = copy.length;
    return copy;
  }

  /** The RC of the AS the interconnect ASP is active in (the DATA's own RC only as a fallback). */
  private interconnectRc(aspId: number, dataRc: number): number | undefined {
    let rc = this.aspRc.get(aspId);
    if (rc === undefined) {
      rc = this.sgp.asp(aspId)?.activeRoutingContexts[0];
      if (rc === undefined) return dataRc >= 0 ? dataRc : undefined;
      this.aspRc.set(aspId, rc);
    }
    return rc;
  }

  private fromCore(bytes: Uint8Array, start: number, end: number, asp: M3uaAsp): void {
    const cc = this.coreCounters.get(asp);
    if (cc) cc.msusIn++;
    const f = this.fields;
    try {
      if (!readM3uaData(bytes, start, end, f)) return;
    } catch {
      return;
    }
    const sls = f.sls;
    const dpc = f.dpc;
    const action = this.pipeline.process(bytes, start, end, "outbound");
    if (action === "forward") {
      const route = this.routeBack.get(dpc);
      if (route) {
        const out = this.relabel(bytes, start, end, route.rc);
        if (this.sgp.send(route.aspId, out, this.outStart, this.outEnd)) {
          const counters = this.aspCounters.get(route.aspId);
          if (counters) counters.msusOut++;
        }
      } else {
        // Not heard from yet: a configured route, else the first AS.
        const rc = this.staticRoutes.get(dpc) ?? this.options.config.interconnect.routing_contexts[0]!;
        const out = this.relabel(bytes, start, end, rc);
        this.sgp.sendToAs(rc, out, sls, this.outStart, this.outEnd);
      }
    } else if (action === "answer") {
      // An answer to our own core (a policy rule blocking outbound traffic): back where it came from.
      asp.sendData(
        withRoutingContext(
          this.pipeline.response!,
          0,
          this.pipeline.response!.length,
          this.options.config.core.routing_context,
        ),
      );
    }
  }

  private alert(alert: FirewallAlert): void {
    this.alerts++;
    this.sink?.write(alert);
  }

  // ---- ManagementSource ----

  associations(): AssociationStatus[] {
    const out: AssociationStatus[] = [];
    for (const a of this.sgp.asps()) {
      const c = this.aspCounters.get(a.aspId);
      out.push({
        side: "interconnect",
        id: `asp-${a.aspId}`,
        remote: a.remote,
        state: a.state,
        routingContexts: a.activeRoutingContexts,
        msusIn: c?.msusIn ?? 0,
        msusOut: c?.msusOut ?? 0,
        up: a.state === AspState.active,
      });
    }
    this.coreAsps.forEach((asp, i) => {
      const c = this.coreCounters.get(asp)!;
      out.push({
        side: "core",
        id: `core-${i + 1}`,
        remote: `${this.options.config.core.peers[i]!.host}:${this.options.config.core.peers[i]!.port}`,
        state: asp.state,
        routingContexts: [this.options.config.core.routing_context],
        msusIn: c.msusIn,
        msusOut: c.msusOut,
        up: asp.state === AspState.active,
      });
    });
    return out;
  }

  counters(): PipelineCounters {
    return this.pipeline.counters;
  }

  recentAlerts(limit: number): FirewallAlert[] {
    return this.sink ? this.sink.recent(limit) : [];
  }

  incidents(limit: number): IncidentJson[] {
    const all = this.engine?.incidents ?? [];
    return all
      .slice(-limit)
      .reverse()
      .map((i) => i.toJson());
  }

  policy(): string {
    return this.policyText;
  }

  alertsTotal(): number {
    return this.alerts;
  }

  alertDelivery(): AlertSinkCounters {
    return (
      this.sink?.counters ?? {
        written: 0,
        webhookSent: 0,
        webhookFailed: 0,
        webhookDropped: 0,
        fileDropped: 0,
        webhookErrors: 0,
      }
    );
  }
}

export class PolicyLoadError extends Error {
  override readonly name = "PolicyLoadError";
}
