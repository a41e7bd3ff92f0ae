/**
 * The shapes the firewall engine reports in: incidents (what an analyst reads) and the analysis document
 * `ss7guard analyze --json` prints. Plain data, JSON-ready (snake_case keys as printed), no behaviour.
 */
import type { Verdict } from "./policy.js";

/**
 * What an incident is about. One incident gathers the messages of one kind aimed at one subscriber (the
 * subscriber-centred kinds) or sent by one origin — a lessee, else an operator, else a GT (the others).
 */
export const IncidentKind = [
  /** Location-class requests at one subscriber: a burst from many origins, or a blocked location query. */
  "location-tracking",
  /** A foreign location update / supplementary-service registration that would redirect a subscriber's SMS. */
  "sms-interception",
  /** An mt-forwardSM from a network other than the one the subscriber's routing info was given to. */
  "sms-spoofing",
  /** Subscriber data written or deleted by a network that does not own the subscriber (FS.11 category 2). */
  "subscriber-profile-tampering",
  /** A category 3 operation implausible for the subscriber's last known location (impossible travel). */
  "implausible-location",
  /** Category 1 operations (never legitimate from another network) that reveal no location. */
  "category-1-probe",
  /** Category 2 operations from a network that does not own the subscriber, other than profile writes. */
  "spoofed-origin",
  /** TCAP/MAP that fails sanity checks: unknown or global opcode, missing application context, undecodable. */
  "malformed-signalling",
  /** A calling GT on the policy's deny list. */
  "denied-origin",
] as const;
export type IncidentKind = (typeof IncidentKind)[number];

/** True for the kinds grouped per subscriber; the others are grouped per origin. */
export function isSubscriberIncident(kind: IncidentKind): boolean {
  return (
    kind === "location-tracking" ||
    kind === "sms-interception" ||
    kind === "sms-spoofing" ||
    kind === "subscriber-profile-tampering" ||
    kind === "implausible-location"
  );
}

export interface IncidentOriginJson {
  gt: string;
  /** ISO 3166-1 alpha-2, or null when the GT's country code is global/unknown. */
  country: string | null;
  operator: string | null;
  lessee: string | null;
  messages: number;
}

export interface IncidentEventJson {
  /** ISO 8601 capture time with nanoseconds. */
  time: string;
  frame: number;
  /** MAP operation name, or `opcode N` when unknown. */
  operation: string;
  gt: string;
  country: string | null;
  lessee: string | null;
  verdict: Verdict;
  /** Why: the rule or check that decided (`category-1`, `campaign`, `rule:block-acme` …). */
  reason: string;
}

export interface IncidentJson {
  /** `INC-0001`…, in order of first message. */
  id: string;
  kind: IncidentKind;
  /** One line an analyst can paste: kind, target, counts, countries, lessee. */
  summary: string;
  target: { imsi: string | null; msisdn: string | null };
  start: string;
  end: string;
  messages: number;
  /** Most messages within any one second (sliding), per second. */
  peak_rate_per_s: number;
  /** MAP operation name → messages. */
  operations: Record<string, number>;
  /** Origins by messages, most first. */
  origins: IncidentOriginJson[];
  /** Distinct origin countries, sorted. */
  countries: string[];
  /** Distinct lessees of the origin GTs, sorted. */
  lessees: string[];
  /**
   * Set when origins in two or more countries all belong to one lessee: the signature of a leased-GT
   * campaign, reported prominently.
   */
  shared_lessee: string | null;
  verdicts: Partial<Record<Verdict, number>>;
  /** Alerts raised (messages whose verdict carried `alert`). */
  alerts: number;
  /** Capture frame numbers (1-based), ascending. */
  frames: number[];
  /** The first messages in time order (capped; `messages` has the full count). */
  timeline: IncidentEventJson[];
}

export type CategoryKey = "1" | "2" | "3" | "sms" | "other";

export interface AnalysisJson {
  file: string;
  policy: string;
  /** SS7 messages analysed. */
  messages: number;
  /** Capture frames read. */
  frames: number;
  start: string | null;
  end: string | null;
  verdicts: Record<Verdict, number>;
  alerts: number;
  /** FS.11 category of the operation → verdict counts (`other`: no category, or no operation). */
  by_category: Record<CategoryKey, Partial<Record<Verdict, number>>>;
  /** What could not be analysed: undecodable messages and unreadable capture parts. */
  skipped: {
    messages: number;
    errors: { frame: number; layer: string; offset: number; message: string }[];
    truncated: boolean;
  };
  incidents: IncidentJson[];
}
