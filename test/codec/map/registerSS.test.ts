import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { BerCursor } from "../../../src/codec/ber/index.js";
import { fromHex } from "../../../src/codec/bytes.js";
import { locateIdentities } from "../../../src/codec/map/identity-paths.js";
import {
  type CallBarringInfo,
  type ForwardingInfo,
  type RegisterSsArg,
  type RegisterSsRes,
  registerSS,
  type SsData,
} from "../../../src/codec/map/operations/registerSS.js";
import {
  addressArb,
  basicServiceArb,
  decode,
  decodeFixture,
  hostileInputs,
  isdnArb,
  norm,
  octetsArb,
  rawArb,
  recordWith,
  roundTripProperty,
  unknownTailArb,
} from "./mobility-helpers.js";

const codec = registerSS as never;

// TS 29.002 §17.7.4 RegisterSS-Arg ::= SEQUENCE { ss-Code SS-Code, basicService BasicServiceCode,
// forwardedToNumber [4] AddressString, ... }: register CFU (SS-Code 0x21, MAP-SS-Code) for telephony
// (teleservice [3] 0x11) to 491721234567.
const RSS_ARG = "30 0f 04 01 21 83 01 11 84 07 91 94 71 12 32 54 76";
// SS-Info ::= CHOICE { forwardingInfo [0] ForwardingInfo { ss-Code, forwardingFeatureList SEQUENCE OF
// ForwardingFeature { basicService, ss-Status [4], forwardedToNumber [5], ... } }, ... }.
const RSS_RES =
  "a0 16 04 01 21" + // forwardingInfo [0], ss-Code CFU
  "30 11 30 0f" + // forwardingFeatureList, one ForwardingFeature
  "83 01 11 84 01 07 85 07 91 94 71 12 32 54 76"; // telephony, status P+R+A, forwardedToNumber
// callBarringInfo [1] { ss-Code BAOC (0x92), callBarringFeatureList { { ss-Status [4] active } } }.
const RSS_RES_BARRING = "a1 0a 04 01 92 30 05 30 03 84 01 05";
// ss-Data [3] { ss-Code CLIR (0x12), ss-Status [4], ss-SubscriptionOption cliRestrictionOption [2] }.
const RSS_RES_DATA = "a3 09 04 01 12 84 01 05 82 01 01";

describe("MAP registerSS (TS 29.002 §11.2, opcode 10)", () => {
  it("decodes a call-forwarding registration", () => {
    const v = decodeFixture<RegisterSsArg>(codec, false, RSS_ARG);
    assert.equal(v.ssCode, 0x21);
    assert.deepEqual(norm(v.basicService), { code: "hex:11", kind: "teleservice" });
    assert.equal(v.forwardedToNumber?.digits, "491721234567");
    assert.deepEqual(registerSS.identities(v), {});
  });

  it("decodes the three SS-Info alternatives", () => {
    const f = decodeFixture<{ forwardingInfo: ForwardingInfo }>(codec, true, RSS_RES).forwardingInfo;
    assert.equal(f.ssCode, 0x21);
    assert.equal(f.forwardingFeatureList.length, 1);
    assert.equal(f.forwardingFeatureList[0]!.ssStatus, 7);
    assert.equal(f.forwardingFeatureList[0]!.forwardedToNumber?.digits, "491721234567");
    const b = decodeFixture<{ callBarringInfo: CallBarringInfo }>(
      codec,
      true,
      RSS_RES_BARRING,
    ).callBarringInfo;
    assert.deepEqual(b, { ssCode: 0x92, callBarringFeatureList: [{ ssStatus: 5 }] });
    const d = decodeFixture<{ ssData: SsData }>(codec, true, RSS_RES_DATA).ssData;
    assert.equal(d.ssCode, 0x12);
    assert.equal(norm(d.ssSubscriptionOption), "tlv:820101");
  });

  it("rejects an unknown SS-Info alternative and an empty forwarding feature list", () => {
    assert.throws(() => decode(codec, true, fromHex("a2 00")), /unexpected alternative/);
    assert.throws(() => decode(codec, true, fromHex("a0 02 30 00")), /fewer than 1/);
  });

  it("has no identity on the fast path: the subscriber is named by the dialogue", () => {
    const bytes = fromHex(RSS_ARG);
    const r = locateIdentities(10, false, bytes, 0, bytes.length, new BerCursor(bytes));
    assert.equal(r.known, true);
    assert.equal(r.imsi, undefined);
  });

  it("round-trips random arguments and results (property)", () => {
    const arg = recordWith<RegisterSsArg>(
      {
        ssCode: fc.integer({ min: 0, max: 255 }),
        basicService: basicServiceArb(1),
        forwardedToNumber: addressArb(38),
        forwardedToSubaddress: octetsArb(1, 21),
        noReplyConditionTime: fc.integer({ min: 5, max: 30 }),
        defaultPriority: fc.integer({ min: 0, max: 15 }),
        nbrUser: fc.integer({ min: 1, max: 7 }),
        longFtnSupported: fc.constant(true as const),
        unknownElements: unknownTailArb,
      },
      ["ssCode"],
    );
    roundTripProperty(codec, false, arg);
    const ssCode = fc.integer({ min: 0, max: 255 });
    const ssStatus = fc.integer({ min: 0, max: 15 });
    const feature = recordWith(
      {
        basicService: basicServiceArb(1),
        ssStatus,
        forwardedToNumber: isdnArb,
        forwardedToSubaddress: octetsArb(1, 21),
        forwardingOptions: octetsArb(1, 1),
        noReplyConditionTime: fc.integer({ min: 5, max: 30 }),
        longForwardedToNumber: addressArb(28),
        unknownElements: unknownTailArb,
      },
      [],
    );
    const res: fc.Arbitrary<RegisterSsRes> = fc.oneof(
      recordWith<ForwardingInfo>(
        { ssCode, forwardingFeatureList: fc.array(feature, { minLength: 1, maxLength: 13 }) },
        ["forwardingFeatureList"],
      ).map((forwardingInfo) => ({ forwardingInfo })),
      recordWith<CallBarringInfo>(
        {
          ssCode,
          callBarringFeatureList: fc.array(recordWith({ basicService: basicServiceArb(1), ssStatus }, []), {
            minLength: 1,
            maxLength: 13,
          }),
          unknownElements: unknownTailArb,
        },
        ["callBarringFeatureList"],
      ).map((callBarringInfo) => ({ callBarringInfo })),
      recordWith<SsData>(
        {
          ssCode,
          ssStatus,
          ssSubscriptionOption: fc.oneof(rawArb(2, false), rawArb(1, false)),
          basicServiceGroupList: fc.array(basicServiceArb(1), { minLength: 1, maxLength: 13 }),
          defaultPriority: fc.integer({ min: 0, max: 15 }),
          nbrUser: fc.integer({ min: 1, max: 7 }),
          unknownElements: unknownTailArb,
        },
        [],
      ).map((ssData) => ({ ssData })),
    );
    roundTripProperty(codec, true, res);
  });

  it("survives 20 000 mutated inputs with nothing but DecodeError", () => {
    hostileInputs(codec, { argument: [RSS_ARG], result: [RSS_RES, RSS_RES_BARRING, RSS_RES_DATA] });
  });
});
