/**
 * Benign interconnect traffic between the simulated home network and its partners: SMS delivery
 * (SRI-SM + mt-forwardSM), roaming (sendAuthenticationInfo, updateLocation with insertSubscriberData, for
 * inbound and outbound roamers) and USSD. Deterministic for a seed; messages come out in time order.
 */
import type { BerWriter } from "../codec/ber/index.js";
import type { AddressString } from "../codec/gsm/index.js";
import type { MapOperationCodec } from "../codec/map/codec.js";
import { encodeGsm7Ussd, gsm7Septets } from "../codec/map/common-sms.js";
import { insertSubscriberData } from "../codec/map/operations/insertSubscriberData.js";
import { mtForwardSM } from "../codec/map/operations/mtForwardSM.js";
import { processUnstructuredSSRequest } from "../codec/map/operations/processUnstructuredSSRequest.js";
import { sendAuthenticationInfo } from "../codec/map/operations/sendAuthenticationInfo.js";
import { sendRoutingInfoForSM } from "../codec/map/operations/sendRoutingInfoForSM.js";
import { updateLocation } from "../codec/map/operations/updateLocation.js";
import type { SccpAddressInput } from "../codec/sccp/index.js";
import type { TcapComponentValue, TcapDialogueValue, TcapMessageValue } from "../codec/tcap/index.js";
import { HOME, type LabNetwork, type LabNode, PARTNERS } from "./network.js";

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
  // Q.713 §3.4: route on GT, GT indicator 4, TT 0, E.164, international; SSN present.
  return { ssn: node.ssn, gt: { digits: node.gt, tt: 0, np: 1, es: 1, nai: 4 } };
}

function param<A>(codec: MapOperationCodec<A, unknown>, value: A): (w: BerWriter) => void {
  return (w) => codec.encodeArgument(w, value);
}

