/** Assertions shared by the live lab tests: what a blocked step's answer must look like, per firewall check. */
import assert from "node:assert/strict";
import type { ScenarioReport, StepReport } from "../../../src/lab/live/index.js";

/**
 * The answer the originator gets for each check (the engine's default actions): a TCAP abort for
 * category 1 and lease violations, a MAP error for category 2 (unexpectedDataValue, 36) and category 3
 * (roamingNotAllowed, 8), nothing at all for a campaign member.
 */
const EXPECTED: Record<string, { outcome: StepReport["outcome"]; detail?: RegExp }> = {
  "lease-purpose": { outcome: "abort", detail: /p-abort resourceLimitation/ },
  "category-1": { outcome: "abort", detail: /p-abort/ },
  "category-2": { outcome: "error", detail: /\(36\)$/ },
  "sms-interception": { outcome: "error", detail: /roamingNotAllowed \(8\)$/ },
  "impossible-travel": { outcome: "error", detail: /roamingNotAllowed \(8\)$/ },
  campaign: { outcome: "timeout" },
};

/** Every attack step blocked with the answer its check prescribes, or an SRI-SM let through before detection. */
export function assertAttacksBlocked(report: ScenarioReport): void {
  const attacks = report.steps.filter((s) => s.role === "attack");
  assert.ok(attacks.length > 0, "the scenario sent attacks");
  for (const s of attacks) {
    const where = `step ${s.n} (${s.what}): ${s.detail}, firewall ${JSON.stringify(s.firewall)}`;
    if (s.status === "through") {
      assert.equal(s.beforeDetection, true, `got through: ${where}`);
      assert.equal(s.operation, "sendRoutingInfoForSM", `only SRI-SMs pass before detection: ${where}`);
      continue;
    }
    assert.equal(s.status, "blocked", where);
    const expected = EXPECTED[s.firewall!.reason];
    assert.ok(expected, `an expected check: ${where}`);
    assert.equal(s.outcome, expected.outcome, where);
    if (expected.detail) assert.match(s.detail, expected.detail, where);
  }
  assert.equal(report.totals.attacksThrough, report.totals.throughBeforeDetection);
  assert.equal(report.totals.attacksBlocked + report.totals.attacksThrough, report.totals.attacks);
}

/** Every benign step completed. */
export function assertBenignCompleted(report: ScenarioReport): void {
  const benign = report.steps.filter((s) => s.role === "benign");
  assert.ok(benign.length >= 9, "a benign load ran");
  for (const s of benign) assert.equal(s.status, "through", `step ${s.n} (${s.what}): ${s.detail}`);
  assert.equal(report.totals.benignFailed, 0);
}

/** No TCP socket, server or timer left behind once everything is stopped. */
export async function assertNoLeftovers(): Promise<void> {
  await new Promise((r) => setImmediate(r));
  const left = process.getActiveResourcesInfo().filter((r) => /TCP|Timeout/.test(r));
  assert.deepEqual(left, [], "nothing left running");
}
