/**
 * What the inline firewall does with one MSU: scan it (the stack's fast path), let the engine judge it in
 * arrival time, and say whether to forward it, drop it, or answer it (with the engine's answer bytes).
 * Transport-free, synchronous and allocation-light, so the proxy can call it from its socket callbacks in
 * arrival order (which keeps per-SLS order) and a benchmark can call it in a loop.
 */
import type { PayloadRecord } from "../codec/capture/index.js";
import type { DecodeError } from "../codec/errors.js";
import { type Ss7Scan, Ss7Scanner } from "../codec/stack/scan.js";
import type { FirewallDecision, FirewallEngine } from "../firewall/engine.js";
import type { Incident } from "../firewall/incidents.js";

export type MsuDirection = "inbound" | "outbound";
export type MsuAction = "forward" | "drop" | "answer";

/** Counters the proxy exports (Prometheus names are given by the management API). */
export interface PipelineCounters {
  inbound: number;
  outbound: number;
  forwarded: number;
  answered: number;
  /** Dropped MSUs by reason (`category-1`, `campaign`, `undecodable`, `fail-closed` …). */
  dropped: Map<string, number>;
  /** MSUs passed without judgement because of fail_mode open. */
  failedOpen: number;
  /** Engine time per judged MSU, µs: cumulative histogram over `LATENCY_BUCKETS_US`. */
  latencyBuckets: number[];
  latencySumUs: number;
  latencyCount: number;
}

export const LATENCY_BUCKETS_US = [5, 10, 25, 50, 100, 250, 500, 1000, 5000] as const;

/** An alert as written to the alert log / webhook. */
export interface FirewallAlert {
  time: string;
  direction: MsuDirection;
  verdict: string;
  reason: string;
  opcode: number;
  calling_gt: string;
  called_gt: string;
  country: string | null;
  operator: string | null;
  lessee: string | null;
  imsi: string | null;
  msisdn: string | null;
  incident: string | null;
  incident_kind: string | null;
}

export interface PipelineOptions {
  failMode: "open" | "closed";
  onAlert?: (alert: FirewallAlert, incident: Incident | undefined) => void;
  /** Called for every MSU not forwarded (for the forensic capture). */
  onBlocked?: (
    bytes: Uint8Array,
    start: number,
    end: number,
    direction: MsuDirection,
    reason: string,
  ) => void;
  /** Wall clock, ms since the epoch (injectable for tests). */
  now?: () => number;
}

type MutableRecord = { -readonly [K in keyof PayloadRecord]: PayloadRecord[K] };

export class FirewallPipeline {
  readonly counters: PipelineCounters = {
    inbound: 0,
    outbound: 0,
    forwarded: 0,
    answered: 0,
    dropped: new Map(),
    failedOpen: 0,
    latencyBuckets: LATENCY_BUCKETS_US.map(() => 0),
    latencySumUs: 0,
    latencyCount: 0,
  };
  /** The last judgement's answer bytes (for `answer`). */
  response: Uint8Array | undefined = undefined;
  /** The last judgement's drop reason (for `drop`). */
  reason = "";
  private decided: FirewallDecision | undefined;
  private scanError: DecodeError | undefined;
  private readonly scanner: Ss7Scanner;
  private readonly record: MutableRecord;
  private frame = 0;
  /** Set by the owner while it is behind (event-loop lag over its limit): MSUs go by fail mode. */
  behind = false;
  private direction: MsuDirection = "inbound";
  private readonly now: () => number;

  constructor(
    private engine: FirewallEngine,
    private readonly options: PipelineOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.scanner = new Ss7Scanner(
      (s) => this.judge(s),
      (_frame, e) => {
        this.scanError = e;
      },
    );
    this.record = {
      transport: "sctp",
      frameNumber: 0,
      seconds: 0,
      nanoseconds: 0,
      ipVersion: 4,
      srcIp: "127.0.0.1",
      dstIp: "127.0.0.1",
      srcPort: 2905,
      dstPort: 2905,
      ppid: 3,
      stream: 0,
      streamSequence: 0,
      sequence: 0,
      unordered: false,
      reassembled: false,
      gap: false,
      bytes: new Uint8Array(0),
      start: 0,
      end: 0,
    };
  }

