import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import {
  type UpdateGprsLocationArg,
  type UpdateGprsLocationRes,
  updateGprsLocation,
} from "../../../src/codec/map/operations/updateGprsLocation.js";
import {
  decode,
  decodeFixture,
  extensionArb,
  hostileInputs,
  imsiArb,
  isdnArb,
  norm,
  octetsArb,
  rawArb,
  recordWith,
  roundTripProperty,
  unknownTailArb,
} from "./mobility-helpers.js";

const codec = updateGprsLocation as never;

// TS 29.002 §17.7.1 UpdateGprsLocationArg ::= SEQUENCE { imsi IMSI, sgsn-Number ISDN-AddressString,
// sgsn-Address GSN-Address, ... }. GSN-Address (§17.7.8): octet 1 = address type 00 (IPv4) and address
// length 4, then 192.168.0.1.
const UGL_ARG =
  "30 1a" +
  "04 08 62 02 11 32 54 76 98 f0" + // imsi
  "04 07 91 94 71 02 00 00 50" + // sgsn-Number 491720000005
  "04 05 04 c0 a8 00 01"; // sgsn-Address
// ... plus usedRAT-Type [8] e-utran (4) and sgsn-Name [19] (an addition this codec keeps as unknown).
const UGL_ARG_EXT = `30 2a ${UGL_ARG.slice(5)} 88 01 04 93 0b 04 73 67 73 6e 03 6d 6e 63 00 00`;
const UGL_RES = "30 0b 04 07 91 94 71 02 00 00 30 80 00";

describe("MAP updateGprsLocation (TS 29.002 §8.1.7, opcode 23)", () => {
  it("decodes IMSI, SGSN number and the SGSN GSN-Address", () => {
    const v = decodeFixture<UpdateGprsLocationArg>(codec, false, UGL_ARG);
    assert.equal(v.imsi, "262011234567890");
    assert.equal(v.sgsnNumber.digits, "491720000005");
    assert.equal(norm(v.sgsnAddress), "hex:04c0a80001");
    assert.deepEqual(updateGprsLocation.identities(v), { imsi: "262011234567890" });
  });

  it("decodes typed additions and keeps later ones as unknown elements", () => {
    const v = decodeFixture<UpdateGprsLocationArg>(codec, false, UGL_ARG_EXT);
    assert.equal(v.usedRatType, 4);
    assert.deepEqual(
      v.unknownElements?.map((e) => e.tagNumber),
      [19],
    );
  });

  it("decodes the result with sgsn-mmeSeparationSupported [0]", () => {
    const v = decodeFixture<UpdateGprsLocationRes>(codec, true, UGL_RES);
    assert.equal(v.hlrNumber.digits, "491720000003");
    assert.equal(v.sgsnMmeSeparationSupported, true);
  });

  it("rejects a GSN-Address shorter than SIZE (5..17)", () => {
    const short = "30 19 04 08 62 02 11 32 54 76 98 f0 04 07 91 94 71 02 00 00 50 04 04 04 c0 a8 00";
    assert.throws(() => decode(codec, false, fromHex(short)), /sgsnAddress: 4 octets/);
  });

  it("round-trips random arguments and results (property)", () => {
    const t = fc.constant(true as const);
    const e = fc.integer({ min: 0, max: 5 });
    const arg = recordWith<UpdateGprsLocationArg>(
      {
        imsi: imsiArb,
        sgsnNumber: isdnArb,
        sgsnAddress: octetsArb(5, 17),
        extensionContainer: extensionArb,
        sgsnCapability: rawArb(0, true),
        informPreviousNetworkEntity: t,
        psLcsNotSupportedByUe: t,
        vGmlcAddress: octetsArb(5, 17),
        addInfo: rawArb(4, true),
        epsInfo: rawArb(5, true),
        servingNodeTypeIndicator: t,
        skipSubscriberDataUpdate: t,
        usedRatType: e,
        gprsSubscriptionDataNotNeeded: t,
        nodeTypeIndicator: t,
        areaRestricted: t,
        ueReachableIndicator: t,
        epsSubscriptionDataNotNeeded: t,
        ueSrvccCapability: e,
        eplmnList: rawArb(15, true),
        mmeNumberForMtSms: isdnArb,
        smsRegisterRequest: e,
        smsOnly: t,
        unknownElements: unknownTailArb,
      },
      ["imsi", "sgsnNumber", "sgsnAddress"],
    );
    roundTripProperty(codec, false, arg);
    const res = recordWith<UpdateGprsLocationRes>(
      {
        hlrNumber: isdnArb,
        extensionContainer: extensionArb,
        addCapability: t,
        sgsnMmeSeparationSupported: t,
        mmeRegisteredForSms: t,
        unknownElements: unknownTailArb,
      },
      ["hlrNumber"],
    );
    roundTripProperty(codec, true, res);
  });

  it("survives 20 000 mutated inputs with nothing but DecodeError", () => {
    hostileInputs(codec, { argument: [UGL_ARG, UGL_ARG_EXT], result: [UGL_RES] });
  });
});
