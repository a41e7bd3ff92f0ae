/**
 * Shared by the SMS codec tests: fast-check arbitraries for text (default alphabet, extension table,
 * emoji, CJK), addresses, time stamps and TPDUs; value normalisation (offset-based parts compared by their
 * octets); and the hostile-input loop over test/fuzz/mutate.ts.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import {
  encodeSmsTpdu,
  GSM7_DEFAULT_ALPHABET,
  GSM7_ESCAPE,
  GSM7_EXTENSION_TABLE,
  type SmsAddress,
  type SmsDeliver,
  type SmsStatusReport,
  type SmsSubmit,
  type SmsTimestamp,
  type SmsUdhElement,
  type SmsUserData,
  type SmsValidityPeriod,
  smsOctets,
  udhElement,
  userDataHeader,
} from "../../../src/codec/sms/index.js";
import { hostile as hostileOf } from "../map/common-sms-helpers.js";

/** Every character of the default alphabet (escape excluded) and of the extension table. */
export const GSM7_BASIC_CHARS = [...GSM7_DEFAULT_ALPHABET].filter((_, i) => i !== GSM7_ESCAPE);
export const GSM7_EXTENSION_CHARS = GSM7_EXTENSION_TABLE.map(([, ch]) => ch);

const basicChar = fc.constantFrom(...GSM7_BASIC_CHARS);
const extensionChar = fc.constantFrom(...GSM7_EXTENSION_CHARS);

/** GSM 7-bit encodable text, about one character in five from the extension table. */
export function arbGsm7Text(maxLength: number): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 4, arbitrary: basicChar }, { weight: 1, arbitrary: extensionChar }), {
      maxLength,
    })
    .map((a) => a.join(""));
}

const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c));
const cyrillic = fc.integer({ min: 0x0410, max: 0x044f }).map((c) => String.fromCharCode(c));
const emoji = fc.integer({ min: 0x1f300, max: 0x1faff }).map((c) => String.fromCodePoint(c));
const anyBmp = fc
  .integer({ min: 0x20, max: 0xfffd })
  .filter((c) => c < 0xd800 || c > 0xdfff)
  .map((c) => String.fromCharCode(c));

/** Text that needs UCS2 or not: default alphabet, extension table, emoji (surrogate pairs), CJK, Cyrillic. */
export function arbAnyText(maxChars: number): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: basicChar },
        { weight: 1, arbitrary: extensionChar },
        { weight: 1, arbitrary: emoji },
        { weight: 1, arbitrary: cjk },
        { weight: 1, arbitrary: cyrillic },
        { weight: 1, arbitrary: anyBmp },
      ),
      { maxLength: maxChars },
    )
    .map((a) => a.join(""));
}

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(..."0123456789*#abc"), { minLength: min, maxLength: max }).map((d) => d.join(""));

/** An address: digits with any type of number but 5, or an alphanumeric sender ID of at most 11 septets. */
export const arbAddress: fc.Arbitrary<SmsAddress> = fc.oneof(
  fc.record({
    typeOfNumber: fc.constantFrom(0, 1, 2, 3, 4, 6, 7),
    numberingPlan: fc.integer({ min: 0, max: 15 }),
    address: digits(0, 20),
  }),
  fc.record({
    typeOfNumber: fc.constant(5),
    numberingPlan: fc.integer({ min: 0, max: 15 }),
    address: arbGsm7Text(11).filter((t) => septetsOf(t) <= 11),
  }),
);

function septetsOf(text: string): number {
  let n = 0;
  for (const ch of text) n += GSM7_EXTENSION_CHARS.includes(ch) ? 2 : 1;
  return n;
}

export const arbTimestamp: fc.Arbitrary<SmsTimestamp> = fc.record({
  year: fc.integer({ min: 0, max: 99 }),
  month: fc.integer({ min: 0, max: 99 }),
  day: fc.integer({ min: 0, max: 99 }),
  hour: fc.integer({ min: 0, max: 99 }),
  minute: fc.integer({ min: 0, max: 99 }),
  second: fc.integer({ min: 0, max: 99 }),
  timezone: fc.integer({ min: -79, max: 79 }),
});

const arbOctetsOf = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => smsOctets(new Uint8Array(b)));

