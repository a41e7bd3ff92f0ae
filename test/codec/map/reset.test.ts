import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import { type ResetArg, reset } from "../../../src/codec/map/operations/reset.js";
import {
  decode,
  decodeFixture,
  hostileInputs,
  imsiArb,
  isdn,
  isdnArb,
  rawArb,
  recordWith,
  roundTripProperty,
  unknownTailArb,
} from "./mobility-helpers.js";

const codec = reset as never;

// TS 29.002 §17.7.1 ResetArg ::= SEQUENCE { sendingNodenumber SendingNode-Number (CHOICE { hlr-Number
// ISDN-AddressString, css-Number [1] }), hlr-List HLR-List OPTIONAL, ... }; HLR-Id ::= IMSI (leading
// digits): 262011 (62 02 11) and 2620112 (62 02 11 f2, odd count, filler F).
const RESET_V3 = "30 16 04 07 91 94 71 02 00 00 30 30 0b 04 03 62 02 11 04 04 62 02 11 f2";
// v1: ResetArg ::= SEQUENCE { networkResource NetworkResource (hlr (1)), hlr-Number, hlr-List OPTIONAL }.
const RESET_V1 = "30 0c 0a 01 01 04 07 91 94 71 02 00 00 30";
// css-Number [1] alternative (a CSS restart).
const RESET_CSS = "30 09 81 07 91 94 71 02 00 00 70";

describe("MAP reset (TS 29.002 §8.10.1, opcode 37)", () => {
  it("decodes the HLR number and the HLR-Id list", () => {
    const v = decodeFixture<ResetArg>(codec, false, RESET_V3);
    assert.deepEqual(v.hlrNumber, isdn("491720000003"));
    assert.deepEqual(v.hlrList, ["262011", "2620112"]);
    assert.deepEqual(reset.identities(v), {});
  });

  it("decodes the v1 form with networkResource and the css-Number alternative", () => {
    const v1 = decodeFixture<ResetArg>(codec, false, RESET_V1);
    assert.equal(v1.networkResource, 1);
    assert.equal(v1.hlrNumber?.digits, "491720000003");
    const css = decodeFixture<ResetArg>(codec, false, RESET_CSS);
    assert.equal(css.cssNumber?.digits, "491720000007");
    assert.equal(css.hlrNumber, undefined);
  });

  it("rejects a ResetArg naming no sending node or both", () => {
    assert.throws(() => decode(codec, false, fromHex("30 00")), /exactly one/);
    const both = "30 12 04 07 91 94 71 02 00 00 30 81 07 91 94 71 02 00 00 70";
    assert.throws(() => decode(codec, false, fromHex(both)), /exactly one/);
  });

  it("has no result", () => {
    assert.equal(reset.decodeResult, undefined);
  });

  it("round-trips random arguments (property)", () => {
    const node = fc.oneof(
      isdnArb.map((hlrNumber) => ({ hlrNumber })),
      isdnArb.map((cssNumber) => ({ cssNumber })),
    );
    const rest = recordWith<ResetArg>(
      {
        networkResource: fc.integer({ min: 0, max: 7 }),
        hlrList: fc.array(imsiArb, { minLength: 1, maxLength: 50 }),
        extensionContainer: rawArb(0, true),
        resetIdList: rawArb(1, true),
        subscriptionData: rawArb(2, true),
        subscriptionDataDeletion: rawArb(3, true),
        unknownElements: unknownTailArb,
      },
      [],
    );
    roundTripProperty(
      codec,
      false,
      fc.tuple(node, rest).map(([n, r]) => ({ ...r, ...n })),
    );
  });

  it("survives 20 000 mutated inputs with nothing but DecodeError", () => {
    hostileInputs(codec, { argument: [RESET_V3, RESET_V1, RESET_CSS], result: [] });
  });
});
