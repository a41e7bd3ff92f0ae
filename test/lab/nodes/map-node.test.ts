/**
 * The TCAP side of a simulated node (src/lab/nodes/map-node.ts), driven with hand-made messages: dialogue
 * handling, AARQ/AARE, version fallback, Q.773 rejects, Q.774 answers to malformed input, returned
 * messages, timeouts, and the bounded dialogue table.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sendIMSI } from "../../../src/codec/map/operations/sendIMSI.js";
import {
  AbortSource,
  decodeTcap,
  GeneralProblem,
  InvokeProblem,
  PAbortCause,
  ProblemType,
  type TcapMessage,
  type TcapMessageValue,
} from "../../../src/codec/tcap/index.js";
import { HOME, Ssn } from "../../../src/lab/network.js";
import {
  addressOf,
  describeOutcome,
  ForeignNetwork,
  Hlr,
  type SccpTcapMessage,
  SubscriberDb,
  tcapBytes,
} from "../../../src/lab/nodes/index.js";
import { invoke, isdn, param, subscriber } from "../../../src/lab/traffic.js";
import { componentsOf } from "./harness.js";

const T0 = Date.UTC(2026, 0, 1);
const PEER = "4477850999101";
const db = new SubscriberDb({ count: 100 });
const someone = subscriber(HOME, 3);

function hlr(options: { seed?: number; maxDialogues?: number; dialogueTimeoutMs?: number } = {}): Hlr {
  return new Hlr({ subscribers: db, ...options });
}

/** A message from PEER to the HLR. */
function toHlr(tcap: TcapMessageValue | Uint8Array): SccpTcapMessage {
  return { calling: addressOf(PEER, Ssn.msc), called: addressOf(HOME.hlr.gt, Ssn.hlr), tcap };
}

function decoded(m: SccpTcapMessage): TcapMessage {
  return decodeTcap(tcapBytes(m));
}

const IMSI_RETRIEVAL = "0.4.0.0.1.0.26.2";
const aarq = (acn: string) => ({ type: "aarq" as const, protocolVersion: "0780", applicationContext: acn });
const sendImsiInvoke = (id: number, msisdn = someone.msisdn) =>
  invoke(id, 58, param(sendIMSI, { msisdn: isdn(msisdn) }));

