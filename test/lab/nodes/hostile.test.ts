/**
 * A simulated node sits on a live association: whatever a peer sends, it must neither throw nor put
 * anything malformed on the wire. Real dialogues of the lab world are mutated (bit flips, truncation, lying
 * lengths, inserted and deleted octets) and fed to the node they were for, in whatever state it is in.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeSccp } from "../../../src/codec/sccp/index.js";
import { decodeTcap } from "../../../src/codec/tcap/index.js";
import { HOME } from "../../../src/lab/network.js";
import {
  decodeSccpTcap,
  encodeSccpTcap,
  gtOf,
  type SccpTcapMessage,
  tcapBytes,
} from "../../../src/lab/nodes/index.js";
import { isOutboundRoamer, LabRandom } from "../../../src/lab/traffic.js";
import { labWorld, T0, UK } from "./harness.js";

function mutate(rnd: LabRandom, original: Uint8Array): Uint8Array {
  let b = Uint8Array.from(original);
  for (let n = 1 + rnd.int(3); n > 0; n--) {
    const at = b.length === 0 ? 0 : rnd.int(b.length);
    switch (rnd.int(7)) {
      case 0:
        if (b.length > 0) b[at]! ^= 1 << rnd.int(8);
        break;
      case 1:
        if (b.length > 0) b[at] = rnd.pick([0x00, 0x7f, 0x80, 0x81, 0x82, 0xff]);
        break;
      case 2:
        b = b.subarray(0, at);
        break;
      case 3:
        b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + 1)]);
        break;
      case 4:
        b = Uint8Array.from([...b.subarray(0, at), rnd.int(256), ...b.subarray(at)]);
        break;
      case 5: {
        // A length octet that lies: any octet after a tag-like one.
        if (b.length > 1) b[Math.min(at + 1, b.length - 1)] = rnd.int(256);
        break;
      }
      default: {
        const len = 1 + rnd.int(8);
        b = Uint8Array.from([
          ...b.subarray(0, at + len),
          ...b.subarray(at, at + len),
          ...b.subarray(at + len),
        ]);
      }
    }
  }
  return b;
}

/** Everything a node sends must survive SCCP and TCAP encoding and decode back. */
function checkWellFormed(out: readonly SccpTcapMessage[]): void {
  for (const m of out) {
    assert.ok(!(m.tcap instanceof Uint8Array));
    const sccp = encodeSccpTcap(m);
    if (sccp.length === 1) {
      const back = decodeSccpTcap(sccp[0]!);
      assert.ok(back);
      decodeTcap(tcapBytes(back));
      continue;
    }
    // Too big for a UDT: XUDT segments whose data, put together, is the TCAP message.
    const parts = sccp.map((b) => {
      const x = decodeSccp(b);
      assert.ok(!("other" in x) && x.messageType === 0x11);
      return b.subarray(x.dataStart, x.dataEnd);
    });
    assert.deepEqual(Buffer.concat(parts), Buffer.from(tcapBytes(m)));
    decodeTcap(Buffer.concat(parts));
  }
}

describe("simulated nodes under hostile input", () => {
  it("never throw on 20,000 mutated messages, send only well-formed ones, and keep working", () => {
    const w = labWorld();
    let t = T0;
    const step = (ms: SccpTcapMessage[]): void => {
      t += 500;
      w.router.send(ms, t);
    };
    const home = Array.from({ length: 60 }, (_, i) => i + 1).filter((i) => !isOutboundRoamer(i));
    const roam = Array.from({ length: 60 }, (_, i) => i + 1).filter((i) => isOutboundRoamer(i));
    for (const i of home.slice(0, 10)) {
      const r = w.db.byIndex(i)!;
      step(w.smsc.deliver(r.msisdn, `Code ${i}`, t).messages);
      step(w.nimbus.ati({ imsi: r.imsi }, t).messages);
      step(w.nimbus.psi(r.imsi, t).messages);
      step(w.uk.sri(r.msisdn, t).messages);
      step(w.uk.sendImsi(r.msisdn, t).messages);
      step(w.uk.sendAuthenticationInfo(r.imsi, t).messages);
      step(w.nimbus.insertSubscriberData(r.imsi, t, { msisdn: r.msisdn }).messages);
      step(w.nimbus.deleteSubscriberData(r.imsi, t).messages);
      step(w.nimbus.mtForwardSm(r.imsi, "hi", t).messages);
    }
    for (const i of home.slice(10, 15))
      step(w.uk.updateLocation(w.db.byIndex(i)!.imsi, t, { from: UK.vlr.gt }).messages);
    for (const i of roam.slice(0, 3)) step(w.msc.attach(w.db.byIndex(i)!.imsi, t));
    step(w.nimbus.cancelLocation(w.db.byIndex(home[20]!)!.imsi, t).messages);
    const corpus = w.router.log
      .filter((c) => !c.byRouter && w.router.nodeFor(gtOf(c.message.called) ?? "") !== undefined)
      .map((c) => c.message);
    assert.ok(corpus.length > 100);

    const rnd = new LabRandom(20_261_125);
    const nodes = [w.hlr, w.msc, w.smsc, w.uk, w.nimbus];
    for (let i = 0; i < 20_000; i++) {
      const base = rnd.pick(corpus);
      const node = w.router.nodeFor(gtOf(base.called)!)!;
      const input: SccpTcapMessage = {
        calling: base.calling,
        called: base.called,
        tcap: mutate(rnd, tcapBytes(base)),
      };
      if (rnd.int(20) === 0) input.returnCause = rnd.int(15);
      t += 1;
      checkWellFormed(node.handle(input, t));
      if (i % 2_000 === 0) for (const n of nodes) checkWellFormed(n.tick(t));
    }
    for (const n of nodes) {
      assert.ok(n.dialogueCount <= n.maxDialogues, n.name);
      assert.ok(n.stats.malformed > 0, n.name);
    }
    // Still a working network: once the dust settles, an SMS to a subscriber at home is delivered.
    t += 60_000;
    w.router.tick(t);
    const r = w.db.byIndex(home[30]!)!;
    w.db.updateLocation(r.imsi, HOME.vlr.gt, HOME.msc.gt, t);
    w.msc.register.set(r.imsi, {
      imsi: r.imsi,
      msisdn: r.msisdn,
      cell: { mcc: "310", mnc: "150", lac: 1, cellId: 1 },
      sinceMs: t,
    });
    const sms = w.smsc.deliver(r.msisdn, "still here", t);
    w.router.send(sms.messages, t);
    assert.equal(sms.delivery.state, "delivered", sms.delivery.failure);
  });
});
