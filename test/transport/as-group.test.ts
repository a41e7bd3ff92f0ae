/**
 * M3uaAsGroup: one ASP per SGP toward the same AS (the core's two STPs), traffic by the group's mode, and
 * up/down events when the group as a whole gains or loses its last active ASP.
 */
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { M3uaDataFields, readM3uaData } from "../../src/codec/m3ua/index.js";
import { M3uaAsGroup, M3uaAsp, M3uaSgp, type TrafficMode } from "../../src/transport/index.js";
import { dataMessage, HOST, once, until } from "./helpers.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Stp {
  sgp: M3uaSgp;
  port: number;
  /** SLS of every DATA message received. */
  received: number[];
}

const fields = new M3uaDataFields();

async function stp(mode: TrafficMode = "override"): Promise<Stp> {
  const sgp = new M3uaSgp({
    applicationServers: [{ routingContext: 100, trafficMode: mode }],
    recoveryMs: 0,
  });
  const port = await sgp.listen(HOST, 0);
  cleanups.push(() => sgp.close());
  const received: number[] = [];
  sgp.on("data", (_id, bytes, start, end) => {
    readM3uaData(bytes, start, end, fields);
    received.push(fields.sls);
  });
  return { sgp, port, received };
}

function group(stps: Stp[], mode: TrafficMode): M3uaAsGroup {
  const asps = stps.map(
    (s, i) =>
      new M3uaAsp({
        host: HOST,
        port: s.port,
        routingContexts: [100],
        aspIdentifier: i + 1,
        heartbeatMs: 0,
        reconnect: { minMs: 20, maxMs: 50 },
      }),
  );
  const g = new M3uaAsGroup(asps, { trafficMode: mode });
  cleanups.push(() => g.stop());
  return g;
}

describe("M3uaAsGroup", () => {
  it("override: sends through the first active ASP in configured order, fails over, and reports down/up", async () => {
    const [a, b] = [await stp(), await stp()];
    const g = group([a!, b!], "override");
    const events: string[] = [];
    g.on("up", () => events.push("up"));
    g.on("down", () => events.push("down"));
    assert.equal(g.state, "down");
    assert.equal(g.send(dataMessage(0, 100, "nobody"), 0), false);
    g.start();
    await until(() => g.active.length === 2, 3000, "both ASPs active");
    assert.equal(g.state, "up");
    assert.deepEqual(events, ["up"]);
    for (let sls = 0; sls < 6; sls++) assert.equal(g.send(dataMessage(sls, 100, "x"), sls), true);
    await until(() => a!.received.length === 6);
    assert.equal(b!.received.length, 0);

    // STP A goes away: traffic fails over to B, the group stays up.
    await a!.sgp.close();
    await until(() => g.active.length === 1, 3000, "A's ASP down");
    assert.equal(g.pick(0), g.members[1]);
    g.send(dataMessage(7, 100, "y"), 7);
    await until(() => b!.received.length === 1);
    assert.deepEqual(events, ["up"]);

    // And B too: the group is down (a proxy would now send DUNA on its other side).
    const down = once(g, "down");
    await b!.sgp.close();
    await down;
    assert.equal(g.state, "down");
    assert.equal(g.send(dataMessage(1, 100, "z"), 1), false);

    // B comes back on its port: up again.
    const up = once(g, "up");
    const b2 = new M3uaSgp({ applicationServers: [{ routingContext: 100 }] });
    await b2.listen(HOST, b!.port);
    cleanups.push(() => b2.close());
    await up;
    assert.deepEqual(events, ["up", "down", "up"]);
    assert.equal(g.pick(3), g.members[1]);
  });

  it("loadshare: each SLS sticks to one ASP while the set is stable; both carry traffic", async () => {
    const [a, b] = [await stp(), await stp()];
    const g = group([a!, b!], "loadshare");
    const data: number[] = [];
    g.on("data", (bytes, start, end, asp) => {
      readM3uaData(bytes, start, end, fields);
      data.push(g.members.indexOf(asp));
    });
    g.start();
    await until(() => g.active.length === 2, 3000, "both ASPs active");
    for (let round = 0; round < 3; round++) {
      for (let sls = 0; sls < 16; sls++) assert.equal(g.send(dataMessage(sls, 100, `r${round}`), sls), true);
    }
    await until(() => a!.received.length + b!.received.length === 48);
    assert.equal(a!.received.length, 24);
    assert.equal(b!.received.length, 24);
    const onA = new Set(a!.received);
    const onB = new Set(b!.received);
    for (const sls of onA) assert.ok(!onB.has(sls), `SLS ${sls} reached both STPs`);
    assert.equal(onA.size + onB.size, 16);

    // DATA from either STP surfaces on the group, tagged with its ASP.
    const aspIdA = a!.sgp.asps()[0]!.aspId;
    a!.sgp.send(aspIdA, dataMessage(5, 100, "from-a"));
    b!.sgp.sendToAs(100, dataMessage(6, 100, "from-b"), 6);
    await until(() => data.length === 2);
    assert.deepEqual(data.sort(), [0, 1]);
  });
});
