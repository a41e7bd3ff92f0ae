import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  decodeM3ua,
  encodeM3ua,
  findM3uaParameter,
  M3uaDataFields,
  m3uaData,
  m3uaMessageName,
  readM3uaData,
} from "../../../src/codec/m3ua/index.js";
import { anyMessageArb, MESSAGE_SHAPES, messageArb, normalize, u32 } from "./helpers.js";

describe("M3UA round trip (fast-check)", () => {
  for (const shape of MESSAGE_SHAPES) {
    it(`decode(encode(v)) equals v and re-encoding is byte-exact for ${shape.name}`, () => {
      assert.equal(m3uaMessageName(shape.messageClass, shape.messageType), shape.name);
      fc.assert(
        fc.property(messageArb(shape), (v) => {
          const bytes = encodeM3ua(v);
          assert.equal(
            bytes.readUInt32BE(4),
            bytes.length,
            "message length counts every octet, padding included",
          );
          assert.equal(bytes.length % 4, 0);
          const d = decodeM3ua(bytes);
          assert.deepEqual(normalize(d), normalize(v));
          assert.deepEqual(encodeM3ua(d), bytes);
        }),
        { numRuns: 120 },
      );
    });
  }

  it("round-trips any class and type with any mix of parameters, unknown tags and nesting", () => {
    fc.assert(
      fc.property(anyMessageArb, (v) => {
        const bytes = encodeM3ua(v);
        const d = decodeM3ua(bytes);
        assert.deepEqual(normalize(d), normalize(v));
        assert.deepEqual(encodeM3ua(d), bytes);
      }),
      { numRuns: 400 },
    );
  });

  it("reads every DATA built by m3uaData() identically on the fast path and the full decoder", () => {
    const out = new M3uaDataFields();
    fc.assert(
      fc.property(
        fc.record({
          opc: u32,
          dpc: u32,
          si: fc.nat(255),
          ni: fc.nat(255),
          mp: fc.nat(255),
          sls: fc.nat(255),
        }),
        fc.uint8Array({ maxLength: 300 }),
        fc.record({ networkAppearance: u32, routingContext: u32, correlationId: u32 }, { requiredKeys: [] }),
        (label, userData, options) => {
          const bytes = encodeM3ua(m3uaData(label, userData, options));
          assert.equal(readM3uaData(bytes, 0, bytes.length, out), true);
          const pd = findM3uaParameter(decodeM3ua(bytes), "protocolData")!;
          assert.deepEqual(
            [out.opc, out.dpc, out.si, out.ni, out.mp, out.sls, out.dataStart, out.dataEnd],
            [pd.opc, pd.dpc, pd.si, pd.ni, pd.mp, pd.sls, pd.dataStart, pd.dataEnd],
          );
          assert.deepEqual(bytes.subarray(out.dataStart, out.dataEnd), Buffer.from(userData));
          assert.equal(out.routingContext, options.routingContext ?? -1);
          assert.equal(out.networkAppearance, options.networkAppearance ?? -1);
          assert.equal(out.correlationId, options.correlationId ?? -1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
