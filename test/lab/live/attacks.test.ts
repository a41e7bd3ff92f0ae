/**
 * The coordinated burst, the category 1 probe and the category 2 spoof live: unprotected, the attacks work
 * (the HLR moves the victim, the HLR gives IMSIs away, a roamer is thrown off the VLR); through the
 * firewall every attack step is blocked with the answer its check prescribes and the benign load completes.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Lab, runScenario, startLab } from "../../../src/lab/live/index.js";
import { HOME, KESTREL, lesseeOfGt } from "../../../src/lab/network.js";
import { assertAttacksBlocked, assertBenignCompleted, assertNoLeftovers } from "./helpers.js";

let protectedLab: Lab;
let openLab: Lab;

before(async () => {
  [protectedLab, openLab] = await Promise.all([
    startLab({ firewall: true, subscribers: 3_000, answerTimeoutMs: 1_500 }),
    startLab({ firewall: false, subscribers: 3_000, answerTimeoutMs: 1_500 }),
  ]);
});

after(async () => {
  await Promise.all([protectedLab.stop(), openLab.stop()]);
  await assertNoLeftovers();
});

describe("coordinated-burst, live", () => {
  it("through the firewall: queries aborted or dropped, the forged updateLocation aborted", async () => {
    const report = await runScenario(protectedLab, "coordinated-burst", { seed: 4, rate: 20 });
    assertAttacksBlocked(report);
    assertBenignCompleted(report);
    const attacks = report.steps.filter((s) => s.role === "attack");
    assert.ok(attacks.length >= 13 && attacks.every((s) => lesseeOfGt(s.from) === KESTREL));
    const ul = attacks.at(-1)!;
    assert.equal(ul.operation, "updateLocation");
    assert.equal(ul.firewall?.reason, "lease-purpose");
    assert.equal(protectedLab.core.db.byImsi(ul.target)!.mscNumber, HOME.msc.gt);
    assert.deepEqual(report.incidents.map((i) => i.kind).sort(), ["location-tracking", "sms-interception"]);
  });

  it("without it: every query answered, and the HLR now routes the victim's SMS to Kestrel", async () => {
    const report = await runScenario(openLab, "coordinated-burst", { seed: 4, rate: 20 });
    assertBenignCompleted(report);
    const attacks = report.steps.filter((s) => s.role === "attack");
    for (const s of attacks) assert.equal(s.status, "through", `step ${s.n}: ${s.detail}`);
    const ul = attacks.at(-1)!;
    assert.equal(openLab.core.db.byImsi(ul.target)!.mscNumber, ul.from);
  });
});

describe("cat1-probe, live", () => {
  it("through the firewall: every probe aborted", async () => {
    const report = await runScenario(protectedLab, "cat1-probe", { seed: 4, rate: 20 });
    assertAttacksBlocked(report);
    assertBenignCompleted(report);
    const attacks = report.steps.filter((s) => s.role === "attack");
    assert.ok(attacks.length >= 16);
    assert.deepEqual(new Set(attacks.map((s) => s.outcome)), new Set(["abort"]));
    assert.deepEqual(
      new Set(attacks.map((s) => s.operation)),
      new Set(["sendIMSI", "anyTimeSubscriptionInterrogation", "sendParameters", "sendIdentification"]),
    );
  });

  it("without it: sendIMSI gives the IMSI away; the network itself refuses what it does not serve", async () => {
    const report = await runScenario(openLab, "cat1-probe", { seed: 4, rate: 20 });
    for (const s of report.steps.filter((x) => x.role === "attack")) {
      if (s.operation === "sendIMSI") {
        assert.equal(s.status, "through");
        assert.match(s.revealed ?? "", /^IMSI 310150\d{9}$/);
      } else assert.equal(s.status, "refused", `${s.operation}: ${s.detail}`);
    }
    assert.equal(report.totals.attacksBlocked, 0);
  });
});

describe("cat2-spoof, live", () => {
  it("through the firewall: the lessee's profile writes aborted, the partner's cancelLocation answered with MAP error 36", async () => {
    const report = await runScenario(protectedLab, "cat2-spoof", { seed: 4, rate: 20 });
    assertAttacksBlocked(report);
    assertBenignCompleted(report);
    const attacks = report.steps.filter((s) => s.role === "attack");
    assert.deepEqual(
      attacks.map((s) => `${s.operation} ${s.firewall?.reason}`),
      [
        "insertSubscriberData lease-purpose",
        "deleteSubscriberData lease-purpose",
        "cancelLocation lease-purpose",
        "cancelLocation category-2",
      ],
    );
    assert.ok(protectedLab.core.msc.register.has(attacks[0]!.target), "the roamer is still registered");
  });

  it("without it: the roamer's profile is rewritten and it is thrown off the VLR", async () => {
    const report = await runScenario(openLab, "cat2-spoof", { seed: 4, rate: 20 });
    assertBenignCompleted(report);
    const attacks = report.steps.filter((s) => s.role === "attack");
    for (const s of attacks) assert.equal(s.status, "through", `step ${s.n}: ${s.detail}`);
    assert.equal(openLab.core.msc.register.has(attacks[0]!.target), false);
    assert.ok(openLab.core.msc.cancellations.some((c) => c.imsi === attacks[0]!.target && c.wasRegistered));
  });
});
