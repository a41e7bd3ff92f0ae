import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { toHex } from "../../../src/codec/bytes.js";
import {
  decodeSmppPdu,
  encodeSmppPdu,
  SMPP_HEADER_LENGTH,
  SmppCommandId,
  type SmppPdu,
} from "../../../src/codec/smpp/index.js";
import { anyPduArb, normalize, PDU_ARBS, TLV_ARBS, unknownPduArb } from "./helpers.js";

function roundTrip(v: SmppPdu): void {
  const bytes = encodeSmppPdu(v);
  assert.equal(bytes.readUInt32BE(0), bytes.length, "command_length counts the whole PDU");
  if (v.command !== "unknown") assert.equal(bytes.readUInt32BE(4), SmppCommandId[v.command]);
  const d = decodeSmppPdu(bytes);
  assert.deepEqual(normalize(d), normalize(v));
  assert.equal(toHex(encodeSmppPdu(d)), toHex(bytes), "re-encoding is byte-exact");
}

describe("SMPP round trip (fast-check)", () => {
  for (const [command, arb] of Object.entries(PDU_ARBS)) {
    it(`decode(encode(v)) equals v and re-encodes byte-exact for ${command}`, () => {
      fc.assert(fc.property(arb, roundTrip), { numRuns: 150 });
    });
  }

  it("round-trips unknown command_ids with their raw bodies", () => {
    fc.assert(fc.property(unknownPduArb, roundTrip), { numRuns: 150 });
  });

  for (const [kind, arb] of Object.entries(TLV_ARBS)) {
    it(`round-trips the ${kind} TLV alone and among others, in submit_sm and in a header-only PDU`, () => {
      fc.assert(
        fc.property(arb, fc.array(arb, { maxLength: 3 }), PDU_ARBS.submit_sm, (tlv, more, submit) => {
          roundTrip({ command: "generic_nack", commandStatus: 0, sequenceNumber: 1, tlvs: [tlv] });
          roundTrip({ ...submit, tlvs: [tlv, ...more, ...submit.tlvs] });
        }),
        { numRuns: 100 },
      );
    });
  }

  it("decodes any PDU from its offsets inside a larger buffer", () => {
    fc.assert(
      fc.property(
        anyPduArb,
        fc.uint8Array({ maxLength: 20 }),
        fc.uint8Array({ maxLength: 20 }),
        (v, pre, post) => {
          const bytes = encodeSmppPdu(v);
          const outer = Buffer.concat([pre, bytes, post]);
          const d = decodeSmppPdu(outer, pre.length, pre.length + bytes.length);
          assert.deepEqual(normalize(d), normalize(v));
          assert.ok(bytes.length >= SMPP_HEADER_LENGTH);
        },
      ),
      { numRuns: 300 },
    );
  });
});
