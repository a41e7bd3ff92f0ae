/**
 * M3uaAsp against a scripted SGP (raw TCP, messages built with the codec): every SSNM message and NTFY it
 * must surface as an event with its RFC 4666 §3.4/§3.8 fields, BEAT echoed, and the SGP-initiated state
 * changes (unsolicited ASPIA ACK, ASPDN ACK) followed.
 */
import assert from "node:assert/strict";
import type { Socket } from "node:net";
import { afterEach, describe, it } from "node:test";
import {
  encodeM3ua,
  findM3uaParameter,
  M3uaAspsmMessage,
  M3uaAsptmMessage,
  M3uaErrorCode,
  M3uaManagementMessage,
  type M3uaMessage,
  M3uaMessageClass,
  type M3uaParameter,
  M3uaSsnmMessage,
} from "../../src/codec/m3ua/index.js";
import {
  AspState as ASP,
  type AspState,
  M3uaAsp,
  type M3uaCongestionEvent,
  type M3uaDestinationEvent,
  type M3uaNotifyEvent,
  type M3uaPeerErrorEvent,
  M3uaSgp,
  type M3uaUserPartUnavailableEvent,
} from "../../src/transport/index.js";
import { dataMessage, HOST, once, RawClient, RawPeer, until } from "./helpers.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const msg = (
  messageClass: number,
  messageType: number,
  parameters: M3uaParameter[] = [],
  bytes?: Uint8Array,
) => encodeM3ua({ messageClass, messageType, parameters, bytes });
const RC: M3uaParameter = { kind: "routingContext", routingContexts: [100] };
const APC = (...pcs: number[]): M3uaParameter => ({
  kind: "affectedPointCode",
  pointCodes: pcs.map((pointCode) => ({ mask: 0, pointCode })),
});

/** A scripted SGP: acknowledges ASPUP and ASPAC and remembers the socket so the test can push messages. */
async function scriptedSgp() {
  let socket: Socket | undefined;
  const peer = new RawPeer((m, s) => {
    socket = s;
    if (m.messageClass === M3uaMessageClass.aspsm && m.messageType === M3uaAspsmMessage.aspUp) {
      return [msg(M3uaMessageClass.aspsm, M3uaAspsmMessage.aspUpAck)];
    }
    if (m.messageClass === M3uaMessageClass.asptm && m.messageType === M3uaAsptmMessage.aspActive) {
      return [msg(M3uaMessageClass.asptm, M3uaAsptmMessage.aspActiveAck, [RC])];
    }
    return [];
  });
  const port = await peer.listen();
  cleanups.push(() => peer.close());
  const push = (...messages: Uint8Array[]) => {
    for (const m of messages) socket!.write(m);
  };
  return { peer, port, push };
}

function startAsp(port: number): M3uaAsp {
  const asp = new M3uaAsp({ host: HOST, port, routingContexts: [100], heartbeatMs: 0, ackTimeoutMs: 100 });
  cleanups.push(() => asp.stop());
  asp.start();
  return asp;
}

