/**
 * A foreign network as the home network sees it over the interconnect: a roaming partner's STP or a
 * lessee's leased GTs. It originates the dialogues of the lab's scenarios live (the messages
 * src/lab/scenarios.ts and src/lab/traffic.ts write into captures, each addressed to the home network's
 * HLR, VLR or MSC from the GT and subsystem the operation comes from), and keeps what became of each one
 * (`exchanges`: result, error, reject, abort, returned by SCCP, timeout), so a scenario runner can print
 * what got through and what was blocked.
 *
 * It also answers what the home network sends its GTs, as a VLR/MSC would (and as attack tools do, so that
 * a forged updateLocation completes): insertSubscriberData, deleteSubscriberData, cancelLocation and
 * mt-forwardSM are acknowledged and recorded in `received` — an mt-forwardSM arriving here after a forged
 * updateLocation is an intercepted SMS, with its text. Anything else is rejected as an unknown operation.
 *
 * All of it aims at the simulated home network only; nothing here addresses a real one.
 */
import type { MapOperationCodec } from "../../codec/map/codec.js";
import { mapOctetsView } from "../../codec/map/common-sms.js";
import { anyTimeInterrogation } from "../../codec/map/operations/anyTimeInterrogation.js";
import { cancelLocation } from "../../codec/map/operations/cancelLocation.js";
import { deleteSubscriberData } from "../../codec/map/operations/deleteSubscriberData.js";
import { insertSubscriberData } from "../../codec/map/operations/insertSubscriberData.js";
import { mtForwardSM } from "../../codec/map/operations/mtForwardSM.js";
import { provideSubscriberInfo } from "../../codec/map/operations/provideSubscriberInfo.js";
import { purgeMS } from "../../codec/map/operations/purgeMS.js";
import { sendAuthenticationInfo } from "../../codec/map/operations/sendAuthenticationInfo.js";
import { sendIMSI } from "../../codec/map/operations/sendIMSI.js";
import { sendRoutingInfo } from "../../codec/map/operations/sendRoutingInfo.js";
import { sendRoutingInfoForSM } from "../../codec/map/operations/sendRoutingInfoForSM.js";
import { updateLocation } from "../../codec/map/operations/updateLocation.js";
import { mapOperationByCode } from "../../codec/map/operations.js";
import type { SccpAddressInput } from "../../codec/sccp/index.js";
import { HOME, type LabLessee, type LabNetwork, lesseeGts, Ssn } from "../network.js";
import { isdn, smsDeliverTpdu, whole } from "../traffic.js";
import { NodeApplicationContext, pushBounded } from "./common.js";
import {
  addressOf,
  gtOf,
  type InvokeOutcome,
  MapNode,
  type MapNodeOptions,
  type OutcomeType,
  type SccpTcapMessage,
} from "./map-node.js";
import { readSmsDeliver } from "./sms.js";

export interface ForeignNetworkOptions extends Partial<MapNodeOptions> {
  name: string;
  /** The GTs it owns (messages to any of them are its); the first is where it originates from by default. */
  gts: readonly string[];
  /** The network it signals to. Default HOME. */
  home?: LabNetwork;
  /** Answer insertSubscriberData, deleteSubscriberData, cancelLocation and mt-forwardSM. Default true. */
  actAsVlr?: boolean;
  /** Entries kept in `exchanges` and `received`. Default 10,000. */
  maxLog?: number;
}

/** One operation this network invoked, and what became of it. */
export interface Exchange {
  readonly id: number;
  /** TS 29.002 name ("sendRoutingInfoForSM"), or "opcode N". */
  readonly operation: string;
  readonly opcode: number;
  /** The IMSI or MSISDN it was about ("" when none). */
  readonly target: string;
  /** Calling and called GT. */
  readonly from: string;
  readonly to: string;
  readonly sentAtMs: number;
  status: "pending" | OutcomeType;
  outcome?: InvokeOutcome;
  answeredAtMs?: number;
}

/** One operation the home network invoked on this network. */
export interface ReceivedOperation {
  readonly atMs: number;
  readonly operation: string;
  readonly opcode: number;
  /** Calling GT (who sent it) and called GT (which of our GTs it was for). */
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly imsi?: string;
  readonly msisdn?: string;
  /** The SMS of an mt-forwardSM. */
  readonly sms?: { readonly originator?: string; readonly text?: string };
}

/** Where an originated operation goes, and where from. */
export interface SendOptions {
  /** The GT to send from (default: the network's first GT). */
  from?: string;
}

export interface Sent {
  readonly exchange: Exchange;
  /** The Begin to put on the wire. */
  readonly messages: SccpTcapMessage[];
}

/** RequestedInfo of a location query: location information and subscriber state (as the scenarios ask). */
const LOCATION_REQUEST = { locationInformation: true, subscriberState: true } as const;

