/**
 * The layers composed: a SIGTRAN payload found in a capture (or read off an association) →
 * M3UA DATA or M2PA/MTP3 → SCCP connectionless (XUDT segments reassembled) → TCAP → MAP.
 * Pure and deterministic: state (TCP framers, SCCP reassembly) is driven by the timestamps passed in.
 */

import { toHex } from "../bytes.js";
import type { PayloadRecord } from "../capture/index.js";
import { sigtranProtocol } from "../capture/index.js";
import { DecodeError } from "../errors.js";
import type { AddressString } from "../gsm/index.js";
import { decodeM2pa } from "../m2pa/index.js";
import { M3UA_HEADER_LENGTH, M3uaDataFields, type M3uaStreamFramer, readM3uaData } from "../m3ua/index.js";
import { decodeMapDialogue } from "../map/dialogue.js";
import { mapValueToJson } from "../map/json.js";
import { mapComponentIdentities, mapErrorName, mapOperationName } from "../map/names.js";
import { applicationContextByOid } from "../map/operations.js";
import { mapOperationCodec } from "../map/registry.js";
import type { SccpAddress } from "../sccp/index.js";
import {
  decodeSccp,
  SccpMessageTypeAcronym,
  SccpReassembler,
  type SccpReassemblerOptions,
  SccpRoutingIndicator,
} from "../sccp/index.js";
import {
  decodeTcap,
  ProblemType,
  type TcapComponent,
  type TcapDialogue,
  type TcapMessage,
} from "../tcap/index.js";
import type { Ss7Address, Ss7Component, Ss7Message, Ss7Number, Ss7Tcap, TcapTypeName } from "./message.js";
import { TcpM3uaFramers } from "./tcp-framing.js";

/** Q.704 §14.2: service indicator of SCCP. */
const SI_SCCP = 3;

export interface StackDecoderOptions {
  sccpReassembly?: SccpReassemblerOptions;
  /** Most concurrent TCP flows framed at once; the least recently used is dropped. Default 4096. */
  maxTcpFlows?: number;
}

export interface StackDecoderStats {
  payloads: number;
  /** M3UA messages other than DATA (ASPSM, ASPTM, MGMT, SSNM, RKM): signalling-link traffic, not SS7 messages. */
  m3uaManagement: number;
  /** M2PA Link Status and empty User Data. */
  m2paLinkMessages: number;
  /** MTP3-user data other than SCCP (ISUP, TUP, MTP management…). */
  notSccp: number;
  /** SCCP message types other than UDT/XUDT/UDTS/XUDTS/LUDT/LUDTS. */
  sccpOther: number;
  /** XUDT segments held for reassembly (reported with the last). */
  sccpSegments: number;
  messages: number;
  errors: number;
}

/** Where and why a payload could not be decoded. Reported, counted, never thrown past the decoder. */
export interface StackDecodeProblem {
  frame: number;
  layer: string;
  offset: number;
  reason: string;
}

const TCAP_NAMES: Record<TcapMessage["type"], TcapTypeName> = {
  unidirectional: "Unidirectional",
  begin: "Begin",
  continue: "Continue",
  end: "End",
  abort: "Abort",
};

const PROBLEM_TYPE_NAMES: Record<number, string> = {
  [ProblemType.general]: "general",
  [ProblemType.invoke]: "invoke",
  [ProblemType.returnResult]: "returnResult",
  [ProblemType.returnError]: "returnError",
};

export class StackDecoder {
  readonly stats: StackDecoderStats = {
    payloads: 0,
    m3uaManagement: 0,
    m2paLinkMessages: 0,
    notSccp: 0,
    sccpOther: 0,
    sccpSegments: 0,
    messages: 0,
    errors: 0,
  };
  private readonly reassembler: SccpReassembler;
  private readonly framers: TcpM3uaFramers;
  private readonly m3ua = new M3uaDataFields();

  constructor(options: StackDecoderOptions = {}) {
    this.reassembler = new SccpReassembler(options.sccpReassembly);
    this.framers = new TcpM3uaFramers(options.maxTcpFlows);
  }

  /**
   * Decodes one payload record into zero or more messages (TCP chunks can hold several M3UA messages;
   * an XUDT segment yields nothing until its last sibling). Problems go to `onProblem`, never thrown.
   */
  decode(
    p: PayloadRecord,
    onProblem: (problem: StackDecodeProblem) => void,
    out: Ss7Message[] = [],
  ): Ss7Message[] {
    this.stats.payloads++;
    this.onProblem = onProblem;
    this.frame = p.frameNumber;
    const proto = p.transport === "tcp" ? "m3ua" : sigtranProtocol(p.ppid, p.srcPort, p.dstPort);
    if (proto === undefined || proto === "sua") return out;
    if (p.transport === "tcp") {
      this.decodeTcpChunk(p, out);
      return out;
    }
    try {
      if (proto === "m3ua") this.decodeM3ua(p, p.bytes, p.start, p.end, out);
      else this.decodeM2pa(p, out);
    } catch (e) {
      this.report(e);
    }
    return out;
  }

