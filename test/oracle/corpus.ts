/**
 * A varied, reproducible corpus of SS7 messages for the tshark oracle: fast-check draws the message
 * (SCCP form, addressing, TCAP type, dialogue, components, MAP operation and identities) and the
 * transport (M3UA/SCTP with PPID 3 or 0, M2PA/MTP3, several M3UA messages bundled in one SCTP packet,
 * XUDT segmentation). Every message keeps its ground truth, so the decoder is checked against what was
 * encoded as well as against tshark.
 */
import fc from "fast-check";
import type { BerWriter } from "../../src/codec/ber/index.js";
import { PacketBuilder, PcapWriter, SctpPpid } from "../../src/codec/capture/index.js";
import type { AddressString } from "../../src/codec/gsm/index.js";
import { encodeM2pa } from "../../src/codec/m2pa/index.js";
import { encodeM3ua, m3uaData } from "../../src/codec/m3ua/index.js";
import type { MapOperationCodec } from "../../src/codec/map/codec.js";
import { anyTimeInterrogation } from "../../src/codec/map/operations/anyTimeInterrogation.js";
import { cancelLocation } from "../../src/codec/map/operations/cancelLocation.js";
import { insertSubscriberData } from "../../src/codec/map/operations/insertSubscriberData.js";
import { mtForwardSM } from "../../src/codec/map/operations/mtForwardSM.js";
import { provideSubscriberInfo } from "../../src/codec/map/operations/provideSubscriberInfo.js";
import { purgeMS } from "../../src/codec/map/operations/purgeMS.js";
import { sendAuthenticationInfo } from "../../src/codec/map/operations/sendAuthenticationInfo.js";
import { sendIMSI } from "../../src/codec/map/operations/sendIMSI.js";
import { sendRoutingInfo } from "../../src/codec/map/operations/sendRoutingInfo.js";
import { sendRoutingInfoForSM } from "../../src/codec/map/operations/sendRoutingInfoForSM.js";
import { updateLocation } from "../../src/codec/map/operations/updateLocation.js";
import { mtp3Msu } from "../../src/codec/mtp3/index.js";
import { encodeSccp, type SccpAddressInput, segmentSccpXudt } from "../../src/codec/sccp/index.js";
import { encodeTcap, type TcapComponentValue, type TcapMessageValue } from "../../src/codec/tcap/index.js";
import { smsDeliverTpdu } from "../../src/lab/traffic.js";

/** What the corpus put into one message, in the decoder's vocabulary. */
export interface Truth {
  opc: number;
  dpc: number;
  sccpType: "UDT" | "XUDT" | "UDTS";
  calling: SccpAddressInput;
  called: SccpAddressInput;
  tcapType: "Begin" | "Continue" | "End" | "Abort";
  otid?: string;
  dtid?: string;
  acn?: string;
  /** One entry per component: opcode or error code, invoke id, identities. */
  components: { type: string; invokeId: number; code?: number; imsi?: string; msisdn?: string }[];
}

export interface CorpusFrame {
  /** 1-based frame number in the capture. */
  frame: number;
  /** The messages whose decoding completes in this frame (none for a non-final XUDT segment). */
  truths: Truth[];
}

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(""));
const imsiArb = fc
  .tuple(fc.constantFrom("310150", "64501", "23415", "26201", "40410"), digits(9, 9))
  .map(([p, m]) => (p + m).slice(0, 15));
const msisdnArb = fc
  .tuple(fc.constantFrom("1202556", "26097", "44778", "49171", "91981"), digits(5, 7))
  .map(([p, m]) => p + m);
const isdn = (d: string): AddressString => ({ natureOfAddress: 1, numberingPlan: 1, digits: d });
const tidArb = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))
  .map((b) => Buffer.from(b).toString("hex"));
// Q.713 §3.4.2.2: SSNs tshark's MAP dissector claims for dialogues without an application context (6-9).
const ssnArb = fc.constantFrom(6, 7, 8, 9);

