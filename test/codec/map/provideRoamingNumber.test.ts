import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { BerCursor } from "../../../src/codec/ber/index.js";
import { fromHex } from "../../../src/codec/bytes.js";
import { locateIdentities } from "../../../src/codec/map/identity-paths.js";
import {
  type ProvideRoamingNumberArg,
  type ProvideRoamingNumberRes,
  provideRoamingNumber,
} from "../../../src/codec/map/operations/provideRoamingNumber.js";
import {
  bitsArb,
  decodeFixture,
  hostileInputs,
  imsiArb,
  isdnArb,
  lmsiArb,
  octetsArb,
  rawArb,
  recordWith,
  roundTripProperty,
  unknownTailArb,
} from "./mobility-helpers.js";

const codec = provideRoamingNumber as never;

// TS 29.002 §17.7.3 ProvideRoamingNumberArg ::= SEQUENCE { imsi [0] IMSI, msc-Number [1], msisdn [2],
// lmsi [4], ..., gmsc-Address [8], ..., or-Interrogation [10], ... } (MAP-CH-DataTypes).
const PRN_ARG =
  "30 27" +
  "80 08 62 02 11 32 54 76 98 f0" + // imsi [0] 262011234567890
  "81 07 91 94 71 02 00 00 10" + // msc-Number [1] 491720000001
  "82 07 91 94 71 12 32 54 76" + // msisdn [2] 491721234567
  "88 07 91 94 71 02 00 00 90" + // gmsc-Address [8] 491720000009
  "8a 00"; // or-Interrogation [10]
// v3 result SEQUENCE { roamingNumber, ..., releaseResourcesSupported NULL, vmsc-Address }; v1/v2 bare number.
const PRN_RES = "30 14 04 07 91 94 71 09 00 00 01 05 00 04 07 91 94 71 02 00 00 10";
const PRN_RES_V2 = "04 07 91 94 71 09 00 00 01";

describe("MAP provideRoamingNumber (TS 29.002 §10.2.2, opcode 4)", () => {
  it("decodes an argument with IMSI, MSISDN and GMSC address", () => {
    const v = decodeFixture<ProvideRoamingNumberArg>(codec, false, PRN_ARG);
    assert.equal(v.imsi, "262011234567890");
    assert.equal(v.mscNumber.digits, "491720000001");
    assert.equal(v.msisdn?.digits, "491721234567");
    assert.equal(v.gmscAddress?.digits, "491720000009");
    assert.equal(v.orInterrogation, true);
    assert.deepEqual(provideRoamingNumber.identities(v), { imsi: "262011234567890", msisdn: "491721234567" });
  });

  it("finds IMSI [0] and MSISDN [2] on the fast path", () => {
    const bytes = fromHex(PRN_ARG);
    const r = locateIdentities(4, false, bytes, 0, bytes.length, new BerCursor(bytes));
    assert.equal(r.imsi, "262011234567890");
    assert.equal(r.msisdn, "491721234567");
    assert.deepEqual([r.msisdnStart, r.msisdnEnd], [23, 30]);
  });

  it("decodes the v3 result (two untagged ISDN-AddressStrings told apart by position) and the v2 bare number", () => {
    const v3 = decodeFixture<ProvideRoamingNumberRes>(codec, true, PRN_RES);
    assert.equal(v3.roamingNumber.digits, "491790000010");
    assert.equal(v3.releaseResourcesSupported, true);
    assert.equal(v3.vmscAddress?.digits, "491720000001");
    const v2 = decodeFixture<ProvideRoamingNumberRes>(codec, true, PRN_RES_V2);
    assert.equal(v2.form, "v2");
    assert.equal(v2.roamingNumber.digits, "491790000010");
  });

  it("round-trips random arguments and results (property)", () => {
    const t = fc.constant(true as const);
    const arg = recordWith<ProvideRoamingNumberArg>(
      {
        imsi: imsiArb,
        mscNumber: isdnArb,
        msisdn: isdnArb,
        lmsi: lmsiArb,
        gsmBearerCapability: rawArb(5, true),
        networkSignalInfo: rawArb(6, true),
        suppressionOfAnnouncement: t,
        gmscAddress: isdnArb,
        callReferenceNumber: octetsArb(1, 8),
        orInterrogation: t,
        extensionContainer: rawArb(11, true),
        alertingPattern: octetsArb(1, 1),
        ccbsCall: t,
        supportedCamelPhasesInInterrogatingNode: bitsArb,
        additionalSignalInfo: rawArb(14, true),
        orNotSupportedInGmsc: t,
        prePagingSupported: t,
        longFtnSupported: t,
        suppressVtCsi: t,
        offeredCamel4CsisInInterrogatingNode: bitsArb,
        mtRoamingRetrySupported: t,
        pagingArea: rawArb(22, true),
        callPriority: fc.integer({ min: 0, max: 15 }),
        mtrfIndicator: t,
        oldMscNumber: isdnArb,
        lastUsedLtePlmnId: octetsArb(3, 3),
        unknownElements: unknownTailArb,
      },
      ["imsi", "mscNumber"],
    );
    roundTripProperty(codec, false, arg);
    const res = fc.oneof(
      recordWith<ProvideRoamingNumberRes>(
        {
          roamingNumber: isdnArb,
          extensionContainer: rawArb(16, true, 0),
          releaseResourcesSupported: t,
          vmscAddress: isdnArb,
          unknownElements: unknownTailArb,
        },
        ["roamingNumber"],
      ),
      isdnArb.map((roamingNumber): ProvideRoamingNumberRes => ({ form: "v2", roamingNumber })),
    );
    roundTripProperty(codec, true, res);
  });

  it("survives 20 000 mutated inputs with nothing but DecodeError", () => {
    hostileInputs(codec, { argument: [PRN_ARG], result: [PRN_RES, PRN_RES_V2] });
  });
});
