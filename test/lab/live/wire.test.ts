/**
 * The live lab's wire helpers without sockets: a node message becomes M3UA DATA with the lab's routing
 * label (one per UDT, or per XUDT segment for a large one) and comes back whole, segments reassembled in
 * any order; a returned message becomes a UDTS; what is not SCCP unitdata is skipped, not thrown.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeM3ua, M3uaDataFields, m3uaData, readM3uaData } from "../../../src/codec/m3ua/index.js";
import { encodeTcap, type TcapMessageValue } from "../../../src/codec/tcap/index.js";
import { DataReader, encodeData, homeNodeOf, returned } from "../../../src/lab/live/wire.js";
import { FOREIGN, foreignOfGt } from "../../../src/lab/live/world.js";
import { HOME, KESTREL, NIMBUS, PARTNERS, Ssn } from "../../../src/lab/network.js";
import { addressOf, type SccpTcapMessage } from "../../../src/lab/nodes/index.js";

function message(parameterBytes: number): SccpTcapMessage {
  const tcap: TcapMessageValue = {
    type: "begin",
    otid: "0a0b0c0d",
    components: [
      {
        type: "invoke",
        invokeId: 1,
        opcode: { type: "local", value: 45 },
        parameter: Uint8Array.from([0x04, 0x81, parameterBytes, ...new Uint8Array(parameterBytes).fill(7)]),
      },
    ],
  };
  return { calling: addressOf(PARTNERS[1]!.smsc.gt, Ssn.msc), called: addressOf(HOME.hlr.gt, Ssn.hlr), tcap };
}

describe("live lab wire", () => {
  it("puts a small message in one DATA with the label and routing context, and reads it back", () => {
    const m = message(20);
    const [data, ...more] = encodeData(m, { opc: 210, dpc: 100, sls: 0x1d }, 102);
    assert.equal(more.length, 0);
    const f = new M3uaDataFields();
    assert.ok(readM3uaData(data!, 0, data!.length, f));
    assert.deepEqual([f.opc, f.dpc, f.si, f.ni, f.sls, f.routingContext], [210, 100, 3, 2, 0x0d, 102]);
    const r = new DataReader().read(data!, 0, data!.length, 0)!;
    assert.deepEqual(r.label, { opc: 210, dpc: 100, sls: 0x0d });
    assert.equal(r.message.called.gt?.digits, HOME.hlr.gt);
    assert.equal(r.message.calling.ssn, Ssn.msc);
    assert.deepEqual(r.message.tcap, Uint8Array.from(encodeTcap(m.tcap as TcapMessageValue)));
  });

  it("segments a large message into XUDTs and reassembles it, whatever the arrival order", () => {
    const m = message(240);
    const datas = encodeData(m, { opc: 100, dpc: 210, sls: 3 });
    assert.ok(datas.length >= 2, `${datas.length} segments`);
    const reader = new DataReader();
    const order = [...datas].reverse();
    const got = order.map((d) => reader.read(d, 0, d.length, 0));
    assert.ok(got.slice(0, -1).every((x) => x === undefined));
    assert.deepEqual(got.at(-1)!.message.tcap, Uint8Array.from(encodeTcap(m.tcap as TcapMessageValue)));
    assert.equal(reader.skipped, 0);
  });

  it("turns a returned message into a UDTS back to its sender, and never returns a returned one", () => {
    const back = returned(message(10), 1)!;
    assert.equal(back.called.gt?.digits, PARTNERS[1]!.smsc.gt);
    assert.equal(back.returnCause, 1);
    assert.equal(returned(back, 1), undefined);
    const [data] = encodeData(back, { opc: 100, dpc: 210, sls: 0 });
    assert.equal(new DataReader().read(data!, 0, data!.length, 0)!.message.returnCause, 1);
  });

  it("skips DATA that is not SCCP, and SCCP that does not decode", () => {
    const reader = new DataReader();
    const isup = encodeM3ua(
      m3uaData({ opc: 1, dpc: 2, si: 5, ni: 2, mp: 0, sls: 0 }, Uint8Array.of(1, 2, 3)),
    );
    const junk = encodeM3ua(
      m3uaData({ opc: 1, dpc: 2, si: 3, ni: 2, mp: 0, sls: 0 }, Uint8Array.of(0x09, 0xff)),
    );
    assert.equal(reader.read(isup, 0, isup.length, 0), undefined);
    assert.equal(reader.read(junk, 0, junk.length, 0), undefined);
    assert.equal(reader.skipped, 2);
  });

  it("knows who owns every GT: home nodes by subsystem, partners by range, lessees by sub-range", () => {
    assert.equal(homeNodeOf(addressOf(HOME.vlr.gt, Ssn.vlr)), HOME.vlr);
    assert.equal(homeNodeOf(addressOf(HOME.msc.gt, Ssn.msc)), HOME.msc);
    assert.equal(homeNodeOf(addressOf(PARTNERS[0]!.hlr.gt, Ssn.hlr)), undefined);
    assert.equal(foreignOfGt(NIMBUS.leases[3]!.gts[1]!.gt)?.name, NIMBUS.name);
    assert.equal(foreignOfGt(KESTREL.leases[0]!.gts[0]!.gt)?.name, KESTREL.name);
    assert.equal(foreignOfGt(PARTNERS[4]!.vlr.gt)?.name, PARTNERS[4]!.name);
    assert.equal(foreignOfGt(HOME.hlr.gt), undefined);
    // One point code and one routing context per foreign network, none shared.
    assert.equal(new Set(FOREIGN.map((f) => f.pc)).size, FOREIGN.length);
    assert.equal(new Set(FOREIGN.map((f) => f.rc)).size, FOREIGN.length);
  });
});
