/**
 * Builds real MAP messages (TCAP → SCCP → M3UA bytes, as on the wire), scans them with the stack's fast
 * path and feeds them to a FirewallEngine: the engine under test sees exactly what it sees on a link.
 */
import type { BerWriter } from "../../src/codec/ber/index.js";
import { SctpPpid } from "../../src/codec/capture/index.js";
import type { MapOperationCodec } from "../../src/codec/map/codec.js";
import { anyTimeInterrogation } from "../../src/codec/map/operations/anyTimeInterrogation.js";
import { cancelLocation } from "../../src/codec/map/operations/cancelLocation.js";
import { insertSubscriberData } from "../../src/codec/map/operations/insertSubscriberData.js";
import { mtForwardSM } from "../../src/codec/map/operations/mtForwardSM.js";
import { provideSubscriberInfo } from "../../src/codec/map/operations/provideSubscriberInfo.js";
import { sendIMSI } from "../../src/codec/map/operations/sendIMSI.js";
import { sendRoutingInfoForSM } from "../../src/codec/map/operations/sendRoutingInfoForSM.js";
import { updateLocation } from "../../src/codec/map/operations/updateLocation.js";
import type { Ss7Scan } from "../../src/codec/stack/scan.js";
import { Ss7Scanner } from "../../src/codec/stack/scan.js";
import type { TcapComponentValue, TcapDialogueValue, TcapMessageValue } from "../../src/codec/tcap/index.js";
import { type FirewallDecision, FirewallEngine } from "../../src/firewall/engine.js";
import { parsePolicy } from "../../src/firewall/policy.js";
import { encodeLabMessage } from "../../src/lab/capture.js";
import type { LabNode } from "../../src/lab/network.js";
import { gtAddress, isdn } from "../../src/lab/traffic.js";
import { sctpRecord } from "../codec/stack/harness.js";

export const POLICY_YAML = `
home: { name: Example Mobile, mccmnc: ["310150"], gt_prefixes: ["1202555"] }
operators:
  - { name: Zamtel, country: ZM, mccmnc: ["64501"], gt_prefixes: ["26095"] }
  - { name: Vodafone UK, country: GB, mccmnc: ["23415"], gt_prefixes: ["447785"] }
  - { name: Telekom DE, country: DE, mccmnc: ["26201"], gt_prefixes: ["491700"] }
  - { name: Orange FR, country: FR, mccmnc: ["20801"], gt_prefixes: ["336090"] }
leases:
  - { lessee: Nimbus Route Ltd, gt_prefixes: ["260959", "4477859", "4917009"], purpose: a2p-sms }
  - { lessee: Open Transit, gt_prefixes: ["3360909"] }
`;

export const HOME_IMSI = "310150000000042";
export const HOME_MSISDN = "12025560042";
export const ZAMTEL_IMSI = "645010000000077";

let pc = 1000;
export function node(name: string, gt: string, ssn = 6): LabNode {
  return { name, gt, pc: pc++, ssn, ip: "127.0.0.1" };
}

export const NODES = {
  homeHlr: node("home HLR", "12025550100", 6),
  homeVlr: node("home VLR", "12025550200", 7),
  homeMsc: node("home MSC", "12025550200", 8),
  zamtelHlr: node("Zamtel HLR", "260950000100", 6),
  zamtelVlr: node("Zamtel VLR", "260950000200", 7),
  zamtelSmsc: node("Zamtel SMSC", "260950000300", 8),
  ukSmsc: node("UK SMSC", "447785000300", 8),
  ukVlr: node("UK VLR", "447785000200", 7),
  deVlr: node("DE VLR", "491700000200", 7),
  frVlr: node("FR VLR", "336090000200", 7),
  nimbusZm: node("Nimbus ZM", "260959000001", 8),
  nimbusUk: node("Nimbus UK", "447785900001", 8),
  nimbusDe: node("Nimbus DE", "491700900001", 8),
  transitFr: node("Open Transit FR", "336090900001", 8),
  unknownJp: node("JP GT", "819012345678", 8),
} as const;

export const AC = {
  shortMsgGateway3: "0.4.0.0.1.0.20.3",
  shortMsgMtRelay3: "0.4.0.0.1.0.25.3",
  networkLocUp3: "0.4.0.0.1.0.1.3",
  subscriberDataMngt3: "0.4.0.0.1.0.16.3",
  locationCancellation3: "0.4.0.0.1.0.2.3",
  anyTimeInfoEnquiry3: "0.4.0.0.1.0.29.3",
  subscriberInfoEnquiry3: "0.4.0.0.1.0.28.3",
  imsiRetrieval2: "0.4.0.0.1.0.26.2",
} as const;

export function aarq(acn: string): TcapDialogueValue {
  return { type: "aarq", protocolVersion: "0780", applicationContext: acn } as TcapDialogueValue;
}

export function invoke<A>(
  opcode: number,
  codec: MapOperationCodec<A, unknown> | undefined,
  value: A,
  invokeId = 1,
): TcapComponentValue {
  return {
    type: "invoke",
    invokeId,
    opcode: { type: "local", value: opcode },
    parameter: codec ? (w: BerWriter) => codec.encodeArgument(w, value) : undefined,
  } as TcapComponentValue;
}

export function resultOf<R>(
  opcode: number,
  codec: MapOperationCodec<unknown, R>,
  value: R,
): TcapComponentValue {
  return {
    type: "returnResultLast",
    invokeId: 1,
    opcode: { type: "local", value: opcode },
    parameter: (w: BerWriter) => codec.encodeResult!(w, value),
  };
}

