/**
 * SMS TPDUs (3GPP TS 23.040 §9.2.2): SMS-SUBMIT, SMS-DELIVER and SMS-STATUS-REPORT, both directions of the
 * codec. TP-MTI tells the TPDU apart; where it names two (one per direction of transfer) the caller's
 * `direction` decides, and the report/command TPDUs this codec does not type are a DecodeError.
 *
 * Decoders are strict: every length is checked against `end`, TP-UDL must describe exactly the octets up
 * to `end`, and the user data header must fit in TP-UD. Text is decoded from the offsets in place.
 */
import { ByteWriter } from "../bytes.js";
import { DecodeError, EncodeError } from "../errors.js";
import {
  SMS_MAX_USER_DATA_OCTETS,
  SMS_MAX_USER_DATA_SEPTETS,
  SmsFirstOctet,
  SmsMessageTypeIndicator,
  SmsParameterIndicator,
  SmsValidityPeriodFormat,
} from "./constants.js";
import { userDataAlphabet } from "./dcs.js";
import {
  decodeSmsAddress,
  decodeSmsTimestamp,
  SMS_TIMESTAMP_LENGTH,
  writeSmsAddress,
  writeSmsTimestamp,
} from "./fields.js";
import {
  checkRange,
  decodeGsm7,
  encodeGsm7,
  fillBitsAfterHeader,
  headerSeptets,
  packedLength,
  packSeptets,
  unpackSeptets,
} from "./gsm7.js";
import type {
  SmsDeliver,
  SmsDirection,
  SmsOctets,
  SmsStatusReport,
  SmsSubmit,
  SmsTpdu,
  SmsUserData,
  SmsValidityPeriod,
} from "./types.js";
import { decodeUcs2, encodeUcs2 } from "./ucs2.js";
import { decodeUserDataHeader, encodeUserDataHeader } from "./udh.js";

// ---------------------------------------------------------------------------------------------------------
// Decoding

function need(at: number, n: number, end: number, what: string): void {
  if (at + n > end)
    throw new DecodeError("sms", at, `${what} cut short (needs ${n} octet${n === 1 ? "" : "s"})`);
}

/**
 * TP-UDL at `bytes[at]` and TP-UD up to `end` under the data coding scheme `dcs` (TS 23.040 §9.2.3.16,
 * §9.2.3.24). TP-UDL counts septets for GSM 7-bit (header and fill bits included), octets otherwise.
 */
export function decodeUserData(
  bytes: Uint8Array,
  at: number,
  end: number,
  dcs: number,
  udhi: boolean,
): SmsUserData {
  need(at, 1, end, "TP-UDL");
  const udl = bytes[at]!;
  const udStart = at + 1;
  const alphabet = userDataAlphabet(dcs);
  const septets = alphabet === "gsm7";
  const max = septets ? SMS_MAX_USER_DATA_SEPTETS : SMS_MAX_USER_DATA_OCTETS;
  if (udl > max)
    throw new DecodeError("sms", at, `TP-UDL ${udl}, over ${max} ${septets ? "septets" : "octets"}`);
  const udEnd = udStart + (septets ? packedLength(udl) : udl);
  if (udEnd > end) {
    throw new DecodeError(
      "sms",
      at,
      `TP-UDL ${udl} needs ${udEnd - udStart} octets of TP-UD, only ${end - udStart} there`,
    );
  }
  if (udEnd < end) throw new DecodeError("sms", udEnd, `${end - udEnd} octets after the end of TP-UD`);
  const out: SmsUserData = {};
  let bodyStart = udStart;
  let headerOctets = 0;
  if (udhi) {
    const h = decodeUserDataHeader(bytes, udStart, udEnd);
    out.header = h.header;
    bodyStart = h.end;
    headerOctets = h.end - udStart;
  }
  if (septets) {
    const skip = headerSeptets(headerOctets);
    if (skip > udl) {
      throw new DecodeError(
        "sms",
        udStart,
        `user data header of ${headerOctets} octets (${skip} septets) exceeds TP-UDL ${udl}`,
      );
    }
    out.text = decodeGsm7(
      unpackSeptets(bytes, bodyStart, udEnd, udl - skip, fillBitsAfterHeader(headerOctets)),
    );
  } else if (alphabet === "ucs2") {
    out.text = decodeUcs2(bytes, bodyStart, udEnd);
  } else {
    out.data = { bytes, start: bodyStart, end: udEnd };
  }
  return out;
}

