/**
 * Shared building blocks of the typed MAP operation codecs (3GPP TS 29.002 clause 17): a small
 * declarative SEQUENCE walker, the field kinds MAP uses everywhere (IMSI, ISDN-AddressString, LMSI,
 * NULL flags, INTEGER/ENUMERATED, octet strings, undecoded sub-trees kept as offsets) and the rules for
 * elements a codec does not know.
 *
 * Why a walker and not hand-written loops per operation: every MAP SEQUENCE has the same shape — root
 * components, an extension marker, then later additions — and the same exception handling (TS 29.002
 * §17.1.1: unknown components after the marker are ignored by the receiver). Writing that rule once keeps
 * the eleven operation files declarative and makes "unknown tags are preserved, never fatal" uniform.
 *
 * Unknown components are kept as `MapUnknownElement` (offsets into the decoded buffer plus the position
 * among the known components), so `encode(decode(b))` reproduces `b` byte for byte even when a peer
 * sends components this codec does not type, in whatever order it sent them.
 */
import { BerClass, BerCursor, type BerWriter, readInteger } from "../ber/index.js";
import { DecodeError, EncodeError } from "../errors.js";
import {
  type AddressString,
  decodeAddressString,
  decodeImsi,
  decodeLmsi,
  encodeAddressString,
  encodeImsi,
  encodeLmsi,
} from "../gsm/index.js";
import type { MapIdentities } from "./codec.js";

export type { AddressString };

// ---------------------------------------------------------------------------------------------------------
// Tags

/**
 * One number naming a tag: class, form and tag number (X.690 §8.1.2). Used in field tables so that a
 * component is matched with one integer comparison.
 */
export function tagKey(tagClass: BerClass, constructed: boolean, tagNumber: number): number {
  return tagNumber * 8 + tagClass * 2 + (constructed ? 1 : 0);
}

/** Context-specific primitive `[n]` (IMPLICIT, as all of MAP: TS 29.002 §17.2 "IMPLICIT TAGS"). */
export const ctx = (n: number): number => tagKey(BerClass.contextSpecific, false, n);
/** Context-specific constructed `[n]` (a tagged SEQUENCE / SEQUENCE OF / CHOICE). */
export const ctxC = (n: number): number => tagKey(BerClass.contextSpecific, true, n);
/** Universal primitive (OCTET STRING 4, INTEGER 2, NULL 5, ENUMERATED 10, BOOLEAN 1, BIT STRING 3). */
export const univ = (n: number): number => tagKey(BerClass.universal, false, n);
/** Universal constructed (SEQUENCE 16). */
export const univC = (n: number): number => tagKey(BerClass.universal, true, n);

export const OCTET_STRING = univ(4);
export const INTEGER = univ(2);
export const NULL = univ(5);
export const ENUMERATED = univ(10);
export const BOOLEAN = univ(1);
export const BIT_STRING = univ(3);
export const SEQUENCE = univC(16);

function keyClass(key: number): BerClass {
  return ((key >> 1) & 3) as BerClass;
}
function keyConstructed(key: number): boolean {
  return (key & 1) === 1;
}
function keyNumber(key: number): number {
  return Math.floor(key / 8);
}

/** Writes the identifier octets of `key`. */
export function writeTag(w: BerWriter, key: number): void {
  w.tag(keyClass(key), keyConstructed(key), keyNumber(key));
}

/** Human form of a tag key for error messages: "[3]", "[UNIVERSAL 16]". */
export function tagName(key: number): string {
  const cls = keyClass(key);
  const n = keyNumber(key);
  return cls === BerClass.contextSpecific
    ? `[${n}]`
    : `[${["UNIVERSAL", "APPLICATION", "CONTEXT", "PRIVATE"][cls]} ${n}]`;
}

// ---------------------------------------------------------------------------------------------------------
// Undecoded elements

/**
 * A TLV kept undecoded: the offsets of the whole element (identifier octet to end) in `bytes`, the buffer
 * it was decoded from. Nothing is copied; `encode` writes `bytes[start, end)` back unchanged.
 */
