import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { BerWriter } from "../../../src/codec/ber/index.js";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { EncodeError } from "../../../src/codec/errors.js";
import { mapOctetsView } from "../../../src/codec/map/common-sms.js";
import {
  decodeMapErrorParameter,
  encodeMapErrorParameter,
  type MapErrorParameter,
  mapErrorParameterKind,
  NetworkResource,
  SmEnumeratedDeliveryFailureCause,
  TYPED_ERROR_CODES,
} from "../../../src/codec/map/error-parameters.js";
import { mapErrorByCode } from "../../../src/codec/map/errors.js";
import {
  arbEnum,
  arbFlag,
  arbImsi,
  arbOctet,
  arbOctets,
  arbRawSequence,
  assertDecodeError,
  hostile,
  normalize,
} from "./common-sms-helpers.js";

function encode(p: MapErrorParameter): string {
  const w = new BerWriter();
  encodeMapErrorParameter(w, p);
  return toHex(w.finish());
}

/** Decodes, checks that re-encoding reproduces the input, returns the value. */
function roundTrip(errorCode: number, hex: string): MapErrorParameter {
  const bytes = fromHex(hex);
  const p = decodeMapErrorParameter(errorCode, bytes, 0, bytes.length);
  assert.equal(encode(p), toHex(bytes));
  return p;
}

// MAP-Errors local codes, TS 29.002 §17.6.6.
const E = {
  unknownSubscriber: 1,
  absentSubscriberSM: 6,
  callBarred: 13,
  facilityNotSupported: 21,
  absentSubscriber: 27,
  smDeliveryFailure: 32,
  systemFailure: 34,
  dataMissing: 35,
  unexpectedDataValue: 36,
  pwRegistrationFailure: 37,
  unauthorizedRequestingNetwork: 52,
  unknownAlphabet: 71,
} as const;

