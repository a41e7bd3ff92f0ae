import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SctpPpid } from "../../src/codec/capture/index.js";
import { encodeM3ua, m3uaData } from "../../src/codec/m3ua/index.js";
import { encodeSccp } from "../../src/codec/sccp/index.js";
import { StackDecoder } from "../../src/codec/stack/decoder.js";
import { encodeTcap } from "../../src/codec/tcap/index.js";
import { parsePolicy } from "../../src/firewall/policy.js";
import { gtAddress } from "../../src/lab/traffic.js";
import { sctpRecord } from "../codec/stack/harness.js";
import {
  AC,
  begin,
  Harness,
  HOME_IMSI,
  HOME_MSISDN,
  invoke,
  NODES as N,
  op,
  POLICY_YAML,
  ZAMTEL_IMSI,
} from "./harness.js";

describe("firewall engine: category 1", () => {
  it("aborts an anyTimeInterrogation from another network and files a location-tracking incident", () => {
    const h = new Harness();
    const j = h.send(N.unknownJp, N.homeHlr, op.ati(HOME_MSISDN, N.unknownJp));
    assert.equal(j.verdict, "tcap-abort");
    assert.equal(j.alert, true);
    assert.equal(j.reason, "category-1");
    assert.equal(j.kind, "location-tracking");
    const [inc] = h.incidents();
    assert.deepEqual(inc!.target, { imsi: null, msisdn: HOME_MSISDN });
    assert.deepEqual(inc!.origins, [
      { gt: N.unknownJp.gt, country: "JP", operator: null, lessee: null, messages: 1 },
    ]);
  });

  it("lets the same query through from the home network", () => {
    const h = new Harness();
    assert.equal(h.send(N.homeVlr, N.homeHlr, op.ati(HOME_MSISDN, N.homeVlr)).verdict, "allow");
    assert.equal(h.incidents().length, 0);
  });

  it("groups sendIMSI probes by lessee across GTs and countries", () => {
    const h = new Harness();
    const a = h.send(N.nimbusZm, N.homeHlr, op.sendImsi(HOME_MSISDN));
    const b = h.advance(5).send(N.nimbusUk, N.homeHlr, op.sendImsi("12025560043"));
    // Leased for A2P SMS: any other operation breaks the lease's purpose before category 1 is considered.
    assert.equal(a.reason, "lease-purpose");
    assert.equal(a.kind, "category-1-probe");
    assert.equal(b.incident, a.incident);
    const c = h.send(N.unknownJp, N.homeHlr, op.sendImsi(HOME_MSISDN));
    assert.equal(c.reason, "category-1");
    assert.notEqual(c.incident, a.incident);
    const inc = h.incidents().find((i) => i.id === a.incident)!;
    assert.deepEqual(inc.countries, ["GB", "ZM"]);
    assert.equal(inc.shared_lessee, "Nimbus Route Ltd");
  });
});

describe("firewall engine: answers", () => {
  it("builds the answer for each non-silent verdict, decoded back by the stack decoder", () => {
    const h = new Harness(`${POLICY_YAML}
rules:
  - { name: udts-transit, match: { lessee: Open Transit }, action: drop-with-udts, return_cause: 3 }
`);
    const decode = (bytes: Uint8Array) => {
      const problems: string[] = [];
      const out = new StackDecoder().decode(sctpRecord(bytes, SctpPpid.m3ua), (p) => problems.push(p.reason));
      assert.deepEqual(problems, []);
      return out;
    };
    const ati = op.ati(HOME_MSISDN, N.unknownJp) as { otid: string };
    const abort = h.send(N.unknownJp, N.homeHlr, ati as never);
    const [a] = decode(abort.response!);
    assert.equal(a!.tcap?.type, "Abort");
    assert.equal(a!.tcap?.dtid, ati.otid);
    assert.equal(a!.sccp.called.gt, N.unknownJp.gt);
    assert.equal(a!.sccp.calling.gt, N.homeHlr.gt);
    const isd = op.isd(ZAMTEL_IMSI, "260970000077") as { otid: string };
    const err = h.send(N.deVlr, N.homeVlr, isd as never);
    const [e] = decode(err.response!);
    assert.equal(e!.tcap?.type, "End");
    assert.equal(e!.tcap?.dtid, isd.otid);
    assert.deepEqual(
      e!.components.map((c) => [c.type, c.errorCode]),
      [["returnError", 36]],
    );
    const udts = h.send(N.transitFr, N.homeHlr, op.sriSm(HOME_MSISDN, N.transitFr));
    const [u] = decode(udts.response!);
    assert.equal(u!.sccp.type, "UDTS");
    assert.equal(u!.sccp.returnCause, 3);
    // Silent verdicts and allowed messages have no answer.
    assert.equal(h.send(N.ukSmsc, N.homeHlr, op.sriSm(HOME_MSISDN, N.ukSmsc)).response, undefined);
    assert.equal(h.send(N.ukVlr, N.homeHlr, op.raw(200, undefined)).response, undefined);
  });
});