export class ForeignNetwork extends MapNode {
  readonly gts: readonly string[];
  readonly home: LabNetwork;
  readonly exchanges: Exchange[] = [];
  readonly received: ReceivedOperation[] = [];
  private readonly maxLog: number;
  private nextId = 1;

  /** A roaming partner's STP: its HLR, VLR/MSC and SMSC GTs (SMS and queries go from its SMSC by default). */
  static partner(net: LabNetwork, options: Partial<ForeignNetworkOptions> = {}): ForeignNetwork {
    const gts = [...new Set([net.smsc.gt, net.hlr.gt, net.vlr.gt, net.msc.gt])];
    return new ForeignNetwork({ ...options, name: options.name ?? net.name, gts: options.gts ?? gts });
  }

  /** A lessee's leased GTs, in every host network. */
  static lessee(l: LabLessee, options: Partial<ForeignNetworkOptions> = {}): ForeignNetwork {
    const gts = lesseeGts(l).map((n) => n.gt);
    return new ForeignNetwork({ ...options, name: options.name ?? l.name, gts: options.gts ?? gts });
  }

  constructor(options: ForeignNetworkOptions) {
    if (options.gts.length === 0) throw new RangeError("a foreign network needs at least one GT");
    super({ ...options, gt: options.gt ?? options.gts[0]! });
    this.gts = options.gts;
    this.home = options.home ?? HOME;
    this.maxLog = options.maxLog ?? 10_000;
    if (options.actAsVlr !== false) this.serveAsVlr();
  }

  /** Whether `gt` is one of this network's. */
  owns(gt: string): boolean {
    return this.gts.includes(gt);
  }

  /** How many exchanges ended each way (and how many are still pending). */
  tally(): Record<"pending" | OutcomeType, number> {
    const t = { pending: 0, result: 0, error: 0, reject: 0, abort: 0, returned: 0, ended: 0, timeout: 0 };
    for (const e of this.exchanges) t[e.status]++;
    return t;
  }

  // -------------------------------------------------------------------------------------------------------
  // Originating (each returns the exchange and the Begin to send)

  /** sendRoutingInfoForSM to the home HLR: the IMSI and serving MSC of `msisdn`. */
  sriSm(msisdn: string, nowMs: number, options: SendOptions = {}): Sent {
    const from = this.from(options);
    return this.send(
      nowMs,
      msisdn,
      from,
      Ssn.msc,
      this.home.hlr.gt,
      Ssn.hlr,
      NodeApplicationContext.shortMsgGateway,
      sendRoutingInfoForSM,
      {
        msisdn: isdn(msisdn),
        smRpPri: true,
        serviceCentreAddress: isdn(from),
      },
    );
  }

  /** sendRoutingInfo (call routing) to the home HLR, as a GMSC: IMSI and MSRN. */
  sri(msisdn: string, nowMs: number, options: SendOptions = {}): Sent {
    const from = this.from(options);
    return this.send(
      nowMs,
      msisdn,
      from,
      Ssn.msc,
      this.home.hlr.gt,
      Ssn.hlr,
      NodeApplicationContext.locationInfoRetrieval,
      sendRoutingInfo,
      {
        msisdn: isdn(msisdn),
        interrogationType: 0,
        gmscOrGsmScfAddress: isdn(from),
      },
    );
  }

  /** sendIMSI to the home HLR: the IMSI of `msisdn` (category 1). */
  sendImsi(msisdn: string, nowMs: number, options: SendOptions = {}): Sent {
    return this.send(
      nowMs,
      msisdn,
      this.from(options),
      Ssn.msc,
      this.home.hlr.gt,
      Ssn.hlr,
      NodeApplicationContext.imsiRetrieval,
      sendIMSI,
      {
        msisdn: isdn(msisdn),
      },
    );
  }

  /** anyTimeInterrogation to the home HLR, posing as a gsmSCF, by IMSI or MSISDN. */
  ati(who: { imsi: string } | { msisdn: string }, nowMs: number, options: SendOptions = {}): Sent {
    const from = this.from(options);
    const byImsi = "imsi" in who;
    return this.send(
      nowMs,
      byImsi ? who.imsi : who.msisdn,
      from,
      Ssn.gsmScf,
      this.home.hlr.gt,
      Ssn.hlr,
      NodeApplicationContext.anyTimeInfoEnquiry,
      anyTimeInterrogation,
      {
        subscriberIdentity: byImsi
          ? { kind: "imsi", imsi: who.imsi }
          : { kind: "msisdn", msisdn: isdn(who.msisdn) },
        requestedInfo: { ...LOCATION_REQUEST },
        gsmScfAddress: isdn(from),
      },
    );
  }