let tid = 0x100;
export function begin(
  acn: string | undefined,
  component: TcapComponentValue,
  otid = tid++,
): TcapMessageValue {
  return {
    type: "begin",
    otid: otid.toString(16).padStart(8, "0"),
    ...(acn ? { dialogue: aarq(acn) } : {}),
    components: [component],
  } as TcapMessageValue;
}

export const op = {
  sriSm: (msisdn: string, smsc: LabNode) =>
    begin(
      AC.shortMsgGateway3,
      invoke(45, sendRoutingInfoForSM, {
        msisdn: isdn(msisdn),
        smRpPri: true,
        serviceCentreAddress: isdn(smsc.gt),
      }),
    ),
  sriSmAnswer: (otid: string, imsi: string, msc: LabNode): TcapMessageValue => ({
    type: "end",
    dtid: otid,
    components: [
      resultOf(45, sendRoutingInfoForSM, { imsi, locationInfoWithLmsi: { networkNodeNumber: isdn(msc.gt) } }),
    ],
  }),
  mtForwardSm: (imsi: string, smsc: LabNode) =>
    begin(
      AC.shortMsgMtRelay3,
      invoke(44, mtForwardSM, {
        smRpDa: { kind: "imsi", imsi },
        smRpOa: { kind: "serviceCentreAddressOA", serviceCentreAddressOA: isdn(smsc.gt) },
        smRpUi: { bytes: new Uint8Array([4, 0]), start: 0, end: 2 },
      }),
    ),
  updateLocation: (imsi: string, vlr: LabNode) =>
    begin(
      AC.networkLocUp3,
      invoke(2, updateLocation, { imsi, mscNumber: isdn(vlr.gt), vlrNumber: isdn(vlr.gt) }),
    ),
  ati: (msisdn: string, scf: LabNode) =>
    begin(
      AC.anyTimeInfoEnquiry3,
      invoke(71, anyTimeInterrogation, {
        subscriberIdentity: { kind: "msisdn", msisdn: isdn(msisdn) },
        requestedInfo: { locationInformation: true },
        gsmScfAddress: isdn(scf.gt),
      }),
    ),
  /** `acn` null: a Begin without dialogue portion. */
  psi: (imsi: string, acn: string | null = AC.subscriberInfoEnquiry3) =>
    begin(
      acn ?? undefined,
      invoke(70, provideSubscriberInfo, { imsi, requestedInfo: { locationInformation: true } }),
    ),
  sendImsi: (msisdn: string) => begin(AC.imsiRetrieval2, invoke(58, sendIMSI, { msisdn: isdn(msisdn) })),
  isd: (imsi: string, msisdn: string) =>
    begin(
      AC.subscriberDataMngt3,
      invoke(7, insertSubscriberData, { imsi, msisdn: isdn(msisdn), category: 10 }),
    ),
  cancelLocation: (imsi: string) =>
    begin(AC.locationCancellation3, invoke(3, cancelLocation, { identity: { imsi }, cancellationType: 1 })),
  raw: (opcode: number, acn: string | undefined) => begin(acn, invoke(opcode, undefined, undefined)),
};

/** The M3UA DATA message carrying `tcap` from `from` to `to`, GT-routed, as a lab link would send it. */
export function wire(from: LabNode, to: LabNode, tcap: TcapMessageValue): Buffer {
  return encodeLabMessage({
    timeNs: 0,
    from,
    to,
    calling: gtAddress(from),
    called: gtAddress(to),
    tcap,
    kind: "test",
  });
}

export interface Judged {
  verdict: FirewallDecision["verdict"];
  alert: boolean;
  reason: string;
  mapError: number;
  incident: string | undefined;
  kind: string | undefined;
  frame: number;
  /** The answer the engine built for the decision (M3UA DATA), if any. */
  response: Uint8Array | undefined;
}

/** An engine plus a clock: `send` encodes, scans and judges one message at the current capture time. */
export class Harness {
  readonly engine: FirewallEngine;
  /** Capture time, ms since the epoch. */
  nowMs = Date.UTC(2026, 0, 1);
  frame = 0;
  private last: Judged | undefined;
  private readonly scanner: Ss7Scanner;
  lastScan: Ss7Scan | undefined;

  constructor(policyYaml: string = POLICY_YAML) {
    this.engine = new FirewallEngine(parsePolicy(policyYaml, "test-policy"));
    this.scanner = new Ss7Scanner(
      (s) => {
        const d = this.engine.inspect(s);
        this.lastScan = s;
        this.last = {
          verdict: d.verdict,
          alert: d.alert,
          reason: d.reason,
          mapError: d.mapError,
          incident: d.incident?.id,
          kind: d.incident?.kind,
          frame: s.frame,
          response: this.engine.response(s, d),
        };
      },
      (_frame, e) => {
        throw e;
      },
    );
  }

  advance(seconds: number): this {
    this.nowMs += seconds * 1000;
    return this;
  }

  send(from: LabNode, to: LabNode, tcap: TcapMessageValue): Judged {
    return this.sendBytes(wire(from, to, tcap));
  }

  sendBytes(m3ua: Uint8Array): Judged {
    this.last = undefined;
    this.frame++;
    const seconds = Math.floor(this.nowMs / 1000);
    this.scanner.payload({
      ...sctpRecord(m3ua, SctpPpid.m3ua, this.frame),
      seconds,
      nanoseconds: Math.round((this.nowMs - seconds * 1000) * 1e6),
    });
    if (!this.last) throw new Error("the scanner reported no message");
    return this.last;
  }

  incidents() {
    return this.engine.incidents.map((i) => i.toJson());
  }
}
