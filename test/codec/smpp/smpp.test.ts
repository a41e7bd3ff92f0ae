import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import { DecodeError, EncodeError } from "../../../src/codec/errors.js";
import {
  decodeSmppPdu,
  encodeSmppPdu,
  findSmppTlv,
  findSmppTlvs,
  isSmppResponse,
  readSmppHeader,
  SMPP_COMMAND_NAMES,
  SMPP_TLV_NAMES,
  SmppCommandId,
  SmppCommandStatus,
  type SmppPdu,
  SmppTlvTag,
  smppCommandName,
  smppCommandStatusName,
  smppResponseCommand,
} from "../../../src/codec/smpp/index.js";
import { SMPP_FIXTURES } from "./fixtures.js";
import { normalize } from "./helpers.js";

function decodeError(f: () => unknown, offset: number, pattern: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof DecodeError, `expected DecodeError, got ${String(e)}`);
    assert.equal(e.layer, "smpp");
    assert.match(e.reason, pattern);
    assert.equal(e.offset, offset, `offset of "${e.reason}"`);
    return true;
  });
}

const SUBMIT = SMPP_FIXTURES.find((f) => f.value.command === "submit_sm")!;

describe("SMPP 3.4 known byte vectors", () => {
  for (const f of SMPP_FIXTURES) {
    it(`decodes and re-encodes ${f.name}`, () => {
      const bytes = fromHex(f.hex);
      assert.equal(bytes.readUInt32BE(0), bytes.length, "the fixture's command_length was counted right");
      const pdu = decodeSmppPdu(bytes);
      assert.deepEqual(normalize(pdu), normalize(f.value));
      assert.equal(toHex(encodeSmppPdu(f.value)), toHex(bytes));
    });
  }

  it("covers every command of SMPP 3.4 and the unknown form", () => {
    const covered = new Set(SMPP_FIXTURES.map((f) => f.value.command));
    for (const name of Object.keys(SmppCommandId)) assert.ok(covered.has(name as SmppPdu["command"]), name);
    assert.ok(covered.has("unknown"));
  });

  it("decodes a PDU in the middle of a larger buffer from its offsets, with views instead of copies", () => {
    const inner = fromHex(SUBMIT.hex);
    const outer = Buffer.concat([Buffer.from("garbage!"), inner, Buffer.from("more")]);
    const pdu = decodeSmppPdu(outer, 8, 8 + inner.length);
    assert.deepEqual(normalize(pdu), normalize(SUBMIT.value));
    assert.ok(pdu.command === "submit_sm");
    assert.equal(pdu.shortMessage.buffer, outer.buffer, "short_message is a view of the input");
    assert.equal(pdu.shortMessage.byteOffset, outer.byteOffset + 8 + inner.indexOf(Buffer.from("hello")));
  });

  it("takes the sequence number from the second argument over the value's", () => {
    const bytes = encodeSmppPdu({ command: "enquire_link", sequenceNumber: 1 }, 0x7fffffff);
    assert.equal(toHex(bytes), toHex(fromHex("00000010 00000015 00000000 7fffffff")));
    assert.equal(decodeSmppPdu(bytes).sequenceNumber, 0x7fffffff);
    assert.throws(() => encodeSmppPdu({ command: "enquire_link" }), EncodeError);
  });

  it("reads the header alone for PDUs it cannot decode", () => {
    const h = readSmppHeader(fromHex("00000011 00000004 00000000 0000002a ff"));
    assert.deepEqual(h, { commandLength: 17, commandId: 4, commandStatus: 0, sequenceNumber: 42 });
    decodeError(() => readSmppHeader(fromHex("0000001000000015")), 0, /shorter than the 16-octet header/);
  });
});