describe("M3uaAsp events from the SGP", () => {
  it("surfaces DUNA, DAVA, DRST, SCON and DUPU with their point codes and fields", async () => {
    const sgp = await scriptedSgp();
    const asp = startAsp(sgp.port);
    await once(asp, "state", (s: AspState) => s === ASP.active);
    const duna = once<[M3uaDestinationEvent]>(asp, "destinationUnavailable");
    const dava = once<[M3uaDestinationEvent]>(asp, "destinationAvailable");
    const drst = once<[M3uaDestinationEvent]>(asp, "destinationRestricted");
    const scon = once<[M3uaCongestionEvent]>(asp, "congestion");
    const dupu = once<[M3uaUserPartUnavailableEvent]>(asp, "userPartUnavailable");
    sgp.push(
      // RFC 4666 §3.4.1 DUNA with Network Appearance, Routing Context, two point codes and an INFO String.
      msg(M3uaMessageClass.ssnm, M3uaSsnmMessage.destinationUnavailable, [
        { kind: "networkAppearance", networkAppearance: 8 },
        RC,
        APC(0x1234, 0x2345),
        { kind: "infoString", infoString: "link set down" },
      ]),
      msg(M3uaMessageClass.ssnm, M3uaSsnmMessage.destinationAvailable, [RC, APC(0x1234)]),
      msg(M3uaMessageClass.ssnm, M3uaSsnmMessage.destinationRestricted, [APC(0x2345)]),
      // §3.4.4 SCON: Concerned Destination and Congestion Level 2.
      msg(M3uaMessageClass.ssnm, M3uaSsnmMessage.signallingCongestion, [
        RC,
        APC(0x3456),
        { kind: "concernedDestination", pointCode: 0x0777 },
        { kind: "congestionIndications", congestionLevel: 2 },
      ]),
      // §3.4.5 DUPU: SCCP (3) unavailable, cause 2 (inaccessible remote user).
      msg(M3uaMessageClass.ssnm, M3uaSsnmMessage.destinationUserPartUnavailable, [
        RC,
        APC(0x4567),
        { kind: "userCause", cause: 2, user: 3 },
      ]),
    );
    const [[u], [a], [r], [c], [p]] = await Promise.all([duna, dava, drst, scon, dupu]);
    assert.deepEqual(u, {
      pointCodes: [
        { mask: 0, pointCode: 0x1234 },
        { mask: 0, pointCode: 0x2345 },
      ],
      routingContexts: [100],
      networkAppearance: 8,
      infoString: "link set down",
    });
    assert.deepEqual(a.pointCodes, [{ mask: 0, pointCode: 0x1234 }]);
    assert.deepEqual(r, { pointCodes: [{ mask: 0, pointCode: 0x2345 }], routingContexts: [] });
    assert.equal(c.concernedDestination, 0x0777);
    assert.equal(c.congestionLevel, 2);
    assert.deepEqual([p.cause, p.user, p.pointCodes[0]?.pointCode], [2, 3, 0x4567]);
  });

  it("surfaces NTFY and ERR, echoes BEAT, and follows an unsolicited ASPIA ACK and ASPDN ACK", async () => {
    const sgp = await scriptedSgp();
    const asp = startAsp(sgp.port);
    await once(asp, "state", (s: AspState) => s === ASP.active);

    const notify = once<[M3uaNotifyEvent]>(asp, "notify");
    sgp.push(
      msg(M3uaMessageClass.management, M3uaManagementMessage.notify, [
        RC,
        { kind: "status", statusType: 2, statusInformation: 3 },
        { kind: "aspIdentifier", aspIdentifier: 42 },
      ]),
    );
    const [n] = await notify;
    assert.deepEqual(n, {
      statusType: 2,
      statusInformation: 3,
      status: "asp-failure",
      routingContexts: [100],
      aspIdentifier: 42,
    });

    const error = once<[M3uaPeerErrorEvent]>(asp, "peerError");
    const diag = Buffer.from("0123456789", "latin1");
    sgp.push(
      msg(
        M3uaMessageClass.management,
        M3uaManagementMessage.error,
        [
          { kind: "errorCode", errorCode: M3uaErrorCode.destinationStatusUnknown },
          APC(0x99),
          { kind: "diagnosticInformation", start: 2, end: 6 },
        ],
        diag,
      ),
    );
    const [e] = await error;
    assert.equal(e.errorCode, M3uaErrorCode.destinationStatusUnknown);
    assert.deepEqual(e.affectedPointCodes, [{ mask: 0, pointCode: 0x99 }]);
    assert.deepEqual(Buffer.from(e.diagnostic!), Buffer.from("2345"));
    assert.equal(asp.state, ASP.active, "an ERR alone changes no state");

    // RFC 4666 §3.5.6: BEAT ACK carries the BEAT's Heartbeat Data unchanged (any length).
    const hb = Buffer.from("opaque heartbeat payload!");
    sgp.push(
      msg(
        M3uaMessageClass.aspsm,
        M3uaAspsmMessage.heartbeat,
        [{ kind: "heartbeatData", start: 0, end: hb.length }],
        hb,
      ),
    );
    await until(() => received(sgp.peer.received, M3uaAspsmMessage.heartbeatAck).length === 1);
    const ack = received(sgp.peer.received, M3uaAspsmMessage.heartbeatAck)[0]!;
    const d = findM3uaParameter(ack, "heartbeatData")!;
    assert.deepEqual(Buffer.from(ack.bytes!.subarray(d.start, d.end)), hb);

    // §4.3.4.4: an ASPIA ACK the ASP did not ask for takes it out of traffic.
    sgp.push(msg(M3uaMessageClass.asptm, M3uaAsptmMessage.aspInactiveAck, [RC]));
    await once(asp, "state", (s: AspState) => s === ASP.inactive);
    assert.equal(asp.sendData(msg(1, 1, [])), false);
    // §4.3.4.2: an unsolicited ASPDN ACK: the ASP is down and comes up again with a new ASPUP.
    const ups = received(sgp.peer.received, M3uaAspsmMessage.aspUp).length;
    sgp.push(msg(M3uaMessageClass.aspsm, M3uaAspsmMessage.aspDownAck));
    await once(asp, "state", (s: AspState) => s === ASP.down);
    await until(() => asp.state === ASP.active, 3000, "up and active again");
    assert.equal(received(sgp.peer.received, M3uaAspsmMessage.aspUp).length, ups + 1);
  });

  it("answers messages only an ASP sends, and DATA while not active, with ERR Unexpected Message", async () => {
    const sgp = await scriptedSgp();
    const asp = startAsp(sgp.port);
    await once(asp, "state", (s: AspState) => s === ASP.active);
    const errors: Error[] = [];
    asp.on("protocolError", (e) => errors.push(e));
    sgp.push(
      msg(M3uaMessageClass.aspsm, M3uaAspsmMessage.aspUp),
      msg(M3uaMessageClass.asptm, M3uaAsptmMessage.aspActive),
      msg(M3uaMessageClass.ssnm, M3uaSsnmMessage.destinationStateAudit, [APC(1)]),
    );
    await until(() => errors.length === 3);
    assert.equal(asp.state, ASP.active);
    let data = 0;
    asp.on("data", () => data++);
    sgp.push(msg(M3uaMessageClass.asptm, M3uaAsptmMessage.aspInactiveAck, [RC]));
    await once(asp, "state", (s: AspState) => s === ASP.inactive);
    sgp.push(dataMessage(1, 100, "while-inactive"));
    await until(() => errors.length === 4);
    assert.equal(data, 0);
    // The ASP reports an ERR when it sends it; the scripted SGP has it a moment later.
    const errsOf = () => sgp.peer.received.filter((m) => m.messageClass === 0 && m.messageType === 0);
    await until(() => errsOf().length === 4);
    const errs = errsOf();
    assert.deepEqual(
      errs.map((m) => findM3uaParameter(m, "errorCode")?.errorCode),
      Array(4).fill(M3uaErrorCode.unexpectedMessage),
    );
  });
});

