import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { EncodeError } from "../../../src/codec/errors.js";
import {
  type SendRoutingInfoArg,
  type SendRoutingInfoRes,
  sendRoutingInfo,
} from "../../../src/codec/map/operations/sendRoutingInfo.js";
import {
  arbAddress,
  arbBitString,
  arbBytes,
  arbEnum,
  arbFlag,
  arbImsi,
  arbOctet,
  arbRaw,
  arbRawSequence,
  arbSubscriberInfo,
  argumentRoundTrip,
  assertDecodeError,
  encodeResult,
  hostile,
  resultRoundTrip,
  valueRoundTrip,
} from "./common-sms-helpers.js";

/**
 * SendRoutingInfoArg v3 (TS 29.002 §17.7.3): msisdn [0] +44770090012, interrogationType [3] basicCall
 * (0), gmsc-OrGsmSCF-Address [6] +44770090997.
 */
const SRI_ARG = fromHex("30 15 80 07 91 44 77 00 09 10 f2 83 01 00 86 07 91 44 77 00 09 99 f7");

/** SendRoutingInfoArg v2 (GSM 09.02): msisdn [0] only; interrogationType and the GMSC address came in v3. */
const SRI_ARG_V2 = fromHex("30 09 80 07 91 44 77 00 09 10 f2");

/**
 * SendRoutingInfoRes v3 ::= [3] SEQUENCE: imsi [9] 001010123456789, extendedRoutingInfo = routingInfo =
 * roamingNumber (untagged ISDN-AddressString) +44770090999, subscriberInfo [7] { subscriberState [1] {
 * assumedIdle } }, msisdn [12] +44770090012.
 */
const SRI_RES = fromHex(
  "a3 22 89 08 00 01 01 21 43 65 87 f9 04 07 91 44 77 00 09 99 f9 a7 04 a1 02 80 00 8c 07 91 44 77 00 09 10 f2",
);

/** SendRoutingInfoRes v1/v2 ::= SEQUENCE { imsi IMSI, routingInfo RoutingInfo, ... } with an MSRN. */
const SRI_RES_V2 = fromHex("30 13 04 08 00 01 01 21 43 65 87 f9 04 07 91 44 77 00 09 99 f9");

/** The same with forwardingData (SEQUENCE { forwardedToNumber [5] +1234 }) instead of an MSRN. */
const SRI_RES_V2_FORWARDED = fromHex("30 11 04 08 00 01 01 21 43 65 87 f9 30 05 85 03 91 21 43");

