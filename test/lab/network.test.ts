/**
 * The lab world: fifteen foreign operators in fifteen countries, two lessees, and a firewall policy that
 * describes them. Every GT must be a valid E.164 number of its country (libphonenumber-js decides) and
 * resolve to that country through our own numbering table, so that attribution in the firewall is real.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isValidPhoneNumber, parsePhoneNumberWithError } from "libphonenumber-js/max";
import { GtDirectory } from "../../src/firewall/attribution.js";
import { parsePolicy } from "../../src/firewall/policy.js";
import {
  HOME,
  KESTREL,
  LESSEES,
  lesseeGts,
  lesseeOfGt,
  NIMBUS,
  networkOfGt,
  PARTNERS,
} from "../../src/lab/network.js";
import { labPolicyYaml } from "../../src/lab/policy.js";
import { subscriber } from "../../src/lab/traffic.js";
import { countryOfE164, networkOfImsi } from "../../src/numbering/index.js";

const root = join(import.meta.dirname, "..", "..");

function nodesOf(net: (typeof PARTNERS)[number]) {
  return [net.hlr, net.vlr, net.msc, net.smsc];
}

describe("lab world", () => {
  it("has fifteen foreign operators in fifteen distinct countries, none sharing a GT range or MCC+MNC", () => {
    assert.equal(PARTNERS.length, 15);
    assert.equal(new Set(PARTNERS.map((p) => p.country)).size, 15);
    assert.ok(!PARTNERS.some((p) => p.country === HOME.country));
    const prefixes = [HOME, ...PARTNERS].map((p) => p.gtPrefix);
    for (const a of prefixes)
      for (const b of prefixes) if (a !== b) assert.ok(!b.startsWith(a), `${b} inside ${a}`);
    assert.equal(new Set([HOME, ...PARTNERS].map((p) => p.mcc + p.mnc)).size, 16);
  });

  it("gives every node a valid E.164 GT of its own country, inside its operator's range", () => {
    for (const net of [HOME, ...PARTNERS]) {
      for (const node of nodesOf(net)) {
        assert.ok(node.gt.startsWith(net.gtPrefix), node.name);
        assert.equal(node.gt.length, net.gtLength, node.name);
        assert.ok(isValidPhoneNumber(`+${node.gt}`), `${node.name} ${node.gt} is a valid number`);
        assert.equal(parsePhoneNumberWithError(`+${node.gt}`).country, net.country, node.name);
        assert.equal(countryOfE164(node.gt)?.country, net.country, node.name);
        assert.equal(networkOfGt(node.gt), net);
        assert.equal(lesseeOfGt(node.gt), undefined, `${node.name} is not leased`);
      }
    }
  });

  it("puts each IMSI range in the country of its MCC", () => {
    for (const net of PARTNERS) {
      const imsi = subscriber(net, 1).imsi;
      assert.equal(imsi.length, 15);
      assert.equal(networkOfImsi(imsi)?.country, net.country, `${net.name} ${imsi}`);
    }
  });

  it("leases Nimbus Route Ltd a sub-range (operator prefix + 1 digit) from each of the fifteen, Kestrel from four", () => {
    assert.equal(NIMBUS.name, "Nimbus Route Ltd");
    assert.equal(NIMBUS.purpose, "a2p-sms");
    assert.deepEqual(
      NIMBUS.leases.map((l) => l.host),
      [...PARTNERS],
    );
    assert.equal(KESTREL.leases.length, 4);
    assert.equal(new Set(KESTREL.leases.map((l) => l.host.country)).size, 4);
    for (const lessee of LESSEES) {
      for (const lease of lessee.leases) {
        assert.equal(lease.prefix.length, lease.host.gtPrefix.length + 1);
        assert.ok(lease.prefix.startsWith(lease.host.gtPrefix));
        assert.ok(lease.gts.length >= 2);
        for (const node of lease.gts) {
          assert.ok(node.gt.startsWith(lease.prefix), node.name);
          assert.ok(isValidPhoneNumber(`+${node.gt}`), `${node.name} ${node.gt} is a valid number`);
          assert.equal(countryOfE164(node.gt)?.country, lease.host.country, node.name);
          assert.equal(networkOfGt(node.gt), lease.host);
          assert.equal(lesseeOfGt(node.gt), lessee);
        }
      }
    }
    const all = LESSEES.flatMap(lesseeGts).map((n) => n.gt);
    assert.equal(new Set(all).size, all.length, "no GT used twice");
  });
});

describe("lab policy", () => {
  const yaml = labPolicyYaml();
  const policy = parsePolicy(yaml, "lab-policy.yaml");

  it("is a valid firewall policy naming the home network, every operator and both lessees", () => {
    assert.deepEqual(policy.home, { name: "Example Mobile", mccmnc: ["310150"], gt_prefixes: ["1202555"] });
    assert.deepEqual(
      policy.operators.map((o) => [o.name, o.country, o.mccmnc, o.gt_prefixes]),
      PARTNERS.map((p) => [p.name, p.country, [p.mcc + p.mnc], [p.gtPrefix]]),
    );
    assert.deepEqual(
      policy.leases.map((l) => [l.lessee, l.purpose, l.gt_prefixes]),
      LESSEES.map((l) => [l.name, "a2p-sms", l.leases.map((x) => x.prefix)]),
    );
  });

  it("attributes every lab GT to its operator, country and lessee through the firewall's directory", () => {
    const directory = new GtDirectory(policy);
    for (const net of PARTNERS) {
      const o = directory.origin(net.smsc.gt);
      assert.deepEqual([o.operator, o.country, o.lessee, o.home], [net.name, net.country, undefined, false]);
    }
    for (const lessee of LESSEES)
      for (const lease of lessee.leases)
        for (const node of lease.gts) {
          const o = directory.origin(node.gt);
          assert.deepEqual(
            [o.operator, o.country, o.lessee, o.leasePurpose],
            [lease.host.name, lease.host.country, lessee.name, "a2p-sms"],
          );
        }
    assert.equal(directory.origin(HOME.hlr.gt).home, true);
  });

  it("is checked in as examples/lab-policy.yaml, byte for byte", () => {
    assert.equal(readFileSync(join(root, "examples", "lab-policy.yaml"), "utf8"), yaml);
  });
});