describe("MAP error parameters (TS 29.002 §17.6.6, §17.7.7)", () => {
  it("decodes absentSubscriberSM with its TS 23.040 diagnostic", () => {
    // AbsentSubscriberSM-Param ::= SEQUENCE { absentSubscriberDiagnosticSM INTEGER 1 (IMSI detached), ... }
    const p = roundTrip(E.absentSubscriberSM, "30 03 02 01 01");
    assert.equal(p.kind, "absentSubscriberSM");
    if (p.kind === "absentSubscriberSM") assert.equal(p.value.absentSubscriberDiagnosticSm, 1);
    // ..., additionalAbsentSubscriberDiagnosticSM [0] 2 (GPRS), imsi [1] 001010123456789.
    const full = roundTrip(E.absentSubscriberSM, "30 10 02 01 01 80 01 02 81 08 00 01 01 21 43 65 87 f9");
    if (full.kind === "absentSubscriberSM") assert.equal(full.value.imsi, "001010123456789");
  });

  it("decodes sm-DeliveryFailure in the v2/v3 SEQUENCE with diagnosticInfo and the v1 bare ENUMERATED", () => {
    // SM-DeliveryFailureCause ::= SEQUENCE { memoryCapacityExceeded (0), diagnosticInfo SignalInfo 00 d3 00 }
    const p = roundTrip(E.smDeliveryFailure, "30 08 0a 01 00 04 03 00 d3 00");
    assert.equal(p.kind, "smDeliveryFailure");
    if (p.kind === "smDeliveryFailure") {
      assert.equal(
        p.value.smEnumeratedDeliveryFailureCause,
        SmEnumeratedDeliveryFailureCause.memoryCapacityExceeded,
      );
      assert.equal(toHex(mapOctetsView(p.value.diagnosticInfo!)), "00d300");
      assert.equal(p.value.form, undefined);
    }
    const v1 = roundTrip(E.smDeliveryFailure, "0a 01 05");
    assert.deepEqual(v1.kind === "smDeliveryFailure" && v1.value, {
      form: "v1",
      smEnumeratedDeliveryFailureCause: 5,
    });
  });

  it("decodes callBarred and systemFailure in both CHOICE arms", () => {
    const cb2 = roundTrip(E.callBarred, "0a 01 00");
    assert.deepEqual(cb2.kind === "callBarred" && cb2.value, { form: "v2", callBarringCause: 0 });
    const cb3 = roundTrip(E.callBarred, "30 05 0a 01 01 81 00");
    assert.deepEqual(cb3.kind === "callBarred" && cb3.value, {
      callBarringCause: 1,
      unauthorisedMessageOriginator: true,
    });
    const sf2 = roundTrip(E.systemFailure, "0a 01 01");
    assert.deepEqual(sf2.kind === "systemFailure" && sf2.value, {
      form: "v2",
      networkResource: NetworkResource.hlr,
    });
    // ExtensibleSystemFailureParam: networkResource vlr (2), additionalNetworkResource [0] gsmSCF (3).
    const sf3 = roundTrip(E.systemFailure, "30 06 0a 01 02 80 01 03");
    assert.deepEqual(sf3.kind === "systemFailure" && sf3.value, {
      networkResource: 2,
      additionalNetworkResource: 3,
    });
  });

  it("decodes the common SEQUENCE parameters", () => {
    const us = roundTrip(E.unknownSubscriber, "30 03 0a 01 00");
    assert.deepEqual(us.kind === "unknownSubscriber" && us.value, { unknownSubscriberDiagnostic: 0 });
    const dm = roundTrip(E.dataMissing, "30 00");
    assert.deepEqual([dm.kind, dm.kind === "dataMissing" && dm.value], ["dataMissing", {}]);
    const ud = roundTrip(E.unexpectedDataValue, "30 02 80 00");
    assert.deepEqual(ud.kind === "unexpectedDataValue" && ud.value, { unexpectedSubscriber: true });
    const fns = roundTrip(E.facilityNotSupported, "30 02 81 00");
    assert.deepEqual(fns.kind === "facilityNotSupported" && fns.value, {
      neededLcsCapabilityNotSupportedInServingNode: true,
    });
    const as = roundTrip(E.absentSubscriber, "30 03 80 01 00");
    assert.deepEqual(as.kind === "absentSubscriber" && as.value, { absentSubscriberReason: 0 });
    const urn = roundTrip(E.unauthorizedRequestingNetwork, "30 02 30 00");
    assert.equal(urn.kind, "unauthorizedRequestingNetwork");
    const pw = roundTrip(E.pwRegistrationFailure, "0a 01 02");
    assert.deepEqual(pw.kind === "pwRegistrationFailure" && pw.value, { pwRegistrationFailureCause: 2 });
  });

  it("falls back to the raw TLV for unknown codes and unexpected forms", () => {
    // unknownAlphabet has no parameter; a MAP v1 absentSubscriber carried a BOOLEAN (mwd-Set).
    for (const [code, hex] of [
      [E.unknownAlphabet, "30 00"],
      [E.absentSubscriber, "01 01 ff"],
      [200, "04 01 00"],
    ] as const) {
      const p = roundTrip(code, hex);
      assert.equal(p.kind, "raw");
      if (p.kind === "raw")
        assert.deepEqual([p.raw.start, p.raw.end, p.errorCode], [0, fromHex(hex).length, code]);
    }
    assert.equal(mapErrorParameterKind(71), "raw");
    assert.equal(mapErrorParameterKind(6), "absentSubscriberSM");
  });

  it("names each typed parameter after its error in the MAP error table", () => {
    for (const code of TYPED_ERROR_CODES)
      assert.equal(mapErrorParameterKind(code), mapErrorByCode(code)?.name);
  });

  it("throws DecodeError for a malformed TLV or a malformed typed form", () => {
    assertDecodeError(() => decodeMapErrorParameter(6, fromHex("30 05 02 01"), 0, 4));
    assertDecodeError(() => decodeMapErrorParameter(32, fromHex("30 00"), 0, 2), /mandatory/);
    assertDecodeError(() => decodeMapErrorParameter(6, fromHex("30 00 00"), 0, 3), /after the end/);
  });

  it("refuses a value whose form the error does not have", () => {
    const w = new BerWriter();
    assert.throws(
      () =>
        encodeMapErrorParameter(w, {
          errorCode: 6,
          kind: "absentSubscriberSM",
          value: { form: "v2" } as never,
        }),
      EncodeError,
    );
  });

  it("round-trips typed parameters (property)", () => {
    const params: fc.Arbitrary<MapErrorParameter>[] = [
      fc
        .record(
          {
            absentSubscriberDiagnosticSm: arbOctet,
            extensionContainer: arbRawSequence,
            additionalAbsentSubscriberDiagnosticSm: arbOctet,
            imsi: arbImsi,
            userIdentifierAlert: arbImsi,
          },
          { requiredKeys: [] },
        )
        .map((value) => ({ errorCode: 6, kind: "absentSubscriberSM" as const, value })),
      fc
        .record(
          {
            smEnumeratedDeliveryFailureCause: arbEnum(6),
            diagnosticInfo: arbOctets(1, 200),
            extensionContainer: arbRawSequence,
          },
          { requiredKeys: ["smEnumeratedDeliveryFailureCause"] },
        )
        .map((value) => ({ errorCode: 32, kind: "smDeliveryFailure" as const, value })),
      arbEnum(6).map((c) => ({
        errorCode: 32,
        kind: "smDeliveryFailure" as const,
        value: { form: "v1" as const, smEnumeratedDeliveryFailureCause: c },
      })),
      fc
        .record(
          {
            networkResource: arbEnum(7),
            extensionContainer: arbRawSequence,
            additionalNetworkResource: arbEnum(7),
          },
          { requiredKeys: [] },
        )
        .map((value) => ({ errorCode: 34, kind: "systemFailure" as const, value })),
      fc
        .record(
          {
            callBarringCause: arbEnum(1),
            unauthorisedMessageOriginator: arbFlag,
            anonymousCallRejection: arbFlag,
          },
          { requiredKeys: [] },
        )
        .map((value) => ({ errorCode: 13, kind: "callBarred" as const, value })),
      fc
        .record(
          { extensionContainer: arbRawSequence, unknownSubscriberDiagnostic: arbEnum(2) },
          { requiredKeys: [] },
        )
        .map((value) => ({ errorCode: 1, kind: "unknownSubscriber" as const, value })),
    ];
    fc.assert(
      fc.property(fc.oneof(...params), (p) => {
        const bytes = fromHex(encode(p));
        const back = decodeMapErrorParameter(p.errorCode, bytes, 0, bytes.length);
        assert.deepEqual(normalize(back), normalize(p));
      }),
    );
  });

  it("throws only DecodeError on 20 000 mutated parameters across the typed codes", () => {
    const seeds = [
      fromHex("30 10 02 01 01 80 01 02 81 08 00 01 01 21 43 65 87 f9"),
      fromHex("30 08 0a 01 00 04 03 00 d3 00"),
      fromHex("30 06 0a 01 02 80 01 03"),
      fromHex("30 05 0a 01 01 81 00"),
    ];
    let n = 0;
    const decoded = hostile(seeds, 20_000, (b) => {
      const code = TYPED_ERROR_CODES[n++ % TYPED_ERROR_CODES.length]!;
      return decodeMapErrorParameter(code, b, 0, b.length);
    });
    assert.ok(decoded > 0);
  });
});
