/**
 * The simulated home HLR: answers what a home network's HLR is asked over the interconnect, from its
 * subscriber register (`SubscriberDb`), with the dialogues TS 29.002 and TS 23.012/23.018/23.078 give each
 * operation:
 *  - sendRoutingInfoForSM (45): IMSI and the serving MSC as networkNode-Number;
 *  - sendRoutingInfo (22): IMSI and an MSRN, which it gets from the serving VLR (provideRoamingNumber, a
 *    dialogue of its own); when the VLR gives none, the v3 answer names the serving MSC (vmsc-Address) only;
 *  - sendAuthenticationInfo (56): vectors that look random and are fixed per seed, IMSI and request;
 *  - updateLocation (2): stores the new VLR/MSC at once, cancels the location in the previous VLR (a new
 *    locationCancellation dialogue), sends insertSubscriberData to the new VLR in the same dialogue
 *    (Continue), and ends the dialogue with UpdateLocationRes{hlr-Number} when the VLR has acknowledged;
 *  - anyTimeInterrogation (71): asks the serving VLR (provideSubscriberInfo) and relays its answer; when the
 *    VLR does not answer, it says what it knows itself (VLR and MSC numbers, age of that record);
 *  - sendIMSI (58), purgeMS (67), processUnstructuredSS-Request (59, a balance answer);
 *  - an MSISDN or IMSI that is not its subscriber's: ReturnError unknownSubscriber (1).
 *
 * The HLR is deliberately trusting, like the unprotected HLRs SS7 attacks work against: it answers whoever
 * asks (no check of the gsmSCF-Address or of the requesting network), so a lab run without the firewall
 * shows each attack succeed.
 */
import { encodeGsm7Ussd, mapOctets } from "../../codec/map/common-sms.js";
import { MapErrorCode } from "../../codec/map/errors.js";
import { anyTimeInterrogation } from "../../codec/map/operations/anyTimeInterrogation.js";
import { cancelLocation } from "../../codec/map/operations/cancelLocation.js";
import { insertSubscriberData } from "../../codec/map/operations/insertSubscriberData.js";
import { processUnstructuredSSRequest } from "../../codec/map/operations/processUnstructuredSSRequest.js";
import { provideRoamingNumber } from "../../codec/map/operations/provideRoamingNumber.js";
import {
  provideSubscriberInfo,
  type RequestedInfo,
  type SubscriberInfo,
} from "../../codec/map/operations/provideSubscriberInfo.js";
import { purgeMS } from "../../codec/map/operations/purgeMS.js";
import {
  type AuthenticationQuintuplet,
  type AuthenticationTriplet,
  sendAuthenticationInfo,
} from "../../codec/map/operations/sendAuthenticationInfo.js";
import { sendIMSI } from "../../codec/map/operations/sendIMSI.js";
import { sendRoutingInfo } from "../../codec/map/operations/sendRoutingInfo.js";
import { sendRoutingInfoForSM } from "../../codec/map/operations/sendRoutingInfoForSM.js";
import { updateLocation } from "../../codec/map/operations/updateLocation.js";
import { HOME, type LabNetwork, Ssn } from "../network.js";
import { isdn, LabRandom } from "../traffic.js";
import { acnVersion, hash32, isE164, NodeApplicationContext, pushBounded } from "./common.js";
import { addressOf, gtOf, type InvokeOutcome, MapNode, type MapNodeOptions } from "./map-node.js";
import { SubscriberDb, type SubscriberRecord } from "./subscribers.js";

export interface HlrOptions extends Partial<MapNodeOptions> {
  /** The network it is the HLR of. Default HOME. */
  network?: LabNetwork;
  /** Its register. Default: a new register of 5,000 subscribers. */
  subscribers?: SubscriberDb;
  /** Entries kept in `locationUpdates`. Default 1,000. */
  maxLog?: number;
}

