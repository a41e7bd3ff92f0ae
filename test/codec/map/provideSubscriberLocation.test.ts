import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import { decodeGeographicalPoint } from "../../../src/codec/map/common-sms.js";
import {
  type ProvideSubscriberLocationArg,
  type ProvideSubscriberLocationRes,
  provideSubscriberLocation,
} from "../../../src/codec/map/operations/provideSubscriberLocation.js";
import {
  arbAddress,
  arbBitString,
  arbBytes,
  arbCellIdOrLai,
  arbEnum,
  arbFlag,
  arbImei,
  arbImsi,
  arbLmsi,
  arbOctet,
  arbRaw,
  argumentRoundTrip,
  hostile,
  resultRoundTrip,
  valueRoundTrip,
} from "./common-sms-helpers.js";

/**
 * ProvideSubscriberLocation-Arg (TS 29.002 §17.7.13): locationType { locationEstimateType [0]
 * currentLocation }, mlc-Number +44770090998, lcs-ClientID [0] { lcsClientType [0] emergencyServices },
 * imsi [2] 001010123456789, msisdn [3] +44770090012.
 */
const PSL_ARG = fromHex(
  "30 26 30 03 80 01 00 04 07 91 44 77 00 09 99 f8 a0 03 80 01 00" +
    " 82 08 00 01 01 21 43 65 87 f9 83 07 91 44 77 00 09 10 f2",
);

/**
 * ProvideSubscriberLocation-Res: locationEstimate, a TS 23.032 §7.3.2 ellipsoid point with uncertainty
 * circle (shape 0x10; latitude 51.5° N → 0x493e93 per §6.1; longitude 0.1° W → 0xffedcb; uncertainty
 * code 10), ageOfLocationEstimate [0] 2 minutes.
 */
const PSL_RES = fromHex("30 0d 04 08 10 49 3e 93 ff ed cb 0a 80 01 02");

describe("provideSubscriberLocation (opcode 83, TS 29.002 §13A.2)", () => {
  it("decodes location type, MLC number, client type and the target's IMSI and MSISDN", () => {
    const v = argumentRoundTrip<ProvideSubscriberLocationArg>(provideSubscriberLocation, PSL_ARG);
    assert.deepEqual(v.locationType, { locationEstimateType: 0 });
    assert.equal(v.mlcNumber.digits, "44770090998");
    assert.deepEqual(v.lcsClientId, { lcsClientType: 0 });
    assert.deepEqual(provideSubscriberLocation.identities(v), {
      imsi: "001010123456789",
      msisdn: "44770090012",
    });
  });

  it("decodes the location estimate octets and its point", () => {
    const v = resultRoundTrip<ProvideSubscriberLocationRes>(provideSubscriberLocation, PSL_RES);
    assert.equal(v.locationEstimate.length, 8);
    assert.equal(v.ageOfLocationEstimate, 2);
    const p = decodeGeographicalPoint(v.locationEstimate, 0, v.locationEstimate.length);
    assert.ok(p && Math.abs(p.latitude - 51.5) < 1e-4 && Math.abs(p.longitude + 0.1) < 1e-4);
  });

  it("decodes cellIdOrSai [6] with a service area identity", () => {
    // ..., cellIdOrSai [6] { [0] 234/15 LAC 0x1234 SAC 0x0001 }, sai-Present [7].
    const v = resultRoundTrip<ProvideSubscriberLocationRes>(
      provideSubscriberLocation,
      fromHex("30 17 04 08 10 49 3e 93 ff ed cb 0a a6 09 80 07 32 f4 51 12 34 00 01 87 00"),
    );
    assert.equal(v.saiPresent, true);
    assert.equal(v.cellIdOrSai?.kind, "cellGlobalIdOrServiceAreaIdFixedLength");
  });

  it("round-trips arguments and results (property)", () => {
    const locationType = fc.record(
      { locationEstimateType: arbEnum(5), deferredLocationEventType: arbBitString },
      { requiredKeys: ["locationEstimateType"] },
    );
    const client = fc.record(
      {
        lcsClientType: arbEnum(3),
        lcsClientExternalId: arbRaw(1),
        lcsClientDialedByMs: arbAddress(20),
        lcsClientInternalId: arbEnum(4),
        lcsClientName: arbRaw(4),
        lcsApn: arbBytes(2, 63),
        lcsRequestorId: arbRaw(6),
      },
      { requiredKeys: ["lcsClientType"] },
    );
    const arg = fc.record(
      {
        locationType,
        mlcNumber: arbAddress(),
        lcsClientId: client,
        privacyOverride: arbFlag,
        imsi: arbImsi,
        msisdn: arbAddress(),
        lmsi: arbLmsi,
        imei: arbImei,
        lcsPriority: arbOctet,
        lcsQos: arbRaw(7),
        extensionContainer: arbRaw(8),
        supportedGadShapes: arbBitString,
        lcsReferenceNumber: arbOctet,
        lcsServiceTypeId: fc.integer({ min: 0, max: 127 }),
        lcsCodeword: arbRaw(12),
        lcsPrivacyCheck: arbRaw(13),
        areaEventInfo: arbRaw(14),
        hGmlcAddress: arbBytes(5, 17),
        moLrShortCircuitIndicator: arbFlag,
        periodicLdrInfo: arbRaw(17),
        reportingPlmnList: arbRaw(18),
      },
      { requiredKeys: ["locationType", "mlcNumber"] },
    );
    fc.assert(fc.property(arg, (v) => valueRoundTrip(provideSubscriberLocation, "argument", v)));
    const res = fc.record(
      {
        locationEstimate: arbBytes(1, 20),
        ageOfLocationEstimate: fc.integer({ min: 0, max: 32767 }),
        extensionContainer: arbRaw(1),
        addLocationEstimate: arbBytes(1, 91),
        deferredMtLrResponseIndicator: arbFlag,
        geranPositioningData: arbRaw(4, true),
        utranPositioningData: arbRaw(5, true),
        cellIdOrSai: arbCellIdOrLai,
        saiPresent: arbFlag,
        accuracyFulfilmentIndicator: arbEnum(1),
        velocityEstimate: arbRaw(9, true),
        moLrShortCircuitIndicator: arbFlag,
        geranGanssPositioningData: arbRaw(11, true),
        utranGanssPositioningData: arbRaw(12, true),
        targetServingNodeForHandover: arbRaw(13),
        utranAdditionalPositioningData: arbRaw(14, true),
        utranBaroPressureMeas: arbRaw(15, true),
        utranCivicAddress: arbRaw(16, true),
      },
      { requiredKeys: ["locationEstimate"] },
    );
    fc.assert(fc.property(res, (v) => valueRoundTrip(provideSubscriberLocation, "result", v)));
  });

  it("throws only DecodeError on 20 000 mutated arguments and 20 000 mutated results", () => {
    assert.ok(
      hostile([PSL_ARG], 20_000, (b) => provideSubscriberLocation.decodeArgument(b, 0, b.length)) > 0,
    );
    assert.ok(hostile([PSL_RES], 20_000, (b) => provideSubscriberLocation.decodeResult!(b, 0, b.length)) > 0);
  });
});
