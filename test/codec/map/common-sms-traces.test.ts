/**
 * The SMS, USSD, subscriber-information and location codecs and the MAP error parameters on real,
 * publicly published traffic (test/fixtures/third-party, see SOURCE.md there). Every component of these
 * operations in the captures decodes, re-encodes to the same bytes, agrees with the identity fast path,
 * and names the IMSI / MSISDN that tshark 4.0.17 shows for the frame (`tshark -T fields -e frame.number
 * -e gsm_old.localValue -e e212.imsi -e e164.msisdn -e gsm_map.ussd_string`, run on these files).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { BerCursor, BerWriter } from "../../../src/codec/ber/index.js";
import { toHex } from "../../../src/codec/bytes.js";
import { extractPayloads } from "../../../src/codec/capture/index.js";
import { DecodeError } from "../../../src/codec/errors.js";
import { decodeM3ua } from "../../../src/codec/m3ua/index.js";
import type { UssdArg } from "../../../src/codec/map/common-sms.js";
import { mapOctetsView, ussdText } from "../../../src/codec/map/common-sms.js";
import {
  decodeMapErrorParameter,
  encodeMapErrorParameter,
  type MapErrorParameter,
} from "../../../src/codec/map/error-parameters.js";
import { locateIdentities } from "../../../src/codec/map/identity-paths.js";
import type { AnyTimeInterrogationRes } from "../../../src/codec/map/operations/anyTimeInterrogation.js";
import type { MoForwardSmArg } from "../../../src/codec/map/operations/moForwardSM.js";
import type { MtForwardSmArg } from "../../../src/codec/map/operations/mtForwardSM.js";
import type { SendRoutingInfoArg } from "../../../src/codec/map/operations/sendRoutingInfo.js";
import type { RoutingInfoForSmRes } from "../../../src/codec/map/operations/sendRoutingInfoForSM.js";
import { mapOperationCodec } from "../../../src/codec/map/registry.js";
import { decodeSccp } from "../../../src/codec/sccp/index.js";
import { decodeTcap } from "../../../src/codec/tcap/index.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/third-party");

/** The opcodes these codecs type (TS 29.002 §17.5). */
const OURS = new Set([22, 44, 45, 46, 47, 59, 60, 61, 70, 71, 83, 85]);

type Seen =
  | { frame: number; opcode: number; isResult: boolean; value: unknown; identities: object }
  | { frame: number; error: MapErrorParameter };

/** Every argument / result of our operations and every error parameter, from an M3UA capture. */
function components(file: string): Seen[] {
  const out: Seen[] = [];
  const invokes = new Map<number, number>();
  const cursor = new BerCursor(new Uint8Array(0));
  for (const p of extractPayloads(readFileSync(join(dir, file)))) {
    const m3ua = decodeM3ua(p.bytes, p.start, p.end);
    for (const par of m3ua.parameters) {
      if (par.kind !== "protocolData") continue;
      // Lower layers are other codecs' business: a frame they reject is skipped here.
      let tcap: ReturnType<typeof decodeTcap>;
      try {
        const sccp = decodeSccp(p.bytes, par.dataStart, par.dataEnd);
        if (!("dataStart" in sccp)) continue;
        tcap = decodeTcap(p.bytes, sccp.dataStart, sccp.dataEnd);
      } catch (e) {
        if (e instanceof DecodeError) continue;
        throw e;
      }
      if (!("components" in tcap) || !tcap.components) continue;
      for (const c of tcap.components) {
        if (!("paramStart" in c) || c.paramStart === undefined || c.paramEnd === undefined) {
          if (c.type === "invoke" && c.opcode.type === "local") invokes.set(c.invokeId, c.opcode.value);
          continue;
        }
        const [s, e] = [c.paramStart, c.paramEnd];
        if (c.type === "returnError") {
          if (c.errorCode.type !== "local") continue;
          const error = decodeMapErrorParameter(c.errorCode.value, p.bytes, s, e);
          const w = new BerWriter();
          encodeMapErrorParameter(w, error);
          assert.equal(toHex(w.finish()), toHex(p.bytes, s, e), `frame ${p.frameNumber}`);
          out.push({ frame: p.frameNumber, error });
          continue;
        }
        let opcode: number | undefined;
        if (c.type === "invoke" && c.opcode.type === "local") {
          opcode = c.opcode.value;
          invokes.set(c.invokeId, opcode);
        } else if (c.type === "returnResultLast" || c.type === "returnResultNotLast") {
          opcode = c.opcode?.type === "local" ? c.opcode.value : invokes.get(c.invokeId);
        }
        if (opcode === undefined || !OURS.has(opcode)) continue;
        const codec = mapOperationCodec(opcode)!;
        const isResult = c.type !== "invoke";
        const value = isResult ? codec.decodeResult!(p.bytes, s, e) : codec.decodeArgument(p.bytes, s, e);
        const w = new BerWriter();
        if (isResult) codec.encodeResult!(w, value);
        else codec.encodeArgument(w, value);
        assert.equal(toHex(w.finish()), toHex(p.bytes, s, e), `frame ${p.frameNumber} re-encodes`);
        const identities = codec.identities(value);
        const fast = locateIdentities(opcode, isResult, p.bytes, s, e, cursor);
        assert.equal(fast.imsi, identities.imsi, `fast-path IMSI, frame ${p.frameNumber}`);
        assert.equal(fast.msisdn, identities.msisdn, `fast-path MSISDN, frame ${p.frameNumber}`);
        out.push({ frame: p.frameNumber, opcode, isResult, value, identities });
      }
    }
  }
  return out;
}

