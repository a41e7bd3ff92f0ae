/**
 * tshark as the oracle. A corpus of a few thousand varied messages (fast-check, fixed seed) is encoded into
 * a pcap by our encoders, then decoded by tshark 4.0 and by ss7guard; every field both report must agree
 * (point codes, SCCP type and both addresses, TCAP type, TIDs, application context, invoke IDs, opcodes
 * and error codes, IMSI, MSISDN). ss7guard's output is also checked against the corpus' own ground truth,
 * and the same tshark comparison runs over the third-party captures in test/fixtures/third-party.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decodeCaptureFile } from "../../src/cli/decode.js";
import type { StackDecodeProblem } from "../../src/codec/stack/decoder.js";
import type { Ss7Message } from "../../src/codec/stack/message.js";
import { buildOracleCorpus, type Truth } from "./corpus.js";
import { diffFrame, type OracleField, project, tsharkAvailable, tsharkFields } from "./tshark.js";

async function decodeByFrame(
  file: string,
): Promise<{ byFrame: Map<number, Ss7Message[]>; problems: StackDecodeProblem[] }> {
  const byFrame = new Map<number, Ss7Message[]>();
  const problems: StackDecodeProblem[] = [];
  await decodeCaptureFile(
    file,
    (m) => {
      const list = byFrame.get(m.frame) ?? [];
      list.push(m);
      byFrame.set(m.frame, list);
    },
    (p) => problems.push(p),
  );
  return { byFrame, problems };
}

function checkTruth(frame: number, got: readonly Ss7Message[], want: readonly Truth[]): string[] {
  const out: string[] = [];
  if (got.length !== want.length)
    return [`frame ${frame}: ${got.length} messages decoded, ${want.length} encoded`];
  want.forEach((t, i) => {
    const m = got[i]!;
    const eq = (what: string, a: unknown, b: unknown): void => {
      if (a !== b) out.push(`frame ${frame} #${i} ${what}: decoded ${String(a)}, encoded ${String(b)}`);
    };
    eq("opc", m.opc, t.opc);
    eq("dpc", m.dpc, t.dpc);
    eq("sccp type", m.sccp.type, t.sccpType);
    for (const side of ["calling", "called"] as const) {
      eq(`${side} gt`, m.sccp[side].gt, t[side].gt?.digits);
      eq(`${side} ssn`, m.sccp[side].ssn, t[side].ssn);
      eq(`${side} pc`, m.sccp[side].pc, t[side].pc);
    }
    eq("tcap type", m.tcap?.type, t.tcapType);
    eq("otid", m.tcap?.otid, t.otid);
    eq("dtid", m.tcap?.dtid, t.dtid);
    eq("acn", m.tcap?.acn, t.acn);
    eq("components", m.components.length, t.components.length);
    t.components.forEach((c, j) => {
      const d = m.components[j];
      eq(`component ${j} type`, d?.type, c.type);
      eq(`component ${j} invokeId`, d?.invokeId, c.invokeId);
      eq(`component ${j} code`, d?.type === "returnError" ? d.errorCode : d?.opcode, c.code);
      eq(`component ${j} imsi`, d?.imsi, c.imsi);
      eq(`component ${j} msisdn`, d?.msisdn, c.msisdn);
    });
  });
  return out;
}

const hasTshark = tsharkAvailable();
const dir = mkdtempSync(join(tmpdir(), "ss7guard-oracle-"));

describe("tshark oracle", { skip: hasTshark ? false : "tshark not installed (.ci/run installs it)" }, () => {
  const COUNT = 3000;
  const { pcap, frames } = buildOracleCorpus(COUNT, 20261125);
  const file = join(dir, "corpus.pcap");
  writeFileSync(file, pcap);

  it(`decodes ${COUNT} generated messages exactly as they were encoded`, async () => {
    const { byFrame, problems } = await decodeByFrame(file);
    assert.deepEqual(problems, []);
    const errors = frames.flatMap((f) => checkTruth(f.frame, byFrame.get(f.frame) ?? [], f.truths));
    assert.deepEqual(errors.slice(0, 20), [], `${errors.length} differences from the ground truth`);
    const decoded = [...byFrame.values()].reduce((n, l) => n + l.length, 0);
    assert.equal(decoded, COUNT);
    // Every operation in the corpus has a typed codec: each invoke carries its argument, each result with a
    // parameter its result, and none failed to decode.
    const components = [...byFrame.values()].flat().flatMap((m) => m.components);
    assert.deepEqual(
      components.filter((c) => c.parameterError !== undefined).map((c) => c.parameterError),
      [],
    );
    assert.ok(components.filter((c) => c.type === "invoke").every((c) => c.argument !== undefined));
    assert.ok(components.some((c) => c.result !== undefined));
  });

  it("agrees with tshark field by field on every generated message", async () => {
    const theirs = tsharkFields(file);
    const { byFrame } = await decodeByFrame(file);
    assert.equal(theirs.size, frames.length, "tshark saw every frame");
    const errors: string[] = [];
    let compared = 0;
    for (const f of frames) {
      const ours = byFrame.get(f.frame) ?? [];
      const t = theirs.get(f.frame)!;
      if (ours.length === 0) {
        // A non-final XUDT segment: tshark holds it for reassembly too, so it shows no TCAP yet.
        if (t["tcap.otid"].length + t["tcap.dtid"].length > 0)
          errors.push(`frame ${f.frame}: tshark decoded TCAP, we held it`);
        continue;
      }
      compared += ours.length;
      errors.push(...diffFrame(f.frame, project(ours, true), t, new Set()));
    }
    assert.deepEqual(errors.slice(0, 20), [], `${errors.length} differences from tshark`);
    assert.equal(compared, COUNT);
  });
});

/**
 * Third-party captures (see test/fixtures/third-party/SOURCE.md). Known, deliberate differences:
 * - M2UA is not a transport ss7guard decodes (the same MSUs are also present re-wrapped in M3UA);
 * - pcap-maker frame 2 has an SCCP data length of 91 with 62 octets present: tshark reads what is there,
 *   ss7guard reports the length lie (a firewall must not guess where a message ends);
 * - CAMEL (CAP) components are not MAP: tshark reports them under camel.*, so only the layers below compare.
 */