function decodeValidityPeriod(
  bytes: Uint8Array,
  at: number,
  end: number,
  vpf: number,
): { vp?: SmsValidityPeriod; end: number } {
  switch (vpf) {
    case SmsValidityPeriodFormat.relative:
      need(at, 1, end, "TP-VP (relative)");
      return { vp: { format: "relative", value: bytes[at]! }, end: at + 1 };
    case SmsValidityPeriodFormat.absolute:
      return {
        vp: { format: "absolute", timestamp: decodeSmsTimestamp(bytes, at, end, "TP-VP (absolute)") },
        end: at + SMS_TIMESTAMP_LENGTH,
      };
    case SmsValidityPeriodFormat.enhanced:
      need(at, 7, end, "TP-VP (enhanced)");
      return { vp: { format: "enhanced", octets: { bytes, start: at, end: at + 7 } }, end: at + 7 };
    default:
      return { end: at };
  }
}

/** SMS-SUBMIT at `bytes[start, end)` (TS 23.040 §9.2.2.2). */
export function decodeSmsSubmit(bytes: Uint8Array, start = 0, end = bytes.length): SmsSubmit {
  checkRange(bytes, start, end);
  need(start, 2, end, "SMS-SUBMIT");
  const fo = bytes[start]!;
  if ((fo & SmsFirstOctet.mtiMask) !== SmsMessageTypeIndicator.submit) {
    throw new DecodeError("sms", start, `TP-MTI ${fo & 3} is not SMS-SUBMIT (01)`);
  }
  const da = decodeSmsAddress(bytes, start + 2, end, "TP-DA");
  let at = da.end;
  need(at, 2, end, "TP-PID and TP-DCS");
  const pid = bytes[at]!;
  const dcs = bytes[at + 1]!;
  const vp = decodeValidityPeriod(bytes, at + 2, end, (fo & SmsFirstOctet.vpfMask) >> SmsFirstOctet.vpfShift);
  at = vp.end;
  const v: SmsSubmit = {
    type: "submit",
    rejectDuplicates: (fo & SmsFirstOctet.rejectDuplicates) !== 0,
    replyPath: (fo & SmsFirstOctet.replyPath) !== 0,
    statusReportRequest: (fo & SmsFirstOctet.statusReportRequest) !== 0,
    messageReference: bytes[start + 1]!,
    destination: da.address,
    protocolIdentifier: pid,
    dataCodingScheme: dcs,
    userData: decodeUserData(bytes, at, end, dcs, (fo & SmsFirstOctet.userDataHeaderIndicator) !== 0),
  };
  if (vp.vp) v.validityPeriod = vp.vp;
  return v;
}

/** SMS-DELIVER at `bytes[start, end)` (TS 23.040 §9.2.2.1). */
export function decodeSmsDeliver(bytes: Uint8Array, start = 0, end = bytes.length): SmsDeliver {
  checkRange(bytes, start, end);
  need(start, 1, end, "SMS-DELIVER");
  const fo = bytes[start]!;
  if ((fo & SmsFirstOctet.mtiMask) !== SmsMessageTypeIndicator.deliver) {
    throw new DecodeError("sms", start, `TP-MTI ${fo & 3} is not SMS-DELIVER (00)`);
  }
  const oa = decodeSmsAddress(bytes, start + 1, end, "TP-OA");
  const at = oa.end;
  need(at, 2, end, "TP-PID and TP-DCS");
  const dcs = bytes[at + 1]!;
  return {
    type: "deliver",
    moreMessagesToSend: (fo & SmsFirstOctet.moreMessagesToSend) === 0,
    loopPrevention: (fo & SmsFirstOctet.loopPrevention) !== 0,
    statusReportIndication: (fo & SmsFirstOctet.statusReportIndication) !== 0,
    replyPath: (fo & SmsFirstOctet.replyPath) !== 0,
    originator: oa.address,
    protocolIdentifier: bytes[at]!,
    dataCodingScheme: dcs,
    serviceCentreTimestamp: decodeSmsTimestamp(bytes, at + 2, end, "TP-SCTS"),
    userData: decodeUserData(
      bytes,
      at + 2 + SMS_TIMESTAMP_LENGTH,
      end,
      dcs,
      (fo & SmsFirstOctet.userDataHeaderIndicator) !== 0,
    ),
  };
}

