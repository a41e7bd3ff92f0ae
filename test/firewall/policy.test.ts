import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GtDirectory } from "../../src/firewall/attribution.js";
import { PolicyError, parsePolicy } from "../../src/firewall/policy.js";

/** The example policy of issue 4, as an operator would write it. */
const EXAMPLE = `home:                       # the network we protect
  name: Example Mobile
  mccmnc: ["310150"]        # IMSI ranges of our subscribers
  gt_prefixes: ["1202555"]  # our own global titles (HLR, MSC/VLR, SMSC…)
operators:                  # IR.21-like table: who owns which GT ranges
  - { name: Zamtel, country: ZM, mccmnc: ["64501"], gt_prefixes: ["26095"] }
leases:                     # GT sub-ranges leased to third parties
  - { lessee: ACME Messaging, gt_prefixes: ["260955"], purpose: a2p-sms }
thresholds:                 # optional; sane defaults built in
  location_burst: { window_s: 60, min_messages: 10, min_origins: 3 }
rules: []                   # optional overrides
`;

function issuesOf(text: string): PolicyError["issues"] {
  try {
    parsePolicy(text, "p.yaml");
  } catch (e) {
    assert.ok(e instanceof PolicyError, String(e));
    return e.issues;
  }
  assert.fail("the policy should have been rejected");
}

describe("firewall policy file", () => {
  it("loads the documented example", () => {
    const p = parsePolicy(EXAMPLE);
    assert.equal(p.home.name, "Example Mobile");
    assert.deepEqual(p.operators[0], {
      name: "Zamtel",
      country: "ZM",
      mccmnc: ["64501"],
      gt_prefixes: ["26095"],
    });
    assert.deepEqual(p.leases[0], { lessee: "ACME Messaging", gt_prefixes: ["260955"], purpose: "a2p-sms" });
    assert.equal(p.thresholds.location_burst.min_origins, 3);
  });

  it("fills in the built-in defaults when the optional sections are left out", () => {
    const p = parsePolicy(`home: { name: H, mccmnc: ["310150"], gt_prefixes: ["1202555"] }\n`);
    assert.deepEqual(p.thresholds.location_burst, { window_s: 60, min_messages: 10, min_origins: 3 });
    assert.deepEqual([p.operators, p.leases, p.rules], [[], [], []]);
  });

  it("names a misspelt key and its line", () => {
    const issues = issuesOf(EXAMPLE.replace("operators:", "operaters:"));
    assert.ok(
      issues.some((i) => i.line === 5 && /operaters/.test(i.message)),
      JSON.stringify(issues),
    );
  });

  it("names a bad GT prefix by its path and line, and reports every problem, not just the first", () => {
    const text = EXAMPLE.replace('gt_prefixes: ["26095"]', 'gt_prefixes: ["26a95"]').replace(
      "country: ZM",
      "country: Zambia",
    );
    const issues = issuesOf(text);
    const gt = issues.find((i) => i.path === "operators[0].gt_prefixes[0]");
    assert.ok(gt, JSON.stringify(issues));
    assert.equal(gt.line, 6);
    assert.match(gt.message, /decimal digits/);
    assert.ok(issues.some((i) => i.path === "operators[0].country" && i.line === 6));
  });

  it("reports YAML syntax errors with their line", () => {
    const issues = issuesOf("home:\n  name: [unclosed\n");
    assert.equal(issues[0]!.path, "(yaml)");
    assert.ok(issues[0]!.line >= 2);
  });

  it("requires an error code for a map-error rule", () => {
    const issues = issuesOf(
      `${EXAMPLE.replace("rules: []", "rules:\n  - { match: { opcode: 71 }, action: map-error }")}`,
    );
    assert.ok(
      issues.some((i) => i.path === "rules[0].map_error" && /map_error/.test(i.message)),
      JSON.stringify(issues),
    );
  });

  it("formats its message as file:line:column path: reason", () => {
    try {
      parsePolicy(EXAMPLE.replace('mccmnc: ["310150"]', 'mccmnc: ["31"]'), "p.yaml");
      assert.fail("rejected");
    } catch (e) {
      assert.ok(e instanceof PolicyError);
      assert.match(e.message, /p\.yaml:3:\d+ home\.mccmnc\[0\]: MCC\+MNC: 5–6 decimal digits/);
    }
  });
});

describe("GT attribution", () => {
  const dir = new GtDirectory(parsePolicy(EXAMPLE));

  it("attributes a leased GT to its lessee and to the operator that owns the range", () => {
    assert.deepEqual(dir.origin("26095500123"), {
      gt: "26095500123",
      country: "ZM",
      operator: "Zamtel",
      lessee: "ACME Messaging",
      leasePurpose: "a2p-sms",
      home: false,
    });
  });

  it("attributes an operator GT outside the leased sub-range to the operator alone", () => {
    const o = dir.origin("26095400123");
    assert.equal(o.operator, "Zamtel");
    assert.equal(o.lessee, undefined);
  });

  it("gives a GT in no table its country from the E.164 country code", () => {
    const o = dir.origin("4477850000");
    assert.deepEqual([o.country, o.operator, o.lessee, o.home], ["GB", undefined, undefined, false]);
  });

  it("knows the home network's GTs and subscribers", () => {
    assert.equal(dir.origin("12025550100").home, true);
    assert.equal(dir.origin("12025550100").operator, "Example Mobile");
    assert.equal(dir.isHomeImsi("310150123456789"), true);
    assert.equal(dir.isHomeImsi("645010123456789"), false);
    assert.equal(dir.operatorOfImsi("645010123456789"), "Zamtel");
  });

  it("stays exact with 100k operator prefixes", () => {
    const operators = Array.from({ length: 1000 }, (_, i) => ({
      name: `Op${i}`,
      country: "ZM",
      mccmnc: [],
      gt_prefixes: Array.from(
        { length: 100 },
        (_, j) => `2609${String(i).padStart(3, "0")}${String(j).padStart(2, "0")}`,
      ),
    }));
    const big = new GtDirectory({ ...parsePolicy(EXAMPLE), operators });
    assert.equal(big.origin("260912345678").operator, "Op123");
    assert.equal(big.origin("260999999999").operator, "Op999");
    assert.equal(big.origin("260812345678").operator, undefined);
  });
});

describe("policy documentation", () => {
  it("the README's policy example is a valid policy with the defaults it claims", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const block = /```yaml\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, "README has a yaml block");
    const p = parsePolicy(block[1]!, "README.md");
    const defaults = parsePolicy('home: { name: H, mccmnc: ["310150"], gt_prefixes: ["1202555"] }');
    assert.deepEqual(p.thresholds, defaults.thresholds);
    assert.deepEqual(p.state, defaults.state);
    assert.equal(p.rules.length, 2);
  });
});
