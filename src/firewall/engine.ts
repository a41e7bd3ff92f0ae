/**
 * The firewall engine: one scanned message in, one verdict out, with the state that makes correlation
 * possible (subscribers, pending SRI/SRI-SM dialogues, open incidents). Pure and deterministic: the only
 * clock is the message's capture time, so a capture replays to the same verdicts and incidents, and the
 * same engine runs offline (`analyze`) and inline (the proxy).
 *
 * Order of judgement for a message (the first that decides wins; the rest only feed state):
 *   1. policy rules, first match (operator overrides, any direction);
 *   2. messages from the home network: allowed, learnt from (IMSI↔MSISDN pairs, locations);
 *   3. from elsewhere: GT deny list, then GT allow list;
 *   4. TCAP sanity of invokes: decodable, local opcode known to MAP, application context present where MAP
 *      requires one (no v1 form) and one the operation belongs to;
 *   5. the lease's purpose: GTs leased for A2P SMS may carry SMS delivery only;
 *   6. FS.11 category 1 (never from outside), category 2 (the IMSI must belong to the calling network);
 *   7. category 3 plausibility: impossible travel from the last known location; a location update or SS
 *      registration after an SRI-SM from the same GT or lessee (SMS interception); an mt-forwardSM from a
 *      network other than those that asked for the subscriber's routing info (SMS spoofing);
 *   8. correlation: location-class requests per subscriber in a sliding window; many from several origins
 *      is a campaign, and every location request at that subscriber is dropped while it lasts.
 */
import {
  type Fs11Category,
  MapApplicationContext,
  MapOperation,
  type MapOperationInfo,
  mapOperations,
} from "../codec/map/operations.js";
import type { Ss7Scan } from "../codec/stack/scan.js";
import { ComponentType, ScanCode, ScanDialogue, TcapMessageType } from "../codec/tcap/index.js";
import { countryOfE164, PrefixTable } from "../numbering/index.js";
import { GtDirectory, type Origin } from "./attribution.js";
import { TravelTimes } from "./geography.js";
import { Incident } from "./incidents.js";
import { type Policy, type PolicyRule, Verdict } from "./policy.js";
import { type IncidentKind, isSubscriberIncident } from "./report.js";
import { encodeFirewallResponse, type FirewallResponseOptions } from "./responses.js";
import { EVENT_STRIDE, SMS_ROUTING_STRIDE, type SubscriberState, SubscriberTable } from "./subscribers.js";

/** TS 29.002 §17.6.1 error codes the engine answers with. */
export const MapErrorCode = {
  unknownSubscriber: 1,
  roamingNotAllowed: 8,
  facilityNotSupported: 21,
  unexpectedDataValue: 36,
} as const;

/** The built-in checks, as named in decisions (`reason`) and in the default action table. */
export type FirewallCheck =
  | "gt-deny"
  | "tcap-undecodable"
  | "malformed-identity"
  | "global-opcode"
  | "unknown-opcode"
  | "missing-application-context"
  | "wrong-application-context"
  | "lease-purpose"
  | "category-1"
  | "category-2"
  | "sms-interception"
  | "impossible-travel"
  | "sms-spoofing"
  | "campaign";

export interface FirewallAction {
  verdict: Verdict;
  alert: boolean;
  mapError?: number;
  returnCause?: number;
}

/**
 * What each check does when it fires. Category 1 and lease violations get a TCAP abort (the sender learns
 * nothing); category 2/3 get the MAP error an HLR/VLR itself would give; campaign members and malformed
 * or denied traffic are dropped silently. Every one alerts. Policy rules override per message.
 */
export const DEFAULT_ACTIONS: Readonly<Record<FirewallCheck, FirewallAction>> = {
  "gt-deny": { verdict: "drop", alert: true },
  "tcap-undecodable": { verdict: "drop", alert: true },
  "malformed-identity": { verdict: "drop", alert: true },
  "global-opcode": { verdict: "drop", alert: true },
  "unknown-opcode": { verdict: "drop", alert: true },
  "missing-application-context": { verdict: "drop", alert: true },
  "wrong-application-context": { verdict: "drop", alert: true },
  "lease-purpose": { verdict: "tcap-abort", alert: true },
  "category-1": { verdict: "tcap-abort", alert: true },
  "category-2": { verdict: "map-error", alert: true, mapError: MapErrorCode.unexpectedDataValue },
  "sms-interception": { verdict: "map-error", alert: true, mapError: MapErrorCode.roamingNotAllowed },
  "impossible-travel": { verdict: "map-error", alert: true, mapError: MapErrorCode.roamingNotAllowed },
  "sms-spoofing": { verdict: "drop", alert: true },
  campaign: { verdict: "drop", alert: true },
};

