/**
 * What a transport uses around the nodes: SCCP in and out (src/lab/nodes/wire.ts), the SMS-DELIVER reader
 * (sms.ts) and the subscriber register (subscribers.ts).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SctpPpid } from "../../../src/codec/capture/index.js";
import { encodeM3ua, m3uaData } from "../../../src/codec/m3ua/index.js";
import { StackDecoder } from "../../../src/codec/stack/decoder.js";
import { decodeTcap } from "../../../src/codec/tcap/index.js";
import { HOME, PARTNERS, Ssn } from "../../../src/lab/network.js";
import {
  addressOf,
  decodeSccpTcap,
  encodeSccpTcap,
  ForeignNetwork,
  Hlr,
  MAX_SUBSCRIBERS,
  readSmsDeliver,
  SubscriberDb,
  tcapBytes,
} from "../../../src/lab/nodes/index.js";
import {
  homeSubscriberLocation,
  isOutboundRoamer,
  smsDeliverTpdu,
  subscriber,
} from "../../../src/lab/traffic.js";
import { sctpRecord } from "../../codec/stack/harness.js";
import { T0 } from "./harness.js";

describe("SCCP around the nodes", () => {
  it("carries a node's message in a UDT and hands it back as the node's input", () => {
    const fn = ForeignNetwork.partner(PARTNERS[0]!);
    const m = fn.sriSm(subscriber(HOME, 4).msisdn, T0).messages[0]!;
    const sccp = encodeSccpTcap(m);
    assert.equal(sccp.length, 1);
    assert.equal(sccp[0]![0], 0x09, "UDT");
    const back = decodeSccpTcap(sccp[0]!)!;
    assert.equal(back.called.gt?.digits, HOME.hlr.gt);
    assert.equal(back.called.ssn, Ssn.hlr);
    assert.equal(back.calling.gt?.digits, PARTNERS[0]!.smsc.gt);
    assert.equal(back.returnCause, undefined);
    assert.deepEqual(Buffer.from(tcapBytes(back)), Buffer.from(tcapBytes(m)));
    // …and the HLR answers it as it came off the wire.
    const out = new Hlr().handle(back, T0);
    assert.equal(decodeTcap(tcapBytes(out[0]!)).type, "end");
  });

  it("carries a returned message as a UDTS, which the sender reads as 'returned'", () => {
    const fn = ForeignNetwork.partner(PARTNERS[0]!);
    const sent = fn.sriSm(subscriber(HOME, 4).msisdn, T0);
    const m = sent.messages[0]!;
    const udts = encodeSccpTcap({ calling: m.called, called: m.calling, tcap: m.tcap, returnCause: 3 });
    assert.equal(udts[0]![0], 0x0a, "UDTS");
    const back = decodeSccpTcap(udts[0]!)!;
    assert.equal(back.returnCause, 3);
    assert.deepEqual(fn.handle(back, T0), []);
    assert.deepEqual(sent.exchange.outcome, { type: "returned", returnCause: 3 });
  });

  it("segments a message too big for a UDT into XUDTs the stack decoder puts back together", () => {
    // sendAuthenticationInfo with five quintuplets: about 400 octets of TCAP.
    const hlr = new Hlr();
    const begin = ForeignNetwork.partner(PARTNERS[1]!).sendAuthenticationInfo(subscriber(HOME, 4).imsi, T0)
      .messages[0]!;
    // Ask for five vectors: rewrite the request's argument.
    const fiveVectors = {
      ...begin,
      tcap: {
        type: "begin" as const,
        otid: "01020304",
        dialogue: { type: "aarq" as const, protocolVersion: "0780", applicationContext: "0.4.0.0.1.0.14.3" },
        components: [
          {
            type: "invoke" as const,
            invokeId: 1,
            opcode: { type: "local" as const, value: 56 },
            // SendAuthenticationInfoArg { imsi [0], numberOfRequestedVectors 5 }
            parameter: Uint8Array.from([
              0x30,
              0x0d,
              0x80,
              0x08,
              ...Buffer.from(
                subscriber(HOME, 4)
                  .imsi.padEnd(16, "f")
                  .replace(/(.)(.)/g, "$2$1"),
                "hex",
              ),
              0x02,
              0x01,
              0x05,
            ]),
          },
        ],
      },
    };
    const answer = hlr.handle(fiveVectors, T0)[0]!;
    assert.ok(tcapBytes(answer).length > 255);
    const segments = encodeSccpTcap(answer, { localReference: 0x123456 });
    assert.ok(segments.length >= 2);
    const decoder = new StackDecoder();
    const problems: unknown[] = [];
    const out = segments.flatMap((sccp, i) =>
      decoder.decode(
        sctpRecord(
          encodeM3ua(m3uaData({ opc: 100, dpc: 211, si: 3, ni: 2, mp: 0, sls: 0 }, sccp)),
          SctpPpid.m3ua,
          i + 1,
        ),
        (p) => problems.push(p),
      ),
    );
    assert.deepEqual(problems, []);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.sccp.reassembled, true);
    const result = out[0]!.components[0]!.result as { quintupletList: unknown[] };
    assert.equal(result.quintupletList.length, 5);
  });

  it("passes a segment that is not a whole message back as undefined", () => {
    const segments = encodeSccpTcap(
      {
        calling: addressOf(HOME.hlr.gt, 6),
        called: addressOf(HOME.vlr.gt, 7),
        tcap: new Uint8Array(300).fill(1),
      },
      { localReference: 1 },
    );
    assert.ok(segments.length > 1);
    for (const s of segments) assert.equal(decodeSccpTcap(s), undefined);
  });
});

describe("SMS-DELIVER reader", () => {
  it("reads the originator and text of the lab's own TPDUs", () => {
    const text = "Your code is 482913 {ok} €5";
    assert.deepEqual(readSmsDeliver(smsDeliverTpdu("447785000300", text, T0 * 1e6)), {
      originator: "447785000300",
      text,
    });
    assert.deepEqual(readSmsDeliver(smsDeliverTpdu("12345", "odd", T0 * 1e6)), {
      originator: "12345",
      text: "odd",
    });
  });

  it("reads UCS2 and alphanumeric senders, and gives up quietly on the rest", () => {
    // TP-MTI 0, OA "BANK" alphanumeric (7 semi-octets), PID 0, DCS 0x08 (UCS2), SCTS, UDL 4, "Hé".
    const oa = [0x07, 0xd0, 0xc2, 0xa0, 0x73, 0x09];
    const ucs2 = Uint8Array.from([
      0x04,
      ...oa,
      0x00,
      0x08,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0x04,
      0x00,
      0x48,
      0x00,
      0xe9,
    ]);
    assert.deepEqual(readSmsDeliver(ucs2), { originator: "BANK", text: "Hé" });
    assert.equal(readSmsDeliver(Uint8Array.of(0x01, 0x00)), undefined, "SMS-SUBMIT");
    assert.equal(readSmsDeliver(Uint8Array.of(0x04, 0x0b, 0x91)), undefined, "cut short");
  });
});

describe("subscriber register", () => {
  it("derives its subscribers and their serving nodes from the lab world, by IMSI and by MSISDN", () => {
    const db = new SubscriberDb({ count: 300, nowMs: T0 });
    assert.equal(db.size, 300);
    for (let i = 1; i <= 300; i++) {
      const s = subscriber(HOME, i);
      const r = db.byImsi(s.imsi)!;
      assert.equal(db.byMsisdn(s.msisdn), r);
      assert.equal(db.byIndex(i), r);
      assert.equal(r.vlrNumber, homeSubscriberLocation(i).vlr.gt);
      assert.equal(r.updatedAtMs, T0);
    }
    const roamers = [...db].filter((r) => isOutboundRoamer(r.index)).length;
    assert.ok(roamers > 10 && roamers < 60, `${roamers} roamers in 300`);
    assert.equal(db.servedBy(HOME.vlr.gt).length, 300 - roamers);
    assert.equal(db.byImsi(subscriber(HOME, 301).imsi), undefined);
    assert.equal(db.byMsisdn(subscriber(PARTNERS[2]!, 5).msisdn), undefined);
  });

  it("moves a subscriber on updateLocation and honours purgeMS only from the serving VLR", () => {
    const db = new SubscriberDb({ count: 10 });
    const r = db.byIndex(2)!;
    const to = PARTNERS[5]!;
    const change = db.updateLocation(r.imsi, to.vlr.gt, to.msc.gt, 1_000)!;
    assert.equal(change.moved, true);
    assert.equal(change.previousVlr, homeSubscriberLocation(2).vlr.gt);
    assert.equal(r.mscNumber, to.msc.gt);
    assert.equal(db.updateLocation(r.imsi, to.vlr.gt, to.msc.gt, 2_000)!.moved, false);
    assert.equal(db.purge(r.imsi, HOME.vlr.gt, 3_000), false);
    assert.equal(r.purged, false);
    assert.equal(db.purge(r.imsi, to.vlr.gt, 3_000), true);
    assert.equal(r.purged, true);
    db.updateLocation(r.imsi, to.vlr.gt, to.msc.gt, 4_000);
    assert.equal(r.purged, false);
    assert.equal(db.updateLocation(subscriber(HOME, 99).imsi, "1", "1", 0), undefined);
  });

  it("has 5,000 subscribers by default and refuses counts the lab's numbering cannot hold", () => {
    assert.equal(new SubscriberDb().size, 5_000);
    assert.throws(() => new SubscriberDb({ count: 0 }), RangeError);
    assert.throws(() => new SubscriberDb({ count: MAX_SUBSCRIBERS + 1 }), RangeError);
  });
});