describe("sendRoutingInfo (opcode 22, TS 29.002 §10.1)", () => {
  it("decodes a v3 argument: MSISDN, interrogation type and GMSC", () => {
    const v = argumentRoundTrip<SendRoutingInfoArg>(sendRoutingInfo, SRI_ARG);
    assert.equal(v.msisdn.digits, "44770090012");
    assert.equal(v.interrogationType, 0);
    assert.equal(v.gmscOrGsmScfAddress?.digits, "44770090997");
    assert.deepEqual(sendRoutingInfo.identities(v), { msisdn: "44770090012" });
  });

  it("decodes a v2 argument without interrogationType", () => {
    const v = argumentRoundTrip<SendRoutingInfoArg>(sendRoutingInfo, SRI_ARG_V2);
    assert.deepEqual(Object.keys(v), ["msisdn"]);
  });

  it("decodes a v3 result: IMSI, MSRN, subscriber state and MSISDN", () => {
    const v = resultRoundTrip<SendRoutingInfoRes>(sendRoutingInfo, SRI_RES);
    assert.equal(v.form, undefined);
    assert.equal(v.imsi, "001010123456789");
    assert.equal(v.extendedRoutingInfo?.kind, "roamingNumber");
    if (v.extendedRoutingInfo?.kind === "roamingNumber") {
      assert.equal(v.extendedRoutingInfo.roamingNumber.digits, "44770090999");
    }
    assert.deepEqual(v.subscriberInfo?.subscriberState, { kind: "assumedIdle" });
    assert.deepEqual(sendRoutingInfo.identities(v), { imsi: "001010123456789", msisdn: "44770090012" });
  });

  it("decodes v1/v2 results with an MSRN or forwarding data", () => {
    const msrn = resultRoundTrip<SendRoutingInfoRes>(sendRoutingInfo, SRI_RES_V2);
    assert.equal(msrn.form, "v2");
    assert.equal(msrn.imsi, "001010123456789");
    assert.equal(msrn.extendedRoutingInfo?.kind, "roamingNumber");
    const fwd = resultRoundTrip<SendRoutingInfoRes>(sendRoutingInfo, SRI_RES_V2_FORWARDED);
    assert.equal(fwd.extendedRoutingInfo?.kind, "forwardingData");
    if (fwd.extendedRoutingInfo?.kind === "forwardingData") {
      const f = fwd.extendedRoutingInfo.forwardingData;
      assert.equal(toHex(f.bytes, f.start, f.end), "30058503912143");
    }
  });

  it("refuses to encode v3-only components in the v2 form, and a v2 result without routing info", () => {
    assert.throws(
      () => encodeResult(sendRoutingInfo, { form: "v2", imsi: "001010123456789", cugSubscriptionFlag: true }),
      EncodeError,
    );
    assertDecodeError(
      () => sendRoutingInfo.decodeResult!(fromHex("30 0a 04 08 00 01 01 21 43 65 87 f9"), 0, 12),
      /extendedRoutingInfo/,
    );
  });

  it("round-trips v3 arguments and v2/v3 results (property)", () => {
    const basic = fc.oneof(
      arbBytes(1, 5).map((code) => ({ kind: "bearerService" as const, code })),
      arbBytes(1, 5).map((code) => ({ kind: "teleservice" as const, code })),
    );
    const arg = fc.record(
      {
        msisdn: arbAddress(),
        cugCheckInfo: arbRaw(1),
        numberOfForwarding: fc.integer({ min: 1, max: 5 }),
        interrogationType: arbEnum(1),
        orInterrogation: arbFlag,
        orCapability: fc.integer({ min: 1, max: 127 }),
        gmscOrGsmScfAddress: arbAddress(),
        callReferenceNumber: arbBytes(1, 8),
        forwardingReason: arbEnum(2),
        basicServiceGroup: basic,
        networkSignalInfo: arbRaw(10),
        camelInfo: arbRaw(11),
        suppressionOfAnnouncement: arbFlag,
        extensionContainer: arbRaw(13),
        alertingPattern: arbOctet,
        ccbsCall: arbFlag,
        supportedCcbsPhase: fc.integer({ min: 1, max: 127 }),
        additionalSignalInfo: arbRaw(17),
        istSupportIndicator: arbEnum(1),
        prePagingSupported: arbFlag,
        callDiversionTreatmentIndicator: arbOctet,
        longFtnSupported: arbFlag,
        suppressVtCsi: arbFlag,
        suppressIncomingCallBarring: arbFlag,
        gsmScfInitiatedCall: arbFlag,
        basicServiceGroup2: basic,
        networkSignalInfo2: arbRaw(26),
        suppressMtss: arbBitString,
        mtRoamingRetrySupported: arbFlag,
        callPriority: fc.integer({ min: 0, max: 15 }),
      },
      { requiredKeys: ["msisdn"] },
    );
    fc.assert(fc.property(arg, (v) => valueRoundTrip(sendRoutingInfo, "argument", v)));
    const routing = fc.oneof(
      arbAddress().map((a) => ({ kind: "roamingNumber" as const, roamingNumber: a })),
      arbRawSequence.map((r) => ({ kind: "forwardingData" as const, forwardingData: r })),
    );
    const extended = fc.oneof(
      routing,
      arbRaw(8).map((r) => ({ kind: "camelRoutingInfo" as const, camelRoutingInfo: r })),
    );
    const res = fc.record(
      {
        imsi: arbImsi,
        extendedRoutingInfo: extended,
        cugCheckInfo: arbRaw(3),
        cugSubscriptionFlag: arbFlag,
        subscriberInfo: arbSubscriberInfo,
        ssList: arbRaw(1),
        basicService: basic,
        forwardingInterrogationRequired: arbFlag,
        vmscAddress: arbAddress(),
        extensionContainer: arbRaw(0),
        naeaPreferredCi: arbRaw(10),
        ccbsIndicators: arbRaw(11),
        msisdn: arbAddress(),
        numberPortabilityStatus: arbEnum(5),
        istAlertTimer: fc.integer({ min: 15, max: 255 }),
        supportedCamelPhasesInVmsc: arbBitString,
        offeredCamel4CsisInVmsc: arbBitString,
        routingInfo2: routing,
        ssList2: arbRaw(18),
        basicService2: basic,
        allowedServices: arbBitString,
        unavailabilityCause: arbEnum(6),
        releaseResourcesSupported: arbFlag,
        gsmBearerCapability: arbRaw(23),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(res, (v) => valueRoundTrip(sendRoutingInfo, "result", v)));
    const resV2 = fc.record(
      {
        form: fc.constant("v2" as const),
        imsi: arbImsi,
        extendedRoutingInfo: routing,
        cugCheckInfo: arbRawSequence,
      },
      { requiredKeys: ["form", "imsi", "extendedRoutingInfo"] },
    );
    fc.assert(fc.property(resV2, (v) => valueRoundTrip(sendRoutingInfo, "result", v)));
  });

  it("throws only DecodeError on 20 000 mutated arguments and 20 000 mutated results", () => {
    assert.ok(
      hostile([SRI_ARG, SRI_ARG_V2], 20_000, (b) => sendRoutingInfo.decodeArgument(b, 0, b.length)) > 0,
    );
    const seeds = [SRI_RES, SRI_RES_V2, SRI_RES_V2_FORWARDED];
    assert.ok(hostile(seeds, 20_000, (b) => sendRoutingInfo.decodeResult!(b, 0, b.length)) > 0);
  });
});
