/**
 * A roaming partner on the live interconnect: a `ForeignNetwork` (it originates SMS deliveries, roaming
 * attaches and whatever a scenario has it send, and acts as the VLR/MSC of its GTs) that is also the HLR of
 * its own subscribers, so one of them can switch on in the home network: the home MSC/VLR's
 * sendAuthenticationInfo and updateLocation reach the partner's HLR GT and are answered as an HLR would
 * (vectors; insertSubscriberData inside the updateLocation dialogue, then the HLR number).
 */
import { MapErrorCode } from "../../codec/map/errors.js";
import { insertSubscriberData } from "../../codec/map/operations/insertSubscriberData.js";
import { sendAuthenticationInfo } from "../../codec/map/operations/sendAuthenticationInfo.js";
import { updateLocation } from "../../codec/map/operations/updateLocation.js";
import type { LabNetwork } from "../network.js";
import { ForeignNetwork, type ForeignNetworkOptions } from "../nodes/index.js";
import { isdn, type LabSubscriber, subscriber } from "../traffic.js";

/** TS 29.002 §17.7.9 teleservice codes: telephony, SMS MT-PP, SMS MO-PP. */
const TELESERVICES = [Uint8Array.of(0x11), Uint8Array.of(0x21), Uint8Array.of(0x22)];

export class PartnerNetwork extends ForeignNetwork {
  readonly network: LabNetwork;
  /** IMSIs whose location this partner's HLR has updated, with the VLR that registered them. */
  readonly registered = new Map<string, string>();

  constructor(network: LabNetwork, options: Partial<ForeignNetworkOptions> = {}) {
    super({
      ...options,
      name: options.name ?? network.name,
      gts: options.gts ?? [...new Set([network.smsc.gt, network.hlr.gt, network.vlr.gt, network.msc.gt])],
    });
    this.network = network;
    this.serveAsHlr();
  }

  /** Subscriber `imsi` of this network, when it is one of the lab's. */
  subscriberOf(imsi: string): LabSubscriber | undefined {
    const plmn = this.network.mcc + this.network.mnc;
    if (!imsi.startsWith(plmn)) return undefined;
    const index = Number(imsi.slice(plmn.length));
    if (!Number.isSafeInteger(index) || index < 1 || index > 99_999) return undefined;
    const s = subscriber(this.network, index);
    return s.imsi === imsi ? s : undefined;
  }

  private serveAsHlr(): void {
    this.serve(sendAuthenticationInfo, (req) => {
      if (!this.subscriberOf(req.argument.imsi)) return req.error(MapErrorCode.unknownSubscriber);
      const n = Math.min(5, Math.max(1, req.argument.numberOfRequestedVectors ?? 1));
      if (req.argument.form === "v2") {
        return req.result({
          form: "v2",
          tripletList: Array.from({ length: n }, () => ({
            rand: this.rnd.bytes(16),
            sres: this.rnd.bytes(4),
            kc: this.rnd.bytes(8),
          })),
        });
      }
      req.result({
        quintupletList: Array.from({ length: n }, () => ({
          rand: this.rnd.bytes(16),
          xres: this.rnd.bytes(8),
          ck: this.rnd.bytes(16),
          ik: this.rnd.bytes(16),
          autn: this.rnd.bytes(16),
        })),
      });
    });

    this.serve(updateLocation, (req) => {
      const s = this.subscriberOf(req.argument.imsi);
      if (!s) return req.error(MapErrorCode.unknownSubscriber);
      const vlr = req.argument.vlrNumber.digits;
      // TS 23.012 §3.6.1.2: the subscriber data goes to the new VLR inside the same dialogue, then the answer.
      req.invoke(
        insertSubscriberData,
        { msisdn: isdn(s.msisdn), category: 0x0a, subscriberStatus: 0, teleserviceList: TELESERVICES },
        (o) => {
          if (o.type !== "result") return req.error(MapErrorCode.systemFailure);
          this.registered.set(s.imsi, vlr);
          const hlrNumber = isdn(this.network.hlr.gt);
          req.result(req.dialogue.acn?.endsWith(".1") ? { form: "v1", hlrNumber } : { hlrNumber });
        },
      );
    });
  }
}