/** The engine's answer for one message. Reused: read it before the next `inspect`. */
export class FirewallDecision {
  verdict: Verdict = "allow";
  alert = false;
  /** The check or rule that decided (`category-1`, `rule:block-acme`), "" when nothing objected. */
  reason = "";
  /** For `map-error`: the TS 29.002 error code; for `drop-with-udts`: the Q.713 return cause. */
  mapError = 0;
  returnCause = 0;
  /** FS.11 category of the operation (null: none or unknown). */
  category: Fs11Category = null;
  /** Local opcode of the first invoke/result, -1 when none. */
  opcode = -1;
  /** The sender, attributed. */
  origin: Origin | undefined = undefined;
  /** The incident this message was filed under, if any. */
  incident: Incident | undefined = undefined;
  /** True when this message opened `incident`. */
  newIncident = false;

  reset(): void {
    this.verdict = "allow";
    this.alert = false;
    this.reason = "";
    this.mapError = 0;
    this.returnCause = 0;
    this.category = null;
    this.opcode = -1;
    this.origin = undefined;
    this.incident = undefined;
    this.newIncident = false;
  }
}

export interface FirewallStats {
  messages: number;
  subscribers: number;
  evictedSubscribers: number;
  incidents: number;
  pendingQueries: number;
}

/** An SRI / SRI-SM we saw go to the home network, waiting for the answer that names the IMSI. */
interface PendingQuery {
  subscriber: SubscriberState;
  gt: string;
  ms: number;
}

const PENDING_TTL_MS = 60_000;
const PENDING_MAX = 200_000;
const ORIGIN_CACHE_MAX = 1_000_000;
const VERDICT_INDEX = new Map<Verdict, number>(Verdict.map((v, i) => [v, i]));

// Operations that register the subscriber somewhere else, or divert its traffic: the SMS interception set.
const REDIRECTING = new Set<number>([
  MapOperation.updateLocation,
  MapOperation.updateGprsLocation,
  MapOperation.registerSS,
  MapOperation.activateSS,
]);
// Operations that write or remove subscriber data.
const PROFILE_WRITING = new Set<number>([
  MapOperation.insertSubscriberData,
  MapOperation.deleteSubscriberData,
  MapOperation.cancelLocation,
  MapOperation.anyTimeModification,
  MapOperation.purgeMS,
  MapOperation.reset,
  MapOperation.restoreData,
]);

/** Per opcode: its table entry, whether a Begin may omit the application context (a v1 form exists), and its contexts. */
interface OperationRule {
  info: MapOperationInfo;
  v1: boolean;
  /** acId * 256 + version of each context the operation is used in. */
  contexts: Set<number>;
}
const OPERATION_RULES: (OperationRule | undefined)[] = [];
for (const info of mapOperations) {
  const contexts = new Set<number>();
  let v1 = false;
  for (const c of info.contexts) {
    const acId = MapApplicationContext[c.name];
    for (const v of c.versions) {
      contexts.add(acId * 256 + v);
      if (v === 1) v1 = true;
    }
  }
  OPERATION_RULES[info.opcode] = { info, v1, contexts };
}

/** The incident kind a violation by `opcode` belongs to. */
function kindOf(opcode: number, info: MapOperationInfo | undefined, category: Fs11Category): IncidentKind {
  if (info?.locationClass) return "location-tracking";
  if (REDIRECTING.has(opcode)) return "sms-interception";
  if (PROFILE_WRITING.has(opcode)) return "subscriber-profile-tampering";
  if (category === 1) return "category-1-probe";
  if (category === 2) return "spoofed-origin";
  if (category === 3) return "implausible-location";
  return "spoofed-origin";
}

interface CompiledRule {
  rule: PolicyRule;
  name: string;
  opcodes: ReadonlySet<number> | undefined;
  gtPrefixes: readonly string[] | undefined;
}

