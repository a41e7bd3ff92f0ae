/**
 * A simulated MSC/VLR (one node with the VLR's and the MSC's subsystem, as the lab's networks have them on
 * one GT). Its VLR register starts with the subscribers the HLR's register places in it and changes only
 * through MAP, as a real VLR's does: cancelLocation removes a subscriber, a successful attach adds one.
 *  - provideSubscriberInfo (70): location information (VLR and MSC numbers, cell global identity, age) and
 *    subscriber state (assumed idle) as requested; an IMSI it does not have: ReturnError dataMissing (35);
 *  - mt-forwardSM (44): delivers the SMS to a registered IMSI (ReturnResultLast without parameter) and
 *    records it; an IMSI it does not have: ReturnError unidentifiedSubscriber (5);
 *  - insertSubscriberData (7), deleteSubscriberData (8): acknowledged for a registered IMSI (unknown:
 *    unidentifiedSubscriber); inside an updateLocation dialogue of its own, ISD names no IMSI and belongs to
 *    the subscriber being attached;
 *  - cancelLocation (3): the subscriber leaves the register; acknowledged whether or not it was there
 *    (TS 29.002 §19.1.3: the location is cancelled either way);
 *  - provideRoamingNumber (4): an MSRN from its own number range, for a registered IMSI (else
 *    absentSubscriber, 27);
 *  - `attach(imsi)`: a subscriber registers here: sendAuthenticationInfo, then updateLocation to its HLR.
 */
import type { CellGlobalId } from "../../codec/gsm/index.js";
import { mapOctetsView } from "../../codec/map/common-sms.js";
import { MapErrorCode } from "../../codec/map/errors.js";
import { cancelLocation } from "../../codec/map/operations/cancelLocation.js";
import { deleteSubscriberData } from "../../codec/map/operations/deleteSubscriberData.js";
import { insertSubscriberData } from "../../codec/map/operations/insertSubscriberData.js";
import { mtForwardSM } from "../../codec/map/operations/mtForwardSM.js";
import { provideRoamingNumber } from "../../codec/map/operations/provideRoamingNumber.js";
import {
  provideSubscriberInfo,
  type SubscriberInfo,
} from "../../codec/map/operations/provideSubscriberInfo.js";
import { sendAuthenticationInfo } from "../../codec/map/operations/sendAuthenticationInfo.js";
import { updateLocation } from "../../codec/map/operations/updateLocation.js";
import { HOME, type LabNetwork, Ssn } from "../network.js";
import { isdn } from "../traffic.js";
import { acnVersion, cellFor, NodeApplicationContext, networkOfImsi, pushBounded } from "./common.js";
import {
  addressOf,
  gtOf,
  type InvokeOutcome,
  MapNode,
  type MapNodeOptions,
  type SccpTcapMessage,
} from "./map-node.js";
import { readSmsDeliver } from "./sms.js";
import type { SubscriberDb } from "./subscribers.js";

export interface MscOptions extends Partial<MapNodeOptions> {
  /** The network it is the MSC/VLR of. Default HOME. */
  network?: LabNetwork;
  /** Register the subscribers this register places in this VLR. */
  subscribers?: SubscriberDb;
  /** Time of those initial registrations (ms). Default 0. */
  nowMs?: number;
  /** Entries kept in `delivered` and `cancellations`. Default 1,000. */
  maxLog?: number;
}

/** One subscriber in the VLR. */
export interface VlrRecord {
  readonly imsi: string;
  /** From insertSubscriberData. */
  msisdn?: string;
  readonly cell: CellGlobalId;
  /** When it registered (ms): the age of its location information is counted from here. */
  readonly sinceMs: number;
}

/** An SMS the MSC delivered to a subscriber in its area. */
export interface DeliveredSms {
  readonly atMs: number;
  readonly imsi: string;
  readonly msisdn: string | undefined;
  /** GT of the SMSC / GMSC that sent mt-forwardSM. */
  readonly from: string | undefined;
  readonly serviceCentre: string | undefined;
  readonly originator: string | undefined;
  readonly text: string | undefined;
}

/** A cancelLocation the VLR obeyed. */
export interface Cancellation {
  readonly atMs: number;
  readonly imsi: string;
  /** GT that sent it. */
  readonly by: string | undefined;
  /** Whether the subscriber was registered here. */
  readonly wasRegistered: boolean;
}

export class Msc extends MapNode {
  readonly network: LabNetwork;
  /** The VLR register, by IMSI. */
  readonly register = new Map<string, VlrRecord>();
  readonly delivered: DeliveredSms[] = [];
  readonly cancellations: Cancellation[] = [];
  private readonly maxLog: number;
  private msrnCounter = 0;

  constructor(options: MscOptions = {}) {
    const network = options.network ?? HOME;
    super({ ...options, name: options.name ?? `${network.name} MSC/VLR`, gt: options.gt ?? network.vlr.gt });
    this.network = network;
    this.maxLog = options.maxLog ?? 1_000;
    for (const r of options.subscribers?.servedBy(network.vlr.gt) ?? []) {
      this.register.set(r.imsi, {
        imsi: r.imsi,
        msisdn: r.msisdn,
        cell: cellFor(network, r.imsi),
        sinceMs: options.nowMs ?? 0,
      });
    }
    this.serveEnquiries();
    this.serveSms();
    this.serveSubscriberData();
  }

