/** fast-check generators for the TCAP value model (every message, component and dialogue APDU). */
import fc from "fast-check";
import { BerClass, BerWriter } from "../../../src/codec/ber/index.js";
import { toHex } from "../../../src/codec/bytes.js";
import {
  ProtocolVersion,
  type TcapCode,
  type TcapComponentValue,
  type TcapDialogueValue,
  type TcapMessageValue,
  TcapOid,
} from "../../../src/codec/tcap/index.js";

const plain = (b: Uint8Array): Uint8Array => Uint8Array.from(b);

export const tidArb = fc.uint8Array({ minLength: 1, maxLength: 4 }).map((b) => toHex(b));
export const invokeIdArb = fc.integer({ min: -128, max: 127 });

export const oidArb = fc
  .tuple(
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 39 }),
    fc.array(fc.integer({ min: 0, max: 2 ** 32 }), { maxLength: 8 }),
  )
  .map(([a, b, rest]) => [a, b, ...rest].join("."));

export const codeArb: fc.Arbitrary<TcapCode> = fc.oneof(
  fc.integer({ min: -(2 ** 47), max: 2 ** 47 - 1 }).map((value) => ({ type: "local" as const, value })),
  fc.integer({ min: -128, max: 127 }).map((value) => ({ type: "local" as const, value })),
  oidArb.map((oid) => ({ type: "global" as const, oid })),
);

/** One primitive TLV with a random tag and content (sometimes long enough for a long-form length). */
const primitiveTlv = fc
  .tuple(
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 300 }),
    fc.oneof(fc.uint8Array({ maxLength: 20 }), fc.uint8Array({ minLength: 120, maxLength: 300 })),
  )
  // Universal class: OCTET STRING only, as asn1js (the independent parser used in the tests) checks the
  // content of the other universal types and refuses reserved ones.
  .map(([cls, tag, content]) =>
    new BerWriter().primitive(cls as BerClass, cls === 0 ? 4 : tag, content).finish(),
  );

/** One TLV, possibly constructed with nested TLVs, as a MAP parameter would be. */
export const tlvArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  primitiveTlv.map(plain),
  fc.tuple(fc.integer({ min: 0, max: 30 }), fc.array(primitiveTlv, { maxLength: 4 })).map(([tag, kids]) => {
    const w = new BerWriter();
    const m = w.begin(tag % 2 ? BerClass.contextSpecific : BerClass.universal, tag % 2 ? tag : 16);
    for (const k of kids) w.raw(k);
    w.end(m);
    return plain(w.finish());
  }),
);

/** Parameter: usually one TLV, sometimes two (Q.773 1988-style parameter sets). */
export const parameterArb = fc.oneof(
  { weight: 4, arbitrary: tlvArb },
  {
    weight: 1,
    arbitrary: fc.tuple(tlvArb, tlvArb).map(([a, b]) => {
      const o = new Uint8Array(a.length + b.length);
      o.set(a);
      o.set(b, a.length);
      return o;
    }),
  },
);

export const componentArb: fc.Arbitrary<TcapComponentValue> = fc.oneof(
  fc.record(
    {
      type: fc.constant("invoke" as const),
      invokeId: invokeIdArb,
      linkedId: invokeIdArb,
      opcode: codeArb,
      parameter: parameterArb,
    },
    { noNullPrototype: true, requiredKeys: ["type", "invokeId", "opcode"] },
  ),
  fc
    .record(
      {
        type: fc.constantFrom("returnResultLast" as const, "returnResultNotLast" as const),
        invokeId: invokeIdArb,
        opcode: codeArb,
        parameter: parameterArb,
      },
      { noNullPrototype: true, requiredKeys: ["type", "invokeId"] },
    )
    .map((v) => {
      if (v.opcode === undefined && v.parameter !== undefined) {
        const { parameter: _p, ...rest } = v;
        return rest;
      }
      return v;
    }),
  fc.record(
    {
      type: fc.constant("returnError" as const),
      invokeId: invokeIdArb,
      errorCode: codeArb,
      parameter: parameterArb,
    },
    { noNullPrototype: true, requiredKeys: ["type", "invokeId", "errorCode"] },
  ),
  fc.record(
    {
      type: fc.constant("reject" as const),
      invokeId: fc.option(invokeIdArb, { nil: null }),
      problemType: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
      problem: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })),
    },
    { noNullPrototype: true },
  ),
);

export const protocolVersionArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<string>(ProtocolVersion.version1) },
  { weight: 1, arbitrary: fc.constant("00") },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 7 }), fc.uint8Array({ minLength: 1, maxLength: 3 }))
      .map(([u, b]) => toHex(Uint8Array.of(u, ...b))),
  },
);

