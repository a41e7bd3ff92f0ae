/**
 * Totals over a run of the engine — verdicts, alerts, verdicts per FS.11 category, what was skipped — and
 * the analysis document (`AnalysisJson`) `ss7guard analyze --json` prints.
 */
import { isoTime } from "../codec/stack/message.js";
import type { FirewallDecision, FirewallEngine } from "./engine.js";
import { Verdict } from "./policy.js";
import type { AnalysisJson, CategoryKey } from "./report.js";

/** Decode problems listed in the document at most (all are counted). */
export const ERROR_LIST_LIMIT = 100;

export interface AnalysisProblem {
  frame: number;
  layer: string;
  offset: number;
  message: string;
}

function zeroVerdicts(): Record<Verdict, number> {
  return Object.fromEntries(Verdict.map((v) => [v, 0])) as Record<Verdict, number>;
}

export class Analysis {
  messages = 0;
  alerts = 0;
  problems = 0;
  readonly verdicts = zeroVerdicts();
  readonly byCategory: Record<CategoryKey, Record<Verdict, number>> = {
    "1": zeroVerdicts(),
    "2": zeroVerdicts(),
    "3": zeroVerdicts(),
    sms: zeroVerdicts(),
    other: zeroVerdicts(),
  };
  private readonly errors: AnalysisProblem[] = [];
  private firstSeconds = -1;
  private firstNanoseconds = 0;
  private lastSeconds = -1;
  private lastNanoseconds = 0;

  constructor(readonly engine: FirewallEngine) {}

  /** Counts one decision (`seconds`/`nanoseconds`: the message's capture time). */
  record(d: FirewallDecision, seconds: number, nanoseconds: number): void {
    if (this.messages === 0) {
      this.firstSeconds = seconds;
      this.firstNanoseconds = nanoseconds;
    }
    this.lastSeconds = seconds;
    this.lastNanoseconds = nanoseconds;
    this.messages++;
    this.verdicts[d.verdict]++;
    if (d.alert) this.alerts++;
    const c = d.category;
    this.byCategory[c === null ? "other" : c === "sms" ? "sms" : c === 1 ? "1" : c === 2 ? "2" : "3"][
      d.verdict
    ]++;
  }

  /** Notes a message or capture part that could not be analysed. */
  problem(p: AnalysisProblem): void {
    this.problems++;
    if (this.errors.length < ERROR_LIST_LIMIT) this.errors.push(p);
  }

  toJson(about: { file: string; policy: string; frames: number; truncated: boolean }): AnalysisJson {
    const byCategory = {} as AnalysisJson["by_category"];
    for (const [k, counts] of Object.entries(this.byCategory) as [CategoryKey, Record<Verdict, number>][]) {
      const nonZero: Partial<Record<Verdict, number>> = {};
      for (const v of Verdict) if (counts[v] > 0) nonZero[v] = counts[v];
      byCategory[k] = nonZero;
    }
    return {
      file: about.file,
      policy: about.policy,
      messages: this.messages,
      frames: about.frames,
      start: this.messages > 0 ? isoTime(this.firstSeconds, this.firstNanoseconds) : null,
      end: this.messages > 0 ? isoTime(this.lastSeconds, this.lastNanoseconds) : null,
      verdicts: { ...this.verdicts },
      alerts: this.alerts,
      by_category: byCategory,
      skipped: { messages: this.problems, errors: [...this.errors], truncated: about.truncated },
      incidents: this.engine.incidents
        .map((i) => i.toJson())
        .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id)),
    };
  }
}
