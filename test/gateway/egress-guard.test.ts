import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeM3ua, m3uaData } from "../../src/codec/m3ua/index.js";
import { anyTimeInterrogation } from "../../src/codec/map/operations/anyTimeInterrogation.js";
import { reportSMDeliveryStatus } from "../../src/codec/map/operations/reportSMDeliveryStatus.js";
import { sendRoutingInfoForSM } from "../../src/codec/map/operations/sendRoutingInfoForSM.js";
import type { TcapMessageValue } from "../../src/codec/tcap/index.js";
import { EgressGuard, type EgressRefusal } from "../../src/gateway/egress-guard.js";
import { isdn } from "../../src/lab/traffic.js";
import {
  AC,
  aarq,
  begin,
  HOME_IMSI,
  HOME_MSISDN,
  invoke,
  NODES as N,
  op,
  wire,
} from "../firewall/harness.js";

// Our GT: a Nimbus Route Ltd lease; the peer is the home HLR.
const OURS = N.nimbusZm;

function guard() {
  const refusals: EgressRefusal[] = [];
  return { g: new EgressGuard((r) => refusals.push(r)), refusals };
}

const check = (g: EgressGuard, tcap: TcapMessageValue, to = N.homeHlr) => {
  const bytes = wire(OURS, to, tcap);
  return g.check(bytes, 0, bytes.length);
};

describe("egress guard", () => {
  it("lets the SMS-delivery set out: SRI-SM, mt-forwardSM, reportSM-DeliveryStatus, forwardSM v2, v1 SRI-SM", () => {
    const { g, refusals } = guard();
    assert.deepEqual(check(g, op.sriSm(HOME_MSISDN, OURS)), { allowed: true });
    assert.deepEqual(check(g, op.mtForwardSm(HOME_IMSI, OURS), N.homeMsc), { allowed: true });
    const report = begin(
      AC.shortMsgGateway3,
      invoke(47, reportSMDeliveryStatus, {
        msisdn: isdn(HOME_MSISDN),
        serviceCentreAddress: isdn(OURS.gt),
        smDeliveryOutcome: 1,
      } as never),
    );
    assert.deepEqual(check(g, report), { allowed: true });
    assert.deepEqual(check(g, op.raw(46, "0.4.0.0.1.0.25.2"), N.homeMsc), { allowed: true });
    assert.deepEqual(check(g, op.raw(45, undefined)), { allowed: true });
    // Answers and ends of dialogues pass.
    assert.deepEqual(
      check(g, { type: "end", dtid: "00000001", components: [{ type: "returnResultLast", invokeId: 1 }] }),
      {
        allowed: true,
      },
    );
    assert.deepEqual(check(g, { type: "abort", dtid: "00000001", pAbortCause: 4 } as TcapMessageValue), {
      allowed: true,
    });
    assert.equal(refusals.length, 0);
    assert.equal(g.passed, 7);
  });

  it("refuses every other operation, and says so", () => {
    const { g, refusals } = guard();
    const cases: [TcapMessageValue, number][] = [
      [op.ati(HOME_MSISDN, OURS), 71],
      [op.psi(HOME_IMSI), 70],
      [op.updateLocation(HOME_IMSI, OURS), 2],
      [op.sendImsi(HOME_MSISDN), 58],
      [op.cancelLocation(HOME_IMSI), 3],
      [op.raw(22, "0.4.0.0.1.0.5.3"), 22],
    ];
    for (const [tcap, opcode] of cases) {
      const v = check(g, tcap);
      assert.equal(v.allowed, false, `opcode ${opcode}`);
      assert.equal(!v.allowed && v.opcode, opcode);
    }
    assert.equal(refusals.length, cases.length);
    assert.equal(refusals[0]!.callingGt, OURS.gt);
    assert.equal(refusals[0]!.calledGt, N.homeHlr.gt);
    assert.match(refusals[0]!.reason, /operation 71 is not SMS delivery/);
    assert.equal(g.refused, cases.length);
  });

  it("reads every component: an ATI smuggled behind an SRI-SM is refused", () => {
    const { g } = guard();
    const smuggled: TcapMessageValue = {
      type: "begin",
      otid: "0000abcd",
      dialogue: aarq(AC.shortMsgGateway3),
      components: [
        invoke(45, sendRoutingInfoForSM, {
          msisdn: isdn(HOME_MSISDN),
          smRpPri: true,
          serviceCentreAddress: isdn(OURS.gt),
        }),
        invoke(
          71,
          anyTimeInterrogation,
          {
            subscriberIdentity: { kind: "msisdn", msisdn: isdn(HOME_MSISDN) },
            requestedInfo: { locationInformation: true },
            gsmScfAddress: isdn(OURS.gt),
          },
          2,
        ),
      ],
    } as TcapMessageValue;
    const v = check(g, smuggled);
    assert.equal(v.allowed, false);
    assert.equal(!v.allowed && v.opcode, 71);
  });

  it("refuses SMS operations in the wrong context, without one when MAP requires it, and anything undecodable", () => {
    const { g } = guard();
    assert.match(
      String((check(g, op.raw(45, "0.4.0.0.1.0.29.3")) as { reason: string }).reason),
      /application context/,
    );
    assert.equal(check(g, op.raw(44, undefined), N.homeMsc).allowed, false);
    assert.equal(check(g, op.raw(46, "0.4.0.0.1.0.21.3")).allowed, false); // MO relay v3: not delivery
    const isup = encodeM3ua(
      m3uaData({ opc: 1, dpc: 2, si: 5, ni: 2, mp: 0, sls: 0 }, Uint8Array.of(1, 2, 3)),
    );
    assert.match(String((g.check(isup) as { reason: string }).reason), /service indicator 5/);
    const junk = Uint8Array.of(1, 0, 1, 1, 0, 0, 0, 9, 0);
    assert.match(String((g.check(junk) as { reason: string }).reason), /undecodable|not an M3UA DATA/);
    const global: TcapMessageValue = {
      type: "begin",
      otid: "00000002",
      components: [{ type: "invoke", invokeId: 1, opcode: { type: "global", oid: "1.2.3" } }],
    } as TcapMessageValue;
    assert.match(String((check(g, global) as { reason: string }).reason), /global operation code/);
  });
});
