/**
 * The live lab over real loopback sockets: the home core behind the firewall, seventeen foreign networks on
 * M3UA associations, benign dialogues end to end (SMS delivered into the MSC, a roaming attach in both
 * directions), a GT nobody owns returned by SCCP, and a clean stop.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BerWriter } from "../../../src/codec/ber/index.js";
import { sendAuthenticationInfo } from "../../../src/codec/map/operations/sendAuthenticationInfo.js";
import { sendRoutingInfoForSM } from "../../../src/codec/map/operations/sendRoutingInfoForSM.js";
import { type Lab, runScenario, startLab } from "../../../src/lab/live/index.js";
import { HOME, PARTNERS, Ssn } from "../../../src/lab/network.js";
import { addressOf, NodeApplicationContext } from "../../../src/lab/nodes/index.js";
import { isdn, isOutboundRoamer, subscriber } from "../../../src/lab/traffic.js";
import { assertBenignCompleted, assertNoLeftovers } from "./helpers.js";

const UK = PARTNERS.find((p) => p.country === "GB")!;
const DE = PARTNERS.find((p) => p.country === "DE")!;

/** Home subscribers at home, from index `from` on. */
function atHome(from: number, n: number): number[] {
  const out: number[] = [];
  for (let i = from; out.length < n; i++) if (!isOutboundRoamer(i)) out.push(i);
  return out;
}

