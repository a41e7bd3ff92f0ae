/**
 * The simulated home network end to end, in memory: an SMSC, the HLR, the MSC/VLR, a roaming partner and a
 * lessee wired together by a router that routes on the called GT. Each test runs real dialogues through
 * the nodes and checks what crossed the "wire" and what the nodes now believe.
 */
import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { MapErrorCode } from "../../../src/codec/map/errors.js";
import { anyTimeInterrogation } from "../../../src/codec/map/operations/anyTimeInterrogation.js";
import type { SubscriberInfo } from "../../../src/codec/map/operations/provideSubscriberInfo.js";
import { sendRoutingInfoForSM } from "../../../src/codec/map/operations/sendRoutingInfoForSM.js";
import { InvokeProblem, ProblemType, type TcapMessage } from "../../../src/codec/tcap/index.js";
import { HOME, NIMBUS, Ssn } from "../../../src/lab/network.js";
import {
  addressOf,
  cellFor,
  ForeignNetwork,
  Hlr,
  type InvokeOutcome,
  NodeApplicationContext,
  type SccpTcapMessage,
} from "../../../src/lab/nodes/index.js";
import { homeSubscriberLocation, isOutboundRoamer, subscriber } from "../../../src/lab/traffic.js";
import {
  componentsOf,
  type DecodedCarry,
  labWorld,
  overTheWire,
  Router,
  T0,
  UK,
  type World,
} from "./harness.js";

/** The first home subscribers at home / roaming abroad (by the lab world's own rule). */
const AT_HOME = Array.from({ length: 200 }, (_, i) => i + 1).filter((i) => !isOutboundRoamer(i));
const ROAMERS = Array.from({ length: 200 }, (_, i) => i + 1).filter((i) => isOutboundRoamer(i));

/** "begin 1202…0300>1202…0100 invoke:45" per carried message. */
function flow(ms: readonly DecodedCarry[]): string[] {
  return ms.map((m) => `${m.tcap.type} ${m.from}>${m.to} ${componentsOf(m.tcap).join(",")}`.trim());
}

function acnOf(t: TcapMessage): string | undefined {
  return t.dialogue && "applicationContext" in t.dialogue ? t.dialogue.applicationContext : undefined;
}

function resultOf<R>(o: InvokeOutcome | undefined): R {
  assert.equal(o?.type, "result", `expected a result, got ${JSON.stringify(o)}`);
  return (o as { result: R }).result;
}

let w: World;

