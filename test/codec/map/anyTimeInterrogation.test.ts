import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import {
  type AnyTimeInterrogationArg,
  type AnyTimeInterrogationRes,
  anyTimeInterrogation,
} from "../../../src/codec/map/operations/anyTimeInterrogation.js";
import {
  arbAddress,
  arbRaw,
  arbRawSequence,
  arbRequestedInfo,
  arbSubscriberIdentity,
  arbSubscriberInfo,
  argumentRoundTrip,
  assertDecodeError,
  hostile,
  PSI_RES,
  resultRoundTrip,
  valueRoundTrip,
} from "./common-sms-helpers.js";

/**
 * AnyTimeInterrogationArg (TS 29.002 §17.7.1): subscriberIdentity [0] { msisdn [1] +44770090012 }
 * (SubscriberIdentity is a CHOICE, so its tag is explicit: a0 wraps 81), requestedInfo [1] {
 * locationInformation, subscriberState }, gsmSCF-Address [3] +44770090999.
 */
const ATI_BY_MSISDN = fromHex(
  "30 1a a0 09 81 07 91 44 77 00 09 10 f2 a1 04 80 00 81 00 83 07 91 44 77 00 09 99 f9",
);

/** The same by imsi [0] 001010123456789, with currentLocation [3] requested too. */
const ATI_BY_IMSI = fromHex(
  "30 1d a0 0a 80 08 00 01 01 21 43 65 87 f9 a1 06 80 00 81 00 83 00 83 07 91 44 77 00 09 99 f9",
);

describe("anyTimeInterrogation (opcode 71, TS 29.002 §8.11.1)", () => {
  it("decodes an ATI by MSISDN: identity, requested info and the gsmSCF address", () => {
    const v = argumentRoundTrip<AnyTimeInterrogationArg>(anyTimeInterrogation, ATI_BY_MSISDN);
    assert.equal(v.subscriberIdentity.kind, "msisdn");
    assert.deepEqual(v.requestedInfo, { locationInformation: true, subscriberState: true });
    assert.equal(v.gsmScfAddress.digits, "44770090999");
    assert.deepEqual(anyTimeInterrogation.identities(v), { msisdn: "44770090012" });
  });

  it("decodes an ATI by IMSI asking for the current location", () => {
    const v = argumentRoundTrip<AnyTimeInterrogationArg>(anyTimeInterrogation, ATI_BY_IMSI);
    assert.deepEqual(v.subscriberIdentity, { kind: "imsi", imsi: "001010123456789" });
    assert.equal(v.requestedInfo.currentLocation, true);
    assert.deepEqual(anyTimeInterrogation.identities(v), { imsi: "001010123456789" });
  });

  it("decodes the result with the PSI result shape", () => {
    const v = resultRoundTrip<AnyTimeInterrogationRes>(anyTimeInterrogation, PSI_RES);
    assert.equal(v.subscriberInfo.locationInformation?.ageOfLocationInformation, 5);
  });

  it("rejects an untagged subscriberIdentity (the CHOICE must sit inside [0])", () => {
    const implicit = fromHex("30 18 81 07 91 44 77 00 09 10 f2 a1 04 80 00 81 00 83 07 91 44 77 00 09 99 f9");
    assertDecodeError(
      () => anyTimeInterrogation.decodeArgument(implicit, 0, implicit.length),
      /subscriberIdentity/,
    );
  });

  it("round-trips arguments and results (property)", () => {
    const arg = fc.record(
      {
        subscriberIdentity: arbSubscriberIdentity,
        requestedInfo: arbRequestedInfo,
        gsmScfAddress: arbAddress(),
        extensionContainer: arbRaw(2),
      },
      { requiredKeys: ["subscriberIdentity", "requestedInfo", "gsmScfAddress"] },
    );
    fc.assert(fc.property(arg, (v) => valueRoundTrip(anyTimeInterrogation, "argument", v)));
    const res = fc.record(
      { subscriberInfo: arbSubscriberInfo, extensionContainer: arbRawSequence },
      { requiredKeys: ["subscriberInfo"] },
    );
    fc.assert(fc.property(res, (v) => valueRoundTrip(anyTimeInterrogation, "result", v)));
  });

  it("throws only DecodeError on 20 000 mutated arguments and 20 000 mutated results", () => {
    const seeds = [ATI_BY_MSISDN, ATI_BY_IMSI];
    assert.ok(hostile(seeds, 20_000, (b) => anyTimeInterrogation.decodeArgument(b, 0, b.length)) > 0);
    assert.ok(hostile([PSI_RES], 20_000, (b) => anyTimeInterrogation.decodeResult!(b, 0, b.length)) > 0);
  });
});