export interface MapRawTlv {
  readonly tagClass: BerClass;
  readonly constructed: boolean;
  readonly tagNumber: number;
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
}

/**
 * A component of a SEQUENCE that the codec does not type (an extension after the `...` marker, a
 * component from a later release, or a known one sent out of definition order). `slot` is the number of
 * the SEQUENCE's typed components, in ASN.1 definition order, that the element came after; the encoder
 * writes it back at the same place.
 */
export interface MapUnknownElement extends MapRawTlv {
  readonly slot: number;
}

function rawFromCursor(bytes: Uint8Array, c: BerCursor): MapRawTlv {
  return {
    tagClass: c.tagClass,
    constructed: c.constructed,
    tagNumber: c.tagNumber,
    bytes,
    start: c.start,
    end: c.end,
  };
}

/** A `MapRawTlv` over a standalone encoding (for building values to encode). */
export function rawTlv(encoded: Uint8Array): MapRawTlv {
  const bytes = encoded;
  // The header is parsed only to fill the tag fields; the TLV must span the whole buffer.
  let at = 0;
  if (bytes.length < 2) throw new EncodeError("map", "raw element", "shorter than a tag and a length");
  const id = bytes[at++]!;
  let n = id & 0x1f;
  if (n === 0x1f) {
    n = 0;
    for (;;) {
      if (at >= bytes.length) throw new EncodeError("map", "raw element", "tag runs past the end");
      const o = bytes[at++]!;
      n = n * 128 + (o & 0x7f);
      if ((o & 0x80) === 0) break;
    }
  }
  return {
    tagClass: (id >> 6) as BerClass,
    constructed: (id & 0x20) !== 0,
    tagNumber: n,
    bytes,
    start: 0,
    end: bytes.length,
  };
}

/** The encoding of a kept element as its own Uint8Array view (no copy). */
export function rawBytes(raw: MapRawTlv): Uint8Array {
  return raw.bytes.subarray(raw.start, raw.end);
}

// ---------------------------------------------------------------------------------------------------------
// SEQUENCE walker

/**
 * One component of a SEQUENCE: the tags it can arrive with (several for an untagged CHOICE), whether it
 * is OPTIONAL, and how to turn its TLV into a value and back. `decode` receives the cursor positioned on
 * the component; it may reuse the cursor for nested components (the walker saves what it needs first).
 * `encode` writes the whole TLV, tag included.
 */
export interface MapField {
  readonly name: string;
  readonly tags: readonly number[];
  readonly optional: boolean;
  decode(bytes: Uint8Array, c: BerCursor): unknown;
  encode(w: BerWriter, value: unknown): void;
}

/** The components of one SEQUENCE in ASN.1 definition order (root and extension additions alike). */
export type MapSequenceSpec = readonly MapField[];

/** What a walked SEQUENCE decodes to: one property per present component, plus the unknown ones. */
export interface MapSequenceValue {
  unknownElements?: MapUnknownElement[];
}

type Loose = Record<string, unknown>;

/**
 * Decodes the content octets `[from, to)` of a SEQUENCE. Each component is matched against the spec
 * from the position after the last matched component onwards, so two untagged components of the same
 * type (imsi IMSI, vlr-Number ISDN-AddressString in UpdateLocationArg) are told apart by position, as
 * BER intends. Components that match nothing are kept as `unknownElements`. A missing mandatory
 * component is a DecodeError.
 */
