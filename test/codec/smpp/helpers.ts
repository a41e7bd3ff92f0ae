/** fast-check arbitraries for every SMPP 3.4 PDU and TLV, and a normaliser for deep comparisons. */
import fc from "fast-check";
import { toHex } from "../../../src/codec/bytes.js";
import {
  SMPP_CSTRING_TLVS,
  SMPP_INTEGER_TLVS,
  SMPP_TLV_NAMES,
  SmppCommandId,
  type SmppCommandName,
  type SmppCStringTlvName,
  type SmppDestAddress,
  type SmppIntegerTlvName,
  type SmppPdu,
  type SmppTlv,
  type SmppTlvKind,
} from "../../../src/codec/smpp/index.js";

/** Uint8Arrays (Buffer views or not) become hex, undefined-valued keys disappear: deepEqual-ready. */
export function normalize(v: unknown): unknown {
  if (v instanceof Uint8Array) return { hex: toHex(v) };
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = normalize(x);
    return out;
  }
  return v;
}

const u8 = fc.nat(0xff);
const u16 = fc.nat(0xffff);
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const octet = fc.integer({ min: 1, max: 0xff }).map((c) => String.fromCharCode(c));
const anyOctet = fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c));

/** A C-Octet String value of a field whose size (NUL included) is `max`: printable-heavy, any octet 1-255. */
export function cstr(max: number): fc.Arbitrary<string> {
  const printable = fc.string({
    unit: fc.constantFrom(..."0123456789ABCDEFabcdef +-_.:"),
    maxLength: max - 1,
  });
  return fc.oneof(printable, fc.string({ unit: octet, maxLength: max - 1 }));
}

/** An SMPP time field: empty, or 16 characters of the format (the codec itself takes any string). */
const time = fc.oneof(
  fc.constant(""),
  fc.constant("250102030405623+"),
  fc.constant("000001000000000R"),
  cstr(17),
);

const bytes = (maxLength: number) => fc.uint8Array({ maxLength });

function without<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const INTEGER_MAX = { 1: 0xff, 2: 0xffff, 4: 0xffffffff } as const;

/** Arbitraries for each TLV kind (every standard tag, plus unknown tags). */
export const TLV_ARBS: Record<SmppTlvKind, fc.Arbitrary<SmppTlv>> = (() => {
  const m: Partial<Record<SmppTlvKind, fc.Arbitrary<SmppTlv>>> = {};
  for (const [kind, width] of Object.entries(SMPP_INTEGER_TLVS) as [SmppIntegerTlvName, 1 | 2 | 4][]) {
    m[kind] = fc.integer({ min: 0, max: INTEGER_MAX[width] }).map((value) => ({ kind, value }));
  }
  for (const [kind, max] of Object.entries(SMPP_CSTRING_TLVS) as [SmppCStringTlvName, number][]) {
    m[kind] = fc.oneof(
      cstr(max).map((value): SmppTlv => ({ kind, value })),
      fc
        .string({ unit: octet, maxLength: max })
        .map((value): SmppTlv => ({ kind, value, unterminated: true })),
    );
  }
  m.message_payload = bytes(400).map((value) => ({ kind: "message_payload", value }));
  for (const kind of ["source_subaddress", "dest_subaddress"] as const) {
    m[kind] = fc
      .record({
        subaddressType: fc.constantFrom(0x80, 0x88, 0xa0, 0x00),
        subaddress: fc.uint8Array({ minLength: 1, maxLength: 22 }),
      })
      .map((r) => ({ kind, ...r }));
  }
  m.callback_num = fc
    .record({
      digitMode: fc.nat(1),
      ton: u8,
      npi: u8,
      digits: fc.string({ unit: anyOctet, minLength: 1, maxLength: 16 }),
    })
    .map((r) => ({ kind: "callback_num", ...r }));
  m.callback_num_atag = fc
    .record({ dataCoding: u8, display: bytes(64) })
    .map((r) => ({ kind: "callback_num_atag", ...r }));
  m.network_error_code = fc
    .record({ networkType: fc.constantFrom(1, 2, 3), errorCode: u16 })
    .map((r) => ({ kind: "network_error_code", ...r }));
  m.its_session_info = fc
    .record({ sessionNumber: u8, sequenceNumber: fc.nat(0x7f), endOfSession: fc.boolean() })
    .map((r) => ({ kind: "its_session_info", ...r }));
  m.alert_on_message_delivery = fc
    .option(u8, { nil: undefined })
    .map((value) => without({ kind: "alert_on_message_delivery" as const, value }));
  m.unknown = fc
    .record({ tag: u16.filter((t) => !SMPP_TLV_NAMES.has(t)), value: bytes(40) })
    .map((r) => ({ kind: "unknown", ...r }));
  return m as Record<SmppTlvKind, fc.Arbitrary<SmppTlv>>;
})();

