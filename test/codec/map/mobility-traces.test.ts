/**
 * The mobility / subscriber-management codecs on real, publicly published traffic
 * (test/fixtures/third-party, see SOURCE.md there): every MAP component of these operations in the
 * captures decodes, re-encodes to the same bytes (or, where the sender used indefinite lengths, to the
 * same content with definite ones), and names the IMSI / MSISDN that tshark 4.0.17 shows for the frame
 * (`tshark -T fields -e frame.number -e e212.imsi -e e164.msisdn`, run on these files).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { BerCursor, BerWriter, decodeBerTree } from "../../../src/codec/ber/index.js";
import { toHex } from "../../../src/codec/bytes.js";
import { extractPayloads } from "../../../src/codec/capture/index.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { decodeM3ua } from "../../../src/codec/m3ua/index.js";
import { locateIdentities } from "../../../src/codec/map/identity-paths.js";
import type { SendAuthenticationInfoRes } from "../../../src/codec/map/operations/sendAuthenticationInfo.js";
import { mapOperationCodec } from "../../../src/codec/map/registry.js";
import { decodeSccp } from "../../../src/codec/sccp/index.js";
import { decodeTcap } from "../../../src/codec/tcap/index.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/third-party");

interface Seen {
  frame: number;
  opcode: number;
  isResult: boolean;
  value: unknown;
  identities: { imsi?: string; msisdn?: string };
  exact: boolean;
}

/** Every argument / result of an operation in the registry, from an M3UA capture. */
function mapComponents(file: string): Seen[] {
  const out: Seen[] = [];
  const invokes = new Map<number, number>();
  const cursor = new BerCursor(new Uint8Array(0));
  for (const p of extractPayloads(readFileSync(join(dir, file)))) {
    const m3ua = decodeM3ua(p.bytes, p.start, p.end);
    for (const par of m3ua.parameters) {
      if (par.kind !== "protocolData") continue;
      // Lower layers are other codecs' business: a frame they reject is skipped, not a MAP failure.
      let sccp: ReturnType<typeof decodeSccp>;
      let tcap: ReturnType<typeof decodeTcap>;
      try {
        sccp = decodeSccp(p.bytes, par.dataStart, par.dataEnd);
        if (!("dataStart" in sccp)) continue;
        tcap = decodeTcap(p.bytes, sccp.dataStart, sccp.dataEnd);
      } catch (e) {
        if (e instanceof DecodeError) continue;
        throw e;
      }
      if (!("components" in tcap) || !tcap.components) continue;
      for (const c of tcap.components) {
        let opcode: number | undefined;
        if (c.type === "invoke" && c.opcode.type === "local") {
          opcode = c.opcode.value;
          invokes.set(c.invokeId, opcode);
        } else if (c.type === "returnResultLast" || c.type === "returnResultNotLast") {
          opcode = c.opcode?.type === "local" ? c.opcode.value : invokes.get(c.invokeId);
        }
        const codec = opcode === undefined ? undefined : mapOperationCodec(opcode);
        if (!codec || !("paramStart" in c) || c.paramStart === undefined || c.paramEnd === undefined)
          continue;
        const isResult = c.type !== "invoke";
        const [s, e] = [c.paramStart, c.paramEnd];
        const value = isResult ? codec.decodeResult!(p.bytes, s, e) : codec.decodeArgument(p.bytes, s, e);
        const w = new BerWriter();
        if (isResult) codec.encodeResult!(w, value);
        else codec.encodeArgument(w, value);
        const again = w.finish();
        const exact = toHex(again) === toHex(p.bytes, s, e);
        if (!exact) {
          // Indefinite lengths come back definite: the TLV trees (tags and primitive contents) must agree.
          assert.deepEqual(flatten(again, 0, again.length), flatten(p.bytes, s, e), `frame ${p.frameNumber}`);
        }
        const ids = codec.identities(value);
        const fast = locateIdentities(opcode!, isResult, p.bytes, s, e, cursor);
        assert.equal(fast.imsi, ids.imsi, `fast-path IMSI, frame ${p.frameNumber}`);
        assert.equal(fast.msisdn, ids.msisdn, `fast-path MSISDN, frame ${p.frameNumber}`);
        out.push({ frame: p.frameNumber, opcode: opcode!, isResult, value, identities: ids, exact });
      }
    }
  }
  return out;
}