describe("firewall engine: category 2", () => {
  it("accepts insertSubscriberData from the HLR of the subscriber's own network", () => {
    const h = new Harness();
    assert.equal(h.send(N.zamtelHlr, N.homeVlr, op.isd(ZAMTEL_IMSI, "260970000077")).verdict, "allow");
  });

  it("rejects insertSubscriberData and cancelLocation for a Zamtel subscriber sent from a German GT", () => {
    const h = new Harness();
    const a = h.send(N.deVlr, N.homeVlr, op.isd(ZAMTEL_IMSI, "260970000077"));
    assert.equal(a.verdict, "map-error");
    assert.equal(a.mapError, 36);
    assert.equal(a.reason, "category-2");
    assert.equal(a.kind, "subscriber-profile-tampering");
    const b = h.advance(1).send(N.deVlr, N.homeVlr, op.cancelLocation(ZAMTEL_IMSI));
    assert.equal(b.reason, "category-2");
    assert.equal(b.incident, a.incident);
    assert.equal(h.incidents()[0]!.messages, 2);
  });

  it("rejects provideSubscriberInfo for a home subscriber from another network as location tracking", () => {
    const h = new Harness();
    const j = h.send(N.frVlr, N.homeVlr, op.psi(HOME_IMSI));
    assert.equal(j.reason, "category-2");
    assert.equal(j.kind, "location-tracking");
  });

  it("judges by MCC country when the policy does not know the IMSI's network", () => {
    const h = new Harness();
    // 440 = Japan: a JP GT may manage a JP subscriber, a Zamtel HLR may not.
    assert.equal(h.send(N.unknownJp, N.homeVlr, op.isd("440100000000001", "819000000001")).verdict, "allow");
    assert.equal(
      h.send(N.zamtelHlr, N.homeVlr, op.isd("440100000000001", "819000000001")).reason,
      "category-2",
    );
  });
});

describe("firewall engine: category 3 plausibility", () => {
  it("rejects a location update from Zambia minutes after the subscriber was reached at home", () => {
    const h = new Harness();
    h.send(N.ukSmsc, N.homeMsc, op.mtForwardSm(HOME_IMSI, N.ukSmsc));
    const j = h.advance(600).send(N.zamtelVlr, N.homeHlr, op.updateLocation(HOME_IMSI, N.zamtelVlr));
    assert.equal(j.verdict, "map-error");
    assert.equal(j.mapError, 8);
    assert.equal(j.reason, "impossible-travel");
    assert.equal(j.kind, "implausible-location");
  });

  it("accepts it two days later, and accepts a nearby country sooner", () => {
    const h = new Harness();
    h.send(N.ukSmsc, N.homeMsc, op.mtForwardSm(HOME_IMSI, N.ukSmsc));
    assert.equal(
      h.advance(2 * 86400).send(N.zamtelVlr, N.homeHlr, op.updateLocation(HOME_IMSI, N.zamtelVlr)).verdict,
      "allow",
    );
    // Now in Zambia; a UK update 20 minutes later is impossible (≈ 8,000 km)...
    assert.equal(
      h.advance(1200).send(N.ukVlr, N.homeHlr, op.updateLocation(HOME_IMSI, N.ukVlr)).verdict,
      "map-error",
    );
    // ...the rejected update did not move the subscriber: from Zambia, after 10 hours, Germany is reachable.
    assert.equal(
      h.advance(36000).send(N.deVlr, N.homeHlr, op.updateLocation(HOME_IMSI, N.deVlr)).verdict,
      "allow",
    );
    // Germany → France (≈ 750 km) within an hour is plausible.
    assert.equal(
      h.advance(3600).send(N.frVlr, N.homeHlr, op.updateLocation(HOME_IMSI, N.frVlr)).verdict,
      "allow",
    );
  });

  it("accepts the first location update of a subscriber it knows nothing about", () => {
    const h = new Harness();
    assert.equal(h.send(N.zamtelVlr, N.homeHlr, op.updateLocation(HOME_IMSI, N.zamtelVlr)).verdict, "allow");
  });
});