  private onProblem: (problem: StackDecodeProblem) => void = () => {};
  private frame = 0;

  /** Counts and reports a DecodeError; anything else is a bug and propagates. */
  private report(e: unknown): void {
    if (!(e instanceof DecodeError)) throw e;
    this.stats.errors++;
    this.onProblem({ frame: this.frame, layer: e.layer, offset: e.offset, reason: e.reason });
  }

  private decodeTcpChunk(p: PayloadRecord, out: Ss7Message[]): void {
    let framer: M3uaStreamFramer | undefined;
    try {
      framer = this.framers.push(p);
      while (framer.next()) {
        try {
          this.decodeM3ua(p, framer.frameBytes, framer.frameStart, framer.frameEnd, out);
        } catch (e) {
          this.report(e);
        }
      }
      // The capture reader reuses its buffers: keep only a copy of a partial message.
      framer.ownPending();
    } catch (e) {
      // The framer cannot resynchronise a byte stream: drop what it holds and start again with the next chunk.
      framer?.reset();
      this.report(e);
    }
  }

  private decodeM3ua(
    p: PayloadRecord,
    bytes: Uint8Array,
    start: number,
    end: number,
    out: Ss7Message[],
  ): void {
    const d = this.m3ua;
    if (end - start >= M3UA_HEADER_LENGTH && !readM3uaData(bytes, start, end, d)) {
      this.stats.m3uaManagement++;
      return;
    }
    if (end - start < M3UA_HEADER_LENGTH) readM3uaData(bytes, start, end, d); // throws the typed error
    if (d.si !== SI_SCCP) {
      this.stats.notSccp++;
      return;
    }
    this.decodeSccp(p, "m3ua", d.opc, d.dpc, d.si, d.ni, d.sls, bytes, d.dataStart, d.dataEnd, out);
  }

  private decodeM2pa(p: PayloadRecord, out: Ss7Message[]): void {
    const m = decodeM2pa(p.bytes, p.start, p.end);
    if (m.kind !== "userData" || !m.msu) {
      this.stats.m2paLinkMessages++;
      return;
    }
    const msu = m.msu;
    if (msu.si !== SI_SCCP) {
      this.stats.notSccp++;
      return;
    }
    this.decodeSccp(
      p,
      "m2pa",
      msu.opc,
      msu.dpc,
      msu.si,
      msu.ni,
      msu.sls,
      msu.bytes,
      msu.dataStart,
      msu.dataEnd,
      out,
    );
  }

  private decodeSccp(
    p: PayloadRecord,
    sigtran: "m3ua" | "m2pa",
    opc: number,
    dpc: number,
    si: number,
    ni: number,
    sls: number,
    bytes: Uint8Array,
    start: number,
    end: number,
    out: Ss7Message[],
  ): void {
    const sccp = decodeSccp(bytes, start, end);
    if ("other" in sccp) {
      this.stats.sccpOther++;
      return;
    }
    const nowMs = p.seconds * 1000 + p.nanoseconds / 1e6;
    const flowKey = `${p.srcIp}:${p.srcPort}>${p.dstIp}:${p.dstPort}/${opc}>${dpc}`;
    const data = this.reassembler.accept(sccp, bytes, nowMs, flowKey);
    if (data === undefined) {
      this.stats.sccpSegments++;
      return;
    }
    const msg: Ss7Message = {
      frame: p.frameNumber,
      seconds: p.seconds,
      nanoseconds: p.nanoseconds,
      transport: p.transport,
      sigtran,
      src: `${p.srcIp}:${p.srcPort}`,
      dst: `${p.dstIp}:${p.dstPort}`,
      opc,
      dpc,
      si,
      ni,
      sls,
      sccp: {
        type:
          SccpMessageTypeAcronym[sccp.messageType as keyof typeof SccpMessageTypeAcronym] ??
          String(sccp.messageType),
        calling: address(sccp.calling),
        called: address(sccp.called),
      },
      components: [],
    };
    if ("returnCause" in sccp && sccp.returnCause !== undefined) msg.sccp.returnCause = sccp.returnCause;
    if ("segmentation" in sccp && sccp.segmentation) msg.sccp.reassembled = true;
    this.stats.messages++;
    out.push(msg);
    // The TCAP below may fail on its own; the SCCP part is still reported, with the reason.
    try {
      decodeTcapInto(msg, data, 0, data.length);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      msg.error = e.message;
      throw e;
    }
  }
}

function address(a: SccpAddress): Ss7Address {
  const out: Ss7Address = { ri: a.routingIndicator === SccpRoutingIndicator.routeOnSsn ? "ssn" : "gt" };
  if (a.gt) {
    out.gt = a.gt.digits;
    if (a.gt.tt !== undefined) out.tt = a.gt.tt;
    if (a.gt.np !== undefined) out.np = a.gt.np;
    if (a.gt.nai !== undefined) out.nai = a.gt.nai;
  }
  if (a.ssn !== undefined) out.ssn = a.ssn;
  if (a.pc !== undefined) out.pc = a.pc;
  return out;
}