/** Generic information elements (IEIs other than the concatenation ones) and a valid concatenation element. */
export const arbUdhElements: fc.Arbitrary<SmsUdhElement[]> = fc.array(
  fc.oneof(
    fc
      .tuple(
        fc.integer({ min: 0, max: 255 }).filter((i) => i !== 0 && i !== 8),
        fc.uint8Array({ maxLength: 6 }),
      )
      .map(([iei, data]) => udhElement(iei, new Uint8Array(data))),
    fc
      .tuple(fc.integer({ min: 1, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.boolean())
      .chain(([total, ref, wide]) =>
        fc
          .integer({ min: 1, max: total })
          .map((part) =>
            udhElement(wide ? 8 : 0, wide ? [ref, ref ^ 0x5a, total, part] : [ref, total, part]),
          ),
      ),
  ),
  { maxLength: 3 },
);

/** User data under TP-DCS `dcs` (0x00 GSM 7-bit, 0x08 UCS2, 0x04 8-bit) that fits 140 octets. */
export function arbUserData(kind: "gsm7" | "ucs2" | "8bit"): fc.Arbitrary<SmsUserData> {
  return fc.option(arbUdhElements, { nil: undefined }).chain((elements) => {
    const headerOctets =
      elements === undefined ? 0 : 1 + elements.reduce((n, e) => n + 2 + e.end - e.start, 0);
    const header = elements === undefined ? undefined : userDataHeader(elements);
    const withHeader = (u: SmsUserData): SmsUserData => (header ? { header, ...u } : u);
    if (kind === "8bit") {
      return arbOctetsOf(0, 140 - headerOctets).map((data) => withHeader({ data }));
    }
    if (kind === "ucs2") {
      const maxUnits = Math.floor((140 - headerOctets) / 2);
      return arbAnyText(maxUnits)
        .map((t) => trimUnits(t, maxUnits))
        .map((text) => withHeader({ text }));
    }
    const maxSeptets = 160 - Math.ceil((headerOctets * 8) / 7);
    return arbGsm7Text(maxSeptets)
      .map((t) => trimSeptets(t, maxSeptets))
      .map((text) => withHeader({ text }));
  });
}

function trimUnits(t: string, max: number): string {
  let s = t.slice(0, max);
  // Never end on half a surrogate pair.
  const last = s.charCodeAt(s.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
  return s;
}

function trimSeptets(t: string, max: number): string {
  let n = 0;
  let out = "";
  for (const ch of t) {
    const c = GSM7_EXTENSION_CHARS.includes(ch) ? 2 : 1;
    if (n + c > max) break;
    n += c;
    out += ch;
  }
  return out;
}

const dcsFor = { gsm7: 0x00, ucs2: 0x08, "8bit": 0x04 } as const;
const arbKind = fc.constantFrom("gsm7" as const, "ucs2" as const, "8bit" as const);

export const arbValidityPeriod: fc.Arbitrary<SmsValidityPeriod> = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map((value) => ({ format: "relative" as const, value })),
  arbTimestamp.map((timestamp) => ({ format: "absolute" as const, timestamp })),
  arbOctetsOf(7, 7).map((octets) => ({ format: "enhanced" as const, octets })),
);

export const arbSubmit: fc.Arbitrary<SmsSubmit> = arbKind.chain((kind) =>
  fc
    .record(
      {
        rejectDuplicates: fc.boolean(),
        replyPath: fc.boolean(),
        statusReportRequest: fc.boolean(),
        messageReference: fc.integer({ min: 0, max: 255 }),
        destination: arbAddress,
        protocolIdentifier: fc.integer({ min: 0, max: 255 }),
        validityPeriod: arbValidityPeriod,
        userData: arbUserData(kind),
      },
      {
        requiredKeys: [
          "rejectDuplicates",
          "replyPath",
          "statusReportRequest",
          "messageReference",
          "destination",
          "protocolIdentifier",
          "userData",
        ],
      },
    )
    .map((r) => ({ type: "submit" as const, dataCodingScheme: dcsFor[kind], ...r })),
);

export const arbDeliver: fc.Arbitrary<SmsDeliver> = arbKind.chain((kind) =>
  fc
    .record({
      moreMessagesToSend: fc.boolean(),
      loopPrevention: fc.boolean(),
      statusReportIndication: fc.boolean(),
      replyPath: fc.boolean(),
      originator: arbAddress,
      protocolIdentifier: fc.integer({ min: 0, max: 255 }),
      serviceCentreTimestamp: arbTimestamp,
      userData: arbUserData(kind),
    })
    .map((r) => ({ type: "deliver" as const, dataCodingScheme: dcsFor[kind], ...r })),
);

export const arbStatusReport: fc.Arbitrary<SmsStatusReport> = fc
  .record({
    moreMessagesToSend: fc.boolean(),
    loopPrevention: fc.boolean(),
    aboutCommand: fc.boolean(),
    messageReference: fc.integer({ min: 0, max: 255 }),
    recipient: arbAddress,
    serviceCentreTimestamp: arbTimestamp,
    dischargeTime: arbTimestamp,
    status: fc.integer({ min: 0, max: 255 }),
    reserved: fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }),
    extension: fc.option(fc.array(fc.integer({ min: 0, max: 0x7f }), { minLength: 1, maxLength: 2 }), {
      nil: undefined,
    }),
    protocolIdentifier: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
    kind: fc.option(arbKind, { nil: undefined }),
    withUd: fc.boolean(),
  })
  .chain((r) => {
    const ud = r.withUd
      ? arbUserData(r.kind ?? "gsm7").map((u) => u as SmsUserData | undefined)
      : fc.constant(undefined);
    return ud.map((userData) => {
      const v: SmsStatusReport = {
        type: "statusReport",
        moreMessagesToSend: r.moreMessagesToSend,
        loopPrevention: r.loopPrevention,
        aboutCommand: r.aboutCommand,
        messageReference: r.messageReference,
        recipient: r.recipient,
        serviceCentreTimestamp: r.serviceCentreTimestamp,
        dischargeTime: r.dischargeTime,
        status: r.status,
      };
      if (r.protocolIdentifier !== undefined) v.protocolIdentifier = r.protocolIdentifier;
      if (r.kind !== undefined) v.dataCodingScheme = dcsFor[r.kind];
      if (userData !== undefined) v.userData = userData;
      const anyParameter = v.protocolIdentifier !== undefined || v.dataCodingScheme !== undefined || userData;
      if (r.reserved !== undefined || r.extension !== undefined || anyParameter) {
        // The value a decoder hands out: the TP-PI octet as on the wire.
        v.parameterIndicator =
          ((r.reserved ?? 0) << 3) |
          (r.extension ? 0x80 : 0) |
          (v.protocolIdentifier !== undefined ? 1 : 0) |
          (v.dataCodingScheme !== undefined ? 2 : 0) |
          (userData ? 4 : 0);
        if (r.extension) v.parameterIndicatorExtension = r.extension;
      }
      return v;
    });
  });

