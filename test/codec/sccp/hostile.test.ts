/**
 * Hostile input: mutated encodings (truncation, bit flips, lying lengths and pointers, 0xFF lengths,
 * inserted/deleted/duplicated ranges) must make the SCCP decoders throw DecodeError and nothing else, and
 * must not hang; the fast path must accept and reject exactly what the full decoder does.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DecodeError, EncodeError } from "../../../src/codec/errors.js";
import {
  decodeSccp,
  decodeSccpAddress,
  decodeSccpFast,
  encodeSccp,
  SccpFastView,
  type SccpMessage,
  toSccpInput,
} from "../../../src/codec/sccp/index.js";
import { mutate } from "../../fuzz/mutate.js";
import { decodeSccpStream, sccpAddressSeeds, sccpSeeds, sccpStreamSeeds } from "../../fuzz/targets/sccp.js";
import { anyMessage } from "./arbitraries.js";
import { assertFastMatches, plain } from "./helpers.js";

const seeds: Uint8Array[] = [
  ...sccpSeeds,
  ...fc.sample(anyMessage, { seed: 42, numRuns: 40 }).map((m) => encodeSccp(m)),
];

function tryDecode(bytes: Uint8Array): SccpMessage | DecodeError {
  try {
    return decodeSccp(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
}

/** Runs both decoders on `bytes` and checks they agree; returns whether the input decoded. */
function checkBoth(bytes: Uint8Array, view: SccpFastView): boolean {
  const full = tryDecode(bytes);
  let fast: boolean | DecodeError;
  try {
    fast = decodeSccpFast(bytes, 0, bytes.length, view);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    fast = e;
  }
  if (full instanceof DecodeError) {
    assert.ok(fast instanceof DecodeError, "fast path accepted an input the full decoder rejects");
    assert.equal(fast.offset, full.offset);
    assert.ok(full.offset >= 0 && full.offset <= bytes.length, `offset ${full.offset} outside the input`);
    return false;
  }
  assert.ok(
    !(fast instanceof DecodeError),
    `fast path rejected an input the full decoder accepts: ${String(fast)}`,
  );
  assert.equal(fast, !("other" in full));
  if (fast) assertFastMatches(view, full);
  return true;
}

describe("SCCP on hostile input", () => {
  it("throws only DecodeError, with the fast path agreeing, on 30 000 mutated messages", () => {
    const view = new SccpFastView();
    const t0 = performance.now();
    let decoded = 0;
    let reencoded = 0;
    for (let i = 0; i < 30_000; i++) {
      const input = mutate(seeds[i % seeds.length]!, i);
      if (!checkBoth(input, view)) continue;
      decoded++;
      // What decodes re-encodes canonically and decodes to the same values (unless canonical layout
      // no longer fits one-octet pointers or the long-data limit, which only EncodeError may report).
      const m = decodeSccp(input);
      let again: Buffer;
      try {
        again = encodeSccp(toSccpInput(m, input));
      } catch (e) {
        if (!(e instanceof EncodeError)) throw e;
        continue;
      }
      reencoded++;
      const m2 = decodeSccp(again);
      const strip = (x: SccpMessage) => {
        if ("other" in x) return plain({ ...x, bodyStart: 0, bodyEnd: 0 });
        const { dataStart, dataEnd, ...rest } = x;
        return plain(rest);
      };
      assert.deepEqual(strip(m2), strip(m));
    }
    const ms = performance.now() - t0;
    assert.ok(decoded > 1000, `only ${decoded} mutations still decoded`);
    assert.ok(reencoded > 1000);
    assert.ok(ms < 10_000, `30 000 inputs took ${ms} ms`);
  });

  it("rejects every truncation and every 0x00/0xFF octet lie with DecodeError or a clean decode", () => {
    const view = new SccpFastView();
    let n = 0;
    for (const seed of sccpSeeds) {
      for (let cut = 0; cut < seed.length; cut++) {
        checkBoth(seed.subarray(0, cut), view);
        n++;
      }
      for (let at = 0; at < seed.length; at++) {
        for (const v of [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff]) {
          const b = Uint8Array.from(seed);
          b[at] = v;
          checkBoth(b, view);
          n++;
        }
      }
    }
    assert.ok(n > 2000);
  });

  it("never reads outside [start, end) of a larger buffer", () => {
    const view = new SccpFastView();
    for (let i = 0; i < 5_000; i++) {
      const inner = mutate(seeds[i % seeds.length]!, i + 1_000_000);
      // Surround the input with octets that would make any overrun decode differently.
      const outer = new Uint8Array(inner.length + 8).fill(0xff);
      outer.set(inner, 4);
      const a = tryDecode(inner);
      let b: SccpMessage | DecodeError;
      try {
        b = decodeSccp(outer, 4, 4 + inner.length);
        decodeSccpFast(outer, 4, 4 + inner.length, view);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        b = e;
      }
      assert.equal(a instanceof DecodeError, b instanceof DecodeError);
      if (a instanceof DecodeError && b instanceof DecodeError) assert.equal(b.offset, a.offset + 4);
    }
  });

  it("throws only DecodeError from the address decoder on 20 000 mutated addresses", () => {
    let decoded = 0;
    for (let i = 0; i < 20_000; i++) {
      const input = mutate(sccpAddressSeeds[i % sccpAddressSeeds.length]!, i);
      try {
        decodeSccpAddress(input);
        decoded++;
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
      }
    }
    assert.ok(decoded > 0);
  });

  it("throws only DecodeError from the reassembler on 20 000 mutated segment streams", () => {
    let completed = 0;
    for (let i = 0; i < 20_000; i++) {
      const input = mutate(sccpStreamSeeds[i % sccpStreamSeeds.length]!, i);
      try {
        completed += decodeSccpStream(input);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
      }
    }
    assert.ok(completed > 0, "some mutated streams should still reassemble");
  });
});
