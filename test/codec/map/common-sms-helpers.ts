/**
 * Helpers for the tests of the SMS, USSD and location operation codecs and the MAP error parameters:
 * round-trip assertions, value normalisation (offset-based parts compared by their octets), fast-check
 * arbitraries for the common MAP types, and the hostile-input loop.
 *
 * The hand-built fixtures of these tests were spot-checked with tshark 4.0.17: each parameter wrapped in
 * a TCAP Begin/End with its application context, an SCCP UDT and an M3UA DATA (`text2pcap -S
 * 2905,2905,3`) decodes without expert warnings and shows the same IMSI, MSISDN, USSD text, CGI/LAI
 * and TS 23.032 point (tshark keeps the <CR> that pads "1234567", which `ussdText` drops per TS 23.038
 * §6.1.2.3.1; it also lists MO-ForwardSM v3's trailing IMSI, which `identities()` leaves out).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { BerClass, BerCursor, BerWriter } from "../../../src/codec/ber/index.js";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { type CodecLayer, DecodeError } from "../../../src/codec/errors.js";
import type { MapOperationCodec } from "../../../src/codec/map/codec.js";
import {
  type AddressString,
  type MapBitString,
  type MapRawTlv,
  rawTlv,
} from "../../../src/codec/map/common.js";
import { type MapOctets, mapOctets } from "../../../src/codec/map/common-sms.js";
import { locateIdentities } from "../../../src/codec/map/identity-paths.js";
import { mutate } from "../../fuzz/mutate.js";

// biome-ignore lint/suspicious/noExplicitAny: a codec of any argument and result type
export type AnyCodec = MapOperationCodec<any, any>;

/**
 * A copy of `v` where every offset-based part (`{ bytes, start, end }`: MapRawTlv, MapOctets, unknown
 * elements) is replaced by the hex of its octets and every Uint8Array by its hex, so that values decoded
 * from different buffers, or built by hand, compare with deepEqual.
 */
export function normalize(v: unknown): unknown {
  if (v instanceof Uint8Array) return `hex:${toHex(v)}`;
  if (Array.isArray(v)) return v.map(normalize);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const ranged = o.bytes instanceof Uint8Array && typeof o.start === "number" && typeof o.end === "number";
    if (ranged) out.octets = toHex(o.bytes as Uint8Array, o.start as number, o.end as number);
    for (const [k, x] of Object.entries(o)) {
      if (ranged && (k === "bytes" || k === "start" || k === "end")) continue;
      out[k] = normalize(x);
    }
    return out;
  }
  return v;
}

export function encodeArgument(codec: AnyCodec, value: unknown): Buffer {
  const w = new BerWriter();
  codec.encodeArgument(w, value);
  return w.finish();
}

export function encodeResult(codec: AnyCodec, value: unknown): Buffer {
  const w = new BerWriter();
  codec.encodeResult!(w, value);
  return w.finish();
}

const cursor = new BerCursor(new Uint8Array(0));

/**
 * The identity fast path (`locateIdentities`, identity-paths.ts) finds in `bytes` exactly the IMSI and
 * MSISDN that the full decode's `identities()` names.
 */
export function assertIdentitiesAgree(
  codec: AnyCodec,
  isResult: boolean,
  bytes: Uint8Array,
  value: unknown,
): void {
  const full = codec.identities(value);
  const fast = locateIdentities(codec.opcode, isResult, bytes, 0, bytes.length, cursor);
  assert.equal(fast.known, true, `opcode ${codec.opcode} has identity paths`);
  assert.deepEqual({ imsi: fast.imsi, msisdn: fast.msisdn }, { imsi: full.imsi, msisdn: full.msisdn });
}

/**
 * Decodes `bytes` as the argument, checks that re-encoding gives the same bytes and that the identity
 * fast path agrees; returns the value.
 */