describe("SMPP 3.4 decoding errors name the field and the offset", () => {
  it("rejects a C-Octet String without NUL within its maximum, naming the field", () => {
    // system_id is "Var. max 16": 16 octets without a NUL.
    const body = `${"41".repeat(16)}00 00 00 34 00 00 00`;
    const hex = `00000027 00000002 00000000 00000001 ${body}`;
    decodeError(() => decodeSmppPdu(fromHex(hex)), 16, /^system_id: no NUL within its 16-octet maximum/);
  });

  it("rejects a destination_addr of 21 characters (20 and the NUL fit)", () => {
    const ok = encodeSmppPdu({ ...(SUBMIT.value as object), destinationAddr: "1".repeat(20) } as SmppPdu);
    assert.equal((decodeSmppPdu(ok) as { destinationAddr: string }).destinationAddr, "1".repeat(20));
    const at = ok.indexOf(Buffer.from("1".repeat(20)));
    const bad = Buffer.concat([ok.subarray(0, at), Buffer.from("1"), ok.subarray(at)]);
    bad.writeUInt32BE(bad.length, 0);
    decodeError(() => decodeSmppPdu(bad), at, /^destination_addr: no NUL within its 21-octet maximum/);
    assert.throws(
      () => encodeSmppPdu({ ...(SUBMIT.value as object), destinationAddr: "1".repeat(21) } as SmppPdu),
      (e: unknown) => e instanceof EncodeError && e.field === "destination_addr",
    );
  });

  it("rejects a C-Octet String cut by the end of the PDU", () => {
    decodeError(
      () => decodeSmppPdu(fromHex("00000013 80000004 00000000 00000001 414243")),
      16,
      /^message_id: the PDU ends before the C-Octet String's NUL/,
    );
  });

  it("rejects a command_length that does not match the PDU", () => {
    const b = fromHex(SUBMIT.hex);
    b.writeUInt32BE(b.length + 1, 0);
    decodeError(() => decodeSmppPdu(b), 0, /command_length \d+ does not match/);
    decodeError(() => decodeSmppPdu(b.subarray(0, 15)), 0, /shorter than the 16-octet header/);
  });

  it("rejects an sm_length longer than what is left", () => {
    const b = fromHex(SUBMIT.hex);
    const smLength = b.indexOf(Buffer.from("hello")) - 1;
    b[smLength] = 0xfe;
    decodeError(() => decodeSmppPdu(b), smLength + 1, /^short_message \(sm_length\): 254 octets announced/);
  });

  it("rejects a mandatory field missing at the end of the body", () => {
    // query_sm cut after source_addr_npi.
    decodeError(
      () => decodeSmppPdu(fromHex("00000015 00000003 00000000 00000007 6d3100 01 01")),
      21,
      /^source_addr: the PDU ends/,
    );
    decodeError(
      () => decodeSmppPdu(fromHex("00000014 00000003 00000000 00000007 6d3100 01")),
      20,
      /^source_addr_npi: the PDU ends before this field/,
    );
  });

  it("rejects a submit_multi dest_flag other than 1 or 2", () => {
    const f = SMPP_FIXTURES.find((x) => x.value.command === "submit_multi")!;
    const b = fromHex(f.hex);
    const at = 16 + 1 + 2 + 5 + 1; // service_type, TON/NPI, source_addr, number_of_dests
    assert.equal(b[at], 1);
    b[at] = 3;
    decodeError(() => decodeSmppPdu(b), at, /^dest_address\[0\]\.dest_flag 3 is neither/);
  });

  it("rejects a truncated unsuccess_sme error_status_code", () => {
    decodeError(
      () => decodeSmppPdu(fromHex("0000001c 80000021 00000000 00000004 6d3100 01 01 01 343400 000000")),
      25,
      /^unsuccess_sme\[0\]\.error_status_code: the PDU ends inside/,
    );
  });

  it("rejects TLVs that run past the PDU or leave a stub", () => {
    decodeError(
      () => decodeSmppPdu(fromHex("00000015 80000006 00000000 00000001 0424 0005 01")),
      18,
      /TLV 0x0424 \(message_payload\) length 5 exceeds the 1 octets left/,
    );
    decodeError(
      () => decodeSmppPdu(fromHex("00000013 80000006 00000000 00000001 042400")),
      16,
      /3 trailing octets are too few/,
    );
  });

  it("rejects typed TLVs of the wrong length (ESME_RINVPARLEN territory)", () => {
    decodeError(
      () => decodeSmppPdu(fromHex("00000015 80000006 00000000 00000001 020c 0001 05")),
      18,
      /^sar_msg_ref_num: value of 1 octets, §5.3.2 gives it 2/,
    );
    decodeError(
      () => decodeSmppPdu(fromHex("00000016 80000006 00000000 00000001 0423 0002 0301")),
      18,
      /^network_error_code: value of 2 octets/,
    );
    decodeError(
      () => decodeSmppPdu(fromHex("00000015 80000006 00000000 00000001 0381 0001 01")),
      18,
      /^callback_num: value of 1 octets, §5.3.2 allows 4-19/,
    );
    decodeError(
      () => decodeSmppPdu(fromHex("00000018 80000006 00000000 00000001 001e 0004 61006200")),
      21,
      /^receipted_message_id: NUL inside/,
    );
  });
});

