/**
 * The location campaign live: ≥ 50 location requests at one subscriber from Nimbus GTs in fifteen countries.
 * Unprotected, every one is answered (IMSI, serving MSC, cell); through the firewall the ATIs and PSIs are
 * aborted (an SMS lease carries SMS only), the first SRI-SMs pass until the burst is recognised, and every
 * later one is dropped.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { type Lab, runScenario, startLab } from "../../../src/lab/live/index.js";
import { lesseeOfGt, NIMBUS, networkOfGt } from "../../../src/lab/network.js";
import { assertAttacksBlocked, assertBenignCompleted, assertNoLeftovers } from "./helpers.js";

const labs: Lab[] = [];
after(async () => {
  await Promise.all(labs.map((l) => l.stop()));
  await assertNoLeftovers();
});

describe("location-campaign, live", () => {
  it("through the firewall: blocked after the first few SRI-SMs, from all fifteen countries, benign traffic untouched", async () => {
    const l = await startLab({ firewall: true, subscribers: 2_000, answerTimeoutMs: 1_500 });
    labs.push(l);
    const report = await runScenario(l, "location-campaign", { seed: 2, rate: 20 });
    assertAttacksBlocked(report);
    assertBenignCompleted(report);
    const attacks = report.steps.filter((s) => s.role === "attack");
    assert.ok(attacks.length >= 50, `${attacks.length} requests`);
    // One victim, asked for by MSISDN (SRI-SM, ATI) or by the IMSI the first answers gave away (PSI, ATI).
    const victim = l.core.db.byMsisdn(attacks[0]!.target)!;
    assert.ok(attacks.every((s) => s.target === victim.msisdn || s.target === victim.imsi));
    assert.ok(attacks.every((s) => lesseeOfGt(s.from) === NIMBUS));
    assert.equal(new Set(attacks.map((s) => networkOfGt(s.from)!.country)).size, 15);
    // A few SRI-SMs got through before the pattern showed; none after the first campaign drop.
    assert.ok(report.totals.throughBeforeDetection >= 1 && report.totals.throughBeforeDetection <= 9);
    const firstDrop = attacks.findIndex((s) => s.firewall?.reason === "campaign");
    assert.ok(firstDrop > 0);
    assert.ok(attacks.slice(firstDrop).every((s) => s.status === "blocked"));
    assert.ok(attacks.filter((s) => s.firewall?.reason === "campaign").length >= 20);
    assert.ok(attacks.some((s) => s.firewall?.reason === "lease-purpose"));
    const incident = report.incidents.find((i) => i.kind === "location-tracking");
    assert.match(incident?.summary ?? "", /15 countries, all leased to Nimbus Route Ltd/);
  });

  it("without the firewall every request is answered: IMSI, serving MSC and cell given away", async () => {
    const l = await startLab({ firewall: false, subscribers: 2_000, answerTimeoutMs: 1_500 });
    labs.push(l);
    const report = await runScenario(l, "location-campaign", { seed: 2, rate: 20 });
    assertBenignCompleted(report);
    const attacks = report.steps.filter((s) => s.role === "attack");
    assert.ok(attacks.length >= 50);
    for (const s of attacks) assert.equal(s.status, "through", `step ${s.n}: ${s.detail}`);
    assert.equal(report.totals.attacksBlocked, 0);
    assert.ok(
      attacks.some((s) => /cell \d+\/\d+/.test(s.revealed ?? "")),
      "the cell was given away",
    );
    assert.ok(attacks.some((s) => /^IMSI \d+, MSC \d+$/.test(s.revealed ?? "")));
    assert.deepEqual(report.incidents, []);
  });
});
