/**
 * The benign background must be self-consistent, so that a correct firewall raises no incident on it. These
 * tests check, on the decoded wire traffic, the properties the firewall's rules rely on (see
 * src/lab/traffic.ts): stable subscriber locations, SMS delivery that matches its routing answer, no bursts
 * of location requests, category 2 operations only from the IMSI's own network, leased GTs used only for SMS.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { mapOperationByCode } from "../../src/codec/map/operations.js";
import type { Ss7Message } from "../../src/codec/stack/message.js";
import { encodeLabMessage } from "../../src/lab/capture.js";
import { HOME, type LabNetwork, lesseeOfGt, networkOfGt } from "../../src/lab/network.js";
import {
  benignTraffic,
  homeSubscriberLocation,
  isOutboundRoamer,
  MAX_LOCATION_REQUESTS_PER_MINUTE,
  subscribersFor,
} from "../../src/lab/traffic.js";
import {
  calledGt,
  callingGt,
  decodeFile,
  dig,
  first,
  homeIndex,
  isInvoke,
  timeNs,
  writeLabCapture,
} from "./decoded.js";

const dir = mkdtempSync(join(tmpdir(), "ss7guard-lab-traffic-"));

/** Location-class operations (their answers reveal where the subscriber is). */
const LOCATION_CLASS = new Set([4, 22, 45, 70, 71, 83, 85]);
/** Mobility and USSD signalling a visited network sends to the home HLR. */
const MOBILITY = new Set([2, 56, 59]);

interface Run {
  name: string;
  messages: Ss7Message[];
}

const runs: Run[] = [];

