/**
 * Lab scenarios: benign background traffic with attacks mixed in, and the ground truth of every attack.
 * The attacks are planned up front (they are few: tens of messages per instance) and merged by time with
 * the streaming background, so a capture of a million messages never has to be held in memory.
 *
 * All attacker traffic is synthetic, comes from the lab lessees' GTs and is aimed at the simulated home
 * network and fictional subscribers only. Each attack message is a well-formed MAP dialogue start (TCAP
 * Begin, AARQ with the operation's application context and version, invoke id 1; MAP v1's sendParameters
 * has no dialogue portion, as in v1): only the behaviour is malicious, so a firewall has to judge it by who
 * sends what at whom, not by malformed bytes.
 *
 * Time layout: a warm-up, then one slot per attack instance (`--scale N` → N slots), then a tail. The
 * background's dialogue rate is chosen so that its `count` messages span the whole layout.
 */
import { open, writeFile } from "node:fs/promises";
import { BerClass, type BerWriter, UniversalTag } from "../codec/ber/index.js";
import { encodeIsdnAddressString } from "../codec/gsm/index.js";
import { anyTimeInterrogation } from "../codec/map/operations/anyTimeInterrogation.js";
import { cancelLocation } from "../codec/map/operations/cancelLocation.js";
import { deleteSubscriberData } from "../codec/map/operations/deleteSubscriberData.js";
import { insertSubscriberData } from "../codec/map/operations/insertSubscriberData.js";
import { provideSubscriberInfo } from "../codec/map/operations/provideSubscriberInfo.js";
import { sendIMSI } from "../codec/map/operations/sendIMSI.js";
import { sendRoutingInfoForSM } from "../codec/map/operations/sendRoutingInfoForSM.js";
import { updateLocation } from "../codec/map/operations/updateLocation.js";
import { mapOperationByCode } from "../codec/map/operations.js";
import { isoTime } from "../codec/stack/message.js";
import type { TcapMessageValue } from "../codec/tcap/index.js";
import { LabCaptureWriter } from "./capture.js";
import {
  HOME,
  KESTREL,
  type LabLease,
  type LabLessee,
  type LabNetwork,
  type LabNode,
  NIMBUS,
  PARTNERS,
  Ssn,
  withSsn,
} from "./network.js";
import {
  aare,
  aarq,
  type BenignTrafficOptions,
  benignTraffic,
  hexTid,
  homeSubscriber,
  invoke,
  isdn,
  isOutboundRoamer,
  LabApplicationContext,
  type LabMessage,
  LabRandom,
  type LabSubscriber,
  MEAN_MESSAGES_PER_DIALOGUE,
  msg,
  param,
  result,
  resultLast,
  roamingAttach,
  smsDelivery,
  subscriber,
  subscribersFor,
} from "./traffic.js";
import { type AttackKind, type AttackTruth, type LabTruth, truthPathFor } from "./truth.js";