describe("firewall engine: SMS interception and spoofing", () => {
  it("links MSISDN and IMSI through the HLR's SRI-SM answer, then catches the lessee's location update", () => {
    const h = new Harness();
    const sri = op.sriSm(HOME_MSISDN, N.nimbusZm);
    assert.equal(h.send(N.nimbusZm, N.homeHlr, sri).verdict, "allow");
    const otid = (sri as { otid: string }).otid;
    h.advance(0.2).send(N.homeHlr, N.nimbusZm, op.sriSmAnswer(otid, HOME_IMSI, N.homeMsc));
    // A GT of the same lessee in another country now claims the subscriber registered with it. (Lease
    // purpose would catch it first; here the lessee's second GT is on an unrestricted lease.)
    const h2 = new Harness(POLICY_YAML.replace("purpose: a2p-sms", "purpose: transit"));
    h2.send(N.nimbusZm, N.homeHlr, sri);
    h2.advance(0.2).send(N.homeHlr, N.nimbusZm, op.sriSmAnswer(otid, HOME_IMSI, N.homeMsc));
    const j = h2.advance(120).send(N.nimbusDe, N.homeHlr, op.updateLocation(HOME_IMSI, N.nimbusDe));
    assert.equal(j.reason, "sms-interception");
    assert.equal(j.kind, "sms-interception");
    assert.equal(j.verdict, "map-error");
    const inc = h2.incidents()[0]!;
    assert.deepEqual(inc.target, { imsi: HOME_IMSI, msisdn: HOME_MSISDN });
    assert.deepEqual(inc.lessees, ["Nimbus Route Ltd"]);
    // The SRI-SM that prepared it (frame 1) is filed with the update (frame 3); the HLR's answer is not.
    assert.deepEqual(inc.frames, [1, 3]);
    assert.equal(inc.timeline[0]!.operation, "sendRoutingInfoForSM");
    // With the a2p-sms lease, the same update is stopped by the lease's purpose.
    const k = h.advance(120).send(N.nimbusDe, N.homeHlr, op.updateLocation(HOME_IMSI, N.nimbusDe));
    assert.equal(k.reason, "lease-purpose");
    assert.equal(k.kind, "sms-interception");
  });

  it("calls an implausible update after a foreign SRI-SM interception, without the SRI-SM an implausible location", () => {
    const h = new Harness();
    h.send(N.ukSmsc, N.homeMsc, op.mtForwardSm(HOME_IMSI, N.ukSmsc));
    const sri = op.sriSm(HOME_MSISDN, N.transitFr);
    h.advance(10).send(N.transitFr, N.homeHlr, sri);
    h.advance(0.1).send(
      N.homeHlr,
      N.transitFr,
      op.sriSmAnswer((sri as { otid: string }).otid, HOME_IMSI, N.homeMsc),
    );
    const j = h.advance(60).send(N.zamtelVlr, N.homeHlr, op.updateLocation(HOME_IMSI, N.zamtelVlr));
    assert.equal(j.reason, "sms-interception");
  });

  it("flags an mt-forwardSM from a network other than the one that asked for routing info", () => {
    const h = new Harness();
    const sri = op.sriSm(HOME_MSISDN, N.ukSmsc);
    h.send(N.ukSmsc, N.homeHlr, sri);
    h.advance(0.1).send(
      N.homeHlr,
      N.ukSmsc,
      op.sriSmAnswer((sri as { otid: string }).otid, HOME_IMSI, N.homeMsc),
    );
    assert.equal(
      h.advance(0.5).send(N.ukSmsc, N.homeMsc, op.mtForwardSm(HOME_IMSI, N.ukSmsc)).verdict,
      "allow",
    );
    const j = h.advance(0.5).send(N.zamtelSmsc, N.homeMsc, op.mtForwardSm(HOME_IMSI, N.zamtelSmsc));
    assert.equal(j.reason, "sms-spoofing");
    assert.equal(j.kind, "sms-spoofing");
    // After the routing window, nothing is remembered and nothing is judged.
    assert.equal(
      h.advance(3600).send(N.zamtelSmsc, N.homeMsc, op.mtForwardSm(HOME_IMSI, N.zamtelSmsc)).verdict,
      "allow",
    );
  });
});