/** Q.713 §3.4: every GT indicator, with and without point code, routed on GT or SSN. */
const addressArb: fc.Arbitrary<SccpAddressInput> = fc
  .record({
    gti: fc.constantFrom(1, 2, 3, 4, 4, 4),
    gt: fc
      .tuple(fc.constantFrom("1202555", "26095", "4477", "49170", "9198"), digits(2, 8))
      .map(([a, b]) => a + b),
    pc: fc.option(fc.integer({ min: 1, max: 0x3fff }), { nil: undefined }),
    ssn: ssnArb,
    tt: fc.constantFrom(0, 0, 10),
    nai: fc.constantFrom(4, 4, 3, 1),
    routeOnSsn: fc.boolean(),
  })
  .map((a): SccpAddressInput => {
    // GT indicator 2 carries no encoding scheme, so its digits must come in pairs.
    const gtDigits = a.gti === 2 && a.gt.length % 2 === 1 ? `${a.gt}0` : a.gt;
    const gt =
      a.gti === 1
        ? { digits: gtDigits, nai: a.nai }
        : a.gti === 2
          ? { digits: gtDigits, tt: a.tt }
          : a.gti === 3
            ? { digits: gtDigits, tt: a.tt, np: 1, es: gtDigits.length % 2 ? 1 : 2 }
            : { digits: gtDigits, tt: a.tt, np: 1, es: gtDigits.length % 2 ? 1 : 2, nai: a.nai };
    return {
      globalTitleIndicator: a.gti,
      routingIndicator: a.routeOnSsn ? 1 : 0,
      ssn: a.ssn,
      ...(a.pc !== undefined ? { pc: a.pc } : {}),
      gt,
    };
  });

type Param = (w: BerWriter) => void;
interface Op {
  code: number;
  acn: string;
  param: Param;
  imsi?: string;
  msisdn?: string;
  result?: { param: Param; imsi?: string; msisdn?: string };
}

const arg =
  <A>(c: MapOperationCodec<A, unknown>, v: A): Param =>
  (w) =>
    c.encodeArgument(w, v);
const res =
  <R>(c: MapOperationCodec<unknown, R>, v: R): Param =>
  (w) =>
    c.encodeResult!(w, v);
const ac = (n: number, v: number) => `0.4.0.0.1.0.${n}.${v}`;

/** MAP operations with their identities (TS 29.002 §17.6/§17.7 arguments and results). */
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.tuple(msisdnArb, imsiArb, msisdnArb).map(([ms, imsi, node]) => ({
    code: 45,
    acn: ac(20, 3),
    param: arg(sendRoutingInfoForSM, { msisdn: isdn(ms), smRpPri: true, serviceCentreAddress: isdn(node) }),
    msisdn: ms,
    result: {
      param: res(sendRoutingInfoForSM, { imsi, locationInfoWithLmsi: { networkNodeNumber: isdn(node) } }),
      imsi,
    },
  })),
  fc
    .tuple(
      imsiArb,
      msisdnArb,
      fc.string({ unit: fc.constantFrom(..."abcdefghij 0123456789"), maxLength: 150 }),
    )
    .map(([imsi, sc, text]) => {
      // A valid SMS-DELIVER TPDU: tshark dissects sm-RP-UI, and random octets could end its dissection early.
      const ui = smsDeliverTpdu(sc, text, 0);
      return {
        code: 44,
        acn: ac(25, 3),
        param: arg(mtForwardSM, {
          smRpDa: { kind: "imsi", imsi },
          smRpOa: { kind: "serviceCentreAddressOA", serviceCentreAddressOA: isdn(sc) },
          smRpUi: { bytes: ui, start: 0, end: ui.length },
        }),
        imsi,
      };
    }),
  fc.tuple(imsiArb, msisdnArb, msisdnArb).map(([imsi, msc, hlr]) => ({
    code: 2,
    acn: ac(1, 3),
    param: arg(updateLocation, { imsi, mscNumber: isdn(msc), vlrNumber: isdn(msc) }),
    imsi,
    result: { param: res(updateLocation, { hlrNumber: isdn(hlr) }) },
  })),
  imsiArb.map((imsi) => ({
    code: 56,
    acn: ac(14, 3),
    param: arg(sendAuthenticationInfo, { imsi, numberOfRequestedVectors: 2 }),
    imsi,
  })),
  fc.tuple(imsiArb, msisdnArb).map(([imsi, ms]) => ({
    code: 7,
    acn: ac(16, 3),
    param: arg(insertSubscriberData, { imsi, msisdn: isdn(ms), category: 10 }),
    imsi,
    msisdn: ms,
  })),
  fc.tuple(fc.boolean(), imsiArb, msisdnArb, msisdnArb).map(([byImsi, imsi, ms, scf]) => ({
    code: 71,
    acn: ac(29, 3),
    param: arg(anyTimeInterrogation, {
      subscriberIdentity: byImsi ? { kind: "imsi", imsi } : { kind: "msisdn", msisdn: isdn(ms) },
      requestedInfo: { locationInformation: true, subscriberState: true },
      gsmScfAddress: isdn(scf),
    }),
    ...(byImsi ? { imsi } : { msisdn: ms }),
  })),
  imsiArb.map((imsi) => ({
    code: 70,
    acn: ac(28, 3),
    param: arg(provideSubscriberInfo, { imsi, requestedInfo: { locationInformation: true } }),
    imsi,
  })),
  fc.tuple(msisdnArb, imsiArb).map(([ms, imsi]) => ({
    code: 58,
    acn: ac(26, 2),
    param: arg(sendIMSI, { msisdn: isdn(ms) }),
    msisdn: ms,
    result: { param: res(sendIMSI, { imsi }), imsi },
  })),
  msisdnArb.map((ms) => ({
    code: 22,
    acn: ac(5, 3),
    param: arg(sendRoutingInfo, {
      msisdn: isdn(ms),
      interrogationType: 0,
      gmscOrGsmScfAddress: isdn("1202555000"),
    }),
    msisdn: ms,
  })),
  imsiArb.map((imsi) => ({ code: 67, acn: ac(27, 3), param: arg(purgeMS, { imsi }), imsi })),
  imsiArb.map((imsi) => ({
    code: 3,
    acn: ac(2, 3),
    param: arg(cancelLocation, { identity: { imsi } }),
    imsi,
  })),
);

