import { ByteWriter } from "../bytes.js";
import { EncodeError } from "../errors.js";
import {
  SMPP_CALLBACK_NUM_ATAG_LENGTH,
  SMPP_CALLBACK_NUM_LENGTH,
  SMPP_COMMAND_NAMES,
  SMPP_CSTRING_TLVS,
  SMPP_HEADER_LENGTH,
  SMPP_INTEGER_TLVS,
  SMPP_SUBADDRESS_LENGTH,
  SMPP_TLV_NAMES,
  SmppCommandId,
  type SmppCommandName,
  type SmppCStringTlvName,
  type SmppIntegerTlvName,
  SmppTlvTag,
} from "./constants.js";
import {
  SMPP_DEST_ADDR_MAX,
  SMPP_DL_NAME_MAX,
  SMPP_LAYOUTS,
  type SmppField,
  smppFieldName,
} from "./layout.js";
import type { SmppPduInput, SmppTlv } from "./types.js";

function fail(field: string, reason: string): never {
  throw new EncodeError("smpp", field, reason);
}

function uint(field: string, v: unknown, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) {
    fail(field, `${String(v)} is not an integer in 0..${max}`);
  }
  return v;
}

function octets(field: string, v: unknown, max: number): Uint8Array {
  if (!(v instanceof Uint8Array)) fail(field, "not a Uint8Array");
  if (v.length > max) fail(field, `${v.length} octets, at most ${max} fit`);
  return v;
}

/**
 * Writes `s` one octet per character (Latin-1, as the decoder reads it). NUL is refused unless `nul` is
 * set: it would end a C-Octet String early.
 */
function latin1(w: ByteWriter, field: string, s: unknown, nul = false): void {
  if (typeof s !== "string") fail(field, "not a string");
  const min = nul ? 0 : 1;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < min || ch > 0xff) {
      fail(field, `character ${i} (U+${ch.toString(16).padStart(4, "0")}) is not an octet ${min}-255`);
    }
    w.u8(ch);
  }
}

/** §3.1: a C-Octet String of at most `max` octets with its NUL. */
function cstring(w: ByteWriter, field: string, s: unknown, max: number): void {
  if (typeof s === "string" && s.length > max - 1) {
    fail(field, `${s.length} characters, the field holds ${max - 1} and its NUL`);
  }
  latin1(w, field, s);
  w.u8(0);
}

function writeField(w: ByteWriter, f: SmppField, v: unknown): void {
  const name = smppFieldName(f.name);
  switch (f.type) {
    case "cstring":
      cstring(w, name, v, f.max);
      break;
    case "u8":
      w.u8(uint(name, v, 0xff));
      break;
    case "shortMessage": {
      const sm = octets(name, v, 0xff);
      w.u8(sm.length).bytes(sm);
      break;
    }
    case "destAddresses": {
      if (!Array.isArray(v)) fail(name, "not an array");
      if (v.length > 0xff) fail("number_of_dests", `${v.length} destinations, at most 255 fit`);
      w.u8(v.length);
      v.forEach((d: Record<string, unknown>, i: number) => {
        const at = `dest_address[${i}]`;
        if (d.destFlag === 1) {
          w.u8(1);
          w.u8(uint(`${at}.dest_addr_ton`, d.destAddrTon, 0xff));
          w.u8(uint(`${at}.dest_addr_npi`, d.destAddrNpi, 0xff));
          cstring(w, `${at}.destination_addr`, d.destinationAddr, SMPP_DEST_ADDR_MAX);
        } else if (d.destFlag === 2) {
          w.u8(2);
          cstring(w, `${at}.dl_name`, d.dlName, SMPP_DL_NAME_MAX);
        } else {
          fail(
            `${at}.dest_flag`,
            `${String(d.destFlag)} is neither 1 (SME address) nor 2 (distribution list)`,
          );
        }
      });
      break;
    }
    case "unsuccessSmes": {
      if (!Array.isArray(v)) fail(name, "not an array");
      if (v.length > 0xff) fail("no_unsuccess", `${v.length} entries, at most 255 fit`);
      w.u8(v.length);
      v.forEach((u: Record<string, unknown>, i: number) => {
        const at = `unsuccess_sme[${i}]`;
        w.u8(uint(`${at}.dest_addr_ton`, u.destAddrTon, 0xff));
        w.u8(uint(`${at}.dest_addr_npi`, u.destAddrNpi, 0xff));
        cstring(w, `${at}.destination_addr`, u.destinationAddr, SMPP_DEST_ADDR_MAX);
        w.u32(uint(`${at}.error_status_code`, u.errorStatusCode, 0xffffffff));
      });
      break;
    }
  }
}