describe("benign lab traffic", () => {
  before(async () => {
    // The default mix at the default rate, and the same at 25× the rate on few subscribers: there the
    // per-subscriber cap on SMS routing queries is what keeps bursts away.
    const cases: [string, number, { seed: number; dialoguesPerSecond?: number; subscribers?: number }][] = [
      ["default", 30_000, { seed: 3 }],
      ["dense", 30_000, { seed: 4, dialoguesPerSecond: 5_000, subscribers: 5_000 }],
    ];
    for (const [name, count, options] of cases) {
      const file = join(dir, `${name}.pcap`);
      writeLabCapture(file, benignTraffic(count, options));
      runs.push({ name, messages: await decodeFile(file) });
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("is deterministic per seed and differs across seeds", () => {
    const bytes = (seed: number) =>
      Buffer.concat([...benignTraffic(500, { seed })].map((m) => encodeLabMessage(m)));
    assert.ok(bytes(11).equals(bytes(11)));
    assert.ok(!bytes(11).equals(bytes(12)));
  });

  it("never sends one subscriber more than a few location requests in any 60 s", () => {
    for (const { name, messages } of runs) {
      const bySubscriber = new Map<string, { t: number; gt: string }[]>();
      for (const m of messages) {
        const c = first(m);
        if (!isInvoke(m) || !LOCATION_CLASS.has(c.opcode!)) continue;
        const key = c.msisdn ?? c.imsi!;
        const list = bySubscriber.get(key) ?? [];
        if (list.length === 0) bySubscriber.set(key, list);
        list.push({ t: timeNs(m), gt: callingGt(m) });
      }
      assert.ok(bySubscriber.size > 1000, `${name}: many subscribers get SMS`);
      let busiest = 0;
      for (const [key, list] of bySubscriber) {
        let lo = 0;
        for (let hi = 0; hi < list.length; hi++) {
          while (list[hi]!.t - list[lo]!.t >= 60e9) lo++;
          const window = list.slice(lo, hi + 1);
          busiest = Math.max(busiest, window.length);
          assert.ok(
            window.length <= MAX_LOCATION_REQUESTS_PER_MINUTE,
            `${name}: ${key} got ${window.length} in 60 s`,
          );
          // The firewall's campaign rule needs ≥ 10 requests from ≥ 3 origins: far out of reach.
          assert.ok(window.length < 10 || new Set(window.map((w) => w.gt)).size < 3);
        }
      }
      if (name === "dense")
        assert.equal(busiest, MAX_LOCATION_REQUESTS_PER_MINUTE, "the cap is reached and holds");
    }
  });

  it("sends each home subscriber's mobility and USSD signalling only from the network it is in", () => {
    for (const { name, messages } of runs) {
      const seen = new Map<number, LabNetwork>();
      let roamerMessages = 0;
      for (const m of messages) {
        const c = first(m);
        if (!isInvoke(m)) continue;
        const index = homeIndex(c);
        if (index === undefined) continue;
        let from: LabNetwork | undefined;
        if (MOBILITY.has(c.opcode!)) from = networkOfGt(callingGt(m));
        // insertSubscriberData from the home HLR goes to the VLR the subscriber is in.
        else if (c.opcode === 7 && callingGt(m) === HOME.hlr.gt) from = networkOfGt(calledGt(m));
        else continue;
        assert.ok(from && from !== HOME, `${name}: frame ${m.frame} comes from a visited network`);
        assert.ok(isOutboundRoamer(index), `${name}: frame ${m.frame}: only roamers signal from abroad`);
        assert.equal(from, homeSubscriberLocation(index), `${name}: frame ${m.frame}`);
        const before = seen.get(index);
        if (before) assert.equal(from, before, `${name}: subscriber ${index} never moves`);
        seen.set(index, from);
        roamerMessages++;
      }
      assert.ok(roamerMessages > 100, `${name}: outbound roamers do signal`);
    }
  });

  it("answers SRI-SM with the serving MSC and delivers MT SMS only at home, from the SMSC that asked", () => {
    for (const { name, messages } of runs) {
      // The last SRI-SM per subscriber, by otid of the query and by MSISDN.
      const lastSri = new Map<number, { gt: string; t: number }>();
      const sriDialogues = new Map<string, number>();
      let delivered = 0;
      let roamerAnswers = 0;
      for (const m of messages) {
        const c = first(m);
        if (c.opcode === 45 && isInvoke(m)) {
          const index = homeIndex(c)!;
          assert.notEqual(index, undefined);
          lastSri.set(index, { gt: callingGt(m), t: timeNs(m) });
          sriDialogues.set(m.tcap!.otid!, index);
        } else if (c.opcode === 45) {
          const index = sriDialogues.get(m.tcap!.dtid!)!;
          assert.equal(
            homeIndex(c),
            index,
            `${name}: frame ${m.frame}: the answer names the asked subscriber`,
          );
          const node = dig(c.result, "locationInfoWithLmsi", "networkNodeNumber", "digits");
          assert.equal(node, homeSubscriberLocation(index).msc.gt, `${name}: frame ${m.frame}: serving MSC`);
          if (isOutboundRoamer(index)) roamerAnswers++;
        } else if (c.opcode === 44 && isInvoke(m)) {
          const index = homeIndex(c)!;
          assert.equal(
            homeSubscriberLocation(index),
            HOME,
            `${name}: frame ${m.frame}: MT only for subscribers at home`,
          );
          assert.equal(calledGt(m), HOME.msc.gt);
          const sri = lastSri.get(index);
          assert.ok(sri, `${name}: frame ${m.frame}: an SRI-SM came first`);
          assert.equal(sri.gt, callingGt(m), `${name}: frame ${m.frame}: from the SMSC that did the SRI-SM`);
          assert.ok(timeNs(m) - sri.t < 1e9, `${name}: frame ${m.frame}: right after it`);
          delivered++;
        }
      }
      assert.ok(
        delivered > 500 && roamerAnswers > 50,
        `${name}: ${delivered} MT, ${roamerAnswers} roamer answers`,
      );
    }
  });

  it("sends category 2 operations only from the network that owns the subscriber, and no category 1", () => {
    for (const { name, messages } of runs) {
      let checked = 0;
      for (const m of messages) {
        if (!isInvoke(m)) continue;
        const c = first(m);
        const fromNet = networkOfGt(callingGt(m))!;
        if (fromNet === HOME) continue;
        const category = mapOperationByCode(c.opcode!)!.fs11;
        assert.notEqual(category, 1, `${name}: frame ${m.frame}`);
        if (category !== 2) continue;
        if (c.imsi !== undefined)
          assert.ok(c.imsi.startsWith(fromNet.mcc + fromNet.mnc), `${name}: frame ${m.frame}`);
        else assert.ok(c.msisdn?.startsWith(fromNet.msisdnPrefix), `${name}: frame ${m.frame}`);
        checked++;
      }
      assert.ok(
        checked > 100,
        `${name}: ${checked} category 2 operations (inbound roamers' profiles, cancelLocation)`,
      );
    }
  });

  it("uses the lessees' GTs for A2P SMS only (SRI-SM and mt-forwardSM)", () => {
    for (const { name, messages } of runs) {
      const lessees = new Set<string>();
      for (const m of messages) {
        const lessee = lesseeOfGt(callingGt(m));
        if (!lessee) continue;
        lessees.add(lessee.name);
        assert.ok([44, 45].includes(first(m).opcode!), `${name}: frame ${m.frame}`);
      }
      assert.deepEqual([...lessees].sort(), ["Kestrel Signalling", "Nimbus Route Ltd"], name);
    }
  });

  it("keeps subscriber locations fixed by index and scales subscribers with volume", () => {
    const roamers = Array.from({ length: 10_000 }, (_, i) => i + 1).filter(isOutboundRoamer);
    assert.ok(roamers.length > 800 && roamers.length < 1200, `${roamers.length} roamers in 10,000`);
    assert.equal(new Set(roamers.map(homeSubscriberLocation)).size, 15, "roamers in every partner network");
    assert.equal(homeSubscriberLocation(roamers[0]!), homeSubscriberLocation(roamers[0]!));
    assert.equal(subscribersFor(2_000), 5_000);
    assert.equal(subscribersFor(1_000_000), 50_000);
  });
});
