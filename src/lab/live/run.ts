/**
 * Drives a lab scenario live through a running lab (`startLab`): a small benign load (SMS deliveries from
 * partner SMSCs, a roaming attach, an SMS to a roamer abroad) and the scenario's attack steps, each a real
 * MAP dialogue from the foreign network's ASP, then reports per step what was sent and what became of it,
 * with the firewall's verdict when it objected (its alerts, matched to the steps by calling GT, called GT
 * and operation).
 *
 * The attacks follow src/lab/scenarios.ts (same lessees, operations and targets), compressed in time: a
 * burst runs at `rate` requests per second. Two scenarios add a variant from a roaming partner's own GTs
 * (not leased ones), so the report also shows what the firewall answers a network that is not a lessee:
 * `sms-interception` (an SRI-SM then an updateLocation from one partner GT) and `cat2-spoof` (a
 * cancelLocation for another partner's roamer).
 *
 * A step's status: `through` (a result came back), `blocked` (the firewall objected: aborted, answered with
 * a MAP error or dropped it), `refused` (no result, and the firewall did not object: the simulated network
 * itself said no, or nothing came back), `intercepted` (an SMS delivered to an attacker's GT). An attack
 * step that got through while a later step of the same attack was blocked is flagged `beforeDetection`:
 * the SRI-SMs a campaign or an interception starts with, each harmless alone.
 *
 * Every message goes between lab nodes on 127.0.0.1 and addresses the simulated home network only.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { FirewallAlert } from "../../proxy/pipeline.js";
import {
  HOME,
  KESTREL,
  type LabLease,
  type LabLessee,
  type LabNetwork,
  NIMBUS,
  networkOfGt,
  PARTNERS,
  Ssn,
} from "../network.js";
import {
  addressOf,
  describeOutcome,
  type Exchange,
  type ForeignNetwork,
  type InvokeOutcome,
  NodeApplicationContext,
  type Sent,
  type SmsDelivery,
} from "../nodes/index.js";
import { SCENARIOS, type ScenarioName } from "../scenarios.js";
import { isOutboundRoamer, LabRandom, type LabSubscriber, subscriber } from "../traffic.js";
import type { LiveForeign } from "./foreign.js";
import type { Lab } from "./lab.js";
import {
  atsiParameter,
  ProbeOpcode,
  sendIdentificationParameter,
  sendParametersParameter,
} from "./probes.js";
import { foreignOfGt } from "./world.js";

export interface RunOptions {
  /** Seeds who is targeted, from which GTs, how many requests. Default 1. */
  seed?: number;
  /** Requests per second in an attack burst. Default 10. */
  rate?: number;
}

export type StepRole = "benign" | "attack";
export type StepStatus = "through" | "blocked" | "refused" | "intercepted";

export interface StepReport {
  /** 1-based, in send order. */
  n: number;
  role: StepRole;
  /** What the step is in the scenario ("location request 3/57", "SMS from Telekom DE: routing"). */
  what: string;
  /** Who sent it: the foreign network (and the country of its GT), or the home node. */
  sender: string;
  /** TS 29.002 operation name(s). */
  operation: string;
  opcode: number;
  /** Calling and called GT. */
  from: string;
  to: string;
  /** The IMSI or MSISDN it is about. */
  target: string;
  /** When it was sent, ms after the run started. */
  atMs: number;
  outcome: InvokeOutcome["type"] | "pending";
  /** `describeOutcome` of the outcome. */
  detail: string;
  /** What a result gave away (IMSI, serving MSC, cell …), when it says. */
  revealed?: string;
  status: StepStatus;
  /** The firewall's alert about this step: its verdict and reason. */
  firewall?: { verdict: string; reason: string; incident: string | null };
  beforeDetection: boolean;
  note?: string;
}

export interface ScenarioTotals {
  attacks: number;
  /** Attack steps the firewall blocked. */
  attacksBlocked: number;
  /** Attack steps that got a result (including `throughBeforeDetection`). */
  attacksThrough: number;
  throughBeforeDetection: number;
  /** Attack steps without a result that the firewall did not block (the network refused them). */
  attacksRefused: number;
  benign: number;
  benignCompleted: number;
  benignFailed: number;
}

