import { readU16, readU32 } from "../bytes.js";
import { DecodeError } from "../errors.js";
import {
  SMPP_CALLBACK_NUM_ATAG_LENGTH,
  SMPP_CALLBACK_NUM_LENGTH,
  SMPP_COMMAND_NAMES,
  SMPP_CSTRING_TLVS,
  SMPP_HEADER_LENGTH,
  SMPP_INTEGER_TLVS,
  SMPP_SUBADDRESS_LENGTH,
  SMPP_TLV_NAMES,
  type SmppCStringTlvName,
  type SmppIntegerTlvName,
} from "./constants.js";
import {
  SMPP_DEST_ADDR_MAX,
  SMPP_DL_NAME_MAX,
  SMPP_LAYOUTS,
  type SmppField,
  smppFieldName,
} from "./layout.js";
import type { SmppDestAddress, SmppHeader, SmppPdu, SmppTlv, SmppUnsuccessSme } from "./types.js";

/** Latin-1: one character per octet, so any octet string survives decode → encode unchanged. */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

function hex(v: number, digits: number): string {
  return `0x${v.toString(16).padStart(digits, "0")}`;
}

/**
 * Reads the 16-octet header at `start` (§3.2) without judging the rest: for a receiver that must answer a
 * PDU it cannot decode (generic_nack, or the matching response with an error status) and so needs its
 * command_id and sequence_number. Throws `DecodeError` only when fewer than 16 octets are available.
 */
export function readSmppHeader(bytes: Uint8Array, start = 0, end = bytes.length): SmppHeader {
  if (end > bytes.length) end = bytes.length;
  if (end - start < SMPP_HEADER_LENGTH) {
    throw new DecodeError(
      "smpp",
      start,
      `PDU of ${Math.max(0, end - start)} octets is shorter than the 16-octet header`,
    );
  }
  return {
    commandLength: readU32(bytes, start),
    commandId: readU32(bytes, start + 4),
    commandStatus: readU32(bytes, start + 8),
    sequenceNumber: readU32(bytes, start + 12),
  };
}

/** A read position in `bytes[…, end)`; every read checks `end` first. */
class Cursor {
  constructor(
    readonly bytes: Uint8Array,
    public at: number,
    readonly end: number,
  ) {}

  u8(field: string): number {
    if (this.at >= this.end)
      throw new DecodeError("smpp", this.at, `${field}: the PDU ends before this field`);
    return this.bytes[this.at++]!;
  }

  u32(field: string): number {
    if (this.end - this.at < 4) {
      throw new DecodeError("smpp", this.at, `${field}: the PDU ends inside this 4-octet field`);
    }
    const v = readU32(this.bytes, this.at);
    this.at += 4;
    return v;
  }

  /** §3.1: a C-Octet String of at most `max` octets, the NUL included. */
  cstring(field: string, max: number): string {
    const from = this.at;
    const limit = Math.min(this.end, from + max);
    for (let i = from; i < limit; i++) {
      if (this.bytes[i] === 0) {
        this.at = i + 1;
        return latin1(this.bytes, from, i);
      }
    }
    if (limit === this.end && this.end - from < max) {
      throw new DecodeError("smpp", from, `${field}: the PDU ends before the C-Octet String's NUL`);
    }
    throw new DecodeError("smpp", from, `${field}: no NUL within its ${max}-octet maximum`);
  }

