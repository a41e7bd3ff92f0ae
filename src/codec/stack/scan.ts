/**
 * The hot path: the same layers as `StackDecoder`, but filling one reusable `Ss7Scan` per message with
 * the fields a firewall decides on (point codes, SCCP addresses, TCAP type and TIDs, the first component's
 * opcode, IMSI and MSISDN), allocating nothing but the digit strings. `decode` and the firewall engine use
 * the full decoder only for what they print or when a rule needs more.
 */

import { BerCursor } from "../ber/index.js";
import type { PayloadRecord } from "../capture/index.js";
import { SctpPpid, SigtranPort } from "../capture/index.js";
import { DecodeError } from "../errors.js";
import { decodeM2pa } from "../m2pa/index.js";
import { M3uaDataFields, type M3uaStreamFramer, readM3uaData } from "../m3ua/index.js";
import { LocatedIdentities, locateIdentities } from "../map/identity-paths.js";
import { decodeSccpFast, SccpFastView, SccpReassembler } from "../sccp/index.js";
import { ComponentType, ScanCode, scanTcap, TcapScan } from "../tcap/index.js";
import { TcpM3uaFramers } from "./tcp-framing.js";

/** Q.704 §14.2: service indicator of SCCP. */
const SI_SCCP = 3;

/** One scanned message. Reused: read it inside the callback, copy what you keep. */
export class Ss7Scan {
  frame = 0;
  seconds = 0;
  nanoseconds = 0;
  opc = 0;
  dpc = 0;
  sls = 0;
  /** The buffer the SCCP offsets (`sccp.*Start/End`) point into. */
  sccpBytes: Uint8Array = new Uint8Array(0);
  /** The SCCP view: message type, both addresses (`calling.digits`, `.ssn`, `.pc` …), return cause. */
  readonly sccp = new SccpFastView();
  /** The TCAP view: message type, TIDs, application context and the first component. */
  readonly tcap = new TcapScan();
  /** False when the SCCP user data was not TCAP (then only the layers below are filled). */
  tcapValid = false;
  /** False when the operation's parameter held a malformed IMSI/MSISDN (then `identities` is empty). */
  identitiesValid = true;
  /** Local opcode of the first Invoke/ReturnResult, or error code of a ReturnError; -1 when none. */
  opcode = -1;
  readonly identities = new LocatedIdentities();
}

export interface Ss7ScannerStats {
  messages: number;
  notSccp: number;
  segments: number;
  errors: number;
}

/**
 * Scans SIGTRAN payloads (M3UA or M2PA over SCTP, M3UA over TCP) and calls `onMessage`
 * with the reused `Ss7Scan` for each SS7 message. DecodeErrors are counted and passed to `onError`.
 */
export class Ss7Scanner {
  readonly stats: Ss7ScannerStats = { messages: 0, notSccp: 0, segments: 0, errors: 0 };
  readonly scan = new Ss7Scan();
  private readonly m3ua = new M3uaDataFields();
  private readonly cursor = new BerCursor(new Uint8Array(0));
  private readonly reassembler = new SccpReassembler();
  private readonly framers = new TcpM3uaFramers();

  constructor(
    private readonly onMessage: (scan: Ss7Scan) => void,
    private readonly onError: (frame: number, error: DecodeError) => void = () => {},
  ) {}

  /** Scans one payload record. Never throws DecodeError (it is reported); other errors are bugs. */
  payload(p: PayloadRecord): void {
    const s = this.scan;
    s.frame = p.frameNumber;
    s.seconds = p.seconds;
    s.nanoseconds = p.nanoseconds;
    if (p.transport === "tcp") {
      this.tcpChunk(p);
      return;
    }
    try {
      const ppid = p.ppid;
      if (
        ppid === SctpPpid.m3ua ||
        (ppid === 0 && (p.srcPort === SigtranPort.m3ua || p.dstPort === SigtranPort.m3ua))
      ) {
        this.m3uaMessage(p.bytes, p.start, p.end, p);
      } else if (
        ppid === SctpPpid.m2pa ||
        (ppid === 0 && (p.srcPort === SigtranPort.m2pa || p.dstPort === SigtranPort.m2pa))
      ) {
        this.m2paMessage(p);
      }
    } catch (e) {
      this.fail(p.frameNumber, e);
    }
  }