function result<R>(codec: MapOperationCodec<unknown, R>, value: R): (w: BerWriter) => void {
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

/** SMS-DELIVER TPDU (TS 23.040 §9.2.2.1), GSM 7-bit, for mt-forwardSM's sm-RP-UI. */
export function smsDeliverTpdu(originator: string, text: string, timeNs: number): Uint8Array {
  const septets = gsm7Septets(text);
  const packed = new Uint8Array(Math.ceil((septets.length * 7) / 8));
  for (let i = 0; i < septets.length; i++) {
    const bit = i * 7;
    packed[bit >> 3]! |= (septets[i]! << (bit & 7)) & 0xff;
    if ((bit & 7) > 1) packed[(bit >> 3) + 1]! |= septets[i]! >> (8 - (bit & 7));
  }
  const oa = tbcd(originator);
  const d = new Date(Math.floor(timeNs / 1e6));
  const semi = (n: number): number => ((n % 10) << 4) | Math.floor(n / 10); // TS 23.040 §9.2.3.11 swapped BCD
  const scts = [
    semi(d.getUTCFullYear() % 100),
    semi(d.getUTCMonth() + 1),
    semi(d.getUTCDate()),
    semi(d.getUTCHours()),
    semi(d.getUTCMinutes()),
    semi(d.getUTCSeconds()),
    0,
  ];
  // First octet 0x04: TP-MTI 00 (SMS-DELIVER), TP-MMS 1 (no more messages).
  return Uint8Array.from([
    0x04,
    originator.length,
    0x91,
    ...oa,
    0x00,
    0x00,
    ...scts,
    septets.length,
    ...packed,
  ]);
}

function tbcd(digits: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < digits.length; i += 2) {
    const lo = Number(digits[i]);
    const hi = i + 1 < digits.length ? Number(digits[i + 1]) : 0x0f;
    out.push((hi << 4) | lo);
  }
  return out;
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

export interface BenignTrafficOptions {
  seed?: number;
  /** Capture start, ns since the epoch. Default 2026-01-01T00:00:00Z. */
  startNs?: number;
  /** Mean new dialogues per second. Default 200. */
  dialoguesPerSecond?: number;
  /** Subscribers per network. Default 5000. */
  subscribers?: number;
}

/**
 * Yields benign messages in time order until `count` messages have been produced. Each dialogue's
 * messages are scheduled ahead and merged by time, so concurrent dialogues interleave as on a real link.
 */
export function* benignTraffic(count: number, options: BenignTrafficOptions = {}): Generator<LabMessage> {
  const rnd = new LabRandom(options.seed ?? 1);
  const rate = options.dialoguesPerSecond ?? 200;
  const subs = options.subscribers ?? 5000;
  let t = options.startNs ?? Date.UTC(2026, 0, 1) * 1e6;
  let tid = rnd.int(0x7fffffff);
  let seq = 0;
  const heap = new TimeHeap();
  let produced = 0;
  while (produced < count) {
    // Poisson arrivals: exponential gaps between dialogue starts.
    t += Math.max(1000, Math.round((-Math.log(1 - rnd.next()) / rate) * 1e9));
    const dialogue = makeDialogue(rnd, t, subs, () => (tid = (tid + 1) >>> 0));
    for (const msg of dialogue) heap.push({ timeNs: msg.timeNs, seq: seq++, msg });
    while (heap.size > 0 && heap.peek()!.timeNs <= t && produced < count) {
      produced++;
      yield heap.pop()!.msg;
    }
  }
}

function hexTid(n: number): string {
  return n.toString(16).padStart(8, "0");
}

function makeDialogue(rnd: LabRandom, t: number, subs: number, nextTid: () => number): LabMessage[] {
  const roll = rnd.next();
  const partner = rnd.pick(PARTNERS);
  if (roll < 0.45) return smsDelivery(rnd, t, partner, subscriber(HOME, 1 + rnd.int(subs)), nextTid);
  if (roll < 0.7)
    return roamingAttach(rnd, t, HOME, partner, subscriber(partner, 1 + rnd.int(subs)), nextTid);
  if (roll < 0.9) return roamingAttach(rnd, t, partner, HOME, subscriber(HOME, 1 + rnd.int(subs)), nextTid);
  return ussd(rnd, t, partner, subscriber(HOME, 1 + rnd.int(subs)), nextTid);
}

function aarq(acn: string): TcapDialogueValue {
  // Q.773: protocol-version BIT STRING { version1 (0) }, content octets 07 80 (7 unused bits).
  return { type: "aarq", protocolVersion: "0780", applicationContext: acn } as TcapDialogueValue;
}

function aare(acn: string): TcapDialogueValue {
  return {
    type: "aare",
    protocolVersion: "0780",
    applicationContext: acn,
    result: 0,
    diagnosticSource: "dialogueServiceUser",
    diagnostic: 0,
  } as TcapDialogueValue;
}

function msg(kind: string, timeNs: number, from: LabNode, to: LabNode, tcap: TcapMessageValue): LabMessage {
  return { kind, timeNs, from, to, calling: gtAddress(from), called: gtAddress(to), tcap };
}

function invoke(invokeId: number, opcode: number, parameter: (w: BerWriter) => void): TcapComponentValue {
  return { type: "invoke", invokeId, opcode: { type: "local", value: opcode }, parameter };
}

function resultLast(
  invokeId: number,
  opcode?: number,
  parameter?: (w: BerWriter) => void,
): TcapComponentValue {
  // Q.773: the result SEQUENCE { opcode, parameter } is present only when there is a parameter.
  return parameter && opcode !== undefined
    ? { type: "returnResultLast", invokeId, opcode: { type: "local", value: opcode }, parameter }
    : { type: "returnResultLast", invokeId };
}

/** Foreign SMSC → home HLR (SRI-SM) → foreign SMSC → home MSC (mt-forwardSM). */
function smsDelivery(
  rnd: LabRandom,
  t: number,
  partner: LabNetwork,
  target: LabSubscriber,
  nextTid: () => number,
): LabMessage[] {
  const acn1 = LabApplicationContext.shortMsgGateway;
  const acn2 = LabApplicationContext.shortMsgMtRelay;
  const smsc = partner.smsc;
  const a = hexTid(nextTid());
  const b = hexTid(nextTid());
  const rtt = () => 2_000_000 + rnd.int(30_000_000);
  const t1 = t + rtt();
  const t2 = t1 + rtt();
  const t3 = t2 + rtt();
  const sender = `${partner.msisdnPrefix}${rnd.digits(6)}`;
  return [
    msg("sms", t, smsc, HOME.hlr, {
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
    msg("sms", t1, HOME.hlr, smsc, {
      type: "end",
      dtid: a,
      dialogue: aare(acn1),
      components: [
        resultLast(
          1,
          45,
          result(sendRoutingInfoForSM, {
            imsi: target.imsi,
            locationInfoWithLmsi: { networkNodeNumber: isdn(HOME.msc.gt) },
          }),
        ),
      ],
    }),
    msg("sms", t2, smsc, HOME.msc, {
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
    msg("sms", t3, HOME.msc, smsc, {
      type: "end",
      dtid: b,
      dialogue: aare(acn2),
      components: [resultLast(1, 44)],
    }),
  ];
}

function whole(bytes: Uint8Array): { bytes: Uint8Array; start: number; end: number } {
  return { bytes, start: 0, end: bytes.length };
}

/**
 * A subscriber of `home` attaches in `visited`: the visited VLR asks the home HLR for authentication
 * vectors, then updates location; the HLR inserts subscriber data inside the same dialogue.
 */
function roamingAttach(
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