  /** provideSubscriberInfo to the home VLR, posing as an HLR. */
  psi(imsi: string, nowMs: number, options: SendOptions & { vlr?: string } = {}): Sent {
    return this.send(
      nowMs,
      imsi,
      this.from(options),
      Ssn.hlr,
      options.vlr ?? this.home.vlr.gt,
      Ssn.vlr,
      NodeApplicationContext.subscriberInfoEnquiry,
      provideSubscriberInfo,
      {
        imsi,
        requestedInfo: { ...LOCATION_REQUEST },
      },
    );
  }

  /** sendAuthenticationInfo to the home HLR, posing as a VLR. */
  sendAuthenticationInfo(imsi: string, nowMs: number, options: SendOptions = {}): Sent {
    return this.send(
      nowMs,
      imsi,
      this.from(options),
      Ssn.vlr,
      this.home.hlr.gt,
      Ssn.hlr,
      NodeApplicationContext.infoRetrieval,
      sendAuthenticationInfo,
      {
        imsi,
        numberOfRequestedVectors: 1,
      },
    );
  }

  /**
   * updateLocation to the home HLR naming `vlr` / `msc` (default: the sending GT) as the subscriber's new
   * VLR and MSC: a roaming attach from a partner, or, from a leased GT, SMS interception.
   */
  updateLocation(
    imsi: string,
    nowMs: number,
    options: SendOptions & { vlr?: string; msc?: string } = {},
  ): Sent {
    const from = this.from(options);
    const vlr = options.vlr ?? from;
    return this.send(
      nowMs,
      imsi,
      from,
      Ssn.vlr,
      this.home.hlr.gt,
      Ssn.hlr,
      NodeApplicationContext.networkLocUp,
      updateLocation,
      { imsi, mscNumber: isdn(options.msc ?? vlr), vlrNumber: isdn(vlr) },
      { imsi },
    );
  }

  /** purgeMS to the home HLR, posing as the VLR `vlr` (default the sending GT). */
  purgeMs(imsi: string, nowMs: number, options: SendOptions & { vlr?: string } = {}): Sent {
    const from = this.from(options);
    return this.send(
      nowMs,
      imsi,
      from,
      Ssn.vlr,
      this.home.hlr.gt,
      Ssn.hlr,
      NodeApplicationContext.msPurging,
      purgeMS,
      {
        imsi,
        vlrNumber: isdn(options.vlr ?? from),
      },
    );
  }

  /** cancelLocation to the home VLR, posing as an HLR (category 2 when the IMSI is not ours). */
  cancelLocation(imsi: string, nowMs: number, options: SendOptions & { vlr?: string } = {}): Sent {
    return this.send(
      nowMs,
      imsi,
      this.from(options),
      Ssn.hlr,
      options.vlr ?? this.home.vlr.gt,
      Ssn.vlr,
      NodeApplicationContext.locationCancellation,
      cancelLocation,
      {
        identity: { imsi },
        cancellationType: 1,
      },
    );
  }

  /** insertSubscriberData to the home VLR, posing as an HLR. */
  insertSubscriberData(
    imsi: string,
    nowMs: number,
    options: SendOptions & { vlr?: string; msisdn?: string } = {},
  ): Sent {
    return this.send(
      nowMs,
      imsi,
      this.from(options),
      Ssn.hlr,
      options.vlr ?? this.home.vlr.gt,
      Ssn.vlr,
      NodeApplicationContext.subscriberDataMngt,
      insertSubscriberData,
      {
        imsi,
        ...(options.msisdn ? { msisdn: isdn(options.msisdn) } : {}),
        category: 10,
      },
    );
  }

  /** deleteSubscriberData to the home VLR (barring of all outgoing and incoming calls withdrawn). */
  deleteSubscriberData(imsi: string, nowMs: number, options: SendOptions & { vlr?: string } = {}): Sent {
    return this.send(
      nowMs,
      imsi,
      this.from(options),
      Ssn.hlr,
      options.vlr ?? this.home.vlr.gt,
      Ssn.vlr,
      NodeApplicationContext.subscriberDataMngt,
      deleteSubscriberData,
      {
        imsi,
        ssList: [0x92, 0x9a],
      },
    );
  }

  /** mt-forwardSM straight to an MSC of the home network (default its MSC), as an SMS-GMSC. */
  mtForwardSm(
    imsi: string,
    text: string,
    nowMs: number,
    options: SendOptions & { msc?: string; originator?: string } = {},
  ): Sent {
    const from = this.from(options);
    const tpdu = smsDeliverTpdu(options.originator ?? from, text, nowMs * 1e6);
    return this.send(
      nowMs,
      imsi,
      from,
      Ssn.msc,
      options.msc ?? this.home.msc.gt,
      Ssn.msc,
      NodeApplicationContext.shortMsgMtRelay,
      mtForwardSM,
      {
        smRpDa: { kind: "imsi", imsi },
        smRpOa: { kind: "serviceCentreAddressOA", serviceCentreAddressOA: isdn(from) },
        smRpUi: whole(tpdu),
      },
    );
  }

