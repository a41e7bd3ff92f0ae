/**
 * Keeping an ASP associated: heartbeats (RFC 4666 §4.3.4.6) detect a peer that stopped answering, and
 * reconnection with exponential backoff brings the ASP back to ASP-ACTIVE after the SGP restarts.
 */
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import {
  decodeM3ua,
  encodeM3ua,
  findM3uaParameter,
  M3uaAspsmMessage,
  M3uaAsptmMessage,
  M3uaMessageClass,
} from "../../src/codec/m3ua/index.js";
import {
  AspState as ASP,
  type AspState,
  M3uaAsp,
  M3uaSgp,
  type SigtranStream,
  type SigtranStreamHandlers,
  type SigtranTransport,
} from "../../src/transport/index.js";
import { HOST, once, RawPeer, RecordingTransport, until } from "./helpers.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const isAspUp = (c: number, t: number) => c === M3uaMessageClass.aspsm && t === M3uaAspsmMessage.aspUp;
const isAspAc = (c: number, t: number) => c === M3uaMessageClass.asptm && t === M3uaAsptmMessage.aspActive;

/** ASPUP → ASPUP ACK, ASPAC → ASPAC ACK with the same Routing Context; BEAT is ignored (a wedged SGP). */
function deafToHeartbeats() {
  let connections = 0;
  const peer = new RawPeer((m) => {
    if (isAspUp(m.messageClass, m.messageType)) {
      connections++;
      return [
        encodeM3ua({
          messageClass: M3uaMessageClass.aspsm,
          messageType: M3uaAspsmMessage.aspUpAck,
          parameters: [],
        }),
      ];
    }
    if (isAspAc(m.messageClass, m.messageType)) {
      const rc = findM3uaParameter(m, "routingContext");
      return [
        encodeM3ua({
          messageClass: M3uaMessageClass.asptm,
          messageType: M3uaAsptmMessage.aspActiveAck,
          parameters: rc ? [rc] : [],
        }),
      ];
    }
    return [];
  });
  return { peer, connections: () => connections };
}