const DIALOGUE_NAMES: Record<TcapDialogue["type"], string> = {
  aarq: "AARQ",
  aare: "AARE",
  abrt: "ABRT",
  audt: "AUDT",
  external: "EXTERNAL",
};

function decodeTcapInto(msg: Ss7Message, bytes: Uint8Array, start: number, end: number): void {
  const t = decodeTcap(bytes, start, end);
  const tcap: Ss7Tcap = { type: TCAP_NAMES[t.type] };
  if ("otid" in t) tcap.otid = t.otid;
  if ("dtid" in t) tcap.dtid = t.dtid;
  if (t.dialogue) {
    tcap.dialogue = DIALOGUE_NAMES[t.dialogue.type];
    if ("applicationContext" in t.dialogue) tcap.acn = t.dialogue.applicationContext;
    const d = t.dialogue;
    if (d.type !== "external" && d.userInformationStart !== undefined && d.userInformationEnd !== undefined) {
      const pdu = decodeMapDialogue(bytes, d.userInformationStart, d.userInformationEnd);
      if (pdu) {
        tcap.mapDialogue = { pdu: pdu.pdu };
        if (pdu.destinationReference)
          tcap.mapDialogue.destinationReference = number(pdu.destinationReference);
        if (pdu.originatingReference)
          tcap.mapDialogue.originatingReference = number(pdu.originatingReference);
      }
    }
  }
  if (t.type === "abort" && t.pAbortCause !== undefined) tcap.pAbortCause = t.pAbortCause;
  msg.tcap = tcap;
  if (t.type === "abort") return;
  const isMap = isMapDialogue(tcap.acn, msg.sccp.calling.ssn, msg.sccp.called.ssn);
  for (const c of t.components ?? []) msg.components.push(component(c, bytes, isMap));
}

function number(a: AddressString): Ss7Number {
  return { digits: a.digits, nai: a.natureOfAddress, np: a.numberingPlan };
}

/** TS 23.003 / Q.713 subsystems that speak MAP (HLR, VLR, MSC, EIR, AuC, SGSN, GGSN, SMLC, GMLC…). */
const MAP_SSNS = new Set([5, 6, 7, 8, 9, 10, 145, 147, 149, 150, 151, 152, 153, 154]);

/**
 * Whether a dialogue's components are MAP: by its application context when it names one (a MAP AC, not
 * CAP's 0.4.0.0.1.0.50–52 or 0.4.0.0.1.21–23), else by subsystem, as Wireshark decides. CAP reuses MAP's
 * opcode numbers (CAP 23 requestReportBCSMEvent, MAP 23 updateGprsLocation), so the name matters.
 */
function isMapDialogue(
  acn: string | undefined,
  callingSsn: number | undefined,
  calledSsn: number | undefined,
): boolean {
  if (acn !== undefined) return applicationContextByOid(acn) !== undefined;
  return MAP_SSNS.has(calledSsn ?? -1) || MAP_SSNS.has(callingSsn ?? -1);
}

function component(c: TcapComponent, bytes: Uint8Array, isMap: boolean): Ss7Component {
  const out: Ss7Component = { type: c.type };
  if (c.type === "reject") {
    if (c.invokeId !== null) out.invokeId = c.invokeId;
    out.problemType = PROBLEM_TYPE_NAMES[c.problemType] ?? String(c.problemType);
    out.problem = c.problem;
    return out;
  }
  out.invokeId = c.invokeId;
  if (c.type === "invoke" && c.linkedId !== undefined) out.linkedId = c.linkedId;
  if (c.type === "returnError") {
    if (c.errorCode.type === "local") {
      out.errorCode = c.errorCode.value;
      const name = isMap ? mapErrorName(c.errorCode.value) : undefined;
      if (name) out.error = name;
    }
    return out;
  }
  const code = c.opcode;
  if (!code) return out;
  if (code.type === "global") {
    out.opcodeOid = code.oid;
    return out;
  }
  out.opcode = code.value;
  if (!isMap) {
    if (c.paramStart !== undefined && c.paramEnd !== undefined)
      out.parameter = toHex(bytes, c.paramStart, c.paramEnd);
    return out;
  }
  const name = mapOperationName(code.value);
  if (name) out.operation = name;
  if (c.paramStart !== undefined && c.paramEnd !== undefined) {
    const isResult = c.type !== "invoke";
    try {
      const ids = mapComponentIdentities(code.value, isResult, bytes, c.paramStart, c.paramEnd);
      if (ids.imsi !== undefined) out.imsi = ids.imsi;
      if (ids.msisdn !== undefined) out.msisdn = ids.msisdn;
      const codec = mapOperationCodec(code.value);
      const decodeParameter = isResult ? codec?.decodeResult : codec?.decodeArgument;
      if (codec && decodeParameter) {
        const value = mapValueToJson(decodeParameter.call(codec, bytes, c.paramStart, c.paramEnd));
        if (isResult) out.result = value;
        else out.argument = value;
      } else {
        out.parameter = toHex(bytes, c.paramStart, c.paramEnd);
      }
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      out.parameterError = e.message;
      out.parameter = toHex(bytes, c.paramStart, c.paramEnd);
    }
  }
  return out;
}
