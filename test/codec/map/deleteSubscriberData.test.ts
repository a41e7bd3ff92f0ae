import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import {
  type DeleteSubscriberDataArg,
  type DeleteSubscriberDataRes,
  deleteSubscriberData,
} from "../../../src/codec/map/operations/deleteSubscriberData.js";
import {
  basicServiceArb,
  bitsArb,
  decode,
  decodeFixture,
  extensionArb,
  hostileInputs,
  imsiArb,
  norm,
  octetsArb,
  rawArb,
  recordWith,
  roundTripProperty,
  unknownTailArb,
} from "./mobility-helpers.js";

const codec = deleteSubscriberData as never;

// TS 29.002 §17.7.1 DeleteSubscriberDataArg ::= SEQUENCE { imsi [0], basicServiceList [1] (SEQUENCE OF
// Ext-BasicServiceCode CHOICE { ext-BearerService [2], ext-Teleservice [3] }), ss-List [2], ...,
// camelSubscriptionInfoWithdraw [9] NULL, ... }.
const DSD_ARG =
  "30 19" +
  "80 08 62 02 11 32 54 76 98 f0" + // imsi [0]
  "a1 06 82 01 10 83 01 11" + // basicServiceList: bearer 0x10, teleservice telephony 0x11
  "a2 03 04 01 21" + // ss-List: CFU (0x21)
  "89 00"; // camelSubscriptionInfoWithdraw [9]
// DeleteSubscriberDataRes ::= SEQUENCE { regionalSubscriptionResponse [0] zoneCodesConflict (2), ... }
const DSD_RES = "30 03 80 01 02";

describe("MAP deleteSubscriberData (TS 29.002 §8.8.2, opcode 8)", () => {
  it("decodes the IMSI, the basic service CHOICE list, the SS list and NULL flags", () => {
    const v = decodeFixture<DeleteSubscriberDataArg>(codec, false, DSD_ARG);
    assert.equal(v.imsi, "262011234567890");
    assert.deepEqual(norm(v.basicServiceList), [
      { code: "hex:10", kind: "bearerService" },
      { code: "hex:11", kind: "teleservice" },
    ]);
    assert.deepEqual(v.ssList, [0x21]);
    assert.equal(v.camelSubscriptionInfoWithdraw, true);
    assert.deepEqual(deleteSubscriberData.identities(v), { imsi: "262011234567890" });
  });

  it("decodes the result", () => {
    assert.deepEqual(decodeFixture<DeleteSubscriberDataRes>(codec, true, DSD_RES), {
      regionalSubscriptionResponse: 2,
    });
  });

  it("rejects a NULL flag with content and an SS-Code longer than one octet", () => {
    assert.throws(
      () => decode(codec, false, fromHex("30 0d 80 08 62 02 11 32 54 76 98 f0 89 01 00")),
      /SIZE/,
    );
    assert.throws(
      () => decode(codec, false, fromHex("30 0e 80 08 62 02 11 32 54 76 98 f0 a2 02 04 00")),
      /SIZE/,
    );
  });

  it("round-trips random arguments and results (property)", () => {
    const t = fc.constant(true as const);
    const arg = recordWith<DeleteSubscriberDataArg>(
      {
        imsi: imsiArb,
        basicServiceList: fc.array(basicServiceArb(5), { minLength: 1, maxLength: 70 }),
        ssList: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 30 }),
        roamingRestrictionDueToUnsupportedFeature: t,
        regionalSubscriptionIdentifier: octetsArb(2, 2),
        vbsGroupIndication: t,
        vgcsGroupIndication: t,
        camelSubscriptionInfoWithdraw: t,
        extensionContainer: rawArb(6, true),
        gprsSubscriptionDataWithdraw: rawArb(10, true),
        roamingRestrictedInSgsnDueToUnsupportedFeature: t,
        lsaInformationWithdraw: rawArb(12, true),
        gmlcListWithdraw: t,
        istInformationWithdraw: t,
        specificCsiWithdraw: bitsArb,
        chargingCharacteristicsWithdraw: t,
        stnSrWithdraw: t,
        epsSubscriptionDataWithdraw: rawArb(18, true),
        apnOiReplacementWithdraw: t,
        csgSubscriptionDeleted: t,
        subscribedPeriodicTauRauTimerWithdraw: t,
        subscribedPeriodicLauTimerWithdraw: t,
        subscribedVsrvccWithdraw: t,
        vplmnCsgSubscriptionDeleted: t,
        additionalMsisdnWithdraw: t,
        csToPsSrvccWithdraw: t,
        imsiGroupIdListWithdraw: t,
        userPlaneIntegrityProtectionWithdraw: t,
        dlBufferingSuggestedPacketCountWithdraw: t,
        ueUsageTypeWithdraw: t,
        resetIdsWithdraw: t,
        unknownElements: unknownTailArb,
      },
      ["imsi"],
    );
    roundTripProperty(codec, false, arg, 200);
    const res = recordWith<DeleteSubscriberDataRes>(
      {
        regionalSubscriptionResponse: fc.integer({ min: 0, max: 3 }),
        extensionContainer: extensionArb,
        unknownElements: unknownTailArb,
      },
      [],
    );
    roundTripProperty(codec, true, res);
  });

  it("survives 20 000 mutated inputs with nothing but DecodeError", () => {
    hostileInputs(codec, { argument: [DSD_ARG], result: [DSD_RES] });
  });
});