export class FirewallEngine {
  directory!: GtDirectory;
  policy!: Policy;
  readonly incidents: Incident[] = [];
  private readonly decision = new FirewallDecision();
  private readonly subscribers: SubscriberTable;
  private travel!: TravelTimes;
  private readonly origins = new Map<string, Origin>();
  private readonly originsByPc = new Map<number, Origin>();
  private readonly originById = new Map<number, Origin>();
  private nextOriginId = 0;
  private readonly pending = new Map<number, PendingQuery>();
  private readonly openByOrigin = new Map<string, Incident>();
  private rules: CompiledRule[] = [];
  private allowGts = new PrefixTable<true>();
  private denyGts = new PrefixTable<true>();
  private hasAllow = false;
  private hasDeny = false;
  private homeCountry: string | undefined;
  private windowMs = 0;
  private minMessages = 0;
  private minOrigins = 0;
  private marginS = 0;
  private smsRoutingMs = 0;
  private gapMs = 0;
  private readonly seenOrigins = new Set<number>();
  messages = 0;

  constructor(policy: Policy) {
    this.subscribers = new SubscriberTable({
      maxSubscribers: policy.state.max_subscribers,
      ttlMs: policy.state.ttl_s * 1000,
    });
    this.setPolicy(policy);
  }

  /**
   * Applies a policy. Called again with a new policy (hot reload), it keeps what the engine has learnt —
   * subscribers, pending queries, open incidents — and re-attributes GTs from then on.
   */
  setPolicy(policy: Policy): void {
    this.policy = policy;
    this.directory = new GtDirectory(policy);
    const t = policy.thresholds;
    this.windowMs = t.location_burst.window_s * 1000;
    this.minMessages = t.location_burst.min_messages;
    this.minOrigins = t.location_burst.min_origins;
    this.marginS = t.travel.margin_s;
    this.smsRoutingMs = t.sms_routing_window_s * 1000;
    this.gapMs = t.incident_gap_s * 1000;
    this.travel = new TravelTimes(t.travel.speed_kmh);
    this.subscribers.limits = {
      maxSubscribers: policy.state.max_subscribers,
      ttlMs: policy.state.ttl_s * 1000,
    };
    this.allowGts = new PrefixTable<true>();
    this.denyGts = new PrefixTable<true>();
    for (const p of policy.gt_allow) this.allowGts.set(p, true);
    for (const p of policy.gt_deny) this.denyGts.set(p, true);
    this.hasAllow = policy.gt_allow.length > 0;
    this.hasDeny = policy.gt_deny.length > 0;
    this.homeCountry = countryOfE164(policy.home.gt_prefixes[0]!)?.country;
    this.rules = policy.rules.map((rule, i) => ({
      rule,
      name: `rule:${rule.name ?? i + 1}`,
      opcodes:
        rule.match.opcode === undefined
          ? undefined
          : new Set(Array.isArray(rule.match.opcode) ? rule.match.opcode : [rule.match.opcode]),
      gtPrefixes: rule.match.gt_prefix,
    }));
    // Attribution may have changed: origins are looked up afresh (history keeps the old ones by id).
    this.origins.clear();
    this.originsByPc.clear();
  }

  stats(): FirewallStats {
    return {
      messages: this.messages,
      subscribers: this.subscribers.size,
      evictedSubscribers: this.subscribers.evicted,
      incidents: this.incidents.length,
      pendingQueries: this.pending.size,
    };
  }

  /** The sender of `s`: by calling GT, or by OPC when the calling address has no GT (routed on PC/SSN). */
  originOf(s: Ss7Scan): Origin {
    const gt = s.sccp.calling.digits;
    if (gt === "") {
      let o = this.originsByPc.get(s.opc);
      if (!o) {
        // No GT means routing on point code and SSN: signalling inside the network or from an adjacent
        // node, which the interconnect firewall treats as its own side.
        o = this.newOrigin({
          gt: `pc:${s.opc}`,
          country: this.homeCountry,
          operator: this.directory.homeName,
          lessee: undefined,
          leasePurpose: undefined,
          home: true,
        });
        this.originsByPc.set(s.opc, o);
      }
      return o;
    }
    return this.originOfGt(gt);
  }

