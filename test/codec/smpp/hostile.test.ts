import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import {
  decodeSmppPdu,
  encodeSmppPdu,
  parseDeliveryReceipt,
  parseSmppTime,
  SmppStreamFramer,
} from "../../../src/codec/smpp/index.js";
import { mutate } from "../../fuzz/mutate.js";
import { SMPP_FIXTURES } from "./fixtures.js";
import { anyPduArb, normalize } from "./helpers.js";

/** Fixtures plus a fixed sample of generated PDUs with many TLVs, submit_multi lists and so on. */
const SEEDS: Buffer[] = [
  ...SMPP_FIXTURES.map((f) => fromHex(f.hex)),
  ...fc.sample(anyPduArb, { numRuns: 40, seed: 6 }).map((v) => encodeSmppPdu(v)),
];

/** Runs `f`; returns its value, or undefined if it threw a DecodeError. Anything else fails the test. */
function onlyDecodeError<T>(f: () => T, what: string): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof DecodeError) {
      assert.equal(e.layer, "smpp", what);
      return undefined;
    }
    throw new Error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

/** Whatever decodes must re-encode to the same bytes (the input was canonical) and the same value. */
function checkReencodes(input: Uint8Array, what: string): boolean {
  const pdu = onlyDecodeError(() => decodeSmppPdu(input), what);
  if (!pdu) return false;
  const again = encodeSmppPdu(pdu);
  assert.equal(toHex(again), toHex(input), what);
  assert.deepEqual(normalize(decodeSmppPdu(again)), normalize(pdu), what);
  return true;
}

/** A mutation with its command_length set right half of the time, so the body gets exercised. */
function mutated(n: number): Uint8Array {
  const input = mutate(SEEDS[n % SEEDS.length]!, n);
  if (n % 2 === 0 && input.length >= 4) {
    Buffer.from(input.buffer, input.byteOffset, input.length).writeUInt32BE(input.length, 0);
  }
  return input;
}