describe("tshark oracle on third-party captures", {
  skip: hasTshark ? false : "tshark not installed",
}, () => {
  const fixtures = join(import.meta.dirname, "..", "fixtures", "third-party");
  const files = readdirSync(fixtures).filter((f) => f.endsWith(".pcap") && !f.includes("m2ua"));
  const knownBad = new Map([["pcap-maker-sccp-in-synthetic-m3ua.pcap", [2]]]);
  // Frames 5 and 6 are the two segments of one XUDTS, last segment first. Q.714 reassembly does not depend
  // on arrival order and ss7guard completes it at frame 6 (a Begin, otid 00000002, forwardSM); tshark 4.0
  // only reassembles in order and shows no TCAP there.
  const reassembledOutOfOrder = new Map([["pycrate-pcapr-B-m2pa-mtp3-srism-forwardsm-xudt.pcap", [6]]]);

  for (const name of files) {
    it(`agrees with tshark on ${name}`, async () => {
      const file = join(fixtures, name);
      const theirs = tsharkFields(file);
      const { byFrame, problems } = await decodeByFrame(file);
      const expectedBad = knownBad.get(name) ?? [];
      assert.deepEqual(
        problems.map((p) => p.frame),
        expectedBad,
        `undecodable frames: ${problems.map((p) => `${p.frame} ${p.layer}: ${p.reason}`).join("; ")}`,
      );
      const errors: string[] = [];
      let compared = 0;
      for (const [frame, t] of theirs) {
        if (expectedBad.includes(frame)) continue;
        const ours = byFrame.get(frame) ?? [];
        if (reassembledOutOfOrder.get(name)?.includes(frame)) {
          assert.equal(ours[0]?.tcap?.otid, "00000002");
          assert.equal(ours[0]?.components[0]?.opcode, 46);
          assert.equal(ours[0]?.sccp.reassembled, true);
          continue;
        }
        const tsharkHasTcap = t["tcap.otid"].length + t["tcap.dtid"].length > 0;
        if (ours.length === 0) {
          if (tsharkHasTcap) errors.push(`frame ${frame}: tshark decoded TCAP, ss7guard reported nothing`);
          continue;
        }
        compared++;
        const isMap = t["gsm_old.invokeID"].length + t["gsm_old.localValue"].length > 0;
        const skip = new Set<OracleField>(
          isMap ? [] : ["gsm_old.invokeID", "gsm_old.localValue", "e212.imsi", "e164.msisdn"],
        );
        errors.push(...diffFrame(frame, project(ours, isMap), t, skip));
      }
      assert.deepEqual(errors, []);
      assert.ok(compared > 0, "at least one frame compared");
      const parameterErrors = [...byFrame.values()]
        .flat()
        .flatMap((m) => m.components.map((c) => c.parameterError));
      assert.deepEqual(
        parameterErrors.filter((e) => e !== undefined),
        [],
        "typed MAP decode of every parameter",
      );
    });
  }
});
