import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import {
  type AuthenticationQuintuplet,
  type AuthenticationTriplet,
  type EpcAv,
  type SendAuthenticationInfoArg,
  type SendAuthenticationInfoRes,
  sendAuthenticationInfo,
} from "../../../src/codec/map/operations/sendAuthenticationInfo.js";
import {
  decode,
  decodeFixture,
  extensionArb,
  hostileInputs,
  imsiArb,
  octetsArb,
  rawArb,
  recordWith,
  roundTripProperty,
  unknownTailArb,
} from "./mobility-helpers.js";

const codec = sendAuthenticationInfo as never;

const IMSI = "62 02 11 32 54 76 98 f0";
const RAND = "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f";
const SRES = "a1 a2 a3 a4";
const KC = "b1 b2 b3 b4 b5 b6 b7 b8";
const TRIPLET = `30 22 04 10 ${RAND} 04 04 ${SRES} 04 08 ${KC}`;

// TS 29.002 §17.7.1 SendAuthenticationInfoArg ::= SEQUENCE { imsi [0] IMSI, numberOfRequestedVectors
// INTEGER (1..5), ..., requestingNodeType [3] RequestingNodeType, ... }: three vectors for a VLR (0).
const SAI_V3 = `30 10 80 08 ${IMSI} 02 01 03 83 01 00`;
// MAP v2: SendAuthenticationInfoArg ::= IMSI.
const SAI_V2 = `04 08 ${IMSI}`;
// SendAuthenticationInfoRes ::= [3] SEQUENCE { authenticationSetList CHOICE { tripletList [0]
// SEQUENCE OF AuthenticationTriplet { rand RAND, sres SRES, kc Kc } ... } ... }.
const SAI_RES_V3 = `a3 26 a0 24 ${TRIPLET}`;
// MAP v2: SendAuthenticationInfoRes ::= SEQUENCE SIZE (1..5) OF AuthenticationSet { rand, sres, kc }.
const SAI_RES_V2 = `30 24 ${TRIPLET}`;
// quintupletList [1] with one AuthenticationQuintuplet { rand, xres (8), ck, ik, autn }.
const Q16 = (b: string) => Array(16).fill(b).join(" ");
const QUINTUPLET = `30 52 04 10 ${RAND} 04 08 ${Q16("c1").slice(0, 23)} 04 10 ${Q16("d1")} 04 10 ${Q16("e1")} 04 10 ${Q16("f1")}`;
const SAI_RES_QUINT = `a3 56 a1 54 ${QUINTUPLET}`;