export const SCENARIOS = [
  "benign",
  "location-campaign",
  "coordinated-burst",
  "sms-interception",
  "cat1-probe",
  "cat2-spoof",
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

export interface ScenarioOptions {
  scenario: ScenarioName;
  /** Default 1. */
  seed?: number;
  /** Attack instances and background volume multiplier, integer ≥ 1. Default 1. */
  scale?: number;
  /** Background messages. Default 2,000 × scale. */
  count?: number;
  /** Capture start, ns since the epoch. Default 2026-01-01T00:00:00Z. */
  startNs?: number;
}

/** The most attack instances a scenario plans (they are held in memory until written). */
export const MAX_SCALE = 1_000;

/** Background messages per unit of scale when no count is given. */
export const DEFAULT_BACKGROUND = 2_000;

/** An attack before its frames are known: who, what, by whom. */
interface AttackPlan {
  kind: AttackKind;
  target: { imsi: string | null; msisdn: string | null };
  lessee: LabLessee;
}

/** A message a scenario adds to the background: an attacker's, or context (answers, a victim's own traffic). */
export interface ScenarioMessage {
  msg: LabMessage;
  /** Index into the plan's attacks when the attacker sent it. */
  attack?: number;
}

export interface ScenarioPlan {
  scenario: ScenarioName;
  seed: number;
  scale: number;
  /** Background messages. */
  count: number;
  background: BenignTrafficOptions;
  attacks: readonly AttackPlan[];
  /** The scenario's own messages (attacks and their context), in time order. */
  added: readonly ScenarioMessage[];
}

const SECOND = 1e9;

interface Layout {
  /** Seconds of background before the first slot, and after the last. */
  warmup: number;
  tail: number;
  /** Seconds per attack instance. */
  slot: number;
}

// A probe lasts at most 72 s and starts in the first quarter of its slot, so consecutive probes (all from
// Nimbus) are ≥ 960 − 240 − 72 = 648 s apart: more than the 600 s an incident stays open, so a firewall
// grouping by lessee files each probe separately.
const LAYOUT: Record<Exclude<ScenarioName, "benign">, Layout> = {
  "location-campaign": { warmup: 60, tail: 30, slot: 120 },
  "coordinated-burst": { warmup: 60, tail: 30, slot: 60 },
  "sms-interception": { warmup: 60, tail: 30, slot: 480 },
  "cat1-probe": { warmup: 60, tail: 30, slot: 960 },
  "cat2-spoof": { warmup: 60, tail: 30, slot: 240 },
};

/** Countries far enough from the home network (US) that no one travels there in minutes. */
const FAR_FROM_HOME = ["JP", "ID", "IN", "PH", "ZA", "KE", "ZM", "AE", "TR"];

/** Plans a scenario: background options, victims, and every attack message with its time. */
export function planScenario(options: ScenarioOptions): ScenarioPlan {
  const scenario = options.scenario;
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  if (!Number.isSafeInteger(scale) || scale < 1 || scale > MAX_SCALE)
    throw new RangeError(`scale must be an integer from 1 to ${MAX_SCALE}, got ${scale}`);
  const count = options.count ?? DEFAULT_BACKGROUND * scale;
  const startNs = options.startNs ?? Date.UTC(2026, 0, 1) * 1e6;
  // Room for the victims (a probe sweeps up to six subscribers), who are taken out of the background's pool.
  const subscribers = Math.max(subscribersFor(count), Math.min(99_999, scale * 6 * 4));
  if (scenario === "benign") {
    return {
      scenario,
      seed,
      scale,
      count,
      background: { seed, startNs, subscribers },
      attacks: [],
      added: [],
    };
  }
  const layout = LAYOUT[scenario];
  const seconds = layout.warmup + scale * layout.slot + layout.tail;
  const b = new Builder(new LabRandom((seed ^ 0x7a3c_5e11) + SCENARIOS.indexOf(scenario)), subscribers);
  for (let k = 0; k < scale; k++) {
    const slotStart = startNs + (layout.warmup + k * layout.slot) * SECOND;
    // Start somewhere in the first quarter of the slot, so instances do not tick like a clock.
    const t = slotStart + b.rnd.int(Math.floor((layout.slot / 4) * 1000)) * 1e6;
    ATTACKS[scenario](b, t, k);
  }
  return {
    scenario,
    seed,
    scale,
    count,
    background: {
      seed,
      startNs,
      subscribers,
      reserved: b.reserved,
      dialoguesPerSecond: count / MEAN_MESSAGES_PER_DIALOGUE / seconds,
    },
    attacks: b.attacks,
    added: b.sorted(),
  };
}

/** The capture's messages in time order: the background merged with the scenario's own. */
export function* scenarioMessages(plan: ScenarioPlan): Generator<ScenarioMessage> {
  const added = plan.added;
  let i = 0;
  for (const m of benignTraffic(plan.count, plan.background)) {
    while (i < added.length && added[i]!.msg.timeNs < m.timeNs) yield added[i++]!;
    yield { msg: m };
  }
  while (i < added.length) yield added[i++]!;
}

/** Collects the ground truth while a scenario's messages are written, frame by frame. */
export class TruthRecorder {
  private frame = 0;
  private readonly frames: number[][];
  private readonly times: [number, number][];
  private readonly origins: Set<string>[];
  private readonly operations: Map<string, number>[];

  constructor(private readonly plan: ScenarioPlan) {
    const n = plan.attacks.length;
    this.frames = Array.from({ length: n }, () => []);
    this.times = Array.from({ length: n }, () => [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    this.origins = Array.from({ length: n }, () => new Set());
    this.operations = Array.from({ length: n }, () => new Map());
  }

  /** Records the next frame (one message per frame, numbered from 1 as capture readers do). */
  add(m: ScenarioMessage): void {
    this.frame++;
    if (m.attack === undefined) return;
    const a = m.attack;
    this.frames[a]!.push(this.frame);
    const span = this.times[a]!;
    span[0] = Math.min(span[0], m.msg.timeNs);
    span[1] = Math.max(span[1], m.msg.timeNs);
    this.origins[a]!.add(m.msg.from.gt);
    const tcap = m.msg.tcap;
    const c = "components" in tcap ? tcap.components?.[0] : undefined;
    const opcode = c?.type === "invoke" && c.opcode.type === "local" ? c.opcode.value : -1;
    const name = mapOperationByCode(opcode)?.name ?? `opcode ${opcode}`;
    this.operations[a]!.set(name, (this.operations[a]!.get(name) ?? 0) + 1);
  }

  truth(): LabTruth {
    const plan = this.plan;
    const attacks = plan.attacks
      .map((a, i) => ({ a, i, first: this.frames[i]![0] ?? Number.POSITIVE_INFINITY }))
      .sort((x, y) => x.first - y.first)
      .map(({ a, i }, rank): AttackTruth => {
        const origins = [...this.origins[i]!].sort();
        const countries = [
          ...new Set(origins.map((gt) => a.lessee.leases.find((l) => gt.startsWith(l.prefix))!.host.country)),
        ].sort();
        return {
          id: `A${rank + 1}`,
          kind: a.kind,
          target: a.target,
          lessee: a.lessee.name,
          countries,
          origins,
          operations: Object.fromEntries([...this.operations[i]!].sort(([x], [y]) => (x < y ? -1 : 1))),
          frames: this.frames[i]!,
          start: iso(this.times[i]![0]),
          end: iso(this.times[i]![1]),
        };
      });
    return {
      scenario: plan.scenario,
      seed: plan.seed,
      scale: plan.scale,
      messages: this.frame,
      frames: this.frame,
      home: HOME.name,
      attacks,
    };
  }
}

/**
 * Writes scenario `options.scenario` as a pcap to `options.out` (streaming: a million messages need little
 * memory) and its ground truth to `truthPathFor(out)` (unless `writeTruth` is false); returns the truth. A file that cannot be opened or
 * written rejects with the system's error.
 */
export async function generateScenario(
  options: ScenarioOptions & { out: string /** Default true. */; writeTruth?: boolean },
): Promise<LabTruth> {
  const plan = planScenario(options);
  const recorder = new TruthRecorder(plan);
  const file = await open(options.out, "w");
  try {
    const writer = new LabCaptureWriter();
    const flush = async (): Promise<void> => {
      for (const chunk of writer.takeChunks()) await file.writeFile(chunk);
    };
    let n = 0;
    for (const m of scenarioMessages(plan)) {
      writer.add(m.msg);
      recorder.add(m);
      if (++n % 10_000 === 0) await flush();
    }
    await flush();
  } finally {
    await file.close();
  }
  const truth = recorder.truth();
  if (options.writeTruth !== false) await writeFile(truthPathFor(options.out), truthJson(truth));
  return truth;
}

/** The truth as written to FILE.truth.json: indented, with lists of numbers or strings on one line. */
export function truthJson(truth: LabTruth): string {
  const text = JSON.stringify(truth, null, 2).replace(
    /\[\s+([^[\]{}]*?)\s+\]/g,
    (_, inner: string) => `[${inner.split(/,\s+/).join(", ")}]`,
  );
  return `${text}\n`;
}

function iso(timeNs: number): string {
  const seconds = Math.floor(timeNs / 1e9);
  return isoTime(seconds, timeNs - seconds * 1e9);
}

// ---------------------------------------------------------------------------------------------------------
// Building attacks

class Builder {
  readonly attacks: AttackPlan[] = [];
  readonly reserved = new Set<number>();
  private readonly messages: ScenarioMessage[] = [];
  private tid: number;

  constructor(
    readonly rnd: LabRandom,
    readonly subscribers: number,
  ) {
    this.tid = rnd.int(0x7fffffff) ^ 0x40000000;
  }

  readonly nextTid = (): number => {
    this.tid = (this.tid + 1) >>> 0;
    return this.tid;
  };

  /** A home subscriber at home (not roaming), unused so far; the background will leave it alone. */
  victimAtHome(): LabSubscriber & { readonly location: LabNetwork } {
    for (let tries = 0; tries < 10_000; tries++) {
      const index = 1 + this.rnd.int(this.subscribers);
      if (isOutboundRoamer(index) || this.reserved.has(index)) continue;
      this.reserved.add(index);
      return homeSubscriber(index);
    }
    throw new RangeError(`no unused subscriber left among ${this.subscribers} for another victim`);
  }

  attack(kind: AttackKind, lessee: LabLessee, target: LabSubscriber | null): number {
    this.attacks.push({
      kind,
      lessee,
      target: { imsi: target?.imsi ?? null, msisdn: target?.msisdn ?? null },
    });
    return this.attacks.length - 1;
  }

  /** An attacker-sent message of attack `attack`. */
  sent(attack: number, m: LabMessage): void {
    this.messages.push({ msg: m, attack });
  }

  /** Context: answers and the victims' own benign traffic. */
  context(...ms: LabMessage[]): void {
    for (const m of ms) this.messages.push({ msg: m });
  }

  sorted(): ScenarioMessage[] {
    // Stable: equal times keep the order they were added in.
    return this.messages
      .map((m, i) => ({ m, i }))
      .sort((x, y) => x.m.msg.timeNs - y.m.msg.timeNs || x.i - y.i)
      .map((x) => x.m);
  }

  /** A round trip's delay: 5–40 ms. */
  rtt(): number {
    return 5_000_000 + this.rnd.int(35_000_000);
  }
}

/** A lessee's GT in `lease`, posing as the node an operation comes from. */
function gtOf(b: Builder, lease: LabLease, ssn: number): LabNode {
  return withSsn(b.rnd.pick(lease.gts), ssn);
}

function shuffled<T>(rnd: LabRandom, list: readonly T[]): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rnd.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function begin(
  otid: string,
  acn: string | undefined,
  opcode: number,
  parameter: (w: BerWriter) => void,
): TcapMessageValue {
  return acn === undefined
    ? { type: "begin", otid, components: [invoke(1, opcode, parameter)] }
    : { type: "begin", otid, dialogue: aarq(acn), components: [invoke(1, opcode, parameter)] };
}

/** SRI-SM from `gt` for `victim`, answered by the home HLR with the IMSI and the serving MSC. */
function sriSm(
  b: Builder,
  attack: number,
  t: number,
  gt: LabNode,
  victim: LabSubscriber & { location: LabNetwork },
): void {
  const otid = hexTid(b.nextTid());
  const acn = LabApplicationContext.shortMsgGateway;
  const from = withSsn(gt, Ssn.msc);
  b.sent(
    attack,
    msg(
      "attack",
      t,
      from,
      HOME.hlr,
      begin(
        otid,
        acn,
        45,
        param(sendRoutingInfoForSM, {
          msisdn: isdn(victim.msisdn),
          smRpPri: true,
          serviceCentreAddress: isdn(gt.gt),
        }),
      ),
    ),
  );
  b.context(
    msg("context", t + b.rtt(), HOME.hlr, from, {
      type: "end",
      dtid: otid,
      dialogue: aare(acn),
      components: [
        resultLast(
          1,
          45,
          result(sendRoutingInfoForSM, {
            imsi: victim.imsi,
            locationInfoWithLmsi: { networkNodeNumber: isdn(victim.location.msc.gt) },
          }),
        ),
      ],
    }),
  );
}

const LOCATION_REQUEST = {
  locationInformation: true,
  subscriberState: true,
} as const;

/** provideSubscriberInfo from `gt` (posing as an HLR) to the home VLR, by IMSI. Unanswered. */
function psi(b: Builder, attack: number, t: number, gt: LabNode, victim: LabSubscriber): void {
  b.sent(
    attack,
    msg(
      "attack",
      t,
      withSsn(gt, Ssn.hlr),
      HOME.vlr,
      begin(
        hexTid(b.nextTid()),
        LabApplicationContext.subscriberInfoEnquiry,
        70,
        param(provideSubscriberInfo, { imsi: victim.imsi, requestedInfo: { ...LOCATION_REQUEST } }),
      ),
    ),
  );
}

/** anyTimeInterrogation from `gt` (posing as a gsmSCF) to the home HLR, by MSISDN or IMSI. Unanswered. */
function ati(b: Builder, attack: number, t: number, gt: LabNode, victim: LabSubscriber): void {
  const byImsi = b.rnd.next() < 0.5;
  b.sent(
    attack,
    msg(
      "attack",
      t,
      withSsn(gt, Ssn.gsmScf),
      HOME.hlr,
      begin(
        hexTid(b.nextTid()),
        LabApplicationContext.anyTimeInfoEnquiry,
        71,
        param(anyTimeInterrogation, {
          subscriberIdentity: byImsi
            ? { kind: "imsi", imsi: victim.imsi }
            : { kind: "msisdn", msisdn: isdn(victim.msisdn) },
          requestedInfo: { ...LOCATION_REQUEST },
          gsmScfAddress: isdn(gt.gt),
        }),
      ),
    ),
  );
}

/** updateLocation for the victim's IMSI naming the attacker's GT as MSC and VLR: SMS would go there. */
function fakeUpdateLocation(b: Builder, attack: number, t: number, gt: LabNode, victim: LabSubscriber): void {
  b.sent(
    attack,
    msg(
      "attack",
      t,
      withSsn(gt, Ssn.vlr),
      HOME.hlr,
      begin(
        hexTid(b.nextTid()),
        LabApplicationContext.networkLocUp,
        2,
        param(updateLocation, { imsi: victim.imsi, mscNumber: isdn(gt.gt), vlrNumber: isdn(gt.gt) }),
      ),
    ),
  );
}

type AttackBuilder = (b: Builder, t: number, instance: number) => void;

/**
 * ≥ 50 location requests at one subscriber at 3–8 per second from Nimbus GTs in all fifteen countries:
 * mostly SRI-SM (each harmless alone, each answered by the HLR), plus provideSubscriberInfo to the VLR with
 * the IMSI the answers gave away and anyTimeInterrogation to the HLR.
 */
function locationCampaign(b: Builder, t: number): void {
  const victim = b.victimAtHome();
  const attack = b.attack("location-tracking", NIMBUS, victim);
  const n = 50 + b.rnd.int(21);
  // Every country in turn (a fresh order each round), so all fifteen appear.
  let order: LabLease[] = [];
  for (let i = 0; i < n; i++) {
    if (order.length === 0) order = shuffled(b.rnd, NIMBUS.leases);
    const gt = gtOf(b, order.pop()!, Ssn.msc);
    // The first requests learn the IMSI; then one in four asks the VLR or HLR for the cell directly.
    const roll = i < 3 ? 0 : b.rnd.next();
    if (roll < 0.7) sriSm(b, attack, t, gt, victim);
    else if (roll < 0.85) psi(b, attack, t, gt, victim);
    else ati(b, attack, t, gt, victim);
    // 3–8 requests per second.
    t += Math.round(SECOND / (3 + b.rnd.next() * 5));
  }
}

/**
 * Kestrel Signalling, four countries: a burst of 12–16 location queries (SRI-SM, PSI, ATI) at one
 * subscriber within about ten seconds, and an updateLocation for the victim naming one of its GTs as the
 * MSC/VLR, which would redirect the victim's SMS. Two attacks: the tracking and the interception.
 */
function coordinatedBurst(b: Builder, t: number): void {
  const victim = b.victimAtHome();
  const tracking = b.attack("location-tracking", KESTREL, victim);
  const n = 12 + b.rnd.int(5);
  const step = Math.floor((9 * SECOND) / n);
  let order: LabLease[] = [];
  for (let i = 0; i < n; i++) {
    if (order.length === 0) order = shuffled(b.rnd, KESTREL.leases);
    const gt = gtOf(b, order.pop()!, Ssn.msc);
    const roll = i < 2 ? 0 : b.rnd.next();
    if (roll < 0.5) sriSm(b, tracking, t, gt, victim);
    else if (roll < 0.75) psi(b, tracking, t, gt, victim);
    else ati(b, tracking, t, gt, victim);
    t += step + b.rnd.int(Math.floor(step / 4));
  }
  const interception = b.attack("sms-interception", KESTREL, victim);
  fakeUpdateLocation(
    b,
    interception,
    t + b.rnd.int(2 * SECOND),
    gtOf(b, b.rnd.pick(KESTREL.leases), Ssn.vlr),
    victim,
  );
}

/**
 * SMS interception: the victim (at home, who just received an ordinary SMS, so the home network knows
 * where it is) is looked up by SRI-SM from a Nimbus GT in one country; one to five minutes later an
 * updateLocation for the IMSI the HLR gave away arrives from a Nimbus GT in another, distant country.
 */
function smsInterception(b: Builder, t: number): void {
  const victim = b.victimAtHome();
  const smsc = b.rnd.pick(PARTNERS).smsc;
  b.context(...smsDelivery(b.rnd, t - (30 + b.rnd.int(60)) * SECOND, smsc, victim, b.nextTid));
  const attack = b.attack("sms-interception", NIMBUS, victim);
  const x = b.rnd.pick(NIMBUS.leases);
  const far = NIMBUS.leases.filter((l) => l !== x && FAR_FROM_HOME.includes(l.host.country));
  const y = b.rnd.pick(far);
  sriSm(b, attack, t, gtOf(b, x, Ssn.msc), victim);
  fakeUpdateLocation(b, attack, t + (60 + b.rnd.int(240)) * SECOND, gtOf(b, y, Ssn.vlr), victim);
}

// Category 1 operations without a typed codec in the project: their arguments written here (TS 29.002
// §17.6 / §17.7 ASN.1), minimal but complete.

/** AnyTimeSubscriptionInterrogationArg: { subscriberIdentity [0] { msisdn [1] }, requestedSubscriptionInfo [1] { odb [2] NULL, msisdn-BS-List [8] NULL }, gsmSCF-Address [2] }. */
function atsiArgument(msisdn: string, scf: string): (w: BerWriter) => void {
  return (w) => {
    const seq = w.begin(BerClass.universal, UniversalTag.sequence);
    const id = w.begin(BerClass.contextSpecific, 0);
    w.primitive(BerClass.contextSpecific, 1, encodeIsdnAddressString(isdn(msisdn)));
    w.end(id);
    const info = w.begin(BerClass.contextSpecific, 1);
    w.null(BerClass.contextSpecific, 2);
    w.null(BerClass.contextSpecific, 8);
    w.end(info);
    w.primitive(BerClass.contextSpecific, 2, encodeIsdnAddressString(isdn(scf)));
    w.end(seq);
  };
}

/** SendIdentificationArg (v3): { tmsi TMSI, numberOfRequestedVectors INTEGER (1..5) }. */
function sendIdentificationArgument(tmsi: Uint8Array): (w: BerWriter) => void {
  return (w) => {
    const seq = w.begin(BerClass.universal, UniversalTag.sequence);
    w.primitive(BerClass.universal, UniversalTag.octetString, tmsi);
    w.integer(BerClass.universal, UniversalTag.integer, 1);
    w.end(seq);
  };
}

/**
 * SendParametersArg (MAP v1): { subscriberId SubscriberId (imsi [0]), requestParameterList SEQUENCE OF
 * RequestParameter } with requestSubscriberData (2) and requestAuthenticationSet (1).
 */
function sendParametersArgument(imsi: string): (w: BerWriter) => void {
  return (w) => {
    const seq = w.begin(BerClass.universal, UniversalTag.sequence);
    w.primitive(BerClass.contextSpecific, 0, tbcdBytes(imsi));
    const list = w.begin(BerClass.universal, UniversalTag.sequence);
    w.integer(BerClass.universal, UniversalTag.enumerated, 2);
    w.integer(BerClass.universal, UniversalTag.enumerated, 1);
    w.end(list);
    w.end(seq);
  };
}

/** TS 29.002 §17.7.8 TBCD-STRING: two digits per octet, low nibble first, 0xF filler. */
function tbcdBytes(digits: string): Uint8Array {
  const out = new Uint8Array(Math.ceil(digits.length / 2));
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    out[i >> 1]! |= i % 2 === 0 ? d : d << 4;
  }
  if (digits.length % 2 === 1) out[out.length - 1]! |= 0xf0;
  return out;
}

/**
 * Category 1 probe: the GTs of one Nimbus lease sweep several home subscribers with operations that never
 * come from another network and reveal no location: sendIMSI (the HLR gives the IMSI away),
 * anyTimeSubscriptionInterrogation, sendParameters (MAP v1, so no dialogue portion) and sendIdentification.
 */
function cat1Probe(b: Builder, t: number, instance: number): void {
  const lease = NIMBUS.leases[(instance * 4) % NIMBUS.leases.length]!;
  const attack = b.attack("category-1-probe", NIMBUS, null);
  const targets = Array.from({ length: 4 + b.rnd.int(3) }, () => b.victimAtHome());
  const gap = () => SECOND + b.rnd.int(2 * SECOND);
  for (const victim of targets) {
    const gt = gtOf(b, lease, Ssn.msc);
    const otid = hexTid(b.nextTid());
    const from = withSsn(gt, Ssn.msc);
    b.sent(
      attack,
      msg(
        "attack",
        t,
        from,
        HOME.hlr,
        begin(
          otid,
          LabApplicationContext.imsiRetrieval,
          58,
          param(sendIMSI, { msisdn: isdn(victim.msisdn) }),
        ),
      ),
    );
    b.context(
      msg("context", t + b.rtt(), HOME.hlr, from, {
        type: "end",
        dtid: otid,
        dialogue: aare(LabApplicationContext.imsiRetrieval),
        components: [resultLast(1, 58, result(sendIMSI, { imsi: victim.imsi }))],
      }),
    );
    t += gap();
    b.sent(
      attack,
      msg(
        "attack",
        t,
        withSsn(gt, Ssn.gsmScf),
        HOME.hlr,
        begin(
          hexTid(b.nextTid()),
          LabApplicationContext.anyTimeInfoHandling,
          62,
          atsiArgument(victim.msisdn, gt.gt),
        ),
      ),
    );
    t += gap();
    b.sent(
      attack,
      msg(
        "attack",
        t,
        withSsn(gt, Ssn.vlr),
        HOME.hlr,
        begin(hexTid(b.nextTid()), undefined, 9, sendParametersArgument(victim.imsi)),
      ),
    );
    t += gap();
    b.sent(
      attack,
      msg(
        "attack",
        t,
        withSsn(gt, Ssn.vlr),
        HOME.vlr,
        begin(
          hexTid(b.nextTid()),
          LabApplicationContext.interVlrInfoRetrieval,
          55,
          sendIdentificationArgument(b.rnd.bytes(4)),
        ),
      ),
    );
    t += gap();
  }
}

/**
 * Subscriber-profile tampering: a partner's subscriber visiting our network (attached through our VLR a
 * minute or two earlier) has its profile rewritten, data deleted and location cancelled by a Nimbus GT
 * hosted by another operator, posing as the subscriber's HLR.
 */
function cat2Spoof(b: Builder, t: number, instance: number): void {
  const owner = PARTNERS[instance % PARTNERS.length]!;
  // Above the background's index range: the background never touches this subscriber.
  const victim = subscriber(owner, b.subscribers + 1 + instance);
  b.context(...roamingAttach(b.rnd, t, HOME, owner, victim, b.nextTid));
  const hosts = NIMBUS.leases.filter((l) => l.host !== owner);
  const lease = hosts[b.rnd.int(hosts.length)]!;
  const gt = gtOf(b, lease, Ssn.hlr);
  const attack = b.attack("subscriber-profile-tampering", NIMBUS, victim);
  t += (60 + b.rnd.int(60)) * SECOND;
  const acn = LabApplicationContext.subscriberDataMngt;
  b.sent(
    attack,
    msg(
      "attack",
      t,
      gt,
      HOME.vlr,
      begin(
        hexTid(b.nextTid()),
        acn,
        7,
        param(insertSubscriberData, { imsi: victim.imsi, msisdn: isdn(victim.msisdn), category: 10 }),
      ),
    ),
  );
  t += SECOND + b.rnd.int(4 * SECOND);
  // SS-Codes: barring of all outgoing calls (0x92), of all incoming calls (0x9a).
  b.sent(
    attack,
    msg(
      "attack",
      t,
      gt,
      HOME.vlr,
      begin(
        hexTid(b.nextTid()),
        acn,
        8,
        param(deleteSubscriberData, { imsi: victim.imsi, ssList: [0x92, 0x9a] }),
      ),
    ),
  );
  t += SECOND + b.rnd.int(4 * SECOND);
  b.sent(
    attack,
    msg(
      "attack",
      t,
      gt,
      HOME.vlr,
      begin(
        hexTid(b.nextTid()),
        LabApplicationContext.locationCancellation,
        3,
        param(cancelLocation, { identity: { imsi: victim.imsi }, cancellationType: 1 }),
      ),
    ),
  );
}

const ATTACKS: Record<Exclude<ScenarioName, "benign">, AttackBuilder> = {
  "location-campaign": locationCampaign,
  "coordinated-burst": coordinatedBurst,
  "sms-interception": smsInterception,
  "cat1-probe": cat1Probe,
  "cat2-spoof": cat2Spoof,
};