describe("live lab through the firewall", () => {
  let lab: Lab;

  before(async () => {
    lab = await startLab({ firewall: true, subscribers: 2_000, managementPort: 0, answerTimeoutMs: 1_500 });
  });

  after(async () => {
    await lab.stop();
    await assertNoLeftovers();
  });

  it("brings up every association: 17 foreign ASPs on the interconnect, the firewall as the core's ASP", async () => {
    assert.equal(lab.foreign.size, 17);
    for (const f of lab.foreign.values()) assert.equal(f.active, true, f.name);
    const assoc = lab.firewall!.associations();
    assert.equal(assoc.filter((a) => a.side === "interconnect" && a.up).length, 17);
    assert.equal(assoc.filter((a) => a.side === "core" && a.up).length, 1);
    assert.notEqual(lab.ports.interconnect, lab.ports.core);
    assert.equal(lab.core.db.size, 2_000);
    const res = await fetch(`http://127.0.0.1:${lab.ports.management}/status`, {
      headers: { authorization: `Bearer ${lab.ports.token}` },
    });
    assert.equal(res.status, 200);
  });

  it("delivers a partner's SMS end to end: SRI-SM and mt-forwardSM through the firewall, into the MSC", async () => {
    const [i] = atHome(11, 1);
    const who = subscriber(HOME, i!);
    const uk = lab.foreign.get(UK.name)!;
    const sri = await uk.originate((n, t) => n.sriSm(who.msisdn, t, { from: UK.smsc.gt }));
    assert.equal(sri.status, "result");
    const routing = sri.outcome!.type === "result" ? (sri.outcome!.result as { imsi: string }) : undefined;
    assert.equal(routing?.imsi, who.imsi);
    const fsm = await uk.originate((n, t) =>
      n.mtForwardSm(who.imsi, "Your code is 482913", t, { from: UK.smsc.gt, msc: HOME.msc.gt }),
    );
    assert.equal(fsm.status, "result");
    const got = lab.core.msc.delivered.at(-1)!;
    assert.equal(got.imsi, who.imsi);
    assert.equal(got.text, "Your code is 482913");
    assert.equal(got.from, UK.smsc.gt);
    // The answers came back on the association the requests left on, through the firewall.
    assert.ok(lab.firewall!.counters().forwarded >= 4);
  });

  it("runs the benign load: every dialogue completes, the roamer moves abroad and gets its SMS there", async () => {
    const mark = lab.alertMark();
    const report = await runScenario(lab, "benign", { seed: 3 });
    assertBenignCompleted(report);
    assert.equal(report.totals.attacks, 0);
    assert.deepEqual(lab.alertsSince(mark), [], "the firewall objected to none of it");
    // The roaming attach: the HLR now names the partner's VLR, and cancelled the home VLR's record.
    const ul = report.steps.find((s) => s.operation === "updateLocation")!;
    const record = lab.core.db.byImsi(ul.target)!;
    assert.equal(record.vlrNumber, ul.from);
    assert.ok(lab.core.msc.cancellations.some((c) => c.imsi === ul.target && c.wasRegistered));
    assert.equal(lab.core.hlr.locationUpdates.at(-1)?.completed, true);
    // The SMS to the roamer went out of the home network to the partner's MSC.
    const roamerSms = report.steps.find((s) => s.what.startsWith("SMS to a roamer"))!;
    assert.equal(roamerSms.to, networkMsc(ul.from));
    const partner = [...lab.foreign.values()].find((f) => f.node.owns(ul.from))!;
    assert.ok(partner.node.received.some((r) => r.operation === "mtForwardSM" && r.imsi === ul.target));
    // Partner SMS into the home MSC, one per partner SMSC.
    for (const s of report.steps.filter((x) => x.operation === "mtForwardSM"))
      assert.ok(lab.core.msc.delivered.some((d) => d.from === s.from && d.imsi === s.target));
  });

  it("lets an inbound roamer attach: the home VLR asks the partner's HLR, which answers through the firewall", async () => {
    const de = lab.foreign.get(DE.name)!;
    // The partner has signalled before (its SMSC), so the firewall knows where its point code is.
    const [i] = atHome(41, 1);
    await de.originate((n, t) => n.sriSm(subscriber(HOME, i!).msisdn, t, { from: DE.smsc.gt }));
    const roamer = subscriber(DE, 777);
    const outcome = await lab.core.attach(roamer.imsi);
    assert.equal(outcome.type, "result");
    assert.equal(lab.core.msc.register.get(roamer.imsi)?.msisdn, roamer.msisdn);
    assert.equal((de.node as { registered?: Map<string, string> }).registered?.get(roamer.imsi), HOME.vlr.gt);
  });

  it("carries a large answer as XUDT segments through the firewall: five authentication vectors", async () => {
    const uk = lab.foreign.get(UK.name)!;
    const [i] = atHome(61, 1);
    const who = subscriber(HOME, i!);
    const w = new BerWriter();
    sendAuthenticationInfo.encodeArgument(w, { imsi: who.imsi, numberOfRequestedVectors: 5 });
    const sentBefore = lab.core.stats.sent;
    const e = await uk.originate((n, t) =>
      n.invokeOperation(56, w.finish(), t, {
        from: UK.vlr.gt,
        called: addressOf(HOME.hlr.gt, Ssn.hlr),
        callingSsn: Ssn.vlr,
        acn: NodeApplicationContext.infoRetrieval,
        target: who.imsi,
      }),
    );
    assert.equal(e.status, "result", JSON.stringify(e.outcome));
    // One End, in several DATA messages (each XUDT segment counts as sent).
    assert.ok(lab.core.stats.sent - sentBefore >= 2, `${lab.core.stats.sent - sentBefore} DATA messages`);
  });

  it("returns a message for a GT nobody owns with a UDTS, as an STP would", async () => {
    const uk = lab.foreign.get(UK.name)!;
    const w = new BerWriter();
    sendRoutingInfoForSM.encodeArgument(w, {
      msisdn: isdn("120255600011"),
      smRpPri: true,
      serviceCentreAddress: isdn(UK.smsc.gt),
    });
    const e = await uk.originate((n, t) =>
      n.invokeOperation(45, w.finish(), t, {
        from: UK.smsc.gt,
        called: addressOf("12025559999", Ssn.hlr),
        acn: NodeApplicationContext.shortMsgGateway,
      }),
    );
    assert.equal(e.status, "returned", JSON.stringify(e.outcome));
    assert.ok(lab.core.stats.unroutable >= 1);
  });
});

/** A lab partner's MSC GT for its VLR GT (they share one in the lab world). */
function networkMsc(vlrGt: string): string {
  return PARTNERS.find((p) => p.vlr.gt === vlrGt)!.msc.gt;
}
