/**
 * SMS interception live, with and without the firewall: a Nimbus GT looks the victim up (SRI-SM), another
 * Nimbus GT far away sends a forged updateLocation, then the victim's bank sends a one-time password.
 * Unprotected, the HLR believes the forgery and the OTP lands at the attacker; protected, the forgery is
 * aborted and the OTP reaches the victim's own MSC.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { type Lab, runScenario, startLab } from "../../../src/lab/live/index.js";
import { HOME, lesseeOfGt, NIMBUS } from "../../../src/lab/network.js";
import { assertAttacksBlocked, assertBenignCompleted, assertNoLeftovers } from "./helpers.js";

const labs: Lab[] = [];
after(async () => {
  await Promise.all(labs.map((l) => l.stop()));
  await assertNoLeftovers();
});

async function lab(firewall: boolean): Promise<Lab> {
  const l = await startLab({ firewall, subscribers: 2_000, answerTimeoutMs: 1_500 });
  labs.push(l);
  return l;
}

describe("sms-interception, live", () => {
  it("without the firewall the forged updateLocation succeeds and the OTP reaches the attacker", async () => {
    const l = await lab(false);
    const report = await runScenario(l, "sms-interception", { seed: 1 });
    assert.equal(report.firewall, false);
    const ul = report.steps.find((s) => s.role === "attack" && s.operation === "updateLocation")!;
    assert.equal(ul.status, "through", ul.detail);
    assert.equal(lesseeOfGt(ul.from), NIMBUS);
    const victim = l.core.db.byImsi(ul.target)!;
    assert.equal(victim.mscNumber, ul.from, "the HLR now routes the victim's SMS to the attacker");
    assert.equal(report.otpReachedAttacker, true);
    const otp = report.steps.find((s) => s.what.startsWith("one-time password"))!;
    assert.equal(otp.status, "intercepted");
    assert.equal(otp.to, ul.from);
    const stolen = l.foreign.get(NIMBUS.name)!.node.received.filter((r) => r.operation === "mtForwardSM");
    assert.equal(stolen.length, 1);
    assert.equal(stolen[0]!.imsi, victim.imsi);
    assert.match(stolen[0]!.sms?.text ?? "", /^Bank code \d{6}\. Do not share it$/);
    assert.ok(!l.core.msc.delivered.some((d) => d.imsi === victim.imsi && d.text === stolen[0]!.sms?.text));
    assert.equal(report.totals.attacksThrough, report.totals.attacks);
    assert.match(report.findings[0]!, /reached the attacker/);
  });

  it("with the firewall the forgery is aborted, the OTP reaches the victim, the partner variant gets MAP error 8", async () => {
    const l = await lab(true);
    const report = await runScenario(l, "sms-interception", { seed: 1 });
    assertAttacksBlocked(report);
    assertBenignCompleted(report);
    const [ul, variant] = report.steps.filter((s) => s.role === "attack" && s.operation === "updateLocation");
    assert.equal(ul!.firewall?.reason, "lease-purpose");
    assert.equal(ul!.outcome, "abort");
    assert.equal(variant!.firewall?.reason, "sms-interception");
    assert.match(variant!.detail, /roamingNotAllowed \(8\)/);
    // The reconnaissance SRI-SMs passed (each is an ordinary SMS routing query) and are reported as such.
    const recon = report.steps.filter((s) => s.role === "attack" && s.operation === "sendRoutingInfoForSM");
    assert.equal(recon.length, 2);
    for (const s of recon) assert.equal(s.beforeDetection, true);
    const victim = l.core.db.byImsi(ul!.target)!;
    assert.equal(victim.mscNumber, HOME.msc.gt, "the HLR still has the victim at home");
    assert.equal(l.core.db.byImsi(variant!.target)!.vlrNumber, HOME.vlr.gt);
    assert.equal(report.otpReachedAttacker, false);
    assert.equal(l.foreign.get(NIMBUS.name)!.node.received.length, 0, "nothing reached the attacker");
    assert.ok(l.core.msc.delivered.some((d) => d.imsi === victim.imsi && /^Bank code/.test(d.text ?? "")));
    assert.deepEqual(
      report.incidents.map((i) => i.kind),
      ["sms-interception", "sms-interception"],
    );
    assert.match(report.incidents[0]!.summary, /Nimbus Route Ltd/);
  });
});
