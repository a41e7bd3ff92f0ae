/**
 * M3uaAsp against M3uaSgp over loopback TCP: the RFC 4666 §4.3 state machines (bring-up, traffic, override
 * and loadshare, tear-down, AS-PENDING), SSNM (DAUD, DUNA/DAVA), and the errors the SGP answers with.
 * Every message either side writes or receives is decoded with `decodeM3ua` (RecordingTransport) and its
 * RFC 4666 §3.5-§3.8 fields are asserted, not just the state the objects report.
 */
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { fromHex } from "../../src/codec/bytes.js";
import {
  encodeM3ua,
  findM3uaParameter,
  M3uaAspsmMessage,
  M3uaAsptmMessage,
  M3uaDataFields,
  M3uaErrorCode,
  type M3uaMessage,
  M3uaMessageClass,
  M3uaSsnmMessage,
  readM3uaData,
} from "../../src/codec/m3ua/index.js";
import {
  AsState as AS,
  AspState as ASP,
  type AspState,
  type AsState,
  M3uaAsp,
  type M3uaAspOptions,
  type M3uaDestinationEvent,
  type M3uaNotifyEvent,
  type M3uaPeerErrorEvent,
  M3uaSgp,
  type M3uaSgpOptions,
} from "../../src/transport/index.js";
import { dataMessage, HOST, once, RawClient, RecordingTransport, sleep, until } from "./helpers.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface SgpFixture {
  sgp: M3uaSgp;
  port: number;
  wire: RecordingTransport;
  asStates: [number, AsState][];
  aspStates: [number, AspState][];
}

async function startSgp(options: Partial<M3uaSgpOptions> = {}): Promise<SgpFixture> {
  const wire = new RecordingTransport();
  const sgp = new M3uaSgp({ transport: wire, applicationServers: [{ routingContext: 100 }], ...options });
  const asStates: [number, AsState][] = [];
  const aspStates: [number, AspState][] = [];
  sgp.on("asState", (rc, s) => asStates.push([rc, s]));
  sgp.on("aspState", (id, s) => aspStates.push([id, s]));
  const port = await sgp.listen(HOST, 0);
  cleanups.push(() => sgp.close());
  return { sgp, port, wire, asStates, aspStates };
}

interface AspFixture {
  asp: M3uaAsp;
  wire: RecordingTransport;
  states: AspState[];
  notifies: M3uaNotifyEvent[];
  errors: M3uaPeerErrorEvent[];
}

function makeAsp(port: number, options: Partial<M3uaAspOptions> = {}): AspFixture {
  const wire = new RecordingTransport();
  const asp = new M3uaAsp({
    host: HOST,
    port,
    transport: wire,
    routingContexts: [100],
    heartbeatMs: 0,
    ackTimeoutMs: 200,
    random: () => 0.5,
    ...options,
  });
  const f: AspFixture = { asp, wire, states: [], notifies: [], errors: [] };
  asp.on("state", (s) => f.states.push(s));
  asp.on("notify", (n) => f.notifies.push(n));
  asp.on("peerError", (e) => f.errors.push(e));
  cleanups.push(() => asp.stop());
  return f;
}

async function active(f: AspFixture): Promise<void> {
  f.asp.start();
  if (f.asp.state !== ASP.active) await once(f.asp, "state", (s: AspState) => s === ASP.active);
}

function param<K extends M3uaMessage["parameters"][number]["kind"]>(m: M3uaMessage | undefined, kind: K) {
  assert.ok(m, "message decoded");
  return findM3uaParameter(m, kind);
}

const fields = new M3uaDataFields();
function label(bytes: Uint8Array, start: number, end: number) {
  assert.equal(readM3uaData(bytes, start, end, fields), true);
  return { opc: fields.opc, dpc: fields.dpc, sls: fields.sls, rc: fields.routingContext };
}