  private newOrigin(g: Omit<Origin, "id">): Origin {
    const o: Origin = { ...g, id: this.nextOriginId++ };
    this.originById.set(o.id, o);
    return o;
  }

  /** Judges one message (capture time from `s.seconds`/`s.nanoseconds`). The result is reused. */
  inspect(s: Ss7Scan): FirewallDecision {
    const d = this.decision;
    d.reset();
    this.messages++;
    const nowMs = s.seconds * 1000 + s.nanoseconds / 1e6;
    const origin = this.originOf(s);
    d.origin = origin;
    // A UDTS/XUDTS/LUDTS is the network returning an undeliverable message to its sender (Q.714 §4.2): the
    // TCAP inside is the original request, which nobody will execute. Passed, and not learnt from.
    if (s.sccp.protocolClass < 0) return d;
    const t = s.tcap;
    const invoke = s.tcapValid && t.componentCount > 0 && t.componentType === ComponentType.invoke;
    const result =
      s.tcapValid &&
      (t.componentType === ComponentType.returnResultLast ||
        t.componentType === ComponentType.returnResultNotLast);
    const opcode = invoke || result ? s.opcode : -1;
    const rule = opcode >= 0 ? OPERATION_RULES[opcode] : undefined;
    const info = rule?.info;
    let category: Fs11Category = info ? info.fs11 : null;
    // forwardSM (46) inside shortMsgMT-RelayContext-v2 is SMS delivery.
    if (
      opcode === MapOperation.moForwardSM &&
      this.acIdOf(s) === MapApplicationContext.shortMsgMTRelayContext
    )
      category = "sms";
    d.opcode = opcode;
    d.category = category;

    if (this.rules.length > 0 && this.applyRules(d, origin, opcode, category)) {
      if (d.verdict !== "allow" && d.alert) this.file(s, d, kindOf(opcode, info, category), undefined, nowMs);
      else if (d.verdict === "allow") this.learn(s, origin, invoke, opcode, category, nowMs);
      return d;
    }
    if (origin.home) {
      this.learn(s, origin, invoke, opcode, category, nowMs);
      return d;
    }
    if (this.hasDeny && this.denyGts.lookup(origin.gt) !== undefined) {
      this.violate(s, d, "gt-deny", "denied-origin", undefined, nowMs);
      return d;
    }
    if (this.hasAllow && this.allowGts.lookup(origin.gt) !== undefined) {
      this.learn(s, origin, invoke, opcode, category, nowMs);
      return d;
    }
    if (!s.tcapValid) {
      this.violate(s, d, "tcap-undecodable", "malformed-signalling", undefined, nowMs);
      return d;
    }
    if (!invoke) {
      this.learn(s, origin, invoke, opcode, category, nowMs);
      return d;
    }
    const sanity = s.identitiesValid ? this.sanity(s, rule) : "malformed-identity";
    if (sanity !== undefined) {
      this.violate(s, d, sanity, "malformed-signalling", undefined, nowMs);
      return d;
    }
    const ids = s.identities;
    const sub = this.subscribers.touch(ids.imsi, ids.msisdn, nowMs);
    const kind = kindOf(opcode, info, category);
    let check: FirewallCheck | undefined;
    let checkKind = kind;
    if (origin.lessee !== undefined && isSmsOnlyLease(origin.leasePurpose) && category !== "sms") {
      check = "lease-purpose";
    } else if (category === 1) {
      check = "category-1";
    } else if (category === 2) {
      const imsi = ids.imsi ?? sub?.imsi;
      if (imsi !== undefined && this.directory.ownsImsi(origin, imsi) === false) check = "category-2";
    } else if (category === 3 && sub) {
      const implausible = this.implausible(sub, origin, nowMs);
      if (REDIRECTING.has(opcode)) {
        const asked = this.routingAsked(sub, nowMs);
        if (asked === "same-sender" || (asked === "other" && implausible)) {
          check = "sms-interception";
          checkKind = "sms-interception";
        } else if (implausible) {
          check = "impossible-travel";
          checkKind = "implausible-location";
        }
      } else if (implausible) {
        check = "impossible-travel";
        checkKind = "implausible-location";
      }
    } else if (opcode === MapOperation.mtForwardSM && sub && !this.routedTo(sub, origin, nowMs)) {
      check = "sms-spoofing";
      checkKind = "sms-spoofing";
    }
    if (check !== undefined) {
      const a = DEFAULT_ACTIONS[check];
      d.verdict = a.verdict;
      d.alert = a.alert;
      d.reason = check;
      d.mapError = a.mapError ?? 0;
      d.returnCause = a.returnCause ?? 0;
    }
    if (
      sub &&
      (opcode === MapOperation.sendRoutingInfoForSM || opcode === MapOperation.sendRoutingInfo) &&
      t.messageType === TcapMessageType.begin &&
      t.otidLength > 0
    )
      this.remember(t.otid, sub, origin.gt, nowMs);
    let campaign = false;
    if (info?.locationClass && sub) campaign = this.correlate(s, d, sub, origin, nowMs);
    if (sub && opcode === MapOperation.sendRoutingInfoForSM)
      sub.addSmsRouting(origin.id, nowMs, s.seconds, s.nanoseconds, s.frame, verdictFlags(d));
    if (campaign) {
      // The burst's incident was filed (and back-filled) by correlate.
    } else if (check !== undefined) {
      const incident = this.file(s, d, checkKind, sub, nowMs);
      if (checkKind === "sms-interception" && sub) this.fileRoutingQueries(incident, sub, origin, nowMs);
    } else if (sub) {
      this.learnLocation(s, sub, origin, opcode, category, nowMs);
    }
    return d;
  }