describe("MAP node: dialogues", () => {
  it("answers a Begin with an AARQ by an End with an AARE (accepted, same ACN), from the called address", () => {
    const out = hlr().handle(
      toHlr({
        type: "begin",
        otid: "0a0b0c0d",
        dialogue: aarq(IMSI_RETRIEVAL),
        components: [sendImsiInvoke(1)],
      }),
      T0,
    );
    assert.equal(out.length, 1);
    const m = decoded(out[0]!);
    assert.ok(m.type === "end");
    assert.equal(m.dtid, "0a0b0c0d");
    assert.ok(m.dialogue?.type === "aare");
    assert.equal(m.dialogue.applicationContext, IMSI_RETRIEVAL);
    assert.equal(m.dialogue.result, 0);
    assert.deepEqual(componentsOf(m), ["returnResultLast:58"]);
    assert.equal(out[0]!.calling.gt?.digits, HOME.hlr.gt);
    assert.equal(out[0]!.called.gt?.digits, PEER);
    assert.equal(out[0]!.called.ssn, Ssn.msc);
  });

  it("answers a Begin without a dialogue portion (MAP v1) without one", () => {
    const out = hlr().handle(toHlr({ type: "begin", otid: "01", components: [sendImsiInvoke(1)] }), T0);
    const m = decoded(out[0]!);
    assert.ok(m.type === "end");
    assert.equal(m.dtid, "01");
    assert.equal(m.dialogue, undefined);
  });

  it("offers the version it serves when asked for a higher one (TS 29.002 version fallback)", () => {
    const out = hlr().handle(
      toHlr({
        type: "begin",
        otid: "aa",
        dialogue: aarq("0.4.0.0.1.0.20.4"),
        components: [sendImsiInvoke(1)],
      }),
      T0,
    );
    const m = decoded(out[0]!);
    assert.ok(m.type === "abort" && m.dialogue?.type === "aare");
    assert.equal(m.dialogue.result, 1);
    assert.equal(m.dialogue.diagnostic, 2);
    assert.equal(m.dialogue.applicationContext, "0.4.0.0.1.0.20.3");
  });

  it("rejects a repeated invoke ID and answers the first", () => {
    const out = hlr().handle(
      toHlr({
        type: "begin",
        otid: "11223344",
        dialogue: aarq(IMSI_RETRIEVAL),
        components: [sendImsiInvoke(1), sendImsiInvoke(1)],
      }),
      T0,
    );
    assert.deepEqual(componentsOf(decoded(out[0]!)), [
      "returnResultLast:58",
      `reject:${ProblemType.invoke}/${InvokeProblem.duplicateInvokeID}`,
    ]);
  });

  it("rejects an argument that does not decode as mistypedParameter", () => {
    const out = hlr().handle(
      toHlr({
        type: "begin",
        otid: "11",
        dialogue: aarq(IMSI_RETRIEVAL),
        components: [
          {
            type: "invoke",
            invokeId: 5,
            opcode: { type: "local", value: 58 },
            parameter: Uint8Array.of(0x05, 0x00),
          },
        ],
      }),
      T0,
    );
    assert.deepEqual(componentsOf(decoded(out[0]!)), [
      `reject:${ProblemType.invoke}/${InvokeProblem.mistypedParameter}`,
    ]);
  });

  it("answers a Continue for a transaction it does not have with P-Abort unrecognizedTransactionID", () => {
    const out = hlr().handle(
      toHlr({ type: "continue", otid: "01020304", dtid: "deadbeef", components: [sendImsiInvoke(1)] }),
      T0,
    );
    assert.deepEqual(decoded(out[0]!), {
      type: "abort",
      dtid: "01020304",
      pAbortCause: PAbortCause.unrecognizedTransactionID,
    });
  });

  it("ignores End and Abort for transactions it does not have", () => {
    const node = hlr();
    assert.deepEqual(node.handle(toHlr({ type: "end", dtid: "01020304" }), T0), []);
    assert.deepEqual(node.handle(toHlr({ type: "abort", dtid: "01020304", pAbortCause: 1 }), T0), []);
    assert.equal(node.stats.unknownTransaction, 2);
  });

  it("allocates transaction IDs deterministically for a seed", () => {
    const tidOf = (seed: number) => {
      const out = hlr({ seed }).handle(
        toHlr({ type: "begin", otid: "01", components: [sendImsiInvoke(1)] }),
        T0,
      );
      const fn = new ForeignNetwork({ name: "x", gts: [PEER], seed });
      const sent = fn.sriSm(someone.msisdn, T0);
      return [decoded(out[0]!).type, (decoded(sent.messages[0]!) as { otid: string }).otid];
    };
    assert.deepEqual(tidOf(5), tidOf(5));
    assert.notDeepEqual(tidOf(5)[1], tidOf(6)[1]);
  });
});