describe("firewall engine: campaigns", () => {
  const burst = (h: Harness, n: number, origins: readonly (typeof N)[keyof typeof N][], gapS: number) => {
    const out = [];
    for (let i = 0; i < n; i++) {
      const o = origins[i % origins.length]!;
      out.push(h.advance(gapS).send(o, N.homeHlr, op.sriSm(HOME_MSISDN, o)));
    }
    return out;
  };

  it("finds a burst of SRI-SMs from one lessee's GTs in three countries though each passes alone", () => {
    const h = new Harness();
    const judged = burst(h, 14, [N.nimbusZm, N.nimbusUk, N.nimbusDe], 0.25);
    assert.deepEqual(
      judged.map((j) => j.verdict),
      [...Array(9).fill("allow"), ...Array(5).fill("drop")],
    );
    assert.equal(judged[9]!.reason, "campaign");
    const incs = h.incidents();
    assert.equal(incs.length, 1);
    const inc = incs[0]!;
    assert.equal(inc.kind, "location-tracking");
    assert.equal(inc.messages, 14);
    assert.deepEqual(
      inc.frames,
      judged.map((j) => j.frame),
    );
    assert.deepEqual(inc.verdicts, { allow: 9, drop: 5 });
    assert.deepEqual(inc.countries, ["DE", "GB", "ZM"]);
    assert.equal(inc.shared_lessee, "Nimbus Route Ltd");
    assert.equal(inc.peak_rate_per_s, 4);
    assert.deepEqual(inc.target, { imsi: null, msisdn: HOME_MSISDN });
    assert.match(inc.summary, /all leased to Nimbus Route Ltd/);
  });

  it("stays quiet below the thresholds: too few origins, too few messages, too slow", () => {
    const two = new Harness();
    burst(two, 30, [N.nimbusZm, N.nimbusUk], 0.25);
    assert.equal(two.incidents().length, 0);
    const few = new Harness();
    burst(few, 9, [N.nimbusZm, N.nimbusUk, N.nimbusDe], 0.25);
    assert.equal(few.incidents().length, 0);
    const slow = new Harness();
    burst(slow, 30, [N.nimbusZm, N.nimbusUk, N.nimbusDe], 7); // 9 per minute at most
    assert.equal(slow.incidents().length, 0);
  });

  it("follows the policy's burst thresholds", () => {
    const h = new Harness(
      `${POLICY_YAML}\nthresholds: { location_burst: { window_s: 10, min_messages: 4, min_origins: 2 } }\n`,
    );
    const judged = burst(h, 4, [N.nimbusZm, N.nimbusUk], 1);
    assert.equal(judged[3]!.reason, "campaign");
  });

  it("keeps dropping location requests at the target while the campaign lasts, then lets them go", () => {
    const h = new Harness();
    burst(h, 12, [N.nimbusZm, N.nimbusUk, N.nimbusDe], 0.25);
    assert.equal(h.advance(30).send(N.ukSmsc, N.homeHlr, op.sriSm(HOME_MSISDN, N.ukSmsc)).reason, "campaign");
    assert.equal(h.advance(300).send(N.ukSmsc, N.homeHlr, op.sriSm(HOME_MSISDN, N.ukSmsc)).verdict, "allow");
  });
});

