/**
 * The inline firewall over real loopback sockets: a foreign network's ASP → the proxy (SGP) → the core's
 * SGP, and answers back; attacks answered by the proxy; the management API; core failure and recovery;
 * a broken policy reloaded under traffic.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { M3uaDataFields, readM3uaData } from "../../src/codec/m3ua/index.js";
import { decodeSccp } from "../../src/codec/sccp/index.js";
import type { TcapMessageValue } from "../../src/codec/tcap/index.js";
import { decodeTcap } from "../../src/codec/tcap/index.js";
import { parseProxyConfig } from "../../src/proxy/config.js";
import { FirewallProxy } from "../../src/proxy/proxy.js";
import { AspState, M3uaAsp, M3uaSgp } from "../../src/transport/index.js";
import { HOME_MSISDN, NODES as N, op, POLICY_YAML, wire } from "../firewall/harness.js";

const CORE_RC = 200;
const EDGE_RC = 100;
const TOKEN = "test-token-0123456789";

/** The core: an SGP that answers every TCAP Begin with an End to its otid, addressed back to the caller. */
class Core {
  readonly received: Buffer[] = [];
  sgp!: M3uaSgp;
  port = 0;
  async start(port = 0): Promise<void> {
    this.sgp = new M3uaSgp({ applicationServers: [{ routingContext: CORE_RC }] });
    this.sgp.on("data", (aspId, bytes, start, end) => {
      this.received.push(Buffer.from(bytes.subarray(start, end)));
      const f = new M3uaDataFields();
      readM3uaData(bytes, start, end, f);
      const sccp = decodeSccp(bytes, f.dataStart, f.dataEnd);
      if (!("dataStart" in sccp)) return;
      const tcap = decodeTcap(bytes, sccp.dataStart, sccp.dataEnd);
      if (tcap.type !== "begin") return;
      const answer = wire(
        { name: "core", gt: sccp.called.gt!.digits, pc: f.dpc, ssn: 6, ip: "127.0.0.1" },
        { name: "peer", gt: sccp.calling.gt!.digits, pc: f.opc, ssn: 8, ip: "127.0.0.1" },
        { type: "end", dtid: tcap.otid, components: [] } as TcapMessageValue,
      );
      this.sgp.send(aspId, answer);
    });
    this.port = await this.sgp.listen("127.0.0.1", port);
  }
}