/** One successful updateLocation: who moved the subscriber, from where to where. */
export interface LocationUpdate {
  readonly atMs: number;
  readonly imsi: string;
  readonly msisdn: string;
  readonly fromVlr: string;
  readonly toVlr: string;
  readonly toMsc: string;
  /** GT the updateLocation came from (SCCP calling party). */
  readonly by: string | undefined;
  /** What the previous VLR answered to cancelLocation (absent when the VLR did not change, or until it answers). */
  cancelOutcome?: InvokeOutcome;
  /** True once the new VLR acknowledged insertSubscriberData and the HLR answered updateLocation. */
  completed: boolean;
}

/** TS 29.002 §17.7.1 SS / teleservice codes (TS 29.002 §17.7.9): telephony, SMS MT-PP, SMS MO-PP. */
const TELESERVICES = [Uint8Array.of(0x11), Uint8Array.of(0x21), Uint8Array.of(0x22)];

/** TS 29.002 §17.7.1 category: ordinary calling subscriber (ITU-T Q.763 calling party's category 0x0A). */
const ORDINARY_SUBSCRIBER = 0x0a;

export class Hlr extends MapNode {
  readonly network: LabNetwork;
  readonly subscribers: SubscriberDb;
  /** The latest successful location updates (the audit trail a scenario runner prints). */
  readonly locationUpdates: LocationUpdate[] = [];
  private readonly seed: number;
  private readonly maxLog: number;
  /** Authentication requests answered per IMSI (the SQN the next vectors are derived from). */
  private readonly sqn = new Map<string, number>();

  constructor(options: HlrOptions = {}) {
    const network = options.network ?? HOME;
    super({ ...options, name: options.name ?? `${network.name} HLR`, gt: options.gt ?? network.hlr.gt });
    this.network = network;
    this.subscribers = options.subscribers ?? new SubscriberDb();
    this.seed = options.seed ?? 1;
    this.maxLog = options.maxLog ?? 1_000;
    this.serveSms();
    this.serveCalls();
    this.serveMobility();
    this.serveEnquiries();
  }

  private here(): ReturnType<typeof addressOf> {
    return addressOf(this.gt, Ssn.hlr);
  }

  private serveSms(): void {
    this.serve(sendRoutingInfoForSM, (req) => {
      const r = this.subscribers.byMsisdn(req.argument.msisdn.digits);
      if (!r) return req.error(MapErrorCode.unknownSubscriber);
      // TS 23.040 §10.1: a purged MS cannot take an SMS; the SMSC keeps it (message waiting).
      if (r.purged) return req.error(MapErrorCode.absentSubscriberSM);
      req.result({ imsi: r.imsi, locationInfoWithLmsi: { networkNodeNumber: isdn(r.mscNumber) } });
    });
  }

  private serveCalls(): void {
    this.serve(sendRoutingInfo, (req) => {
      const r = this.subscribers.byMsisdn(req.argument.msisdn.digits);
      if (!r) return req.error(MapErrorCode.unknownSubscriber);
      if (r.purged) return req.error(MapErrorCode.absentSubscriber);
      const v3 = acnVersion(req.dialogue.acn) >= 3;
      // TS 23.018 §7.2.2: the HLR obtains a roaming number from the VLR the subscriber is registered in.
      const d = this.open({
        called: addressOf(r.vlrNumber, Ssn.vlr),
        calling: this.here(),
        acn: NodeApplicationContext.roamingNumberEnquiry,
      });
      const gmsc = req.argument.gmscOrGsmScfAddress;
      this.invoke(
        d,
        provideRoamingNumber,
        {
          imsi: r.imsi,
          mscNumber: isdn(r.mscNumber),
          msisdn: isdn(r.msisdn),
          ...(gmsc ? { gmscAddress: gmsc } : {}),
        },
        (o) => {
          const msrn = o.type === "result" ? o.result?.roamingNumber : undefined;
          if (!v3) {
            // v1/v2 SendRoutingInfoRes needs routing info: without an MSRN there is nothing to answer with.
            if (!msrn) return req.error(MapErrorCode.absentSubscriber);
            return req.result({
              form: "v2",
              imsi: r.imsi,
              extendedRoutingInfo: { kind: "roamingNumber", roamingNumber: msrn },
            });
          }
          req.result({
            imsi: r.imsi,
            ...(msrn ? { extendedRoutingInfo: { kind: "roamingNumber" as const, roamingNumber: msrn } } : {}),
            vmscAddress: isdn(r.mscNumber),
          });
        },
      );
    });
  }

