import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import {
  type ProvideSubscriberInfoArg,
  type ProvideSubscriberInfoRes,
  provideSubscriberInfo,
} from "../../../src/codec/map/operations/provideSubscriberInfo.js";
import {
  arbImsi,
  arbLmsi,
  arbRaw,
  arbRawSequence,
  arbRequestedInfo,
  arbSubscriberInfo,
  argumentRoundTrip,
  assertDecodeError,
  hostile,
  PSI_RES,
  resultRoundTrip,
  valueRoundTrip,
} from "./common-sms-helpers.js";

/**
 * ProvideSubscriberInfoArg (TS 29.002 §17.7.1): imsi [0] 001010123456789, requestedInfo [2] {
 * locationInformation [0] NULL, subscriberState [1] NULL }.
 */
const PSI_ARG = fromHex("30 10 80 08 00 01 01 21 43 65 87 f9 a2 04 80 00 81 00");

describe("provideSubscriberInfo (opcode 70, TS 29.002 §8.11.2)", () => {
  it("decodes the IMSI and the requested-information flags", () => {
    const v = argumentRoundTrip<ProvideSubscriberInfoArg>(provideSubscriberInfo, PSI_ARG);
    assert.equal(v.imsi, "001010123456789");
    assert.deepEqual(v.requestedInfo, { locationInformation: true, subscriberState: true });
    assert.deepEqual(provideSubscriberInfo.identities(v), { imsi: "001010123456789" });
  });

  it("decodes age, VLR number, the cell global identity and the subscriber state", () => {
    const v = resultRoundTrip<ProvideSubscriberInfoRes>(provideSubscriberInfo, PSI_RES);
    const loc = v.subscriberInfo.locationInformation!;
    assert.equal(loc.ageOfLocationInformation, 5);
    assert.equal(loc.vlrNumber?.digits, "44770090051");
    assert.deepEqual(loc.cellGlobalIdOrServiceAreaIdOrLai, {
      kind: "cellGlobalIdOrServiceAreaIdFixedLength",
      cellGlobalIdOrServiceAreaIdFixedLength: { mcc: "234", mnc: "15", lac: 0x1234, cellId: 0x5678 },
    });
    assert.deepEqual(v.subscriberInfo.subscriberState, { kind: "assumedIdle" });
    assert.deepEqual(provideSubscriberInfo.identities(v), {});
  });

  it("decodes an LAI with a three-digit MNC and a netDetNotReachable state", () => {
    // locationInformation [0] { cellGlobalIdOrServiceAreaIdOrLAI [3] { laiFixedLength [1] MCC 310 MNC 410 LAC 0x1234 } },
    // subscriberState [1] { netDetNotReachable ENUMERATED imsiDetached (1) }.
    const v = resultRoundTrip<ProvideSubscriberInfoRes>(
      provideSubscriberInfo,
      fromHex("30 12 30 10 a0 09 a3 07 81 05 13 00 14 12 34 a1 03 0a 01 01"),
    );
    assert.deepEqual(v.subscriberInfo.locationInformation?.cellGlobalIdOrServiceAreaIdOrLai, {
      kind: "laiFixedLength",
      laiFixedLength: { mcc: "310", mnc: "410", lac: 0x1234 },
    });
    assert.deepEqual(v.subscriberInfo.subscriberState, { kind: "netDetNotReachable", netDetNotReachable: 1 });
  });

  it("rejects a 5-octet cell global identity and a subscriberState without an alternative", () => {
    const sixOctets = fromHex("30 0d 30 0b a0 09 a3 07 80 05 32 f4 51 12 34");
    assertDecodeError(() => provideSubscriberInfo.decodeResult!(sixOctets, 0, sixOctets.length));
    const emptyState = fromHex("30 04 30 02 a1 00");
    assertDecodeError(() => provideSubscriberInfo.decodeResult!(emptyState, 0, emptyState.length));
  });

  it("round-trips arguments and results with optional components present or absent (property)", () => {
    const arg = fc.record(
      {
        imsi: arbImsi,
        lmsi: arbLmsi,
        requestedInfo: arbRequestedInfo,
        extensionContainer: arbRaw(3),
        callPriority: fc.integer({ min: 0, max: 15 }),
      },
      { requiredKeys: ["imsi", "requestedInfo"] },
    );
    fc.assert(fc.property(arg, (v) => valueRoundTrip(provideSubscriberInfo, "argument", v)));
    const res = fc.record(
      { subscriberInfo: arbSubscriberInfo, extensionContainer: arbRawSequence },
      { requiredKeys: ["subscriberInfo"] },
    );
    fc.assert(fc.property(res, (v) => valueRoundTrip(provideSubscriberInfo, "result", v)));
  });

  it("throws only DecodeError on 20 000 mutated arguments and 20 000 mutated results", () => {
    assert.ok(hostile([PSI_ARG], 20_000, (b) => provideSubscriberInfo.decodeArgument(b, 0, b.length)) > 0);
    assert.ok(hostile([PSI_RES], 20_000, (b) => provideSubscriberInfo.decodeResult!(b, 0, b.length)) > 0);
  });
});