  octets(field: string, n: number): Uint8Array {
    if (this.end - this.at < n) {
      throw new DecodeError(
        "smpp",
        this.at,
        `${field}: ${n} octets announced, ${this.end - this.at} left in the PDU`,
      );
    }
    const v = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
}

function readField(c: Cursor, f: SmppField): unknown {
  const name = smppFieldName(f.name);
  switch (f.type) {
    case "cstring":
      return c.cstring(name, f.max);
    case "u8":
      return c.u8(name);
    case "shortMessage": {
      const smLength = c.u8("sm_length");
      return c.octets("short_message (sm_length)", smLength);
    }
    case "destAddresses": {
      const n = c.u8("number_of_dests");
      const out: SmppDestAddress[] = [];
      for (let i = 0; i < n; i++) {
        const at = c.at;
        const flag = c.u8(`dest_address[${i}].dest_flag`);
        if (flag === 1) {
          const destAddrTon = c.u8(`dest_address[${i}].dest_addr_ton`);
          const destAddrNpi = c.u8(`dest_address[${i}].dest_addr_npi`);
          const destinationAddr = c.cstring(`dest_address[${i}].destination_addr`, SMPP_DEST_ADDR_MAX);
          out.push({ destFlag: 1, destAddrTon, destAddrNpi, destinationAddr });
        } else if (flag === 2) {
          out.push({ destFlag: 2, dlName: c.cstring(`dest_address[${i}].dl_name`, SMPP_DL_NAME_MAX) });
        } else {
          // §5.2.25: without a known flag the entry's length is unknown, so the rest cannot be read.
          throw new DecodeError(
            "smpp",
            at,
            `dest_address[${i}].dest_flag ${flag} is neither 1 (SME address) nor 2 (distribution list)`,
          );
        }
      }
      return out;
    }
    case "unsuccessSmes": {
      const n = c.u8("no_unsuccess");
      const out: SmppUnsuccessSme[] = [];
      for (let i = 0; i < n; i++) {
        const destAddrTon = c.u8(`unsuccess_sme[${i}].dest_addr_ton`);
        const destAddrNpi = c.u8(`unsuccess_sme[${i}].dest_addr_npi`);
        const destinationAddr = c.cstring(`unsuccess_sme[${i}].destination_addr`, SMPP_DEST_ADDR_MAX);
        const errorStatusCode = c.u32(`unsuccess_sme[${i}].error_status_code`);
        out.push({ destAddrTon, destAddrNpi, destinationAddr, errorStatusCode });
      }
      return out;
    }
  }
}

function lengthIn(name: string, at: number, n: number, range: { min: number; max: number }): void {
  if (n < range.min || n > range.max) {
    throw new DecodeError(
      "smpp",
      at,
      `${name}: value of ${n} octets, §5.3.2 allows ${range.min}-${range.max}`,
    );
  }
}

/** One TLV value `bytes[vs, ve)`; `at` is the TLV's tag offset (errors point at its length field). */
function decodeTlv(bytes: Uint8Array, tag: number, at: number, vs: number, ve: number): SmppTlv {
  const kind = SMPP_TLV_NAMES.get(tag);
  const n = ve - vs;
  if (kind === undefined) return { kind: "unknown", tag, value: bytes.subarray(vs, ve) };
  if (kind in SMPP_INTEGER_TLVS) {
    const width = SMPP_INTEGER_TLVS[kind as SmppIntegerTlvName];
    if (n !== width) {
      throw new DecodeError("smpp", at + 2, `${kind}: value of ${n} octets, §5.3.2 gives it ${width}`);
    }
    const value = width === 1 ? bytes[vs]! : width === 2 ? readU16(bytes, vs) : readU32(bytes, vs);
    return { kind: kind as SmppIntegerTlvName, value };
  }
  if (kind in SMPP_CSTRING_TLVS) {
    const max = SMPP_CSTRING_TLVS[kind as SmppCStringTlvName];
    if (n > max) throw new DecodeError("smpp", at + 2, `${kind}: value of ${n} octets, §5.3.2 allows ${max}`);
    const nul = bytes.subarray(vs, ve).indexOf(0);
    if (nul === -1) {
      // Sent without its NUL: tolerated (the TLV length bounds it), and remembered for the round trip.
      return { kind: kind as SmppCStringTlvName, value: latin1(bytes, vs, ve), unterminated: true };
    }
    if (vs + nul !== ve - 1) {
      throw new DecodeError("smpp", vs + nul, `${kind}: NUL inside the C-Octet String, before its end`);
    }
    return { kind: kind as SmppCStringTlvName, value: latin1(bytes, vs, ve - 1) };
  }
  switch (kind) {
    case "message_payload":
      return { kind, value: bytes.subarray(vs, ve) };
    case "source_subaddress":
    case "dest_subaddress":
      lengthIn(kind, at + 2, n, SMPP_SUBADDRESS_LENGTH);
      return { kind, subaddressType: bytes[vs]!, subaddress: bytes.subarray(vs + 1, ve) };
    case "callback_num":
      lengthIn(kind, at + 2, n, SMPP_CALLBACK_NUM_LENGTH);
      return {
        kind,
        digitMode: bytes[vs]!,
        ton: bytes[vs + 1]!,
        npi: bytes[vs + 2]!,
        digits: latin1(bytes, vs + 3, ve),
      };
    case "callback_num_atag":
      lengthIn(kind, at + 2, n, SMPP_CALLBACK_NUM_ATAG_LENGTH);
      return { kind, dataCoding: bytes[vs]!, display: bytes.subarray(vs + 1, ve) };
    case "network_error_code":
      lengthIn(kind, at + 2, n, { min: 3, max: 3 });
      return { kind, networkType: bytes[vs]!, errorCode: readU16(bytes, vs + 1) };
    case "its_session_info":
      lengthIn(kind, at + 2, n, { min: 2, max: 2 });
      // §5.3.2.43: octet 2 bits 7-1 are the sequence number, bit 0 the end-of-session indicator.
      return {
        kind,
        sessionNumber: bytes[vs]!,
        sequenceNumber: bytes[vs + 1]! >> 1,
        endOfSession: (bytes[vs + 1]! & 1) === 1,
      };
    case "alert_on_message_delivery":
      lengthIn(kind, at + 2, n, { min: 0, max: 1 });
      return n === 0 ? { kind } : { kind, value: bytes[vs]! };
    default:
      // Every name in SmppTlvTag is handled above; this keeps the decoder total if one is added.
      return { kind: "unknown", tag, value: bytes.subarray(vs, ve) };
  }
}

/** §3.2.4: the TLVs filling `bytes[at, end)`. Each step consumes at least the 4-octet tag and length. */
export function decodeSmppTlvs(bytes: Uint8Array, at: number, end: number): SmppTlv[] {
  const out: SmppTlv[] = [];
  while (at < end) {
    if (end - at < 4) {
      throw new DecodeError("smpp", at, `${end - at} trailing octets are too few for a TLV's tag and length`);
    }
    const tag = readU16(bytes, at);
    const n = readU16(bytes, at + 2);
    const ve = at + 4 + n;
    if (ve > end) {
      throw new DecodeError(
        "smpp",
        at + 2,
        `TLV ${hex(tag, 4)} (${SMPP_TLV_NAMES.get(tag) ?? "unknown"}) length ${n} exceeds the ${end - at - 4} octets left`,
      );
    }
    out.push(decodeTlv(bytes, tag, at, at + 4, ve));
    at = ve;
  }
  return out;
}

/**
 * Decodes the SMPP 3.4 PDU occupying exactly `bytes[start, end)`: the header (§3.2), the command's
 * mandatory fields in order (§4) and the optional TLVs after them (§3.2.4). The command_length must match
 * the range (the stream framer cuts at it). Unknown command_ids decode to `command: "unknown"` with the
 * raw body; unknown TLV tags to `kind: "unknown"`. Only `DecodeError` is thrown, with the absolute offset
 * and the spec's name of the field that did not make sense.
 */
export function decodeSmppPdu(bytes: Uint8Array, start = 0, end = bytes.length): SmppPdu {
  if (end > bytes.length) end = bytes.length;
  const header = readSmppHeader(bytes, start, end);
  if (header.commandLength !== end - start) {
    throw new DecodeError(
      "smpp",
      start,
      `command_length ${header.commandLength} does not match the ${end - start} octets of the PDU`,
    );
  }
  const common = { commandStatus: header.commandStatus, sequenceNumber: header.sequenceNumber };
  const bodyStart = start + SMPP_HEADER_LENGTH;
  const command = SMPP_COMMAND_NAMES.get(header.commandId);
  if (command === undefined) {
    return {
      command: "unknown",
      commandId: header.commandId,
      ...common,
      body: bytes.subarray(bodyStart, end),
      tlvs: [],
    };
  }
  const layout = SMPP_LAYOUTS[command];
  const pdu: Record<string, unknown> = { command, ...common };
  const c = new Cursor(bytes, bodyStart, end);
  if (!(layout.optionalBody && bodyStart === end)) {
    for (const f of layout.fields) pdu[f.name] = readField(c, f);
  }
  pdu.tlvs = decodeSmppTlvs(bytes, c.at, end);
  return pdu as unknown as SmppPdu;
}
