import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { mapOctetsView } from "../../../src/codec/map/common-sms.js";
import { type MoForwardSmArg, moForwardSM } from "../../../src/codec/map/operations/moForwardSM.js";
import {
  arbAddress,
  arbEnum,
  arbFlag,
  arbImsi,
  arbLmsi,
  arbOctets,
  arbRaw,
  arbRawSequence,
  argumentRoundTrip,
  hostile,
  MT_FSM_ARG,
  resultRoundTrip,
  valueRoundTrip,
} from "./common-sms-helpers.js";

/** SMS-SUBMIT TPDU (TS 23.040 §9.2.2.2) to +44770090013, "hello"; opaque to MAP. */
const SUBMIT_TPDU = "01 00 0b 91 44 77 00 09 10 f3 00 00 05 e8 32 9b fd 06";

/**
 * MO-ForwardSM-Arg v3 (TS 29.002 §17.7.6): sm-RP-DA serviceCentreAddressDA [4] +447700900123, sm-RP-OA
 * msisdn [2] +44770090012, sm-RP-UI, then the v3 extension imsi IMSI 001010123456789 — a second untagged
 * OCTET STRING, told from sm-RP-UI by position.
 */
const MO_FSM_ARG = fromHex(
  `30 30 84 07 91 44 77 00 09 10 32 82 07 91 44 77 00 09 10 f2 04 12 ${SUBMIT_TPDU} 04 08 00 01 01 21 43 65 87 f9`,
);

describe("mo-ForwardSM / forwardSM (opcode 46, TS 29.002 §12.2; MAP v1/v2 forwardSM)", () => {
  it("decodes a v3 MO-ForwardSM with the sender's MSISDN and the trailing IMSI", () => {
    const v = argumentRoundTrip<MoForwardSmArg>(moForwardSM, MO_FSM_ARG);
    assert.equal(v.smRpDa.kind, "serviceCentreAddressDA");
    assert.equal(v.smRpOa.kind, "msisdn");
    assert.equal(toHex(mapOctetsView(v.smRpUi)), fromHex(SUBMIT_TPDU).toString("hex"));
    assert.equal(v.imsi, "001010123456789");
    // The trailing IMSI is in the value but not in identities() (see forwardSmIdentities).
    assert.deepEqual(moForwardSM.identities(v), { msisdn: "44770090012" });
  });

  it("decodes a MAP v2 forwardSM carrying an MT message (sm-RP-DA imsi, moreMessagesToSend)", () => {
    // GSM 09.02 v2 ForwardSM-Arg ::= SEQUENCE { sm-RP-DA, sm-RP-OA, sm-RP-UI, moreMessagesToSend NULL OPTIONAL, ... }:
    // byte for byte the MT-ForwardSM fixture.
    const v = argumentRoundTrip<MoForwardSmArg>(moForwardSM, MT_FSM_ARG);
    assert.deepEqual(v.smRpDa, { kind: "imsi", imsi: "001010123456789" });
    assert.equal(v.moreMessagesToSend, true);
    assert.deepEqual(moForwardSM.identities(v), { imsi: "001010123456789" });
  });

  it("decodes the MAP v1 roamingNumber [3] alternative of sm-RP-DA", () => {
    // GSM 09.02 phase 1: SM-RP-DA also had roamingNumber [3] ISDN-AddressString.
    const v = argumentRoundTrip<MoForwardSmArg>(
      moForwardSM,
      fromHex("30 16 83 07 91 44 77 00 09 99 f9 84 07 91 44 77 00 09 10 32 04 02 00 00"),
    );
    assert.equal(v.smRpDa.kind, "roamingNumber");
  });

  it("decodes the v3 result with and without an SMS-SUBMIT-REPORT", () => {
    assert.deepEqual(resultRoundTrip(moForwardSM, fromHex("30 00")), {});
    const v = resultRoundTrip<{ smRpUi?: { start: number; end: number } }>(
      moForwardSM,
      fromHex("30 07 04 03 01 00 00 30 00"),
    );
    assert.deepEqual([v.smRpUi?.start, v.smRpUi?.end], [4, 7]);
  });

  it("round-trips arguments with every optional component present or absent (property)", () => {
    const smRpDa = fc.oneof(
      arbImsi.map((imsi) => ({ kind: "imsi" as const, imsi })),
      arbLmsi.map((lmsi) => ({ kind: "lmsi" as const, lmsi })),
      arbAddress().map((a) => ({ kind: "roamingNumber" as const, roamingNumber: a })),
      arbAddress(20).map((a) => ({ kind: "serviceCentreAddressDA" as const, serviceCentreAddressDA: a })),
      fc.constant({ kind: "noSmRpDa" as const }),
    );
    const smRpOa = fc.oneof(
      arbAddress().map((a) => ({ kind: "msisdn" as const, msisdn: a })),
      arbAddress(20).map((a) => ({ kind: "serviceCentreAddressOA" as const, serviceCentreAddressOA: a })),
      fc.constant({ kind: "noSmRpOa" as const }),
    );
    const arg = fc.record(
      {
        smRpDa,
        smRpOa,
        smRpUi: arbOctets(1, 200),
        moreMessagesToSend: arbFlag,
        extensionContainer: arbRawSequence,
        imsi: arbImsi,
        correlationId: arbRaw(0),
        smDeliveryOutcome: arbEnum(2),
      },
      { requiredKeys: ["smRpDa", "smRpOa", "smRpUi"] },
    );
    fc.assert(fc.property(arg, (v) => valueRoundTrip(moForwardSM, "argument", v)));
    const res = fc.record(
      { smRpUi: arbOctets(1, 200), extensionContainer: arbRawSequence },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(res, (v) => valueRoundTrip(moForwardSM, "result", v)));
  });

  it("throws only DecodeError on 20 000 mutated arguments", () => {
    const decoded = hostile([MO_FSM_ARG, MT_FSM_ARG], 20_000, (b) =>
      moForwardSM.decodeArgument(b, 0, b.length),
    );
    assert.ok(decoded > 0);
    hostile([fromHex("30 07 04 03 01 00 00 30 00")], 2_000, (b) => moForwardSM.decodeResult!(b, 0, b.length));
  });
});
