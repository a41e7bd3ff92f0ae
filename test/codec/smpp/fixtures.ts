/**
 * SMPP 3.4 byte vectors assembled by hand from the specification's PDU layouts (SMPP v3.4 Issue 1.2 §4,
 * header §3.2, TLVs §5.3), octet by octet, with the value each must decode to. Text fields are spelled in
 * ASCII hex through `ascii()` so the vectors stay readable; lengths were counted by hand and are checked
 * by the decoder (command_length must match).
 */
import type { SmppPdu } from "../../../src/codec/smpp/index.js";

/** ASCII hex of `s` followed by the C-Octet String NUL. */
function c(s: string): string {
  return `${ascii(s)}00`;
}

function ascii(s: string): string {
  return Buffer.from(s, "latin1").toString("hex");
}

const b = (hex: string) => Buffer.from(hex, "hex");

export interface SmppFixture {
  name: string;
  hex: string;
  value: SmppPdu;
}

const RECEIPT =
  "id:5f3a9c sub:001 dlvrd:001 submit date:2501020304 done date:2501020305 stat:DELIVRD err:000 text:hello";

export const SMPP_FIXTURES: SmppFixture[] = [
  {
    name: "enquire_link (§4.11.1: header only)",
    hex: "00000010 00000015 00000000 00000001",
    value: { command: "enquire_link", commandStatus: 0, sequenceNumber: 1, tlvs: [] },
  },
  {
    name: "enquire_link_resp (§4.11.2)",
    hex: "00000010 80000015 00000000 00000001",
    value: { command: "enquire_link_resp", commandStatus: 0, sequenceNumber: 1, tlvs: [] },
  },
  {
    name: "generic_nack with ESME_RINVCMDID (§4.3.1, §5.1.3)",
    hex: "00000010 80000000 00000003 00000005",
    value: { command: "generic_nack", commandStatus: 3, sequenceNumber: 5, tlvs: [] },
  },
  {
    name: "unbind (§4.2.1)",
    hex: "00000010 00000006 00000000 00000009",
    value: { command: "unbind", commandStatus: 0, sequenceNumber: 9, tlvs: [] },
  },
  {
    name: "unbind_resp (§4.2.2)",
    hex: "00000010 80000006 00000000 00000009",
    value: { command: "unbind_resp", commandStatus: 0, sequenceNumber: 9, tlvs: [] },
  },
  {
    name: "bind_transmitter (§4.1.1)",
    hex: `0000002f 00000002 00000000 00000001 ${c("SMPP3TEST")} ${c("secret08")} ${c("SUBMIT1")} 34 01 01 00`,
    value: {
      command: "bind_transmitter",
      commandStatus: 0,
      sequenceNumber: 1,
      systemId: "SMPP3TEST",
      password: "secret08",
      systemType: "SUBMIT1",
      interfaceVersion: 0x34,
      addrTon: 1,
      addrNpi: 1,
      addressRange: "",
      tlvs: [],
    },
  },
  {
    name: "bind_receiver with an address_range (§4.1.3)",
    hex: `00000020 00000001 00000000 00000002 ${c("rx")} ${c("pw")} 00 34 01 01 ${c("^4477")}`,
    value: {
      command: "bind_receiver",
      commandStatus: 0,
      sequenceNumber: 2,
      systemId: "rx",
      password: "pw",
      systemType: "",
      interfaceVersion: 0x34,
      addrTon: 1,
      addrNpi: 1,
      addressRange: "^4477",
      tlvs: [],
    },
  },
  {
    name: "bind_transceiver (§4.1.5)",
    hex: `0000001f 00000009 00000000 00000003 ${c("trx")} ${c("pw")} ${c("VMA")} 34 00 00 00`,
    value: {
      command: "bind_transceiver",
      commandStatus: 0,
      sequenceNumber: 3,
      systemId: "trx",
      password: "pw",
      systemType: "VMA",
      interfaceVersion: 0x34,
      addrTon: 0,
      addrNpi: 0,
      addressRange: "",
      tlvs: [],
    },
  },
  {
    name: "bind_transmitter_resp (§4.1.2)",
    hex: `00000015 80000002 00000000 00000001 ${c("SMSC")}`,
    value: {
      command: "bind_transmitter_resp",
      commandStatus: 0,
      sequenceNumber: 1,
      systemId: "SMSC",
      tlvs: [],
    },
  },
  {
    name: "bind_transceiver_resp with sc_interface_version (§4.1.6, §5.3.2.25)",
    hex: `0000001a 80000009 00000000 00000001 ${c("SMSC")} 0210 0001 34`,
    value: {
      command: "bind_transceiver_resp",
      commandStatus: 0,
      sequenceNumber: 1,
      systemId: "SMSC",
      tlvs: [{ kind: "sc_interface_version", value: 0x34 }],
    },
  },
  {
    name: "bind_receiver_resp with ESME_RINVPASWD and no body",
    hex: "00000010 80000001 0000000e 00000002",
    value: { command: "bind_receiver_resp", commandStatus: 0x0e, sequenceNumber: 2, tlvs: [] },
  },
  {
    name: "outbind (§4.1.7)",
    hex: `00000018 0000000b 00000000 00000003 ${c("SMSC")} ${c("pw")}`,
    value: {
      command: "outbind",
      commandStatus: 0,
      sequenceNumber: 3,
      systemId: "SMSC",
      password: "pw",
      tlvs: [],
    },
  },
  {
    name: "submit_sm with a relative validity period and SAR TLVs (§4.4.1, §5.3.2.22-24)",
    hex:
      `00000056 00000004 00000000 00000002 00 05 00 ${c("ACME")} 01 01 ${c("447700900123")} 00 00 00 00 ` +
      `${c("000001000000000R")} 01 00 00 00 05 ${ascii("hello")} 020c 0002 1234 020e 0001 02 020f 0001 01`,
    value: {
      command: "submit_sm",
      commandStatus: 0,
      sequenceNumber: 2,
      serviceType: "",
      sourceAddrTon: 5,
      sourceAddrNpi: 0,
      sourceAddr: "ACME",
      destAddrTon: 1,
      destAddrNpi: 1,
      destinationAddr: "447700900123",
      esmClass: 0,
      protocolId: 0,
      priorityFlag: 0,
      scheduleDeliveryTime: "",
      validityPeriod: "000001000000000R",
      registeredDelivery: 1,
      replaceIfPresentFlag: 0,
      dataCoding: 0,
      smDefaultMsgId: 0,
      shortMessage: b(ascii("hello")),
      tlvs: [
        { kind: "sar_msg_ref_num", value: 0x1234 },
        { kind: "sar_total_segments", value: 2 },
        { kind: "sar_segment_seqnum", value: 1 },
      ],
    },
  },
  {
    name: "submit_sm_resp (§4.4.2)",
    hex: `00000017 80000004 00000000 00000002 ${c("5f3a9c")}`,
    value: { command: "submit_sm_resp", commandStatus: 0, sequenceNumber: 2, messageId: "5f3a9c", tlvs: [] },
  },
  {
    name: "submit_sm_resp with ESME_RTHROTTLED and no body (§4.4.2: body not returned on error)",
    hex: "00000010 80000004 00000058 00000002",
    value: { command: "submit_sm_resp", commandStatus: 0x58, sequenceNumber: 2, tlvs: [] },
  },
  {
    name: "deliver_sm carrying an SMSC delivery receipt (§4.6.1, esm_class 0x04, Appendix B)",
    hex:
      `000000a8 00000005 00000000 0000004d 00 01 01 ${c("447700900123")} 05 00 ${c("ACME")} 04 00 00 00 00 00 00 00 00 ` +
      `${RECEIPT.length.toString(16)} ${ascii(RECEIPT)} 001e 0007 ${c("5f3a9c")} 0427 0001 02`,
    value: {
      command: "deliver_sm",
      commandStatus: 0,
      sequenceNumber: 0x4d,
      serviceType: "",
      sourceAddrTon: 1,
      sourceAddrNpi: 1,
      sourceAddr: "447700900123",
      destAddrTon: 5,
      destAddrNpi: 0,
      destinationAddr: "ACME",
      esmClass: 4,
      protocolId: 0,
      priorityFlag: 0,
      scheduleDeliveryTime: "",
      validityPeriod: "",
      registeredDelivery: 0,
      replaceIfPresentFlag: 0,
      dataCoding: 0,
      smDefaultMsgId: 0,
      shortMessage: b(ascii(RECEIPT)),
      tlvs: [
        { kind: "receipted_message_id", value: "5f3a9c" },
        { kind: "message_state", value: 2 },
      ],
    },
  },
  {
    name: "deliver_sm_resp (§4.6.2: message_id unused, NULL)",
    hex: "00000011 80000005 00000000 0000004d 00",
    value: { command: "deliver_sm_resp", commandStatus: 0, sequenceNumber: 0x4d, messageId: "", tlvs: [] },
  },
  {
    name: "submit_multi to an SME address and a distribution list, UCS2 (§4.5.1)",
    hex:
      `00000038 00000021 00000000 00000004 00 01 01 ${c("1234")} 02 01 01 01 ${c("4477")} 02 ${c("friends")} ` +
      "00 00 00 00 00 00 00 08 00 04 0048 0069",
    value: {
      command: "submit_multi",
      commandStatus: 0,
      sequenceNumber: 4,
      serviceType: "",
      sourceAddrTon: 1,
      sourceAddrNpi: 1,
      sourceAddr: "1234",
      destAddresses: [
        { destFlag: 1, destAddrTon: 1, destAddrNpi: 1, destinationAddr: "4477" },
        { destFlag: 2, dlName: "friends" },
      ],
      esmClass: 0,
      protocolId: 0,
      priorityFlag: 0,
      scheduleDeliveryTime: "",
      validityPeriod: "",
      registeredDelivery: 0,
      replaceIfPresentFlag: 0,
      dataCoding: 8,
      smDefaultMsgId: 0,
      shortMessage: b("00480069"),
      tlvs: [],
    },
  },
  {
    name: "submit_multi_resp with one unsuccessful SME (§4.5.2)",
    hex: `0000001f 80000021 00000000 00000004 ${c("m1")} 01 01 01 ${c("4477")} 0000000b`,
    value: {
      command: "submit_multi_resp",
      commandStatus: 0,
      sequenceNumber: 4,
      messageId: "m1",
      unsuccessSmes: [{ destAddrTon: 1, destAddrNpi: 1, destinationAddr: "4477", errorStatusCode: 0x0b }],
      tlvs: [],
    },
  },
  {
    name: "data_sm with WAP ports and message_payload (§4.7.1, §5.3.2.20/21/32)",
    hex:
      `00000038 00000103 00000000 00000006 ${c("WAP")} 01 01 ${c("1234")} 01 01 ${c("5678")} 00 01 04 ` +
      "020a 0002 0b84 020b 0002 23f0 0424 0003 010203",
    value: {
      command: "data_sm",
      commandStatus: 0,
      sequenceNumber: 6,
      serviceType: "WAP",
      sourceAddrTon: 1,
      sourceAddrNpi: 1,
      sourceAddr: "1234",
      destAddrTon: 1,
      destAddrNpi: 1,
      destinationAddr: "5678",
      esmClass: 0,
      registeredDelivery: 1,
      dataCoding: 4,
      tlvs: [
        { kind: "source_port", value: 0x0b84 },
        { kind: "destination_port", value: 0x23f0 },
        { kind: "message_payload", value: b("010203") },
      ],
    },
  },
  {
    name: "data_sm_resp with ESME_RDELIVERYFAILURE and delivery_failure_reason (§4.7.2, §5.3.2.33)",
    hex: `00000019 80000103 000000fe 00000006 ${c("abc")} 0425 0001 03`,
    value: {
      command: "data_sm_resp",
      commandStatus: 0xfe,
      sequenceNumber: 6,
      messageId: "abc",
      tlvs: [{ kind: "delivery_failure_reason", value: 3 }],
    },
  },
  {
    name: "query_sm (§4.8.1)",
    hex: `0000001a 00000003 00000000 00000007 ${c("m1")} 01 01 ${c("1234")}`,
    value: {
      command: "query_sm",
      commandStatus: 0,
      sequenceNumber: 7,
      messageId: "m1",
      sourceAddrTon: 1,
      sourceAddrNpi: 1,
      sourceAddr: "1234",
      tlvs: [],
    },
  },
  {
    name: "query_sm_resp with an absolute final_date (§4.8.2)",
    hex: `00000026 80000003 00000000 00000007 ${c("m1")} ${c("250102030405000+")} 02 00`,
    value: {
      command: "query_sm_resp",
      commandStatus: 0,
      sequenceNumber: 7,
      messageId: "m1",
      finalDate: "250102030405000+",
      messageState: 2,
      errorCode: 0,
      tlvs: [],
    },
  },
  {
    name: "cancel_sm (§4.9.1)",
    hex: `00000022 00000008 00000000 00000008 00 ${c("m1")} 01 01 ${c("1234")} 01 01 ${c("5678")}`,
    value: {
      command: "cancel_sm",
      commandStatus: 0,
      sequenceNumber: 8,
      serviceType: "",
      messageId: "m1",
      sourceAddrTon: 1,
      sourceAddrNpi: 1,
      sourceAddr: "1234",
      destAddrTon: 1,
      destAddrNpi: 1,
      destinationAddr: "5678",
      tlvs: [],
    },
  },
  {
    name: "cancel_sm_resp (§4.9.2)",
    hex: "00000010 80000008 00000000 00000008",
    value: { command: "cancel_sm_resp", commandStatus: 0, sequenceNumber: 8, tlvs: [] },
  },
  {
    name: "replace_sm (§4.10.1)",
    hex: `00000021 00000007 00000000 0000000a ${c("m1")} 01 01 ${c("1234")} 00 00 01 00 02 ${ascii("ok")}`,
    value: {
      command: "replace_sm",
      commandStatus: 0,
      sequenceNumber: 10,
      messageId: "m1",
      sourceAddrTon: 1,
      sourceAddrNpi: 1,
      sourceAddr: "1234",
      scheduleDeliveryTime: "",
      validityPeriod: "",
      registeredDelivery: 1,
      smDefaultMsgId: 0,
      shortMessage: b(ascii("ok")),
      tlvs: [],
    },
  },
  {
    name: "replace_sm_resp (§4.10.2)",
    hex: "00000010 80000007 00000000 0000000a",
    value: { command: "replace_sm_resp", commandStatus: 0, sequenceNumber: 10, tlvs: [] },
  },
  {
    name: "alert_notification with ms_availability_status (§4.12.1, §5.3.2.30)",
    hex: `00000023 00000102 00000000 0000000b 01 01 ${c("1234")} 01 01 ${c("5678")} 0422 0001 00`,
    value: {
      command: "alert_notification",
      commandStatus: 0,
      sequenceNumber: 11,
      sourceAddrTon: 1,
      sourceAddrNpi: 1,
      sourceAddr: "1234",
      esmeAddrTon: 1,
      esmeAddrNpi: 1,
      esmeAddr: "5678",
      tlvs: [{ kind: "ms_availability_status", value: 0 }],
    },
  },
  {
    name: "an unknown command_id (SMPP 5.0 broadcast_sm, 0x111) kept raw",
    hex: "00000012 00000111 00000000 0000000c 0102",
    value: {
      command: "unknown",
      commandId: 0x111,
      commandStatus: 0,
      sequenceNumber: 12,
      body: b("0102"),
      tlvs: [],
    },
  },
];
