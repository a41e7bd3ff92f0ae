/**
 * Shared by the mobility / subscriber-management MAP operation tests: value builders, fast-check
 * arbitraries, value normalisation (kept-as-offsets elements compare by their bytes), the round-trip,
 * fast-path agreement and hostile-input checks.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { BerClass, BerCursor, BerWriter } from "../../../src/codec/ber/index.js";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import type { MapOperationCodec } from "../../../src/codec/map/codec.js";
import {
  type AddressString,
  type MapBasicServiceCode,
  type MapBitString,
  type MapRawTlv,
  type MapUnknownElement,
  rawTlv,
} from "../../../src/codec/map/common.js";
import { LocatedIdentities, locateIdentities } from "../../../src/codec/map/identity-paths.js";
import { mutate } from "../../fuzz/mutate.js";

/** An international E.164 ISDN-AddressString (TS 29.002 §17.7.8: nature 001, numbering plan 0001). */
export function isdn(digits: string): AddressString {
  return { natureOfAddress: 1, numberingPlan: 1, digits } as AddressString;
}

/** A raw TLV built from hex (for values to encode). */
export function raw(hex: string): MapRawTlv {
  return rawTlv(fromHex(hex));
}

export function bits(unusedBits: number, hex: string): MapBitString {
  return { unusedBits, data: new Uint8Array(fromHex(hex)) };
}

export function octets(hex: string): Uint8Array {
  return new Uint8Array(fromHex(hex));
}

// ---------------------------------------------------------------------------------------------------------
// Arbitraries

const digitString = (min: number, max: number) =>
  fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));

/** IMSI: 6–15 digits (TS 23.003 §2.2: MCC 3 + MNC 2–3 + MSIN; short values cover HLR-Ids). */
export const imsiArb = digitString(6, 15);

/** ISDN-AddressString: any nature/plan, 1–16 digits (SIZE (1..9) octets). */
export const isdnArb: fc.Arbitrary<AddressString> = fc
  .record({
    natureOfAddress: fc.integer({ min: 0, max: 7 }),
    numberingPlan: fc.integer({ min: 0, max: 15 }),
    digits: digitString(1, 16),
  })
  .map((a) => a as AddressString);

/** AddressString (SIZE (1..20)) with up to 38 digits. */
export const addressArb = (maxDigits = 38): fc.Arbitrary<AddressString> =>
  fc
    .record({
      natureOfAddress: fc.integer({ min: 0, max: 7 }),
      numberingPlan: fc.integer({ min: 0, max: 15 }),
      digits: digitString(1, maxDigits),
    })
    .map((a) => a as AddressString);

/** LMSI ::= OCTET STRING (SIZE (4)), as the gsm codec spells it. */
export const lmsiArb = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => toHex(b));

export const octetsArb = (min: number, max: number): fc.Arbitrary<Uint8Array> =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => new Uint8Array(b));

export const bitsArb: fc.Arbitrary<MapBitString> = fc
  .tuple(fc.integer({ min: 0, max: 7 }), octetsArb(1, 6))
  .map(([unusedBits, data]) => ({ unusedBits, data }));

/** A raw element with tag key `[n]` (context, constructed or not) and arbitrary content octets. */
export function rawArb(tagNumber: number, constructed: boolean, tagClass: number = BerClass.contextSpecific) {
  return octetsArb(0, 12).map((content) => {
    const w = new BerWriter(16);
    w.tag(tagClass as 0 | 1 | 2 | 3, constructed, tagNumber).length(content.length);
    w.raw(content);
    return rawTlv(new Uint8Array(w.finish()));
  });
}

/** The extensionContainer, a universal SEQUENCE kept undecoded. */
export const extensionArb = rawArb(16, true, BerClass.universal);

/**
 * Unknown elements appended after every typed component: PRIVATE-class tags, which no MAP module uses, so
 * they can never be mistaken for a typed component.
 */
export const unknownTailArb: fc.Arbitrary<MapUnknownElement[]> = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.boolean()), { minLength: 1, maxLength: 2 })
  .chain((tags) =>
    tags.length === 0
      ? fc.constant([])
      : fc
          .tuple(...tags.map(([n, c]) => rawArb(n, c, BerClass.private)))
          .map((rs) => rs.map((r) => ({ ...r, slot: 1000 }))),
  );

export const basicServiceArb = (maxOctets: number): fc.Arbitrary<MapBasicServiceCode> =>
  fc.record({
    kind: fc.constantFrom("bearerService" as const, "teleservice" as const),
    code: octetsArb(1, maxOctets),
  });