export function argumentRoundTrip<T = never>(codec: AnyCodec, bytes: Uint8Array): T {
  const v = codec.decodeArgument(bytes, 0, bytes.length);
  assert.equal(toHex(encodeArgument(codec, v)), toHex(bytes), "encode(decode(bytes)) differs");
  assertIdentitiesAgree(codec, false, bytes, v);
  return v as T;
}

/** The same for a result. */
export function resultRoundTrip<T = never>(codec: AnyCodec, bytes: Uint8Array): T {
  const v = codec.decodeResult!(bytes, 0, bytes.length);
  assert.equal(toHex(encodeResult(codec, v)), toHex(bytes), "encode(decode(bytes)) differs");
  assertIdentitiesAgree(codec, true, bytes, v);
  return v as T;
}

/**
 * Property body: encode `value`, decode it back, expect the same value, a stable encoding and the identity
 * fast path agreeing with the decoded value.
 */
export function valueRoundTrip(codec: AnyCodec, which: "argument" | "result", value: unknown): void {
  const bytes = which === "argument" ? encodeArgument(codec, value) : encodeResult(codec, value);
  const back =
    which === "argument"
      ? codec.decodeArgument(bytes, 0, bytes.length)
      : codec.decodeResult!(bytes, 0, bytes.length);
  assert.deepEqual(normalize(back), normalize(value));
  const again = which === "argument" ? encodeArgument(codec, back) : encodeResult(codec, back);
  assert.equal(toHex(again), toHex(bytes));
  assertIdentitiesAgree(codec, which === "result", bytes, back);
}

/**
 * Feeds `count` mutations of `seeds` (test/fuzz/mutate.ts) to `decode`; anything thrown but DecodeError
 * fails the test with the reproducing seed index and mutation number. With `layer`, the DecodeError must
 * also name that layer and an offset inside the input. Returns how many still decoded.
 */
export function hostile(
  seeds: readonly Uint8Array[],
  count: number,
  decode: (b: Uint8Array) => unknown,
  layer?: CodecLayer,
): number {
  let decoded = 0;
  for (let n = 0; n < count; n++) {
    const input = mutate(seeds[n % seeds.length]!, n);
    try {
      decode(input);
      decoded++;
    } catch (e) {
      if (!(e instanceof DecodeError)) {
        assert.fail(`seed ${n % seeds.length}, mutation ${n}: ${toHex(input)}: ${(e as Error).stack}`);
      }
      if (layer !== undefined) {
        assert.equal(e.layer, layer, `seed ${n % seeds.length}, mutation ${n}: layer ${e.layer}`);
        assert.ok(e.offset >= 0 && e.offset <= input.length, `offset ${e.offset} outside the input`);
      }
    }
  }
  return decoded;
}

/** Throws unless decoding fails with a DecodeError. */
export function assertDecodeError(fn: () => unknown, reason?: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof DecodeError && (!reason || reason.test(e.reason)));
}

// ---------------------------------------------------------------------------------------------------------
// Shared fixtures

/** SMS-DELIVER TPDU (TS 23.040 §9.2.2.1) from +44770090012, "hello" in GSM 7-bit; opaque to MAP. */
export const DELIVER_TPDU = "04 0b 91 44 77 00 09 10 f2 00 00 52 10 10 21 43 00 00 05 e8 32 9b fd 06";

/**
 * MT-ForwardSM-Arg (TS 29.002 §17.7.6): sm-RP-DA imsi [0] 001010123456789, sm-RP-OA
 * serviceCentreAddressOA [4] +447700900123 (0x91: international, E.164), sm-RP-UI SignalInfo, and
 * moreMessagesToSend NULL.
 */
export const MT_FSM_ARG = fromHex(
  `30 2f 80 08 00 01 01 21 43 65 87 f9 84 07 91 44 77 00 09 10 32 04 18 ${DELIVER_TPDU} 05 00`,
);

