/** fast-check generators for SCCP values in their decoded (canonical) form, shared by the SCCP tests. */
import fc from "fast-check";
import type {
  SccpAddress,
  SccpGlobalTitle,
  SccpOptionalPart,
  SccpSegmentation,
  SccpUnitdataInput,
  SccpUnknownParameter,
} from "../../../src/codec/sccp/index.js";

const hexDigit = fc.constantFrom(..."0123456789abcdef".split(""));
const digits = (min: number, max: number) =>
  fc.array(hexDigit, { minLength: min, maxLength: max }).map((a) => a.join(""));
const evenDigits = fc.integer({ min: 0, max: 10 }).chain((n) => digits(2 * n, 2 * n));
const oddDigits = fc.integer({ min: 0, max: 9 }).chain((n) => digits(2 * n + 1, 2 * n + 1));
const anyDigits = fc.oneof(evenDigits, oddDigits);
const u8 = fc.integer({ min: 0, max: 255 });
const np = fc.integer({ min: 0, max: 15 });
const nai = fc.integer({ min: 0, max: 127 });

/** ES and digits that agree: 1 with an odd count, anything else with an even count. */
const esDigits = fc.oneof(
  oddDigits.map((d) => ({ es: 1, digits: d })),
  fc
    .tuple(
      fc.integer({ min: 0, max: 15 }).filter((e) => e !== 1),
      evenDigits,
    )
    .map(([es, d]) => ({ es, digits: d })),
);

/** A global title in decoded form for each GT indicator 1–4. */
export function globalTitle(gti: number): fc.Arbitrary<SccpGlobalTitle> {
  switch (gti) {
    case 1:
      return fc.record({ digits: anyDigits, nai });
    case 2:
      return fc.record({ digits: evenDigits, tt: u8 });
    case 3:
      return fc
        .record({ d: esDigits, tt: u8, np })
        .map(({ d, tt, np }) => ({ digits: d.digits, tt, np, es: d.es }));
    default:
      return fc
        .record({ d: esDigits, tt: u8, np, nai })
        .map(({ d, tt, np, nai }) => ({ digits: d.digits, tt, np, es: d.es, nai }));
  }
}

/** An address in exactly the shape decodeSccp returns it, for GT indicator `gti` (0–15). */
export function address(gti?: number): fc.Arbitrary<SccpAddress> {
  const gtiArb = gti === undefined ? fc.integer({ min: 0, max: 15 }) : fc.constant(gti);
  return gtiArb.chain((g) =>
    fc
      .record({
        nationalIndicator: fc.boolean(),
        routingIndicator: fc.constantFrom(0 as const, 1 as const),
        pc: fc.option(fc.integer({ min: 0, max: 0x3fff }), { nil: undefined }),
        ssn: fc.option(u8, { nil: undefined }),
        gt: g >= 1 && g <= 4 ? globalTitle(g) : fc.constant(undefined),
        raw: g > 4 ? fc.uint8Array({ maxLength: 10 }) : fc.constant(undefined),
      })
      .map(({ nationalIndicator, routingIndicator, pc, ssn, gt, raw }) => {
        const a: SccpAddress = { nationalIndicator, routingIndicator, globalTitleIndicator: g };
        if (pc !== undefined) a.pc = pc;
        if (ssn !== undefined) a.ssn = ssn;
        if (gt) a.gt = gt;
        if (raw) a.unknownGlobalTitle = raw;
        return a;
      }),
  );
}

export const segmentation: fc.Arbitrary<SccpSegmentation> = fc.record({
  firstSegment: fc.boolean(),
  protocolClass: fc.constantFrom(0 as const, 1 as const),
  remainingSegments: fc.integer({ min: 0, max: 15 }),
  localReference: fc.integer({ min: 0, max: 0xffffff }),
});

const unknownParameter: fc.Arbitrary<SccpUnknownParameter> = fc.record({
  name: u8.filter((n) => n !== 0 && n !== 0x10 && n !== 0x12),
  value: fc.uint8Array({ maxLength: 8 }),
});

const optionalPart: fc.Arbitrary<SccpOptionalPart> = fc
  .record({
    segmentation: fc.option(segmentation, { nil: undefined }),
    importance: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
    unknownParameters: fc.option(fc.array(unknownParameter, { minLength: 1, maxLength: 2 }), {
      nil: undefined,
    }),
  })
  .map((o) => {
    const out: SccpOptionalPart = {};
    if (o.segmentation) out.segmentation = o.segmentation;
    if (o.importance !== undefined) out.importance = o.importance;
    if (o.unknownParameters) out.unknownParameters = o.unknownParameters;
    return out;
  });

/** Encoder input for one message type, in canonical form (decode(encode(v)) gives back every field). */
export function message(
  type: 0x09 | 0x0a | 0x11 | 0x12 | 0x13 | 0x14,
  gti?: number,
): fc.Arbitrary<SccpUnitdataInput> {
  const long = type === 0x13 || type === 0x14;
  // One-octet pointers: keep the optional part within 255 octets of its pointer (XUDT), or data ≤ 255 (UDT).
  const data = fc.uint8Array({ maxLength: long ? 700 : type === 0x09 || type === 0x0a ? 255 : 150 });
  const common = { called: address(gti), calling: address(gti), data };
  switch (type) {
    case 0x09:
      return fc.record({
        messageType: fc.constant(type),
        protocolClass: fc.integer({ min: 0, max: 15 }),
        returnOnError: fc.boolean(),
        ...common,
      });
    case 0x0a:
      return fc.record({ messageType: fc.constant(type), returnCause: u8, ...common });
    case 0x11:
    case 0x13:
      return fc
        .tuple(
          fc.record({
            messageType: fc.constant(type),
            protocolClass: fc.integer({ min: 0, max: 15 }),
            returnOnError: fc.boolean(),
            hopCounter: u8,
            ...common,
          }),
          optionalPart,
        )
        .map(([m, o]) => ({ ...m, ...o }));
    default:
      return fc
        .tuple(
          fc.record({ messageType: fc.constant(type), returnCause: u8, hopCounter: u8, ...common }),
          optionalPart,
        )
        .map(([m, o]) => ({ ...m, ...o }));
  }
}

export const anyMessage: fc.Arbitrary<SccpUnitdataInput> = fc
  .constantFrom(0x09 as const, 0x0a as const, 0x11 as const, 0x12 as const, 0x13 as const, 0x14 as const)
  .chain((t) => message(t));