describe("ASP heartbeat and reconnection", () => {
  it("keeps a healthy association: BEATs are answered and the ASP stays ASP-ACTIVE", async () => {
    const wire = new RecordingTransport();
    const sgp = new M3uaSgp({ transport: wire, applicationServers: [{ routingContext: 100 }] });
    const port = await sgp.listen(HOST, 0);
    cleanups.push(() => sgp.close());
    const asp = new M3uaAsp({
      host: HOST,
      port,
      routingContexts: [100],
      heartbeatMs: 30,
      heartbeatTimeoutMs: 100,
    });
    cleanups.push(() => asp.stop());
    let disconnects = 0;
    asp.on("disconnect", () => disconnects++);
    asp.start();
    await until(() => wire.find("out", "BEAT ACK").length >= 4, 3000, "four BEAT ACKs");
    assert.equal(disconnects, 0);
    assert.equal(asp.state, ASP.active);
    // §3.5.5: each BEAT carries 4 octets of Heartbeat Data, a fresh value each time.
    const data = wire.find("in", "BEAT").map((r) => {
      const p = findM3uaParameter(r.message!, "heartbeatData")!;
      return r.bytes.subarray(p.start, p.end).toString("hex");
    });
    assert.equal(new Set(data).size, data.length);
    assert.ok(data.every((d) => d.length === 8));
  });

  it("declares a peer that stops answering BEAT dead, tears the link down and reconnects", async () => {
    const { peer, connections } = deafToHeartbeats();
    const port = await peer.listen();
    cleanups.push(() => peer.close());
    const asp = new M3uaAsp({
      host: HOST,
      port,
      routingContexts: [100],
      heartbeatMs: 50,
      heartbeatTimeoutMs: 80,
      reconnect: { minMs: 20, maxMs: 100 },
      random: () => 0.5,
    });
    cleanups.push(() => asp.stop());
    const states: AspState[] = [];
    asp.on("state", (s) => states.push(s));
    asp.start();
    await once(asp, "state", (s: AspState) => s === ASP.active);
    const t0 = Date.now();
    const [error] = await once<[Error | undefined]>(asp, "disconnect", () => true, 2000);
    const detectedAfter = Date.now() - t0;
    assert.match(String(error), /no BEAT ACK within 80 ms/);
    assert.ok(detectedAfter >= 100 && detectedAfter < 1000, `detected after ${detectedAfter} ms`);
    assert.equal(asp.state, ASP.down);
    await until(() => connections() >= 2 && asp.state === ASP.active, 3000, "a new association");
    assert.deepEqual(states.slice(0, 4), [ASP.inactive, ASP.active, ASP.down, ASP.inactive]);
    // The dead peer got BEATs it never answered (§3.5.5), then a fresh ASPUP.
    assert.ok(
      peer.received.some((m) => m.messageClass === 3 && m.messageType === M3uaAspsmMessage.heartbeat),
    );
  });

  it("reconnects with growing delays while the SGP is gone and reaches ASP-ACTIVE when it is back on the same port", async () => {
    const first = new M3uaSgp({ applicationServers: [{ routingContext: 100 }] });
    const port = await first.listen(HOST, 0);
    const asp = new M3uaAsp({
      host: HOST,
      port,
      routingContexts: [100],
      heartbeatMs: 0,
      reconnect: { minMs: 20, maxMs: 160 },
      random: () => 1, // no jitter: delays 20, 40, 80, 160, 160, …
    });
    cleanups.push(() => asp.stop());
    asp.start();
    await once(asp, "state", (s: AspState) => s === ASP.active);

    const failures: number[] = [];
    asp.on("disconnect", () => failures.push(Date.now()));
    await first.close();
    await until(() => failures.length >= 5, 3000, "five failed attempts");
    assert.equal(asp.state, ASP.down);
    const gaps = failures.slice(1).map((t, i) => t - failures[i]!);
    // Attempts 2-5 come 20, 40, 80, 160 ms apart; timers only fire late, never early.
    const expected = [20, 40, 80, 160];
    for (const [i, g] of gaps.slice(0, 4).entries()) {
      assert.ok(
        g >= expected[i]! - 2 && g < expected[i]! + 120,
        `gap ${i}: ${g} ms, expected ≈${expected[i]}`,
      );
    }

    const second = new M3uaSgp({ applicationServers: [{ routingContext: 100 }] });
    await second.listen(HOST, port);
    cleanups.push(() => second.close());
    await once(asp, "state", (s: AspState) => s === ASP.active, 3000);
    assert.equal(second.asState(100), "AS-ACTIVE");
  });

  it("backoff schedule: base min×2ⁿ capped at max, scaled by 0.5 + random/2, reset once ASPUP is acknowledged", async (t) => {
    t.mock.timers.enable({ apis: ["setTimeout"] });
    const fake = new FakeTransport();
    const asp = new M3uaAsp({
      host: HOST,
      port: 1,
      transport: fake,
      heartbeatMs: 0,
      autoActivate: false,
      reconnect: { minMs: 100, maxMs: 5000 },
      random: () => 0.5, // factor 0.75
    });
    asp.start();
    assert.equal(fake.connects, 1);
    const expected = [75, 150, 300, 600, 1200, 2400, 3750, 3750];
    for (const delay of expected) {
      await flush();
      t.mock.timers.tick(delay - 1);
      const before: number = fake.connects;
      t.mock.timers.tick(1);
      assert.equal(fake.connects, before + 1, `reconnect after ${delay} ms`);
    }
    // Next attempt is accepted and brought up; then the link drops: the backoff starts over.
    fake.accept = true;
    await flush();
    t.mock.timers.tick(3750);
    await flush();
    assert.equal(asp.state, ASP.inactive);
    fake.accept = false;
    fake.drop();
    await flush();
    const before = fake.connects;
    t.mock.timers.tick(75);
    assert.equal(fake.connects, before + 1, "back to the first delay");
    await asp.stop();
  });
});

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** A transport that refuses connections, or accepts them and acknowledges ASPUP, under the test's control. */
class FakeTransport implements SigtranTransport {
  connects = 0;
  accept = false;

  connect(_host: string, _port: number, handlers: SigtranStreamHandlers): SigtranStream {
    this.connects++;
    const accept = this.accept;
    let closed = false;
    const close = (error?: Error) => {
      if (closed) return;
      closed = true;
      queueMicrotask(() => handlers.onClose(error));
    };
    const stream: SigtranStream = {
      remote: "fake",
      writableLength: 0,
      congested: false,
      get closed() {
        return closed;
      },
      write: (bytes) => {
        const m = decodeM3ua(bytes);
        if (isAspUp(m.messageClass, m.messageType)) {
          const ack = encodeM3ua({ messageClass: 3, messageType: M3uaAspsmMessage.aspUpAck, parameters: [] });
          queueMicrotask(() => handlers.onMessage(ack, 0, ack.length));
        }
        if (m.messageClass === 3 && m.messageType === M3uaAspsmMessage.aspDown) close();
        return true;
      },
      close: () => close(),
      destroy: (e) => close(e),
    };
    this.drop = () => close(new Error("link lost (fake)"));
    if (accept) queueMicrotask(() => handlers.onOpen?.());
    else close(new Error("connect ECONNREFUSED (fake)"));
    return stream;
  }

  drop: () => void = () => {};

  listen(): never {
    throw new Error("not used");
  }
}
