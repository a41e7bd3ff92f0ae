import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import { type UssdArg, type UssdRes, ussdText } from "../../../src/codec/map/common-sms.js";
import { unstructuredSSRequest } from "../../../src/codec/map/operations/unstructuredSSRequest.js";
import {
  arbOctet,
  arbOctets,
  arbUssdArg,
  argumentRoundTrip,
  hostile,
  resultRoundTrip,
  valueRoundTrip,
} from "./common-sms-helpers.js";

/**
 * USSD-Arg of a network-initiated menu (TS 29.002 §17.7.4): DCS 0x0F, "1234567" — seven septets, so
 * TS 23.038 §6.1.2.3.1 pads the 7 spare bits with <CR>: 31 d9 8c 56 b3 dd 1a — and alertingPattern
 * 0x05 (alertingCategory-2, TS 29.002 §17.7.9).
 */
const USSR_ARG = fromHex("30 0f 04 01 0f 04 07 31 d9 8c 56 b3 dd 1a 04 01 05");

/** USSD-Res: the user's answer "1" (one septet 0x31 in one octet). */
const USSR_RES = fromHex("30 06 04 01 0f 04 01 31");

describe("unstructuredSS-Request (opcode 60, TS 29.002 §11.10)", () => {
  it("decodes the menu text without the <CR> padding, and the alerting pattern by position", () => {
    const v = argumentRoundTrip<UssdArg>(unstructuredSSRequest, USSR_ARG);
    assert.equal(ussdText(v.ussdDataCodingScheme, v.ussdString), "1234567");
    assert.equal(v.alertingPattern, 5);
    assert.equal(v.msisdn, undefined);
    assert.deepEqual(unstructuredSSRequest.identities(v), {});
  });

  it("decodes the user's answer", () => {
    const v = resultRoundTrip<UssdRes>(unstructuredSSRequest, USSR_RES);
    assert.equal(ussdText(v.ussdDataCodingScheme, v.ussdString), "1");
  });

  it("round-trips arguments and results (property)", () => {
    fc.assert(fc.property(arbUssdArg, (v) => valueRoundTrip(unstructuredSSRequest, "argument", v)));
    const res = fc.record({ ussdDataCodingScheme: arbOctet, ussdString: arbOctets(1, 160) });
    fc.assert(fc.property(res, (v) => valueRoundTrip(unstructuredSSRequest, "result", v)));
  });

  it("throws only DecodeError on 20 000 mutated arguments and results", () => {
    assert.ok(hostile([USSR_ARG], 20_000, (b) => unstructuredSSRequest.decodeArgument(b, 0, b.length)) > 0);
    hostile([USSR_RES], 5_000, (b) => unstructuredSSRequest.decodeResult!(b, 0, b.length));
  });
});