  /** Swaps in an engine built from a new policy (hot reload); the next MSU is judged by it. */
  setEngine(engine: FirewallEngine): void {
    this.engine = engine;
  }

  get currentEngine(): FirewallEngine {
    return this.engine;
  }

  /**
   * Judges the M3UA DATA message at `bytes[start, end)`. Returns what to do; for `answer` the bytes are in
   * `response`, for `drop` the reason in `reason`. Never throws.
   */
  process(bytes: Uint8Array, start: number, end: number, direction: MsuDirection): MsuAction {
    const c = this.counters;
    if (direction === "inbound") c.inbound++;
    else c.outbound++;
    this.response = undefined;
    this.reason = "";
    if (this.behind) return this.failed("behind", bytes, start, end, direction);
    const ms = this.now();
    const r = this.record;
    r.frameNumber = ++this.frame;
    r.seconds = Math.floor(ms / 1000);
    r.nanoseconds = Math.round((ms - r.seconds * 1000) * 1e6);
    r.bytes = bytes;
    r.start = start;
    r.end = end;
    this.direction = direction;
    this.decided = undefined;
    this.scanError = undefined;
    const t0 = performance.now();
    try {
      this.scanner.payload(r);
    } catch {
      // An engine bug: judged by fail mode, never a crash.
      return this.failed("engine-error", bytes, start, end, direction);
    }
    const us = (performance.now() - t0) * 1000;
    c.latencySumUs += us;
    c.latencyCount++;
    for (let i = 0; i < LATENCY_BUCKETS_US.length; i++)
      if (us <= LATENCY_BUCKETS_US[i]!) c.latencyBuckets[i]!++;
    // Set by the scanner's callback (TypeScript cannot see that `payload` calls it).
    const d = this.decided as FirewallDecision | undefined;
    if (d === undefined) {
      // Not SCCP (ISUP, SNM …), an XUDT segment still waiting for its siblings, or undecodable below TCAP.
      if (this.scanError && direction === "inbound")
        return this.drop("undecodable", bytes, start, end, direction);
      c.forwarded++;
      return "forward";
    }
    if (d.verdict === "allow") {
      c.forwarded++;
      return "forward";
    }
    if (this.response !== undefined) {
      c.answered++;
      this.reason = d.reason;
      this.options.onBlocked?.(bytes, start, end, direction, d.reason);
      return "answer";
    }
    return this.drop(d.reason || d.verdict, bytes, start, end, direction);
  }

  private judge(s: Ss7Scan): void {
    const d = this.engine.inspect(s);
    this.decided = d;
    if (d.verdict !== "allow") this.response = this.engine.response(s, d);
    if (d.alert && this.options.onAlert) this.options.onAlert(this.alertOf(s, d), d.incident);
  }

  private alertOf(s: Ss7Scan, d: FirewallDecision): FirewallAlert {
    const o = d.origin;
    return {
      time: new Date(s.seconds * 1000 + s.nanoseconds / 1e6).toISOString(),
      direction: this.direction,
      verdict: d.verdict,
      reason: d.reason,
      opcode: d.opcode,
      calling_gt: s.sccp.calling.digits,
      called_gt: s.sccp.called.digits,
      country: o?.country ?? null,
      operator: o?.operator ?? null,
      lessee: o?.lessee ?? null,
      imsi: s.identities.imsi ?? null,
      msisdn: s.identities.msisdn ?? null,
      incident: d.incident?.id ?? null,
      incident_kind: d.incident?.kind ?? null,
    };
  }

  private failed(
    why: string,
    bytes: Uint8Array,
    start: number,
    end: number,
    direction: MsuDirection,
  ): MsuAction {
    if (this.options.failMode === "open") {
      this.counters.failedOpen++;
      this.counters.forwarded++;
      return "forward";
    }
    return this.drop(`fail-closed:${why}`, bytes, start, end, direction);
  }

  private drop(
    reason: string,
    bytes: Uint8Array,
    start: number,
    end: number,
    direction: MsuDirection,
  ): MsuAction {
    const m = this.counters.dropped;
    m.set(reason, (m.get(reason) ?? 0) + 1);
    this.reason = reason;
    this.options.onBlocked?.(bytes, start, end, direction, reason);
    return "drop";
  }
}
