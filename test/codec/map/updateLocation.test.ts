import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { BerCursor } from "../../../src/codec/ber/index.js";
import { fromHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { locateIdentities } from "../../../src/codec/map/identity-paths.js";
import {
  type UpdateLocationArg,
  type UpdateLocationRes,
  updateLocation,
} from "../../../src/codec/map/operations/updateLocation.js";
import {
  decode,
  decodeFixture,
  extensionArb,
  hostileInputs,
  imsiArb,
  isdnArb,
  lmsiArb,
  norm,
  octetsArb,
  rawArb,
  recordWith,
  roundTripProperty,
  unknownTailArb,
} from "./mobility-helpers.js";

const codec = updateLocation as never;

// Hand-built from TS 29.002 §17.7.1 UpdateLocationArg ::= SEQUENCE { imsi IMSI, msc-Number [1]
// ISDN-AddressString, vlr-Number ISDN-AddressString, lmsi [10] LMSI, ..., vlr-Capability [6] ... }.
// IMSI 262011234567890 in TBCD (§17.7.8, digits swapped per octet, filler F): 62 02 11 32 54 76 98 f0.
// ISDN-AddressString 0x91 = extension 1, nature 001 international, plan 0001 ISDN/E.164.
const UL_ARG =
  "30 28" +
  "04 08 62 02 11 32 54 76 98 f0" + // imsi
  "81 07 91 94 71 02 00 00 10" + // msc-Number [1] 491720000001
  "04 07 91 94 71 02 00 00 20" + // vlr-Number 491720000002
  "8a 04 01 02 03 04" + // lmsi [10]
  "a6 04 80 02 06 c0"; // vlr-Capability [6] { supportedCamelPhases [0] phase1+phase2 }

// The same with an element this codec does not know ([PRIVATE 5]) between lmsi and vlr-Capability and a
// context tag [40] (a later release's addition) at the end; both must survive re-encoding in place.
const UL_ARG_UNKNOWN =
  "30 30" +
  "04 08 62 02 11 32 54 76 98 f0" +
  "81 07 91 94 71 02 00 00 10" +
  "04 07 91 94 71 02 00 00 20" +
  "8a 04 01 02 03 04" +
  "c5 01 aa" +
  "a6 04 80 02 06 c0" +
  "9f 28 02 bb cc";

// UpdateLocationRes v2/v3 SEQUENCE { hlr-Number } and the v1 bare hlr-Number (GSM 09.02 phase 1).
const UL_RES = "30 09 04 07 91 94 71 02 00 00 30";
const UL_RES_V1 = "04 07 91 94 71 02 00 00 30";

describe("MAP updateLocation (TS 29.002 §8.1.2, opcode 2)", () => {
  it("decodes an UpdateLocationArg with IMSI, MSC/VLR numbers, LMSI and VLR-Capability", () => {
    const v = decodeFixture<UpdateLocationArg>(codec, false, UL_ARG);
    assert.equal(v.imsi, "262011234567890");
    assert.equal(v.mscNumber.digits, "491720000001");
    assert.equal(v.mscNumber.natureOfAddress, 1);
    assert.equal(v.mscNumber.numberingPlan, 1);
    assert.equal(v.vlrNumber.digits, "491720000002");
    assert.equal(v.lmsi, "01020304");
    assert.deepEqual(norm(v.vlrCapability), "tlv:a604800206c0");
    assert.equal(v.unknownElements, undefined);
    assert.deepEqual(updateLocation.identities(v), { imsi: "262011234567890" });
  });

  it("keeps unknown elements as offsets at their position and re-encodes them exactly", () => {
    decodeFixture<UpdateLocationArg>(codec, false, UL_ARG_UNKNOWN);
    const bytes = fromHex(UL_ARG_UNKNOWN);
    const v = decode(codec, false, bytes) as UpdateLocationArg;
    assert.equal(v.unknownElements?.length, 2);
    const [a, b] = v.unknownElements!;
    // [PRIVATE 5] at offsets 36..39, after the 4 typed components imsi, msc-Number, vlr-Number, lmsi.
    assert.deepEqual([a!.tagClass, a!.tagNumber, a!.start, a!.end, a!.slot], [3, 5, 36, 39, 4]);
    assert.equal(a!.bytes, bytes, "kept as offsets into the decoded buffer, not copied");
    assert.deepEqual([b!.tagClass, b!.tagNumber, b!.slot], [2, 40, 6]);
    assert.ok(v.vlrCapability);
  });

  it("decodes the v2/v3 result and the v1 bare hlr-Number", () => {
    const v3 = decodeFixture<UpdateLocationRes>(codec, true, UL_RES);
    assert.equal(v3.hlrNumber.digits, "491720000003");
    assert.equal(v3.form, undefined);
    const v1 = decodeFixture<UpdateLocationRes>(codec, true, UL_RES_V1);
    assert.equal(v1.form, "v1");
    assert.equal(v1.hlrNumber.digits, "491720000003");
    assert.deepEqual(updateLocation.identities(v1), {});
  });

  it("rejects a missing mandatory vlr-Number, a wrong outer tag and trailing data", () => {
    const noVlr = "30 13 04 08 62 02 11 32 54 76 98 f0 81 07 91 94 71 02 00 00 10";
    assert.throws(() => decode(codec, false, fromHex(noVlr)), /mandatory vlrNumber/);
    assert.throws(() => decode(codec, false, fromHex(`a3${UL_ARG.slice(2)}`)), DecodeError);
    assert.throws(() => decode(codec, false, fromHex(`${UL_ARG} 00`)), DecodeError);
  });

  it("finds the IMSI on the fast path without a full decode", () => {
    const bytes = fromHex(UL_ARG);
    const r = locateIdentities(2, false, bytes, 0, bytes.length, new BerCursor(bytes));
    assert.equal(r.imsi, "262011234567890");
    assert.deepEqual([r.imsiStart, r.imsiEnd], [4, 12]);
    assert.equal(r.msisdn, undefined);
  });

  it("round-trips random arguments and results (property)", () => {
    const arg = recordWith<UpdateLocationArg>(
      {
        imsi: imsiArb,
        mscNumber: isdnArb,
        vlrNumber: isdnArb,
        lmsi: lmsiArb,
        extensionContainer: extensionArb,
        vlrCapability: rawArb(6, true),
        informPreviousNetworkEntity: fc.constant(true as const),
        csLcsNotSupportedByUe: fc.constant(true as const),
        vGmlcAddress: octetsArb(5, 17),
        addInfo: rawArb(13, true),
        pagingArea: rawArb(14, true),
        skipSubscriberDataUpdate: fc.constant(true as const),
        restorationIndicator: fc.constant(true as const),
        eplmnList: rawArb(3, true),
        mmeDiameterAddress: rawArb(4, true),
        unknownElements: unknownTailArb,
      },
      ["imsi", "mscNumber", "vlrNumber"],
    );
    roundTripProperty(codec, false, arg);
    const res = fc.oneof(
      recordWith<UpdateLocationRes>(
        {
          hlrNumber: isdnArb,
          extensionContainer: extensionArb,
          addCapability: fc.constant(true as const),
          pagingAreaCapability: fc.constant(true as const),
          unknownElements: unknownTailArb,
        },
        ["hlrNumber"],
      ),
      isdnArb.map((hlrNumber): UpdateLocationRes => ({ form: "v1", hlrNumber })),
    );
    roundTripProperty(codec, true, res);
  });

  it("survives 20 000 mutated inputs with nothing but DecodeError", () => {
    hostileInputs(codec, { argument: [UL_ARG, UL_ARG_UNKNOWN], result: [UL_RES, UL_RES_V1] });
  });
});
