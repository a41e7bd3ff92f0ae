import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import {
  decodeM3ua,
  encodeM3ua,
  M3uaDataFields,
  M3uaStreamFramer,
  readM3uaData,
} from "../../../src/codec/m3ua/index.js";
import { mutate } from "../../fuzz/mutate.js";
import { M3UA_FIXTURES } from "./fixtures.js";
import { normalize } from "./helpers.js";

const SEEDS = M3UA_FIXTURES.map((f) => fromHex(f.hex));

/** Runs `f`; returns its value, or undefined if it threw a DecodeError. Anything else fails the test. */
function onlyDecodeError<T>(f: () => T, what: string): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw new Error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

/** Every decoded message must re-encode, and the re-encoding must decode to the same value. */
function checkReencodes(input: Uint8Array, what: string): boolean {
  const msg = onlyDecodeError(() => decodeM3ua(input), what);
  if (!msg) return false;
  const again = decodeM3ua(encodeM3ua(msg));
  assert.deepEqual(normalize(again), normalize(msg), what);
  return true;
}

describe("M3UA hostile input", () => {
  it("throws only DecodeError over 25 000 mutated messages, and re-encodes whatever it accepts", () => {
    let accepted = 0;
    for (let n = 0; n < 25_000; n++) {
      const input = mutate(SEEDS[n % SEEDS.length]!, n);
      if (checkReencodes(input, `decodeM3ua n=${n}`)) accepted++;
    }
    assert.ok(accepted > 500, `only ${accepted} mutations decoded; the seeds should survive some`);
  });

  it("throws only DecodeError for every lying length field in every fixture", () => {
    const lies = [0, 1, 3, 4, 5, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0xfffe, 0xffff];
    let cases = 0;
    for (const [i, seed] of SEEDS.entries()) {
      // The message length (u32 at 4) and every 16-bit word after the header (parameter lengths among them).
      for (const v of [...lies, seed.length - 1, seed.length + 1, 0xffffffff, 0x80000000]) {
        const b = Buffer.from(seed);
        b.writeUInt32BE(v >>> 0, 4);
        checkReencodes(b, `fixture ${i} message length ${v}`);
        cases++;
      }
      for (let at = 8; at + 2 <= seed.length; at += 2) {
        for (const v of lies) {
          const b = Buffer.from(seed);
          b.writeUInt16BE(v, at);
          checkReencodes(b, `fixture ${i} u16 ${v} at ${at}`);
          cases++;
        }
      }
      for (let cut = 0; cut < seed.length; cut++) {
        assert.throws(
          () => decodeM3ua(seed.subarray(0, cut)),
          DecodeError,
          `fixture ${i} truncated to ${cut}`,
        );
        cases++;
      }
    }
    assert.ok(cases > 2000);
  });

  it("throws only DecodeError from the DATA fast path over 20 000 mutated messages", () => {
    const out = new M3uaDataFields();
    for (let n = 0; n < 20_000; n++) {
      const input = mutate(SEEDS[n % SEEDS.length]!, n ^ 0x5a5a);
      onlyDecodeError(() => readM3uaData(input, 0, input.length, out), `readM3uaData n=${n}`);
    }
  });

  it("throws only DecodeError from the framer over 20 000 mutated streams in random chunks", () => {
    const stream = Buffer.concat(SEEDS.slice(0, 6));
    let frames = 0;
    for (let n = 0; n < 20_000; n++) {
      const input = mutate(stream, n);
      const framer = new M3uaStreamFramer({ maxMessageLength: 4096 });
      onlyDecodeError(() => {
        for (let at = 0, step = 1 + (n % 23); at < input.length; at += step) {
          framer.push(input.subarray(at, at + step));
          while (framer.next()) {
            frames++;
            onlyDecodeError(
              () => decodeM3ua(framer.frameBytes, framer.frameStart, framer.frameEnd),
              `framed decode n=${n}`,
            );
          }
        }
        assert.ok(framer.pending < 4096 + 23, "never holds more than one partial message and a chunk");
      }, `framer n=${n}`);
    }
    assert.ok(frames > 20_000);
  });

  it("survives random garbage behind a valid header", () => {
    let x = 0x1234567;
    for (let n = 0; n < 5_000; n++) {
      const len = 8 + (n % 120);
      const b = Buffer.alloc(len);
      for (let i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        b[i] = x & 0xff;
      }
      b.writeUInt32BE(0x01000000 | (b[2]! << 8) | b[3]!, 0);
      b.writeUInt32BE(len, 4);
      checkReencodes(b, `garbage n=${n}`);
    }
  });
});
