/**
 * SMS-SUBMIT, SMS-DELIVER and SMS-STATUS-REPORT (TS 23.040 §9.2.2): known vectors, every inconsistency a
 * DecodeError at the right offset, value and byte round trips, and hostile input.
 *
 * The two classic PDUs are the "hellohello" examples that circulate with every SMS PDU tutorial (the SC
 * address octets that a modem prepends are left out, as sm-RP-UI carries none); the other hand-built
 * vectors were checked with tshark 4.0.17 inside mt-forwardSM / mo-forwardSM (see tshark.test.ts, which
 * runs that check on every test run).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError, EncodeError } from "../../../src/codec/errors.js";
import {
  alphanumericAddress,
  decodeSmsAddress,
  decodeSmsDeliver,
  decodeSmsStatusReport,
  decodeSmsSubmit,
  decodeSmsTpdu,
  decodeUserDataHeader,
  encodeSmsDeliver,
  encodeSmsStatusReport,
  encodeSmsSubmit,
  encodeSmsTpdu,
  internationalAddress,
  type SmsDeliver,
  type SmsStatusReport,
  type SmsSubmit,
  type SmsTpdu,
  segmentText,
  smsOctets,
} from "../../../src/codec/sms/index.js";
import { smsDeliverTpdu } from "../../../src/lab/traffic.js";
import {
  arbDeliver,
  arbStatusReport,
  arbSubmit,
  assertDecodeError,
  CLASSIC_DELIVER,
  CLASSIC_SUBMIT,
  hostile,
  normalize,
  smsSeeds,
} from "./helpers.js";

const SCTS = { year: 24, month: 1, day: 2, hour: 3, minute: 4, second: 5, timezone: -20 };

/** Decodes `hex`, checks it re-encodes to the same octets, returns the value. */
function bytesRoundTrip(hex: string, direction?: "mt" | "mo"): SmsTpdu {
  const b = fromHex(hex);
  const v = decodeSmsTpdu(b, 0, b.length, direction);
  assert.equal(toHex(encodeSmsTpdu(v)), toHex(b), "encode(decode(bytes)) differs");
  return v;
}

describe("SMS-SUBMIT (TS 23.040 §9.2.2.2)", () => {
  it('decodes the classic "hellohello" SUBMIT: relative validity 4 days, to +46708251358', () => {
    const v = bytesRoundTrip(CLASSIC_SUBMIT, "mo");
    assert.deepEqual(v, {
      type: "submit",
      rejectDuplicates: false,
      replyPath: false,
      statusReportRequest: false,
      messageReference: 0,
      destination: { typeOfNumber: 1, numberingPlan: 1, address: "46708251358" },
      protocolIdentifier: 0,
      dataCodingScheme: 0,
      validityPeriod: { format: "relative", value: 0xaa },
      userData: { text: "hellohello" },
    });
  });

  it("sets RD, VPF, SRR, UDHI, RP in the first octet and writes each validity period format", () => {
    const base: SmsSubmit = {
      type: "submit",
      rejectDuplicates: true,
      replyPath: true,
      statusReportRequest: true,
      messageReference: 0x7f,
      destination: internationalAddress("447700900123"),
      protocolIdentifier: 0,
      dataCodingScheme: 0,
      userData: { text: "Hi" },
    };
    // 1 RD 00 SRR 0 RP, MTI 01: 1010 0101 = 0xA5 without a validity period.
    assert.equal(toHex(encodeSmsSubmit(base)), "a57f0c914477000910320000" + "02c834");
    const abs = encodeSmsSubmit({ ...base, validityPeriod: { format: "absolute", timestamp: SCTS } });
    assert.equal(abs[0], 0xa5 | 0x18);
    assert.equal(toHex(abs.subarray(12, 19)), "4210203040500a");
    const enh = encodeSmsSubmit({
      ...base,
      validityPeriod: { format: "enhanced", octets: smsOctets(fromHex("4202000000 0000")) },
    });
    assert.equal(enh[0], 0xa5 | 0x08);
    assert.equal(toHex(enh.subarray(12, 19)), "42020000000000");
    for (const b of [abs, enh]) assert.deepEqual(normalize(decodeSmsSubmit(b)), normalize(decodeSmsTpdu(b)));
  });

  it("carries UCS2 text with a surrogate pair, octets counted in TP-UDL", () => {
    const v = bytesRoundTrip("01 00 0c 91 44 77 00 09 10 32 00 08 06 00 48 d8 3d de 00");
    assert.equal(v.type, "submit");
    assert.equal(v.userData.text, "H😀");
  });
});

