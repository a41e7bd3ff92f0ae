import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import {
  type InsertSubscriberDataArg,
  type InsertSubscriberDataRes,
  insertSubscriberData,
} from "../../../src/codec/map/operations/insertSubscriberData.js";
import {
  bits,
  bitsArb,
  decode,
  decodeFixture,
  extensionArb,
  hostileInputs,
  imsiArb,
  isdnArb,
  norm,
  octets,
  octetsArb,
  rawArb,
  recordWith,
  roundTripProperty,
  unknownTailArb,
} from "./mobility-helpers.js";

const codec = insertSubscriberData as never;

// TS 29.002 §17.7.1 InsertSubscriberDataArg ::= SEQUENCE { imsi [0], COMPONENTS OF SubscriberData
// { msisdn [1], category [2], subscriberStatus [3], bearerServiceList [4], teleserviceList [6],
// provisionedSS [7], odb-Data [8], ... }, extensionContainer [14], ... }.
const ISD_ARG =
  "30 32" +
  "80 08 62 02 11 32 54 76 98 f0" + // imsi [0]
  "81 07 91 94 71 12 32 54 76" + // msisdn [1] 491721234567
  "82 01 0a" + // category [2]: ordinary calling subscriber (Q.763 §3.11)
  "83 01 00" + // subscriberStatus [3] serviceGranted
  "a6 06 04 01 11 04 01 21" + // teleserviceList [6]: telephony (0x11), short message MT-PP (0x21)
  "a7 08 a3 06 04 01 11 84 01 04" + // provisionedSS [7]: Ext-SS-Data { CLIP (0x11), provisioned }
  "a8 05 03 03 00 80 00"; // odb-Data [8] { odb-GeneralData: bit 0 allOG-CallsBarred }

// The same profile pushed with later-release additions this codec does not type: additionalMSISDN [41]
// (high tag number form 9f 29) and reset-Id-List [51] (bf 33, constructed).
const ISD_ARG_LATER =
  "30 24" +
  "80 08 62 02 11 32 54 76 98 f0" +
  "81 07 91 94 71 12 32 54 76" +
  "9f 29 07 91 94 71 12 32 54 77" +
  "bf 33 04 04 02 00 01";

// InsertSubscriberDataRes ::= SEQUENCE { teleserviceList [1], ..., ss-List [3], ..., supportedCamelPhases [6] }
const ISD_RES = "30 0e a1 03 04 01 21 a3 03 04 01 2a 86 02 06 c0";