function inRange(field: string, n: number, range: { min: number; max: number }): void {
  if (n < range.min || n > range.max)
    fail(field, `value of ${n} octets, §5.3.2 allows ${range.min}-${range.max}`);
}

function writeTlv(w: ByteWriter, t: SmppTlv): void {
  let tag: number;
  if (t.kind === "unknown") {
    tag = uint("unknown.tag", t.tag, 0xffff);
    const known = SMPP_TLV_NAMES.get(tag);
    // Keeps decode(encode(v)) equal to v: a known tag would come back as its typed kind.
    if (known) fail("unknown.tag", `0x${tag.toString(16).padStart(4, "0")} is ${known}; use kind "${known}"`);
  } else {
    tag = SmppTlvTag[t.kind];
    if (tag === undefined) fail("kind", `unknown TLV kind ${JSON.stringify((t as { kind: unknown }).kind)}`);
  }
  w.u16(tag).u16(0);
  const vs = w.length;
  const kind = t.kind;
  if (kind in SMPP_INTEGER_TLVS) {
    const width = SMPP_INTEGER_TLVS[kind as SmppIntegerTlvName];
    const v = uint(
      kind,
      (t as { value: unknown }).value,
      width === 1 ? 0xff : width === 2 ? 0xffff : 0xffffffff,
    );
    if (width === 1) w.u8(v);
    else if (width === 2) w.u16(v);
    else w.u32(v);
  } else if (kind in SMPP_CSTRING_TLVS) {
    const c = t as { value: unknown; unterminated?: boolean };
    const max = SMPP_CSTRING_TLVS[kind as SmppCStringTlvName];
    latin1(w, kind, c.value);
    if (!c.unterminated) w.u8(0);
    if (w.length - vs > max) fail(kind, `${w.length - vs} octets, §5.3.2 allows ${max} (the NUL included)`);
  } else {
    switch (t.kind) {
      case "message_payload":
        w.bytes(octets(t.kind, t.value, 0xffff));
        break;
      case "source_subaddress":
      case "dest_subaddress":
        w.u8(uint(`${t.kind}.subaddressType`, t.subaddressType, 0xff));
        w.bytes(octets(t.kind, t.subaddress, 0xffff));
        inRange(t.kind, w.length - vs, SMPP_SUBADDRESS_LENGTH);
        break;
      case "callback_num":
        w.u8(uint("callback_num.digitMode", t.digitMode, 0xff));
        w.u8(uint("callback_num.ton", t.ton, 0xff));
        w.u8(uint("callback_num.npi", t.npi, 0xff));
        if (typeof t.digits === "string" && t.digits.length > 0xffff) fail("callback_num.digits", "too long");
        latin1(w, "callback_num.digits", t.digits, true);
        inRange(t.kind, w.length - vs, SMPP_CALLBACK_NUM_LENGTH);
        break;
      case "callback_num_atag":
        w.u8(uint("callback_num_atag.dataCoding", t.dataCoding, 0xff));
        w.bytes(octets(t.kind, t.display, 0xffff));
        inRange(t.kind, w.length - vs, SMPP_CALLBACK_NUM_ATAG_LENGTH);
        break;
      case "network_error_code":
        w.u8(uint("network_error_code.networkType", t.networkType, 0xff));
        w.u16(uint("network_error_code.errorCode", t.errorCode, 0xffff));
        break;
      case "its_session_info":
        w.u8(uint("its_session_info.sessionNumber", t.sessionNumber, 0xff));
        w.u8(
          (uint("its_session_info.sequenceNumber", t.sequenceNumber, 0x7f) << 1) | (t.endOfSession ? 1 : 0),
        );
        break;
      case "alert_on_message_delivery":
        if (t.value !== undefined) w.u8(uint("alert_on_message_delivery.value", t.value, 0xff));
        break;
      case "unknown":
        w.bytes(octets("unknown.value", t.value, 0xffff));
        break;
      default:
        fail("kind", `unknown TLV kind ${JSON.stringify((t as { kind: unknown }).kind)}`);
    }
  }
  const n = w.length - vs;
  if (n > 0xffff) fail(t.kind, `value of ${n} octets exceeds the 16-bit TLV length`);
  w.patchU16(vs - 2, n);
}