  /**
   * The answer to send toward the originator instead of forwarding `s`, for the decision just made on it:
   * M3UA DATA bytes for `drop-with-udts`, `tcap-abort` and `map-error` (see `encodeFirewallResponse`),
   * undefined for `allow`, `drop`, or a message that admits no such answer. Call it before the next
   * `inspect` (both objects are reused).
   */
  response(s: Ss7Scan, d: FirewallDecision, options?: FirewallResponseOptions): Uint8Array | undefined {
    switch (d.verdict) {
      case "drop-with-udts":
        return encodeFirewallResponse(s, { action: "drop-with-udts", returnCause: d.returnCause }, options);
      case "tcap-abort":
        return encodeFirewallResponse(s, { action: "tcap-abort" }, options);
      case "map-error":
        return encodeFirewallResponse(s, { action: "map-error", errorCode: d.mapError }, options);
      default:
        return undefined;
    }
  }

  /** Applies the first matching policy rule; false when none matches. */
  private applyRules(d: FirewallDecision, origin: Origin, opcode: number, category: Fs11Category): boolean {
    for (const r of this.rules) {
      const m = r.rule.match;
      if (r.opcodes && !r.opcodes.has(opcode)) continue;
      if (m.category !== undefined && m.category !== category) continue;
      if (m.lessee !== undefined && m.lessee !== origin.lessee) continue;
      if (m.country !== undefined && m.country !== origin.country) continue;
      if (r.gtPrefixes && !r.gtPrefixes.some((p) => origin.gt.startsWith(p))) continue;
      d.verdict = r.rule.action;
      d.alert = r.rule.alert;
      d.reason = r.name;
      d.mapError = r.rule.map_error ?? MapErrorCode.unexpectedDataValue;
      // Q.713 §3.12: 0x01 no translation for this specific address, a cause every SCCP understands.
      d.returnCause = r.rule.return_cause ?? 0x01;
      return true;
    }
    return false;
  }

  /** acId of a MAP application context name in the dialogue portion, -1 when none or not MAP. */
  private acIdOf(s: Ss7Scan): number {
    const t = s.tcap;
    if (t.acnStart < 0) return -1;
    // MAP ACNs are {0 4 0 0 1 0 acId version}: content octets 04 00 00 01 00 acId version.
    const b = t.bytes;
    const a = t.acnStart;
    if (
      t.acnEnd - a !== 7 ||
      b[a] !== 4 ||
      b[a + 1] !== 0 ||
      b[a + 2] !== 0 ||
      b[a + 3] !== 1 ||
      b[a + 4] !== 0
    )
      return -1;
    return b[a + 5]!;
  }