interface Drawn {
  calling: SccpAddressInput;
  called: SccpAddressInput;
  opc: number;
  dpc: number;
  kind: "begin" | "continue" | "end" | "abort" | "error";
  withDialogue: boolean;
  otid: string;
  dtid: string;
  ops: Op[];
  invokeId: number;
  errorCode: number;
  pAbortCause: number;
  sccp: "UDT" | "XUDT" | "UDTS" | "XUDT-segmented";
  transport: "m3ua" | "m3ua-ppid0" | "m2pa" | "bundle";
  returnCause: number;
}

const drawnArb: fc.Arbitrary<Drawn> = fc.record({
  calling: addressArb,
  called: addressArb,
  opc: fc.integer({ min: 1, max: 0x3fff }),
  dpc: fc.integer({ min: 1, max: 0x3fff }),
  kind: fc.constantFrom("begin", "begin", "continue", "end", "end", "abort", "error"),
  withDialogue: fc.boolean(),
  otid: tidArb,
  dtid: tidArb,
  ops: fc.array(opArb, { minLength: 1, maxLength: 3 }),
  invokeId: fc.integer({ min: -128, max: 127 }),
  errorCode: fc.constantFrom(1, 5, 6, 27, 32, 34, 35, 36),
  pAbortCause: fc.integer({ min: 0, max: 4 }),
  sccp: fc.constantFrom("UDT", "UDT", "UDT", "XUDT", "UDTS", "XUDT-segmented"),
  transport: fc.constantFrom("m3ua", "m3ua", "m3ua", "m3ua-ppid0", "m2pa", "bundle"),
  returnCause: fc.integer({ min: 0, max: 14 }),
});