/** Appends TLVs to `w` (§3.2.4), for callers building a body by hand. */
export function writeSmppTlvs(w: ByteWriter, tlvs: readonly SmppTlv[]): void {
  for (const t of tlvs) writeTlv(w, t);
}

/**
 * Encodes one SMPP 3.4 PDU: the header with command_length counted, the mandatory fields in §4's order,
 * then the TLVs in the order given. `sequenceNumber`, when given, overrides the value's own; one of the two
 * is required. command_status defaults to 0. A response whose optional body is absent (no `messageId` /
 * `systemId`) is sent as a bare header. Invalid values throw `EncodeError` naming the field.
 */
export function encodeSmppPdu(value: SmppPduInput, sequenceNumber?: number): Buffer {
  const v = value as unknown as Record<string, unknown> & { command: string; tlvs?: SmppTlv[] };
  const w = new ByteWriter(256);
  let commandId: number;
  let layoutName: SmppCommandName | undefined;
  if (v.command === "unknown") {
    commandId = uint("commandId", v.commandId, 0xffffffff);
    const known = SMPP_COMMAND_NAMES.get(commandId);
    if (known)
      fail("commandId", `0x${commandId.toString(16).padStart(8, "0")} is ${known}; use command "${known}"`);
  } else {
    layoutName = v.command as SmppCommandName;
    commandId = SmppCommandId[layoutName];
    if (commandId === undefined || !Object.hasOwn(SmppCommandId, layoutName)) {
      fail("command", `unknown command ${JSON.stringify(v.command)}`);
    }
  }
  const seq = sequenceNumber ?? v.sequenceNumber;
  if (seq === undefined) fail("sequenceNumber", "missing: give it in the value or as the second argument");
  w.u32(0)
    .u32(commandId)
    .u32(uint("commandStatus", v.commandStatus ?? 0, 0xffffffff))
    .u32(uint("sequenceNumber", seq, 0xffffffff));
  const tlvs = v.tlvs ?? [];
  if (!Array.isArray(tlvs)) fail("tlvs", "not an array");
  if (layoutName === undefined) {
    if (tlvs.length > 0) fail("tlvs", "an unknown command keeps its TLVs inside its raw body");
    w.bytes(octets("body", v.body, 0xffffffff - SMPP_HEADER_LENGTH));
  } else {
    const layout = SMPP_LAYOUTS[layoutName];
    const omitted = layout.optionalBody && v[layout.fields[0]!.name] === undefined;
    if (omitted) {
      for (const f of layout.fields) {
        if (v[f.name] !== undefined)
          fail(
            smppFieldName(f.name),
            `given while ${smppFieldName(layout.fields[0]!.name)} (and so the body) is absent`,
          );
      }
      if (tlvs.length > 0)
        fail("tlvs", `TLVs need the body, but ${smppFieldName(layout.fields[0]!.name)} is absent`);
    } else {
      for (const f of layout.fields) writeField(w, f, v[f.name]);
      writeSmppTlvs(w, tlvs);
    }
  }
  w.patchU32(0, w.length);
  return w.finish();
}