  private tcpChunk(p: PayloadRecord): void {
    let framer: M3uaStreamFramer | undefined;
    try {
      framer = this.framers.push(p);
      while (framer.next()) {
        try {
          this.m3uaMessage(framer.frameBytes, framer.frameStart, framer.frameEnd, p);
        } catch (e) {
          this.fail(p.frameNumber, e);
        }
      }
      // The capture reader reuses its buffers: keep only a copy of a partial message.
      framer.ownPending();
    } catch (e) {
      framer?.reset();
      this.fail(p.frameNumber, e);
    }
  }

  private fail(frame: number, e: unknown): void {
    if (!(e instanceof DecodeError)) throw e;
    this.stats.errors++;
    this.onError(frame, e);
  }

  /** Scans one M3UA message at `bytes[start, end)` (from SCTP, or a TCP framer). */
  m3uaMessage(bytes: Uint8Array, start: number, end: number, p: PayloadRecord): void {
    const d = this.m3ua;
    if (!readM3uaData(bytes, start, end, d)) return;
    if (d.si !== SI_SCCP) {
      this.stats.notSccp++;
      return;
    }
    this.sccpMessage(bytes, d.dataStart, d.dataEnd, d.opc, d.dpc, d.sls, p);
  }

  private m2paMessage(p: PayloadRecord): void {
    const m = decodeM2pa(p.bytes, p.start, p.end);
    if (m.kind !== "userData" || !m.msu) return;
    const msu = m.msu;
    if (msu.si !== SI_SCCP) {
      this.stats.notSccp++;
      return;
    }
    this.sccpMessage(msu.bytes, msu.dataStart, msu.dataEnd, msu.opc, msu.dpc, msu.sls, p);
  }

  private sccpMessage(
    bytes: Uint8Array,
    start: number,
    end: number,
    opc: number,
    dpc: number,
    sls: number,
    p: PayloadRecord,
  ): void {
    const s = this.scan;
    const v = s.sccp;
    if (!decodeSccpFast(bytes, start, end, v)) return;
    let data = bytes;
    let dataStart = v.dataStart;
    let dataEnd = v.dataEnd;
    if (v.segmented) {
      const whole = this.reassembler.acceptFast(v, bytes, p.seconds * 1000 + p.nanoseconds / 1e6, p.srcIp);
      if (whole === undefined) {
        this.stats.segments++;
        return;
      }
      // The reassembled user data (or a view of a lone segment) starts at its own index 0.
      data = whole;
      dataStart = 0;
      dataEnd = whole.length;
    }
    s.sccpBytes = bytes;
    s.opc = opc;
    s.dpc = dpc;
    s.sls = sls;
    s.opcode = -1;
    s.identities.reset();
    this.stats.messages++;
    // The SCCP part is reported even when the TCAP above it is broken; the error follows.
    try {
      scanTcap(data, dataStart, dataEnd, s.tcap);
      s.tcapValid = true;
    } catch (e) {
      s.tcapValid = false;
      s.identitiesValid = false;
      this.onMessage(s);
      throw e;
    }
    const t = s.tcap;
    s.identitiesValid = true;
    if (t.opcodeKind === ScanCode.local) {
      s.opcode = t.opcode;
      const isResult = t.componentType !== ComponentType.invoke;
      if (t.componentType !== ComponentType.returnError && t.paramStart >= 0) {
        try {
          locateIdentities(t.opcode, isResult, data, t.paramStart, t.paramEnd, this.cursor, s.identities);
        } catch (e) {
          // A malformed IMSI/MSISDN: the message is still reported (a firewall must judge it), then the error.
          s.identitiesValid = false;
          s.identities.reset();
          this.onMessage(s);
          throw e;
        }
      }
    }
    this.onMessage(s);
  }
}
