/**
 * Lab scenarios and their ground truth, checked against the capture as the decoder reads it: every truth
 * frame is an attacker-sent invoke from one of the truth's origins, the operation counts, countries, times
 * and targets agree with the frames, each scenario has the shape its attack is defined by, and attack
 * dialogues are well-formed (AARQ with an application context the operation belongs to).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { applicationContextByOid, mapOperationByCode } from "../../src/codec/map/operations.js";
import { isoTime, type Ss7Message } from "../../src/codec/stack/message.js";
import { HOME, KESTREL, lesseeOfGt, NIMBUS, networkOfGt, PARTNERS } from "../../src/lab/network.js";
import { generateScenario, SCENARIOS, type ScenarioName } from "../../src/lab/scenarios.js";
import { homeSubscriberLocation } from "../../src/lab/traffic.js";
import { type AttackTruth, type LabTruth, truthPathFor } from "../../src/lab/truth.js";
import { countryOfE164 } from "../../src/numbering/index.js";
import { calledGt, callingGt, decodeFile, dig, first, homeIndex, isInvoke, timeNs } from "./decoded.js";

const dir = mkdtempSync(join(tmpdir(), "ss7guard-lab-scenarios-"));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Generated {
  file: string;
  truth: LabTruth;
  messages: Ss7Message[];
}

const generated = new Map<string, Generated>();

async function generate(
  scenario: ScenarioName,
  seed: number,
  scale: number,
  count?: number,
): Promise<Generated> {
  const key = `${scenario}-${seed}-${scale}-${count ?? "d"}`;
  const cached = generated.get(key);
  if (cached) return cached;
  const file = join(dir, `${key}.pcap`);
  const truth = await generateScenario({ scenario, out: file, seed, scale, ...(count ? { count } : {}) });
  assert.deepEqual(
    JSON.parse(readFileSync(truthPathFor(file), "utf8")),
    truth,
    "the file holds the truth returned",
  );
  const g = { file, truth, messages: await decodeFile(file) };
  generated.set(key, g);
  return g;
}

function framesOf(g: Generated, a: AttackTruth): Ss7Message[] {
  return a.frames.map((f) => g.messages[f - 1]!);
}

function seconds(ns: number): number {
  return ns / 1e9;
}

const ATTACKS = SCENARIOS.filter((s) => s !== "benign");

/** Great-circle distance between two countries' reference points (world-countries' latlng), km. */
function distanceKm(a: string, b: string): number {
  const countries = createRequire(import.meta.url)("world-countries") as { cca2: string; latlng: number[] }[];
  const at = (c: string) => countries.find((x) => x.cca2 === c)!.latlng.map((d) => (d * Math.PI) / 180);
  const [la1, lo1] = at(a) as [number, number];
  const [la2, lo2] = at(b) as [number, number];
  const h = Math.sin((la2 - la1) / 2) ** 2 + Math.cos(la1) * Math.cos(la2) * Math.sin((lo2 - lo1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

describe("lab scenarios", () => {
  before(async () => {
    for (const s of SCENARIOS) await generate(s, 1, 1);
  });

  it("writes the same bytes and truth for the same (scenario, seed, scale, count), other bytes for another seed", async () => {
    for (const s of ["location-campaign", "cat1-probe"] as const) {
      const a = await generate(s, 5, 2, 500);
      const file = join(dir, `again-${s}.pcap`);
      const again = await generateScenario({ scenario: s, out: file, seed: 5, scale: 2, count: 500 });
      assert.ok(readFileSync(a.file).equals(readFileSync(file)), `${s}: same bytes`);
      assert.deepEqual(again, a.truth);
      const other = await generate(s, 6, 2, 500);
      assert.ok(!readFileSync(a.file).equals(readFileSync(other.file)), `${s}: another seed, other bytes`);
    }
  });

  it("truth counts every message of the capture and the benign scenario has no attack", async () => {
    for (const s of SCENARIOS) {
      const g = await generate(s, 1, 1);
      assert.equal(g.truth.scenario, s);
      assert.deepEqual([g.truth.seed, g.truth.scale, g.truth.home], [1, 1, "Example Mobile"]);
      assert.equal(g.truth.messages, g.messages.length);
      assert.equal(g.truth.frames, g.messages.length);
      assert.ok(
        g.messages.every((m, i) => m.frame === i + 1),
        "one message per frame, numbered from 1",
      );
      assert.ok(g.messages.length >= 2_000);
      assert.equal(g.truth.attacks.length, s === "benign" ? 0 : s === "coordinated-burst" ? 2 : 1, s);
    }
  });

  it("names as attack frames exactly the attacker's invokes: origins, operations, countries, times", async () => {
    for (const s of ATTACKS) {
      for (const [seed, scale] of [
        [1, 1],
        [2, 3],
      ] as const) {
        const g = await generate(s, seed, scale);
        const all = new Set<number>();
        g.truth.attacks.forEach((a, i) => {
          const where = `${s}/${scale} ${a.id}`;
          assert.equal(a.id, `A${i + 1}`);
          assert.deepEqual(
            a.frames,
            [...a.frames].sort((x, y) => x - y),
            `${where}: ascending`,
          );
          const frames = framesOf(g, a);
          const ops: Record<string, number> = {};
          for (const m of frames) {
            assert.ok(
              isInvoke(m) && m.tcap?.type === "Begin",
              `${where}: frame ${m.frame} starts a dialogue`,
            );
            assert.ok(a.origins.includes(callingGt(m)), `${where}: frame ${m.frame} from a truth origin`);
            assert.equal(lesseeOfGt(callingGt(m))?.name, a.lessee, `${where}: frame ${m.frame}`);
            const name = mapOperationByCode(first(m).opcode!)!.name;
            ops[name] = (ops[name] ?? 0) + 1;
            assert.ok(!all.has(m.frame), "a frame belongs to one attack");
            all.add(m.frame);
          }
          assert.deepEqual(ops, a.operations, `${where}: operations`);
          assert.deepEqual(
            a.origins,
            [...new Set(frames.map(callingGt))].sort(),
            `${where}: every origin is used`,
          );
          assert.deepEqual(
            a.countries,
            [...new Set(a.origins.map((gt) => countryOfE164(gt)!.country!))].sort(),
            `${where}: countries of the origins`,
          );
          const t = frames.map((m) => isoTime(m.seconds, m.nanoseconds));
          assert.equal(a.start, t[0]);
          assert.equal(a.end, t[t.length - 1]);
          // No other message from the attacker's GTs: what the truth does not list is benign (A2P SMS).
        });
        for (const m of g.messages) {
          if (all.has(m.frame) || !lesseeOfGt(callingGt(m))) continue;
          assert.ok(
            [44, 45].includes(first(m).opcode!),
            `${s}: frame ${m.frame}: a lessee's other traffic is SMS`,
          );
        }
        const perKind = g.truth.attacks.length / (s === "coordinated-burst" ? 2 : 1);
        assert.equal(perKind, scale, `${s}: scale ${scale} → ${scale} attacks`);
      }
    }
  });

  it("gives attack dialogues an AARQ with an application context of the operation (v1 sendParameters: none)", async () => {
    for (const s of ATTACKS) {
      const g = await generate(s, 1, 1);
      for (const a of g.truth.attacks)
        for (const m of framesOf(g, a)) {
          const op = mapOperationByCode(first(m).opcode!)!;
          assert.equal(first(m).invokeId, 1);
          assert.match(m.tcap!.otid!, /^[0-9a-f]{8}$/);
          if (op.name === "sendParameters") {
            assert.equal(m.tcap!.acn, undefined, "MAP v1 has no dialogue portion");
            continue;
          }
          assert.equal(m.tcap!.dialogue, "AARQ", `${s}: frame ${m.frame}`);
          const ac = applicationContextByOid(m.tcap!.acn!);
          assert.ok(ac, `${s}: frame ${m.frame}: a MAP application context`);
          assert.ok(
            op.contexts.some((c) => c.name === ac.context.name && c.versions.includes(ac.version)),
            `${s}: frame ${m.frame}: ${op.name} belongs to ${ac.specName}`,
          );
          assert.equal(m.error, undefined);
          assert.equal(first(m).parameterError, undefined);
        }
    }
  });

  it("attacks different subscribers at different times when scaled", async () => {
    for (const s of ["location-campaign", "sms-interception", "cat2-spoof"] as const) {
      const g = await generate(s, 2, 3);
      const targets = g.truth.attacks.map((a) => a.target.imsi);
      assert.equal(new Set(targets).size, 3, `${s}: three victims`);
      const spans = g.truth.attacks.map((a) => [a.start, a.end] as const).sort();
      for (let i = 1; i < spans.length; i++)
        assert.ok(spans[i]![0] > spans[i - 1]![1], `${s}: one after another`);
    }
    // Probes have no target: they stay distinct attacks by being more than 600 s (how long a firewall
    // incident stays open) apart.
    const probes = (await generate("cat1-probe", 2, 3)).truth.attacks;
    assert.equal(probes.length, 3);
    for (let i = 1; i < probes.length; i++)
      assert.ok(Date.parse(probes[i]!.start) - Date.parse(probes[i - 1]!.end) > 600_000, "probes far apart");
  });
});

describe("truthPathFor", () => {
  it("replaces a trailing .pcap or .pcapng with .truth.json, else appends it", () => {
    assert.equal(truthPathFor("/tmp/a.pcap"), "/tmp/a.truth.json");
    assert.equal(truthPathFor("b.pcapng"), "b.truth.json");
    assert.equal(truthPathFor("C.PCAP"), "C.truth.json");
    assert.equal(truthPathFor("capture"), "capture.truth.json");
    assert.equal(truthPathFor("x.pcap.gz"), "x.pcap.gz.truth.json");
    assert.equal(truthPathFor("dir.pcap/file"), "dir.pcap/file.truth.json");
  });
});

describe("the location campaign", () => {
  it("sends ≥ 50 location requests at one subscriber, 3–8 per second, from Nimbus GTs in ≥ 15 countries", async () => {
    const g = await generate("location-campaign", 1, 1);
    const [a] = g.truth.attacks as [AttackTruth];
    assert.equal(a.kind, "location-tracking");
    assert.equal(a.lessee, NIMBUS.name);
    assert.ok(a.frames.length >= 50, `${a.frames.length} frames`);
    const frames = framesOf(g, a);
    assert.ok(new Set(frames.map((m) => countryOfE164(callingGt(m))!.country)).size >= 15);
    const rate = (frames.length - 1) / seconds(timeNs(frames[frames.length - 1]!) - timeNs(frames[0]!));
    assert.ok(rate >= 3 && rate <= 8, `${rate.toFixed(2)} requests per second`);
    assert.ok(a.operations.sendRoutingInfoForSM! > a.frames.length / 2, "mostly SRI-SM");
    assert.ok(a.operations.provideSubscriberInfo! > 0 && a.operations.anyTimeInterrogation! > 0);
    // All aimed at the target, who is at home; SRI-SMs are answered by the HLR, giving the IMSI away.
    const index = homeIndex({ imsi: a.target.imsi! })!;
    assert.equal(homeIndex({ msisdn: a.target.msisdn! }), index);
    assert.equal(homeSubscriberLocation(index), HOME);
    for (const m of frames) {
      const c = first(m);
      assert.ok(c.imsi === a.target.imsi || c.msisdn === a.target.msisdn, `frame ${m.frame} at the target`);
      assert.equal(calledGt(m), c.opcode === 70 ? HOME.vlr.gt : HOME.hlr.gt);
    }
    const answers = g.messages.filter(
      (m) =>
        first(m).opcode === 45 &&
        !isInvoke(m) &&
        first(m).imsi === a.target.imsi &&
        callingGt(m) === HOME.hlr.gt,
    );
    assert.equal(answers.length, a.operations.sendRoutingInfoForSM);
  });
});

describe("the coordinated burst", () => {
  it("mixes ≥ 12 location queries within about 10 s from Kestrel's 4 countries with a redirecting updateLocation", async () => {
    const g = await generate("coordinated-burst", 1, 1);
    const [tracking, interception] = g.truth.attacks as [AttackTruth, AttackTruth];
    assert.equal(tracking.kind, "location-tracking");
    assert.equal(interception.kind, "sms-interception");
    assert.deepEqual(tracking.target, interception.target);
    for (const a of [tracking, interception]) assert.equal(a.lessee, KESTREL.name);
    assert.ok(tracking.frames.length >= 12);
    assert.deepEqual(tracking.countries, [...new Set(KESTREL.leases.map((l) => l.host.country))].sort());
    const burst = framesOf(g, tracking);
    assert.ok(seconds(timeNs(burst[burst.length - 1]!) - timeNs(burst[0]!)) <= 11);
    assert.deepEqual(
      [...new Set(burst.map((m) => first(m).opcode))].sort((x, y) => x! - y!),
      [45, 70, 71],
    );
    const [ul] = framesOf(g, interception) as [Ss7Message];
    assert.equal(first(ul).opcode, 2);
    assert.equal(first(ul).imsi, interception.target.imsi);
    assert.equal(calledGt(ul), HOME.hlr.gt);
    // The new MSC and VLR are the lessee's own GTs: SMS for the victim would be routed there.
    for (const field of ["mscNumber", "vlrNumber"]) {
      const gt = dig(first(ul).argument, field, "digits") as string;
      assert.equal(lesseeOfGt(gt), KESTREL, field);
    }
    assert.ok(ul.frame > burst[0]!.frame);
    assert.ok(seconds(timeNs(ul) - timeNs(burst[0]!)) <= 15);
  });
});

describe("the SMS interception", () => {
  it("looks the victim up by SRI-SM from one country, then updates its location from a distant other one", async () => {
    for (const scale of [1, 3]) {
      const g = await generate("sms-interception", scale === 1 ? 1 : 2, scale);
      for (const a of g.truth.attacks) {
        assert.equal(a.kind, "sms-interception");
        assert.equal(a.lessee, NIMBUS.name);
        const [sri, ul] = framesOf(g, a) as [Ss7Message, Ss7Message];
        assert.equal(a.frames.length, 2);
        assert.deepEqual([first(sri).opcode, first(ul).opcode], [45, 2]);
        assert.equal(first(sri).msisdn, a.target.msisdn);
        assert.equal(first(ul).imsi, a.target.imsi);
        const [x, y] = [countryOfE164(callingGt(sri))!.country!, countryOfE164(callingGt(ul))!.country!];
        assert.notEqual(x, y);
        assert.equal(a.countries.length, 2);
        assert.ok(distanceKm("US", y) > 5_000, `${y} is far from the victim's US`);
        const gap = seconds(timeNs(ul) - timeNs(sri));
        assert.ok(gap >= 60 && gap <= 300, `${gap.toFixed(0)} s between lookup and update`);
        // The HLR gave the IMSI away to the lookup.
        const answer = g.messages.find((m) => !isInvoke(m) && m.tcap?.dtid === sri.tcap!.otid);
        assert.equal(answer && first(answer).imsi, a.target.imsi);
        // Shortly before, the victim received an ordinary SMS at home: the network knew where it was.
        const mt = g.messages.filter(
          (m) =>
            first(m).opcode === 44 && isInvoke(m) && first(m).imsi === a.target.imsi && m.frame < sri.frame,
        );
        assert.equal(mt.length, 1);
        assert.equal(calledGt(mt[0]!), HOME.msc.gt);
        assert.equal(lesseeOfGt(callingGt(mt[0]!)), undefined);
        assert.ok(seconds(timeNs(sri) - timeNs(mt[0]!)) < 120);
      }
    }
  });
});

describe("the category 1 probe", () => {
  it("sweeps several subscribers from one lease with operations that reveal no location", async () => {
    const g = await generate("cat1-probe", 1, 1);
    const [a] = g.truth.attacks as [AttackTruth];
    assert.equal(a.kind, "category-1-probe");
    assert.deepEqual(a.target, { imsi: null, msisdn: null });
    assert.equal(a.countries.length, 1);
    assert.deepEqual(Object.keys(a.operations).sort(), [
      "anyTimeSubscriptionInterrogation",
      "sendIMSI",
      "sendIdentification",
      "sendParameters",
    ]);
    const frames = framesOf(g, a);
    for (const m of frames) {
      const op = mapOperationByCode(first(m).opcode!)!;
      assert.equal(op.fs11, 1, op.name);
      assert.equal(op.locationClass, false, `${op.name} reveals no location`);
      assert.ok([HOME.hlr.gt, HOME.vlr.gt].includes(calledGt(m)));
    }
    const swept = new Set(frames.filter((m) => first(m).opcode === 58).map((m) => first(m).msisdn));
    assert.ok(swept.size >= 4, `${swept.size} subscribers swept`);
  });
});

describe("the category 2 spoof", () => {
  it("rewrites, deletes and cancels an inbound roamer's profile from a GT of another operator", async () => {
    for (const scale of [1, 3]) {
      const g = await generate("cat2-spoof", scale === 1 ? 1 : 2, scale);
      for (const a of g.truth.attacks) {
        assert.equal(a.kind, "subscriber-profile-tampering");
        const owner = PARTNERS.find((p) => a.target.imsi!.startsWith(p.mcc + p.mnc))!;
        assert.ok(owner, "the victim is a partner's subscriber");
        assert.ok(a.target.msisdn!.startsWith(owner.msisdnPrefix));
        const frames = framesOf(g, a);
        assert.deepEqual(
          frames.map((m) => first(m).opcode),
          [7, 8, 3],
        );
        for (const m of frames) {
          assert.equal(first(m).imsi, a.target.imsi);
          assert.equal(calledGt(m), HOME.vlr.gt);
          assert.notEqual(networkOfGt(callingGt(m)), owner, "not the IMSI's own network");
        }
        // The victim attached through our VLR before: a real inbound roamer.
        const attach = g.messages.find(
          (m) =>
            first(m).opcode === 2 &&
            isInvoke(m) &&
            first(m).imsi === a.target.imsi &&
            callingGt(m) === HOME.vlr.gt,
        );
        assert.ok(attach && attach.frame < a.frames[0]!);
        assert.equal(calledGt(attach), owner.hlr.gt);
      }
    }
  });
});
