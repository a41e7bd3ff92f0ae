/**
 * The egress guard: the last check before any message leaves through the aggregator's own global titles.
 * Those GTs are leased for SMS delivery, so the only MAP operations they may invoke are the SMS-delivery
 * set — sendRoutingInfoForSM, mt-forwardSM (forwardSM in shortMsgMT-Relay v2), reportSM-DeliveryStatus —
 * in the SMS application contexts. Answers to what peers send us (results, errors, rejects) and the ends
 * and aborts of our own dialogues pass. Anything else is refused, and every refusal is reported to the
 * caller's `onRefused` (to audit and alert): the allowed set is a constant of the code, not configuration,
 * so it cannot be widened silently.
 *
 * It reads every component, not just the first, and the whole SCCP/TCAP message as it will be sent: a
 * message it cannot decode is refused too.
 */
import { DecodeError } from "../codec/errors.js";
import { M3uaDataFields, readM3uaData } from "../codec/m3ua/index.js";
import { MapApplicationContext, MapOperation } from "../codec/map/operations.js";
import { decodeSccp } from "../codec/sccp/index.js";
import { decodeTcap } from "../codec/tcap/index.js";

/** Operations our GTs may invoke, with the application contexts (acId → versions) each may use. */
const SMS_DELIVERY: ReadonlyMap<number, ReadonlyMap<number, readonly number[]>> = new Map<
  number,
  ReadonlyMap<number, readonly number[]>
>([
  [
    MapOperation.sendRoutingInfoForSM,
    new Map<number, readonly number[]>([[MapApplicationContext.shortMsgGatewayContext, [1, 2, 3]]]),
  ],
  [
    MapOperation.mtForwardSM,
    new Map<number, readonly number[]>([[MapApplicationContext.shortMsgMTRelayContext, [3]]]),
  ],
  // forwardSM (46) carried MT short messages in MAP v1/v2 (shortMsgMT-RelayContext-v2, shortMsgRelayContext-v1).
  [
    MapOperation.moForwardSM,
    new Map<number, readonly number[]>([
      [MapApplicationContext.shortMsgMTRelayContext, [2]],
      [MapApplicationContext.shortMsgMORelayContext, [1]],
    ]),
  ],
  [
    MapOperation.reportSMDeliveryStatus,
    new Map<number, readonly number[]>([[MapApplicationContext.shortMsgGatewayContext, [1, 2, 3]]]),
  ],
]);

const MAP_AC_PREFIX = "0.4.0.0.1.0.";

export type EgressVerdict = { allowed: true } | { allowed: false; reason: string; opcode?: number };

export interface EgressRefusal {
  reason: string;
  opcode: number | undefined;
  opc: number;
  dpc: number;
  callingGt: string | undefined;
  calledGt: string | undefined;
}

export class EgressGuard {
  refused = 0;
  passed = 0;
  private readonly fields = new M3uaDataFields();

  constructor(private readonly onRefused: (refusal: EgressRefusal) => void) {}

  /** Judges one M3UA DATA message about to be sent from our GTs. Never throws. */
  check(bytes: Uint8Array, start = 0, end = bytes.length): EgressVerdict {
    const v = this.judge(bytes, start, end);
    if (v.allowed) this.passed++;
    else this.refused++;
    return v;
  }

  private judge(bytes: Uint8Array, start: number, end: number): EgressVerdict {
    const f = this.fields;
    let sccp: ReturnType<typeof decodeSccp>;
    let tcap: ReturnType<typeof decodeTcap>;
    try {
      if (!readM3uaData(bytes, start, end, f))
        return this.refuse("not an M3UA DATA message", undefined, undefined, undefined);
      if (f.si !== 3)
        return this.refuse(`service indicator ${f.si}, only SCCP may leave`, undefined, undefined, undefined);
      sccp = decodeSccp(bytes, f.dataStart, f.dataEnd);
      if (!("dataStart" in sccp))
        return this.refuse("not an SCCP unitdata message", undefined, undefined, undefined);
      tcap = decodeTcap(bytes, sccp.dataStart, sccp.dataEnd);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      return this.refuse(`undecodable: ${e.message}`, undefined, undefined, undefined);
    }
    const calling = sccp.calling.gt?.digits;
    const called = sccp.called.gt?.digits;
    if (tcap.type === "abort") return { allowed: true };
    const components = tcap.components ?? [];
    const acn =
      tcap.dialogue && "applicationContext" in tcap.dialogue
        ? (tcap.dialogue.applicationContext as string)
        : undefined;
    for (const c of components) {
      if (c.type !== "invoke") continue;
      if (c.opcode.type !== "local")
        return this.refuse(`global operation code ${c.opcode.oid}`, undefined, calling, called);
      const op = c.opcode.value;
      const contexts = SMS_DELIVERY.get(op);
      if (!contexts) return this.refuse(`operation ${op} is not SMS delivery`, op, calling, called);
      if (tcap.type === "begin" || tcap.type === "unidirectional") {
        if (acn === undefined) {
          // A MAP v1 dialogue has no dialogue portion: only the operations that existed in v1.
          const v1 = [...contexts.values()].some((versions) => versions.includes(1));
          if (!v1) return this.refuse(`operation ${op} without an application context`, op, calling, called);
        } else {
          if (!acn.startsWith(MAP_AC_PREFIX))
            return this.refuse(`application context ${acn} is not MAP`, op, calling, called);
          const [acId, version] = acn.slice(MAP_AC_PREFIX.length).split(".").map(Number);
          if (!contexts.get(acId!)?.includes(version!))
            return this.refuse(`operation ${op} in application context ${acn}`, op, calling, called);
        }
      }
    }
    return { allowed: true };
  }

  private refuse(
    reason: string,
    opcode: number | undefined,
    callingGt: string | undefined,
    calledGt: string | undefined,
  ): EgressVerdict {
    this.onRefused({ reason, opcode, opc: this.fields.opc, dpc: this.fields.dpc, callingGt, calledGt });
    return opcode === undefined ? { allowed: false, reason } : { allowed: false, reason, opcode };
  }
}