describe("MAP node: malformed input (Q.774)", () => {
  const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/ /g, ""), "hex"));

  it("P-Aborts a Begin whose transaction portion is wrong, when its otid can be read", () => {
    // Begin carrying a dtid: Q.773 does not allow it (incorrect transaction portion).
    const out = hlr().handle(toHlr(hex("62 0c 48 04 aa bb cc dd 49 04 11 22 33 44")), T0);
    assert.deepEqual(decoded(out[0]!), {
      type: "abort",
      dtid: "aabbccdd",
      pAbortCause: PAbortCause.incorrectTransactionPortion,
    });
  });

  it("P-Aborts an unknown message type with unrecognizedMessageType", () => {
    const out = hlr().handle(toHlr(hex("6a 06 48 04 aa bb cc dd")), T0);
    assert.deepEqual(decoded(out[0]!), {
      type: "abort",
      dtid: "aabbccdd",
      pAbortCause: PAbortCause.unrecognizedMessageType,
    });
  });

  it("aborts with an ABRT from the dialogue service provider when the dialogue portion cannot be read", () => {
    const out = hlr().handle(toHlr(hex("62 0a 48 04 aa bb cc dd 6b 02 05 00")), T0);
    const m = decoded(out[0]!);
    assert.ok(m.type === "abort" && m.dialogue?.type === "abrt");
    assert.equal(m.dtid, "aabbccdd");
    assert.equal(m.dialogue.abortSource, AbortSource.dialogueServiceProvider);
  });

  it("ends with a Reject when a component cannot be read", () => {
    const out = hlr().handle(toHlr(hex("62 0b 48 04 aa bb cc dd 6c 03 a9 01 00")), T0);
    const m = decoded(out[0]!);
    assert.ok(m.type === "end");
    assert.equal(m.dtid, "aabbccdd");
    assert.deepEqual(componentsOf(m), [
      `reject:${ProblemType.general}/${GeneralProblem.unrecognizedComponent}`,
    ]);
  });

  it("drops what it cannot answer (no readable otid) and never throws on garbage", () => {
    const node = hlr();
    for (const g of ["", "00", "62", "62 07 48 05 01 02 03 04 05", "ff ff ff", "64 03 49 01"]) {
      assert.deepEqual(node.handle(toHlr(hex(g)), T0), [], g);
    }
    assert.equal(node.stats.malformed, 6);
    assert.equal(node.dialogueCount, 0);
  });

  it("ends its own dialogue when the answer in it is malformed", () => {
    const fn = new ForeignNetwork({ name: "x", gts: [PEER] });
    const sent = fn.sriSm(someone.msisdn, T0);
    const otid = (decoded(sent.messages[0]!) as { otid: string }).otid;
    // A Continue naming our TID with a component that cannot be read.
    const bad = hex(`65 11 48 04 01 02 03 04 49 04 ${otid} 6c 03 a9 01 00`);
    const out = fn.handle(
      { calling: addressOf(HOME.hlr.gt, Ssn.hlr), called: addressOf(PEER, Ssn.msc), tcap: bad },
      T0,
    );
    assert.equal(sent.exchange.status, "abort");
    assert.equal(fn.dialogueCount, 0);
    assert.equal(decoded(out[0]!).type, "end");
  });
});