describe("SMS-DELIVER (TS 23.040 §9.2.2.1)", () => {
  it('decodes the classic "hellohello" DELIVER: subscriber number, national plan, GMT+2', () => {
    const v = bytesRoundTrip(CLASSIC_DELIVER, "mt");
    assert.deepEqual(v, {
      type: "deliver",
      moreMessagesToSend: false,
      loopPrevention: false,
      statusReportIndication: false,
      replyPath: false,
      originator: { typeOfNumber: 4, numberingPlan: 8, address: "27838890001" },
      protocolIdentifier: 0,
      dataCodingScheme: 0,
      serviceCentreTimestamp: { year: 99, month: 3, day: 29, hour: 15, minute: 16, second: 59, timezone: 8 },
      userData: { text: "hellohello" },
    });
  });

  it("decodes the lab's SMS-DELIVER (src/lab/traffic.ts) the way the lab built it", () => {
    const t = Date.UTC(2026, 0, 2, 3, 4, 5) * 1e6;
    const b = smsDeliverTpdu("25472200300", "Your code is 1234 {ok}", t);
    const v = decodeSmsTpdu(b, 0, b.length, "mt") as SmsDeliver;
    assert.equal(v.originator.address, "25472200300");
    assert.equal(v.userData.text, "Your code is 1234 {ok}");
    assert.deepEqual(v.serviceCentreTimestamp, {
      year: 26,
      month: 1,
      day: 2,
      hour: 3,
      minute: 4,
      second: 5,
      timezone: 0,
    });
    assert.equal(toHex(encodeSmsDeliver(v)), toHex(b));
  });

  it("writes an alphanumeric originator, a negative time zone and a concatenated GSM 7-bit part", () => {
    const [part] = segmentText(`${"a".repeat(153)}${"b".repeat(10)}`, { reference: 0x42 });
    const v: SmsDeliver = {
      type: "deliver",
      moreMessagesToSend: true,
      loopPrevention: false,
      statusReportIndication: true,
      replyPath: false,
      originator: alphanumericAddress("MyBank"),
      protocolIdentifier: 0,
      dataCodingScheme: 0,
      serviceCentreTimestamp: SCTS,
      userData: part!.userData,
    };
    const b = encodeSmsDeliver(v);
    // 0110 0000: UDHI, SRI, MMS 0 (more to send), MTI 00.
    assert.equal(toHex(b.subarray(0, 18)), "600bd0cdbc30ec5e0300004210203040500a");
    assert.equal(b[18], 160);
    assert.equal(toHex(b.subarray(19, 25)), "050003420201");
    const back = decodeSmsTpdu(b) as SmsDeliver;
    assert.deepEqual(normalize(back), normalize(v));
    assert.deepEqual(back.userData.header?.concatenation, {
      reference: 0x42,
      referenceBits: 8,
      totalParts: 2,
      partNumber: 1,
    });
  });

  it("keeps 8-bit user data (a WAP push on port 2948) as offsets after the header", () => {
    const hex = "44 04 91 21 43 00 f5 42 10 20 30 40 50 00 0b 06 05 04 0b 84 23 f0 01 02 03 04";
    bytesRoundTrip(hex);
    const b = fromHex(hex);
    const v = decodeSmsTpdu(b) as SmsDeliver;
    assert.equal(v.dataCodingScheme, 0xf5);
    assert.deepEqual(normalize(v.userData), {
      header: { elements: [{ iei: 5, octets: "0b8423f0" }] },
      data: { octets: "01020304" },
    });
    assert.equal(v.userData.data?.bytes, b, "no copy: the offsets point into the input");
  });
});