describe("firewall engine: TCAP sanity", () => {
  it("drops unknown opcodes, missing and wrong application contexts", () => {
    const h = new Harness();
    const unknown = h.send(N.ukVlr, N.homeHlr, op.raw(200, undefined));
    assert.equal(unknown.reason, "unknown-opcode");
    assert.equal(unknown.kind, "malformed-signalling");
    assert.equal(h.send(N.ukVlr, N.homeVlr, op.psi(HOME_IMSI, null)).reason, "missing-application-context");
    assert.equal(
      h.send(N.ukVlr, N.homeVlr, op.psi(HOME_IMSI, "0.4.0.0.1.0.1.3")).reason,
      "wrong-application-context",
    );
    // MAP v1 forms need no context: sendRoutingInfoForSM has one.
    const v1 = op.raw(45, undefined);
    assert.equal(h.send(N.ukSmsc, N.homeHlr, v1).verdict, "allow");
  });

  it("judges a message whose IMSI is malformed instead of losing it", () => {
    const h = new Harness();
    // provideSubscriberInfo { imsi [0] 0xAB 0xCD … }: TBCD with non-decimal nibbles.
    const raw = {
      encodeArgument: (w: import("../../src/codec/ber/index.js").BerWriter) =>
        w.raw(Uint8Array.from([0x30, 0x05, 0x80, 0x03, 0xab, 0xcd, 0xef])),
    };
    const bad = begin(AC.subscriberInfoEnquiry3, invoke(70, raw as never, undefined));
    assert.throws(() => h.send(N.frVlr, N.homeVlr, bad));
    const d = h.engine.incidents[0]!.toJson();
    assert.equal(d.kind, "malformed-signalling");
    assert.equal(d.timeline[0]!.reason, "malformed-identity");
    assert.equal(d.timeline[0]!.verdict, "drop");
  });

  it("passes a returned message (UDTS) without judging the request inside it", () => {
    const h = new Harness();
    const ati = encodeTcap(op.ati(HOME_MSISDN, N.unknownJp));
    const udts = encodeSccp({
      messageType: 0x0a,
      returnCause: 1,
      called: gtAddress(N.homeHlr),
      calling: gtAddress(N.unknownJp),
      data: ati,
    } as Parameters<typeof encodeSccp>[0]);
    const j = h.sendBytes(encodeM3ua(m3uaData({ opc: 1, dpc: 2, si: 3, ni: 2, mp: 0, sls: 0 }, udts)));
    assert.equal(j.verdict, "allow");
    assert.equal(h.incidents().length, 0);
    // The same request as a UDT is category 1.
    assert.equal(h.send(N.unknownJp, N.homeHlr, op.ati(HOME_MSISDN, N.unknownJp)).reason, "category-1");
  });

  it("drops undecodable TCAP from another network and reports it", () => {
    const h = new Harness();
    const sccp = encodeSccp({
      messageType: 0x09,
      protocolClass: 1,
      returnOnError: false,
      called: gtAddress(N.homeHlr),
      calling: gtAddress(N.ukVlr),
      data: Uint8Array.from([0x62, 0x05, 0x48, 0x09, 0x01]),
    });
    const m3ua = encodeM3ua(m3uaData({ opc: 1, dpc: 2, si: 3, ni: 2, mp: 0, sls: 0 }, sccp));
    assert.throws(() => h.sendBytes(m3ua));
    assert.equal(h.engine.incidents[0]?.kind, "malformed-signalling");
  });
});

