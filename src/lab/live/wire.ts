/**
 * Between the simulated nodes' `SccpTcapMessage`s and M3UA DATA on a live association: the routing label a
 * lab node sends with (SI 3 SCCP, NI 2 national, as the lab's captures use), one DATA message per SCCP
 * message (a UDT, a UDTS, or each XUDT segment), and the way back: DATA → SCCP → a node's input, with XUDT
 * segments reassembled per association.
 */
import { DecodeError } from "../../codec/errors.js";
import { encodeM3ua, M3uaDataFields, m3uaData, readM3uaData } from "../../codec/m3ua/index.js";
import { decodeSccp, SccpReassembler } from "../../codec/sccp/index.js";
import { HOME, type LabNode, Ssn } from "../network.js";
import { encodeSccpTcap, gtOf, type SccpTcapMessage } from "../nodes/index.js";

/** Q.704 §14.2.1: service indicator 3 = SCCP; network indicator 2 = national. */
export const SI_SCCP = 3;
export const NI_NATIONAL = 2;

/** What one DATA message carries besides its SCCP bytes. */
export interface Label {
  opc: number;
  dpc: number;
  /** Signalling link selection, 0–15 (ITU). */
  sls: number;
}

/** One M3UA DATA message per SCCP message of `m` (UDT, UDTS, or XUDT segments), all with `label`. */
export function encodeData(m: SccpTcapMessage, label: Label, routingContext?: number): Buffer[] {
  return encodeSccpTcap(m).map((sccp) =>
    encodeM3ua(
      m3uaData(
        { opc: label.opc, dpc: label.dpc, si: SI_SCCP, ni: NI_NATIONAL, mp: 0, sls: label.sls & 0x0f },
        sccp,
        routingContext === undefined ? {} : { routingContext },
      ),
    ),
  );
}

/** A received DATA message, read: its label and the node input it carries. */
export interface Received {
  label: Label;
  message: SccpTcapMessage;
}

/**
 * Reads DATA messages of one association into node inputs: SCCP UDT/UDTS as they are, XUDT/XUDTS segments
 * reassembled (T(reass) 10 s, bounded). Anything that is not SCCP unitdata, or does not decode, is counted
 * in `skipped` and yields undefined. The returned message owns its bytes (no view into a socket buffer).
 */
export class DataReader {
  private readonly fields = new M3uaDataFields();
  private readonly reassembler = new SccpReassembler({ timeout: 10_000, maxEntries: 256 });
  skipped = 0;

  read(bytes: Uint8Array, start: number, end: number, nowMs: number): Received | undefined {
    const f = this.fields;
    try {
      if (!readM3uaData(bytes, start, end, f) || f.si !== SI_SCCP) {
        this.skipped++;
        return undefined;
      }
      const sccp = decodeSccp(bytes, f.dataStart, f.dataEnd);
      if ("other" in sccp) {
        this.skipped++;
        return undefined;
      }
      const data = this.reassembler.accept(sccp, bytes, nowMs, String(f.opc));
      if (data === undefined) return undefined; // a segment: the rest is still to come
      const message: SccpTcapMessage = {
        calling: { ...sccp.calling },
        called: { ...sccp.called },
        tcap: Uint8Array.from(data),
      };
      if ("returnCause" in sccp) message.returnCause = sccp.returnCause;
      return { label: { opc: f.opc, dpc: f.dpc, sls: f.sls }, message };
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.skipped++;
      return undefined;
    }
  }
}

/** The home network's nodes, by GT and subsystem (the VLR and the MSC share a GT, not a point code). */
export function homeNodeOf(m: SccpTcapMessage["calling"]): LabNode | undefined {
  const gt = gtOf(m);
  if (gt === HOME.hlr.gt) return HOME.hlr;
  if (gt === HOME.smsc.gt) return HOME.smsc;
  if (gt === HOME.vlr.gt) return m.ssn === Ssn.vlr ? HOME.vlr : HOME.msc;
  return undefined;
}

/** The returned form of `m` (an SCCP UDTS back to its sender), or undefined when `m` is itself returned. */
export function returned(m: SccpTcapMessage, returnCause: number): SccpTcapMessage | undefined {
  if (m.returnCause !== undefined) return undefined;
  return { calling: m.called, called: m.calling, tcap: m.tcap, returnCause };
}
