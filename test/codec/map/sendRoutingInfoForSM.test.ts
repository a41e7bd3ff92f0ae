import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import {
  type RoutingInfoForSmArg,
  type RoutingInfoForSmRes,
  sendRoutingInfoForSM,
} from "../../../src/codec/map/operations/sendRoutingInfoForSM.js";
import {
  arbAddress,
  arbBytes,
  arbEnum,
  arbFlag,
  arbImsi,
  arbLmsi,
  arbRaw,
  argumentRoundTrip,
  assertDecodeError,
  hostile,
  resultRoundTrip,
  valueRoundTrip,
} from "./common-sms-helpers.js";

/**
 * RoutingInfoForSM-Arg (TS 29.002 §17.7.6): msisdn [0] +44770090012, sm-RP-PRI [1] TRUE,
 * serviceCentreAddress [2] +447700900123.
 */
const ARG = fromHex("30 15 80 07 91 44 77 00 09 10 f2 81 01 ff 82 07 91 44 77 00 09 10 32");

/**
 * RoutingInfoForSM-Res: imsi IMSI 001010123456789, locationInfoWithLMSI [0] { networkNode-Number [1]
 * +44770090021 (the serving MSC), lmsi LMSI 01020304 }.
 */
const RES = fromHex("30 1b 04 08 00 01 01 21 43 65 87 f9 a0 0f 81 07 91 44 77 00 09 20 f1 04 04 01 02 03 04");

/** The same with gprsNodeIndicator [5] and additional-Number [6] { sgsn-Number [1] +44770090031 }. */
const RES_GPRS = fromHex(
  "30 28 04 08 00 01 01 21 43 65 87 f9 a0 1c 81 07 91 44 77 00 09 20 f1 04 04 01 02 03 04 85 00" +
    " a6 09 81 07 91 44 77 00 09 30 f1",
);

describe("sendRoutingInfoForSM (opcode 45, TS 29.002 §12.1)", () => {
  it("decodes the argument: MSISDN, priority flag and service centre", () => {
    const v = argumentRoundTrip<RoutingInfoForSmArg>(sendRoutingInfoForSM, ARG);
    assert.equal(v.msisdn.digits, "44770090012");
    assert.equal(v.smRpPri, true);
    assert.equal(v.serviceCentreAddress.digits, "447700900123");
    assert.deepEqual(sendRoutingInfoForSM.identities(v), { msisdn: "44770090012" });
  });

  it("decodes the v3 extensions gprsSupportIndicator [7] and sm-RP-MTI [8]", () => {
    const v = argumentRoundTrip<RoutingInfoForSmArg>(
      sendRoutingInfoForSM,
      fromHex("30 1a 80 07 91 44 77 00 09 10 f2 81 01 00 82 07 91 44 77 00 09 10 32 87 00 88 01 00"),
    );
    assert.equal(v.smRpPri, false);
    assert.equal(v.gprsSupportIndicator, true);
    assert.equal(v.smRpMti, 0);
  });

  it("decodes the result: IMSI, serving MSC and LMSI", () => {
    const v = resultRoundTrip<RoutingInfoForSmRes>(sendRoutingInfoForSM, RES);
    assert.equal(v.imsi, "001010123456789");
    assert.equal(v.locationInfoWithLmsi.networkNodeNumber.digits, "44770090021");
    assert.equal(v.locationInfoWithLmsi.lmsi, "01020304");
    assert.deepEqual(sendRoutingInfoForSM.identities(v), { imsi: "001010123456789" });
  });

  it("decodes gprsNodeIndicator and the additional SGSN number", () => {
    const v = resultRoundTrip<RoutingInfoForSmRes>(sendRoutingInfoForSM, RES_GPRS);
    assert.equal(v.locationInfoWithLmsi.gprsNodeIndicator, true);
    assert.deepEqual(v.locationInfoWithLmsi.additionalNumber?.kind, "sgsnNumber");
    if (v.locationInfoWithLmsi.additionalNumber?.kind === "sgsnNumber") {
      assert.equal(v.locationInfoWithLmsi.additionalNumber.sgsnNumber.digits, "44770090031");
    }
  });

  it("rejects a result without locationInfoWithLMSI and an additional-Number with two alternatives", () => {
    assertDecodeError(
      () => sendRoutingInfoForSM.decodeResult!(fromHex("30 0a 04 08 00 01 01 21 43 65 87 f9"), 0, 12),
      /locationInfoWithLmsi/,
    );
    const twoInside = fromHex(
      "30 18 04 08 00 01 01 21 43 65 87 f9 a0 0c 81 01 91 a6 07 80 01 91 81 02 91 21",
    );
    assertDecodeError(
      () => sendRoutingInfoForSM.decodeResult!(twoInside, 0, twoInside.length),
      /more than one/,
    );
  });

  it("round-trips arguments and results with optional components present or absent (property)", () => {
    const arg = fc.record(
      {
        msisdn: arbAddress(),
        smRpPri: fc.boolean(),
        serviceCentreAddress: arbAddress(20),
        extensionContainer: arbRaw(6),
        gprsSupportIndicator: arbFlag,
        smRpMti: fc.integer({ min: 0, max: 10 }),
        smRpSmea: arbBytes(1, 12),
        smDeliveryNotIntended: arbEnum(1),
        ipSmGwGuidanceIndicator: arbFlag,
        imsi: arbImsi,
        t4TriggerIndicator: arbFlag,
        singleAttemptDelivery: arbFlag,
        correlationId: arbRaw(15),
      },
      { requiredKeys: ["msisdn", "smRpPri", "serviceCentreAddress"] },
    );
    fc.assert(fc.property(arg, (v) => valueRoundTrip(sendRoutingInfoForSM, "argument", v)));
    const additional = fc.oneof(
      arbAddress().map((a) => ({ kind: "mscNumber" as const, mscNumber: a })),
      arbAddress().map((a) => ({ kind: "sgsnNumber" as const, sgsnNumber: a })),
    );
    const location = fc.record(
      {
        networkNodeNumber: arbAddress(),
        lmsi: arbLmsi,
        extensionContainer: arbRaw(16, false, 0),
        gprsNodeIndicator: arbFlag,
        additionalNumber: additional,
        networkNodeDiameterAddress: arbRaw(7),
        additionalNetworkNodeDiameterAddress: arbRaw(8),
        thirdNumber: additional,
        thirdNetworkNodeDiameterAddress: arbRaw(10),
        imsNodeIndicator: arbFlag,
      },
      { requiredKeys: ["networkNodeNumber"] },
    );
    const res = fc.record(
      {
        imsi: arbImsi,
        locationInfoWithLmsi: location,
        extensionContainer: arbRaw(4),
        ipSmGwGuidance: arbRaw(5),
      },
      { requiredKeys: ["imsi", "locationInfoWithLmsi"] },
    );
    fc.assert(fc.property(res, (v) => valueRoundTrip(sendRoutingInfoForSM, "result", v)));
  });

  it("throws only DecodeError on 20 000 mutated arguments and 20 000 mutated results", () => {
    assert.ok(hostile([ARG], 20_000, (b) => sendRoutingInfoForSM.decodeArgument(b, 0, b.length)) > 0);
    assert.ok(
      hostile([RES, RES_GPRS], 20_000, (b) => sendRoutingInfoForSM.decodeResult!(b, 0, b.length)) > 0,
    );
  });
});