  private sanity(s: Ss7Scan, rule: OperationRule | undefined): FirewallCheck | undefined {
    const t = s.tcap;
    if (t.opcodeKind === ScanCode.global) return "global-opcode";
    if (!rule) return "unknown-opcode";
    if (t.messageType !== TcapMessageType.begin) return undefined;
    if (t.dialogue === ScanDialogue.none) return rule.v1 ? undefined : "missing-application-context";
    if (t.dialogue !== ScanDialogue.aarq) return undefined;
    const acId = this.acIdOf(s);
    if (acId < 0) return "wrong-application-context";
    const version = t.bytes[t.acnEnd - 1]!;
    // A context the operation is not part of, a version it never had, or no MAP context at all.
    return rule.contexts.has(acId * 256 + version) ? undefined : "wrong-application-context";
  }

  /** True when the subscriber cannot have travelled from its last known country to the origin's in time. */
  private implausible(sub: SubscriberState, origin: Origin, nowMs: number): boolean {
    const from = sub.locationCountry;
    const to = origin.country;
    if (from === undefined || to === undefined || from === to) return false;
    const need = this.travel.minSeconds(from, to);
    if (need === undefined) return false;
    return (nowMs - sub.locationMs) / 1000 + this.marginS < need;
  }

  /**
   * Whether an SRI-SM for this subscriber came recently from the sender of the current message (same GT or
   * same lessee: "same-sender"), only from others ("other"), or not at all ("none").
   */
  private routingAsked(sub: SubscriberState, nowMs: number): "same-sender" | "other" | "none" {
    const r = sub.smsRouting;
    if (!r) return "none";
    const origin = this.decision.origin!;
    let any = false;
    for (let i = 0; i < r.length; i += SMS_ROUTING_STRIDE) {
      if (r[i + 1]! < nowMs - this.smsRoutingMs) continue;
      const o = this.originById.get(r[i]!);
      if (!o || o.home) continue;
      if (o === origin || (o.lessee !== undefined && o.lessee === origin.lessee)) return "same-sender";
      any = true;
    }
    return any ? "other" : "none";
  }

  /**
   * An mt-forwardSM is expected from a network that asked for the subscriber's routing info. True when no
   * SRI-SM is remembered (home routing, or it went another way) or one of the recent ones came from the
   * same GT, lessee or operator (or, for GTs no table knows, the same country).
   */
  private routedTo(sub: SubscriberState, origin: Origin, nowMs: number): boolean {
    const r = sub.smsRouting;
    if (!r) return true;
    let recent = false;
    for (let i = 0; i < r.length; i += SMS_ROUTING_STRIDE) {
      if (r[i + 1]! < nowMs - this.smsRoutingMs) continue;
      recent = true;
      const o = this.originById.get(r[i]!);
      if (!o) return true;
      if (o === origin) return true;
      if (o.lessee !== undefined && o.lessee === origin.lessee) return true;
      if (o.operator !== undefined && o.operator === origin.operator) return true;
      if (o.operator === undefined && origin.operator === undefined && o.country === origin.country)
        return true;
    }
    return !recent;
  }

  /**
   * An interception is usually prepared by an SRI-SM (to learn the IMSI and serving MSC): file the recent
   * ones from the same GT or lessee under the interception incident — or, when the sender had none, those
   * from any other network — so the incident shows the whole sequence.
   */
  private fileRoutingQueries(incident: Incident, sub: SubscriberState, origin: Origin, nowMs: number): void {
    const r = sub.smsRouting;
    if (!r) return;
    const since = nowMs - this.smsRoutingMs;
    const related = (o: Origin): boolean =>
      o === origin || (o.lessee !== undefined && o.lessee === origin.lessee);
    let anyRelated = false;
    for (let i = 0; i < r.length; i += SMS_ROUTING_STRIDE) {
      const o = this.originById.get(r[i]!);
      if (o && r[i + 1]! >= since && related(o)) anyRelated = true;
    }
    for (let i = 0; i < r.length; i += SMS_ROUTING_STRIDE) {
      const o = this.originById.get(r[i]!);
      if (!o || o.home || r[i + 1]! < since || (anyRelated && !related(o))) continue;
      const frame = r[i + 4]!;
      if (incident.has(frame)) continue;
      const f = r[i + 5]!;
      incident.add({
        seconds: r[i + 2]!,
        nanoseconds: r[i + 3]!,
        frame,
        opcode: MapOperation.sendRoutingInfoForSM,
        origin: o,
        verdict: Verdict[f >> 1]!,
        alert: (f & 1) === 1,
        reason: "sms-routing before the interception",
      });
    }
  }