describe("firewall engine: policy rules and lists", () => {
  it("applies the first matching rule before any built-in check", () => {
    const h = new Harness(`${POLICY_YAML}
rules:
  - { name: partner-camel, match: { opcode: 71, gt_prefix: ["819"] }, action: allow }
  - { name: no-acme, match: { lessee: Open Transit }, action: drop-with-udts, return_cause: 3, alert: true }
`);
    assert.equal(h.send(N.unknownJp, N.homeHlr, op.ati(HOME_MSISDN, N.unknownJp)).verdict, "allow");
    const j = h.send(N.transitFr, N.homeHlr, op.sriSm(HOME_MSISDN, N.transitFr));
    assert.equal(j.verdict, "drop-with-udts");
    assert.equal(j.reason, "rule:no-acme");
    assert.equal(h.engine.inspect(h.lastScan!).returnCause, 3);
  });

  it("drops denied GTs and waves allowed ones past the checks", () => {
    const h = new Harness(`${POLICY_YAML}\ngt_deny: ["4477859"]\ngt_allow: ["819"]\n`);
    const j = h.send(N.nimbusUk, N.homeHlr, op.sriSm(HOME_MSISDN, N.nimbusUk));
    assert.equal(j.reason, "gt-deny");
    assert.equal(j.kind, "denied-origin");
    assert.equal(h.send(N.unknownJp, N.homeHlr, op.ati(HOME_MSISDN, N.unknownJp)).verdict, "allow");
  });
});

describe("firewall engine: state", () => {
  it("bounds the subscribers it tracks and expires idle ones", () => {
    const h = new Harness(`${POLICY_YAML}\nstate: { max_subscribers: 100, ttl_s: 3600 }\n`);
    for (let i = 0; i < 1000; i++)
      h.advance(0.01).send(N.ukSmsc, N.homeHlr, op.sriSm(`1202556${String(i).padStart(4, "0")}`, N.ukSmsc));
    assert.equal(h.engine.stats().subscribers, 100);
    assert.equal(h.engine.stats().evictedSubscribers, 900);
    h.advance(7200).send(N.ukSmsc, N.homeHlr, op.sriSm(HOME_MSISDN, N.ukSmsc));
    assert.equal(h.engine.stats().subscribers, 1);
  });

  it("keeps what it learnt across a policy reload, and applies the new policy at once", () => {
    const h = new Harness();
    // Nine SRI-SMs from three lessee GTs: one short of a campaign.
    for (let i = 0; i < 9; i++) {
      const o = [N.nimbusZm, N.nimbusUk, N.nimbusDe][i % 3]!;
      h.advance(0.25).send(o, N.homeHlr, op.sriSm(HOME_MSISDN, o));
    }
    h.engine.setPolicy(
      parsePolicy(
        `${POLICY_YAML}\nrules:\n  - { name: block-jp, match: { country: JP }, action: drop }\n`,
        "reloaded",
      ),
    );
    // The tenth completes the burst remembered from before the reload.
    assert.equal(
      h.advance(0.25).send(N.nimbusZm, N.homeHlr, op.sriSm(HOME_MSISDN, N.nimbusZm)).reason,
      "campaign",
    );
    assert.equal(
      h.send(N.unknownJp, N.homeHlr, op.sriSm("12025560077", N.unknownJp)).reason,
      "rule:block-jp",
    );
    assert.equal(h.engine.incidents.length, 1);
  });

  it("replays identically: same messages, same verdicts and incidents", () => {
    const run = () => {
      const h = new Harness();
      const out = [];
      for (let i = 0; i < 40; i++) {
        const o = [N.nimbusZm, N.nimbusUk, N.nimbusDe, N.unknownJp][i % 4]!;
        out.push(
          h.advance(0.3).send(o, N.homeHlr, i % 5 === 0 ? op.ati(HOME_MSISDN, o) : op.sriSm(HOME_MSISDN, o)),
        );
      }
      // Answers carry the transaction IDs, which the harness numbers afresh per message.
      return { out: out.map(({ response: _r, ...rest }) => rest), incidents: h.incidents() };
    };
    assert.deepEqual(run(), run());
  });
});