describe("simulated home network", () => {
  beforeEach(() => {
    w = labWorld();
  });

  it("starts every subscriber where the generated lab traffic puts it", () => {
    for (const i of [...AT_HOME.slice(0, 20), ...ROAMERS.slice(0, 20)]) {
      const r = w.db.byIndex(i)!;
      const s = subscriber(HOME, i);
      assert.equal(r.imsi, s.imsi);
      assert.equal(r.msisdn, s.msisdn);
      assert.equal(r.mscNumber, homeSubscriberLocation(i).msc.gt);
      assert.equal(w.msc.register.has(r.imsi), !isOutboundRoamer(i));
    }
    assert.equal(w.db.size, 5_000);
  });

  it("delivers an SMS: SRI-SM → IMSI and serving MSC → mt-forwardSM → result", () => {
    const r = w.db.byIndex(AT_HOME[0]!)!;
    const { delivery, messages } = w.smsc.deliver(r.msisdn, "Your code is 482913", T0 + 1_000);
    w.router.send(messages, T0 + 1_000);
    assert.equal(delivery.state, "delivered", delivery.failure);
    assert.equal(delivery.imsi, r.imsi);
    assert.equal(delivery.msc, HOME.msc.gt);
    const carried = w.router.decoded();
    assert.deepEqual(flow(carried), [
      `begin ${HOME.smsc.gt}>${HOME.hlr.gt} invoke:45`,
      `end ${HOME.hlr.gt}>${HOME.smsc.gt} returnResultLast:45`,
      `begin ${HOME.smsc.gt}>${HOME.msc.gt} invoke:44`,
      `end ${HOME.msc.gt}>${HOME.smsc.gt} returnResultLast`,
    ]);
    // Each End answers its Begin's TID with an AARE for the same application context.
    const [b1, e1, b2, e2] = carried.map((c) => c.tcap);
    assert.equal(e1!.type === "end" && e1!.dtid, b1!.type === "begin" && b1!.otid);
    assert.equal(e2!.type === "end" && e2!.dtid, b2!.type === "begin" && b2!.otid);
    assert.equal(acnOf(b1!), NodeApplicationContext.shortMsgGateway);
    assert.equal(e1!.dialogue?.type, "aare");
    assert.equal(acnOf(e1!), NodeApplicationContext.shortMsgGateway);
    assert.equal(acnOf(e2!), NodeApplicationContext.shortMsgMtRelay);
    // The routing answer on the wire: the subscriber's IMSI and the home MSC.
    const c = e1!.type === "end" ? e1!.components![0]! : undefined;
    assert.ok(c?.type === "returnResultLast" && c.paramStart !== undefined);
    const res = sendRoutingInfoForSM.decodeResult!(carried[1]!.bytes, c.paramStart!, c.paramEnd!);
    assert.equal(res.imsi, r.imsi);
    assert.equal(res.locationInfoWithLmsi.networkNodeNumber.digits, HOME.msc.gt);
    // The MSC has the SMS, with its text.
    const got = w.msc.delivered.at(-1)!;
    assert.equal(got.imsi, r.imsi);
    assert.equal(got.msisdn, r.msisdn);
    assert.equal(got.text, "Your code is 482913");
    assert.equal(got.serviceCentre, HOME.smsc.gt);
  });

  it("runs a roaming updateLocation: UL → ISD → ISD result → UL result, moves the subscriber, cancels the old VLR", () => {
    const r = w.db.byIndex(AT_HOME[1]!)!;
    const t = T0 + 5_000;
    const sent = w.uk.updateLocation(r.imsi, t, { from: UK.vlr.gt, msc: UK.msc.gt });
    w.router.send(sent.messages, t);
    const carried = w.router.decoded();
    assert.deepEqual(flow(carried), [
      `begin ${UK.vlr.gt}>${HOME.hlr.gt} invoke:2`,
      `continue ${HOME.hlr.gt}>${UK.vlr.gt} invoke:7`,
      `begin ${HOME.hlr.gt}>${HOME.vlr.gt} invoke:3`,
      `continue ${UK.vlr.gt}>${HOME.hlr.gt} returnResultLast`,
      `end ${HOME.vlr.gt}>${HOME.hlr.gt} returnResultLast`,
      `end ${HOME.hlr.gt}>${UK.vlr.gt} returnResultLast:2`,
    ]);
    // One dialogue between the VLR and the HLR: TIDs chain, the AARE comes with the first Continue.
    const [ul, isd, , ack, , end] = carried.map((c) => c.tcap);
    assert.ok(
      ul!.type === "begin" && isd!.type === "continue" && ack!.type === "continue" && end!.type === "end",
    );
    assert.equal(isd.dtid, ul.otid);
    assert.equal(ack.otid, ul.otid);
    assert.equal(ack.dtid, isd.otid);
    assert.equal(end.dtid, ul.otid);
    assert.equal(isd.dialogue?.type, "aare");
    assert.equal(acnOf(isd), NodeApplicationContext.networkLocUp);
    assert.equal(carried[2]!.message.called.ssn, Ssn.vlr);
    // The subscriber has moved, in the HLR and in both VLRs.
    assert.equal(sent.exchange.status, "result");
    assert.equal(r.vlrNumber, UK.vlr.gt);
    assert.equal(r.mscNumber, UK.msc.gt);
    assert.equal(w.msc.register.has(r.imsi), false);
    assert.deepEqual(
      w.msc.cancellations.map((c) => [c.imsi, c.by, c.wasRegistered]),
      [[r.imsi, HOME.hlr.gt, true]],
    );
    const update = w.hlr.locationUpdates.at(-1)!;
    assert.equal(update.fromVlr, HOME.vlr.gt);
    assert.equal(update.toVlr, UK.vlr.gt);
    assert.equal(update.by, UK.vlr.gt);
    assert.equal(update.completed, true);
    assert.equal(update.cancelOutcome?.type, "result");
    const isdSeen = w.uk.received.find((x) => x.operation === "insertSubscriberData")!;
    assert.equal(isdSeen.imsi, r.imsi);
    assert.equal(isdSeen.msisdn, r.msisdn);
    // SMS now goes to the partner's MSC.
    const sms = w.smsc.deliver(r.msisdn, "Welcome to the UK", t + 60_000);
    w.router.send(sms.messages, t + 60_000);
    assert.equal(sms.delivery.state, "delivered");
    assert.equal(sms.delivery.msc, UK.msc.gt);
    assert.equal(w.uk.received.at(-1)!.sms?.text, "Welcome to the UK");
    // Every message of every dialogue was open once and closed once: nothing left behind.
    for (const n of [w.hlr, w.msc, w.smsc, w.uk]) assert.equal(n.dialogueCount, 0, n.name);
  });

  it("lets a forged updateLocation from a leased GT redirect SMS to the attacker (no firewall in the way)", () => {
    const r = w.db.byIndex(AT_HOME[2]!)!;
    const gt = NIMBUS.leases[8]!.gts[1]!.gt;
    const recon = w.nimbus.sriSm(r.msisdn, T0, { from: gt });
    w.router.send(recon.messages, T0);
    const imsi = resultOf<{ imsi: string }>(recon.exchange.outcome).imsi;
    assert.equal(imsi, r.imsi);
    const ul = w.nimbus.updateLocation(imsi, T0 + 90_000, { from: gt });
    w.router.send(ul.messages, T0 + 90_000);
    assert.equal(ul.exchange.status, "result");
    assert.equal(r.mscNumber, gt);
    // The bank's one-time password now reaches the attacker, not the subscriber.
    const otp = w.smsc.deliver(r.msisdn, "Bank code 771204. Do not share it", T0 + 120_000);
    w.router.send(otp.messages, T0 + 120_000);
    assert.equal(otp.delivery.state, "delivered");
    assert.equal(otp.delivery.msc, gt);
    const stolen = w.nimbus.received.filter((x) => x.operation === "mtForwardSM");
    assert.equal(stolen.length, 1);
    assert.equal(stolen[0]!.imsi, r.imsi);
    assert.equal(stolen[0]!.to, gt);
    assert.equal(stolen[0]!.sms?.text, "Bank code 771204. Do not share it");
    assert.ok(!w.msc.delivered.some((d) => d.imsi === r.imsi));
  });

  it("answers ATI (via PSI to the serving VLR) and PSI with the subscriber's real location", () => {
    const r = w.db.byIndex(AT_HOME[3]!)!;
    const cell = cellFor(HOME, r.imsi);
    const t = T0 + 30 * 60_000;
    const byMsisdn = w.nimbus.ati({ msisdn: r.msisdn }, t);
    const byImsi = w.nimbus.ati({ imsi: r.imsi }, t);
    const psi = w.nimbus.psi(r.imsi, t);
    w.router.send([...byMsisdn.messages, ...byImsi.messages, ...psi.messages], t);
    for (const x of [byMsisdn, byImsi, psi]) {
      const res = resultOf<{ subscriberInfo: SubscriberInfo }>(x.exchange.outcome);
      const li = res.subscriberInfo.locationInformation!;
      assert.equal(li.vlrNumber?.digits, HOME.vlr.gt);
      assert.equal(li.mscNumber?.digits, HOME.msc.gt);
      assert.equal(li.ageOfLocationInformation, 30);
      assert.deepEqual(li.cellGlobalIdOrServiceAreaIdOrLai, {
        kind: "cellGlobalIdOrServiceAreaIdFixedLength",
        cellGlobalIdOrServiceAreaIdFixedLength: cell,
      });
      assert.deepEqual(res.subscriberInfo.subscriberState, { kind: "assumedIdle" });
    }
    // The ATI went on to the VLR as a PSI from the HLR, in a dialogue of its own.
    const hops = flow(w.router.decoded()).filter((f) => f.includes("invoke:70"));
    assert.deepEqual(
      hops.sort(),
      [
        `begin ${HOME.hlr.gt}>${HOME.vlr.gt} invoke:70`,
        `begin ${HOME.hlr.gt}>${HOME.vlr.gt} invoke:70`,
        `begin ${NIMBUS.leases[0]!.gts[0]!.gt}>${HOME.vlr.gt} invoke:70`,
      ].sort(),
    );
  });

  it("answers ATI for a roamer from the HLR's own record when the visited VLR does not answer", () => {
    const i = ROAMERS.find((k) => homeSubscriberLocation(k) !== UK)!;
    const r = w.db.byIndex(i)!;
    const visited = homeSubscriberLocation(i);
    const x = w.nimbus.ati({ msisdn: r.msisdn }, T0 + 120_000);
    w.router.send(x.messages, T0 + 120_000);
    const info = resultOf<{ subscriberInfo: Record<string, unknown> }>(x.exchange.outcome).subscriberInfo;
    assert.deepEqual(info, {
      locationInformation: {
        ageOfLocationInformation: 2,
        vlrNumber: { natureOfAddress: 1, numberingPlan: 1, digits: visited.vlr.gt },
        mscNumber: { natureOfAddress: 1, numberingPlan: 1, digits: visited.msc.gt },
      },
      subscriberState: { kind: "notProvidedFromVlr" },
    });
    // The visited network is not in this lab: the PSI came back from the "STP" as a UDTS.
    assert.ok(w.router.log.some((c) => c.byRouter && c.message.returnCause === 1));
  });

  it("answers sendRoutingInfo with the IMSI and an MSRN the serving VLR allocated", () => {
    const r = w.db.byIndex(AT_HOME[4]!)!;
    const x = w.uk.sri(r.msisdn, T0);
    w.router.send(x.messages, T0);
    const res = resultOf<{
      imsi: string;
      extendedRoutingInfo: { kind: string; roamingNumber: { digits: string } };
    }>(x.exchange.outcome);
    assert.equal(res.imsi, r.imsi);
    assert.equal(res.extendedRoutingInfo.kind, "roamingNumber");
    assert.match(res.extendedRoutingInfo.roamingNumber.digits, /^12025557\d{3}$/);
    assert.ok(flow(w.router.decoded()).includes(`begin ${HOME.hlr.gt}>${HOME.vlr.gt} invoke:4`));
  });

  it("gives authentication vectors that are fixed for a seed and differ between seeds and requests", () => {
    const r = w.db.byIndex(AT_HOME[5]!)!;
    const ask = (hlr: Hlr): unknown => {
      const fn = ForeignNetwork.partner(UK);
      const router = new Router().add(hlr).add(fn, ...fn.gts);
      const x = fn.sendAuthenticationInfo(r.imsi, T0);
      router.send(x.messages, T0);
      return resultOf(x.exchange.outcome);
    };
    const a = new Hlr({ seed: 3 });
    const first = ask(a);
    assert.deepEqual(ask(new Hlr({ seed: 3 })), first);
    assert.notDeepEqual(ask(new Hlr({ seed: 4 })), first);
    assert.notDeepEqual(ask(a), first, "the next request gets fresh vectors");
    const q = (first as { quintupletList: { rand: Uint8Array; autn: Uint8Array }[] }).quintupletList;
    assert.equal(q.length, 1);
    assert.equal(q[0]!.rand.length, 16);
    assert.equal(q[0]!.autn.length, 16);
  });

  it("answers unknown subscribers with ReturnError unknownSubscriber (1) at the HLR", () => {
    const stranger = subscriber(HOME, 99_000);
    const foreign = subscriber(UK, 17);
    const xs = [
      w.nimbus.sriSm(stranger.msisdn, T0),
      w.nimbus.sri(stranger.msisdn, T0),
      w.nimbus.sendImsi(stranger.msisdn, T0),
      w.nimbus.ati({ msisdn: stranger.msisdn }, T0),
      w.nimbus.ati({ imsi: foreign.imsi }, T0),
      w.nimbus.updateLocation(stranger.imsi, T0),
      w.nimbus.sendAuthenticationInfo(foreign.imsi, T0),
      w.nimbus.purgeMs(stranger.imsi, T0),
    ];
    w.router.send(
      xs.flatMap((x) => x.messages),
      T0,
    );
    for (const x of xs) {
      assert.deepEqual(
        x.exchange.outcome,
        { type: "error", errorCode: MapErrorCode.unknownSubscriber, error: "unknownSubscriber" },
        x.exchange.operation,
      );
    }
    // Nothing moved.
    assert.equal(w.hlr.locationUpdates.length, 0);
  });

  it("answers unknown IMSIs at the MSC/VLR as TS 29.002 has it (unidentifiedSubscriber, dataMissing)", () => {
    const absent = w.db.byIndex(ROAMERS[0]!)!;
    const sms = w.nimbus.mtForwardSm(absent.imsi, "hello", T0);
    const psi = w.nimbus.psi(absent.imsi, T0);
    const dsd = w.nimbus.deleteSubscriberData(absent.imsi, T0);
    const cl = w.nimbus.cancelLocation(absent.imsi, T0);
    w.router.send([...sms.messages, ...psi.messages, ...dsd.messages, ...cl.messages], T0);
    assert.equal(
      sms.exchange.outcome?.type === "error" && sms.exchange.outcome.errorCode,
      MapErrorCode.unidentifiedSubscriber,
    );
    assert.equal(
      psi.exchange.outcome?.type === "error" && psi.exchange.outcome.errorCode,
      MapErrorCode.dataMissing,
    );
    assert.equal(
      dsd.exchange.outcome?.type === "error" && dsd.exchange.outcome.errorCode,
      MapErrorCode.unidentifiedSubscriber,
    );
    assert.equal(cl.exchange.status, "result", "cancelLocation is acknowledged either way");
  });

  it("rejects an unknown operation code, and an operation outside the dialogue's application context", () => {
    const hlr = addressOf(HOME.hlr.gt, Ssn.hlr);
    const unknown = w.nimbus.invokeOperation(99, Uint8Array.of(0x04, 0x01, 0x00), T0, {
      called: hlr,
      acn: NodeApplicationContext.shortMsgGateway,
    });
    // sendIMSI is an HLR operation, but not one of shortMsgGatewayContext's.
    const outside = w.nimbus.invokeOperation(58, Uint8Array.of(0x04, 0x02, 0x91, 0x21), T0, {
      called: hlr,
      acn: NodeApplicationContext.shortMsgGateway,
    });
    w.router.send([...unknown.messages, ...outside.messages], T0);
    for (const x of [unknown, outside]) {
      assert.deepEqual(x.exchange.outcome, {
        type: "reject",
        problemType: ProblemType.invoke,
        problem: InvokeProblem.unrecognizedOperation,
        byPeer: true,
      });
    }
    // The answer is an End with the AARE and the Reject.
    const end = w.router.decoded().find((c) => c.tcap.type === "end")!;
    assert.equal(end.tcap.dialogue?.type, "aare");
    assert.deepEqual(componentsOf(end.tcap), [
      `reject:${ProblemType.invoke}/${InvokeProblem.unrecognizedOperation}`,
    ]);
  });

  it("refuses a dialogue in an application context the node does not serve (anyTimeInfoHandling at the HLR)", () => {
    const x = w.nimbus.invokeOperation(62, Uint8Array.of(0x30, 0x00), T0, {
      called: addressOf(HOME.hlr.gt, Ssn.hlr),
      callingSsn: Ssn.gsmScf,
      acn: NodeApplicationContext.anyTimeInfoHandling,
    });
    w.router.send(x.messages, T0);
    assert.equal(x.exchange.status, "abort");
    const abort = w.router.decoded()[1]!.tcap;
    assert.equal(abort.type, "abort");
    assert.ok(abort.dialogue?.type === "aare");
    assert.equal(abort.dialogue.result, 1);
    assert.equal(abort.dialogue.diagnostic, 2);
    assert.equal(abort.dialogue.applicationContext, NodeApplicationContext.anyTimeInfoHandling);
  });

  it("purgeMS from the serving VLR makes SMS routing answer absentSubscriberSM until the next updateLocation", () => {
    const r = w.db.byIndex(AT_HOME[6]!)!;
    const fake = new ForeignNetwork({ name: "home VLR stand-in", gts: [HOME.vlr.gt] });
    const router = new Router()
      .add(w.hlr)
      .add(fake)
      .add(w.nimbus, ...w.nimbus.gts);
    const purge = fake.purgeMs(r.imsi, T0);
    router.send(purge.messages, T0);
    assert.deepEqual(resultOf(purge.exchange.outcome), { freezeTmsi: true });
    assert.equal(r.purged, true);
    const q1 = w.nimbus.sriSm(r.msisdn, T0 + 1);
    router.send(q1.messages, T0 + 1);
    assert.equal(
      q1.exchange.outcome?.type === "error" && q1.exchange.outcome.errorCode,
      MapErrorCode.absentSubscriberSM,
    );
    const ati = w.nimbus.ati({ imsi: r.imsi }, T0 + 2);
    router.send(ati.messages, T0 + 2);
    assert.deepEqual(resultOf<{ subscriberInfo: unknown }>(ati.exchange.outcome).subscriberInfo, {
      subscriberState: { kind: "netDetNotReachable", netDetNotReachable: 0 },
    });
    const ul = fake.updateLocation(r.imsi, T0 + 3);
    router.send(ul.messages, T0 + 3);
    assert.equal(r.purged, false);
  });

  it("attaches a returning roamer: the MSC/VLR authenticates, updates location, learns the MSISDN; the partner VLR is cancelled", () => {
    const i = ROAMERS.find((k) => homeSubscriberLocation(k) === UK) ?? ROAMERS[0]!;
    const r = w.db.byIndex(i)!;
    const visited = homeSubscriberLocation(i);
    const partner = visited === UK ? w.uk : ForeignNetwork.partner(visited);
    if (partner !== w.uk) w.router.add(partner, ...partner.gts);
    let outcome: InvokeOutcome | undefined;
    const messages = w.msc.attach(r.imsi, T0 + 10_000, {
      onDone: (o) => {
        outcome = o;
      },
    });
    w.router.send(messages, T0 + 10_000);
    assert.equal(outcome?.type, "result");
    assert.deepEqual(
      flow(w.router.decoded()).map((f) => f.split(" ")[2]),
      [
        "invoke:56",
        "returnResultLast:56",
        "invoke:2",
        "invoke:7",
        "invoke:3",
        "returnResultLast",
        "returnResultLast",
        "returnResultLast:2",
      ],
    );
    const v = w.msc.register.get(r.imsi)!;
    assert.equal(v.msisdn, r.msisdn);
    assert.equal(v.sinceMs, T0 + 10_000);
    assert.equal(r.vlrNumber, HOME.vlr.gt);
    const cl = partner.received.find((x) => x.operation === "cancelLocation")!;
    assert.equal(cl.imsi, r.imsi);
    assert.equal(cl.to, visited.vlr.gt);
  });

  it("puts only well-formed messages on the wire: every message encodes to M3UA and decodes back", () => {
    let t = T0;
    const send = (ms: { messages: SccpTcapMessage[] }): void => {
      t += 1_000;
      w.router.send(ms.messages, t);
    };
    for (const i of AT_HOME.slice(10, 20)) {
      const r = w.db.byIndex(i)!;
      send(w.smsc.deliver(r.msisdn, `Parcel ${i} arrives today`, t));
      send(w.nimbus.ati({ msisdn: r.msisdn }, t));
      send(w.nimbus.sri(r.msisdn, t));
      send(w.uk.sendAuthenticationInfo(r.imsi, t));
      send(w.uk.updateLocation(r.imsi, t, { from: UK.vlr.gt }));
    }
    for (const i of ROAMERS.slice(0, 5)) send({ messages: w.msc.attach(w.db.byIndex(i)!.imsi, t) });
    send(w.nimbus.invokeOperation(99, undefined, t, { called: addressOf(HOME.hlr.gt, Ssn.hlr) }));
    send(w.nimbus.sriSm(subscriber(HOME, 99_001).msisdn, t));
    let frame = 0;
    const types = new Set<string>();
    for (const c of w.router.log) {
      if (c.byRouter) continue;
      const s = overTheWire(c, ++frame);
      const tcap = c.message.tcap as { type: string };
      assert.equal(s.tcap?.type.toLowerCase(), tcap.type);
      types.add(tcap.type);
    }
    assert.ok(frame > 150, `${frame} messages checked`);
    assert.deepEqual([...types].sort(), ["begin", "continue", "end"]);
  });

  it("decodes the HLR's ATI answer with the project's codec (the location the attacker learns)", () => {
    const r = w.db.byIndex(AT_HOME[7]!)!;
    const x = w.nimbus.ati({ imsi: r.imsi }, T0);
    w.router.send(x.messages, T0);
    const end = w.router
      .decoded()
      .find((c) => c.tcap.type === "end" && c.to === NIMBUS.leases[0]!.gts[0]!.gt)!;
    const comp = end.tcap.type === "end" ? end.tcap.components![0]! : undefined;
    assert.ok(comp?.type === "returnResultLast" && comp.paramStart !== undefined);
    const res = anyTimeInterrogation.decodeResult!(end.bytes, comp.paramStart!, comp.paramEnd!);
    const cgi = res.subscriberInfo.locationInformation?.cellGlobalIdOrServiceAreaIdOrLai;
    assert.ok(cgi?.kind === "cellGlobalIdOrServiceAreaIdFixedLength");
    assert.equal(cgi.cellGlobalIdOrServiceAreaIdFixedLength.mcc, HOME.mcc);
  });
});