describe("SMPP 3.4 TLVs", () => {
  it("types every standard tag and congestion_state, and keeps unknown tags raw", () => {
    assert.equal(SMPP_TLV_NAMES.size, 45);
    assert.equal(SmppTlvTag.congestion_state, 0x0428);
    const pdu = decodeSmppPdu(
      fromHex("00000026 80000006 00000000 00000001 1400 0003 010203 0428 0001 50 130c 0000 1383 0002 0703"),
    );
    assert.deepEqual(normalize(pdu.tlvs), [
      { kind: "unknown", tag: 0x1400, value: { hex: "010203" } },
      { kind: "congestion_state", value: 80 },
      { kind: "alert_on_message_delivery" },
      { kind: "its_session_info", sessionNumber: 7, sequenceNumber: 1, endOfSession: true },
    ]);
    assert.equal(toHex(encodeSmppPdu(pdu)), toHex(encodeSmppPdu(decodeSmppPdu(encodeSmppPdu(pdu)))));
  });

  it("tolerates a receipted_message_id sent without its NUL and re-encodes it the same way", () => {
    const b = fromHex("00000016 80000006 00000000 00000001 001e 0002 6162");
    const pdu = decodeSmppPdu(b);
    assert.deepEqual(pdu.tlvs, [{ kind: "receipted_message_id", value: "ab", unterminated: true }]);
    assert.equal(toHex(encodeSmppPdu(pdu)), toHex(b));
    assert.equal(findSmppTlv(pdu.tlvs, "receipted_message_id")?.value, "ab");
  });

  it("finds TLVs by kind, typed", () => {
    const pdu = decodeSmppPdu(fromHex(SUBMIT.hex));
    const ref: number | undefined = findSmppTlv(pdu.tlvs, "sar_msg_ref_num")?.value;
    assert.equal(ref, 0x1234);
    assert.equal(findSmppTlv(pdu.tlvs, "message_payload"), undefined);
    assert.equal(findSmppTlvs(pdu.tlvs, "sar_total_segments").length, 1);
  });

  it("refuses to encode an unknown TLV under a known tag, or values that do not fit", () => {
    const base = { command: "enquire_link" as const, sequenceNumber: 1 };
    const bad = (tlv: unknown) => () => encodeSmppPdu({ ...base, tlvs: [tlv as never] });
    assert.throws(
      bad({ kind: "unknown", tag: 0x0424, value: new Uint8Array() }),
      /use kind "message_payload"/,
    );
    assert.throws(bad({ kind: "sar_msg_ref_num", value: 0x10000 }), EncodeError);
    assert.throws(bad({ kind: "receipted_message_id", value: "x".repeat(65) }), EncodeError);
    assert.throws(bad({ kind: "callback_num", digitMode: 0, ton: 0, npi: 0, digits: "" }), EncodeError);
    assert.throws(bad({ kind: "message_payload", value: new Uint8Array(0x10000) }), EncodeError);
    assert.throws(bad({ kind: "nonsense", value: 1 }), EncodeError);
  });
});

describe("SMPP 3.4 encoding", () => {
  it("sends a response without a body when its first field is absent, and refuses half bodies", () => {
    assert.equal(
      toHex(encodeSmppPdu({ command: "query_sm_resp", commandStatus: 0x67 }, 3)),
      "00000010800000030000006700000003",
    );
    assert.throws(
      () => encodeSmppPdu({ command: "query_sm_resp", messageState: 2 }, 3),
      (e: unknown) => e instanceof EncodeError && e.field === "message_state",
    );
    assert.throws(
      () => encodeSmppPdu({ command: "query_sm_resp", messageId: "x" }, 3),
      (e: unknown) => e instanceof EncodeError && e.field === "final_date",
    );
  });

  it("refuses NUL and non-Latin-1 characters in C-Octet Strings, and oversized short messages", () => {
    const v = SUBMIT.value as SmppPdu & { command: "submit_sm" };
    assert.throws(() => encodeSmppPdu({ ...v, sourceAddr: "a\0b" }), /source_addr/);
    assert.throws(() => encodeSmppPdu({ ...v, sourceAddr: "€" }), /source_addr/);
    assert.throws(() => encodeSmppPdu({ ...v, shortMessage: new Uint8Array(256) }), /short_message/);
    assert.throws(() => encodeSmppPdu({ ...v, esmClass: 256 }), /esm_class/);
    assert.throws(
      () => encodeSmppPdu({ command: "unknown", commandId: 4, body: new Uint8Array(), sequenceNumber: 1 }),
      /use command "submit_sm"/,
    );
  });
});

describe("SMPP 3.4 constants", () => {
  it("names every command and marks responses by the top bit", () => {
    assert.equal(SMPP_COMMAND_NAMES.size, 27);
    assert.equal(smppCommandName(0x80000004), "submit_sm_resp");
    assert.equal(smppCommandName(0x111), undefined);
    assert.equal(isSmppResponse(SmppCommandId.generic_nack), true);
    assert.equal(isSmppResponse(SmppCommandId.data_sm), false);
    assert.equal(smppResponseCommand("submit_multi"), "submit_multi_resp");
    assert.equal(smppResponseCommand("alert_notification"), undefined);
    assert.equal(smppResponseCommand("outbind"), undefined);
    assert.equal(smppResponseCommand("enquire_link_resp"), undefined);
  });

  it("has the §5.1.3 command_status values", () => {
    assert.equal(Object.keys(SmppCommandStatus).length, 48);
    assert.equal(SmppCommandStatus.ESME_RTHROTTLED, 0x58);
    assert.equal(SmppCommandStatus.ESME_RMSGQFUL, 0x14);
    assert.equal(SmppCommandStatus.ESME_RINVESMCLASS, 0x43);
    assert.equal(SmppCommandStatus.ESME_RUNKNOWNERR, 0xff);
    assert.equal(smppCommandStatusName(0x0d), "ESME_RBINDFAIL");
    assert.equal(smppCommandStatusName(0x400), undefined);
  });
});
