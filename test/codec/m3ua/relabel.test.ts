import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  decodeM3ua,
  encodeM3ua,
  M3uaDataFields,
  m3uaData,
  readM3uaData,
  setRoutingContextInPlace,
  withRoutingContext,
} from "../../../src/codec/m3ua/index.js";

describe("withRoutingContext", () => {
  it("sets, inserts or removes the Routing Context and leaves the label and Protocol Data as they were", () => {
    fc.assert(
      fc.property(
        fc.record({
          opc: fc.integer({ min: 0, max: 0xffffff }),
          dpc: fc.integer({ min: 0, max: 0xffffff }),
          sls: fc.integer({ min: 0, max: 255 }),
          na: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
          rc: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
          corr: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
          data: fc.uint8Array({ minLength: 1, maxLength: 300 }),
          newRc: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
          pad: fc.integer({ min: 0, max: 9 }),
        }),
        (v) => {
          const original = encodeM3ua(
            m3uaData({ opc: v.opc, dpc: v.dpc, si: 3, ni: 2, mp: 0, sls: v.sls }, v.data, {
              ...(v.na !== undefined ? { networkAppearance: v.na } : {}),
              ...(v.rc !== undefined ? { routingContext: v.rc } : {}),
              ...(v.corr !== undefined ? { correlationId: v.corr } : {}),
            }),
          );
          // The message sits inside a larger buffer, as a framer's view would.
          const host = new Uint8Array(original.length + 2 * v.pad);
          host.set(original, v.pad);
          const out = withRoutingContext(host, v.pad, v.pad + original.length, v.newRc);
          const f = new M3uaDataFields();
          assert.ok(readM3uaData(out, 0, out.length, f));
          assert.deepEqual([f.opc, f.dpc, f.sls, f.si, f.ni], [v.opc, v.dpc, v.sls, 3, 2]);
          assert.equal(f.routingContext, v.newRc ?? -1);
          assert.equal(f.networkAppearance, v.na ?? -1);
          assert.equal(f.correlationId, v.corr ?? -1);
          assert.deepEqual(out.subarray(f.dataStart, f.dataEnd), v.data);
          // Equal to encoding the same DATA with the new RC from scratch: parameter order and lengths too.
          const expected = encodeM3ua(
            m3uaData({ opc: v.opc, dpc: v.dpc, si: 3, ni: 2, mp: 0, sls: v.sls }, v.data, {
              ...(v.na !== undefined ? { networkAppearance: v.na } : {}),
              ...(v.newRc !== undefined ? { routingContext: v.newRc } : {}),
              ...(v.corr !== undefined ? { correlationId: v.corr } : {}),
            }),
          );
          assert.deepEqual(Buffer.from(out), expected);
          // In place: only when there is one RC to overwrite, and then the same bytes as the copy.
          const inPlace = Uint8Array.from(host);
          const changed =
            v.newRc !== undefined &&
            setRoutingContextInPlace(inPlace, v.pad, v.pad + original.length, v.newRc);
          assert.equal(changed, v.rc !== undefined && v.newRc !== undefined);
          if (changed)
            assert.deepEqual(Buffer.from(inPlace.subarray(v.pad, v.pad + original.length)), expected);
          else assert.deepEqual(inPlace, host);
          assert.equal(decodeM3ua(out).messageClass, decodeM3ua(original).messageClass);
        },
      ),
    );
  });

  it("rejects a message whose parameter runs past its end", () => {
    const m = encodeM3ua(m3uaData({ opc: 1, dpc: 2, si: 3, ni: 2, mp: 0, sls: 0 }, Uint8Array.of(1, 2, 3)));
    assert.throws(() => withRoutingContext(m, 0, m.length - 4, 7), { name: "DecodeError" });
  });
});