describe("SMS-STATUS-REPORT (TS 23.040 §9.2.2.3)", () => {
  const report: SmsStatusReport = {
    type: "statusReport",
    moreMessagesToSend: false,
    loopPrevention: false,
    aboutCommand: false,
    messageReference: 9,
    recipient: internationalAddress("447700900123"),
    serviceCentreTimestamp: SCTS,
    dischargeTime: { ...SCTS, second: 9, timezone: 36 },
    status: 0,
  };

  it("ends after TP-ST when there is no TP-PI", () => {
    const b = encodeSmsStatusReport(report);
    assert.equal(toHex(b), "06090c91447700091032" + "4210203040500a" + "42102030409063" + "00");
    assert.deepEqual(decodeSmsTpdu(b, 0, b.length, "mt"), report);
  });

  it("reads TP-PI, TP-PID, TP-DCS and TP-UD, the text in the default alphabet when TP-DCS is absent", () => {
    const v = bytesRoundTrip(`06 09 0c 91 447700091032 4210203040500a 42102030409063 41 05 00 05 e8329bfd06`);
    assert.deepEqual(normalize(v), {
      ...(normalize(report) as object),
      status: 0x41,
      parameterIndicator: 0x05,
      protocolIdentifier: 0,
      userData: { text: "hello" },
    });
    const ext = bytesRoundTrip(
      `26 09 0c 91 447700091032 4210203040500a 42102030409063 20 82 81 00 08`,
    ) as SmsStatusReport;
    assert.equal(ext.aboutCommand, true);
    assert.deepEqual(ext.parameterIndicatorExtension, [0x01, 0x00]);
    assert.equal(ext.dataCodingScheme, 0x08);
    assert.equal(ext.userData, undefined);
  });

  it("writes TP-PI only when asked or when a parameter follows", () => {
    const withUd = encodeSmsStatusReport({ ...report, dataCodingScheme: 0x08, userData: { text: "ok" } });
    assert.equal(toHex(withUd.subarray(25)), "060804006f006b");
    const onlyPi = encodeSmsStatusReport({ ...report, parameterIndicator: 0x00 });
    assert.equal(toHex(onlyPi.subarray(24)), "0000");
  });
});