export interface ScenarioReport {
  scenario: ScenarioName;
  seed: number;
  firewall: boolean;
  steps: StepReport[];
  totals: ScenarioTotals;
  /** What the run shows, one sentence each ("The OTP reached the attacker (Nimbus … GT …)."). */
  findings: string[];
  /** The firewall's incidents the blocked steps were filed under, oldest first. */
  incidents: { id: string; kind: string; summary: string }[];
  /** sms-interception: whether the one-time password reached the attacker. */
  otpReachedAttacker?: boolean;
  durationMs: number;
}

/** Countries far enough from the home network (US) that no one travels there in minutes. */
const FAR_FROM_HOME = ["JP", "ID", "IN", "PH", "ZA", "KE", "ZM", "AE", "TR"];

function shuffled<T>(rnd: LabRandom, list: readonly T[]): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rnd.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** A field path of an untyped result, when it is a string. */
function pick(value: unknown, ...path: string[]): string | undefined {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

/** What a result gave away, in a few words. */
function revealed(o: InvokeOutcome | undefined): string | undefined {
  if (o?.type !== "result" || o.result === undefined) return undefined;
  const r = o.result;
  const parts: string[] = [];
  const imsi = pick(r, "imsi");
  if (imsi) parts.push(`IMSI ${imsi}`);
  const msc = pick(r, "locationInfoWithLmsi", "networkNodeNumber", "digits");
  if (msc) parts.push(`MSC ${msc}`);
  const li = (r as { subscriberInfo?: { locationInformation?: unknown } }).subscriberInfo
    ?.locationInformation;
  const vlr = pick(li, "vlrNumber", "digits");
  if (vlr) parts.push(`VLR ${vlr}`);
  const cgi = pick(
    li,
    "cellGlobalIdOrServiceAreaIdOrLai",
    "cellGlobalIdOrServiceAreaIdFixedLength",
    "cellId",
  );
  if (cgi) {
    const lac = pick(li, "cellGlobalIdOrServiceAreaIdOrLai", "cellGlobalIdOrServiceAreaIdFixedLength", "lac");
    parts.push(`cell ${lac}/${cgi}`);
  }
  const hlr = pick(r, "hlrNumber", "digits");
  if (hlr) parts.push(`HLR ${hlr}`);
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/** "Nimbus Route Ltd (ZM)", "Vodafone UK (GB)". */
function senderOf(net: LiveForeign, gt: string): string {
  const country = networkOfGt(gt)?.country;
  return country ? `${net.name} (${country})` : net.name;
}

/** One run: the lab, its random draws, the steps so far. */
class Run {
  readonly steps: StepReport[] = [];
  readonly findings: string[] = [];
  otpReachedAttacker: boolean | undefined;
  private readonly pending: Promise<unknown>[] = [];
  readonly t0 = Date.now();

  constructor(
    readonly lab: Lab,
    readonly rnd: LabRandom,
    readonly rate: number,
  ) {}

  net(name: string): LiveForeign {
    const f = this.lab.foreign.get(name);
    if (!f) throw new Error(`no foreign network ${name} in the lab`);
    return f;
  }

  partnerNet(net: LabNetwork): LiveForeign {
    return this.net(net.name);
  }

  /** A home subscriber at home (not roaming), not used by an earlier step or run of this lab. */
  homeSubscriber(): LabSubscriber {
    const db = this.lab.core.db;
    for (let tries = 0; tries < 100_000; tries++) {
      const index = 1 + this.rnd.int(db.size);
      if (isOutboundRoamer(index) || this.lab.used.has(index)) continue;
      const r = db.byIndex(index)!;
      // At home by the HLR's own record too (an earlier run may have moved it).
      if (r.vlrNumber !== HOME.vlr.gt) continue;
      this.lab.used.add(index);
      return subscriber(HOME, index);
    }
    throw new RangeError(`no unused home subscriber left among ${db.size}`);
  }

  /** Waits one request interval of a burst. */
  pace(): Promise<void> {
    return sleep(Math.max(1, Math.round(1000 / this.rate)));
  }

  /** Sends one dialogue from a foreign network; the step is recorded now and completed when it settles. */
  send(
    role: StepRole,
    what: string,
    net: LiveForeign,
    fn: (n: ForeignNetwork, nowMs: number) => Sent,
  ): Promise<StepReport & { exchange: Exchange }> {
    let exchange!: Exchange;
    const done = net.originate((n, t) => {
      const sent = fn(n, t);
      exchange = sent.exchange;
      return sent;
    });
    const step: StepReport & { exchange: Exchange } = {
      n: this.steps.length + 1,
      role,
      what,
      sender: senderOf(net, exchange.from),
      operation: exchange.operation,
      opcode: exchange.opcode,
      from: exchange.from,
      to: exchange.to,
      target: exchange.target,
      atMs: exchange.sentAtMs - this.t0,
      outcome: "pending",
      detail: "no answer yet",
      status: "refused",
      beforeDetection: false,
      exchange,
    };
    this.steps.push(step);
    const settled = done.then((e) => {
      this.settle(step, e.outcome);
      return step;
    });
    this.pending.push(settled);
    return settled;
  }

  /** A step the home network originates (an SMS from the home SMSC, an inbound roamer's attach). */
  home(
    role: StepRole,
    what: string,
    operation: string,
    from: string,
    to: string,
    target: string,
  ): StepReport {
    const step: StepReport = {
      n: this.steps.length + 1,
      role,
      what,
      sender: `${HOME.name} (home)`,
      operation,
      opcode: -1,
      from,
      to,
      target,
      atMs: Date.now() - this.t0,
      outcome: "pending",
      detail: "no answer yet",
      status: "refused",
      beforeDetection: false,
    };
    this.steps.push(step);
    return step;
  }

  settle(step: StepReport, o: InvokeOutcome | undefined): void {
    step.outcome = o?.type ?? "pending";
    step.detail = o ? describeOutcome(o) : "no answer";
    const r = revealed(o);
    if (r !== undefined) step.revealed = r;
    step.status = o?.type === "result" ? "through" : "refused";
  }

  /** The home SMSC delivers `text` to `msisdn`; the step ends with the delivery. */
  async homeSms(role: StepRole, what: string, msisdn: string, text: string): Promise<SmsDelivery> {
    const step = this.home(role, what, "SRI-SM + mt-forwardSM", HOME.smsc.gt, HOME.hlr.gt, msisdn);
    const delivery = await this.lab.core.deliverSms(msisdn, text);
    if (delivery.msc !== undefined) step.to = delivery.msc;
    this.settle(step, delivery.outcome);
    if (delivery.state === "failed") step.detail = delivery.failure ?? step.detail;
    else step.detail = `delivered to MSC ${delivery.msc}`;
    const owner = foreignOfGt(delivery.msc ?? "");
    if (delivery.state === "delivered" && owner?.kind === "lessee") {
      step.status = "intercepted";
      step.note = `${owner.name}'s GT, not the subscriber's MSC`;
    }
    return delivery;
  }

  /** An SMS from a partner's SMSC to a home subscriber: SRI-SM to the HLR, then mt-forwardSM to the MSC named. */
  async partnerSms(
    net: LabNetwork,
    to: LabSubscriber,
    text: string,
    what = `SMS from ${net.name}`,
  ): Promise<void> {
    const f = this.partnerNet(net);
    const from = net.smsc.gt;
    const sri = await this.send("benign", `${what}: routing`, f, (n, t) => n.sriSm(to.msisdn, t, { from }));
    const imsi = pick(sri.exchange.outcome, "result", "imsi");
    const msc = pick(sri.exchange.outcome, "result", "locationInfoWithLmsi", "networkNodeNumber", "digits");
    if (imsi === undefined || msc === undefined) return;
    await this.send("benign", `${what}: delivery`, f, (n, t) => n.mtForwardSm(imsi, text, t, { from, msc }));
  }

  /** A home subscriber switches on in `net`: authentication, then updateLocation, from the partner's VLR. */
  async roamingAttach(net: LabNetwork, who: LabSubscriber): Promise<boolean> {
    const f = this.partnerNet(net);
    const from = net.vlr.gt;
    const what = `roaming attach in ${net.name}`;
    const sai = await this.send("benign", `${what}: authentication`, f, (n, t) =>
      n.sendAuthenticationInfo(who.imsi, t, { from }),
    );
    if (sai.status !== "through") return false;
    const ul = await this.send("benign", `${what}: location update`, f, (n, t) =>
      n.updateLocation(who.imsi, t, { from, msc: net.msc.gt }),
    );
    return ul.status === "through";
  }

  /** The benign load every scenario carries: SMS from partners (the given ones first), a roaming attach. */
  async benignLoad(first: readonly LabNetwork[] = []): Promise<void> {
    const others = shuffled(
      this.rnd,
      PARTNERS.filter((p) => !first.includes(p)),
    );
    for (const net of [...first, ...others].slice(0, Math.max(2, first.length)))
      await this.partnerSms(net, this.homeSubscriber(), "Your parcel arrives today between 10:00 and 12:00");
    const visited = this.rnd.pick(PARTNERS.filter((p) => !FAR_FROM_HOME.includes(p.country)));
    const roamer = this.homeSubscriber();
    if (await this.roamingAttach(visited, roamer))
      await this.homeSms("benign", `SMS to a roamer in ${visited.name}`, roamer.msisdn, "Welcome back soon!");
  }

  /** A closing SMS after the attacks: the network still serves everyone else. */
  async benignTail(): Promise<void> {
    await this.partnerSms(this.rnd.pick(PARTNERS), this.homeSubscriber(), "Meeting moved to 15:30");
  }

  async settled(): Promise<void> {
    // Steps may start while others settle (a PSI after an SRI-SM answer): wait until none is added.
    let n = -1;
    while (n !== this.pending.length) {
      n = this.pending.length;
      await Promise.all(this.pending);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// The scenarios, live

type Scenario = (r: Run) => Promise<void>;

/** One location request at `victim` from `gt`: SRI-SM, PSI to the VLR (needs the IMSI) or ATI to the HLR. */
function locationRequest(
  r: Run,
  net: LiveForeign,
  what: string,
  gt: string,
  kind: "sri-sm" | "psi" | "ati",
  victim: LabSubscriber,
  known: { imsi?: string },
  byImsi: boolean,
): void {
  if (kind === "sri-sm") {
    void r
      .send("attack", `${what} (SRI-SM)`, net, (n, t) => n.sriSm(victim.msisdn, t, { from: gt }))
      .then((s) => {
        known.imsi ??= pick(s.exchange.outcome, "result", "imsi");
      });
  } else if (kind === "psi" && known.imsi !== undefined) {
    const imsi = known.imsi;
    void r.send("attack", `${what} (PSI)`, net, (n, t) => n.psi(imsi, t, { from: gt }));
  } else {
    const imsi = known.imsi;
    void r.send("attack", `${what} (ATI)`, net, (n, t) =>
      n.ati(byImsi && imsi !== undefined ? { imsi } : { msisdn: victim.msisdn }, t, { from: gt }),
    );
  }
}

/** A burst of location requests at one subscriber from the lessee's GTs, country after country. */
async function burst(
  r: Run,
  lessee: LabLessee,
  victim: LabSubscriber,
  n: number,
  recon: number,
  sriShare: number,
  psiShare: number,
): Promise<{ imsi?: string }> {
  const net = r.net(lessee.name);
  const known: { imsi?: string } = {};
  let order: LabLease[] = [];
  for (let i = 0; i < n; i++) {
    if (order.length === 0) order = shuffled(r.rnd, lessee.leases);
    const gt = r.rnd.pick(order.pop()!.gts).gt;
    // The first requests learn the IMSI; then some ask the VLR or the HLR for the cell directly.
    const roll = i < recon ? 0 : r.rnd.next();
    const byImsi = r.rnd.next() < 0.5;
    const kind = roll < sriShare ? "sri-sm" : roll < sriShare + psiShare ? "psi" : "ati";
    locationRequest(r, net, `location request ${i + 1}/${n}`, gt, kind, victim, known, byImsi);
    await r.pace();
  }
  return known;
}

/** ≥ 50 location requests at one subscriber from Nimbus GTs in all fifteen countries. */
const locationCampaign: Scenario = async (r) => {
  await r.benignLoad();
  const victim = r.homeSubscriber();
  const n = 50 + r.rnd.int(21);
  await burst(r, NIMBUS, victim, n, 3, 0.7, 0.15);
  await r.settled();
  await r.benignTail();
};

/** Kestrel, four countries: 12–16 location queries, then an updateLocation that would redirect the SMS. */
const coordinatedBurst: Scenario = async (r) => {
  await r.benignLoad();
  const victim = r.homeSubscriber();
  const n = 12 + r.rnd.int(5);
  await burst(r, KESTREL, victim, n, 2, 0.5, 0.25);
  const gt = r.rnd.pick(r.rnd.pick(KESTREL.leases).gts).gt;
  await r.send("attack", "forged updateLocation (redirects the victim's SMS)", r.net(KESTREL.name), (f, t) =>
    f.updateLocation(victim.imsi, t, { from: gt }),
  );
  await r.settled();
  const record = r.lab.core.db.byMsisdn(victim.msisdn)!;
  r.findings.push(
    record.mscNumber === gt
      ? `The HLR now routes ${victim.msisdn}'s SMS to Kestrel's GT ${gt}.`
      : `The HLR still routes ${victim.msisdn}'s SMS to ${record.mscNumber} (the home MSC).`,
  );
  await r.benignTail();
};

/**
 * SMS interception: the victim (just sent an ordinary SMS, so the network knows it is at home) is looked up
 * by SRI-SM from a Nimbus GT; an updateLocation from a Nimbus GT in a distant country follows, then the
 * victim's bank sends a one-time password. Variant: the same from a roaming partner's own VLR GT.
 */
const smsInterception: Scenario = async (r) => {
  await r.benignLoad();
  const victim = r.homeSubscriber();
  await r.partnerSms(r.rnd.pick(PARTNERS), victim, "See you at 8", "SMS to the victim");
  const nimbus = r.net(NIMBUS.name);
  const x = r.rnd.pick(NIMBUS.leases);
  const y = r.rnd.pick(NIMBUS.leases.filter((l) => l !== x && FAR_FROM_HOME.includes(l.host.country)));
  const reconGt = r.rnd.pick(x.gts).gt;
  const attackerGt = r.rnd.pick(y.gts).gt;
  await r.send("attack", "SRI-SM: the victim's IMSI and MSC", nimbus, (f, t) =>
    f.sriSm(victim.msisdn, t, { from: reconGt }),
  );
  await r.send("attack", "forged updateLocation (victim's SMS to the attacker)", nimbus, (f, t) =>
    f.updateLocation(victim.imsi, t, { from: attackerGt }),
  );
  const otp = `Bank code ${String(100_000 + r.rnd.int(900_000))}. Do not share it`;
  await r.homeSms("benign", "one-time password to the victim", victim.msisdn, otp);
  const stolen = nimbus.node.received.some((x) => x.operation === "mtForwardSM" && x.sms?.text === otp);
  r.otpReachedAttacker = stolen;
  const home = r.lab.core.msc.delivered.some((d) => d.imsi === victim.imsi && d.text === otp);
  r.findings.push(
    stolen
      ? `The one-time password reached the attacker (${NIMBUS.name}, GT ${attackerGt}): "${otp}".`
      : home
        ? `The one-time password reached the victim's own MSC (${HOME.msc.gt}), not the attacker.`
        : "The one-time password reached neither the victim nor the attacker.",
  );
  // Variant: a partner's own GT (no lease), SRI-SM then updateLocation for another subscriber.
  const partner = r.rnd.pick(PARTNERS.filter((p) => FAR_FROM_HOME.includes(p.country)));
  const victim2 = r.homeSubscriber();
  const pnet = r.partnerNet(partner);
  const pgt = partner.vlr.gt;
  await r.send("attack", `variant, ${partner.name}'s own GT: SRI-SM`, pnet, (f, t) =>
    f.sriSm(victim2.msisdn, t, { from: pgt }),
  );
  await r.send("attack", `variant, ${partner.name}'s own GT: updateLocation`, pnet, (f, t) =>
    f.updateLocation(victim2.imsi, t, { from: pgt }),
  );
  await r.settled();
  const record = r.lab.core.db.byMsisdn(victim2.msisdn)!;
  r.findings.push(
    record.vlrNumber === pgt
      ? `The HLR now places ${victim2.msisdn} in ${partner.name} (VLR ${pgt}).`
      : `The HLR still places ${victim2.msisdn} at home (VLR ${record.vlrNumber}).`,
  );
  await r.benignTail();
};

/** Category 1 probe: the GTs of one Nimbus lease sweep home subscribers with sendIMSI, ATSI, sendParameters, sendIdentification. */
const cat1Probe: Scenario = async (r) => {
  await r.benignLoad();
  const nimbus = r.net(NIMBUS.name);
  const lease = r.rnd.pick(NIMBUS.leases);
  const targets = Array.from({ length: 4 + r.rnd.int(3) }, () => r.homeSubscriber());
  const hlr = addressOf(HOME.hlr.gt, Ssn.hlr);
  const vlr = addressOf(HOME.vlr.gt, Ssn.vlr);
  for (const [i, victim] of targets.entries()) {
    const gt = r.rnd.pick(lease.gts).gt;
    const what = `probe ${i + 1}/${targets.length}`;
    void r.send("attack", `${what}: sendIMSI`, nimbus, (f, t) => f.sendImsi(victim.msisdn, t, { from: gt }));
    await r.pace();
    void r.send("attack", `${what}: anyTimeSubscriptionInterrogation`, nimbus, (f, t) =>
      f.invokeOperation(ProbeOpcode.anyTimeSubscriptionInterrogation, atsiParameter(victim.msisdn, gt), t, {
        from: gt,
        called: hlr,
        callingSsn: Ssn.gsmScf,
        acn: NodeApplicationContext.anyTimeInfoHandling,
        target: victim.msisdn,
      }),
    );
    await r.pace();
    // MAP v1: no application context, no dialogue portion.
    void r.send("attack", `${what}: sendParameters (MAP v1)`, nimbus, (f, t) =>
      f.invokeOperation(ProbeOpcode.sendParameters, sendParametersParameter(victim.imsi), t, {
        from: gt,
        called: hlr,
        callingSsn: Ssn.vlr,
        target: victim.imsi,
      }),
    );
    await r.pace();
    const tmsi = Uint8Array.from([r.rnd.int(256), r.rnd.int(256), r.rnd.int(256), r.rnd.int(256)]);
    void r.send("attack", `${what}: sendIdentification`, nimbus, (f, t) =>
      f.invokeOperation(ProbeOpcode.sendIdentification, sendIdentificationParameter(tmsi), t, {
        from: gt,
        called: vlr,
        callingSsn: Ssn.vlr,
        acn: NodeApplicationContext.interVlrInfoRetrieval,
      }),
    );
    await r.pace();
  }
  await r.settled();
  await r.benignTail();
};

/**
 * Subscriber-profile tampering: a partner's subscriber attaches to the home network (its HLR abroad
 * answers), then a Nimbus GT hosted by another operator, posing as the subscriber's HLR, rewrites its
 * profile, deletes data and cancels its location. Variant: a cancelLocation from another partner's own HLR.
 */
const cat2Spoof: Scenario = async (r) => {
  const owner = r.rnd.pick(PARTNERS);
  // The owner's SMSC speaks first, so the firewall has heard from the owner before the core calls it.
  await r.benignLoad([owner]);
  const roamer = subscriber(owner, 50_000 + r.rnd.int(40_000));
  const step = r.home(
    "benign",
    `inbound roamer from ${owner.name} attaches`,
    "SAI + updateLocation",
    HOME.vlr.gt,
    owner.hlr.gt,
    roamer.imsi,
  );
  r.settle(step, await r.lab.core.attach(roamer.imsi));
  const nimbus = r.net(NIMBUS.name);
  const lease = r.rnd.pick(NIMBUS.leases.filter((l) => l.host !== owner));
  const gt = r.rnd.pick(lease.gts).gt;
  await r.send("attack", "insertSubscriberData (profile rewrite)", nimbus, (f, t) =>
    f.insertSubscriberData(roamer.imsi, t, { from: gt, msisdn: roamer.msisdn }),
  );
  await r.pace();
  await r.send("attack", "deleteSubscriberData (barring withdrawn)", nimbus, (f, t) =>
    f.deleteSubscriberData(roamer.imsi, t, { from: gt }),
  );
  await r.pace();
  await r.send("attack", "cancelLocation (roamer thrown off)", nimbus, (f, t) =>
    f.cancelLocation(roamer.imsi, t, { from: gt }),
  );
  const other = r.rnd.pick(PARTNERS.filter((p) => p !== owner));
  await r.send("attack", `variant, ${other.name}'s own HLR: cancelLocation`, r.partnerNet(other), (f, t) =>
    f.cancelLocation(roamer.imsi, t, { from: other.hlr.gt }),
  );
  await r.settled();
  r.findings.push(
    r.lab.core.msc.register.has(roamer.imsi)
      ? `The roamer ${roamer.imsi} is still registered in the home VLR.`
      : `The roamer ${roamer.imsi} was thrown off the home VLR.`,
  );
  await r.benignTail();
};

const benign: Scenario = async (r) => {
  await r.benignLoad();
  await r.benignTail();
};

const LIVE: Record<ScenarioName, Scenario> = {
  benign,
  "location-campaign": locationCampaign,
  "coordinated-burst": coordinatedBurst,
  "sms-interception": smsInterception,
  "cat1-probe": cat1Probe,
  "cat2-spoof": cat2Spoof,
};

/**
 * Matches the firewall's alerts to the steps they are about: same calling GT, called GT and operation, a
 * step without a result (a blocked message never gets one), sent no later than the alert was raised — the
 * latest such step, since one GT may send the same operation many times.
 */
function attribute(steps: StepReport[], alerts: readonly FirewallAlert[], t0: number): void {
  const candidates = new Map<string, StepReport[]>();
  for (const s of steps) {
    if (s.status === "through" || s.opcode < 0) continue;
    const key = `${s.from}|${s.to}|${s.opcode}`;
    const list = candidates.get(key);
    if (list) list.push(s);
    else candidates.set(key, [s]);
  }
  for (const a of alerts) {
    if (a.direction !== "inbound") continue;
    const list = candidates.get(`${a.calling_gt}|${a.called_gt}|${a.opcode}`);
    if (!list) continue;
    // The proxy stamps alerts with its own reading of the same clock, in whole milliseconds.
    const at = Date.parse(a.time) - t0 + 1;
    let best = -1;
    for (let i = 0; i < list.length && list[i]!.atMs <= at; i++) best = i;
    if (best < 0) continue;
    const s = list.splice(best, 1)[0]!;
    s.firewall = { verdict: a.verdict, reason: a.reason, incident: a.incident };
    s.status = "blocked";
  }
}

/** Runs `scenario` live through `lab`; resolves with the report once every dialogue has ended. */
export async function runScenario(
  lab: Lab,
  scenario: ScenarioName,
  options: RunOptions = {},
): Promise<ScenarioReport> {
  if (!SCENARIOS.includes(scenario)) throw new RangeError(`unknown scenario ${scenario}`);
  const seed = options.seed ?? 1;
  const rate = options.rate ?? 10;
  if (!(rate > 0)) throw new RangeError("rate must be positive");
  const mark = lab.alertMark();
  const r = new Run(lab, new LabRandom(seed * 0x9e37 + SCENARIOS.indexOf(scenario)), rate);
  await LIVE[scenario](r);
  await r.settled();
  const steps = r.steps.map((s) => {
    // Reports carry no live objects.
    const { exchange: _, ...plain } = s as StepReport & { exchange?: Exchange };
    return plain;
  });
  attribute(steps, lab.alertsSince(mark), r.t0);
  // An attack step that got through while a later one of the attack was blocked: before detection.
  const lastBlocked = steps.findLastIndex((s) => s.role === "attack" && s.status === "blocked");
  for (const [i, s] of steps.entries())
    if (s.role === "attack" && s.status === "through" && i < lastBlocked) s.beforeDetection = true;
  const attacks = steps.filter((s) => s.role === "attack");
  const benignSteps = steps.filter((s) => s.role === "benign");
  const totals: ScenarioTotals = {
    attacks: attacks.length,
    attacksBlocked: attacks.filter((s) => s.status === "blocked").length,
    attacksThrough: attacks.filter((s) => s.status === "through").length,
    throughBeforeDetection: attacks.filter((s) => s.beforeDetection).length,
    attacksRefused: attacks.filter((s) => s.status === "refused").length,
    benign: benignSteps.length,
    benignCompleted: benignSteps.filter((s) => s.status === "through").length,
    benignFailed: benignSteps.filter((s) => s.status !== "through").length,
  };
  const ids = new Set(steps.map((s) => s.firewall?.incident ?? ""));
  const incidents = (lab.firewall?.incidents(10_000) ?? [])
    .filter((i) => ids.has(i.id))
    .reverse()
    .map((i) => ({ id: i.id, kind: i.kind, summary: i.summary }));
  const report: ScenarioReport = {
    scenario,
    seed,
    firewall: lab.firewall !== undefined,
    steps,
    totals,
    findings: r.findings,
    incidents,
    durationMs: Date.now() - r.t0,
  };
  if (r.otpReachedAttacker !== undefined) report.otpReachedAttacker = r.otpReachedAttacker;
  return report;
}
