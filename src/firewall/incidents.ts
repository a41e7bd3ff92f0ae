/**
 * An incident as the engine builds it: the messages of one kind about one subscriber (or from one origin),
 * counted as they come — operations, origins, verdicts, frames, a 1-second sliding peak rate — with the
 * first messages kept as a timeline. `toJson` gives the report shape.
 */
import { mapOperationByCode } from "../codec/map/operations.js";
import { isoTime } from "../codec/stack/message.js";
import type { Origin } from "./attribution.js";
import type { Verdict } from "./policy.js";
import type { IncidentEventJson, IncidentJson, IncidentKind } from "./report.js";

/** Timeline entries kept per incident (the counts cover every message). */
export const TIMELINE_LIMIT = 200;

export interface IncidentEvent {
  seconds: number;
  nanoseconds: number;
  frame: number;
  opcode: number;
  origin: Origin;
  verdict: Verdict;
  alert: boolean;
  reason: string;
}

export function operationName(opcode: number): string {
  return opcode < 0 ? "(none)" : (mapOperationByCode(opcode)?.name ?? `opcode ${opcode}`);
}

export class Incident {
  startSeconds = 0;
  startNanoseconds = 0;
  endSeconds = 0;
  endNanoseconds = 0;
  startMs = 0;
  /** Capture time of the latest message, ms (for the gap that closes the incident). */
  lastMs = 0;
  messages = 0;
  alerts = 0;
  imsi: string | undefined = undefined;
  msisdn: string | undefined = undefined;
  private readonly frameSet = new Set<number>();
  private readonly operations = new Map<number, number>();
  private readonly origins = new Map<Origin, number>();
  private readonly verdicts = new Map<Verdict, number>();
  private readonly timeline: IncidentEvent[] = [];
  /** Every message's time, ms, for the peak rate. */
  private readonly times: number[] = [];

  constructor(
    readonly id: string,
    readonly kind: IncidentKind,
  ) {}

  has(frame: number): boolean {
    return this.frameSet.has(frame);
  }

  /** Adds one message. Messages may come out of time order (a burst is recognised after its first messages). */
  add(e: IncidentEvent): void {
    const ms = e.seconds * 1000 + e.nanoseconds / 1e6;
    if (this.messages === 0 || ms < this.startMs) {
      this.startSeconds = e.seconds;
      this.startNanoseconds = e.nanoseconds;
      this.startMs = ms;
    }
    if (this.messages === 0 || ms >= this.lastMs) {
      this.endSeconds = e.seconds;
      this.endNanoseconds = e.nanoseconds;
      this.lastMs = ms;
    }
    this.messages++;
    if (e.alert) this.alerts++;
    this.frameSet.add(e.frame);
    this.operations.set(e.opcode, (this.operations.get(e.opcode) ?? 0) + 1);
    this.origins.set(e.origin, (this.origins.get(e.origin) ?? 0) + 1);
    this.verdicts.set(e.verdict, (this.verdicts.get(e.verdict) ?? 0) + 1);
    if (this.timeline.length < TIMELINE_LIMIT) this.timeline.push(e);
    this.times.push(ms);
  }

  /** Most messages within any 1-second span. */
  peakPerSecond(): number {
    const t = Float64Array.from(this.times).sort();
    let peak = 0;
    let head = 0;
    for (let i = 0; i < t.length; i++) {
      while (t[head]! <= t[i]! - 1000) head++;
      peak = Math.max(peak, i - head + 1);
    }
    return peak;
  }

  /** Distinct countries of the origins so far. */
  countries(): string[] {
    const set = new Set<string>();
    for (const o of this.origins.keys()) if (o.country) set.add(o.country);
    return [...set].sort();
  }

  lessees(): string[] {
    const set = new Set<string>();
    for (const o of this.origins.keys()) if (o.lessee) set.add(o.lessee);
    return [...set].sort();
  }

  /** The one lessee behind every origin, when those origins span two or more countries. */
  sharedLessee(): string | undefined {
    let lessee: string | undefined;
    for (const o of this.origins.keys()) {
      if (!o.lessee || (lessee !== undefined && o.lessee !== lessee)) return undefined;
      lessee = o.lessee;
    }
    return lessee !== undefined && this.countries().length >= 2 ? lessee : undefined;
  }

  toJson(): IncidentJson {
    const countries = this.countries();
    const lessees = this.lessees();
    const shared = this.sharedLessee() ?? null;
    const operations: Record<string, number> = {};
    for (const [op, n] of [...this.operations].sort((a, b) => b[1] - a[1] || a[0] - b[0]))
      operations[operationName(op)] = n;
    const verdicts: Partial<Record<Verdict, number>> = {};
    for (const [v, n] of [...this.verdicts].sort((a, b) => a[0].localeCompare(b[0]))) verdicts[v] = n;
    const origins = [...this.origins]
      .sort((a, b) => b[1] - a[1] || a[0].gt.localeCompare(b[0].gt))
      .map(([o, n]) => ({
        gt: o.gt,
        country: o.country ?? null,
        operator: o.operator ?? null,
        lessee: o.lessee ?? null,
        messages: n,
      }));
    const target = this.imsi ?? this.msisdn ?? "";
    const who = shared
      ? `, all leased to ${shared}`
      : lessees.length > 0
        ? `, lessees ${lessees.join(", ")}`
        : "";
    const summary =
      `${this.kind}${target ? ` at ${target}` : ""}: ${this.messages} messages from ${origins.length} GT${origins.length === 1 ? "" : "s"} ` +
      `in ${countries.length} countr${countries.length === 1 ? "y" : "ies"}${who}`;
    return {
      id: this.id,
      kind: this.kind,
      summary,
      target: { imsi: this.imsi ?? null, msisdn: this.msisdn ?? null },
      start: isoTime(this.startSeconds, this.startNanoseconds),
      end: isoTime(this.endSeconds, this.endNanoseconds),
      messages: this.messages,
      peak_rate_per_s: this.peakPerSecond(),
      operations,
      origins,
      countries,
      lessees,
      shared_lessee: shared,
      verdicts,
      alerts: this.alerts,
      frames: [...this.frameSet].sort((a, b) => a - b),
      timeline: [...this.timeline]
        .sort((a, b) => a.seconds - b.seconds || a.nanoseconds - b.nanoseconds || a.frame - b.frame)
        .map(
          (e): IncidentEventJson => ({
            time: isoTime(e.seconds, e.nanoseconds),
            frame: e.frame,
            operation: operationName(e.opcode),
            gt: e.origin.gt,
            country: e.origin.country ?? null,
            lessee: e.origin.lessee ?? null,
            verdict: e.verdict,
            reason: e.reason,
          }),
        ),
    };
  }
}