  /**
   * Any operation by code with a ready parameter TLV (for operations without a codec, or probes with an
   * unknown code): to `called`, from `from` with subsystem `callingSsn`, in `acn` (none: MAP v1).
   */
  invokeOperation(
    opcode: number,
    parameter: Uint8Array | undefined,
    nowMs: number,
    options: SendOptions & { called: SccpAddressInput; callingSsn?: number; acn?: string; target?: string },
  ): Sent {
    const from = this.from(options);
    const exchange = this.record(opcode, options.target ?? "", from, gtOf(options.called) ?? "", nowMs);
    const messages = this.run(nowMs, () => {
      const d = this.open({
        called: options.called,
        calling: addressOf(from, options.callingSsn ?? Ssn.msc),
        ...(options.acn !== undefined ? { acn: options.acn } : {}),
      });
      this.invokeRaw(d, opcode, parameter, (o) => this.settle(exchange, o));
    });
    return { exchange, messages };
  }

  // -------------------------------------------------------------------------------------------------------

  private from(options: SendOptions): string {
    const gt = options.from ?? this.gt;
    if (!this.owns(gt)) throw new RangeError(`${gt} is not one of ${this.name}'s GTs`);
    return gt;
  }

  private send<A, R>(
    nowMs: number,
    target: string,
    from: string,
    callingSsn: number,
    to: string,
    calledSsn: number,
    acn: string,
    codec: MapOperationCodec<A, R>,
    argument: A,
    data?: Record<string, unknown>,
  ): Sent {
    const exchange = this.record(codec.opcode, target, from, to, nowMs);
    const messages = this.run(nowMs, () => {
      const d = this.open({
        called: addressOf(to, calledSsn),
        calling: addressOf(from, callingSsn),
        acn,
        ...(data ? { data } : {}),
      });
      this.invoke(d, codec, argument, (o) => this.settle(exchange, o as InvokeOutcome));
    });
    return { exchange, messages };
  }

  private record(opcode: number, target: string, from: string, to: string, nowMs: number): Exchange {
    const exchange: Exchange = {
      id: this.nextId++,
      operation: mapOperationByCode(opcode)?.name ?? `opcode ${opcode}`,
      opcode,
      target,
      from,
      to,
      sentAtMs: nowMs,
      status: "pending",
    };
    pushBounded(this.exchanges, exchange, this.maxLog);
    return exchange;
  }

  private settle(exchange: Exchange, o: InvokeOutcome): void {
    exchange.status = o.type;
    exchange.outcome = o;
    exchange.answeredAtMs = this.nowMs;
  }

  private note(entry: ReceivedOperation): void {
    pushBounded(this.received, entry, this.maxLog);
  }

  private serveAsVlr(): void {
    const base = (opcode: number, from: SccpAddressInput, to: SccpAddressInput, nowMs: number) => ({
      atMs: nowMs,
      operation: mapOperationByCode(opcode)?.name ?? `opcode ${opcode}`,
      opcode,
      from: gtOf(from),
      to: gtOf(to),
    });
    this.serve(insertSubscriberData, (req) => {
      const a = req.argument;
      // Inside our own updateLocation dialogue the ISD names no IMSI: it is the one we updated.
      const imsi = a.imsi ?? (req.dialogue.data["imsi"] as string | undefined);
      this.note({
        ...base(req.opcode, req.from, req.dialogue.local, req.nowMs),
        ...(imsi !== undefined ? { imsi } : {}),
        ...(a.msisdn ? { msisdn: a.msisdn.digits } : {}),
      });
      req.result();
    });
    this.serve(deleteSubscriberData, (req) => {
      this.note({ ...base(req.opcode, req.from, req.dialogue.local, req.nowMs), imsi: req.argument.imsi });
      req.result();
    });
    this.serve(cancelLocation, (req) => {
      this.note({
        ...base(req.opcode, req.from, req.dialogue.local, req.nowMs),
        imsi: req.argument.identity.imsi,
      });
      req.result();
    });
    this.serve(mtForwardSM, (req) => {
      const da = req.argument.smRpDa;
      const sms = readSmsDeliver(mapOctetsView(req.argument.smRpUi));
      this.note({
        ...base(req.opcode, req.from, req.dialogue.local, req.nowMs),
        ...(da.kind === "imsi" ? { imsi: da.imsi } : {}),
        sms: {
          ...(sms?.originator !== undefined ? { originator: sms.originator } : {}),
          ...(sms?.text !== undefined ? { text: sms.text } : {}),
        },
      });
      req.result();
    });
  }
}