/** SMS-STATUS-REPORT at `bytes[start, end)` (TS 23.040 §9.2.2.3), TP-PI and its parameters optional. */
export function decodeSmsStatusReport(bytes: Uint8Array, start = 0, end = bytes.length): SmsStatusReport {
  checkRange(bytes, start, end);
  need(start, 2, end, "SMS-STATUS-REPORT");
  const fo = bytes[start]!;
  if ((fo & SmsFirstOctet.mtiMask) !== SmsMessageTypeIndicator.statusReport) {
    throw new DecodeError("sms", start, `TP-MTI ${fo & 3} is not SMS-STATUS-REPORT (10)`);
  }
  const ra = decodeSmsAddress(bytes, start + 2, end, "TP-RA");
  let at = ra.end;
  const scts = decodeSmsTimestamp(bytes, at, end, "TP-SCTS");
  const dt = decodeSmsTimestamp(bytes, at + SMS_TIMESTAMP_LENGTH, end, "TP-DT");
  at += 2 * SMS_TIMESTAMP_LENGTH;
  need(at, 1, end, "TP-ST");
  const v: SmsStatusReport = {
    type: "statusReport",
    moreMessagesToSend: (fo & SmsFirstOctet.moreMessagesToSend) === 0,
    loopPrevention: (fo & SmsFirstOctet.loopPrevention) !== 0,
    aboutCommand: (fo & SmsFirstOctet.statusReportQualifier) !== 0,
    messageReference: bytes[start + 1]!,
    recipient: ra.address,
    serviceCentreTimestamp: scts,
    dischargeTime: dt,
    status: bytes[at++]!,
  };
  const udhi = (fo & SmsFirstOctet.userDataHeaderIndicator) !== 0;
  if (at === end) {
    if (udhi) throw new DecodeError("sms", start, "TP-UDHI set but the status report has no TP-UD");
    return v;
  }
  const pi = bytes[at++]!;
  v.parameterIndicator = pi;
  if (pi & SmsParameterIndicator.extension) {
    // TS 23.040 §9.2.3.27: each TP-PI octet with bit 8 set is followed by another one.
    const more: number[] = [];
    let last = pi;
    while (last & SmsParameterIndicator.extension) {
      need(at, 1, end, "TP-PI extension");
      last = bytes[at++]!;
      more.push(last & 0x7f);
    }
    v.parameterIndicatorExtension = more;
  }
  if (pi & SmsParameterIndicator.protocolIdentifier) {
    need(at, 1, end, "TP-PID");
    v.protocolIdentifier = bytes[at++]!;
  }
  if (pi & SmsParameterIndicator.dataCodingScheme) {
    need(at, 1, end, "TP-DCS");
    v.dataCodingScheme = bytes[at++]!;
  }
  if (pi & SmsParameterIndicator.userDataLength) {
    // §9.2.3.27: without TP-DCS the default alphabet is assumed.
    v.userData = decodeUserData(bytes, at, end, v.dataCodingScheme ?? 0, udhi);
    return v;
  }
  if (udhi) throw new DecodeError("sms", start, "TP-UDHI set but TP-PI announces no TP-UD");
  if (at < end)
    throw new DecodeError("sms", at, `${end - at} octets after the last parameter TP-PI announces`);
  return v;
}

/**
 * The TPDU at `bytes[start, end)`, by TP-MTI: 00 SMS-DELIVER, 01 SMS-SUBMIT, 10 SMS-STATUS-REPORT. With a
 * `direction`, the TPDUs of the other direction that share those codes (SMS-SUBMIT-REPORT, SMS-DELIVER-REPORT,
 * SMS-COMMAND) are recognised and rejected as unsupported; TP-MTI 11 is reserved.
 */
export function decodeSmsTpdu(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
  direction?: SmsDirection,
): SmsTpdu {
  checkRange(bytes, start, end);
  if (start >= end) throw new DecodeError("sms", start, "empty TPDU");
  const mti = bytes[start]! & SmsFirstOctet.mtiMask;
  switch (mti) {
    case SmsMessageTypeIndicator.deliver:
      if (direction === "mo")
        throw new DecodeError("sms", start, "SMS-DELIVER-REPORT (MTI 00, MS→SC) is not supported");
      return decodeSmsDeliver(bytes, start, end);
    case SmsMessageTypeIndicator.submit:
      if (direction === "mt")
        throw new DecodeError("sms", start, "SMS-SUBMIT-REPORT (MTI 01, SC→MS) is not supported");
      return decodeSmsSubmit(bytes, start, end);
    case SmsMessageTypeIndicator.statusReport:
      if (direction === "mo")
        throw new DecodeError("sms", start, "SMS-COMMAND (MTI 10, MS→SC) is not supported");
      return decodeSmsStatusReport(bytes, start, end);
    default:
      throw new DecodeError("sms", start, "TP-MTI 11 is reserved");
  }
}

// ---------------------------------------------------------------------------------------------------------
// Encoding

function octet(v: unknown, field: string): number {
  if (!(typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 0xff)) {
    throw new EncodeError("sms", field, `${String(v)} is not an integer in 0..255`);
  }
  return v;
}