describe("SMPP hostile input", () => {
  it("throws only DecodeError over 30 000 mutated PDUs, and re-encodes whatever it accepts exactly", () => {
    let accepted = 0;
    const t0 = performance.now();
    for (let n = 0; n < 30_000; n++) {
      if (checkReencodes(mutated(n), `decodeSmppPdu n=${n}`)) accepted++;
    }
    assert.ok(accepted > 2_000, `only ${accepted} mutations decoded; the seeds should survive some`);
    assert.ok(performance.now() - t0 < 8_000, "mutated input must not slow the decoder down");
  });

  it("throws only DecodeError for every lying length, count and truncation in every seed", () => {
    const lies8 = [0, 1, 2, 0x7f, 0x80, 0xfe, 0xff];
    const lies16 = [0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 0x100, 0xfffe, 0xffff];
    let cases = 0;
    for (const [i, seed] of SEEDS.entries()) {
      for (const v of [0, 1, 15, 16, 17, seed.length - 1, seed.length + 1, 0x7fffffff, 0xffffffff]) {
        const b = Buffer.from(seed);
        b.writeUInt32BE(v >>> 0, 0);
        checkReencodes(b, `seed ${i} command_length ${v}`);
        cases++;
      }
      for (let at = 16; at < seed.length; at++) {
        // Every octet as sm_length / number_of_dests / no_unsuccess / dest_flag …
        for (const v of lies8) {
          const b = Buffer.from(seed);
          b[at] = v;
          checkReencodes(b, `seed ${i} octet ${v} at ${at}`);
          cases++;
        }
        // … and every 16-bit word as a TLV length.
        if (at + 2 <= seed.length) {
          for (const v of lies16) {
            const b = Buffer.from(seed);
            b.writeUInt16BE(v, at);
            checkReencodes(b, `seed ${i} u16 ${v} at ${at}`);
            cases++;
          }
        }
      }
      for (let cut = 0; cut < seed.length; cut++) {
        assert.throws(() => decodeSmppPdu(seed.subarray(0, cut)), DecodeError, `seed ${i} cut at ${cut}`);
        const b = Buffer.from(seed.subarray(0, cut));
        if (cut >= 4) b.writeUInt32BE(cut, 0);
        checkReencodes(b, `seed ${i} cut at ${cut} with command_length fixed`);
        cases += 2;
      }
    }
    assert.ok(cases > 20_000, `${cases} cases`);
  });

  it("survives random garbage behind a well-formed header of every command", () => {
    let x = 0x2545f491;
    const ids = [1, 2, 3, 4, 5, 6, 7, 8, 9, 0x0b, 0x15, 0x21, 0x102, 0x103];
    for (let n = 0; n < 10_000; n++) {
      const len = 16 + (n % 160);
      const b = Buffer.alloc(len);
      for (let i = 16; i < len; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        // Mostly small octets and NULs, so C-strings end and lists stay short enough to get somewhere.
        b[i] = (x & 3) === 0 ? 0 : x & ((x >>> 8) & 1 ? 0x0f : 0xff);
      }
      const id = ids[n % ids.length]!;
      b.writeUInt32BE(len, 0);
      b.writeUInt32BE((n & 16 ? 0x80000000 | id : id) >>> 0, 4);
      checkReencodes(b, `garbage n=${n}`);
    }
  });

  it("throws only DecodeError from the framer over 20 000 mutated streams in random chunks", () => {
    const stream = Buffer.concat(SEEDS.slice(0, 12));
    let frames = 0;
    for (let n = 0; n < 20_000; n++) {
      const input = mutate(stream, n);
      const framer = new SmppStreamFramer({ maxPduLength: 4096 });
      onlyDecodeError(() => {
        for (let at = 0, step = 1 + (n % 37); at < input.length; at += step) {
          framer.push(input.subarray(at, at + step));
          while (framer.next()) {
            frames++;
            onlyDecodeError(
              () => decodeSmppPdu(framer.frameBytes, framer.frameStart, framer.frameEnd),
              `framed decode n=${n}`,
            );
          }
          assert.ok(framer.pending < 4096 + 37, "never holds more than one partial PDU and a chunk");
        }
      }, `framer n=${n}`);
    }
    assert.ok(frames > 20_000, `${frames} frames`);
  });

  it("parses any text as a receipt or null, quickly, and any string as SMPP time or DecodeError", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = parseDeliveryReceipt(s);
        if (r) assert.ok(r.id.length > 0 && r.stat.length > 0);
        onlyDecodeError(() => parseSmppTime(s), "parseSmppTime");
        onlyDecodeError(() => parseSmppTime(s.padEnd(16, "0").slice(0, 16)), "parseSmppTime 16");
      }),
      { numRuns: 3_000 },
    );
    // Inputs that make careless regular expressions backtrack quadratically.
    const t0 = performance.now();
    for (const s of [
      " ".repeat(65_535),
      `${"\0".repeat(30_000)}x`,
      "id:1 ".repeat(10_000),
      `stat${" ".repeat(60_000)}x`,
      `submit${" ".repeat(60_000)}date`,
      `text${" ".repeat(60_000)}`,
      ":".repeat(65_535),
    ]) {
      parseDeliveryReceipt(s);
    }
    assert.ok(performance.now() - t0 < 1_000, `receipt parsing took ${performance.now() - t0} ms`);
  });
});

describe("SMPP fuzz targets", () => {
  it("run 3 000 mutated inputs each with nothing but DecodeError", async () => {
    const { targets } = await import("./fuzz-targets.js");
    for (const t of targets) {
      for (let n = 0; n < 3_000; n++) {
        onlyDecodeError(() => t.decode(mutate(t.seeds[n % t.seeds.length]!, n)), `${t.name} n=${n}`);
      }
    }
  });
});
