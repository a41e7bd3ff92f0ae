/**
 * A simulated SMSC (acting as SMS-GMSC): delivers a mobile-terminated SMS the way TS 23.040 §10.1 does.
 * `deliver(msisdn, text)` starts with sendRoutingInfoForSM to the recipient's HLR (shortMsgGatewayContext);
 * the answer names the IMSI and the serving MSC, to which it sends mt-forwardSM (shortMsgMT-RelayContext)
 * with an SMS-DELIVER TPDU. Each delivery ends `delivered` or `failed` (with the reason), reported through
 * `onReport` and kept in `deliveries`. Whatever MSC the HLR names gets the SMS: after a forged
 * updateLocation, that is the attacker's GT (SMS interception).
 *
 * Not done: store-and-forward (no retry, no reportSM-DeliveryStatus, no alertServiceCentre).
 */
import { mtForwardSM } from "../../codec/map/operations/mtForwardSM.js";
import { sendRoutingInfoForSM } from "../../codec/map/operations/sendRoutingInfoForSM.js";
import { HOME, type LabNode, Ssn } from "../network.js";
import { isdn, smsDeliverTpdu, whole } from "../traffic.js";
import { isE164, NodeApplicationContext, networkOfMsisdn, pushBounded } from "./common.js";
import {
  addressOf,
  describeOutcome,
  type InvokeOutcome,
  MapNode,
  type MapNodeOptions,
  type SccpTcapMessage,
} from "./map-node.js";

export type SmsDeliveryState = "routing" | "forwarding" | "delivered" | "failed";

export interface SmsDelivery {
  readonly id: number;
  readonly msisdn: string;
  readonly text: string;
  state: SmsDeliveryState;
  /** From the SRI-SM answer. */
  imsi?: string;
  /** The MSC the HLR named (networkNode-Number), where mt-forwardSM went. */
  msc?: string;
  /** Why it failed ("routing: error unknownSubscriber (1)"). */
  failure?: string;
  /** The outcome of the step that ended it. */
  outcome?: InvokeOutcome;
  readonly startedAtMs: number;
  finishedAtMs?: number;
}

export interface SmscOptions extends Partial<MapNodeOptions> {
  /** The SMSC node it is. Default HOME.smsc. */
  node?: LabNode;
  /** TP-OA of the SMS it sends (digits). Default the SMSC's GT. */
  originator?: string;
  /** Called when a delivery ends. */
  onReport?: (d: SmsDelivery) => void;
  /** Deliveries kept in `deliveries`. Default 1,000. */
  maxLog?: number;
}

/** TS 23.040 §9.2.3.16 limit: 160 GSM 7-bit characters in one SMS. */
const MAX_TEXT = 160;

export class Smsc extends MapNode {
  readonly node: LabNode;
  readonly deliveries: SmsDelivery[] = [];
  private readonly originator: string;
  private readonly onReport: ((d: SmsDelivery) => void) | undefined;
  private readonly maxLog: number;
  private nextId = 1;

  constructor(options: SmscOptions = {}) {
    const node = options.node ?? HOME.smsc;
    super({ ...options, name: options.name ?? node.name, gt: options.gt ?? node.gt });
    this.node = node;
    this.originator = options.originator ?? node.gt;
    this.onReport = options.onReport;
    this.maxLog = options.maxLog ?? 1_000;
  }

  /**
   * Starts delivering `text` to `msisdn`; returns the delivery (updated in place as it progresses) and the
   * SRI-SM Begin to send. The HLR is the one of the MSISDN's network (`hlr` overrides it).
   */
  deliver(
    msisdn: string,
    text: string,
    nowMs: number,
    options: { hlr?: string } = {},
  ): { delivery: SmsDelivery; messages: SccpTcapMessage[] } {
    if ([...text].length > MAX_TEXT) throw new RangeError(`an SMS holds at most ${MAX_TEXT} characters`);
    const hlrGt = options.hlr ?? networkOfMsisdn(msisdn)?.hlr.gt;
    if (hlrGt === undefined) throw new RangeError(`no HLR known for MSISDN ${msisdn}`);
    const delivery: SmsDelivery = { id: this.nextId++, msisdn, text, state: "routing", startedAtMs: nowMs };
    pushBounded(this.deliveries, delivery, this.maxLog);
    const messages = this.run(nowMs, () => {
      const d = this.open({
        called: addressOf(hlrGt, Ssn.hlr),
        calling: this.here(),
        acn: NodeApplicationContext.shortMsgGateway,
      });
      this.invoke(
        d,
        sendRoutingInfoForSM,
        { msisdn: isdn(msisdn), smRpPri: true, serviceCentreAddress: isdn(this.gt) },
        (o) => {
          if (o.type !== "result" || !o.result) return this.finish(delivery, o, "routing");
          delivery.imsi = o.result.imsi;
          delivery.msc = o.result.locationInfoWithLmsi.networkNodeNumber.digits;
          if (!isE164(delivery.msc)) return this.finish(delivery, o, "routing", "no usable MSC number");
          this.forward(delivery);
        },
      );
    });
    return { delivery, messages };
  }

  private here(): ReturnType<typeof addressOf> {
    return addressOf(this.gt, Ssn.msc);
  }

  private forward(delivery: SmsDelivery): void {
    delivery.state = "forwarding";
    const d = this.open({
      called: addressOf(delivery.msc!, Ssn.msc),
      calling: this.here(),
      acn: NodeApplicationContext.shortMsgMtRelay,
    });
    const tpdu = smsDeliverTpdu(this.originator, delivery.text, this.nowMs * 1e6);
    this.invoke(
      d,
      mtForwardSM,
      {
        smRpDa: { kind: "imsi", imsi: delivery.imsi! },
        smRpOa: { kind: "serviceCentreAddressOA", serviceCentreAddressOA: isdn(this.gt) },
        smRpUi: whole(tpdu),
      },
      (o) => this.finish(delivery, o, "forwarding"),
    );
  }

  private finish(delivery: SmsDelivery, o: InvokeOutcome, step: string, problem?: string): void {
    delivery.outcome = o;
    delivery.finishedAtMs = this.nowMs;
    if (o.type === "result" && step === "forwarding") {
      delivery.state = "delivered";
    } else {
      delivery.state = "failed";
      delivery.failure = `${step}: ${o.type === "result" ? (problem ?? "empty result") : describeOutcome(o)}`;
    }
    this.onReport?.(delivery);
  }
}