describe("M3uaAsp stop() against a silent SGP", () => {
  it("gives up on unanswered ASPIA and ASPDN after ackTimeoutMs each and closes, even mid-deactivate", async () => {
    const sgp = await scriptedSgp(); // acknowledges ASPUP and ASPAC only
    const asp = startAsp(sgp.port);
    await once(asp, "state", (s: AspState) => s === ASP.active);
    assert.equal(asp.deactivate(), true);
    const t0 = Date.now();
    await asp.stop();
    const took = Date.now() - t0;
    assert.ok(took >= 190 && took < 1500, `stop() took ${took} ms with ackTimeoutMs 100`);
    assert.equal(asp.state, ASP.down);
    assert.equal(asp.connected, false);
    const types = sgp.peer.received.map((m) => `${m.messageClass}/${m.messageType}`);
    // ASPIA (4/2) from deactivate and again from stop, then ASPDN (3/2).
    assert.deepEqual(types.slice(-3), ["4/2", "4/2", "3/2"]);
  });
});

describe("M3uaSgp protecting itself", () => {
  it("drops an ASP that stops answering its BEATs", async () => {
    const sgp = new M3uaSgp({
      applicationServers: [{ routingContext: 100 }],
      heartbeatMs: 40,
      heartbeatTimeoutMs: 60,
    });
    const port = await sgp.listen(HOST, 0);
    cleanups.push(() => sgp.close());
    const c = await RawClient.connect(port);
    cleanups.push(() => c.close());
    c.send(msg(M3uaMessageClass.aspsm, M3uaAspsmMessage.aspUp));
    const [, error] = await once<[number, Error | undefined]>(sgp, "close", () => true, 2000);
    assert.match(String(error), /no BEAT ACK within 60 ms/);
    assert.ok(c.names().includes("BEAT"));
    await until(() => c.closed);
    assert.equal(sgp.asState(100), "AS-DOWN");
  });

  it("ASPUP from an ASP-ACTIVE ASP: ASPUP ACK, ERR Unexpected Message, and the ASP is out of its AS", async () => {
    const sgp = new M3uaSgp({ applicationServers: [{ routingContext: 100 }], recoveryMs: 0 });
    const port = await sgp.listen(HOST, 0);
    cleanups.push(() => sgp.close());
    const c = await RawClient.connect(port);
    cleanups.push(() => c.close());
    c.send(
      msg(M3uaMessageClass.aspsm, M3uaAspsmMessage.aspUp),
      msg(M3uaMessageClass.asptm, M3uaAsptmMessage.aspActive, [RC]),
    );
    await c.expect("ASPAC ACK");
    assert.equal(sgp.asState(100), "AS-ACTIVE");
    c.send(msg(M3uaMessageClass.aspsm, M3uaAspsmMessage.aspUp));
    await c.expect("ASPUP ACK", 1);
    const err = await c.expect("ERR");
    assert.equal(findM3uaParameter(err, "errorCode")?.errorCode, M3uaErrorCode.unexpectedMessage);
    assert.equal(sgp.asState(100), "AS-INACTIVE");
    assert.equal(sgp.asps()[0]?.state, ASP.inactive);
    // §4.3.4.5: the AS change reaches the ASP as NTFY AS-INACTIVE.
    await until(() => c.received.filter((m) => m.messageClass === 0 && m.messageType === 1).length === 3);
    const last = c.received.filter((m) => m.messageClass === 0 && m.messageType === 1).at(-1)!;
    assert.deepEqual(findM3uaParameter(last, "status"), {
      kind: "status",
      statusType: 1,
      statusInformation: 2,
    });
  });
});

function received(list: M3uaMessage[], aspsmType: number): M3uaMessage[] {
  return list.filter((m) => m.messageClass === M3uaMessageClass.aspsm && m.messageType === aspsmType);
}