export function decodeSequenceBody<T>(
  spec: MapSequenceSpec,
  what: string,
  bytes: Uint8Array,
  from: number,
  to: number,
  c: BerCursor,
): T {
  const out: Loose = {};
  let unknown: MapUnknownElement[] | undefined;
  let pos = 0;
  let at = from;
  while (at < to) {
    c.read(at, to);
    const next = c.end;
    const key = tagKey(c.tagClass, c.constructed, c.tagNumber);
    let i = pos;
    while (i < spec.length && !spec[i]!.tags.includes(key)) i++;
    if (i < spec.length) {
      const field = spec[i]!;
      out[field.name] = field.decode(bytes, c);
      pos = i + 1;
    } else {
      unknown ??= [];
      unknown.push({
        tagClass: c.tagClass,
        constructed: c.constructed,
        tagNumber: c.tagNumber,
        bytes,
        start: c.start,
        end: c.end,
        slot: pos,
      });
    }
    at = next; // c.end > at: every step consumes at least the two header octets
  }
  for (const field of spec) {
    if (!field.optional && !(field.name in out)) {
      throw new DecodeError("map", from, `${what}: mandatory ${field.name} is missing`);
    }
  }
  if (unknown) out.unknownElements = unknown;
  return out as T;
}

/** Writes the components of `value` in definition order, unknown elements back at their slots. */
export function encodeSequenceBody(w: BerWriter, spec: MapSequenceSpec, what: string, value: object): void {
  const v = value as Loose;
  const unknown = v.unknownElements as readonly MapUnknownElement[] | undefined;
  let k = 0;
  for (let i = 0; i < spec.length; i++) {
    if (unknown) while (k < unknown.length && unknown[k]!.slot <= i) w.raw(rawBytes(unknown[k++]!));
    const field = spec[i]!;
    const fv = v[field.name];
    if (fv === undefined) {
      if (!field.optional) throw new EncodeError("map", `${what}.${field.name}`, "is mandatory");
      continue;
    }
    field.encode(w, fv);
  }
  if (unknown) while (k < unknown.length) w.raw(rawBytes(unknown[k++]!));
}

/**
 * Reads the TLV of a whole operation parameter at `start`; it must fill `[start, end)` exactly (the
 * TCAP component hands over the parameter's own extent).
 */
export function openParameter(c: BerCursor, start: number, end: number): BerCursor {
  c.read(start, end);
  if (c.end !== end) throw new DecodeError("map", c.end, "data after the end of the parameter");
  return c;
}