  private remember(otid: number, sub: SubscriberState, gt: string, nowMs: number): void {
    const p = this.pending;
    p.delete(otid);
    p.set(otid, { subscriber: sub, gt, ms: nowMs });
    // Oldest first (insertion order is time order): drop the expired and, over the cap, the oldest.
    for (const [k, v] of p) {
      if (p.size <= PENDING_MAX && v.ms >= nowMs - PENDING_TTL_MS) break;
      p.delete(k);
    }
  }

  /**
   * Location-class request at `sub`: sliding-window correlation. True when it belongs to a campaign (then
   * the message, and the burst's earlier ones, are filed under the subscriber's location-tracking incident).
   */
  private correlate(
    s: Ss7Scan,
    d: FirewallDecision,
    sub: SubscriberState,
    origin: Origin,
    nowMs: number,
  ): boolean {
    sub.pruneEvents(nowMs - this.windowMs);
    let burst = false;
    if (sub.eventCount() + 1 >= this.minMessages) {
      const seen = this.seenOrigins;
      seen.clear();
      seen.add(origin.id);
      const ev = sub.events!;
      for (let i = sub.eventsHead; i < ev.length && seen.size < this.minOrigins; i += EVENT_STRIDE)
        seen.add(ev[i + 2]!);
      burst = seen.size >= this.minOrigins;
    }
    const active = burst || nowMs <= sub.campaignUntilMs;
    if (active) {
      sub.campaignUntilMs = nowMs + this.windowMs;
      if (d.verdict === "allow") {
        const a = DEFAULT_ACTIONS.campaign;
        d.verdict = a.verdict;
        d.alert = a.alert;
        d.reason = "campaign";
      }
    }
    const flags = verdictFlags(d);
    sub.addEvent(s.seconds, s.nanoseconds, origin.id, s.frame, d.opcode, flags);
    if (!active) return false;
    const incident = this.file(s, d, "location-tracking", sub, nowMs);
    // Back-fill the burst's earlier messages, which passed (or were judged) before the pattern showed.
    const ev = sub.events!;
    for (let i = sub.eventsHead; i < ev.length; i += EVENT_STRIDE) {
      const frame = ev[i + 3]!;
      if (incident.has(frame)) continue;
      const o = this.originById.get(ev[i + 2]!);
      if (!o) continue;
      const f = ev[i + 5]!;
      incident.add({
        seconds: ev[i]!,
        nanoseconds: ev[i + 1]!,
        frame,
        opcode: ev[i + 4]!,
        origin: o,
        verdict: Verdict[f >> 1]!,
        alert: (f & 1) === 1,
        reason: f >> 1 === 0 ? "campaign (before detection)" : "",
      });
    }
    return true;
  }

  private violate(
    s: Ss7Scan,
    d: FirewallDecision,
    check: FirewallCheck,
    kind: IncidentKind,
    sub: SubscriberState | undefined,
    nowMs: number,
  ): void {
    const a = DEFAULT_ACTIONS[check];
    d.verdict = a.verdict;
    d.alert = a.alert;
    d.reason = check;
    d.mapError = a.mapError ?? 0;
    d.returnCause = a.returnCause ?? 0;
    this.file(s, d, kind, sub, nowMs);
  }

  /** Files the message under the open incident of `kind` for its subscriber (or origin), opening one if needed. */
  private file(
    s: Ss7Scan,
    d: FirewallDecision,
    kind: IncidentKind,
    sub: SubscriberState | undefined,
    nowMs: number,
  ): Incident {
    const origin = d.origin!;
    let incident: Incident | undefined;
    if (sub && isSubscriberIncident(kind)) {
      if (!sub.incidents) sub.incidents = [];
      const list = sub.incidents;
      for (let i = list.length - 1; i >= 0; i--) {
        const inc = list[i]!;
        if (nowMs - inc.lastMs > this.gapMs) list.splice(i, 1);
        else if (inc.kind === kind) incident = inc;
      }
      if (!incident) {
        incident = this.open(kind);
        list.push(incident);
        d.newIncident = true;
      }
      incident.imsi = sub.imsi;
      incident.msisdn = sub.msisdn;
    } else {
      const key = `${kind}|${origin.lessee ?? origin.operator ?? origin.gt}`;
      incident = this.openByOrigin.get(key);
      if (!incident || nowMs - incident.lastMs > this.gapMs) {
        incident = this.open(kind);
        this.openByOrigin.set(key, incident);
        d.newIncident = true;
      }
      const ids = s.identities;
      if (incident.messages === 0) {
        incident.imsi = ids.imsi;
        incident.msisdn = ids.msisdn;
      }
    }
    incident.add({
      seconds: s.seconds,
      nanoseconds: s.nanoseconds,
      frame: s.frame,
      opcode: d.opcode,
      origin,
      verdict: d.verdict,
      alert: d.alert,
      reason: d.reason,
    });
    d.incident = incident;
    return incident;
  }