describe("MAP node: outcomes and the dialogue table", () => {
  it("reports a message SCCP returned (UDTS) as returned, with the cause", () => {
    const fn = new ForeignNetwork({ name: "x", gts: [PEER] });
    const sent = fn.sriSm(someone.msisdn, T0);
    const m = sent.messages[0]!;
    assert.deepEqual(
      fn.handle({ calling: m.called, called: m.calling, tcap: m.tcap, returnCause: 1 }, T0),
      [],
    );
    assert.deepEqual(sent.exchange.outcome, { type: "returned", returnCause: 1 });
    assert.equal(
      describeOutcome(sent.exchange.outcome!),
      "returned by SCCP: no translation for this specific address (1)",
    );
    assert.equal(fn.dialogueCount, 0);
  });

  it("times out an invoke nobody answers, at the first tick after the dialogue timeout", () => {
    const fn = new ForeignNetwork({ name: "x", gts: [PEER], dialogueTimeoutMs: 10_000 });
    const sent = fn.sriSm(someone.msisdn, T0);
    fn.tick(T0 + 9_999);
    assert.equal(sent.exchange.status, "pending");
    fn.tick(T0 + 10_000);
    assert.equal(sent.exchange.status, "timeout");
    assert.equal(fn.dialogueCount, 0);
    assert.equal(fn.stats.expired, 1);
  });

  /** An HLR whose subscribers are all registered at PEER already: an updateLocation from PEER moves no one
   * (so opens no cancelLocation dialogue), and each one left unanswered holds exactly one dialogue. */
  function hlrAtPeer(maxDialogues: number, dialogueTimeoutMs: number): Hlr {
    const subscribers = new SubscriberDb({ count: 100 });
    for (const r of subscribers) subscribers.updateLocation(r.imsi, PEER, PEER, T0);
    return new Hlr({ subscribers, maxDialogues, dialogueTimeoutMs });
  }

  it("answers a waiting ATI from the HLR's record when the VLR it asked never answers (at the timeout)", () => {
    const node = hlr({ dialogueTimeoutMs: 10_000 });
    const gsmScf = new ForeignNetwork({ name: "x", gts: [PEER] });
    const ati = gsmScf.ati({ msisdn: someone.msisdn }, T0);
    const psi = node.handle(ati.messages[0]!, T0);
    assert.deepEqual(componentsOf(decoded(psi[0]!)), ["invoke:70"]);
    assert.equal(psi[0]!.called.gt?.digits, HOME.vlr.gt);
    // The PSI is lost; at the timeout the HLR says what it knows, in the ATI dialogue still open.
    const answer = node.tick(T0 + 10_000);
    assert.equal(answer.length, 1);
    assert.deepEqual(gsmScf.handle(answer[0]!, T0 + 10_000), []);
    const info = (ati.exchange.outcome as { result: { subscriberInfo: Record<string, unknown> } }).result
      .subscriberInfo;
    assert.deepEqual(info["subscriberState"], { kind: "notProvidedFromVlr" });
    assert.equal(node.dialogueCount, 0);
  });

  it("keeps its dialogue table bounded: refuses Begins beyond it with resourceLimitation, frees them on expiry", () => {
    const node = hlrAtPeer(8, 30_000);
    const attacker = new ForeignNetwork({ name: "x", gts: [PEER] });
    // updateLocations whose insertSubscriberData is never acknowledged: each leaves a dialogue open.
    for (let i = 0; i < 8; i++) {
      const out = node.handle(
        attacker.updateLocation(subscriber(HOME, i + 1).imsi, T0 + i).messages[0]!,
        T0 + i,
      );
      assert.equal(decoded(out[0]!).type, "continue");
    }
    assert.equal(node.dialogueCount, 8);
    const refused = node.handle(
      attacker.updateLocation(subscriber(HOME, 20).imsi, T0 + 10).messages[0]!,
      T0 + 10,
    );
    const m = decoded(refused[0]!);
    assert.ok(m.type === "abort");
    assert.equal(m.pAbortCause, PAbortCause.resourceLimitation);
    assert.equal(node.dialogueCount, 8);
    // Past the timeout the table empties; a Begin arriving then is served (the sweep runs first).
    const later = node.handle(
      attacker.updateLocation(subscriber(HOME, 21).imsi, T0 + 31_000).messages[0]!,
      T0 + 31_000,
    );
    assert.equal(decoded(later[0]!).type, "continue");
    assert.equal(node.dialogueCount, 1);
    assert.equal(node.stats.expired, 8);
    // The originator side stays bounded too: the oldest dialogue gives way (and times out).
    const small = new ForeignNetwork({ name: "y", gts: [PEER], maxDialogues: 3 });
    const sent = Array.from({ length: 5 }, (_, i) => small.sriSm(someone.msisdn, T0 + i));
    assert.equal(small.dialogueCount, 3);
    assert.deepEqual(
      sent.map((s) => s.exchange.status),
      ["timeout", "timeout", "pending", "pending", "pending"],
    );
  });

  it("stays bounded under a flood of half-open dialogues (answers that never come back)", () => {
    const node = hlrAtPeer(500, 5_000);
    const attacker = new ForeignNetwork({ name: "x", gts: [PEER], maxDialogues: 100_000 });
    let refused = 0;
    for (let i = 0; i < 3_000; i++) {
      const t = T0 + i * 2;
      const out = node.handle(
        attacker.updateLocation(subscriber(HOME, 1 + (i % 100)).imsi, t).messages[0]!,
        t,
      );
      if (decoded(out[0]!).type === "abort") refused++;
      assert.ok(node.dialogueCount <= 500);
    }
    // 2,500 Begins per timeout against a table of 500: most are refused, none is lost track of.
    assert.equal(refused, node.stats.refused);
    assert.ok(refused > 1_000, `${refused} refused`);
    node.tick(T0 + 3_000 * 2 + 5_000);
    assert.equal(node.dialogueCount, 0);
    assert.equal(node.stats.expired + refused, 3_000);
  });
});