function until(what: string | (() => string), cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (cond()) resolve();
      else if (Date.now() - t0 > ms)
        reject(new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

describe("inline firewall proxy over loopback", () => {
  const dir = mkdtempSync(join(tmpdir(), "ss7guard-proxy-"));
  const policyFile = join(dir, "policy.yaml");
  const core = new Core();
  let proxy: FirewallProxy;
  let foreign: M3uaAsp;
  let mgmt = 0;
  const fromProxy: Buffer[] = [];
  const dunas: number[][] = [];
  const davas: number[][] = [];

  before(async () => {
    writeFileSync(policyFile, POLICY_YAML);
    await core.start();
    const config = parseProxyConfig(`
policy: policy.yaml
fail_mode: closed
interconnect: { listen: { host: 127.0.0.1, port: 0 }, routing_contexts: [${EDGE_RC}] }
core: { peers: [ { host: 127.0.0.1, port: ${core.port} } ], routing_context: ${CORE_RC}, heartbeat_ms: 200 }
# The test runner runs files in parallel: on a busy machine the event loop may lag past the default 50 ms,
# and fail_mode would then (rightly) drop MSUs these tests count.
limits: { max_lag_ms: 10000 }
management: { listen: { host: 127.0.0.1, port: 0 }, token: ${TOKEN} }
alerts: { file: alerts.jsonl }
forensics: { pcap: blocked.pcap }
`);
    proxy = new FirewallProxy({ config, baseDir: dir });
    const started = await proxy.start();
    mgmt = started.managementPort!;
    await until("core up", () => proxy.associations().some((a) => a.side === "core" && a.up));
    foreign = new M3uaAsp({
      host: "127.0.0.1",
      port: started.interconnectPort,
      routingContexts: [EDGE_RC],
      heartbeatMs: 0,
      reconnect: { minMs: 20, maxMs: 100 },
    });
    foreign.on("data", (bytes, start, end) => fromProxy.push(Buffer.from(bytes.subarray(start, end))));
    foreign.on("destinationUnavailable", (e) => dunas.push(e.pointCodes.map((p) => p.pointCode)));
    foreign.on("destinationAvailable", (e) => davas.push(e.pointCodes.map((p) => p.pointCode)));
    foreign.start();
    await until("foreign ASP active", () => foreign.state === AspState.active);
  });

  after(async () => {
    await foreign.stop();
    await proxy.stop();
    await core.sgp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("forwards an allowed dialogue to the core unchanged but for the routing context, and the answer back", async () => {
    const msg = wire(N.ukSmsc, N.homeHlr, op.sriSm(HOME_MSISDN, N.ukSmsc));
    const before = core.received.length;
    const answersBefore = fromProxy.length;
    assert.ok(foreign.sendData(msg));
    await until("core receives", () => core.received.length > before);
    const got = core.received.at(-1)!;
    const a = new M3uaDataFields();
    const b = new M3uaDataFields();
    readM3uaData(got, 0, got.length, a);
    readM3uaData(msg, 0, msg.length, b);
    assert.equal(a.routingContext, CORE_RC);
    assert.deepEqual(got.subarray(a.dataStart, a.dataEnd), msg.subarray(b.dataStart, b.dataEnd));
    await until("answer comes back", () => fromProxy.length > answersBefore);
    const back = fromProxy.at(-1)!;
    const f = new M3uaDataFields();
    readM3uaData(back, 0, back.length, f);
    assert.equal(f.routingContext, EDGE_RC);
    const sccp = decodeSccp(back, f.dataStart, f.dataEnd);
    assert.equal(sccp.messageType, 0x09);
  });

  it("answers an anyTimeInterrogation from abroad with a TCAP abort; the core never sees it", async () => {
    const before = core.received.length;
    const answersBefore = fromProxy.length;
    foreign.sendData(wire(N.unknownJp, N.homeHlr, op.ati(HOME_MSISDN, N.unknownJp)));
    await until("abort", () => fromProxy.length > answersBefore);
    const back = fromProxy.at(-1)!;
    const f = new M3uaDataFields();
    readM3uaData(back, 0, back.length, f);
    const sccp = decodeSccp(back, f.dataStart, f.dataEnd);
    assert.ok("dataStart" in sccp);
    const tcap = decodeTcap(back, sccp.dataStart, sccp.dataEnd);
    assert.equal(tcap.type, "abort");
    assert.equal(sccp.called.gt?.digits, N.unknownJp.gt);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(core.received.length, before);
  });

  it("reports through the management API: status, alerts, incidents, metrics; refuses a broken policy", async () => {
    const get = (path: string, init: RequestInit = {}) =>
      fetch(`http://127.0.0.1:${mgmt}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}` } });
    const status = (await (await get("/status")).json()) as {
      associations: { side: string; up?: boolean }[];
    };
    assert.ok(status.associations.some((a) => a.side === "interconnect"));
    assert.ok(status.associations.some((a) => a.side === "core"));
    const alerts = (await (await get("/alerts")).json()) as { alerts: { reason: string }[] };
    assert.equal(alerts.alerts[0]!.reason, "category-1");
    const incidents = (await (await get("/incidents")).json()) as { incidents: { kind: string }[] };
    assert.equal(incidents.incidents[0]!.kind, "location-tracking");
    const metrics = await (await get("/metrics")).text();
    assert.match(metrics, /ss7guard_msus_answered_total 1/);
    assert.match(metrics, /ss7guard_msus_total\{direction="inbound"\} 2/);
    // A broken policy is refused; the old one keeps judging.
    writeFileSync(policyFile, "home: { name: X }\n");
    const reload = await get("/reload", { method: "POST" });
    assert.equal(reload.status, 422);
    assert.match(((await reload.json()) as { errors: string }).errors, /mccmnc/);
    const answersBefore = fromProxy.length;
    foreign.sendData(wire(N.unknownJp, N.homeHlr, op.ati(HOME_MSISDN, N.unknownJp)));
    await until("still blocked", () => fromProxy.length > answersBefore);
    writeFileSync(policyFile, `${POLICY_YAML}\ngt_allow: ["81"]\n`);
    assert.equal((await get("/reload", { method: "POST" })).status, 200);
    const coreBefore = core.received.length;
    foreign.sendData(wire(N.unknownJp, N.homeHlr, op.ati(HOME_MSISDN, N.unknownJp)));
    await until("now allowed", () => core.received.length > coreBefore);
  });

  it("loses no MSU while policies are reloaded under traffic, broken ones included", async () => {
    const get = (path: string, init: RequestInit = {}) =>
      fetch(`http://127.0.0.1:${mgmt}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}` } });
    const before = core.received.length;
    const total = 2000;
    let sent = 0;
    const reloads: number[] = [];
    await new Promise<void>((resolve) => {
      const tick = () => {
        // 100 MSUs per tick, each at its own subscriber (no burst at one target).
        for (let k = 0; k < 100 && sent < total; k++, sent++) {
          const msisdn = `1202556${String(10_000 + sent).padStart(5, "0")}`;
          foreign.sendData(wire(N.ukSmsc, N.homeHlr, op.sriSm(msisdn, N.ukSmsc)));
        }
        if (sent % 500 === 0) {
          writeFileSync(policyFile, sent % 1000 === 0 ? "home: { broken" : POLICY_YAML);
          void get("/reload", { method: "POST" }).then((r) => reloads.push(r.status));
        }
        if (sent < total) setTimeout(tick, 2);
        else resolve();
      };
      tick();
    });
    await until(
      () =>
        `every MSU delivered: ${core.received.length - before} of ${total} (dropped: ${JSON.stringify([...proxy.counters().dropped])})`,
      () => core.received.length - before >= total,
      20_000,
    );
    await until("reloads answered", () => reloads.length === 4);
    assert.deepEqual([...reloads].sort(), [200, 200, 422, 422]);
    assert.equal(core.received.length - before, total);
  });

  it("signals DUNA when the core goes away and DAVA when it comes back, then forwards again", async () => {
    const port = core.port;
    await core.sgp.close();
    await until("DUNA", () => dunas.length > 0);
    assert.ok(dunas.at(-1)!.includes(N.homeHlr.pc));
    await core.start(port);
    await until("DAVA", () => davas.length > 0, 10_000);
    const before = core.received.length;
    await until(
      "traffic resumes",
      () => {
        foreign.sendData(wire(N.ukSmsc, N.homeHlr, op.sriSm(HOME_MSISDN, N.ukSmsc)));
        return core.received.length > before;
      },
      10_000,
    );
  });
});