export const tlvArb: fc.Arbitrary<SmppTlv> = fc.oneof(...Object.values(TLV_ARBS));
const tlvs = fc.array(tlvArb, { maxLength: 6 });

const common = { commandStatus: u32, sequenceNumber: u32, tlvs };

const destAddress: fc.Arbitrary<SmppDestAddress> = fc.oneof(
  fc
    .record({ destAddrTon: u8, destAddrNpi: u8, destinationAddr: cstr(21) })
    .map((r) => ({ destFlag: 1 as const, ...r })),
  cstr(21).map((dlName) => ({ destFlag: 2 as const, dlName })),
);

const shortMessageFields = {
  serviceType: cstr(6),
  sourceAddrTon: u8,
  sourceAddrNpi: u8,
  sourceAddr: cstr(21),
  destAddrTon: u8,
  destAddrNpi: u8,
  destinationAddr: cstr(21),
  esmClass: u8,
  protocolId: u8,
  priorityFlag: u8,
  scheduleDeliveryTime: time,
  validityPeriod: time,
  registeredDelivery: u8,
  replaceIfPresentFlag: u8,
  dataCoding: u8,
  smDefaultMsgId: u8,
  shortMessage: bytes(255),
};

/** A response whose body may be absent: either every field or none (and then no TLVs). */
function optionalBody<T extends Record<string, fc.Arbitrary<unknown>>>(command: string, fields: T) {
  return fc.oneof(
    fc.record({ ...fields, ...common }).map((r) => ({ command, ...r })),
    fc.record({ commandStatus: u32, sequenceNumber: u32 }).map((r) => ({ command, ...r, tlvs: [] })),
  );
}

function pdu<T extends Record<string, fc.Arbitrary<unknown>>>(command: string, fields: T) {
  return fc.record({ ...fields, ...common }).map((r) => ({ command, ...r }));
}

const bindFields = {
  systemId: cstr(16),
  password: cstr(9),
  systemType: cstr(13),
  interfaceVersion: u8,
  addrTon: u8,
  addrNpi: u8,
  addressRange: cstr(41),
};