  private open(kind: IncidentKind): Incident {
    const incident = new Incident(`INC-${String(this.incidents.length + 1).padStart(4, "0")}`, kind);
    this.incidents.push(incident);
    return incident;
  }

  /** Allowed traffic teaches: IMSI↔MSISDN pairs from SRI/SRI-SM answers, and where subscribers are. */
  private learn(
    s: Ss7Scan,
    origin: Origin,
    invoke: boolean,
    opcode: number,
    category: Fs11Category,
    nowMs: number,
  ): void {
    const ids = s.identities;
    if (ids.imsi === undefined && ids.msisdn === undefined) return;
    const t = s.tcap;
    if (!invoke) {
      // An answer to an SRI/SRI-SM: the query named the MSISDN, the answer names the IMSI.
      if (
        (opcode === MapOperation.sendRoutingInfoForSM || opcode === MapOperation.sendRoutingInfo) &&
        t.dtidLength > 0
      ) {
        const q = this.pending.get(t.dtid);
        if (q && q.gt === s.sccp.called.digits) {
          this.pending.delete(t.dtid);
          this.subscribers.touch(ids.imsi, q.subscriber.msisdn ?? ids.msisdn, nowMs);
        }
      }
      return;
    }
    const sub = this.subscribers.touch(ids.imsi, ids.msisdn, nowMs);
    if (sub) this.learnLocation(s, sub, origin, opcode, category, nowMs);
  }

  /**
   * Where an allowed message puts its subscriber: a category 3 operation is sent by (or, from home, for a
   * subscriber in) the network it is in; an insertSubscriberData from home goes to the VLR it is in; an
   * mt-forwardSM to a home node finds it at home.
   */
  private learnLocation(
    s: Ss7Scan,
    sub: SubscriberState,
    origin: Origin,
    opcode: number,
    category: Fs11Category,
    nowMs: number,
  ): void {
    let country: string | undefined;
    if (category === 3) country = origin.home ? this.homeCountry : origin.country;
    else if (opcode === MapOperation.insertSubscriberData && origin.home) {
      const called = s.sccp.called.digits;
      country = called === "" ? this.homeCountry : this.originOfGt(called).country;
    } else if (opcode === MapOperation.mtForwardSM && !origin.home) {
      const called = s.sccp.called.digits;
      if (called === "" || this.originOfGt(called).home) country = this.homeCountry;
    }
    if (country !== undefined) {
      sub.locationCountry = country;
      sub.locationMs = nowMs;
    }
  }

  /** The attributed origin of a GT, cached (the cache starts afresh past ORIGIN_CACHE_MAX GTs). */
  private originOfGt(gt: string): Origin {
    let o = this.origins.get(gt);
    if (!o) {
      if (this.origins.size >= ORIGIN_CACHE_MAX) {
        this.origins.clear();
        this.originById.clear();
      }
      o = this.newOrigin(this.directory.origin(gt));
      this.origins.set(gt, o);
    }
    return o;
  }
}

/** A decision packed for the per-subscriber history: verdict index × 2, plus 1 when it alerted. */
function verdictFlags(d: FirewallDecision): number {
  return VERDICT_INDEX.get(d.verdict)! * 2 + (d.alert ? 1 : 0);
}

function isSmsOnlyLease(purpose: string | undefined): boolean {
  // A lease without a stated purpose is not restricted; "a2p-sms", "sms", "sms-delivery" are.
  return purpose !== undefined && /sms/i.test(purpose);
}