  private serveMobility(): void {
    this.serve(sendAuthenticationInfo, (req) => {
      const imsi = req.argument.imsi;
      if (!this.subscribers.byImsi(imsi)) return req.error(MapErrorCode.unknownSubscriber);
      const n = (this.sqn.get(imsi) ?? 0) + 1;
      this.sqn.set(imsi, n);
      const count = Math.min(5, Math.max(1, req.argument.numberOfRequestedVectors ?? 1));
      const rnd = new LabRandom(hash32(`${this.seed}|${imsi}|${n}`));
      if (req.argument.form === "v2") {
        // MAP v2: GSM triplets, as a bare SEQUENCE OF AuthenticationSet.
        const tripletList: AuthenticationTriplet[] = Array.from({ length: count }, () => ({
          rand: rnd.bytes(16),
          sres: rnd.bytes(4),
          kc: rnd.bytes(8),
        }));
        return req.result({ form: "v2", tripletList });
      }
      const quintupletList: AuthenticationQuintuplet[] = Array.from({ length: count }, () => ({
        rand: rnd.bytes(16),
        xres: rnd.bytes(8),
        ck: rnd.bytes(16),
        ik: rnd.bytes(16),
        autn: rnd.bytes(16),
      }));
      req.result({ quintupletList });
    });

    this.serve(updateLocation, (req) => {
      const a = req.argument;
      // The HLR addresses the VLR by this number from now on: it must be one (TS 29.002 §7.6.2.1).
      if (!isE164(a.vlrNumber.digits) || !isE164(a.mscNumber.digits))
        return req.error(MapErrorCode.unexpectedDataValue);
      const change = this.subscribers.updateLocation(
        a.imsi,
        a.vlrNumber.digits,
        a.mscNumber.digits,
        req.nowMs,
      );
      if (!change) return req.error(MapErrorCode.unknownSubscriber);
      const r = change.record;
      const entry: LocationUpdate = {
        atMs: req.nowMs,
        imsi: r.imsi,
        msisdn: r.msisdn,
        fromVlr: change.previousVlr,
        toVlr: r.vlrNumber,
        toMsc: r.mscNumber,
        by: gtOf(req.from),
        completed: false,
      };
      pushBounded(this.locationUpdates, entry, this.maxLog);
      if (change.moved) this.cancelIn(change.previousVlr, r, entry);
      const version = acnVersion(req.dialogue.acn);
      req.invoke(
        insertSubscriberData,
        {
          msisdn: isdn(r.msisdn),
          category: ORDINARY_SUBSCRIBER,
          subscriberStatus: 0,
          teleserviceList: TELESERVICES,
        },
        (o) => {
          if (o.type !== "result") {
            // TS 29.002 §19.1.1.2: subscriber data that cannot be inserted fails the update.
            req.error(MapErrorCode.systemFailure);
            return;
          }
          entry.completed = true;
          const hlrNumber = isdn(this.gt);
          req.result(version === 1 ? { form: "v1", hlrNumber } : { hlrNumber });
        },
      );
    });

    this.serve(purgeMS, (req) => {
      const a = req.argument;
      const purged = this.subscribers.purge(a.imsi, a.vlrNumber?.digits, req.nowMs);
      if (purged === undefined) return req.error(MapErrorCode.unknownSubscriber);
      // TS 29.002 §8.1.6: freeze-TMSI tells the VLR its TMSI may not be reallocated; v2 has no result.
      if (a.form === "v2") return req.result();
      req.result(purged ? { freezeTmsi: true } : {});
    });
  }