function build(d: Drawn): { tcap: TcapMessageValue; truth: Truth } {
  const components: TcapComponentValue[] = [];
  const truthComponents: Truth["components"] = [];
  const resultSide = d.kind === "end" || d.kind === "continue";
  d.ops.forEach((op, i) => {
    const invokeId = ((d.invokeId + 128 + i) % 256) - 128;
    if (resultSide && op.result) {
      components.push({
        type: "returnResultLast",
        invokeId,
        opcode: { type: "local", value: op.code },
        parameter: op.result.param,
      });
      truthComponents.push({
        type: "returnResultLast",
        invokeId,
        code: op.code,
        imsi: op.result.imsi,
        msisdn: op.result.msisdn,
      });
    } else {
      components.push({
        type: "invoke",
        invokeId,
        opcode: { type: "local", value: op.code },
        parameter: op.param,
      });
      truthComponents.push({ type: "invoke", invokeId, code: op.code, imsi: op.imsi, msisdn: op.msisdn });
    }
  });
  const acn = d.ops[0]!.acn;
  const truth: Truth = {
    opc: d.opc,
    dpc: d.dpc,
    sccpType: d.sccp === "UDTS" ? "UDTS" : d.sccp === "UDT" ? "UDT" : "XUDT",
    calling: d.calling,
    called: d.called,
    tcapType: "Begin",
    components: truthComponents,
  };
  const aarq = { type: "aarq" as const, protocolVersion: "0780", applicationContext: acn };
  const aare = {
    type: "aare" as const,
    protocolVersion: "0780",
    applicationContext: acn,
    result: 0,
    diagnosticSource: "dialogueServiceUser" as const,
    diagnostic: 0,
  };
  let tcap: TcapMessageValue;
  switch (d.kind) {
    case "begin":
      tcap = { type: "begin", otid: d.otid, components, ...(d.withDialogue ? { dialogue: aarq } : {}) };
      Object.assign(truth, { tcapType: "Begin", otid: d.otid }, d.withDialogue ? { acn } : {});
      break;
    case "continue":
      tcap = {
        type: "continue",
        otid: d.otid,
        dtid: d.dtid,
        components,
        ...(d.withDialogue ? { dialogue: aare } : {}),
      };
      Object.assign(
        truth,
        { tcapType: "Continue", otid: d.otid, dtid: d.dtid },
        d.withDialogue ? { acn } : {},
      );
      break;
    case "end":
      tcap = { type: "end", dtid: d.dtid, components, ...(d.withDialogue ? { dialogue: aare } : {}) };
      Object.assign(truth, { tcapType: "End", dtid: d.dtid }, d.withDialogue ? { acn } : {});
      break;
    case "error": {
      // TS 29.002 §17.6: a returnError with a local MAP error code and no parameter.
      const invokeId = d.invokeId;
      tcap = {
        type: "end",
        dtid: d.dtid,
        components: [{ type: "returnError", invokeId, errorCode: { type: "local", value: d.errorCode } }],
      };
      Object.assign(truth, {
        tcapType: "End",
        dtid: d.dtid,
        components: [{ type: "returnError", invokeId, code: d.errorCode }],
      });
      break;
    }
    default:
      tcap = { type: "abort", dtid: d.dtid, pAbortCause: d.pAbortCause };
      Object.assign(truth, { tcapType: "Abort", dtid: d.dtid, components: [] });
  }
  return { tcap, truth };
}

/** Q.704 §2.2 routing label of a drawn message: SCCP (SI 3), national network. */
const label = (d: Drawn) => ({ opc: d.opc, dpc: d.dpc, si: 3, ni: 2, mp: 0, sls: d.opc & 0x0f });

/** The SCCP message carrying a drawn message: one UDT/XUDT/UDTS, or several XUDT segments. */
function encodeDrawnSccp(d: Drawn, tcap: TcapMessageValue, localReference: number): Uint8Array[] {
  const data = encodeTcap(tcap);
  const base = { called: d.called, calling: d.calling, data };
  if (d.sccp === "XUDT-segmented") {
    // Q.714 §4.1.1.2: force several segments so the reassembly path is exercised.
    return segmentSccpXudt(
      { messageType: 0x11, protocolClass: 1, returnOnError: false, hopCounter: 15, ...base },
      { localReference, maxMessageLength: Math.max(60, Math.ceil(data.length / 3) + 40) },
    );
  }
  return [
    d.sccp === "UDTS"
      ? encodeSccp({ messageType: 0x0a, returnCause: d.returnCause, ...base })
      : d.sccp === "XUDT"
        ? encodeSccp({ messageType: 0x11, protocolClass: 1, returnOnError: false, hopCounter: 15, ...base })
        : encodeSccp({ messageType: 0x09, protocolClass: 1, returnOnError: false, ...base }),
  ];
}

