/**
 * Benign interconnect traffic between the simulated home network and its partners: SMS delivery
 * (SRI-SM + mt-forwardSM) from partner SMSCs and from the lessees' A2P GTs, roaming (sendAuthenticationInfo,
 * updateLocation with insertSubscriberData, cancelLocation) for inbound and outbound roamers, and USSD.
 * Deterministic for a seed; messages come out in time order.
 *
 * The traffic is self-consistent, so a correct firewall raises no incident on it:
 *  - every home subscriber has one stable location (`homeSubscriberLocation`): most are at home, one in ten
 *    roams in a partner network fixed by its index. Mobility and USSD signalling for a subscriber come only
 *    from the network it is in; the HLR's SRI-SM answer names that network's MSC, and mt-forwardSM crosses
 *    the interconnect only for subscribers at home, from the SMSC that did the SRI-SM;
 *  - a subscriber's SMS deliveries never overlap, and no subscriber gets more than
 *    `MAX_LOCATION_REQUESTS_PER_MINUTE` SRI-SMs in any 60 s, at any volume;
 *  - category 2 operations (insertSubscriberData, cancelLocation) come only from the HLR that owns the IMSI.
 */
import type { BerWriter } from "../codec/ber/index.js";
import type { AddressString } from "../codec/gsm/index.js";
import type { MapOperationCodec } from "../codec/map/codec.js";
import { encodeGsm7Ussd } from "../codec/map/common-sms.js";
import { cancelLocation } from "../codec/map/operations/cancelLocation.js";
import { insertSubscriberData } from "../codec/map/operations/insertSubscriberData.js";
import { mtForwardSM } from "../codec/map/operations/mtForwardSM.js";
import { processUnstructuredSSRequest } from "../codec/map/operations/processUnstructuredSSRequest.js";
import { sendAuthenticationInfo } from "../codec/map/operations/sendAuthenticationInfo.js";
import { sendRoutingInfoForSM } from "../codec/map/operations/sendRoutingInfoForSM.js";
import { updateLocation } from "../codec/map/operations/updateLocation.js";
import type { SccpAddressInput } from "../codec/sccp/index.js";
import { encodeSmsDeliver, internationalAddress, smsTimestampFromDate } from "../codec/sms/index.js";
import type { TcapComponentValue, TcapDialogueValue, TcapMessageValue } from "../codec/tcap/index.js";
import { HOME, type LabNetwork, type LabNode, LESSEES, lesseeGts, PARTNERS } from "./network.js";

/** One message on the wire, before encoding: MTP3 label, SCCP addresses and the TCAP value. */
export interface LabMessage {
  /** Capture time in nanoseconds since the epoch (a safe integer until year 2255). */
  timeNs: number;
  from: LabNode;
  to: LabNode;
  calling: SccpAddressInput;
  called: SccpAddressInput;
  tcap: TcapMessageValue;
  /** Ground truth for tests and scenarios: which dialogue kind produced it. */
  kind: string;
}

/** TS 29.002 §17.3.3 application-context names used by the lab (MAP v3 unless noted). */
export const LabApplicationContext = {
  shortMsgGateway: "0.4.0.0.1.0.20.3",
  shortMsgMtRelay: "0.4.0.0.1.0.25.3",
  networkLocUp: "0.4.0.0.1.0.1.3",
  infoRetrieval: "0.4.0.0.1.0.14.3",
  subscriberDataMngt: "0.4.0.0.1.0.16.3",
  networkUnstructuredSs: "0.4.0.0.1.0.19.2",
  locationCancellation: "0.4.0.0.1.0.2.3",
  subscriberInfoEnquiry: "0.4.0.0.1.0.28.3",
  anyTimeInfoEnquiry: "0.4.0.0.1.0.29.3",
  imsiRetrieval: "0.4.0.0.1.0.26.2",
  interVlrInfoRetrieval: "0.4.0.0.1.0.15.3",
  anyTimeInfoHandling: "0.4.0.0.1.0.43.3",
} as const;

/** Small, fast, reproducible PRNG (mulberry32). */
export class LabRandom {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(this.int(10));
    return s;
  }
  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
}

