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
