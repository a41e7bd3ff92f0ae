import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BerCursor } from "../../../src/codec/ber/index.js";
import { fromHex } from "../../../src/codec/bytes.js";
import { locateIdentities } from "../../../src/codec/map/identity-paths.js";
import { type SendImsiArg, type SendImsiRes, sendIMSI } from "../../../src/codec/map/operations/sendIMSI.js";
import {
  decode,
  decodeFixture,
  hostileInputs,
  imsiArb,
  isdn,
  isdnArb,
  roundTripProperty,
} from "./mobility-helpers.js";

const codec = sendIMSI as never;

// TS 29.002 §17.6.5 sendIMSI: ARGUMENT ISDN-AddressString (the MSISDN), RESULT IMSI.
const SI_ARG = "04 07 91 94 71 12 32 54 76"; // 491721234567
const SI_RES = "04 08 62 02 11 32 54 76 98 f0"; // 262011234567890

describe("MAP sendIMSI (TS 29.002 §13.2, opcode 58)", () => {
  it("decodes the MSISDN argument and the IMSI result", () => {
    const a = decodeFixture<SendImsiArg>(codec, false, SI_ARG);
    assert.deepEqual(a, { msisdn: isdn("491721234567") });
    assert.deepEqual(sendIMSI.identities(a), { msisdn: "491721234567" });
    const r = decodeFixture<SendImsiRes>(codec, true, SI_RES);
    assert.deepEqual(r, { imsi: "262011234567890" });
    assert.deepEqual(sendIMSI.identities(r), { imsi: "262011234567890" });
  });

  it("finds the parameter-is-the-identity forms on the fast path", () => {
    const a = fromHex(SI_ARG);
    const r = fromHex(SI_RES);
    const c = new BerCursor(a);
    assert.equal(locateIdentities(58, false, a, 0, a.length, c).msisdn, "491721234567");
    assert.equal(locateIdentities(58, true, r, 0, r.length, c).imsi, "262011234567890");
  });

  it("rejects an IMSI of 9 octets and a constructed argument", () => {
    assert.throws(() => decode(codec, true, fromHex("04 09 62 02 11 32 54 76 98 10 f0")), /SIZE \(3\.\.8\)/);
    assert.throws(() => decode(codec, false, fromHex("24 00")), /expected/);
  });

  it("round-trips random MSISDNs and IMSIs (property)", () => {
    roundTripProperty(
      codec,
      false,
      isdnArb.map((msisdn) => ({ msisdn })),
    );
    roundTripProperty(
      codec,
      true,
      imsiArb.map((imsi) => ({ imsi })),
    );
  });

  it("survives 20 000 mutated inputs with nothing but DecodeError", () => {
    hostileInputs(codec, { argument: [SI_ARG], result: [SI_RES] });
  });
});