/**
 * ProvideSubscriberInfoRes (TS 29.002 §17.7.1): subscriberInfo { locationInformation [0] {
 * ageOfLocationInformation 5, vlr-number [1] +44770090051, cellGlobalIdOrServiceAreaIdOrLAI [3] {
 * cellGlobalIdOrServiceAreaIdFixedLength [0] MCC 234 MNC 15 (32 f4 51, TS 24.008 §10.5.1.3) LAC 0x1234
 * CI 0x5678 } }, subscriberState [1] { assumedIdle [0] } }.
 */
export const PSI_RES = fromHex(
  "30 1f 30 1d a0 17 02 01 05 81 07 91 44 77 00 09 50 f1 a3 09 80 07 32 f4 51 12 34 56 78 a1 02 80 00",
);

// ---------------------------------------------------------------------------------------------------------
// Arbitraries

const digit = fc.constantFrom(..."0123456789");

export const arbDigits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(digit, { minLength: min, maxLength: max }).map((d) => d.join(""));

/** An AddressString of at most `maxOctets` octets (ISDN-AddressString: 9, AddressString: 20). */
export function arbAddress(maxOctets = 9): fc.Arbitrary<AddressString> {
  return fc.record({
    natureOfAddress: fc.integer({ min: 0, max: 7 }),
    numberingPlan: fc.constantFrom(0, 1, 3, 4, 6, 8, 9),
    digits: arbDigits(1, 2 * (maxOctets - 1)),
  });
}

/** IMSI digits: TS 23.003 §2.2, at most 15; SIZE (3..8) allows 5 and more. */
export const arbImsi: fc.Arbitrary<string> = arbDigits(5, 15);

/** LMSI as the gsm codec hands it out: 8 lower-case hex digits. */
export const arbLmsi: fc.Arbitrary<string> = fc
  .uint8Array({ minLength: 4, maxLength: 4 })
  .map((b) => toHex(b));

export const arbBytes = (min: number, max: number): fc.Arbitrary<Uint8Array> =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => new Uint8Array(b));

export const arbOctets = (min: number, max: number): fc.Arbitrary<MapOctets> =>
  arbBytes(min, max).map((b) => mapOctets(b));

export const arbOctet: fc.Arbitrary<number> = fc.integer({ min: 0, max: 255 });

export const arbEnum = (max = 10): fc.Arbitrary<number> => fc.integer({ min: 0, max });

export const arbFlag: fc.Arbitrary<true> = fc.constant(true as const);

export const arbBitString: fc.Arbitrary<MapBitString> = fc
  .tuple(fc.integer({ min: 0, max: 7 }), arbBytes(1, 3))
  .map(([unusedBits, data]) => ({ unusedBits, data }));

/**
 * An undecoded component with context tag [n]: constructed with one inner OCTET STRING (an extension
 * container, CUG-CheckInfo…), or primitive when `primitive` is set.
 */
export function arbRaw(
  n: number,
  primitive = false,
  tagClass: BerClass = BerClass.contextSpecific,
): fc.Arbitrary<MapRawTlv> {
  return arbBytes(0, 6).map((content) => {
    const w = new BerWriter();
    if (primitive) w.primitive(tagClass, n, content);
    else {
      const m = w.begin(tagClass, n);
      w.primitive(BerClass.universal, 4, content);
      w.end(m);
    }
    return rawTlv(new Uint8Array(w.finish()));
  });
}

/** An undecoded universal SEQUENCE (extensionContainer without tag, ForwardingData, CUG-CheckInfo v2). */
export const arbRawSequence: fc.Arbitrary<MapRawTlv> = arbRaw(16, false, BerClass.universal);

/** USSD-Arg values with alertingPattern and msisdn present or absent. */
export const arbUssdArg = fc.record(
  {
    ussdDataCodingScheme: arbOctet,
    ussdString: arbOctets(1, 160),
    alertingPattern: arbOctet,
    msisdn: arbAddress(),
  },
  { requiredKeys: ["ussdDataCodingScheme", "ussdString"] },
);

/** IMEI (15 digits) or IMEISV (16 digits), TS 23.003 §6.2. */
export const arbImei: fc.Arbitrary<string> = fc.oneof(arbDigits(15, 15), arbDigits(16, 16));

