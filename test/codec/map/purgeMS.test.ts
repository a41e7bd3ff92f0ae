import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import { type PurgeMsArg, type PurgeMsRes, purgeMS } from "../../../src/codec/map/operations/purgeMS.js";
import {
  decode,
  decodeFixture,
  extensionArb,
  hostileInputs,
  imsiArb,
  isdnArb,
  rawArb,
  recordWith,
  roundTripProperty,
  unknownTailArb,
} from "./mobility-helpers.js";

const codec = purgeMS as never;

const IMSI = "62 02 11 32 54 76 98 f0";
// TS 29.002 §17.7.1 PurgeMS-Arg ::= [3] SEQUENCE { imsi IMSI, vlr-Number [0], sgsn-Number [1], ... }.
const PURGE_V3 = `a3 13 04 08 ${IMSI} 80 07 91 94 71 02 00 00 20`;
// MAP v2: PurgeMS-Arg ::= SEQUENCE { imsi IMSI, vlr-Number ISDN-AddressString, ... }.
const PURGE_V2 = `30 13 04 08 ${IMSI} 04 07 91 94 71 02 00 00 20`;
// PurgeMS-Res ::= SEQUENCE { freezeTMSI [0] NULL, freezeP-TMSI [1] NULL, ... }
const PURGE_RES = "30 04 80 00 81 00";

describe("MAP purgeMS (TS 29.002 §8.1.6, opcode 67)", () => {
  it("decodes the v3 [3] SEQUENCE and the v2 SEQUENCE", () => {
    const v3 = decodeFixture<PurgeMsArg>(codec, false, PURGE_V3);
    assert.equal(v3.imsi, "262011234567890");
    assert.equal(v3.vlrNumber?.digits, "491720000002");
    assert.equal(v3.form, undefined);
    const v2 = decodeFixture<PurgeMsArg>(codec, false, PURGE_V2);
    assert.equal(v2.form, "v2");
    assert.equal(v2.vlrNumber?.digits, "491720000002");
    assert.deepEqual(purgeMS.identities(v2), { imsi: "262011234567890" });
  });

  it("decodes the freeze flags of the result", () => {
    assert.deepEqual(decodeFixture<PurgeMsRes>(codec, true, PURGE_RES), {
      freezeTmsi: true,
      freezePTmsi: true,
    });
  });

  it("rejects a v2 argument without its vlr-Number", () => {
    assert.throws(() => decode(codec, false, fromHex(`30 0a 04 08 ${IMSI}`)), /mandatory vlrNumber/);
  });

  it("round-trips random arguments and results (property)", () => {
    const v3 = recordWith<PurgeMsArg>(
      {
        imsi: imsiArb,
        vlrNumber: isdnArb,
        sgsnNumber: isdnArb,
        extensionContainer: extensionArb,
        locationInformation: rawArb(2, true),
        locationInformationGprs: rawArb(3, true),
        locationInformationEps: rawArb(4, true),
        unknownElements: unknownTailArb,
      },
      ["imsi"],
    );
    const v2 = recordWith<PurgeMsArg>(
      { imsi: imsiArb, vlrNumber: isdnArb, unknownElements: unknownTailArb },
      ["imsi", "vlrNumber"],
    ).map((v): PurgeMsArg => ({ ...v, form: "v2" }));
    roundTripProperty(codec, false, fc.oneof(v3, v2));
    const t = fc.constant(true as const);
    const res = recordWith<PurgeMsRes>(
      {
        freezeTmsi: t,
        freezePTmsi: t,
        extensionContainer: extensionArb,
        freezeMTmsi: t,
        unknownElements: unknownTailArb,
      },
      [],
    );
    roundTripProperty(codec, true, res);
  });

  it("survives 20 000 mutated inputs with nothing but DecodeError", () => {
    hostileInputs(codec, { argument: [PURGE_V3, PURGE_V2], result: [PURGE_RES] });
  });
});