describe("MAP sendAuthenticationInfo (TS 29.002 §8.5.2, opcode 56)", () => {
  it("decodes the v3 argument and the v2 bare IMSI", () => {
    const v3 = decodeFixture<SendAuthenticationInfoArg>(codec, false, SAI_V3);
    assert.deepEqual(v3, { imsi: "262011234567890", numberOfRequestedVectors: 3, requestingNodeType: 0 });
    const v2 = decodeFixture<SendAuthenticationInfoArg>(codec, false, SAI_V2);
    assert.deepEqual(v2, { form: "v2", imsi: "262011234567890" });
    assert.deepEqual(sendAuthenticationInfo.identities(v2), { imsi: "262011234567890" });
  });

  it("decodes triplets as small typed arrays, in the v3 and v2 result forms", () => {
    for (const hex of [SAI_RES_V3, SAI_RES_V2]) {
      const v = decodeFixture<SendAuthenticationInfoRes>(codec, true, hex);
      assert.equal(v.tripletList?.length, 1);
      const t = v.tripletList![0]!;
      assert.ok(t.rand instanceof Uint8Array && t.rand.length === 16);
      assert.equal(toHex(t.rand), RAND.replace(/ /g, ""));
      assert.equal(toHex(t.sres), "a1a2a3a4");
      assert.equal(toHex(t.kc), "b1b2b3b4b5b6b7b8");
    }
    assert.equal(decodeFixture<SendAuthenticationInfoRes>(codec, true, SAI_RES_V2).form, "v2");
  });

  it("decodes quintuplets", () => {
    const v = decodeFixture<SendAuthenticationInfoRes>(codec, true, SAI_RES_QUINT);
    const q = v.quintupletList![0]!;
    assert.equal(q.xres.length, 8);
    assert.equal(q.ck[0], 0xd1);
    assert.equal(q.autn[15], 0xf1);
  });

  it("rejects a RAND of 15 octets and a sixth vector (SIZE (1..5))", () => {
    const shortRand =
      "30 23 30 21 04 0f 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 04 04 a1 a2 a3 a4 04 08 b1 b2 b3 b4 b5 b6 b7 b8";
    assert.throws(() => decode(codec, true, fromHex(shortRand)), /rand: 15 octets/);
    const six = `30 81 d8 ${Array(6).fill(TRIPLET).join(" ")}`;
    assert.throws(() => decode(codec, true, fromHex(six)), /more than 5/);
  });

  it("round-trips random arguments and results (property)", () => {
    const t = fc.constant(true as const);
    const v3 = recordWith<SendAuthenticationInfoArg>(
      {
        imsi: imsiArb,
        numberOfRequestedVectors: fc.integer({ min: 1, max: 5 }),
        segmentationProhibited: t,
        immediateResponsePreferred: t,
        reSynchronisationInfo: fc.record({ rand: octetsArb(16, 16), auts: octetsArb(14, 14) }),
        extensionContainer: rawArb(2, true),
        requestingNodeType: fc.constantFrom(0, 1, 2, 3, 4, 5, 16, 17),
        requestingPlmnId: octetsArb(3, 3),
        numberOfRequestedAdditionalVectors: fc.integer({ min: 1, max: 5 }),
        additionalVectorsAreForEps: t,
        ueUsageTypeRequestIndication: t,
        unknownElements: unknownTailArb,
      },
      ["imsi", "numberOfRequestedVectors"],
    );
    const v2 = imsiArb.map((imsi): SendAuthenticationInfoArg => ({ form: "v2", imsi }));
    roundTripProperty(codec, false, fc.oneof(v3, v2));

    const triplet: fc.Arbitrary<AuthenticationTriplet> = fc.record({
      rand: octetsArb(16, 16),
      sres: octetsArb(4, 4),
      kc: octetsArb(8, 8),
    });
    const quintuplet: fc.Arbitrary<AuthenticationQuintuplet> = fc.record({
      rand: octetsArb(16, 16),
      xres: octetsArb(4, 16),
      ck: octetsArb(16, 16),
      ik: octetsArb(16, 16),
      autn: octetsArb(16, 16),
    });
    const epcAv = recordWith<EpcAv>(
      {
        rand: octetsArb(16, 16),
        xres: octetsArb(4, 16),
        autn: octetsArb(16, 16),
        kasme: octetsArb(32, 32),
        extensionContainer: extensionArb,
      },
      ["rand", "xres", "autn", "kasme"],
    );
    const vectors = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: 1, maxLength: 5 });
    const rest = recordWith<SendAuthenticationInfoRes>(
      {
        extensionContainer: extensionArb,
        epsAuthenticationSetList: vectors(epcAv),
        ueUsageType: octetsArb(4, 4),
        unknownElements: unknownTailArb,
      },
      [],
    );
    const set = fc.oneof(
      fc.constant({}),
      vectors(triplet).map((tripletList) => ({ tripletList })),
      vectors(quintuplet).map((quintupletList) => ({ quintupletList })),
    );
    const resV3 = fc.tuple(rest, set).map(([r, s]): SendAuthenticationInfoRes => ({ ...r, ...s }));
    const resV2 = vectors(triplet).map(
      (tripletList): SendAuthenticationInfoRes => ({ form: "v2", tripletList }),
    );
    roundTripProperty(codec, true, fc.oneof(resV3, resV2), 200);
  });

  it("survives 20 000 mutated inputs with nothing but DecodeError", () => {
    hostileInputs(codec, { argument: [SAI_V3, SAI_V2], result: [SAI_RES_V3, SAI_RES_V2, SAI_RES_QUINT] });
  });
});