/** `fc.record` with every key optional except `required`. */
export function recordWith<T extends object>(
  model: { [K in keyof T]: fc.Arbitrary<T[K]> },
  required: (keyof T)[],
): fc.Arbitrary<T> {
  return fc.record(model, { requiredKeys: required as never }) as unknown as fc.Arbitrary<T>;
}

// ---------------------------------------------------------------------------------------------------------
// Checks

/**
 * Values compared structurally, with byte fields as hex: a kept-as-offsets element compares by the bytes
 * it covers (not by which buffer it points into), and an unknown element's `slot` is ignored (it is
 * normalised by decoding; exact placement is checked by re-encoding).
 */
export function norm(v: unknown): unknown {
  if (v instanceof Uint8Array) return `hex:${toHex(v)}`;
  if (Array.isArray(v)) return v.map(norm);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o.bytes instanceof Uint8Array && typeof o.start === "number" && typeof o.end === "number") {
      return `tlv:${toHex(o.bytes, o.start, o.end)}`;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = norm(o[k]);
    return out;
  }
  return v;
}

type AnyCodec = MapOperationCodec<unknown, unknown>;

export function encode(codec: AnyCodec, isResult: boolean, value: unknown): Buffer {
  const w = new BerWriter(64);
  if (isResult) codec.encodeResult!(w, value);
  else codec.encodeArgument(w, value);
  return Buffer.from(w.finish());
}

export function decode(codec: AnyCodec, isResult: boolean, bytes: Uint8Array): unknown {
  return isResult
    ? codec.decodeResult!(bytes, 0, bytes.length)
    : codec.decodeArgument(bytes, 0, bytes.length);
}

/** Decodes a hand-built fixture and checks that re-encoding reproduces it byte for byte. */
export function decodeFixture<T>(codec: AnyCodec, isResult: boolean, hex: string): T {
  const bytes = fromHex(hex);
  const v = decode(codec, isResult, bytes);
  assert.equal(toHex(encode(codec, isResult, v)), toHex(bytes), "re-encoding differs from the fixture");
  return v as T;
}

/**
 * decode(encode(v)) equals v, encode(decode(encode(v))) equals encode(v), and the fast path finds the
 * identities the typed value names.
 */
export function roundTripProperty<T>(
  codec: MapOperationCodec<unknown, unknown>,
  isResult: boolean,
  arb: fc.Arbitrary<T>,
  numRuns = 300,
): void {
  const cursor = new BerCursor(new Uint8Array(0));
  const out = new LocatedIdentities();
  fc.assert(
    fc.property(arb, (value) => {
      const bytes = encode(codec, isResult, value);
      const back = decode(codec, isResult, bytes);
      assert.deepStrictEqual(norm(back), norm(value));
      assert.equal(toHex(encode(codec, isResult, back)), toHex(bytes));
      const ids = codec.identities(back);
      locateIdentities(codec.opcode, isResult, bytes, 0, bytes.length, cursor, out);
      assert.equal(out.known, true);
      assert.equal(out.imsi, ids.imsi);
      assert.equal(out.msisdn, ids.msisdn);
    }),
    { numRuns },
  );
}

/**
 * `count` (≥ 20 000) mutated inputs per operation, alternating between argument and result seeds: nothing
 * but DecodeError escapes, from the typed decoder or from the fast path.
 */
export function hostileInputs(
  codec: AnyCodec,
  seeds: { argument: string[]; result: string[] },
  count = 20_000,
) {
  const cursor = new BerCursor(new Uint8Array(0));
  const out = new LocatedIdentities();
  const lists = [seeds.argument, seeds.result].map((l) => l.map((h) => fromHex(h)));
  const directions = [false, true].filter((_, i) => lists[i]!.length > 0);
  let decoded = 0;
  let rejected = 0;
  for (let n = 0; n < count; n++) {
    const isResult = directions[n % directions.length]!;
    const list = lists[isResult ? 1 : 0]!;
    const input = mutate(list[(n >> 1) % list.length]!, n);
    try {
      decode(codec, isResult, input);
      decoded++;
    } catch (e) {
      if (!(e instanceof DecodeError)) {
        throw new Error(`n=${n} ${isResult ? "result" : "argument"} ${toHex(input)}: ${String(e)}`);
      }
      rejected++;
    }
    try {
      locateIdentities(codec.opcode, isResult, input, 0, input.length, cursor, out);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw new Error(`fast path, n=${n} ${toHex(input)}: ${String(e)}`);
    }
  }
  // Both outcomes must occur, or the mutator is not reaching the decoder.
  assert.ok(decoded > 0 && rejected > 0, `decoded ${decoded}, rejected ${rejected}`);
}
