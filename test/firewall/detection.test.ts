/**
 * Detection over the lab's scenarios: every attack the ground truth names must come out of `analyze` as an
 * incident of the same kind covering all the attacker's frames, attributed to the right lessee and
 * countries; no incident may cover only benign traffic (on `benign`: no incident at all). Several seeds
 * and scales; precision and recall are printed as test diagnostics.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { analyzeCapture } from "../../src/cli/analyze.js";
import type { IncidentJson } from "../../src/firewall/report.js";
import { labPolicyYaml } from "../../src/lab/policy.js";
import { generateScenario, SCENARIOS } from "../../src/lab/scenarios.js";
import type { AttackTruth } from "../../src/lab/truth.js";

const dir = mkdtempSync(join(tmpdir(), "ss7guard-detection-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const policyFile = join(dir, "lab-policy.yaml");
writeFileSync(policyFile, labPolicyYaml());

const SEEDS = [1, 2, 3];
const SCALES = [1, 3];

interface Score {
  attacks: number;
  found: number;
  incidents: number;
  relevant: number;
  /** Frames filed under incidents, and of those the attacker's. */
  incidentFrames: number;
  attackerFrames: number;
}
const total: Score = {
  attacks: 0,
  found: 0,
  incidents: 0,
  relevant: 0,
  incidentFrames: 0,
  attackerFrames: 0,
};

/** The incidents of the attack's kind that hold any of its frames; the attack is found when they hold all. */
function explain(attack: AttackTruth, incidents: readonly IncidentJson[]): { ok: boolean; why: string } {
  const frames = new Set(attack.frames);
  const mine = incidents.filter((i) => i.kind === attack.kind && i.frames.some((f) => frames.has(f)));
  if (mine.length === 0) return { ok: false, why: `no ${attack.kind} incident holds its frames` };
  const covered = new Set(mine.flatMap((i) => i.frames));
  const missing = attack.frames.filter((f) => !covered.has(f));
  if (missing.length > 0)
    return { ok: false, why: `frames not in any incident: ${missing.slice(0, 10).join(", ")}` };
  const lessees = [...new Set(mine.flatMap((i) => i.lessees))].sort();
  if (lessees.join() !== attack.lessee)
    return { ok: false, why: `lessees ${lessees.join()} ≠ ${attack.lessee}` };
  const countries = [
    ...new Set(
      mine.flatMap((i) =>
        i.origins.filter((o) => frames.size > 0 && attack.origins.includes(o.gt)).map((o) => o.country),
      ),
    ),
  ].sort();
  if (countries.join() !== attack.countries.join())
    return { ok: false, why: `countries ${countries.join()} ≠ ${attack.countries.join()}` };
  for (const i of mine) {
    if (attack.target.imsi && i.target.imsi && i.target.imsi !== attack.target.imsi)
      return { ok: false, why: `target ${i.target.imsi} ≠ ${attack.target.imsi}` };
    if (attack.target.msisdn && i.target.msisdn && i.target.msisdn !== attack.target.msisdn)
      return { ok: false, why: `target ${i.target.msisdn} ≠ ${attack.target.msisdn}` };
  }
  return { ok: true, why: "" };
}

describe("detection over lab scenarios", () => {
  for (const scenario of SCENARIOS) {
    for (const scale of SCALES) {
      for (const seed of SEEDS) {
        it(`${scenario}, scale ${scale}, seed ${seed}`, async (t) => {
          const out = join(dir, `${scenario}-${scale}-${seed}.pcap`);
          const truth = await generateScenario({ scenario, seed, scale, out });
          const report = await analyzeCapture(out, policyFile);
          assert.equal(report.messages, truth.messages);
          assert.equal(report.skipped.messages, 0);
          const attackFrames = new Set(truth.attacks.flatMap((a) => a.frames));
          const filed = report.incidents.flatMap((i) => i.frames);
          const score: Score = {
            attacks: truth.attacks.length,
            found: 0,
            incidents: report.incidents.length,
            relevant: 0,
            incidentFrames: filed.length,
            attackerFrames: filed.filter((f) => attackFrames.has(f)).length,
          };
          const failures: string[] = [];
          for (const attack of truth.attacks) {
            const r = explain(attack, report.incidents);
            if (r.ok) score.found++;
            else failures.push(`${attack.id} ${attack.kind}: ${r.why}`);
          }
          const falseAlarms = report.incidents.filter((i) => !i.frames.some((f) => attackFrames.has(f)));
          score.relevant = score.incidents - falseAlarms.length;
          for (const k of Object.keys(total) as (keyof Score)[]) total[k] += score[k];
          t.diagnostic(
            `attacks ${score.attacks}, found ${score.found}; incidents ${score.incidents}, on attacks ${score.relevant}`,
          );
          assert.deepEqual(failures, []);
          assert.deepEqual(
            falseAlarms.map((i) => `${i.id} ${i.summary}`),
            [],
            "incidents that hold no attacker frame",
          );
          if (scenario === "benign") assert.equal(report.incidents.length, 0);
          else assert.ok(truth.attacks.length >= scale);
          // The campaign's incident says prominently who is behind it.
          if (scenario === "location-campaign") {
            for (const i of report.incidents.filter((x) => x.kind === "location-tracking")) {
              assert.equal(i.shared_lessee, truth.attacks[0]!.lessee);
              assert.ok(i.countries.length >= 15, `${i.countries.length} countries`);
              assert.ok(i.messages >= 50);
            }
          }
        });
      }
    }
  }

  it("precision and recall over all of the above", (t) => {
    const recall = total.found / total.attacks;
    const precision = total.relevant / total.incidents;
    const framePrecision = total.attackerFrames / total.incidentFrames;
    t.diagnostic(
      `detection: ${total.found}/${total.attacks} attacks found (recall ${recall.toFixed(3)}); ${total.relevant}/${total.incidents} incidents on attacks (precision ${precision.toFixed(3)}); ${total.attackerFrames}/${total.incidentFrames} filed frames are the attacker's (${framePrecision.toFixed(3)})`,
    );
    assert.equal(recall, 1);
    assert.equal(precision, 1);
  });
});