export function isdn(digits: string): AddressString {
  // TS 29.002 §17.7.8: nature 1 = international number, plan 1 = ISDN/telephony (E.164).
  return { natureOfAddress: 1, numberingPlan: 1, digits };
}

export function gtAddress(node: LabNode): SccpAddressInput {
  // Q.713 §3.4: route on GT, GT indicator 4, TT 0, E.164, international; SSN present. §3.4.2.3.2:
  // encoding scheme 1 = BCD, odd number of digits; 2 = BCD, even.
  return {
    ssn: node.ssn,
    gt: { digits: node.gt, tt: 0, np: 1, es: node.gt.length % 2 === 1 ? 1 : 2, nai: 4 },
  };
}

export function param<A>(codec: MapOperationCodec<A, unknown>, value: A): (w: BerWriter) => void {
  return (w) => codec.encodeArgument(w, value);
}

export function result<R>(codec: MapOperationCodec<unknown, R>, value: R): (w: BerWriter) => void {
  return (w) => codec.encodeResult!(w, value);
}

/** A subscriber of a lab network: IMSI (MCC MNC MSIN) and MSISDN. */
export interface LabSubscriber {
  readonly network: LabNetwork;
  readonly imsi: string;
  readonly msisdn: string;
}

export function subscriber(net: LabNetwork, index: number): LabSubscriber {
  const msin = String(index).padStart(15 - net.mcc.length - net.mnc.length, "0");
  const local = String(index).padStart(11 - net.msisdnPrefix.length + 1, "0");
  return { network: net, imsi: `${net.mcc}${net.mnc}${msin}`, msisdn: `${net.msisdnPrefix}${local}` };
}

/**
 * SMS-DELIVER TPDU (TS 23.040 §9.2.2.1), GSM 7-bit, for mt-forwardSM's sm-RP-UI: TP-MMS "no more messages",
 * originator an international number, TP-SCTS the UTC time of `timeNs`. EncodeError when the text is not
 * in the GSM 7-bit alphabet or does not fit one short message (160 septets).
 */
export function smsDeliverTpdu(originator: string, text: string, timeNs: number): Uint8Array {
  return encodeSmsDeliver({
    type: "deliver",
    originator: internationalAddress(originator),
    protocolIdentifier: 0,
    dataCodingScheme: 0,
    serviceCentreTimestamp: smsTimestampFromDate(new Date(Math.floor(timeNs / 1e6))),
    userData: { text },
  });
}

const SMS_TEXTS = [
  "Your verification code is 482913",
  "Your appointment is confirmed for Tuesday 10:30",
  "Parcel 7781 will arrive today",
  "Use 5521 to sign in. Do not share it",
];

interface Pending {
  timeNs: number;
  seq: number;
  msg: LabMessage;
}

