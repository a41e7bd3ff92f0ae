import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProxyConfigError, parseProxyConfig } from "../../src/proxy/config.js";

const MINIMAL = `
policy: policy.yaml
interconnect: { listen: { port: 2905 }, routing_contexts: [100] }
core: { peers: [ { host: 10.0.0.1, port: 2905 } ], routing_context: 200 }
`;

describe("proxy configuration", () => {
  it("fills the defaults", () => {
    const c = parseProxyConfig(MINIMAL);
    assert.equal(c.fail_mode, "closed");
    assert.equal(c.interconnect.listen.host, "127.0.0.1");
    assert.equal(c.core.traffic_mode, "override");
    assert.equal(c.core.heartbeat_ms, 10_000);
    assert.equal(c.limits.max_lag_ms, 50);
    assert.equal(c.management, undefined);
  });

  it("names every bad key with its line", () => {
    const text = `${MINIMAL}fail_mode: sometimes\nmanagement: { listen: { port: 8080 }, token: short }\nextra: 1\n`;
    assert.throws(
      () => parseProxyConfig(text, "fw.yaml"),
      (e: unknown) => {
        assert.ok(e instanceof ProxyConfigError);
        assert.match(e.message, /fw\.yaml:5:\d+ fail_mode: /);
        assert.match(e.message, /fw\.yaml:6:\d+ management\.token: token: at least 16 characters/);
        assert.match(e.message, /unknown key "extra"/);
        return true;
      },
    );
    assert.throws(() => parseProxyConfig("policy: [", "x.yaml"), /x\.yaml:1:/);
  });
});

describe("proxy configuration documentation", () => {
  it("the README's firewall configuration example is valid", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const example = blocks.find((b) => b.includes("interconnect:"));
    assert.ok(example, "README has the firewall configuration example");
    const c = parseProxyConfig(example, "README.md");
    assert.equal(c.fail_mode, "closed");
    assert.equal(c.core.peers.length, 1);
    assert.ok(c.management && c.alerts && c.forensics);
  });
});

describe("proxy configuration: interconnect routes", () => {
  it("accepts routes to configured routing contexts and refuses others", () => {
    const base = (routes: string) => `
policy: p.yaml
interconnect: { listen: { port: 0 }, routing_contexts: [100, 101], routes: ${routes} }
core: { peers: [ { port: 1 } ], routing_context: 200 }
`;
    assert.equal(
      parseProxyConfig(base("[ { point_codes: [1, 2], routing_context: 101 } ]")).interconnect.routes.length,
      1,
    );
    assert.throws(
      () => parseProxyConfig(base("[ { point_codes: [1], routing_context: 7 } ]")),
      /must be one of routing_contexts/,
    );
  });
});
