/**
 * Between a node's `SccpTcapMessage` and SCCP octets, for the transport that carries nodes over M3UA: a
 * node's output becomes a UDT, XUDT segments, or (for a returned message) a UDTS to put in M3UA DATA, and a
 * received UDT/XUDT/UDTS/XUDTS becomes a node's input. Segmented XUDTs must be reassembled first
 * (`SccpReassembler`); MTP3 point codes are the transport's (it knows which association a GT is behind).
 */
import {
  decodeSccp,
  encodeSccp,
  SCCP_MAX_HOP_COUNTER,
  SCCP_MAX_MTP_MESSAGE_LENGTH,
  type SccpAddress,
  type SccpAddressInput,
  SccpMessageType,
  segmentSccpXudt,
} from "../../codec/sccp/index.js";
import { encodeTcap } from "../../codec/tcap/index.js";
import { hash32 } from "./common.js";
import type { SccpTcapMessage } from "./map-node.js";

export interface SccpWireOptions {
  /** Q.713 §3.6: class 1 (in sequence), as MAP dialogues use. Default 1. */
  protocolClass?: 0 | 1;
  /** Q.713 §3.6: ask the network to return the message if it cannot be delivered (UDTS). Default true. */
  returnOnError?: boolean;
  /**
   * Q.713 §3.17 segmentation local reference for a message that needs XUDT segments (24 bits, unique per
   * calling address while its segments are in flight: a transport passes a counter). Default: derived
   * from the TCAP octets.
   */
  localReference?: number;
  /** Largest SCCP message (default 268: a 272-octet MTP SIF minus the routing label, Q.703 §2.3.8). */
  maxMessageLength?: number;
}

/** The TCAP octets of `m`. */
export function tcapBytes(m: SccpTcapMessage): Uint8Array {
  return m.tcap instanceof Uint8Array ? m.tcap : encodeTcap(m.tcap);
}

/**
 * The SCCP messages carrying `m`, each to go in its own M3UA DATA message: one UDT when it fits, else XUDT
 * segments (Q.714 §4.1.1.2; e.g. sendAuthenticationInfo with five vectors), or one UDTS when `m` is a
 * returned message.
 */
export function encodeSccpTcap(m: SccpTcapMessage, options: SccpWireOptions = {}): Buffer[] {
  const data = tcapBytes(m);
  if (m.returnCause !== undefined) {
    return [
      encodeSccp({
        messageType: SccpMessageType.unitdataService,
        returnCause: m.returnCause,
        called: m.called,
        calling: m.calling,
        data,
      }),
    ];
  }
  const max = options.maxMessageLength ?? SCCP_MAX_MTP_MESSAGE_LENGTH;
  const common = {
    protocolClass: options.protocolClass ?? 1,
    returnOnError: options.returnOnError ?? true,
    called: m.called,
    calling: m.calling,
    data,
  };
  if (data.length <= 255) {
    const udt = encodeSccp({ messageType: SccpMessageType.unitdata, ...common });
    if (udt.length <= max) return [udt];
  }
  return segmentSccpXudt(
    { ...common, hopCounter: SCCP_MAX_HOP_COUNTER },
    {
      localReference: options.localReference ?? hash32(Buffer.from(data).toString("latin1")) & 0xffffff,
      maxMessageLength: max,
    },
  );
}

function input(a: SccpAddress): SccpAddressInput {
  return a;
}

/**
 * A received SCCP message as a node's input: UDT and unsegmented XUDT/LUDT as they are, UDTS/XUDTS/LUDTS
 * with their return cause. Undefined for other message types and for XUDT segments. Throws DecodeError on
 * malformed SCCP. The TCAP is a view of `bytes` (no copy).
 */
export function decodeSccpTcap(
  bytes: Uint8Array,
  start = 0,
  end: number = bytes.length,
): SccpTcapMessage | undefined {
  const s = decodeSccp(bytes, start, end);
  if ("other" in s) return undefined;
  // A segment is only a whole message when it is the first and the last (Q.714 §4.1.1.2).
  const seg = "segmentation" in s ? s.segmentation : undefined;
  if (seg && !(seg.firstSegment && seg.remainingSegments === 0)) return undefined;
  const m: SccpTcapMessage = {
    calling: input(s.calling),
    called: input(s.called),
    tcap: bytes.subarray(s.dataStart, s.dataEnd),
  };
  if ("returnCause" in s) m.returnCause = s.returnCause;
  return m;
}
