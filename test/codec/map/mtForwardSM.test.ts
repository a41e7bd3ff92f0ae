import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { mapOctetsView } from "../../../src/codec/map/common-sms.js";
import {
  type MtForwardSmArg,
  type MtForwardSmRes,
  mtForwardSM,
} from "../../../src/codec/map/operations/mtForwardSM.js";
import {
  arbAddress,
  arbBytes,
  arbFlag,
  arbImsi,
  arbLmsi,
  arbOctets,
  arbRaw,
  arbRawSequence,
  argumentRoundTrip,
  assertDecodeError,
  DELIVER_TPDU,
  hostile,
  MT_FSM_ARG,
  resultRoundTrip,
  valueRoundTrip,
} from "./common-sms-helpers.js";

describe("mt-ForwardSM (opcode 44, TS 29.002 §12.9)", () => {
  it("decodes sm-RP-DA imsi, sm-RP-OA service centre, sm-RP-UI as offsets and moreMessagesToSend", () => {
    const v = argumentRoundTrip<MtForwardSmArg>(mtForwardSM, MT_FSM_ARG);
    assert.deepEqual(v.smRpDa, { kind: "imsi", imsi: "001010123456789" });
    assert.equal(v.smRpOa.kind, "serviceCentreAddressOA");
    if (v.smRpOa.kind === "serviceCentreAddressOA") {
      assert.equal(v.smRpOa.serviceCentreAddressOA.digits, "447700900123");
      assert.equal(v.smRpOa.serviceCentreAddressOA.natureOfAddress, 1);
      assert.equal(v.smRpOa.serviceCentreAddressOA.numberingPlan, 1);
    }
    // The TPDU stays in the input buffer: offsets 23..47 are the 24 octets after "04 18".
    assert.equal(v.smRpUi.bytes, MT_FSM_ARG);
    assert.deepEqual([v.smRpUi.start, v.smRpUi.end], [23, 47]);
    assert.equal(toHex(mapOctetsView(v.smRpUi)), fromHex(DELIVER_TPDU).toString("hex"));
    assert.equal(v.moreMessagesToSend, true);
    assert.deepEqual(mtForwardSM.identities(v), { imsi: "001010123456789" });
  });

  it("decodes the LMSI and noSM-RP-DA alternatives of SM-RP-DA", () => {
    // sm-RP-DA lmsi [1] 4 octets, sm-RP-OA msisdn [2]; then noSM-RP-DA [5] / noSM-RP-OA [5].
    const lmsi = argumentRoundTrip<MtForwardSmArg>(
      mtForwardSM,
      fromHex("30 13 81 04 01 02 03 04 82 07 91 44 77 00 09 10 f2 04 02 00 00"),
    );
    assert.deepEqual(lmsi.smRpDa, { kind: "lmsi", lmsi: "01020304" });
    assert.deepEqual(mtForwardSM.identities(lmsi), { msisdn: "44770090012" });
    const none = argumentRoundTrip<MtForwardSmArg>(mtForwardSM, fromHex("30 08 85 00 85 00 04 02 00 00"));
    assert.deepEqual(none.smRpDa, { kind: "noSmRpDa" });
    assert.deepEqual(none.smRpOa, { kind: "noSmRpOa" });
  });

  it("keeps the v3 extension additions: smDeliveryTimer, correlationID and smsGmscAddress [3]", () => {
    // ..., smDeliveryTimer INTEGER 300 (02 02 01 2c), correlationID [1] { sip-uri-B [2] 'ab' },
    // smsGmscAddress [3] +447700900123.
    const bytes = fromHex(
      "30 28 80 08 00 01 01 21 43 65 87 f9 84 07 91 44 77 00 09 10 32 04 01 00" +
        " 02 02 01 2c a1 03 82 01 ab 83 07 91 44 77 00 09 10 32",
    );
    const v = argumentRoundTrip<MtForwardSmArg>(mtForwardSM, bytes);
    assert.equal(v.smDeliveryTimer, 300);
    assert.equal(toHex(v.correlationId!.bytes, v.correlationId!.start, v.correlationId!.end), "a1038201ab");
    assert.equal(v.smsGmscAddress?.digits, "447700900123");
  });

  it("decodes the result with and without the SMS-DELIVER-REPORT", () => {
    // MT-ForwardSM-Res ::= SEQUENCE { sm-RP-UI SignalInfo OPTIONAL, extensionContainer OPTIONAL, ... }
    const empty = resultRoundTrip<MtForwardSmRes>(mtForwardSM, fromHex("30 00"));
    assert.deepEqual(empty, {});
    const report = resultRoundTrip<MtForwardSmRes>(mtForwardSM, fromHex("30 04 04 02 00 00"));
    assert.deepEqual([report.smRpUi?.start, report.smRpUi?.end], [4, 6]);
  });

  it("rejects a missing sm-RP-UI and a SignalInfo longer than 200 octets", () => {
    assertDecodeError(
      () => mtForwardSM.decodeArgument(fromHex("30 04 85 00 85 00"), 0, 6),
      /mandatory smRpUi/,
    );
    const long = Buffer.concat([fromHex("30 81 d0 85 00 85 00 04 81 c9"), Buffer.alloc(201)]);
    assertDecodeError(() => mtForwardSM.decodeArgument(long, 0, long.length), /SIZE/);
  });

  it("round-trips arguments with every optional component present or absent (property)", () => {
    const smRpDa = fc.oneof(
      arbImsi.map((imsi) => ({ kind: "imsi" as const, imsi })),
      arbLmsi.map((lmsi) => ({ kind: "lmsi" as const, lmsi })),
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
        smDeliveryTimer: fc.integer({ min: 30, max: 600 }),
        smDeliveryStartTime: arbBytes(4, 4),
        smsOverIpOnlyIndicator: arbFlag,
        correlationId: arbRaw(1),
        maximumRetransmissionTime: arbBytes(4, 4),
        smsGmscAddress: arbAddress(),
        smsGmscDiameterAddress: arbRaw(4),
      },
      { requiredKeys: ["smRpDa", "smRpOa", "smRpUi"] },
    );
    fc.assert(fc.property(arg, (v) => valueRoundTrip(mtForwardSM, "argument", v)));
    const res = fc.record(
      { smRpUi: arbOctets(1, 200), extensionContainer: arbRawSequence },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(res, (v) => valueRoundTrip(mtForwardSM, "result", v)));
  });

  it("throws only DecodeError on 20 000 mutated arguments and results", () => {
    const seeds = [MT_FSM_ARG, fromHex("30 13 81 04 01 02 03 04 82 07 91 44 77 00 09 10 f2 04 02 00 00")];
    const decoded = hostile(seeds, 20_000, (b) => mtForwardSM.decodeArgument(b, 0, b.length));
    assert.ok(decoded > 0);
    hostile([fromHex("30 04 04 02 00 00")], 2_000, (b) => mtForwardSM.decodeResult!(b, 0, b.length));
  });
});
