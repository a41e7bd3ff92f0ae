import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromHex } from "../../../src/codec/bytes.js";
import { DecodeError } from "../../../src/codec/errors.js";
import {
  decodeM3ua,
  findM3uaParameter,
  M3uaDataFields,
  readM3uaData,
} from "../../../src/codec/m3ua/index.js";
import { mutate } from "../../fuzz/mutate.js";
import { M3UA_FIXTURES } from "./fixtures.js";

const DATA = fromHex(M3UA_FIXTURES.find((f) => f.clause === "RFC 4666 §3.3.1")!.hex);

describe("M3UA DATA fast path (readM3uaData)", () => {
  it("fills the caller's object with the RFC 4666 §3.3.1 fixture's label and user-data offsets", () => {
    const out = new M3uaDataFields();
    assert.equal(readM3uaData(DATA, 0, DATA.length, out), true);
    assert.deepEqual(
      { ...out },
      {
        opc: 1234,
        dpc: 5678,
        si: 3,
        ni: 2,
        mp: 0,
        sls: 7,
        dataStart: 40,
        dataEnd: 57,
        routingContext: 100,
        routingContextCount: 1,
        networkAppearance: 8,
        correlationId: 77,
      },
    );
  });

  it("works at an offset inside a larger buffer and resets optional fields between calls", () => {
    const out = new M3uaDataFields();
    const outer = Buffer.concat([Buffer.alloc(3), DATA]);
    assert.equal(readM3uaData(outer, 3, outer.length, out), true);
    assert.deepEqual([out.dataStart, out.dataEnd], [43, 60]);
    // RFC 4666 §3.3.1: DATA with only Protocol Data (SI 5, no user data).
    const bare = fromHex("01 00 01 01 00000018 0210 0010 00000001 00000002 05 00 00 0f");
    assert.equal(readM3uaData(bare, 0, bare.length, out), true);
    assert.deepEqual([out.opc, out.dpc, out.si, out.sls, out.dataStart, out.dataEnd], [1, 2, 5, 15, 24, 24]);
    assert.deepEqual(
      [out.routingContext, out.routingContextCount, out.networkAppearance, out.correlationId],
      [-1, 0, -1, -1],
    );
  });

  it("returns false for every other message type without decoding it", () => {
    const out = new M3uaDataFields();
    for (const f of M3UA_FIXTURES) {
      const b = fromHex(f.hex);
      assert.equal(readM3uaData(b, 0, b.length, out), f.clause === "RFC 4666 §3.3.1", f.name);
    }
  });

  it("rejects DATA without Protocol Data, and repeated label-bearing parameters a peer might read differently", () => {
    const out = new M3uaDataFields();
    const cases: [string, RegExp][] = [
      ["01 00 01 01 00000010 0006 0008 00000001", /mandatory Protocol Data/],
      [
        "01 00 01 01 00000028 0210 0010 00000001 00000002 03 00 00 00 0210 0010 00000009 00000002 03 00 00 00",
        /second Protocol Data/,
      ],
      [
        "01 00 01 01 00000028 0006 0008 00000001 0006 0008 00000002 0210 0010 00000001 00000002 03 00 00 00",
        /second Routing Context/,
      ],
      [
        "01 00 01 01 00000028 0200 0008 00000001 0200 0008 00000002 0210 0010 00000001 00000002 03 00 00 00",
        /second Network Appearance/,
      ],
    ];
    for (const [hex, pattern] of cases) {
      const b = fromHex(hex);
      assert.throws(
        () => readM3uaData(b, 0, b.length, out),
        (e: unknown) => e instanceof DecodeError && pattern.test(e.reason),
        hex,
      );
    }
  });

  it("accepts exactly the DATA messages the full decoder accepts, over 20 000 mutations", () => {
    const out = new M3uaDataFields();
    const seeds = [
      DATA,
      fromHex("01 00 01 01 00000024 0207 000c 020a 0008 00000001 0210 0010 00000001 00000002 03 00 00 00"),
    ];
    let agreedOk = 0;
    for (let n = 0; n < 20_000; n++) {
      const input = mutate(seeds[n % seeds.length]!, n);
      let fast: boolean | DecodeError;
      try {
        fast = readM3uaData(input, 0, input.length, out);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw new Error(`n=${n}: ${String(e)}`);
        fast = e;
      }
      let full: ReturnType<typeof decodeM3ua> | DecodeError;
      try {
        full = decodeM3ua(input);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw new Error(`n=${n}: ${String(e)}`);
        full = e;
      }
      if (fast === false) {
        assert.ok(input.length >= 8 && (input[2] !== 1 || input[3] !== 1), `n=${n}: false only for non-DATA`);
        continue;
      }
      if (full instanceof DecodeError) {
        assert.ok(fast instanceof DecodeError, `n=${n}: fast path accepted what the decoder rejects`);
        continue;
      }
      if (fast === true) {
        agreedOk++;
        const pd = findM3uaParameter(full, "protocolData")!;
        assert.deepEqual(
          [out.opc, out.dpc, out.si, out.ni, out.mp, out.sls, out.dataStart, out.dataEnd],
          [pd.opc, pd.dpc, pd.si, pd.ni, pd.mp, pd.sls, pd.dataStart, pd.dataEnd],
          `n=${n}`,
        );
      } else {
        // Only the fast path's extra rules may reject what the decoder accepts.
        assert.match(fast.reason, /second|mandatory Protocol Data/, `n=${n}`);
      }
    }
    assert.ok(agreedOk > 100, `only ${agreedOk} mutations stayed valid`);
  });
});