/** One arbitrary per command name, each producing values the decoder must give back unchanged. */
export const PDU_ARBS: Record<SmppCommandName, fc.Arbitrary<SmppPdu>> = {
  bind_transmitter: pdu("bind_transmitter", bindFields),
  bind_receiver: pdu("bind_receiver", bindFields),
  bind_transceiver: pdu("bind_transceiver", bindFields),
  bind_transmitter_resp: optionalBody("bind_transmitter_resp", { systemId: cstr(16) }),
  bind_receiver_resp: optionalBody("bind_receiver_resp", { systemId: cstr(16) }),
  bind_transceiver_resp: optionalBody("bind_transceiver_resp", { systemId: cstr(16) }),
  outbind: pdu("outbind", { systemId: cstr(16), password: cstr(9) }),
  unbind: pdu("unbind", {}),
  unbind_resp: pdu("unbind_resp", {}),
  generic_nack: pdu("generic_nack", {}),
  enquire_link: pdu("enquire_link", {}),
  enquire_link_resp: pdu("enquire_link_resp", {}),
  cancel_sm_resp: pdu("cancel_sm_resp", {}),
  replace_sm_resp: pdu("replace_sm_resp", {}),
  submit_sm: pdu("submit_sm", shortMessageFields),
  deliver_sm: pdu("deliver_sm", shortMessageFields),
  submit_sm_resp: optionalBody("submit_sm_resp", { messageId: cstr(65) }),
  deliver_sm_resp: optionalBody("deliver_sm_resp", { messageId: cstr(65) }),
  data_sm_resp: optionalBody("data_sm_resp", { messageId: cstr(65) }),
  submit_multi: pdu("submit_multi", {
    serviceType: cstr(6),
    sourceAddrTon: u8,
    sourceAddrNpi: u8,
    sourceAddr: cstr(21),
    destAddresses: fc.array(destAddress, { maxLength: 12 }),
    esmClass: u8,
    protocolId: u8,
    priorityFlag: u8,
    scheduleDeliveryTime: time,
    validityPeriod: time,
    registeredDelivery: u8,
    replaceIfPresentFlag: u8,
    dataCoding: u8,
    smDefaultMsgId: u8,
    shortMessage: bytes(255),
  }),
  submit_multi_resp: optionalBody("submit_multi_resp", {
    messageId: cstr(65),
    unsuccessSmes: fc.array(
      fc.record({ destAddrTon: u8, destAddrNpi: u8, destinationAddr: cstr(21), errorStatusCode: u32 }),
      { maxLength: 8 },
    ),
  }),
  data_sm: pdu("data_sm", {
    serviceType: cstr(6),
    sourceAddrTon: u8,
    sourceAddrNpi: u8,
    sourceAddr: cstr(65),
    destAddrTon: u8,
    destAddrNpi: u8,
    destinationAddr: cstr(65),
    esmClass: u8,
    registeredDelivery: u8,
    dataCoding: u8,
  }),
  query_sm: pdu("query_sm", {
    messageId: cstr(65),
    sourceAddrTon: u8,
    sourceAddrNpi: u8,
    sourceAddr: cstr(21),
  }),
  query_sm_resp: optionalBody("query_sm_resp", {
    messageId: cstr(65),
    finalDate: time,
    messageState: u8,
    errorCode: u8,
  }),
  cancel_sm: pdu("cancel_sm", {
    serviceType: cstr(6),
    messageId: cstr(65),
    sourceAddrTon: u8,
    sourceAddrNpi: u8,
    sourceAddr: cstr(21),
    destAddrTon: u8,
    destAddrNpi: u8,
    destinationAddr: cstr(21),
  }),
  replace_sm: pdu("replace_sm", {
    messageId: cstr(65),
    sourceAddrTon: u8,
    sourceAddrNpi: u8,
    sourceAddr: cstr(21),
    scheduleDeliveryTime: time,
    validityPeriod: time,
    registeredDelivery: u8,
    smDefaultMsgId: u8,
    shortMessage: bytes(255),
  }),
  alert_notification: pdu("alert_notification", {
    sourceAddrTon: u8,
    sourceAddrNpi: u8,
    sourceAddr: cstr(65),
    esmeAddrTon: u8,
    esmeAddrNpi: u8,
    esmeAddr: cstr(65),
  }),
} as unknown as Record<SmppCommandName, fc.Arbitrary<SmppPdu>>;

const KNOWN_IDS = new Set<number>(Object.values(SmppCommandId));

/** A command_id this codec does not know, with a raw body. */
export const unknownPduArb: fc.Arbitrary<SmppPdu> = fc
  .record({
    commandId: u32.filter((id) => !KNOWN_IDS.has(id)),
    commandStatus: u32,
    sequenceNumber: u32,
    body: bytes(64),
  })
  .map((r) => ({ command: "unknown", ...r, tlvs: [] }));

export const anyPduArb: fc.Arbitrary<SmppPdu> = fc.oneof(...Object.values(PDU_ARBS), unknownPduArb);