  private serveEnquiries(): void {
    this.serve(sendIMSI, (req) => {
      const r = this.subscribers.byMsisdn(req.argument.msisdn.digits);
      if (!r) return req.error(MapErrorCode.unknownSubscriber);
      req.result({ imsi: r.imsi });
    });

    this.serve(anyTimeInterrogation, (req) => {
      const id = req.argument.subscriberIdentity;
      const r =
        id.kind === "imsi" ? this.subscribers.byImsi(id.imsi) : this.subscribers.byMsisdn(id.msisdn.digits);
      if (!r) return req.error(MapErrorCode.unknownSubscriber);
      const want = req.argument.requestedInfo;
      if (!want.locationInformation && !want.subscriberState) return req.result({ subscriberInfo: {} });
      if (r.purged) {
        // NotReachableReason msPurged (0): the HLR knows without asking.
        return req.result({
          subscriberInfo: want.subscriberState
            ? { subscriberState: { kind: "netDetNotReachable", netDetNotReachable: 0 } }
            : {},
        });
      }
      const requestedInfo: RequestedInfo = {};
      if (want.locationInformation) requestedInfo.locationInformation = true;
      if (want.subscriberState) requestedInfo.subscriberState = true;
      // TS 23.078 §11.3.3.1: the HLR asks the VLR the subscriber is registered in, then answers the gsmSCF.
      const d = this.open({
        called: addressOf(r.vlrNumber, Ssn.vlr),
        calling: this.here(),
        acn: NodeApplicationContext.subscriberInfoEnquiry,
      });
      this.invoke(d, provideSubscriberInfo, { imsi: r.imsi, requestedInfo }, (o) => {
        const subscriberInfo =
          o.type === "result" && o.result ? o.result.subscriberInfo : this.ownKnowledge(r, requestedInfo);
        req.result({ subscriberInfo });
      });
    });

    this.serve(processUnstructuredSSRequest, (req) => {
      const msisdn = req.argument.msisdn?.digits;
      const r = msisdn === undefined ? undefined : this.subscribers.byMsisdn(msisdn);
      if (msisdn !== undefined && !r) return req.error(MapErrorCode.unknownSubscriber);
      const cents = hash32(`${this.seed}|balance|${msisdn ?? ""}`) % 10_000;
      const text = `Balance ${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")} USD`;
      // TS 23.038 §5: data coding scheme 0x0F, GSM 7-bit default alphabet, language unspecified.
      req.result({ ussdDataCodingScheme: 0x0f, ussdString: mapOctets(encodeGsm7Ussd(text)) });
    });
  }

  /** What the HLR itself knows when the VLR does not answer provideSubscriberInfo. */
  private ownKnowledge(r: SubscriberRecord, want: RequestedInfo): SubscriberInfo {
    const info: SubscriberInfo = {};
    if (want.locationInformation) {
      info.locationInformation = {
        ageOfLocationInformation: Math.min(
          32_767,
          Math.max(0, Math.floor((this.nowMs - r.updatedAtMs) / 60_000)),
        ),
        vlrNumber: isdn(r.vlrNumber),
        mscNumber: isdn(r.mscNumber),
      };
    }
    if (want.subscriberState) info.subscriberState = { kind: "notProvidedFromVlr" };
    return info;
  }

  /** TS 23.012 §3.6.1.2: the HLR cancels the subscriber's location in the VLR it has left. */
  private cancelIn(vlrGt: string, r: SubscriberRecord, entry: LocationUpdate): void {
    const d = this.open({
      called: addressOf(vlrGt, Ssn.vlr),
      calling: this.here(),
      acn: NodeApplicationContext.locationCancellation,
    });
    // CancellationType updateProcedure (0): the subscriber registered elsewhere.
    this.invoke(d, cancelLocation, { identity: { imsi: r.imsi }, cancellationType: 0 }, (o) => {
      entry.cancelOutcome = o;
    });
  }
}
