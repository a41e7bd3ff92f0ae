import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import { SmDeliveryOutcome } from "../../../src/codec/map/common-sms.js";
import {
  type ReportSmDeliveryStatusArg,
  type ReportSmDeliveryStatusRes,
  reportSMDeliveryStatus,
} from "../../../src/codec/map/operations/reportSMDeliveryStatus.js";
import {
  arbAddress,
  arbEnum,
  arbFlag,
  arbImsi,
  arbOctet,
  arbRaw,
  arbRawSequence,
  argumentRoundTrip,
  hostile,
  resultRoundTrip,
  valueRoundTrip,
} from "./common-sms-helpers.js";

/**
 * ReportSM-DeliveryStatusArg (TS 29.002 §17.7.6): msisdn +44770090012, serviceCentreAddress
 * +447700900123, sm-DeliveryOutcome absentSubscriber (1), absentSubscriberDiagnosticSM [0] 1 (IMSI
 * detached, TS 23.040 §3.3.2).
 */
const ARG = fromHex("30 18 04 07 91 44 77 00 09 10 f2 04 07 91 44 77 00 09 10 32 0a 01 01 80 01 01");

describe("reportSM-DeliveryStatus (opcode 47, TS 29.002 §12.3)", () => {
  it("decodes MSISDN, service centre, outcome and the absent-subscriber diagnostic", () => {
    const v = argumentRoundTrip<ReportSmDeliveryStatusArg>(reportSMDeliveryStatus, ARG);
    assert.equal(v.msisdn.digits, "44770090012");
    assert.equal(v.serviceCentreAddress.digits, "447700900123");
    assert.equal(v.smDeliveryOutcome, SmDeliveryOutcome.absentSubscriber);
    assert.equal(v.absentSubscriberDiagnosticSm, 1);
    assert.deepEqual(reportSMDeliveryStatus.identities(v), { msisdn: "44770090012" });
  });

  it("decodes the v3 result SEQUENCE and the v2 bare storedMSISDN", () => {
    const v3 = resultRoundTrip<ReportSmDeliveryStatusRes>(
      reportSMDeliveryStatus,
      fromHex("30 09 04 07 91 44 77 00 09 10 f2"),
    );
    assert.equal(v3.form, undefined);
    assert.equal(v3.storedMsisdn?.digits, "44770090012");
    // GSM 09.02 v2: ReportSM-DeliveryStatusRes ::= ISDN-AddressString.
    const v2 = resultRoundTrip<ReportSmDeliveryStatusRes>(
      reportSMDeliveryStatus,
      fromHex("04 07 91 44 77 00 09 10 f2"),
    );
    assert.equal(v2.form, "v2");
    assert.deepEqual(reportSMDeliveryStatus.identities(v2), { msisdn: "44770090012" });
    assert.deepEqual(resultRoundTrip(reportSMDeliveryStatus, fromHex("30 00")), {});
  });

  it("round-trips arguments and results with optional components present or absent (property)", () => {
    const arg = fc.record(
      {
        msisdn: arbAddress(),
        serviceCentreAddress: arbAddress(20),
        smDeliveryOutcome: arbEnum(2),
        absentSubscriberDiagnosticSm: arbOctet,
        extensionContainer: arbRaw(1),
        gprsSupportIndicator: arbFlag,
        deliveryOutcomeIndicator: arbFlag,
        additionalSmDeliveryOutcome: arbEnum(2),
        additionalAbsentSubscriberDiagnosticSm: arbOctet,
        ipSmGwIndicator: arbFlag,
        ipSmGwSmDeliveryOutcome: arbEnum(2),
        ipSmGwAbsentSubscriberDiagnosticSm: arbOctet,
        imsi: arbImsi,
        singleAttemptDelivery: arbFlag,
        correlationId: arbRaw(11),
      },
      { requiredKeys: ["msisdn", "serviceCentreAddress", "smDeliveryOutcome"] },
    );
    fc.assert(fc.property(arg, (v) => valueRoundTrip(reportSMDeliveryStatus, "argument", v)));
    const res = fc.oneof(
      fc.record({ storedMsisdn: arbAddress(), extensionContainer: arbRawSequence }, { requiredKeys: [] }),
      arbAddress().map((a) => ({ form: "v2" as const, storedMsisdn: a })),
    );
    fc.assert(fc.property(res, (v) => valueRoundTrip(reportSMDeliveryStatus, "result", v)));
  });

  it("throws only DecodeError on 20 000 mutated arguments", () => {
    assert.ok(hostile([ARG], 20_000, (b) => reportSMDeliveryStatus.decodeArgument(b, 0, b.length)) > 0);
    hostile([fromHex("30 09 04 07 91 44 77 00 09 10 f2")], 2_000, (b) =>
      reportSMDeliveryStatus.decodeResult!(b, 0, b.length),
    );
  });
});
