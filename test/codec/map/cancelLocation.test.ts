import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import {
  type CancelLocationArg,
  type CancelLocationRes,
  cancelLocation,
  type MapIdentity,
} from "../../../src/codec/map/operations/cancelLocation.js";
import {
  decode,
  decodeFixture,
  extensionArb,
  hostileInputs,
  imsiArb,
  isdnArb,
  lmsiArb,
  recordWith,
  roundTripProperty,
  unknownTailArb,
} from "./mobility-helpers.js";

const codec = cancelLocation as never;

const IMSI = "62 02 11 32 54 76 98 f0"; // 262011234567890, TBCD (§17.7.8)

// TS 29.002 §17.7.1 CancelLocationArg ::= [3] SEQUENCE { identity Identity, cancellationType
// CancellationType, ... }; Identity ::= CHOICE { imsi IMSI, imsi-WithLMSI SEQUENCE { imsi, lmsi } }.
// Here identity = imsi-WithLMSI, cancellationType = subscriptionWithdraw (1).
const CL_V3_WITH_LMSI = `a3 15 30 10 04 08 ${IMSI} 04 04 01 02 03 04 0a 01 01`;
// v3 with the bare imsi alternative, typeOfUpdate [0] mme-change (1) and newMSC-Number [3].
const CL_V3 = `a3 19 04 08 ${IMSI} 0a 01 00 80 01 01 83 07 91 94 71 02 00 00 10`;
// v1/v2: CancelLocationArg ::= Identity, here the bare IMSI and the IMSI-WithLMSI SEQUENCE.
const CL_V2 = `04 08 ${IMSI}`;
const CL_V2_WITH_LMSI = `30 10 04 08 ${IMSI} 04 04 01 02 03 04`;
const CL_RES = "30 00";

describe("MAP cancelLocation (TS 29.002 §8.1.3, opcode 3)", () => {
  it("decodes the v3 [3] SEQUENCE with the imsi-WithLMSI identity", () => {
    const v = decodeFixture<CancelLocationArg>(codec, false, CL_V3_WITH_LMSI);
    assert.deepEqual(v.identity, { imsi: "262011234567890", lmsi: "01020304" });
    assert.equal(v.cancellationType, 1);
    assert.equal(v.form, undefined);
    assert.deepEqual(cancelLocation.identities(v), { imsi: "262011234567890" });
  });

  it("decodes the v3 bare-IMSI identity with extension additions", () => {
    const v = decodeFixture<CancelLocationArg>(codec, false, CL_V3);
    assert.deepEqual(v.identity, { imsi: "262011234567890" });
    assert.equal(v.cancellationType, 0);
    assert.equal(v.typeOfUpdate, 1);
    assert.equal(v.newMscNumber?.digits, "491720000001");
  });

  it("decodes the v1/v2 bare Identity in both alternatives", () => {
    const a = decodeFixture<CancelLocationArg>(codec, false, CL_V2);
    assert.deepEqual(a, { form: "v2", identity: { imsi: "262011234567890" } });
    const b = decodeFixture<CancelLocationArg>(codec, false, CL_V2_WITH_LMSI);
    assert.deepEqual(b, { form: "v2", identity: { imsi: "262011234567890", lmsi: "01020304" } });
  });

  it("decodes the empty v3 result", () => {
    assert.deepEqual(decodeFixture<CancelLocationRes>(codec, true, CL_RES), {});
  });

  it("rejects an IMSI-WithLMSI without its LMSI and an identity of the wrong type", () => {
    assert.throws(() => decode(codec, false, fromHex(`30 0a 04 08 ${IMSI}`)), /mandatory lmsi/);
    assert.throws(() => decode(codec, false, fromHex("02 01 05")), /unexpected/);
  });

  it("round-trips random arguments and results (property)", () => {
    const identity: fc.Arbitrary<MapIdentity> = fc.oneof(
      imsiArb.map((imsi) => ({ imsi })),
      fc.record({ imsi: imsiArb, lmsi: lmsiArb }),
    );
    const enumArb = fc.integer({ min: 0, max: 2 });
    const v3 = recordWith<CancelLocationArg>(
      {
        identity,
        cancellationType: enumArb,
        extensionContainer: extensionArb,
        typeOfUpdate: fc.integer({ min: 0, max: 1 }),
        mtrfSupportedAndAuthorized: fc.constant(true as const),
        mtrfSupportedAndNotAuthorized: fc.constant(true as const),
        newMscNumber: isdnArb,
        newVlrNumber: isdnArb,
        newLmsi: lmsiArb,
        reattachRequired: fc.constant(true as const),
        unknownElements: unknownTailArb,
      },
      ["identity"],
    );
    const v2 = identity.map((id): CancelLocationArg => ({ form: "v2", identity: id }));
    roundTripProperty(codec, false, fc.oneof(v3, v2));
    roundTripProperty(
      codec,
      true,
      recordWith<CancelLocationRes>(
        { extensionContainer: extensionArb, unknownElements: unknownTailArb },
        [],
      ),
    );
  });

  it("survives 20 000 mutated inputs with nothing but DecodeError", () => {
    hostileInputs(codec, { argument: [CL_V3_WITH_LMSI, CL_V3, CL_V2, CL_V2_WITH_LMSI], result: [CL_RES] });
  });
});