describe("MAP insertSubscriberData (TS 29.002 §8.8.1, opcode 7)", () => {
  it("decodes the core subscriber data and keeps provisionedSS as offsets", () => {
    const v = decodeFixture<InsertSubscriberDataArg>(codec, false, ISD_ARG);
    assert.equal(v.imsi, "262011234567890");
    assert.equal(v.msisdn?.digits, "491721234567");
    assert.equal(v.category, 0x0a);
    assert.equal(v.subscriberStatus, 0);
    assert.deepEqual(norm(v.teleserviceList), ["hex:11", "hex:21"]);
    assert.equal(norm(v.provisionedSS), "tlv:a708a30604011184010 4".replace(" ", ""));
    assert.deepEqual(norm(v.odbData), norm({ odbGeneralData: bits(0, "8000") }));
    assert.deepEqual(insertSubscriberData.identities(v), { imsi: "262011234567890", msisdn: "491721234567" });
  });

  it("keeps later-release additions (high tag numbers) in unknownElements and re-encodes them", () => {
    const v = decodeFixture<InsertSubscriberDataArg>(codec, false, ISD_ARG_LATER);
    assert.deepEqual(
      v.unknownElements?.map((e) => [e.tagNumber, e.constructed]),
      [
        [41, false],
        [51, true],
      ],
    );
  });

  it("decodes the result listing what the VLR does not support", () => {
    const v = decodeFixture<InsertSubscriberDataRes>(codec, true, ISD_RES);
    assert.deepEqual(norm(v.teleserviceList), ["hex:21"]);
    assert.deepEqual(v.ssList, [0x2a]);
    assert.deepEqual(norm(v.supportedCamelPhases), norm(bits(6, "c0")));
  });

  it("rejects a teleserviceList with a foreign element, an empty one (SIZE (1..20)) and an empty odb-Data", () => {
    assert.throws(() => decode(codec, false, fromHex("30 05 a6 03 02 01 11")), /unexpected element/);
    assert.throws(() => decode(codec, false, fromHex("30 02 a6 00")), /fewer than 1/);
    assert.throws(() => decode(codec, false, fromHex("30 02 a8 00")), /mandatory odbGeneralData/);
  });

  it("round-trips random arguments and results (property)", () => {
    const t = fc.constant(true as const);
    const codes = (max: number) => fc.array(octetsArb(1, 5), { minLength: 1, maxLength: max });
    const arg = recordWith<InsertSubscriberDataArg>(
      {
        imsi: imsiArb,
        msisdn: isdnArb,
        category: fc.integer({ min: 0, max: 255 }),
        subscriberStatus: fc.integer({ min: 0, max: 1 }),
        bearerServiceList: codes(50),
        teleserviceList: codes(20),
        provisionedSS: rawArb(7, true),
        odbData: recordWith(
          { odbGeneralData: bitsArb, odbHplmnData: bitsArb, extensionContainer: extensionArb },
          ["odbGeneralData"],
        ),
        roamingRestrictionDueToUnsupportedFeature: t,
        regionalSubscriptionData: fc.array(octetsArb(2, 2), { minLength: 1, maxLength: 10 }),
        vbsSubscriptionData: rawArb(11, true),
        vgcsSubscriptionData: rawArb(12, true),
        vlrCamelSubscriptionInfo: rawArb(13, true),
        extensionContainer: rawArb(14, true),
        naeaPreferredCi: rawArb(15, true),
        gprsSubscriptionData: rawArb(16, true),
        roamingRestrictedInSgsnDueToUnsupportedFeature: t,
        networkAccessMode: fc.integer({ min: 0, max: 2 }),
        lsaInformation: rawArb(25, true),
        lmuIndicator: t,
        lcsInformation: rawArb(22, true),
        istAlertTimer: fc.integer({ min: 15, max: 255 }),
        superChargerSupportedInHlr: octetsArb(1, 6),
        mcSsInfo: rawArb(28, true),
        csAllocationRetentionPriority: octetsArb(1, 1),
        sgsnCamelSubscriptionInfo: rawArb(17, true),
        chargingCharacteristics: octetsArb(2, 2),
        accessRestrictionData: bitsArb,
        icsIndicator: fc.boolean(),
        epsSubscriptionData: rawArb(31, true),
        csgSubscriptionDataList: rawArb(32, true),
        ueReachabilityRequestIndicator: t,
        sgsnNumber: isdnArb,
        mmeName: octetsArb(9, 40),
        unknownElements: unknownTailArb,
      },
      [],
    );
    roundTripProperty(codec, false, arg, 200);
    const res = recordWith<InsertSubscriberDataRes>(
      {
        teleserviceList: codes(20),
        bearerServiceList: codes(50),
        ssList: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 30 }),
        odbGeneralData: bitsArb,
        regionalSubscriptionResponse: fc.integer({ min: 0, max: 3 }),
        supportedCamelPhases: bitsArb,
        extensionContainer: rawArb(7, true),
        offeredCamel4Csis: bitsArb,
        supportedFeatures: bitsArb,
        unknownElements: unknownTailArb,
      },
      [],
    );
    roundTripProperty(codec, true, res);
    void octets;
  });

  it("survives 20 000 mutated inputs with nothing but DecodeError", () => {
    hostileInputs(codec, { argument: [ISD_ARG, ISD_ARG_LATER], result: [ISD_RES] });
  });
});