function checkOctets(o: SmsOctets, field: string): Uint8Array {
  if (!(o && o.bytes instanceof Uint8Array && o.start >= 0 && o.start <= o.end && o.end <= o.bytes.length)) {
    throw new EncodeError("sms", field, "not a valid octet range");
  }
  return o.bytes.subarray(o.start, o.end);
}

/**
 * Writes TP-UDL and TP-UD for `ud` under `dcs`: `text` for the GSM 7-bit alphabet (septets, after the header
 * and its fill bits) and UCS2, `data` for 8-bit/compressed data. EncodeError when the value does not fit the
 * coding or 140 octets.
 */
export function writeUserData(w: ByteWriter, ud: SmsUserData, dcs: number): void {
  if (!ud || typeof ud !== "object") throw new EncodeError("sms", "TP-UD", "is missing");
  const header = ud.header ? encodeUserDataHeader(ud.header.elements) : new Uint8Array(0);
  const alphabet = userDataAlphabet(dcs);
  if (alphabet === "8bit") {
    if (ud.text !== undefined) {
      throw new EncodeError(
        "sms",
        "TP-UD",
        `text given but TP-DCS 0x${dcs.toString(16)} announces 8-bit data`,
      );
    }
    const data = ud.data ? checkOctets(ud.data, "TP-UD data") : new Uint8Array(0);
    const udl = header.length + data.length;
    if (udl > SMS_MAX_USER_DATA_OCTETS) {
      throw new EncodeError("sms", "TP-UD", `${udl} octets, over ${SMS_MAX_USER_DATA_OCTETS}`);
    }
    w.u8(udl).bytes(header).bytes(data);
    return;
  }
  if (ud.data !== undefined) {
    throw new EncodeError(
      "sms",
      "TP-UD",
      `octets given but TP-DCS 0x${dcs.toString(16)} announces ${alphabet} text`,
    );
  }
  const text = ud.text ?? "";
  if (typeof text !== "string") throw new EncodeError("sms", "TP-UD text", "is not a string");
  if (alphabet === "ucs2") {
    const body = encodeUcs2(text);
    const udl = header.length + body.length;
    if (udl > SMS_MAX_USER_DATA_OCTETS) {
      throw new EncodeError("sms", "TP-UD", `${udl} octets, over ${SMS_MAX_USER_DATA_OCTETS}`);
    }
    w.u8(udl).bytes(header).bytes(body);
    return;
  }
  const septets = encodeGsm7(text);
  const udl = headerSeptets(header.length) + septets.length;
  if (udl > SMS_MAX_USER_DATA_SEPTETS) {
    throw new EncodeError("sms", "TP-UD", `${udl} septets, over ${SMS_MAX_USER_DATA_SEPTETS}`);
  }
  w.u8(udl)
    .bytes(header)
    .bytes(packSeptets(septets, fillBitsAfterHeader(header.length)));
}

const flag = (b: boolean | undefined, bit: number): number => (b ? bit : 0);

function writeValidityPeriod(w: ByteWriter, vp: SmsValidityPeriod): void {
  switch (vp.format) {
    case "relative":
      w.u8(octet(vp.value, "TP-VP (relative)"));
      return;
    case "absolute":
      writeSmsTimestamp(w, vp.timestamp, "TP-VP (absolute)");
      return;
    case "enhanced": {
      const o = checkOctets(vp.octets, "TP-VP (enhanced)");
      if (o.length !== 7) throw new EncodeError("sms", "TP-VP (enhanced)", `${o.length} octets, not 7`);
      w.bytes(o);
      return;
    }
    default:
      throw new EncodeError(
        "sms",
        "TP-VP",
        `unknown format ${JSON.stringify((vp as { format: unknown }).format)}`,
      );
  }
}

const VPF: Record<SmsValidityPeriod["format"], number> = {
  relative: SmsValidityPeriodFormat.relative,
  absolute: SmsValidityPeriodFormat.absolute,
  enhanced: SmsValidityPeriodFormat.enhanced,
};

