/** Encodes lab messages down the stack (TCAP → SCCP UDT → M3UA DATA → SCTP/IPv4/Ethernet) into a pcap. */
import { PacketBuilder, PcapWriter, SctpPpid } from "../codec/capture/index.js";
import { encodeM3ua, m3uaData } from "../codec/m3ua/index.js";
import { encodeSccp } from "../codec/sccp/index.js";
import { encodeTcap } from "../codec/tcap/index.js";
import type { LabMessage } from "./traffic.js";

/** Q.704 §14.2.1: service indicator 3 = SCCP; network indicator 2 = national (as most interconnects use). */
const SI_SCCP = 3;
const NI_NATIONAL = 2;
const M3UA_PORT = 2905;

interface Association {
  tsn: number;
  streamSequence: number;
  verificationTag: number;
}

/** The M3UA DATA message carrying `m` (what an STP would put on the wire). */
export function encodeLabMessage(m: LabMessage, sls = 0): Buffer {
  const tcap = encodeTcap(m.tcap);
  const sccp = encodeSccp({
    messageType: 0x09,
    // Q.713 §3.6: class 1 (in-sequence) for dialogues, as MAP uses; no return on error.
    protocolClass: 1,
    returnOnError: false,
    called: m.called,
    calling: m.calling,
    data: tcap,
  });
  return encodeM3ua(
    m3uaData({ opc: m.from.pc, dpc: m.to.pc, si: SI_SCCP, ni: NI_NATIONAL, mp: 0, sls }, sccp, {
      routingContext: 1,
    }),
  );
}

export class LabCaptureWriter {
  private readonly pcap = new PcapWriter({ nanoseconds: true });
  private readonly builder = new PacketBuilder();
  private readonly associations = new Map<string, Association>();
  packets = 0;

  /** Appends one message as one SCTP packet with one DATA chunk (PPID 3, M3UA). */
  add(m: LabMessage): void {
    const key = `${m.from.ip}>${m.to.ip}`;
    let a = this.associations.get(key);
    if (!a) {
      a = { tsn: 1, streamSequence: 0, verificationTag: 0x5c5c0000 + this.associations.size };
      this.associations.set(key, a);
    }
    const m3ua = encodeLabMessage(m, this.packets & 0x0f);
    const frame = this.builder.sctp({
      srcIp: m.from.ip,
      dstIp: m.to.ip,
      srcPort: M3UA_PORT,
      dstPort: M3UA_PORT,
      verificationTag: a.verificationTag,
      chunks: [{ tsn: a.tsn, stream: 1, ssn: a.streamSequence, ppid: SctpPpid.m3ua, data: m3ua }],
    });
    a.tsn = (a.tsn + 1) >>> 0;
    a.streamSequence = (a.streamSequence + 1) & 0xffff;
    const seconds = Math.floor(m.timeNs / 1e9);
    this.pcap.writePacket(seconds, m.timeNs - seconds * 1e9, frame);
    this.packets++;
  }

  /** The capture bytes written so far, as chunks (to stream to a file). */
  takeChunks(): Uint8Array[] {
    return this.pcap.takeChunks();
  }
}
