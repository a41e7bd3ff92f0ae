import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DecodeError } from "../../../src/codec/errors.js";
import {
  decodeComponent,
  decodeComponents,
  decodeDialoguePortion,
  decodeTcap,
  encodeDialoguePortion,
  encodeTcap,
  encodeTcapComponent,
  inspectTcap,
  scanTcap,
  TcapDecodeError,
  TcapScan,
  tcapComponentValue,
  tcapDialogueValue,
  tcapFindings,
  tcapValue,
} from "../../../src/codec/tcap/index.js";
import { mutate } from "../../fuzz/mutate.js";
import { componentSeeds, dialogueSeeds, messageSeeds } from "../../fuzz/targets/tcap.js";
import { assertScanMatches } from "./helpers.js";

const N = 25_000;

/** Runs `fn` on N mutations of the seeds; only DecodeError may escape it. Returns how many decoded. */
function hostile(
  seeds: readonly Uint8Array[],
  fn: (input: Uint8Array) => void,
): { ok: number; errors: number } {
  let ok = 0;
  let errors = 0;
  for (let n = 0; n < N; n++) {
    const input = mutate(seeds[n % seeds.length]!, n);
    try {
      fn(input);
      ok++;
    } catch (e) {
      if (!(e instanceof DecodeError)) {
        throw new Error(`seed ${n % seeds.length}, n=${n}: ${String(e)}`, { cause: e });
      }
      errors++;
    }
  }
  return { ok, errors };
}

describe("TCAP decoders on hostile input (test/fuzz/mutate.ts)", () => {
  it(`decodeTcap throws only TcapDecodeError on ${N} mutated messages, and what decodes re-encodes stably`, () => {
    const scan = new TcapScan();
    const r = hostile(messageSeeds, (input) => {
      let m: ReturnType<typeof decodeTcap>;
      try {
        m = decodeTcap(input);
      } catch (e) {
        assert.ok(e instanceof TcapDecodeError, `not a TcapDecodeError: ${String(e)}`);
        throw e;
      }
      tcapFindings(m);
      // Whatever decodes can be re-encoded, and the re-encoding decodes to the same value.
      const again = encodeTcap(tcapValue(m, input));
      assert.deepEqual(tcapValue(decodeTcap(again), again), tcapValue(m, input));
      // The scanner accepts whatever the decoder accepts, and agrees with it.
      assertScanMatches(scanTcap(input, 0, input.length, scan), m);
    });
    assert.ok(r.ok > 500 && r.errors > 500, JSON.stringify(r));
  });

  it(`scanTcap throws only TcapDecodeError on ${N} mutated messages`, () => {
    const scan = new TcapScan();
    const r = hostile(messageSeeds, (input) => {
      try {
        scanTcap(input, 0, input.length, scan);
      } catch (e) {
        assert.ok(e instanceof TcapDecodeError, `not a TcapDecodeError: ${String(e)}`);
        throw e;
      }
    });
    assert.ok(r.ok > 500 && r.errors > 500, JSON.stringify(r));
  });

  it(`inspectTcap never throws on ${N} mutated messages`, () => {
    let findings = 0;
    for (let n = 0; n < N; n++) {
      findings += inspectTcap(mutate(messageSeeds[n % messageSeeds.length]!, n)).findings.length;
    }
    assert.ok(findings > 0);
  });

  it(`decodeComponent throws only DecodeError on ${N} mutated components`, () => {
    const r = hostile(componentSeeds, (input) => {
      const c = decodeComponent(input);
      const again = encodeTcapComponent(tcapComponentValue(c, input));
      assert.deepEqual(tcapComponentValue(decodeComponent(again), again), tcapComponentValue(c, input));
    });
    assert.ok(r.ok > 500 && r.errors > 500, JSON.stringify(r));
  });

  it(`decodeComponents throws only DecodeError on ${N} mutated component lists`, () => {
    const lists = componentSeeds.map((s, i) =>
      Buffer.concat([s, componentSeeds[(i + 1) % componentSeeds.length]!]),
    );
    const r = hostile(lists, (input) => {
      decodeComponents(input);
    });
    assert.ok(r.ok > 500 && r.errors > 500, JSON.stringify(r));
  });

  it(`decodeDialoguePortion throws only DecodeError on ${N} mutated dialogue portions`, () => {
    const r = hostile(dialogueSeeds, (input) => {
      const d = decodeDialoguePortion(input);
      const again = encodeDialoguePortion(tcapDialogueValue(d, input));
      assert.deepEqual(tcapDialogueValue(decodeDialoguePortion(again), again), tcapDialogueValue(d, input));
    });
    assert.ok(r.ok > 500 && r.errors > 500, JSON.stringify(r));
  });
});