/** SMS-SUBMIT octets (TS 23.040 §9.2.2.2). */
export function encodeSmsSubmit(v: SmsSubmit): Buffer {
  const w = new ByteWriter(176);
  const vpf = v.validityPeriod ? VPF[v.validityPeriod.format] : SmsValidityPeriodFormat.none;
  if (vpf === undefined) throw new EncodeError("sms", "TP-VP", "unknown format");
  w.u8(
    SmsMessageTypeIndicator.submit |
      flag(v.rejectDuplicates, SmsFirstOctet.rejectDuplicates) |
      (vpf << SmsFirstOctet.vpfShift) |
      flag(v.statusReportRequest, SmsFirstOctet.statusReportRequest) |
      flag(v.userData?.header !== undefined, SmsFirstOctet.userDataHeaderIndicator) |
      flag(v.replyPath, SmsFirstOctet.replyPath),
  );
  w.u8(octet(v.messageReference, "TP-MR"));
  writeSmsAddress(w, v.destination, "TP-DA");
  const dcs = octet(v.dataCodingScheme, "TP-DCS");
  w.u8(octet(v.protocolIdentifier, "TP-PID")).u8(dcs);
  if (v.validityPeriod) writeValidityPeriod(w, v.validityPeriod);
  writeUserData(w, v.userData, dcs);
  return w.finish();
}

/** SMS-DELIVER octets (TS 23.040 §9.2.2.1). */
export function encodeSmsDeliver(v: SmsDeliver): Buffer {
  const w = new ByteWriter(176);
  w.u8(
    SmsMessageTypeIndicator.deliver |
      (v.moreMessagesToSend ? 0 : SmsFirstOctet.moreMessagesToSend) |
      flag(v.loopPrevention, SmsFirstOctet.loopPrevention) |
      flag(v.statusReportIndication, SmsFirstOctet.statusReportIndication) |
      flag(v.userData?.header !== undefined, SmsFirstOctet.userDataHeaderIndicator) |
      flag(v.replyPath, SmsFirstOctet.replyPath),
  );
  writeSmsAddress(w, v.originator, "TP-OA");
  const dcs = octet(v.dataCodingScheme, "TP-DCS");
  w.u8(octet(v.protocolIdentifier, "TP-PID")).u8(dcs);
  writeSmsTimestamp(w, v.serviceCentreTimestamp, "TP-SCTS");
  writeUserData(w, v.userData, dcs);
  return w.finish();
}

/** SMS-STATUS-REPORT octets (TS 23.040 §9.2.2.3). */
export function encodeSmsStatusReport(v: SmsStatusReport): Buffer {
  const w = new ByteWriter(176);
  w.u8(
    SmsMessageTypeIndicator.statusReport |
      (v.moreMessagesToSend ? 0 : SmsFirstOctet.moreMessagesToSend) |
      flag(v.loopPrevention, SmsFirstOctet.loopPrevention) |
      flag(v.aboutCommand, SmsFirstOctet.statusReportQualifier) |
      flag(v.userData?.header !== undefined, SmsFirstOctet.userDataHeaderIndicator),
  );
  w.u8(octet(v.messageReference, "TP-MR"));
  writeSmsAddress(w, v.recipient, "TP-RA");
  writeSmsTimestamp(w, v.serviceCentreTimestamp, "TP-SCTS");
  writeSmsTimestamp(w, v.dischargeTime, "TP-DT");
  w.u8(octet(v.status, "TP-ST"));
  const hasPid = v.protocolIdentifier !== undefined;
  const hasDcs = v.dataCodingScheme !== undefined;
  const hasUd = v.userData !== undefined;
  if (v.parameterIndicator === undefined && !hasPid && !hasDcs && !hasUd) return w.finish();
  const extension = v.parameterIndicatorExtension ?? [];
  const pi =
    (octet(v.parameterIndicator ?? 0, "TP-PI") & 0x78) |
    (extension.length ? SmsParameterIndicator.extension : 0) |
    (hasPid ? SmsParameterIndicator.protocolIdentifier : 0) |
    (hasDcs ? SmsParameterIndicator.dataCodingScheme : 0) |
    (hasUd ? SmsParameterIndicator.userDataLength : 0);
  w.u8(pi);
  extension.forEach((x, i) => {
    const more = i + 1 < extension.length ? SmsParameterIndicator.extension : 0;
    w.u8((octet(x, "TP-PI extension") & 0x7f) | more);
  });
  if (hasPid) w.u8(octet(v.protocolIdentifier, "TP-PID"));
  if (hasDcs) w.u8(octet(v.dataCodingScheme, "TP-DCS"));
  if (hasUd) writeUserData(w, v.userData!, v.dataCodingScheme ?? 0);
  return w.finish();
}

/** The octets of any TPDU this codec types. */
export function encodeSmsTpdu(v: SmsTpdu): Buffer {
  switch (v.type) {
    case "submit":
      return encodeSmsSubmit(v);
    case "deliver":
      return encodeSmsDeliver(v);
    case "statusReport":
      return encodeSmsStatusReport(v);
    default:
      throw new EncodeError("sms", "TPDU", `unknown type ${JSON.stringify((v as { type: unknown }).type)}`);
  }
}