describe("Inconsistent TPDUs are DecodeErrors at the offending offset", () => {
  const deliver = (rest: string, fo = "04") =>
    fromHex(`${fo} 04 91 21 43 00 00 42 10 20 30 40 50 00 ${rest}`);

  it("TP-UDL beyond the data, and octets after TP-UD", () => {
    const b = fromHex(CLASSIC_SUBMIT.replace("aa 0a", "aa 0b"));
    assertDecodeError(() => decodeSmsTpdu(b), /TP-UDL 11 needs 10 octets of TP-UD, only 9/, 13);
    const t = fromHex(`${CLASSIC_SUBMIT} 00`);
    assertDecodeError(() => decodeSmsTpdu(t), /1 octets after the end of TP-UD/, 23);
    assertDecodeError(() => decodeSmsTpdu(deliver("a1")), /over 160 septets/, 14);
    assertDecodeError(
      () => decodeSmsTpdu(deliver("8d", "04").map((x, i) => (i === 6 ? 4 : x))),
      /over 140 octets/,
      14,
    );
    assertDecodeError(() => decodeSmsTpdu(deliver("")), /TP-UDL cut short/, 14);
  });

  it("UDHL beyond TP-UD, and a header longer than TP-UDL in septets", () => {
    assertDecodeError(() => decodeSmsTpdu(deliver("03 05 00 03", "44")), /UDHL 5 goes past/, 15);
    // 7-octet header = 8 septets, but TP-UDL says 7.
    assertDecodeError(() => decodeSmsTpdu(deliver("07 06 08 04 01 02 02 01", "44")), /exceeds TP-UDL 7/, 15);
    assertDecodeError(() => decodeSmsTpdu(deliver("00", "44")), /TP-UD is empty/, 15);
    // 8 septets hold the 7-octet header exactly: an empty text.
    const ok = decodeSmsTpdu(deliver("08 06 08 04 01 02 02 01", "44")) as SmsDeliver;
    assert.equal(ok.userData.text, "");
  });

  it("a bad type-of-address, an address too long, a cut time stamp", () => {
    assertDecodeError(
      () => decodeSmsTpdu(fromHex("04 04 11 21 43 00 00")),
      /TP-OA: type-of-address 0x11 has bit 8 clear/,
      2,
    );
    assertDecodeError(() => decodeSmsTpdu(fromHex("04 16 91 21 43")), /TP-OA: Address-Length 22/, 1);
    assertDecodeError(() => decodeSmsTpdu(fromHex("04 04 91 21 43 00 00 42 10 20")), /TP-SCTS cut short/, 7);
    assertDecodeError(() => decodeSmsTpdu(fromHex("04 04 91 21 43 00")), /TP-PID and TP-DCS cut short/, 5);
    assertDecodeError(
      () => decodeSmsTpdu(fromHex("11 00 04 91 21 43 00 00")),
      /TP-VP \(relative\) cut short/,
      8,
    );
  });

  it("UCS2 text of an odd number of octets", () => {
    assertDecodeError(
      () => decodeSmsTpdu(deliver("03 00 41 00").map((x, i) => (i === 6 ? 8 : x))),
      /not a whole number/,
      17,
    );
  });

  it("TP-MTI 11, the TPDUs of the other direction, an empty TPDU", () => {
    assertDecodeError(() => decodeSmsTpdu(fromHex("03 00")), /TP-MTI 11 is reserved/, 0);
    assertDecodeError(
      () => decodeSmsTpdu(fromHex(CLASSIC_SUBMIT), 0, 23, "mt"),
      /SMS-SUBMIT-REPORT .* not supported/,
      0,
    );
    assertDecodeError(
      () => decodeSmsTpdu(fromHex(CLASSIC_DELIVER), 0, 28, "mo"),
      /SMS-DELIVER-REPORT .* not supported/,
      0,
    );
    assertDecodeError(
      () => decodeSmsTpdu(fromHex("02 00 00"), 0, 3, "mo"),
      /SMS-COMMAND .* not supported/,
      0,
    );
    assertDecodeError(() => decodeSmsTpdu(new Uint8Array(0)), /empty TPDU/, 0);
    assertDecodeError(() => decodeSmsSubmit(fromHex(CLASSIC_DELIVER)), /not SMS-SUBMIT/, 0);
    assertDecodeError(() => decodeSmsDeliver(fromHex(CLASSIC_SUBMIT)), /not SMS-DELIVER/, 0);
    assertDecodeError(() => decodeSmsStatusReport(fromHex(CLASSIC_SUBMIT)), /not SMS-STATUS-REPORT/, 0);
  });

  it("status reports: UDHI without TP-UD, a missing TP-PI extension, octets TP-PI does not announce", () => {
    const head = "06 09 0c 91 447700091032 4210203040500a 42102030409063 00";
    assertDecodeError(
      () => decodeSmsTpdu(fromHex(`46${head.slice(2)}`)),
      /TP-UDHI set but the status report has no TP-UD/,
      0,
    );
    assertDecodeError(() => decodeSmsTpdu(fromHex(`46${head.slice(2)} 00`)), /TP-PI announces no TP-UD/, 0);
    assertDecodeError(() => decodeSmsTpdu(fromHex(`${head} 80`)), /TP-PI extension cut short/, 26);
    assertDecodeError(() => decodeSmsTpdu(fromHex(`${head} 01`)), /TP-PID cut short/, 26);
    assertDecodeError(() => decodeSmsTpdu(fromHex(`${head} 00 00`)), /1 octets after/, 26);
  });

  it("decodes inside a larger buffer without looking outside [start, end)", () => {
    const inner = fromHex(CLASSIC_DELIVER);
    const buf = new Uint8Array(inner.length + 8).fill(0xff);
    buf.set(inner, 4);
    const v = decodeSmsTpdu(buf, 4, 4 + inner.length);
    assert.deepEqual(v, decodeSmsTpdu(inner));
    assertDecodeError(() => decodeSmsTpdu(buf, 4, 4 + inner.length - 1), /needs 9 octets/, 22);
    assertDecodeError(() => decodeSmsTpdu(buf, 10, 200), /outside/);
  });
});

describe("Encoding refuses values that cannot go on the wire", () => {
  const v: SmsSubmit = {
    type: "submit",
    messageReference: 1,
    destination: internationalAddress("123"),
    protocolIdentifier: 0,
    dataCodingScheme: 0,
    userData: { text: "x" },
  };

  it("text the alphabet cannot carry, text for 8-bit data, octets for text, too long, bad octets", () => {
    assert.throws(() => encodeSmsSubmit({ ...v, userData: { text: "😀" } }), EncodeError);
    assert.throws(() => encodeSmsSubmit({ ...v, dataCodingScheme: 4 }), /announces 8-bit data/);
    assert.throws(
      () => encodeSmsSubmit({ ...v, userData: { data: smsOctets(new Uint8Array(2)) } }),
      /announces gsm7 text/,
    );
    assert.throws(
      () => encodeSmsSubmit({ ...v, userData: { text: "a".repeat(161) } }),
      /161 septets, over 160/,
    );
    assert.throws(
      () => encodeSmsSubmit({ ...v, dataCodingScheme: 8, userData: { text: "ж".repeat(71) } }),
      /142 octets/,
    );
    assert.throws(() => encodeSmsSubmit({ ...v, messageReference: 256 }), EncodeError);
    assert.throws(
      () =>
        encodeSmsSubmit({
          ...v,
          validityPeriod: { format: "enhanced", octets: smsOctets(new Uint8Array(6)) },
        }),
      /not 7/,
    );
    assert.throws(() => encodeSmsTpdu({ ...v, type: "command" } as unknown as SmsTpdu), EncodeError);
    assert.equal(encodeSmsSubmit({ ...v, userData: { text: "a".repeat(160) } }).length, 9 + 140);
  });
});

