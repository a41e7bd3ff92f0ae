import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import {
  encodeGsm7Ussd,
  mapOctets,
  type UssdArg,
  type UssdRes,
  ussdText,
} from "../../../src/codec/map/common-sms.js";
import { processUnstructuredSSRequest } from "../../../src/codec/map/operations/processUnstructuredSSRequest.js";
import {
  arbOctet,
  arbOctets,
  arbUssdArg,
  argumentRoundTrip,
  assertDecodeError,
  hostile,
  resultRoundTrip,
  valueRoundTrip,
} from "./common-sms-helpers.js";

/**
 * USSD-Arg (TS 29.002 §17.7.4): ussd-DataCodingScheme 0x0F (TS 23.038 §5: GSM 7-bit, language
 * unspecified), ussd-String "*100#" packed (TS 23.038 §6.1.2.3: aa 18 0c 36 02), msisdn [0] +44770090012.
 */
const PUSSR_ARG = fromHex("30 13 04 01 0f 04 05 aa 18 0c 36 02 80 07 91 44 77 00 09 10 f2");

/** USSD-Res: "hellohello" packed by hand per TS 23.038 §6.1.2.1 (ten septets in nine octets, 2 fill bits). */
const PUSSR_RES = fromHex("30 0e 04 01 0f 04 09 e8 32 9b fd 46 97 d9 ec 37");

describe("processUnstructuredSS-Request (opcode 59, TS 29.002 §11.9)", () => {
  it("decodes the DCS, the string as offsets with its text, and the MSISDN", () => {
    const v = argumentRoundTrip<UssdArg>(processUnstructuredSSRequest, PUSSR_ARG);
    assert.equal(v.ussdDataCodingScheme, 0x0f);
    assert.deepEqual([v.ussdString.start, v.ussdString.end], [7, 12]);
    assert.equal(ussdText(v.ussdDataCodingScheme, v.ussdString), "*100#");
    assert.equal(v.msisdn?.digits, "44770090012");
    assert.deepEqual(processUnstructuredSSRequest.identities(v), { msisdn: "44770090012" });
  });

  it("decodes the result text", () => {
    const v = resultRoundTrip<UssdRes>(processUnstructuredSSRequest, PUSSR_RES);
    assert.equal(ussdText(v.ussdDataCodingScheme, v.ussdString), "hellohello");
  });

  it("builds an argument from text with encodeGsm7Ussd", () => {
    const w = processUnstructuredSSRequest;
    const v: UssdArg = { ussdDataCodingScheme: 0x0f, ussdString: mapOctets(encodeGsm7Ussd("*100#")) };
    valueRoundTrip(w, "argument", v);
  });

  it("rejects a DCS of two octets and an empty ussd-String", () => {
    assertDecodeError(
      () => processUnstructuredSSRequest.decodeArgument(fromHex("30 07 04 02 0f 0f 04 01 31"), 0, 9),
      /SIZE \(1\)/,
    );
    assertDecodeError(
      () => processUnstructuredSSRequest.decodeArgument(fromHex("30 05 04 01 0f 04 00"), 0, 7),
      /SIZE/,
    );
  });

  it("round-trips arguments and results with optional components present or absent (property)", () => {
    fc.assert(fc.property(arbUssdArg, (v) => valueRoundTrip(processUnstructuredSSRequest, "argument", v)));
    const res = fc.record({ ussdDataCodingScheme: arbOctet, ussdString: arbOctets(1, 160) });
    fc.assert(fc.property(res, (v) => valueRoundTrip(processUnstructuredSSRequest, "result", v)));
  });

  it("throws only DecodeError on 20 000 mutated arguments and results", () => {
    assert.ok(
      hostile([PUSSR_ARG, PUSSR_RES], 20_000, (b) =>
        processUnstructuredSSRequest.decodeArgument(b, 0, b.length),
      ) > 0,
    );
    hostile([PUSSR_RES], 5_000, (b) => processUnstructuredSSRequest.decodeResult!(b, 0, b.length));
  });
});