function flatten(bytes: Uint8Array, start: number, end: number): string[] {
  const lines: string[] = [];
  const walk = (nodes: ReturnType<typeof decodeBerTree>) => {
    for (const n of nodes) {
      lines.push(
        `${n.tagClass}/${n.tagNumber}/${n.constructed ? "c" : toHex(bytes, n.valueStart, n.valueEnd)}`,
      );
      if (n.children) walk(n.children);
    }
  };
  walk(decodeBerTree(bytes, start, end));
  return lines;
}

const summary = (s: Seen[]) => s.map((x) => [x.frame, x.opcode, x.isResult, x.identities]);

describe("MAP mobility codecs on third-party captures (tshark 4.0.17 as the reference)", () => {
  it("pcapr trace C: sendAuthenticationInfo with quintuplets, updateGprsLocation, insertSubscriberData", () => {
    const seen = mapComponents("pycrate-pcapr-C-m3ua-sai-ugl-isd.pcap");
    assert.deepEqual(summary(seen), [
      [1, 56, false, { imsi: "460004100000101" }],
      [2, 56, true, {}],
      [4, 56, true, {}],
      [5, 23, false, { imsi: "460004100000101" }],
      [6, 7, false, { msisdn: "8615221000101" }],
      [7, 7, true, {}],
      [8, 23, true, {}],
    ]);
    const sai = seen[1]!.value as SendAuthenticationInfoRes;
    assert.equal(sai.quintupletList?.length, 1);
    assert.equal(sai.quintupletList![0]!.xres.length, 16);
    assert.equal((seen[6]!.value as { hlrNumber: { digits: string } }).hlrNumber.digits, "8615100406");
  });

  it("pcapr trace D: updateLocation and insertSubscriberData, re-encoded byte for byte", () => {
    const seen = mapComponents("pycrate-pcapr-D-m3ua-ul-isd.pcap");
    assert.deepEqual(summary(seen), [
      [1, 2, false, { imsi: "001011356567851" }],
      [2, 7, false, { msisdn: "19786148973" }],
      [4, 2, true, {}],
    ]);
    assert.ok(seen.every((s) => s.exact));
    assert.equal((seen[2]!.value as { hlrNumber: { digits: string } }).hlrNumber.digits, "441354");
  });

  it("pcapr trace G: insertSubscriberData with IMSI and MSISDN, updateLocation", () => {
    const seen = mapComponents("pycrate-pcapr-G-m3ua-isd-ul-sri-error.pcap");
    assert.deepEqual(summary(seen), [
      [1, 7, false, { imsi: "234157799310552", msisdn: "447799310552" }],
      [2, 7, false, { imsi: "234157799310552", msisdn: "447799310552" }],
      [3, 2, false, { imsi: "234157799119004" }],
      [4, 7, false, { msisdn: "447799119004" }],
      [6, 2, true, {}],
      // sendRoutingInfo (typed by the SMS/location codecs), carrying an unknown constructed [0] after networkSignalInfo.
      [7, 22, false, { msisdn: "447799119004" }],
    ]);
    assert.ok(seen.every((s) => s.exact));
  });

  it("pcapr trace F and pcap-maker: updateLocation, provideRoamingNumber result", () => {
    assert.deepEqual(summary(mapComponents("pycrate-pcapr-F-m3ua-ati-sendid-ul-error.pcap")), [
      // anyTimeInterrogation and its two results (typed by the SMS/location codecs).
      [1, 71, false, { msisdn: "918793714126" }],
      [2, 71, true, {}],
      [3, 71, true, {}],
      [6, 2, false, { imsi: "405037027451342" }],
    ]);
    const prn = mapComponents("pcap-maker-sccp-in-synthetic-m3ua.pcap");
    // Frame 1 is a forwardSM (MO direction: sm-RP-OA msisdn), typed by the SMS codecs.
    assert.deepEqual(summary(prn), [
      [1, 46, false, { msisdn: "818093100010" }],
      [3, 4, true, {}],
    ]);
    assert.equal((prn[1]!.value as { roamingNumber: { digits: string } }).roamingNumber.digits, "4741710000");
  });
});