/** Min-heap on (time, sequence), so dialogues that overlap in time still come out in order. */
class TimeHeap {
  private readonly a: Pending[] = [];
  get size(): number {
    return this.a.length;
  }
  peek(): Pending | undefined {
    return this.a[0];
  }
  push(p: Pending): void {
    const a = this.a;
    a.push(p);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): Pending | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(x: Pending, y: Pending): boolean {
  return x.timeNs < y.timeNs || (x.timeNs === y.timeNs && x.seq < y.seq);
}

// ---------------------------------------------------------------------------------------------------------
// Where home subscribers are

/** One home subscriber in `OUTBOUND_ROAMER_EVERY` is an outbound roamer. */
export const OUTBOUND_ROAMER_EVERY = 10;

/** A fixed integer mix of the subscriber index (not seeded: a subscriber's location never changes). */
function mixIndex(index: number): number {
  let h = Math.imul(index ^ 0x5bd1e995, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** True when home subscriber `index` is roaming abroad (in `homeSubscriberLocation(index)`). */
export function isOutboundRoamer(index: number): boolean {
  return mixIndex(index) % OUTBOUND_ROAMER_EVERY === 0;
}

/** The network home subscriber `index` is in: HOME, or for an outbound roamer its visited partner. */
export function homeSubscriberLocation(index: number): LabNetwork {
  if (!isOutboundRoamer(index)) return HOME;
  return PARTNERS[Math.floor(mixIndex(index) / OUTBOUND_ROAMER_EVERY) % PARTNERS.length]!;
}

/** The home subscribers a background of `count` messages spreads over (more volume, more subscribers). */
export function subscribersFor(count: number): number {
  // subscriber() has room for 5-digit home MSISDN suffixes.
  return Math.min(99_999, Math.max(5_000, Math.ceil(count / 20)));
}

/**
 * The most location-class requests (SRI-SM) the background sends at one subscriber in any 60 s, far below
 * the firewall's campaign threshold (10 from 3 origins), whatever the volume.
 */
export const MAX_LOCATION_REQUESTS_PER_MINUTE = 4;

// ---------------------------------------------------------------------------------------------------------
// The background generator

export interface BenignTrafficOptions {
  seed?: number;
  /** Capture start, ns since the epoch. Default 2026-01-01T00:00:00Z. */
  startNs?: number;
  /** Mean new dialogues per second. Default 200. */
  dialoguesPerSecond?: number;
  /** Subscribers per network. Default 5000. */
  subscribers?: number;
  /** Home subscriber indices the background never addresses (a scenario's victims). */
  reserved?: ReadonlySet<number>;
}

/** Benign messages per dialogue, on average, for the mix `benignTraffic` draws (to size a capture in time). */
export const MEAN_MESSAGES_PER_DIALOGUE = 4.5;

/** The dialogue mix: cumulative probabilities. */
const MIX = {
  sms: 0.4,
  a2p: 0.45,
  inboundAttach: 0.67,
  inboundCancel: 0.7,
  outboundAttach: 0.9,
  // the rest: USSD from outbound roamers
} as const;

const MINUTE_NS = 60e9;

/** The background's memory of each home subscriber: SMS in flight and recent SRI-SM times. */
class HomeSubscriberState {
  private readonly busyUntil: Float64Array;
  private readonly recent: Float64Array;
  private readonly next: Uint8Array;
  readonly roamers: number[] = [];

  constructor(
    readonly count: number,
    readonly reserved: ReadonlySet<number>,
  ) {
    this.busyUntil = new Float64Array(count + 1);
    this.recent = new Float64Array((count + 1) * MAX_LOCATION_REQUESTS_PER_MINUTE).fill(-Infinity);
    this.next = new Uint8Array(count + 1);
    for (let i = 1; i <= count; i++) if (isOutboundRoamer(i) && !reserved.has(i)) this.roamers.push(i);
  }

  /** Whether an SMS delivery to `index` may start at `t`: none in flight, below the per-minute cap. */
  canDeliver(index: number, t: number): boolean {
    if (this.reserved.has(index) || this.busyUntil[index]! >= t) return false;
    // The ring holds the last MAX times; its oldest still inside the minute means the cap is reached.
    const oldest = this.recent[index * MAX_LOCATION_REQUESTS_PER_MINUTE + this.next[index]!]!;
    return oldest <= t - MINUTE_NS;
  }

  delivered(index: number, t: number, lastNs: number): void {
    this.busyUntil[index] = lastNs;
    this.recent[index * MAX_LOCATION_REQUESTS_PER_MINUTE + this.next[index]!] = t;
    this.next[index] = (this.next[index]! + 1) % MAX_LOCATION_REQUESTS_PER_MINUTE;
  }
}

/**
 * Yields benign messages in time order until `count` messages have been produced. Each dialogue's
 * messages are scheduled ahead and merged by time, so concurrent dialogues interleave as on a real link.
 */
export function* benignTraffic(count: number, options: BenignTrafficOptions = {}): Generator<LabMessage> {
  const rnd = new LabRandom(options.seed ?? 1);
  const rate = options.dialoguesPerSecond ?? 200;
  const subs = options.subscribers ?? 5000;
  const home = new HomeSubscriberState(subs, options.reserved ?? new Set());
  let t = options.startNs ?? Date.UTC(2026, 0, 1) * 1e6;
  let tid = rnd.int(0x7fffffff);
  let seq = 0;
  const heap = new TimeHeap();
  let produced = 0;
  const nextTid = () => (tid = (tid + 1) >>> 0);
  while (produced < count) {
    // Poisson arrivals: exponential gaps between dialogue starts.
    t += Math.max(1000, Math.round((-Math.log(1 - rnd.next()) / rate) * 1e9));
    const dialogue = makeDialogue(rnd, t, subs, home, nextTid);
    for (const msg of dialogue) heap.push({ timeNs: msg.timeNs, seq: seq++, msg });
    while (heap.size > 0 && heap.peek()!.timeNs <= t && produced < count) {
      produced++;
      yield heap.pop()!.msg;
    }
  }
}

export function hexTid(n: number): string {
  return n.toString(16).padStart(8, "0");
}

/** A home subscriber an SMS may be delivered to at `t`, or undefined when a few draws found none free. */
function smsTarget(rnd: LabRandom, t: number, home: HomeSubscriberState): number | undefined {
  for (let tries = 0; tries < 8; tries++) {
    const index = 1 + rnd.int(home.count);
    if (home.canDeliver(index, t)) return index;
  }
  return undefined;
}

function makeDialogue(
  rnd: LabRandom,
  t: number,
  subs: number,
  home: HomeSubscriberState,
  nextTid: () => number,
): LabMessage[] {
  const roll = rnd.next();
  const partner = rnd.pick(PARTNERS);
  if (roll < MIX.a2p) {
    const index = smsTarget(rnd, t, home);
    if (index !== undefined) {
      // A2P: a lessee's GT delivers an SMS it was paid to send, as its lease allows.
      const sender = roll < MIX.sms ? partner.smsc : rnd.pick(lesseeGts(rnd.pick(LESSEES)));
      const out = smsDelivery(rnd, t, sender, homeSubscriber(index), nextTid, roll < MIX.sms ? "sms" : "a2p");
      home.delivered(index, t, out[out.length - 1]!.timeNs);
      return out;
    }
  } else if (roll < MIX.inboundCancel && roll >= MIX.inboundAttach) {
    return inboundCancel(rnd, t, partner, subscriber(partner, 1 + rnd.int(subs)), nextTid);
  } else if (roll >= MIX.inboundCancel && home.roamers.length > 0) {
    const who = homeSubscriber(rnd.pick(home.roamers));
    const visited = who.location;
    if (roll < MIX.outboundAttach) return roamingAttach(rnd, t, visited, HOME, who, nextTid);
    return ussd(rnd, t, visited, who, nextTid);
  }
  // Inbound roamer: a partner's subscriber attaches in our network (also the fallback of the draws above).
  return roamingAttach(rnd, t, HOME, partner, subscriber(partner, 1 + rnd.int(subs)), nextTid);
}

/** Home subscriber `index` with the network it is in. */
export function homeSubscriber(index: number): LabSubscriber & { readonly location: LabNetwork } {
  return { ...subscriber(HOME, index), location: homeSubscriberLocation(index) };
}

export function aarq(acn: string): TcapDialogueValue {
  // Q.773: protocol-version BIT STRING { version1 (0) }, content octets 07 80 (7 unused bits).
  return { type: "aarq", protocolVersion: "0780", applicationContext: acn } as TcapDialogueValue;
}

export function aare(acn: string): TcapDialogueValue {
  return {
    type: "aare",
    protocolVersion: "0780",
    applicationContext: acn,
    result: 0,
    diagnosticSource: "dialogueServiceUser",
    diagnostic: 0,
  } as TcapDialogueValue;
}

export function msg(
  kind: string,
  timeNs: number,
  from: LabNode,
  to: LabNode,
  tcap: TcapMessageValue,
): LabMessage {
  return { kind, timeNs, from, to, calling: gtAddress(from), called: gtAddress(to), tcap };
}

export function invoke(
  invokeId: number,
  opcode: number,
  parameter: (w: BerWriter) => void,
): TcapComponentValue {
  return { type: "invoke", invokeId, opcode: { type: "local", value: opcode }, parameter };
}

export function resultLast(
  invokeId: number,
  opcode?: number,
  parameter?: (w: BerWriter) => void,
): TcapComponentValue {
  // Q.773: the result SEQUENCE { opcode, parameter } is present only when there is a parameter.
  return parameter && opcode !== undefined
    ? { type: "returnResultLast", invokeId, opcode: { type: "local", value: opcode }, parameter }
    : { type: "returnResultLast", invokeId };
}

/**
 * An SMSC (a partner's, or a lessee's A2P GT) delivers an SMS to a home subscriber: SRI-SM to the home HLR,
 * whose answer names the MSC of the network the subscriber is in; then, for a subscriber at home, the same
 * SMSC sends mt-forwardSM to the home MSC. A roamer's SMS goes to the visited network and does not cross our
 * interconnect, so its delivery ends with the routing answer.
 */
export function smsDelivery(
  rnd: LabRandom,
  t: number,
  smsc: LabNode,
  target: LabSubscriber & { readonly location: LabNetwork },
  nextTid: () => number,
  kind = "sms",
): LabMessage[] {
  const acn1 = LabApplicationContext.shortMsgGateway;
  const acn2 = LabApplicationContext.shortMsgMtRelay;
  const a = hexTid(nextTid());
  const rtt = () => 2_000_000 + rnd.int(30_000_000);
  const t1 = t + rtt();
  const out = [
    msg(kind, t, smsc, HOME.hlr, {
      type: "begin",
      otid: a,
      dialogue: aarq(acn1),
      components: [
        invoke(
          1,
          45,
          param(sendRoutingInfoForSM, {
            msisdn: isdn(target.msisdn),
            smRpPri: true,
            serviceCentreAddress: isdn(smsc.gt),
          }),
        ),
      ],
    }),
    msg(kind, t1, HOME.hlr, smsc, {
      type: "end",
      dtid: a,
      dialogue: aare(acn1),
      components: [
        resultLast(
          1,
          45,
          result(sendRoutingInfoForSM, {
            imsi: target.imsi,
            locationInfoWithLmsi: { networkNodeNumber: isdn(target.location.msc.gt) },
          }),
        ),
      ],
    }),
  ];
  if (target.location !== HOME) return out;
  const b = hexTid(nextTid());
  const t2 = t1 + rtt();
  const t3 = t2 + rtt();
  const sender = `${smsc.gt.slice(0, 5)}${rnd.digits(6)}`;
  out.push(
    msg(kind, t2, smsc, HOME.msc, {
      type: "begin",
      otid: b,
      dialogue: aarq(acn2),
      components: [
        invoke(
          1,
          44,
          param(mtForwardSM, {
            smRpDa: { kind: "imsi", imsi: target.imsi },
            smRpOa: { kind: "serviceCentreAddressOA", serviceCentreAddressOA: isdn(smsc.gt) },
            smRpUi: whole(smsDeliverTpdu(sender, rnd.pick(SMS_TEXTS), t2)),
          }),
        ),
      ],
    }),
    msg(kind, t3, HOME.msc, smsc, {
      type: "end",
      dtid: b,
      dialogue: aare(acn2),
      components: [resultLast(1, 44)],
    }),
  );
  return out;
}

/**
 * An inbound roamer has left our network: its home HLR cancels the location in our VLR (category 2, and
 * legitimate: the IMSI is the calling HLR's own subscriber's).
 */
function inboundCancel(
  rnd: LabRandom,
  t: number,
  partner: LabNetwork,
  who: LabSubscriber,
  nextTid: () => number,
): LabMessage[] {
  const otid = hexTid(nextTid());
  const acn = LabApplicationContext.locationCancellation;
  return [
    msg("roaming", t, partner.hlr, HOME.vlr, {
      type: "begin",
      otid,
      dialogue: aarq(acn),
      components: [
        invoke(1, 3, param(cancelLocation, { identity: { imsi: who.imsi }, cancellationType: 0 })),
      ],
    }),
    msg("roaming", t + 3_000_000 + rnd.int(40_000_000), HOME.vlr, partner.hlr, {
      type: "end",
      dtid: otid,
      dialogue: aare(acn),
      components: [resultLast(1)],
    }),
  ];
}

export function whole(bytes: Uint8Array): { bytes: Uint8Array; start: number; end: number } {
  return { bytes, start: 0, end: bytes.length };
}

/**
 * A subscriber of `home` attaches in `visited`: the visited VLR asks the home HLR for authentication
 * vectors, then updates location; the HLR inserts subscriber data inside the same dialogue.
 */
export function roamingAttach(
  rnd: LabRandom,
  t: number,
  visited: LabNetwork,
  home: LabNetwork,
  who: LabSubscriber,
  nextTid: () => number,
): LabMessage[] {
  const vlr = visited.vlr;
  const hlr = home.hlr;
  const sai = hexTid(nextTid());
  const ulO = hexTid(nextTid());
  const ulD = hexTid(nextTid());
  let at = t;
  const step = () => (at += 3_000_000 + rnd.int(40_000_000));
  const out: LabMessage[] = [
    msg("roaming", at, vlr, hlr, {
      type: "begin",
      otid: sai,
      dialogue: aarq(LabApplicationContext.infoRetrieval),
      components: [
        invoke(1, 56, param(sendAuthenticationInfo, { imsi: who.imsi, numberOfRequestedVectors: 1 })),
      ],
    }),
    msg("roaming", step(), hlr, vlr, {
      type: "end",
      dtid: sai,
      dialogue: aare(LabApplicationContext.infoRetrieval),
      components: [
        resultLast(
          1,
          56,
          result(sendAuthenticationInfo, {
            quintupletList: [
              {
                rand: rnd.bytes(16),
                xres: rnd.bytes(8),
                ck: rnd.bytes(16),
                ik: rnd.bytes(16),
                autn: rnd.bytes(16),
              },
            ],
          }),
        ),
      ],
    }),
    msg("roaming", step(), vlr, hlr, {
      type: "begin",
      otid: ulO,
      dialogue: aarq(LabApplicationContext.networkLocUp),
      components: [
        invoke(
          1,
          2,
          param(updateLocation, { imsi: who.imsi, mscNumber: isdn(visited.msc.gt), vlrNumber: isdn(vlr.gt) }),
        ),
      ],
    }),
    msg("roaming", step(), hlr, vlr, {
      type: "continue",
      otid: ulD,
      dtid: ulO,
      dialogue: aare(LabApplicationContext.networkLocUp),
      components: [invoke(2, 7, param(insertSubscriberData, { msisdn: isdn(who.msisdn), category: 10 }))],
    }),
    msg("roaming", step(), vlr, hlr, {
      type: "continue",
      otid: ulO,
      dtid: ulD,
      components: [resultLast(2)],
    }),
    msg("roaming", step(), hlr, vlr, {
      type: "end",
      dtid: ulO,
      components: [resultLast(1, 2, result(updateLocation, { hlrNumber: isdn(hlr.gt) }))],
    }),
  ];
  return out;
}

/** A home subscriber roaming in `partner` sends a USSD string (balance check) to the home HLR. */
function ussd(
  rnd: LabRandom,
  t: number,
  partner: LabNetwork,
  who: LabSubscriber,
  nextTid: () => number,
): LabMessage[] {
  const otid = hexTid(nextTid());
  const req = encodeGsm7Ussd("*100#");
  const res = encodeGsm7Ussd(`Balance ${rnd.int(100)}.${rnd.int(10)}0 USD`);
  const acn = LabApplicationContext.networkUnstructuredSs;
  return [
    msg("ussd", t, partner.vlr, HOME.hlr, {
      type: "begin",
      otid,
      dialogue: aarq(acn),
      components: [
        invoke(
          1,
          59,
          param(processUnstructuredSSRequest, {
            ussdDataCodingScheme: 0x0f,
            ussdString: whole(req),
            msisdn: isdn(who.msisdn),
          }),
        ),
      ],
    }),
    msg("ussd", t + 50_000_000 + rnd.int(200_000_000), HOME.hlr, partner.vlr, {
      type: "end",
      dtid: otid,
      dialogue: aare(acn),
      components: [
        resultLast(
          1,
          59,
          result(processUnstructuredSSRequest, { ussdDataCodingScheme: 0x0f, ussdString: whole(res) }),
        ),
      ],
    }),
  ];
}
