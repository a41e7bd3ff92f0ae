import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import { type UssdArg, ussdText } from "../../../src/codec/map/common-sms.js";
import { unstructuredSSNotify } from "../../../src/codec/map/operations/unstructuredSSNotify.js";
import { arbUssdArg, argumentRoundTrip, hostile, valueRoundTrip } from "./common-sms-helpers.js";

/**
 * USSD-Arg of a notification (TS 29.002 §17.7.4) in UCS2: DCS 0x48 (TS 23.038 §5, general data coding,
 * uncompressed, UCS2), "Hi" as 00 48 00 69, msisdn [0] +44770090012.
 */
const USSN_ARG = fromHex("30 12 04 01 48 04 04 00 48 00 69 80 07 91 44 77 00 09 10 f2");

describe("unstructuredSS-Notify (opcode 61, TS 29.002 §11.11)", () => {
  it("decodes a UCS2 notification and has no result codec (RETURN RESULT TRUE)", () => {
    const v = argumentRoundTrip<UssdArg>(unstructuredSSNotify, USSN_ARG);
    assert.equal(ussdText(v.ussdDataCodingScheme, v.ussdString), "Hi");
    assert.deepEqual(unstructuredSSNotify.identities(v), { msisdn: "44770090012" });
    assert.equal(unstructuredSSNotify.decodeResult, undefined);
  });

  it("round-trips arguments (property)", () => {
    fc.assert(fc.property(arbUssdArg, (v) => valueRoundTrip(unstructuredSSNotify, "argument", v)));
  });

  it("throws only DecodeError on 20 000 mutated arguments", () => {
    assert.ok(hostile([USSN_ARG], 20_000, (b) => unstructuredSSNotify.decodeArgument(b, 0, b.length)) > 0);
  });
});