const summary = (seen: Seen[]) =>
  seen.map((x) =>
    "error" in x
      ? [x.frame, "error", x.error.errorCode, x.error.kind]
      : [x.frame, x.opcode, x.isResult, x.identities],
  );

const valueAt = <T>(seen: Seen[], frame: number, opcode: number): T => {
  const s = seen.find((x) => x.frame === frame && "opcode" in x && x.opcode === opcode);
  assert.ok(s && "value" in s, `frame ${frame}`);
  return s.value as T;
};

describe("SMS, USSD and location codecs on third-party captures (tshark 4.0.17 as the reference)", () => {
  it("gomaja traces: SRI-SM, MT/MO forward SM, report delivery status, SRI, and their errors", () => {
    const seen = components("gomaja-tcap-in-synthetic-sccp-m3ua.pcap");
    assert.deepEqual(summary(seen), [
      [1, 45, false, { msisdn: "2348090567803" }],
      [2, "error", 1, "unknownSubscriber"],
      [3, 45, true, { imsi: "603011825931734" }],
      [5, 45, true, { imsi: "621601247143452" }],
      [6, 44, false, { imsi: "472010016231833" }],
      [10, 44, false, { imsi: "621600112879166" }],
      [12, 44, false, { imsi: "621600112879166" }],
      [14, 47, false, { msisdn: "201060183682" }],
      [17, 46, false, { imsi: "234100080813836" }],
      [18, 22, false, { msisdn: "252888" }],
      [20, "error", 6, "absentSubscriberSM"],
      [21, 45, true, { imsi: "370040006980846" }],
    ]);
    // tshark lists the networkNode-Number of frame 3 as the E.164 number 213661000221.
    const sriSm = valueAt<RoutingInfoForSmRes>(seen, 3, 45);
    assert.equal(sriSm.locationInfoWithLmsi.networkNodeNumber.digits, "213661000221");
    // Frame 10 carries a 158-octet TPDU (long-form length 81 9e): the offsets cover it all.
    const mt = valueAt<MtForwardSmArg>(seen, 10, 44);
    assert.equal(mt.smRpUi.end - mt.smRpUi.start, 158);
    assert.equal(mt.smRpOa.kind, "serviceCentreAddressOA");
    // Frame 17: forwardSM (v2) used for MT — sm-RP-DA imsi, sm-RP-OA the service centre.
    assert.equal(valueAt<MoForwardSmArg>(seen, 17, 46).smRpOa.kind, "serviceCentreAddressOA");
    // Frame 18: SRI with callReferenceNumber [7], networkSignalInfo [10] and camelInfo [11] kept as offsets.
    const sri = valueAt<SendRoutingInfoArg>(seen, 18, 22);
    assert.equal(sri.interrogationType, 0);
    assert.ok(sri.callReferenceNumber && sri.networkSignalInfo && sri.camelInfo);
    const errors = seen.filter((x) => "error" in x).map((x) => ("error" in x ? x.error : undefined));
    assert.deepEqual(
      errors.map((e) => e && "value" in e && e.value),
      [{ unknownSubscriberDiagnostic: 0 }, { absentSubscriberDiagnosticSm: 1 }],
    );
  });

  it("pcapr traces E, F, G and pcap-maker: SRI-SM, ATI with a cell identity, SRI with a private extension, forwardSM", () => {
    assert.deepEqual(summary(components("pycrate-pcapr-E-m3ua-srism.pcap")), [
      [1, 45, false, { msisdn: "8618903100031" }],
    ]);
    const f = components("pycrate-pcapr-F-m3ua-ati-sendid-ul-error.pcap");
    assert.deepEqual(summary(f), [
      [1, 71, false, { msisdn: "918793714126" }],
      [2, 71, true, {}],
      [3, 71, true, {}],
      // updateLocation's roamingNotAllowed with the bare MAP v1 RoamingNotAllowedCause.
      [7, "error", 8, "roamingNotAllowed"],
    ]);
    const ati = valueAt<AnyTimeInterrogationRes>(f, 2, 71);
    const loc = ati.subscriberInfo.locationInformation!;
    assert.equal(loc.ageOfLocationInformation, 2);
    assert.equal(loc.vlrNumber?.digits, "919028055000");
    // 04 75 30 1b 5d 7a 57: MCC 405, MNC 037 (MNC digit 3 = 7, not the 1111 filler), LAC 7005, CI 31319.
    assert.deepEqual(loc.cellGlobalIdOrServiceAreaIdOrLai, {
      kind: "cellGlobalIdOrServiceAreaIdFixedLength",
      cellGlobalIdOrServiceAreaIdFixedLength: { mcc: "405", mnc: "037", lac: 7005, cellId: 31319 },
    });
    assert.deepEqual(ati.subscriberInfo.subscriberState, { kind: "assumedIdle" });

    const g = components("pycrate-pcapr-G-m3ua-isd-ul-sri-error.pcap");
    assert.deepEqual(summary(g), [[7, 22, false, { msisdn: "447799119004" }]]);
    // networkSignalInfo [10] and an extensionContainer [13] with a private extension (OID 1.2.826.0.1249…),
    // both kept as offsets and written back unchanged.
    const sri = valueAt<SendRoutingInfoArg>(g, 7, 22);
    assert.equal(sri.unknownElements, undefined);
    const ext = sri.extensionContainer!;
    assert.equal(toHex(ext.bytes, ext.start, ext.start + 4), "ad1ba019");
    const nsi = sri.networkSignalInfo!;
    assert.equal(nsi.end - nsi.start, 25);

    assert.deepEqual(summary(components("pcap-maker-m3ua-ati.pcap")), [
      [1, 71, false, { imsi: "440510100000610" }],
    ]);
    assert.deepEqual(summary(components("pcap-maker-sccp-in-synthetic-m3ua.pcap")), [
      [1, 46, false, { msisdn: "818093100010" }],
    ]);
  });

  it("pcap-maker USSD: processUnstructuredSS-Request text and MSISDN", () => {
    const seen = components("pcap-maker-ussd-camel-idp-rewrapped-m3ua.pcap");
    assert.deepEqual(summary(seen), [[1, 59, false, { msisdn: "27761485722" }]]);
    const ussd = valueAt<UssdArg>(seen, 1, 59);
    assert.equal(ussdText(ussd.ussdDataCodingScheme, ussd.ussdString), "*140*0761241377#");
    assert.equal(mapOctetsView(ussd.ussdString).length, 14);
  });
});