/** Throws unless the cursor sits on a TLV with tag `key`. */
export function expectTag(c: BerCursor, key: number, what: string): void {
  if (tagKey(c.tagClass, c.constructed, c.tagNumber) !== key) {
    throw new DecodeError(
      "map",
      c.start,
      `${what}: expected ${tagName(key)}, found ${tagName(tagKey(c.tagClass, c.constructed, c.tagNumber))}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Field kinds

function primitiveContent(c: BerCursor, name: string, min: number, max: number): void {
  const n = c.valueEnd - c.valueStart;
  if (n < min || n > max) {
    throw new DecodeError(
      "map",
      c.valueStart,
      `${name}: ${n} octets, outside SIZE (${min === max ? min : `${min}..${max}`})`,
    );
  }
}

function checkLength(name: string, n: number, min: number, max: number): void {
  if (n < min || n > max) {
    throw new EncodeError("map", name, `${n} octets, outside SIZE (${min}..${max})`);
  }
}

/** IMSI ::= TBCD-STRING (SIZE (3..8)) (TS 29.002 §17.7.8) as its digit string. */
export function imsiField(name: string, tag: number, optional = false): MapField {
  return {
    name,
    tags: [tag],
    optional,
    decode: (bytes, c) => {
      primitiveContent(c, name, 3, 8);
      return decodeImsi(bytes, c.valueStart, c.valueEnd);
    },
    encode: (w, v) => {
      const content = encodeImsi(v as string);
      checkLength(name, content.length, 3, 8);
      writeTag(w, tag);
      w.length(content.length).raw(content);
    },
  };
}

/**
 * AddressString ::= OCTET STRING (SIZE (1..maxAddressLength=20)), ISDN-AddressString (SIZE (1..9)) —
 * TS 29.002 §17.7.8: nature of address and numbering plan octet, then TBCD digits.
 */
export function addressField(name: string, tag: number, optional = false, maxOctets = 9): MapField {
  return {
    name,
    tags: [tag],
    optional,
    decode: (bytes, c) => {
      primitiveContent(c, name, 1, maxOctets);
      return decodeAddressString(bytes, c.valueStart, c.valueEnd, maxOctets);
    },
    encode: (w, v) => {
      const content = encodeAddressString(v as AddressString, maxOctets);
      checkLength(name, content.length, 1, maxOctets);
      writeTag(w, tag);
      w.length(content.length).raw(content);
    },
  };
}

/** ISDN-AddressString (SIZE (1..9)); the common case of `addressField`. */
export const isdnField = (name: string, tag: number, optional = false): MapField =>
  addressField(name, tag, optional, 9);

/** LMSI ::= OCTET STRING (SIZE (4)) (TS 29.002 §17.7.8). */
export function lmsiField(name: string, tag: number, optional = true): MapField {
  return {
    name,
    tags: [tag],
    optional,
    decode: (bytes, c) => {
      primitiveContent(c, name, 4, 4);
      return decodeLmsi(bytes, c.valueStart, c.valueEnd);
    },
    encode: (w, v) => {
      const content = encodeLmsi(v as string);
      checkLength(name, content.length, 4, 4);
      writeTag(w, tag);
      w.length(content.length).raw(content);
    },
  };
}

/**
 * A view of `bytes[start, end)` that is a plain Uint8Array whatever `bytes` is (a Buffer's `subarray`
 * is a Buffer), so decoded values compare equal to values built by hand.
 */
export function octetView(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);
}

/** OCTET STRING (SIZE (min..max)) kept as a small Uint8Array view (RAND, SRES, GSN-Address, Category…). */
export function octetsField(
  name: string,
  tag: number,
  optional: boolean,
  min: number,
  max: number,
): MapField {
  return {
    name,
    tags: [tag],
    optional,
    decode: (bytes, c) => {
      primitiveContent(c, name, min, max);
      return octetView(bytes, c.valueStart, c.valueEnd);
    },
    encode: (w, v) => {
      const content = v as Uint8Array;
      checkLength(name, content.length, min, max);
      writeTag(w, tag);
      w.length(content.length).raw(content);
    },
  };
}

/** NULL used as a flag (X.690 §8.8: no content octets); decodes to `true` when present. */
export function nullField(name: string, tag: number): MapField {
  return {
    name,
    tags: [tag],
    optional: true,
    decode: (_bytes, c) => {
      primitiveContent(c, name, 0, 0);
      return true;
    },
    encode: (w, v) => {
      if (v !== true) throw new EncodeError("map", name, "a NULL flag is true or absent");
      writeTag(w, tag);
      w.length(0);
    },
  };
}

/**
 * INTEGER or ENUMERATED (same content encoding, X.690 §8.4) within `[min, max]`. Out-of-range values
 * of an extensible ENUMERATED are still decoded (TS 29.002 exception handling maps them, the codec
 * keeps the number); `min`/`max` only bound the octet count.
 */
export function integerField(
  name: string,
  tag: number,
  optional: boolean,
  min: number,
  max: number,
): MapField {
  return {
    name,
    tags: [tag],
    optional,
    decode: (bytes, c) => {
      if (c.constructed) throw new DecodeError("map", c.start, `${name}: constructed INTEGER`);
      primitiveContent(c, name, 1, 6);
      return readInteger(bytes, c.valueStart, c.valueEnd);
    },
    encode: (w, v) => {
      const n = v as number;
      if (!Number.isSafeInteger(n) || n < min || n > max) {
        throw new EncodeError("map", name, `${n} is not an integer in ${min}..${max}`);
      }
      w.integer(keyClass(tag), keyNumber(tag), n);
    },
  };
}

/** BOOLEAN (X.690 §8.2); encoded TRUE is 0xFF as DER requires. */
export function booleanField(name: string, tag: number, optional = true): MapField {
  return {
    name,
    tags: [tag],
    optional,
    decode: (bytes, c) => {
      primitiveContent(c, name, 1, 1);
      return bytes[c.valueStart] !== 0;
    },
    encode: (w, v) => {
      w.boolean(keyClass(tag), keyNumber(tag), v as boolean);
    },
  };
}

/** A component kept undecoded as offsets (extension containers, CAMEL data, capability SEQUENCEs). */
export function rawField(name: string, tags: number | readonly number[], optional = true): MapField {
  const list = typeof tags === "number" ? [tags] : tags;
  return {
    name,
    tags: list,
    optional,
    decode: (bytes, c) => rawFromCursor(bytes, c),
    encode: (w, v) => {
      const raw = v as MapRawTlv;
      // Written as it is, so its tag must be one the decoder will recognise at this position.
      if (!list.includes(tagKey(raw.tagClass, raw.constructed, raw.tagNumber))) {
        throw new EncodeError(
          "map",
          name,
          `element tag ${tagName(tagKey(raw.tagClass, raw.constructed, raw.tagNumber))} is not ${list.map(tagName).join(" / ")}`,
        );
      }
      w.raw(rawBytes(raw));
    },
  };
}

/** A nested SEQUENCE walked with its own spec. */
export function sequenceField(name: string, tag: number, spec: MapSequenceSpec, optional = true): MapField {
  return {
    name,
    tags: [tag],
    optional,
    decode: (bytes, c) => decodeSequenceBody(spec, name, bytes, c.valueStart, c.valueEnd, c),
    encode: (w, v) => {
      const mark = w.begin(keyClass(tag), keyNumber(tag));
      encodeSequenceBody(w, spec, name, v as object);
      w.end(mark);
    },
  };
}

/** How one element of a SEQUENCE OF is read and written (the element's whole TLV). */
export interface MapItemCodec<T> {
  readonly tags: readonly number[];
  decode(bytes: Uint8Array, c: BerCursor): T;
  encode(w: BerWriter, value: T): void;
}

/**
 * SEQUENCE SIZE (min..max) OF item. Every element must be an item (a SEQUENCE OF has no extension
 * marker), and the count must respect the SIZE constraint: a 10 000-element list is an attack, not data.
 */
export function sequenceOfField<T>(
  name: string,
  tag: number,
  item: MapItemCodec<T>,
  optional: boolean,
  min: number,
  max: number,
): MapField {
  return {
    name,
    tags: [tag],
    optional,
    decode: (bytes, c) => decodeSequenceOf(item, name, bytes, c, min, max),
    encode: (w, v) => {
      const list = v as readonly T[];
      if (list.length < min || list.length > max) {
        throw new EncodeError("map", name, `${list.length} elements, outside SIZE (${min}..${max})`);
      }
      const mark = w.begin(keyClass(tag), keyNumber(tag));
      for (const e of list) item.encode(w, e);
      w.end(mark);
    },
  };
}

/** Decodes the elements of the SEQUENCE OF the cursor sits on. */
export function decodeSequenceOf<T>(
  item: MapItemCodec<T>,
  name: string,
  bytes: Uint8Array,
  c: BerCursor,
  min: number,
  max: number,
): T[] {
  const out: T[] = [];
  const to = c.valueEnd;
  let at = c.valueStart;
  while (at < to) {
    c.read(at, to);
    const next = c.end;
    if (!item.tags.includes(tagKey(c.tagClass, c.constructed, c.tagNumber))) {
      throw new DecodeError(
        "map",
        c.start,
        `${name}: unexpected element ${tagName(tagKey(c.tagClass, c.constructed, c.tagNumber))}`,
      );
    }
    if (out.length === max) throw new DecodeError("map", c.start, `${name}: more than ${max} elements`);
    out.push(item.decode(bytes, c));
    at = next;
  }
  if (out.length < min) throw new DecodeError("map", to, `${name}: fewer than ${min} elements`);
  return out;
}

/** OCTET STRING elements of a list (Ext-TeleserviceCode, Ext-BearerServiceCode, HLR-Id…). */
export function octetsItem(name: string, tag: number, min: number, max: number): MapItemCodec<Uint8Array> {
  const f = octetsField(name, tag, false, min, max);
  return {
    tags: f.tags,
    decode: (bytes, c) => f.decode(bytes, c) as Uint8Array,
    encode: (w, v) => f.encode(w, v),
  };
}

/** A single-octet OCTET STRING element as its number (SS-Code ::= OCTET STRING (SIZE (1))). */
export function octetItem(name: string, tag: number): MapItemCodec<number> {
  return {
    tags: [tag],
    decode: (bytes, c) => {
      primitiveContent(c, name, 1, 1);
      return bytes[c.valueStart]!;
    },
    encode: (w, v) => {
      if (!Number.isInteger(v) || v < 0 || v > 255)
        throw new EncodeError("map", name, `${v} is not an octet`);
      writeTag(w, tag);
      w.length(1);
      w.out.u8(v);
    },
  };
}

/** A single-octet OCTET STRING component as its number (SS-Code, SS-Status, Category). */
export function octetField(name: string, tag: number, optional = true): MapField {
  const item = octetItem(name, tag);
  return {
    name,
    tags: item.tags,
    optional,
    decode: (bytes, c) => item.decode(bytes, c),
    encode: (w, v) => item.encode(w, v as number),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Shared MAP types

/** Ext-TeleserviceCode / Ext-BearerServiceCode ::= OCTET STRING (SIZE (1..5)) (TS 29.002 §17.7.9/10). */
export const extServiceCodeItem = (name: string): MapItemCodec<Uint8Array> =>
  octetsItem(name, OCTET_STRING, 1, 5);

/**
 * Ext-BasicServiceCode ::= CHOICE { ext-BearerService [2] Ext-BearerServiceCode, ext-Teleservice [3]
 * Ext-TeleserviceCode }, and BasicServiceCode (the same tags with SIZE (1)) — TS 29.002 §17.7.10.
 */
export interface MapBasicServiceCode {
  kind: "bearerService" | "teleservice";
  code: Uint8Array;
}

export function basicServiceItem(name: string, maxOctets: number): MapItemCodec<MapBasicServiceCode> {
  const bearer = ctx(2);
  const tele = ctx(3);
  return {
    tags: [bearer, tele],
    decode: (bytes, c) => {
      primitiveContent(c, name, 1, maxOctets);
      return {
        kind: c.tagNumber === 2 ? "bearerService" : "teleservice",
        code: octetView(bytes, c.valueStart, c.valueEnd),
      };
    },
    encode: (w, v) => {
      checkLength(name, v.code.length, 1, maxOctets);
      writeTag(w, v.kind === "bearerService" ? bearer : tele);
      w.length(v.code.length).raw(v.code);
    },
  };
}

/** An untagged CHOICE component whose alternatives are an item codec's tags. */
export function choiceField<T>(name: string, item: MapItemCodec<T>, optional = true): MapField {
  return {
    name,
    tags: item.tags,
    optional,
    decode: (bytes, c) => item.decode(bytes, c),
    encode: (w, v) => item.encode(w, v as T),
  };
}

/** ExtensionContainer (TS 29.002 §17.7.11): always kept undecoded; its content is private to operators. */
export const extensionContainerField = (tag: number = SEQUENCE): MapField =>
  rawField("extensionContainer", tag);

/** Decodes a parameter that is a SEQUENCE with tag `key`, per `spec`. */
export function decodeSequenceParameter<T>(
  spec: MapSequenceSpec,
  key: number,
  what: string,
  bytes: Uint8Array,
  c: BerCursor,
  start: number,
  end: number,
): T {
  openParameter(c, start, end);
  expectTag(c, key, what);
  return decodeSequenceBody<T>(spec, what, bytes, c.valueStart, c.valueEnd, c);
}

/** Encodes a SEQUENCE parameter with tag `key`. */
export function encodeSequenceParameter(
  w: BerWriter,
  spec: MapSequenceSpec,
  key: number,
  what: string,
  value: object,
): void {
  const mark = w.begin(keyClass(key), keyNumber(key));
  encodeSequenceBody(w, spec, what, value);
  w.end(mark);
}

/**
 * An operation parameter (Invoke argument or ReturnResult parameter) that is one SEQUENCE with tag `key`
 * walked with `spec`: the two halves of a `MapOperationCodec` for it. The functions use no `this`, so
 * they can be assigned straight to `decodeArgument` / `encodeArgument` (or the result pair).
 */
export interface MapSequenceParameter<T> {
  readonly decode: (bytes: Uint8Array, start: number, end: number) => T;
  readonly encode: (w: BerWriter, value: T) => void;
}

/**
 * `decodeSequenceParameter` / `encodeSequenceParameter` bound to one parameter's spec, tag and ASN.1 type
 * name (`what`, the name its errors carry), for operation files whose parameter needs nothing more.
 * Each decode walks with a cursor of its own, so the pair is safe to share and to call re-entrantly.
 */
export function sequenceParameter<T extends object>(
  spec: MapSequenceSpec,
  key: number,
  what: string,
): MapSequenceParameter<T> {
  return {
    decode: (bytes, start, end) =>
      decodeSequenceParameter<T>(spec, key, what, bytes, new BerCursor(bytes), start, end),
    encode: (w, value) => encodeSequenceParameter(w, spec, key, what, value),
  };
}

/** BIT STRING (X.690 §8.6): the count of unused trailing bits and the octets holding the bits. */
export interface MapBitString {
  unusedBits: number;
  data: Uint8Array;
}

/** A primitive BIT STRING component (SupportedCamelPhases, ODB-GeneralData, OfferedCamel4CSIs…). */
export function bitStringField(name: string, tag: number, optional = true): MapField {
  return {
    name,
    tags: [tag],
    optional,
    decode: (bytes, c) => {
      primitiveContent(c, name, 1, 0xffff);
      const unusedBits = bytes[c.valueStart]!;
      // X.690 §8.6.2.2–3: 0..7 unused bits, and none when there are no bit octets.
      if (unusedBits > 7 || (unusedBits !== 0 && c.valueEnd - c.valueStart === 1)) {
        throw new DecodeError("map", c.valueStart, `${name}: ${unusedBits} unused bits`);
      }
      return { unusedBits, data: octetView(bytes, c.valueStart + 1, c.valueEnd) } satisfies MapBitString;
    },
    encode: (w, v) => {
      const b = v as MapBitString;
      if (!Number.isInteger(b.unusedBits) || b.unusedBits < 0 || b.unusedBits > 7) {
        throw new EncodeError("map", name, `${b.unusedBits} unused bits`);
      }
      if (b.unusedBits !== 0 && b.data.length === 0) {
        throw new EncodeError("map", name, "unused bits without bit octets");
      }
      writeTag(w, tag);
      w.length(b.data.length + 1);
      w.out.u8(b.unusedBits);
      w.raw(b.data);
    },
  };
}

/**
 * The `imsi` and `msisdn` a decoded value carries at its top level, for `MapOperationCodec.identities`.
 * Absent identities are left out rather than set to undefined.
 */
export function topLevelIdentities(value: object): MapIdentities {
  const v = value as { imsi?: unknown; msisdn?: unknown };
  const out: MapIdentities = {};
  if (typeof v.imsi === "string") out.imsi = v.imsi;
  const m = v.msisdn as AddressString | undefined;
  if (m && typeof m.digits === "string") out.msisdn = m.digits;
  return out;
}

/** The tag key of the TLV the cursor sits on. */
export function cursorTag(c: BerCursor): number {
  return tagKey(c.tagClass, c.constructed, c.tagNumber);
}

/** An element of a SEQUENCE OF that is itself a SEQUENCE walked with `spec`. */
export function sequenceItem<T>(what: string, spec: MapSequenceSpec): MapItemCodec<T> {
  return {
    tags: [SEQUENCE],
    decode: (bytes, c) => decodeSequenceBody<T>(spec, what, bytes, c.valueStart, c.valueEnd, c),
    encode: (w, v) => encodeSequenceParameter(w, spec, SEQUENCE, what, v as object),
  };
}