describe("M3uaAsp ↔ M3uaSgp", () => {
  it("brings an ASP to ASP-ACTIVE and its AS to AS-ACTIVE with the RFC 4666 §4.3.4 exchange", async () => {
    const s = await startSgp();
    const a = makeAsp(s.port, { aspIdentifier: 7, infoString: "core-stp-a" });
    await active(a);
    await until(() => a.notifies.some((n) => n.status === AS.active), 3000, "NTFY AS-ACTIVE");

    assert.deepEqual(a.states, [ASP.inactive, ASP.active]);
    assert.deepEqual(s.asStates, [
      [100, AS.inactive],
      [100, AS.active],
    ]);
    assert.deepEqual(
      s.aspStates.map(([, st]) => st),
      [ASP.inactive, ASP.active],
    );
    assert.equal(s.sgp.asState(100), AS.active);
    const [info] = s.sgp.asps();
    assert.equal(info?.state, ASP.active);
    assert.equal(info?.aspIdentifier, 7);
    assert.deepEqual(info?.activeRoutingContexts, [100]);

    // What went over the wire, decoded.
    assert.deepEqual(a.wire.names("out"), ["ASPUP", "ASPAC"]);
    assert.deepEqual(a.wire.names("in"), ["ASPUP ACK", "NTFY", "ASPAC ACK", "NTFY"]);
    assert.deepEqual(s.wire.names("in"), a.wire.names("out"));
    assert.deepEqual(s.wire.names("out"), a.wire.names("in"));
    const [aspup] = a.wire.find("out", "ASPUP");
    assert.equal(param(aspup?.message, "aspIdentifier")?.aspIdentifier, 7); // §3.5.1
    assert.equal(param(aspup?.message, "infoString")?.infoString, "core-stp-a");
    const [aspac] = a.wire.find("out", "ASPAC");
    assert.equal(param(aspac?.message, "trafficModeType")?.trafficModeType, 1); // §3.7.1 override
    assert.deepEqual(param(aspac?.message, "routingContext")?.routingContexts, [100]);
    const [ack] = a.wire.find("in", "ASPAC ACK");
    assert.equal(param(ack?.message, "trafficModeType")?.trafficModeType, 1); // §3.7.2
    assert.deepEqual(param(ack?.message, "routingContext")?.routingContexts, [100]);
    const [ntfyInactive, ntfyActive] = a.wire.find("in", "NTFY");
    // §3.8.2: Status Type 1 (AS-State_Change), information 2 (AS-INACTIVE) then 3 (AS-ACTIVE).
    assert.deepEqual(param(ntfyInactive?.message, "status"), {
      kind: "status",
      statusType: 1,
      statusInformation: 2,
    });
    assert.deepEqual(param(ntfyActive?.message, "status"), {
      kind: "status",
      statusType: 1,
      statusInformation: 3,
    });
    assert.deepEqual(param(ntfyActive?.message, "routingContext")?.routingContexts, [100]);
    assert.deepEqual(
      a.notifies.map((n) => [n.status, n.routingContexts]),
      [
        [AS.inactive, [100]],
        [AS.active, [100]],
      ],
    );
  });

  it("carries DATA both ways byte for byte, in order, as views of the received messages", async () => {
    const s = await startSgp();
    const a = makeAsp(s.port);
    await active(a);
    const atSgp: Buffer[] = [];
    const atAsp: Buffer[] = [];
    s.sgp.on("data", (_id, bytes, start, end) => atSgp.push(Buffer.from(bytes.subarray(start, end))));
    a.asp.on("data", (bytes, start, end) => atAsp.push(Buffer.from(bytes.subarray(start, end))));

    const up = Array.from({ length: 300 }, (_, i) =>
      dataMessage(i & 0xff, 100, `up-${i}`.repeat(1 + (i % 7))),
    );
    const down = Array.from({ length: 300 }, (_, i) => dataMessage(i & 0xff, 100, `down-${i}`));
    for (const m of up) assert.equal(a.asp.sendData(m), true);
    const aspId = s.sgp.asps()[0]!.aspId;
    for (const [i, m] of down.entries()) {
      assert.equal(i % 2 === 0 ? s.sgp.sendToAs(100, m, i) : s.sgp.send(aspId, m), true);
    }
    await until(() => atSgp.length === up.length && atAsp.length === down.length, 3000, "all DATA");
    assert.deepEqual(atSgp, up);
    assert.deepEqual(atAsp, down);

    // Part of a larger buffer: only [start, end) is sent.
    const framed = Buffer.concat([
      Buffer.from([0xee, 0xee]),
      dataMessage(9, 100, "inner"),
      Buffer.from([0xee]),
    ]);
    a.asp.sendData(framed, 2, framed.length - 1);
    await until(() => atSgp.length === up.length + 1);
    assert.deepEqual(atSgp.at(-1), framed.subarray(2, framed.length - 1));
    const [first] = atSgp;
    assert.deepEqual(label(first!, 0, first!.length), { opc: 1001, dpc: 2002, sls: 0, rc: 100 });
  });

  it("tears down with ASPIA then ASPDN on stop(): AS-PENDING is skipped without T(r), then AS-INACTIVE, AS-DOWN", async () => {
    const s = await startSgp({ recoveryMs: 0 });
    const a = makeAsp(s.port);
    await active(a);
    const closed = once(s.sgp, "close");
    await a.asp.stop();
    await closed;
    assert.equal(a.asp.state, ASP.down);
    assert.deepEqual(a.states, [ASP.inactive, ASP.active, ASP.inactive, ASP.down]);
    assert.deepEqual(a.wire.names("out"), ["ASPUP", "ASPAC", "ASPIA", "ASPDN"]);
    // §4.3.4.5: the AS going AS-INACTIVE is announced to its ASP that is still up.
    assert.deepEqual(a.wire.names("in").slice(-3), ["ASPIA ACK", "NTFY", "ASPDN ACK"]);
    assert.equal(a.notifies.at(-1)?.status, AS.inactive);
    assert.deepEqual(
      param(a.wire.find("out", "ASPIA")[0]?.message, "routingContext")?.routingContexts,
      [100],
    );
    assert.deepEqual(
      s.asStates.map(([, st]) => st),
      [AS.inactive, AS.active, AS.inactive, AS.down],
    );
    assert.equal(a.asp.sendData(dataMessage(0, 100, "late")), false);
  });

  it("holds traffic for an AS-PENDING AS for T(r) and delivers it to the ASP that becomes active in time", async () => {
    const s = await startSgp({ recoveryMs: 300 });
    const a = makeAsp(s.port, { aspIdentifier: 1 });
    await active(a);
    a.asp.deactivate();
    await once(s.sgp, "asState", (_rc: number, st: AsState) => st === AS.pending);
    // §3.8.2: the ASP still up hears AS-PENDING (information 4).
    await until(() => a.notifies.some((n) => n.status === AS.pending));
    const queued = [dataMessage(1, 100, "q1"), dataMessage(2, 100, "q2")];
    for (const m of queued) assert.equal(s.sgp.sendToAs(100, m, 1), true);
    const got: Buffer[] = [];
    a.asp.on("data", (b, st, en) => got.push(Buffer.from(b.subarray(st, en))));
    assert.equal(a.asp.activate(), true);
    await until(() => got.length === 2, 3000, "queued DATA");
    assert.deepEqual(got, queued);
    assert.equal(s.sgp.asState(100), AS.active);

    // Without a takeover, T(r) expires: AS-INACTIVE, the queue is dropped.
    a.asp.deactivate();
    await once(s.sgp, "asState", (_rc: number, st: AsState) => st === AS.pending);
    assert.equal(s.sgp.sendToAs(100, dataMessage(3, 100, "lost"), 3), true);
    await once(s.sgp, "asState", (_rc: number, st: AsState) => st === AS.inactive, 2000);
    assert.equal(s.sgp.sendToAs(100, dataMessage(4, 100, "refused"), 4), false);
    a.asp.activate();
    await once(a.asp, "state", (st: AspState) => st === ASP.active);
    await sleep(30);
    assert.equal(got.length, 2, "nothing queued before T(r) expired was delivered");
  });

  it("override: a second ASP activating takes the traffic; the first gets NTFY Alternate ASP Active", async () => {
    const s = await startSgp();
    const a1 = makeAsp(s.port, { aspIdentifier: 1 });
    const a2 = makeAsp(s.port, { aspIdentifier: 2 });
    await active(a1);
    const got1: number[] = [];
    const got2: number[] = [];
    a1.asp.on("data", (b, st, en) => got1.push(label(b, st, en).sls));
    a2.asp.on("data", (b, st, en) => got2.push(label(b, st, en).sls));
    s.sgp.sendToAs(100, dataMessage(1, 100, "to-a1"), 1);
    await until(() => got1.length === 1);

    const takeover = once(a1.asp, "notify", (n: M3uaNotifyEvent) => n.status === "alternate-asp-active");
    await active(a2);
    const [ntfy] = await takeover;
    assert.equal(a1.asp.state, ASP.inactive);
    assert.deepEqual(ntfy.routingContexts, [100]);
    assert.equal(ntfy.aspIdentifier, 2, "NTFY names the ASP that took over");
    // §3.8.2: Status Type 2 (Other), information 2 (Alternate ASP Active).
    const alt = a1.wire.find("in", "NTFY").at(-1);
    assert.deepEqual(param(alt?.message, "status"), { kind: "status", statusType: 2, statusInformation: 2 });
    assert.equal(s.sgp.asState(100), AS.active);
    await until(() => a2.notifies.some((n) => n.status === AS.active), 3000, "NTFY AS-ACTIVE to the new ASP");

    for (let sls = 0; sls < 8; sls++)
      assert.equal(s.sgp.sendToAs(100, dataMessage(sls, 100, "to-a2"), sls), true);
    await until(() => got2.length === 8);
    assert.deepEqual(got1, [1], "the replaced ASP gets nothing more");
    assert.equal(a1.asp.sendData(dataMessage(0, 100, "x")), false, "an ASP-INACTIVE ASP cannot send DATA");
    assert.deepEqual(
      s.sgp
        .asps()
        .map((i) => [i.aspIdentifier, i.state])
        .sort(),
      [
        [1, ASP.inactive],
        [2, ASP.active],
      ],
    );
  });

  it("loadshare: every SLS maps to one ASP, stably, and both ASPs carry traffic", async () => {
    const s = await startSgp({ applicationServers: [{ routingContext: 200, trafficMode: "loadshare" }] });
    const a1 = makeAsp(s.port, { routingContexts: [200], trafficMode: "loadshare", aspIdentifier: 1 });
    const a2 = makeAsp(s.port, { routingContexts: [200], trafficMode: "loadshare", aspIdentifier: 2 });
    await active(a1);
    await active(a2);
    assert.ok(!a1.notifies.some((n) => n.status === "alternate-asp-active"));
    const owner = new Map<number, Set<string>>();
    const count = { a1: 0, a2: 0 };
    for (const [name, f] of [
      ["a1", a1],
      ["a2", a2],
    ] as const) {
      f.asp.on("data", (b, st, en) => {
        const sls = label(b, st, en).sls;
        count[name]++;
        if (!owner.has(sls)) owner.set(sls, new Set());
        owner.get(sls)!.add(name);
      });
    }
    for (let round = 0; round < 5; round++) {
      for (let sls = 0; sls < 16; sls++) s.sgp.sendToAs(200, dataMessage(sls, 200, `r${round}`), sls);
    }
    await until(() => count.a1 + count.a2 === 80, 3000, "80 messages");
    for (const [sls, names] of owner) assert.equal(names.size, 1, `SLS ${sls} went to ${[...names]}`);
    assert.equal(count.a1, 40);
    assert.equal(count.a2, 40);
    const [ack] = a2.wire.find("in", "ASPAC ACK");
    assert.equal(param(ack?.message, "trafficModeType")?.trafficModeType, 2); // §3.7.2 loadshare
  });

  it("answers DAUD with DAVA and DUNA according to isAvailable", async () => {
    const s = await startSgp({ isAvailable: (pc) => pc !== 3000 });
    const a = makeAsp(s.port);
    await active(a);
    const avail = once<[M3uaDestinationEvent]>(a.asp, "destinationAvailable");
    const unavail = once<[M3uaDestinationEvent]>(a.asp, "destinationUnavailable");
    assert.equal(a.asp.audit([2000, 3000, { mask: 3, pointCode: 4000 }]), true);
    const [[dava], [duna]] = await Promise.all([avail, unavail]);
    assert.deepEqual(dava.pointCodes, [
      { mask: 0, pointCode: 2000 },
      { mask: 3, pointCode: 4000 },
    ]);
    assert.deepEqual(duna.pointCodes, [{ mask: 0, pointCode: 3000 }]);
    assert.deepEqual(dava.routingContexts, [100]);
    // §3.4.3 DAUD: Routing Context and Affected Point Code as the ASP sent them.
    const [daud] = a.wire.find("out", "DAUD");
    assert.deepEqual(param(daud?.message, "routingContext")?.routingContexts, [100]);
    assert.equal(param(daud?.message, "affectedPointCode")?.pointCodes.length, 3);
    assert.deepEqual(s.wire.find("out", "DAVA").length + s.wire.find("out", "DUNA").length, 2);
  });

  it("broadcastUnavailable/broadcastAvailable reach every active ASP as events", async () => {
    const s = await startSgp({ applicationServers: [{ routingContext: 200, trafficMode: "loadshare" }] });
    const a1 = makeAsp(s.port, { routingContexts: [200], trafficMode: "loadshare" });
    const a2 = makeAsp(s.port, { routingContexts: [200], trafficMode: "loadshare" });
    const a3 = makeAsp(s.port, { routingContexts: [200], autoActivate: false });
    await active(a1);
    await active(a2);
    a3.asp.start();
    await once(a3.asp, "state", (st: AspState) => st === ASP.inactive);
    let a3Heard = 0;
    a3.asp.on("destinationUnavailable", () => a3Heard++);
    const heard = Promise.all(
      [a1, a2].map((f) => once<[M3uaDestinationEvent]>(f.asp, "destinationUnavailable")),
    );
    assert.equal(s.sgp.broadcastUnavailable([4001, 4002]), 2);
    for (const [event] of await heard) {
      assert.deepEqual(
        event.pointCodes.map((p) => p.pointCode),
        [4001, 4002],
      );
      assert.deepEqual(event.routingContexts, [200]);
    }
    const back = once<[M3uaDestinationEvent]>(a1.asp, "destinationAvailable");
    assert.equal(s.sgp.broadcastAvailable([4001]), 2);
    assert.deepEqual((await back)[0].pointCodes, [{ mask: 0, pointCode: 4001 }]);
    const [duna] = a1.wire.find("in", "DUNA");
    assert.equal(duna?.message?.messageClass, M3uaMessageClass.ssnm);
    assert.equal(duna?.message?.messageType, M3uaSsnmMessage.destinationUnavailable);
    await sleep(20);
    assert.equal(a3Heard, 0, "an ASP-INACTIVE ASP is not told");
  });

  it("answers DATA before ASPUP and before ASPAC with ERR Unexpected Message carrying the DATA as diagnostic", async () => {
    const s = await startSgp();
    let dataEvents = 0;
    s.sgp.on("data", () => dataEvents++);
    const c = await RawClient.connect(s.port);
    cleanups.push(() => c.close());
    const data = dataMessage(3, 100, "too-early");
    c.send(data);
    const err1 = await c.expect("ERR");
    assert.equal(findM3uaParameter(err1, "errorCode")?.errorCode, M3uaErrorCode.unexpectedMessage);
    const diag = findM3uaParameter(err1, "diagnosticInformation")!;
    assert.deepEqual(Buffer.from(err1.bytes!.subarray(diag.start, diag.end)), data.subarray(0, 40));

    c.send(
      encodeM3ua({
        messageClass: M3uaMessageClass.aspsm,
        messageType: M3uaAspsmMessage.aspUp,
        parameters: [],
      }),
    );
    await c.expect("ASPUP ACK");
    c.send(data);
    const err2 = await c.expect("ERR", 1);
    assert.equal(findM3uaParameter(err2, "errorCode")?.errorCode, M3uaErrorCode.unexpectedMessage);
    assert.equal(dataEvents, 0);
    assert.equal(c.closed, false, "an unexpected message does not end the association");
  });

  it("refuses ASPAC for an unconfigured routing context with ERR Invalid Routing Context, once", async () => {
    const s = await startSgp();
    const a = makeAsp(s.port, { routingContexts: [999], ackTimeoutMs: 50 });
    a.asp.start();
    const [error] = await once<[M3uaPeerErrorEvent]>(a.asp, "peerError");
    assert.equal(error.errorCode, M3uaErrorCode.invalidRoutingContext);
    assert.deepEqual(error.routingContexts, [999]);
    await sleep(150);
    assert.equal(a.asp.state, ASP.inactive);
    assert.equal(a.wire.find("out", "ASPAC").length, 1, "a refused ASPAC is not resent");
    assert.equal(s.sgp.asState(100), AS.inactive);
    const [err] = a.wire.find("in", "ERR");
    assert.equal(param(err?.message, "errorCode")?.errorCode, 0x19); // §3.8.1 Invalid Routing Context
  });

  it("refuses a traffic mode the AS does not use, and ASPAC without Routing Context when several ASes exist", async () => {
    const s = await startSgp({
      applicationServers: [{ routingContext: 100 }, { routingContext: 200, trafficMode: "loadshare" }],
    });
    const a = makeAsp(s.port, { routingContexts: [100], trafficMode: "loadshare" });
    a.asp.start();
    const [e1] = await once<[M3uaPeerErrorEvent]>(a.asp, "peerError");
    assert.equal(e1.errorCode, M3uaErrorCode.unsupportedTrafficModeType);
    assert.deepEqual(e1.routingContexts, [100]);

    const b = makeAsp(s.port, { routingContexts: undefined });
    b.asp.start();
    const [e2] = await once<[M3uaPeerErrorEvent]>(b.asp, "peerError");
    assert.equal(e2.errorCode, M3uaErrorCode.missingParameter);
    assert.equal(s.sgp.asState(100), AS.inactive);
    assert.equal(s.sgp.asState(200), AS.inactive);
  });

  it("survives garbage from a peer: ERR and close for an unframeable stream, ERR for a malformed message", async () => {
    const s = await startSgp();
    const protocolErrors: Error[] = [];
    s.sgp.on("protocolError", (_id, e) => protocolErrors.push(e));
    const closes: (Error | undefined)[] = [];
    s.sgp.on("close", (_id, e) => closes.push(e));

    const junk = await RawClient.connect(s.port);
    cleanups.push(() => junk.close());
    junk.socket.write(Buffer.from("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not M3UA at all", "latin1"));
    const err = await junk.expect("ERR");
    assert.equal(findM3uaParameter(err, "errorCode")?.errorCode, M3uaErrorCode.invalidVersion);
    await until(() => junk.closed && closes.length === 1, 3000, "hang-up");
    assert.match(String(closes[0]), /version 22/);

    // Framed correctly, but the ASP Identifier parameter has 2 octets instead of 4: ERR, association kept.
    const bad = await RawClient.connect(s.port);
    cleanups.push(() => bad.close());
    bad.send(fromHex("01 00 03 01 00000010 0011 0006 0001 0000"));
    const perr = await bad.expect("ERR");
    assert.equal(findM3uaParameter(perr, "errorCode")?.errorCode, M3uaErrorCode.parameterFieldError);
    // Unknown class (RFC 4666 §3.1.2: 5-8 belong to other adaptation layers) and RKM: Unsupported Message Class.
    bad.send(fromHex("01 00 07 01 00000008"), fromHex("01 00 09 01 00000008"));
    const c1 = await bad.expect("ERR", 1);
    const c2 = await bad.expect("ERR", 2);
    assert.equal(findM3uaParameter(c1, "errorCode")?.errorCode, M3uaErrorCode.unsupportedMessageClass);
    assert.equal(findM3uaParameter(c2, "errorCode")?.errorCode, M3uaErrorCode.unsupportedMessageClass);
    // An ACK an ASP should never send: Unexpected Message.
    bad.send(
      encodeM3ua({
        messageClass: M3uaMessageClass.asptm,
        messageType: M3uaAsptmMessage.aspActiveAck,
        parameters: [],
      }),
    );
    const c3 = await bad.expect("ERR", 3);
    assert.equal(findM3uaParameter(c3, "errorCode")?.errorCode, M3uaErrorCode.unexpectedMessage);
    assert.equal(bad.closed, false);
    assert.equal(protocolErrors.length, 4);

    // And the SGP still serves a well-behaved ASP.
    const a = makeAsp(s.port);
    await active(a);
  });

  it("an ASP survives garbage from its SGP: ERR back, hang-up, reconnection", async () => {
    const { RawPeer } = await import("./helpers.js");
    let connections = 0;
    const peer = new RawPeer((m, socket) => {
      if (m.messageClass === M3uaMessageClass.aspsm && m.messageType === M3uaAspsmMessage.aspUp) {
        connections++;
        socket.write(Buffer.from("HTTP/1.1 400 Bad Request\r\n\r\n"));
      }
      return [];
    });
    const port = await peer.listen();
    cleanups.push(() => peer.close());
    const a = makeAsp(port, { reconnect: { minMs: 10, maxMs: 40 } });
    const disconnects: (Error | undefined)[] = [];
    a.asp.on("disconnect", (e) => disconnects.push(e));
    a.asp.start();
    await until(() => connections >= 3, 3000, "three connections");
    assert.match(String(disconnects[0]), /version 72/);
    assert.ok(
      peer.received.some((m) => m.messageClass === 0 && m.messageType === 0),
      "the ASP sent ERR",
    );
    assert.equal(a.asp.state, ASP.down);
  });

  it("answers the SGP's BEAT with a BEAT ACK echoing its Heartbeat Data", async () => {
    const s = await startSgp({ heartbeatMs: 30, heartbeatTimeoutMs: 200 });
    const a = makeAsp(s.port);
    await active(a);
    await until(() => s.wire.find("in", "BEAT ACK").length >= 3, 3000, "three BEAT ACKs");
    const beats = s.wire.find("out", "BEAT");
    const acks = s.wire.find("in", "BEAT ACK");
    for (let i = 0; i < 3; i++) {
      const d = param(beats[i]?.message, "heartbeatData")!;
      const e = param(acks[i]?.message, "heartbeatData")!;
      // §3.5.6: the ACK's Heartbeat Data is the BEAT's, unchanged.
      assert.deepEqual(acks[i]!.bytes.subarray(e.start, e.end), beats[i]!.bytes.subarray(d.start, d.end));
    }
    assert.equal(s.sgp.asps().length, 1);
    assert.equal(a.asp.state, ASP.active);
  });
});