describe("inline firewall proxy: routes toward the interconnect", () => {
  it("sends core traffic for a point code not heard from yet to the AS its configured route names", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ss7guard-proxy-routes-"));
    writeFileSync(join(dir, "policy.yaml"), POLICY_YAML);
    const core = new M3uaSgp({ applicationServers: [{ routingContext: CORE_RC }] });
    let proxyAsp = -1;
    core.on("aspState", (aspId, state) => {
      if (state === AspState.active) proxyAsp = aspId;
    });
    const corePort = await core.listen("127.0.0.1", 0);
    const proxy = new FirewallProxy({
      config: parseProxyConfig(`
policy: policy.yaml
interconnect:
  listen: { host: 127.0.0.1, port: 0 }
  routing_contexts: [100, 101]
  routes: [ { point_codes: [4242], routing_context: 101 } ]
core: { peers: [ { host: 127.0.0.1, port: ${corePort} } ], routing_context: ${CORE_RC}, heartbeat_ms: 0 }
limits: { max_lag_ms: 10000 }
`),
      baseDir: dir,
    });
    const { interconnectPort } = await proxy.start();
    const got: Record<number, number> = { 100: 0, 101: 0 };
    const asps = [100, 101].map((rc) => {
      const a = new M3uaAsp({
        host: "127.0.0.1",
        port: interconnectPort,
        routingContexts: [rc],
        heartbeatMs: 0,
      });
      a.on("data", () => got[rc]!++);
      a.start();
      return a;
    });
    try {
      await until("all up", () => proxyAsp >= 0 && asps.every((a) => a.state === AspState.active));
      // The core (its HLR) starts a dialogue toward a foreign VLR at PC 4242 (an insertSubscriberData).
      const homeHlr = { ...N.homeHlr };
      const vlr = { ...N.zamtelVlr, pc: 4242 };
      core.send(proxyAsp, wire(homeHlr, vlr, op.isd("645010000000077", "260970000077")));
      await until("delivered on RC 101", () => got[101]! === 1);
      assert.equal(got[100], 0);
    } finally {
      for (const a of asps) await a.stop();
      await proxy.stop();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
