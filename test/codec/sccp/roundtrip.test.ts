import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { toHex } from "../../../src/codec/bytes.js";
import {
  decodeSccp,
  decodeSccpAddress,
  decodeSccpFast,
  encodeSccp,
  encodeSccpAddress,
  SccpFastView,
  type SccpUnitdataInput,
  toSccpInput,
} from "../../../src/codec/sccp/index.js";
import { address, message } from "./arbitraries.js";
import { assertFastMatches, plain } from "./helpers.js";

const TYPES = [
  [0x09, "UDT"],
  [0x0a, "UDTS"],
  [0x11, "XUDT"],
  [0x12, "XUDTS"],
  [0x13, "LUDT"],
  [0x14, "LUDTS"],
] as const;

function checkRoundTrip(input: SccpUnitdataInput): void {
  const bytes = encodeSccp(input);
  const m = decodeSccp(bytes);
  assert.ok(!("other" in m));
  // decode(encode(v)) = v, with the data offsets standing for the data.
  const { dataStart, dataEnd, ...fields } = m;
  const { data, ...expected } = input;
  assert.deepEqual(plain(fields), plain(expected));
  assert.equal(toHex(bytes, dataStart, dataEnd), toHex(data));
  // encode(decode(b)) = b.
  assert.equal(toHex(encodeSccp(toSccpInput(m, bytes))), toHex(bytes));
  // The fast path agrees with the full decoder.
  const v = new SccpFastView();
  assert.equal(decodeSccpFast(bytes, 0, bytes.length, v), true);
  assertFastMatches(v, m);
}

describe("SCCP round trip (fast-check)", () => {
  for (const [type, name] of TYPES) {
    for (const gti of [0, 1, 2, 3, 4]) {
      it(`round-trips ${name} with GT indicator ${gti} on both addresses`, () => {
        fc.assert(fc.property(message(type, gti), checkRoundTrip), { numRuns: 60 });
      });
    }
    it(`round-trips ${name} with mixed and spare GT indicators (5–15)`, () => {
      fc.assert(fc.property(message(type), checkRoundTrip), { numRuns: 150 });
    });
  }

  it("round-trips addresses alone for every GT indicator", () => {
    fc.assert(
      fc.property(address(), (a) => {
        const bytes = encodeSccpAddress(a);
        assert.deepEqual(plain(decodeSccpAddress(bytes)), plain(a));
      }),
      { numRuns: 2000 },
    );
  });

  it("reuses one fast view across message types without stale fields", () => {
    const v = new SccpFastView();
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(...TYPES.map(([t]) => t)).chain((t) => message(t)),
          { minLength: 2, maxLength: 6 },
        ),
        (msgs) => {
          for (const input of msgs) {
            const bytes = encodeSccp(input);
            assert.equal(decodeSccpFast(bytes, 0, bytes.length, v), true);
            assertFastMatches(v, decodeSccp(bytes));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