/**
 * A copy of `v` where every offset-based part (`{ bytes, start, end }`) is replaced by the hex of its octets
 * and every Uint8Array by its hex, so values decoded from different buffers compare with deepEqual.
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
      if (x === undefined) continue;
      out[k] = normalize(x);
    }
    return out;
  }
  return v;
}

/**
 * Feeds `count` mutations of `seeds` to `decode`; anything thrown but a DecodeError of the sms layer with
 * an offset inside the input fails with the seed index and mutation number that reproduce it. Returns how
 * many inputs still decoded.
 */
export function hostile(
  seeds: readonly Uint8Array[],
  count: number,
  decode: (b: Uint8Array) => unknown,
): number {
  return hostileOf(seeds, count, decode, "sms");
}

/** Throws unless `fn` fails with a DecodeError of the sms layer whose reason matches. */
export function assertDecodeError(fn: () => unknown, reason?: RegExp, offset?: number): void {
  assert.throws(fn, (e: unknown) => {
    if (!(e instanceof DecodeError) || e.layer !== "sms") return false;
    if (reason && !reason.test(e.reason))
      assert.fail(`reason ${JSON.stringify(e.reason)} does not match ${reason}`);
    if (offset !== undefined) assert.equal(e.offset, offset, `offset of ${e.reason}`);
    return true;
  });
}

/** The "hellohello" SMS-SUBMIT of the PDU-mode tutorials, without the SC address a modem prepends. */
export const CLASSIC_SUBMIT = "11 00 0b 91 64 07 28 15 53 f8 00 00 aa 0a e8 32 9b fd 46 97 d9 ec 37";
/** The "hellohello" SMS-DELIVER of the PDU-mode tutorials, without the SC address. */
export const CLASSIC_DELIVER =
  "04 0b c8 72 38 88 09 00 f1 00 00 99 30 92 51 61 95 80 0a e8 32 9b fd 46 97 d9 ec 37";

/** Valid TPDUs of every kind, the mutation seeds (also used by test/fuzz/targets/sms.ts). */
export function smsSeeds(): Uint8Array[] {
  const seeds = [fromHex(CLASSIC_SUBMIT), fromHex(CLASSIC_DELIVER)];
  const samples = [
    ...fc.sample(arbSubmit, { numRuns: 6, seed: 1 }),
    ...fc.sample(arbDeliver, { numRuns: 6, seed: 2 }),
    ...fc.sample(arbStatusReport, { numRuns: 6, seed: 3 }),
  ];
  for (const v of samples) seeds.push(encodeSmsTpdu(v));
  return seeds;
}