/** One corpus message before any transport: its MTP3 routing label, SCCP message(s) and ground truth. */
export interface OracleSccpMessage {
  label: { opc: number; dpc: number; si: number; ni: number; mp: number; sls: number };
  /** One SCCP message, or the XUDT segments of one, in sending order. */
  sccp: Uint8Array[];
  truth: Truth;
}

/**
 * The same draws as `buildOracleCorpus(count, seed)`, without a transport, for tests that carry them
 * some other way (M3UA over TCP, hostile-input seeds). Deterministic for a seed.
 */
export function oracleSccpMessages(count: number, seed: number): OracleSccpMessage[] {
  let localReference = 1;
  return fc.sample(drawnArb, { seed, numRuns: count }).map((d) => {
    const { tcap, truth } = build(d);
    const reference = d.sccp === "XUDT-segmented" ? localReference++ : 0;
    return { label: label(d), sccp: encodeDrawnSccp(d, tcap, reference), truth };
  });
}

/**
 * Writes `count` drawn messages to a pcap (returned as bytes) and the ground truth per frame.
 * Deterministic for a seed.
 */
export function buildOracleCorpus(count: number, seed: number): { pcap: Uint8Array; frames: CorpusFrame[] } {
  const drawn = fc.sample(drawnArb, { seed, numRuns: count });
  const writer = new PcapWriter({ nanoseconds: true });
  const builder = new PacketBuilder();
  const frames: CorpusFrame[] = [];
  let tsn = 1;
  let m2paFsn = 0;
  let localReference = 1;
  let t = Date.UTC(2026, 0, 1) * 1e6;
  const emit = (ppid: number, port: number, payloads: Uint8Array[], truths: Truth[]): void => {
    const frame = builder.sctp({
      srcIp: "127.0.0.1",
      dstIp: "127.0.0.2",
      srcPort: port,
      dstPort: port,
      verificationTag: 7,
      chunks: payloads.map((data) => ({ tsn: tsn++, stream: 1, ppid, data })),
    });
    t += 1_000_000;
    writer.writePacket(Math.floor(t / 1e9), t % 1e9, frame);
    frames.push({ frame: frames.length + 1, truths });
  };
  const m3ua = (d: Drawn, sccp: Uint8Array) => encodeM3ua(m3uaData(label(d), sccp));
  let pendingBundle: { bytes: Uint8Array; truth: Truth } | undefined;
  for (const d of drawn) {
    const { tcap, truth } = build(d);
    if (d.sccp === "XUDT-segmented") {
      const segments = encodeDrawnSccp(d, tcap, localReference++);
      segments.forEach((s, i) => {
        emit(SctpPpid.m3ua, 2905, [m3ua(d, s)], i === segments.length - 1 ? [truth] : []);
      });
      continue;
    }
    const [sccp] = encodeDrawnSccp(d, tcap, 0) as [Uint8Array];
    switch (d.transport) {
      case "m2pa": {
        const msu = mtp3Msu({ variant: "itu", ...label(d) }, sccp);
        const m2pa = encodeM2pa({
          kind: "userData",
          bsn: 0xffffff,
          fsn: m2paFsn++ & 0xffffff,
          priority: 0,
          msu,
        });
        emit(SctpPpid.m2pa, 3565, [m2pa], [truth]);
        break;
      }
      case "m3ua-ppid0":
        emit(0, 2905, [m3ua(d, sccp)], [truth]);
        break;
      case "bundle":
        // RFC 9260 §6.10: several DATA chunks in one packet; tshark and ss7guard must see both messages.
        if (pendingBundle) {
          emit(SctpPpid.m3ua, 2905, [pendingBundle.bytes, m3ua(d, sccp)], [pendingBundle.truth, truth]);
          pendingBundle = undefined;
        } else pendingBundle = { bytes: m3ua(d, sccp), truth };
        break;
      default:
        emit(SctpPpid.m3ua, 2905, [m3ua(d, sccp)], [truth]);
    }
  }
  if (pendingBundle) emit(SctpPpid.m3ua, 2905, [pendingBundle.bytes], [pendingBundle.truth]);
  return { pcap: writer.take(), frames };
}
