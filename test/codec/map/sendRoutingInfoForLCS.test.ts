import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import {
  type RoutingInfoForLcsArg,
  type RoutingInfoForLcsRes,
  sendRoutingInfoForLCS,
} from "../../../src/codec/map/operations/sendRoutingInfoForLCS.js";
import {
  arbAddress,
  arbBitString,
  arbBytes,
  arbFlag,
  arbLmsi,
  arbRaw,
  arbSubscriberIdentity,
  argumentRoundTrip,
  hostile,
  resultRoundTrip,
  valueRoundTrip,
} from "./common-sms-helpers.js";

/**
 * RoutingInfoForLCS-Arg (TS 29.002 §17.7.13): mlcNumber [0] +44770090998, targetMS [1] { msisdn [1]
 * +44770090012 } (SubscriberIdentity CHOICE inside an explicit tag).
 */
const ARG = fromHex("30 14 80 07 91 44 77 00 09 99 f8 a1 09 81 07 91 44 77 00 09 10 f2");

/**
 * RoutingInfoForLCS-Res: targetMS [0] { imsi [0] 001010123456789 }, lcsLocationInfo [1] {
 * networkNode-Number +44770090021, lmsi [0] 01020304 }.
 */
const RES = fromHex(
  "30 1d a0 0a 80 08 00 01 01 21 43 65 87 f9 a1 0f 04 07 91 44 77 00 09 20 f1 80 04 01 02 03 04",
);

describe("sendRoutingInfoForLCS (opcode 85, TS 29.002 §13A.1)", () => {
  it("decodes the MLC number and the target MSISDN", () => {
    const v = argumentRoundTrip<RoutingInfoForLcsArg>(sendRoutingInfoForLCS, ARG);
    assert.equal(v.mlcNumber.digits, "44770090998");
    assert.deepEqual(sendRoutingInfoForLCS.identities(v), { msisdn: "44770090012" });
  });

  it("decodes the target IMSI and the serving node", () => {
    const v = resultRoundTrip<RoutingInfoForLcsRes>(sendRoutingInfoForLCS, RES);
    assert.equal(v.lcsLocationInfo.networkNodeNumber.digits, "44770090021");
    assert.equal(v.lcsLocationInfo.lmsi, "01020304");
    assert.deepEqual(sendRoutingInfoForLCS.identities(v), { imsi: "001010123456789" });
  });

  it("round-trips arguments and results (property)", () => {
    const arg = fc.record(
      { mlcNumber: arbAddress(), targetMs: arbSubscriberIdentity, extensionContainer: arbRaw(2) },
      { requiredKeys: ["mlcNumber", "targetMs"] },
    );
    fc.assert(fc.property(arg, (v) => valueRoundTrip(sendRoutingInfoForLCS, "argument", v)));
    const additional = fc.oneof(
      arbAddress().map((a) => ({ kind: "mscNumber" as const, mscNumber: a })),
      arbAddress().map((a) => ({ kind: "sgsnNumber" as const, sgsnNumber: a })),
    );
    const info = fc.record(
      {
        networkNodeNumber: arbAddress(),
        lmsi: arbLmsi,
        extensionContainer: arbRaw(1),
        gprsNodeIndicator: arbFlag,
        additionalNumber: additional,
        supportedLcsCapabilitySets: arbBitString,
        additionalLcsCapabilitySets: arbBitString,
        mmeName: arbBytes(9, 40),
        aaaServerName: arbBytes(9, 40),
        sgsnName: arbBytes(9, 40),
        sgsnRealm: arbBytes(9, 40),
      },
      { requiredKeys: ["networkNodeNumber"] },
    );
    const res = fc.record(
      {
        targetMs: arbSubscriberIdentity,
        lcsLocationInfo: info,
        extensionContainer: arbRaw(2),
        vGmlcAddress: arbBytes(5, 17),
        hGmlcAddress: arbBytes(5, 17),
        pprAddress: arbBytes(5, 17),
        additionalVGmlcAddress: arbBytes(5, 17),
      },
      { requiredKeys: ["targetMs", "lcsLocationInfo"] },
    );
    fc.assert(fc.property(res, (v) => valueRoundTrip(sendRoutingInfoForLCS, "result", v)));
  });

  it("throws only DecodeError on 20 000 mutated arguments and 20 000 mutated results", () => {
    assert.ok(hostile([ARG], 20_000, (b) => sendRoutingInfoForLCS.decodeArgument(b, 0, b.length)) > 0);
    assert.ok(hostile([RES], 20_000, (b) => sendRoutingInfoForLCS.decodeResult!(b, 0, b.length)) > 0);
  });
});
