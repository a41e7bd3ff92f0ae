/**
 * The fast path must see what the full decoder sees: on the oracle corpus (3000 varied messages over every
 * transport, SCCP form and TCAP type) and on the third-party captures, `decode --tsv`'s scanner and the
 * full `decode` report the same messages with the same point codes, GTs, TCAP type, first opcode, IMSI
 * and MSISDN.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decodeCaptureFile, scanCaptureFile } from "../../src/cli/decode.js";
import { buildOracleCorpus } from "./corpus.js";

const TCAP_TYPE_NAME = ["", "Unidirectional", "Begin", "", "End", "Continue", "", "Abort"];

async function both(file: string): Promise<{ full: string[]; fast: string[] }> {
  const full: string[] = [];
  const fast: string[] = [];
  await decodeCaptureFile(
    file,
    (m) => {
      const c = m.components[0];
      const code = c ? (c.type === "returnError" ? c.errorCode : c.opcode) : undefined;
      // The scanner reports identities of the first component only.
      full.push(
        [
          m.frame,
          m.opc,
          m.dpc,
          m.sccp.calling.gt ?? "",
          m.sccp.called.gt ?? "",
          m.tcap?.type ?? "",
          code ?? -1,
          c?.imsi ?? "",
          c?.msisdn ?? "",
        ].join(" "),
      );
    },
    () => {},
  );
  await scanCaptureFile(
    file,
    (s) => {
      fast.push(
        [
          s.frame,
          s.opc,
          s.dpc,
          s.sccp.calling.digits,
          s.sccp.called.digits,
          s.tcapValid ? TCAP_TYPE_NAME[s.tcap.messageType] : "",
          s.opcode,
          s.identities.imsi ?? "",
          s.identities.msisdn ?? "",
        ].join(" "),
      );
    },
    () => {},
  );
  return { full, fast };
}

describe("fast path agrees with the full decoder", () => {
  it("on 3000 generated messages", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ss7guard-scan-"));
    const file = join(dir, "corpus.pcap");
    writeFileSync(file, buildOracleCorpus(3000, 424242).pcap);
    const { full, fast } = await both(file);
    assert.equal(full.length, 3000);
    assert.deepEqual(fast, full);
  });

  const fixtures = join(import.meta.dirname, "..", "fixtures", "third-party");
  for (const name of readdirSync(fixtures).filter((f) => f.endsWith(".pcap"))) {
    it(`on ${name}`, async () => {
      const { full, fast } = await both(join(fixtures, name));
      assert.deepEqual(fast, full);
    });
  }
});
