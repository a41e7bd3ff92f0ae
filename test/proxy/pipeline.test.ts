import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SctpPpid } from "../../src/codec/capture/index.js";
import { encodeM3ua, m3uaData } from "../../src/codec/m3ua/index.js";
import { encodeSccp } from "../../src/codec/sccp/index.js";
import { StackDecoder } from "../../src/codec/stack/decoder.js";
import { FirewallEngine } from "../../src/firewall/engine.js";
import { parsePolicy } from "../../src/firewall/policy.js";
import { gtAddress } from "../../src/lab/traffic.js";
import { type FirewallAlert, FirewallPipeline, type PipelineOptions } from "../../src/proxy/pipeline.js";
import { sctpRecord } from "../codec/stack/harness.js";
import { HOME_MSISDN, NODES as N, op, POLICY_YAML, wire } from "../firewall/harness.js";

function pipeline(options: Partial<PipelineOptions> = {}, policy = POLICY_YAML) {
  const alerts: FirewallAlert[] = [];
  const blocked: string[] = [];
  const p = new FirewallPipeline(new FirewallEngine(parsePolicy(policy)), {
    failMode: "closed",
    onAlert: (a) => alerts.push(a),
    onBlocked: (_b, _s, _e, direction, reason) => blocked.push(`${direction} ${reason}`),
    now: () => Date.UTC(2026, 0, 1),
    ...options,
  });
  return { p, alerts, blocked };
}

describe("firewall pipeline", () => {
  it("forwards allowed MSUs, answers blocked ones with bytes that decode, and alerts", () => {
    const { p, alerts, blocked } = pipeline();
    const sri = wire(N.ukSmsc, N.homeHlr, op.sriSm(HOME_MSISDN, N.ukSmsc));
    assert.equal(p.process(sri, 0, sri.length, "inbound"), "forward");
    const ati = wire(N.unknownJp, N.homeHlr, op.ati(HOME_MSISDN, N.unknownJp));
    // Inside a larger buffer, as a framer hands it over.
    const host = Buffer.concat([Buffer.alloc(7), ati, Buffer.alloc(3)]);
    assert.equal(p.process(host, 7, 7 + ati.length, "inbound"), "answer");
    assert.equal(p.reason, "category-1");
    const [answer] = new StackDecoder().decode(sctpRecord(p.response!, SctpPpid.m3ua), () =>
      assert.fail("answer does not decode"),
    );
    assert.equal(answer!.tcap?.type, "Abort");
    assert.equal(answer!.sccp.called.gt, N.unknownJp.gt);
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]!.reason, "category-1");
    assert.equal(alerts[0]!.country, "JP");
    assert.equal(alerts[0]!.msisdn, HOME_MSISDN);
    assert.equal(alerts[0]!.incident_kind, "location-tracking");
    assert.deepEqual(blocked, ["inbound category-1"]);
    assert.equal(p.counters.forwarded, 1);
    assert.equal(p.counters.answered, 1);
    assert.equal(p.counters.latencyCount, 2);
  });

  it("passes non-SCCP traffic, drops undecodable SCCP from outside but not from the core", () => {
    const { p } = pipeline();
    const isup = encodeM3ua(
      m3uaData({ opc: 1, dpc: 2, si: 5, ni: 2, mp: 0, sls: 0 }, Uint8Array.of(1, 2, 3)),
    );
    assert.equal(p.process(isup, 0, isup.length, "inbound"), "forward");
    const junk = encodeM3ua(
      m3uaData({ opc: 1, dpc: 2, si: 3, ni: 2, mp: 0, sls: 0 }, Uint8Array.of(0x09, 0xff)),
    );
    assert.equal(p.process(junk, 0, junk.length, "inbound"), "drop");
    assert.equal(p.reason, "undecodable");
    assert.equal(p.process(junk, 0, junk.length, "outbound"), "forward");
    const badTcap = encodeM3ua(
      m3uaData(
        { opc: 1, dpc: 2, si: 3, ni: 2, mp: 0, sls: 0 },
        encodeSccp({
          messageType: 0x09,
          protocolClass: 1,
          returnOnError: false,
          called: gtAddress(N.homeHlr),
          calling: gtAddress(N.ukVlr),
          data: Uint8Array.of(0x62, 0x03, 0x48, 0x09, 0x01),
        }),
      ),
    );
    assert.equal(p.process(badTcap, 0, badTcap.length, "inbound"), "drop");
    assert.equal(p.reason, "tcap-undecodable");
  });

  it("goes by fail mode when the engine throws or the proxy is behind", () => {
    const sri = wire(N.ukSmsc, N.homeHlr, op.sriSm(HOME_MSISDN, N.ukSmsc));
    for (const failMode of ["open", "closed"] as const) {
      const { p } = pipeline({ failMode });
      (p.currentEngine as { inspect: unknown }).inspect = () => {
        throw new Error("engine bug");
      };
      assert.equal(p.process(sri, 0, sri.length, "inbound"), failMode === "open" ? "forward" : "drop");
      const slow = pipeline({ failMode });
      slow.p.behind = true;
      assert.equal(slow.p.process(sri, 0, sri.length, "inbound"), failMode === "open" ? "forward" : "drop");
      if (failMode === "closed") assert.equal(slow.p.reason, "fail-closed:behind");
      else assert.equal(slow.p.counters.failedOpen, 1);
      slow.p.behind = false;
      assert.equal(slow.p.process(sri, 0, sri.length, "inbound"), "forward");
    }
  });

  it("judges with a swapped engine from the next MSU on", () => {
    const { p } = pipeline();
    const sri = wire(N.unknownJp, N.homeHlr, op.sriSm(HOME_MSISDN, N.unknownJp));
    assert.equal(p.process(sri, 0, sri.length, "inbound"), "forward");
    p.setEngine(new FirewallEngine(parsePolicy(`${POLICY_YAML}\ngt_deny: ["81"]\n`)));
    assert.equal(p.process(sri, 0, sri.length, "inbound"), "drop");
    assert.equal(p.reason, "gt-deny");
  });
});