describe("Round trips (property)", () => {
  const check = (v: SmsTpdu, direction: "mt" | "mo") => {
    const b = encodeSmsTpdu(v);
    const back = decodeSmsTpdu(b, 0, b.length, direction);
    assert.deepEqual(normalize(back), normalize(v));
    assert.equal(toHex(encodeSmsTpdu(back)), toHex(b));
  };

  it("SMS-SUBMIT: decode(encode(v)) = v and the encoding is stable", () => {
    fc.assert(
      fc.property(arbSubmit, (v) => check(v, "mo")),
      { numRuns: 400 },
    );
  });

  it("SMS-DELIVER: decode(encode(v)) = v and the encoding is stable", () => {
    fc.assert(
      fc.property(arbDeliver, (v) => check(v, "mt")),
      { numRuns: 400 },
    );
  });

  it("SMS-STATUS-REPORT: decode(encode(v)) = v and the encoding is stable", () => {
    fc.assert(
      fc.property(arbStatusReport, (v) => check(v, "mt")),
      { numRuns: 400 },
    );
  });

  it("random octets decode to a value that re-encodes to the same octets, or to a DecodeError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 180 }), (raw) => {
        const b = new Uint8Array(raw);
        let v: SmsTpdu;
        try {
          v = decodeSmsTpdu(b);
        } catch (e) {
          if (e instanceof DecodeError) return;
          throw e;
        }
        // Whatever decodes must at least encode again (canonical inputs re-encode to themselves).
        encodeSmsTpdu(v);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("Hostile input (test/fuzz/mutate.ts): only DecodeError, and every decode terminates", () => {
  const seeds = smsSeeds();

  it("decodeSmsTpdu without a direction, 20 000 mutations", () => {
    const decoded = hostile(seeds, 20_000, (b) => decodeSmsTpdu(b));
    assert.ok(decoded > 500, `only ${decoded} mutations still decoded`);
  });

  it("decodeSmsTpdu as MT and as MO, 20 000 mutations each", () => {
    hostile(seeds, 20_000, (b) => decodeSmsTpdu(b, 0, b.length, "mt"));
    hostile(seeds, 20_000, (b) => decodeSmsTpdu(b, 0, b.length, "mo"));
  });

  it("whatever decodes re-encodes (no EncodeError), 20 000 mutations", () => {
    hostile(seeds, 20_000, (b) => encodeSmsTpdu(decodeSmsTpdu(b)));
  });

  it("the user data header and address decoders, 20 000 mutations each", () => {
    const udh = [
      fromHex("05 00 03 cc 02 01"),
      fromHex("0c 05 04 0b 84 23 f0 08 04 12 34 03 02"),
      fromHex("00"),
    ];
    hostile(udh, 20_000, (b) => decodeUserDataHeader(b, 0, b.length));
    const addresses = [
      fromHex("0b 91 64 07 28 15 53 f8"),
      fromHex("0b d0 cd bc 30 ec 5e 03"),
      fromHex("00 80"),
    ];
    hostile(addresses, 20_000, (b) => decodeSmsAddress(b, 0, b.length));
  });

  it("terminates quickly on a large random buffer and on every truncation of the seeds", () => {
    const big = new Uint8Array(1 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    const t0 = performance.now();
    for (let at = 0; at < 4096; at++) {
      try {
        decodeSmsTpdu(big, at);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
      }
    }
    // A truncated TPDU is a DecodeError, except a status report cut just before its optional TP-PI.
    let valid = 0;
    for (const s of seeds) {
      for (let n = 0; n < s.length; n++) {
        try {
          const v = decodeSmsTpdu(s, 0, n);
          assert.equal(v.type, "statusReport");
          valid++;
        } catch (e) {
          if (!(e instanceof DecodeError)) throw e;
        }
      }
    }
    assert.ok(valid <= seeds.length);
    assert.ok(performance.now() - t0 < 2000);
  });
});