const arbMcc = arbDigits(3, 3);
const arbMnc = fc.oneof(arbDigits(2, 2), arbDigits(3, 3));
const arbU16 = fc.integer({ min: 0, max: 0xffff });

/** CellGlobalIdOrServiceAreaIdOrLAI values. */
export const arbCellIdOrLai = fc.oneof(
  fc.record({ mcc: arbMcc, mnc: arbMnc, lac: arbU16, cellId: arbU16 }).map((g) => ({
    kind: "cellGlobalIdOrServiceAreaIdFixedLength" as const,
    cellGlobalIdOrServiceAreaIdFixedLength: g,
  })),
  fc.record({ mcc: arbMcc, mnc: arbMnc, lac: arbU16 }).map((l) => ({
    kind: "laiFixedLength" as const,
    laiFixedLength: l,
  })),
);

/** RequestedInfo values: every flag present or absent. */
export const arbRequestedInfo = fc.record(
  {
    locationInformation: arbFlag,
    subscriberState: arbFlag,
    extensionContainer: arbRaw(2),
    currentLocation: arbFlag,
    requestedDomain: arbEnum(1),
    imei: arbFlag,
    msClassmark: arbFlag,
    mnpRequestedInfo: arbFlag,
    locationInformationEpsSupported: arbFlag,
    tAdsData: arbFlag,
    requestedNodes: arbBitString,
    servingNodeIndication: arbFlag,
    localTimeZoneRequest: arbFlag,
  },
  { requiredKeys: [] },
);

/** LocationInformation values. */
export const arbLocationInformation = fc.record(
  {
    ageOfLocationInformation: fc.integer({ min: 0, max: 32767 }),
    geographicalInformation: arbBytes(8, 8),
    vlrNumber: arbAddress(),
    locationNumber: arbBytes(2, 10),
    cellGlobalIdOrServiceAreaIdOrLai: arbCellIdOrLai,
    extensionContainer: arbRaw(4),
    selectedLsaId: arbBytes(3, 3),
    mscNumber: arbAddress(),
    geodeticInformation: arbBytes(10, 10),
    currentLocationRetrieved: arbFlag,
    saiPresent: arbFlag,
    locationInformationEps: arbRaw(10),
    userCsgInformation: arbRaw(11),
  },
  { requiredKeys: [] },
);

/** SubscriberState values. */
export const arbSubscriberState = fc.oneof(
  fc.constant({ kind: "assumedIdle" as const }),
  fc.constant({ kind: "camelBusy" as const }),
  arbEnum(3).map((r) => ({ kind: "netDetNotReachable" as const, netDetNotReachable: r })),
  fc.constant({ kind: "notProvidedFromVlr" as const }),
);

/** SubscriberInfo values. */
export const arbSubscriberInfo = fc.record(
  {
    locationInformation: arbLocationInformation,
    subscriberState: arbSubscriberState,
    extensionContainer: arbRaw(2),
    locationInformationGprs: arbRaw(3),
    psSubscriberState: arbRaw(4),
    imei: arbImei,
    msClassmark2: arbBytes(3, 3),
    gprsMsClass: arbRaw(7),
    mnpInfoRes: arbRaw(8),
    imsVoiceOverPsSessionsIndication: arbEnum(2),
    lastUeActivityTime: arbBytes(4, 4),
    lastRatType: arbEnum(5),
    epsSubscriberState: arbRaw(12),
    locationInformationEps: arbRaw(13),
    timeZone: arbBytes(2, 3),
    daylightSavingTime: arbEnum(2),
  },
  { requiredKeys: [] },
);

/** SubscriberIdentity values. */
export const arbSubscriberIdentity = fc.oneof(
  arbImsi.map((imsi) => ({ kind: "imsi" as const, imsi })),
  arbAddress().map((msisdn) => ({ kind: "msisdn" as const, msisdn })),
);