/** user-information content: zero or more EXTERNAL-like TLVs. */
export const userInformationArb = fc.array(tlvArb, { maxLength: 2 }).map((tlvs) => {
  const w = new BerWriter();
  for (const t of tlvs) {
    const m = w.begin(BerClass.universal, 8);
    w.objectIdentifier(BerClass.universal, 6, "0.4.0.0.1.1.1.1");
    const s = w.begin(BerClass.contextSpecific, 0);
    w.raw(t);
    w.end(s);
    w.end(m);
  }
  return plain(w.finish());
});

/** A well-formed EXTERNAL that is not a Q.773 dialogue APDU. */
export const externalArb = fc
  .tuple(fc.option(oidArb, { nil: undefined }), fc.boolean(), fc.integer({ min: 0, max: 2 }), tlvArb)
  .filter(([oid]) => oid !== TcapOid.dialogueAsId && oid !== TcapOid.uniDialogueAsId)
  .map(([oid, indirect, encoding, tlv]) => {
    const w = new BerWriter();
    const m = w.begin(BerClass.universal, 8);
    if (oid !== undefined) w.objectIdentifier(BerClass.universal, 6, oid);
    if (indirect) w.integer(BerClass.universal, 2, 1);
    if (encoding === 0) {
      const s = w.begin(BerClass.contextSpecific, 0);
      w.raw(tlv);
      w.end(s);
    } else {
      w.primitive(BerClass.contextSpecific, encoding, tlv);
    }
    w.end(m);
    return plain(w.finish());
  });

export const dialogueArb: fc.Arbitrary<TcapDialogueValue> = fc.oneof(
  fc.record(
    {
      type: fc.constantFrom("aarq" as const, "audt" as const),
      protocolVersion: protocolVersionArb,
      applicationContext: oidArb,
      userInformation: userInformationArb,
    },
    { noNullPrototype: true, requiredKeys: ["type", "applicationContext"] },
  ),
  fc.record(
    {
      type: fc.constant("aare" as const),
      protocolVersion: protocolVersionArb,
      applicationContext: oidArb,
      result: fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: -1000, max: 1000 })),
      diagnosticSource: fc.constantFrom("dialogueServiceUser" as const, "dialogueServiceProvider" as const),
      diagnostic: fc.oneof(fc.constantFrom(0, 1, 2), fc.integer({ min: -1000, max: 1000 })),
      userInformation: userInformationArb,
    },
    {
      noNullPrototype: true,
      requiredKeys: ["type", "applicationContext", "result", "diagnosticSource", "diagnostic"],
    },
  ),
  fc.record(
    {
      type: fc.constant("abrt" as const),
      abortSource: fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: -1000, max: 1000 })),
      userInformation: userInformationArb,
    },
    { noNullPrototype: true, requiredKeys: ["type", "abortSource"] },
  ),
  externalArb.map((external) => ({ type: "external" as const, external })),
);

const componentsArb = fc.array(componentArb, { minLength: 1, maxLength: 4 });

export const messageArb: fc.Arbitrary<TcapMessageValue> = fc.oneof(
  fc.record(
    { type: fc.constant("unidirectional" as const), dialogue: dialogueArb, components: componentsArb },
    { noNullPrototype: true, requiredKeys: ["type", "components"] },
  ),
  fc.record(
    { type: fc.constant("begin" as const), otid: tidArb, dialogue: dialogueArb, components: componentsArb },
    { noNullPrototype: true, requiredKeys: ["type", "otid"] },
  ),
  fc.record(
    { type: fc.constant("end" as const), dtid: tidArb, dialogue: dialogueArb, components: componentsArb },
    { noNullPrototype: true, requiredKeys: ["type", "dtid"] },
  ),
  fc.record(
    {
      type: fc.constant("continue" as const),
      otid: tidArb,
      dtid: tidArb,
      dialogue: dialogueArb,
      components: componentsArb,
    },
    { noNullPrototype: true, requiredKeys: ["type", "otid", "dtid"] },
  ),
  fc.oneof(
    fc.record({ type: fc.constant("abort" as const), dtid: tidArb }, { noNullPrototype: true }),
    fc.record(
      {
        type: fc.constant("abort" as const),
        dtid: tidArb,
        pAbortCause: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -1000, max: 1000 })),
      },
      { noNullPrototype: true },
    ),
    fc.record(
      { type: fc.constant("abort" as const), dtid: tidArb, dialogue: dialogueArb },
      { noNullPrototype: true },
    ),
  ),
);