  /**
   * Subscriber `imsi` switches on in this MSC's area: sendAuthenticationInfo, then updateLocation, to its
   * HLR (by the IMSI's network unless `hlr` names one). `onDone` hears updateLocation's outcome (or the
   * authentication failure); on success the subscriber is in the register.
   */
  attach(
    imsi: string,
    nowMs: number,
    options: { hlr?: string; authenticate?: boolean; onDone?: (o: InvokeOutcome) => void } = {},
  ): SccpTcapMessage[] {
    const hlrGt = options.hlr ?? networkOfImsi(imsi)?.hlr.gt;
    if (hlrGt === undefined) throw new RangeError(`no HLR known for IMSI ${imsi}`);
    const hlr = addressOf(hlrGt, Ssn.hlr);
    const vlr = addressOf(this.network.vlr.gt, Ssn.vlr);
    const done = options.onDone ?? (() => {});
    const update = (): void => {
      const d = this.open({
        called: hlr,
        calling: vlr,
        acn: NodeApplicationContext.networkLocUp,
        data: { imsi },
      });
      this.invoke(
        d,
        updateLocation,
        { imsi, mscNumber: isdn(this.network.msc.gt), vlrNumber: isdn(this.network.vlr.gt) },
        (o) => {
          if (o.type === "result") {
            const msisdn = d.data["msisdn"];
            this.register.set(imsi, {
              imsi,
              ...(typeof msisdn === "string" ? { msisdn } : {}),
              cell: cellFor(this.network, imsi),
              sinceMs: this.nowMs,
            });
          }
          done(o);
        },
      );
    };
    return this.run(nowMs, () => {
      if (options.authenticate === false) return update();
      const d = this.open({ called: hlr, calling: vlr, acn: NodeApplicationContext.infoRetrieval });
      this.invoke(d, sendAuthenticationInfo, { imsi, numberOfRequestedVectors: 1 }, (o) => {
        if (o.type === "result") update();
        else done(o);
      });
    });
  }

  private serveEnquiries(): void {
    this.serve(provideSubscriberInfo, (req) => {
      const v = this.register.get(req.argument.imsi);
      // TS 29.002 §8.11.2: provideSubscriberInfo's only errors are dataMissing and unexpectedDataValue.
      if (!v) return req.error(MapErrorCode.dataMissing);
      const want = req.argument.requestedInfo;
      const info: SubscriberInfo = {};
      if (want.locationInformation) {
        info.locationInformation = {
          ageOfLocationInformation: Math.min(
            32_767,
            Math.max(0, Math.floor((req.nowMs - v.sinceMs) / 60_000)),
          ),
          vlrNumber: isdn(this.network.vlr.gt),
          cellGlobalIdOrServiceAreaIdOrLai: {
            kind: "cellGlobalIdOrServiceAreaIdFixedLength",
            cellGlobalIdOrServiceAreaIdFixedLength: v.cell,
          },
          mscNumber: isdn(this.network.msc.gt),
        };
      }
      if (want.subscriberState) info.subscriberState = { kind: "assumedIdle" };
      req.result({ subscriberInfo: info });
    });

    this.serve(provideRoamingNumber, (req) => {
      if (!this.register.has(req.argument.imsi)) return req.error(MapErrorCode.absentSubscriber);
      // TS 23.003 §4.4: the MSRN is a number of the visited network; here the top of its GT range.
      // The sub-range prefix + 7 is free: node GTs use + 0, the lessees + 8 and + 9 (src/lab/network.ts).
      const n = this.network;
      const digits = n.gtLength - n.gtPrefix.length - 1;
      const serial = String(this.msrnCounter++ % 10 ** digits).padStart(digits, "0");
      const roamingNumber = isdn(`${n.gtPrefix}7${serial}`);
      req.result(acnVersion(req.dialogue.acn) < 3 ? { form: "v2", roamingNumber } : { roamingNumber });
    });
  }

  private serveSms(): void {
    this.serve(mtForwardSM, (req) => {
      const da = req.argument.smRpDa;
      const v = da.kind === "imsi" ? this.register.get(da.imsi) : undefined;
      // TS 29.002 §12.9 / TS 23.040: a recipient the VLR does not know is an unidentified subscriber.
      if (!v) return req.error(MapErrorCode.unidentifiedSubscriber);
      const oa = req.argument.smRpOa;
      const content = readSmsDeliver(mapOctetsView(req.argument.smRpUi));
      pushBounded(
        this.delivered,
        {
          atMs: req.nowMs,
          imsi: v.imsi,
          msisdn: v.msisdn,
          from: gtOf(req.from),
          serviceCentre: oa.kind === "serviceCentreAddressOA" ? oa.serviceCentreAddressOA.digits : undefined,
          originator: content?.originator,
          text: content?.text,
        },
        this.maxLog,
      );
      req.result();
    });
  }

  private serveSubscriberData(): void {
    this.serve(insertSubscriberData, (req) => {
      const a = req.argument;
      if (a.imsi === undefined) {
        // Inside the updateLocation dialogue this VLR opened: the data is for the subscriber attaching.
        if (typeof req.dialogue.data["imsi"] !== "string") return req.error(MapErrorCode.unexpectedDataValue);
        if (a.msisdn) req.dialogue.data["msisdn"] = a.msisdn.digits;
        return req.result();
      }
      const v = this.register.get(a.imsi);
      if (!v) return req.error(MapErrorCode.unidentifiedSubscriber);
      if (a.msisdn) v.msisdn = a.msisdn.digits;
      req.result();
    });

    this.serve(deleteSubscriberData, (req) => {
      if (!this.register.has(req.argument.imsi)) return req.error(MapErrorCode.unidentifiedSubscriber);
      req.result();
    });

    this.serve(cancelLocation, (req) => {
      const imsi = req.argument.identity.imsi;
      const wasRegistered = this.register.delete(imsi);
      pushBounded(
        this.cancellations,
        { atMs: req.nowMs, imsi, by: gtOf(req.from), wasRegistered },
        this.maxLog,
      );
      req.result();
    });
  }
}
