/**
 * The mandatory fields of every SMPP 3.4 PDU body in wire order (§4), as one table read by both the
 * decoder and the encoder so the two directions cannot drift apart. C-Octet String sizes are the spec's
 * "Var. max N", which counts the terminating NUL.
 */
import type { SmppCommandName } from "./constants.js";

export type SmppField =
  | { name: string; type: "cstring"; max: number }
  | { name: string; type: "u8" }
  /** sm_length (1 octet) then that many octets of short_message. */
  | { name: "shortMessage"; type: "shortMessage" }
  /** number_of_dests (1 octet) then that many dest_address entries (§4.5.1.1). */
  | { name: "destAddresses"; type: "destAddresses" }
  /** no_unsuccess (1 octet) then that many unsuccess_sme entries (§4.5.2.1). */
  | { name: "unsuccessSmes"; type: "unsuccessSmes" };

export interface SmppLayout {
  fields: readonly SmppField[];
  /**
   * The body may be missing altogether (all fields absent): §4.4.2 says a submit_sm_resp body "is not
   * returned if the command_status field contains a non-zero value", and SMSCs answer the other responses
   * carrying a message_id or system_id the same way.
   */
  optionalBody: boolean;
}

const cstring = (name: string, max: number): SmppField => ({ name, type: "cstring", max });
const u8 = (name: string): SmppField => ({ name, type: "u8" });
const shortMessage: SmppField = { name: "shortMessage", type: "shortMessage" };

/** §5.2.1 service_type max 6, §5.2.8 addresses max 21 (65 in data_sm and alert_notification), §5.2.23 message_id 65. */
const SERVICE_TYPE = 6;
const ADDR = 21;
const ADDR_LONG = 65;
const MESSAGE_ID = 65;
/** §5.2.15/16: schedule_delivery_time and validity_period are 1 or 17 octets. */
const TIME = 17;

const bind: SmppLayout = {
  fields: [
    cstring("systemId", 16),
    cstring("password", 9),
    cstring("systemType", 13),
    u8("interfaceVersion"),
    u8("addrTon"),
    u8("addrNpi"),
    cstring("addressRange", 41),
  ],
  optionalBody: false,
};
const bindResp: SmppLayout = { fields: [cstring("systemId", 16)], optionalBody: true };
const empty: SmppLayout = { fields: [], optionalBody: false };
const messageIdResp: SmppLayout = { fields: [cstring("messageId", MESSAGE_ID)], optionalBody: true };

/** §4.4.1 submit_sm = §4.6.1 deliver_sm. */
const shortMessageLayout: SmppLayout = {
  fields: [
    cstring("serviceType", SERVICE_TYPE),
    u8("sourceAddrTon"),
    u8("sourceAddrNpi"),
    cstring("sourceAddr", ADDR),
    u8("destAddrTon"),
    u8("destAddrNpi"),
    cstring("destinationAddr", ADDR),
    u8("esmClass"),
    u8("protocolId"),
    u8("priorityFlag"),
    cstring("scheduleDeliveryTime", TIME),
    cstring("validityPeriod", TIME),
    u8("registeredDelivery"),
    u8("replaceIfPresentFlag"),
    u8("dataCoding"),
    u8("smDefaultMsgId"),
    shortMessage,
  ],
  optionalBody: false,
};

export const SMPP_LAYOUTS: Readonly<Record<SmppCommandName, SmppLayout>> = {
  bind_transmitter: bind,
  bind_receiver: bind,
  bind_transceiver: bind,
  bind_transmitter_resp: bindResp,
  bind_receiver_resp: bindResp,
  bind_transceiver_resp: bindResp,
  outbind: { fields: [cstring("systemId", 16), cstring("password", 9)], optionalBody: false },
  unbind: empty,
  unbind_resp: empty,
  generic_nack: empty,
  enquire_link: empty,
  enquire_link_resp: empty,
  cancel_sm_resp: empty,
  replace_sm_resp: empty,
  submit_sm: shortMessageLayout,
  deliver_sm: shortMessageLayout,
  submit_sm_resp: messageIdResp,
  deliver_sm_resp: messageIdResp,
  data_sm_resp: messageIdResp,
  submit_multi: {
    fields: [
      cstring("serviceType", SERVICE_TYPE),
      u8("sourceAddrTon"),
      u8("sourceAddrNpi"),
      cstring("sourceAddr", ADDR),
      { name: "destAddresses", type: "destAddresses" },
      u8("esmClass"),
      u8("protocolId"),
      u8("priorityFlag"),
      cstring("scheduleDeliveryTime", TIME),
      cstring("validityPeriod", TIME),
      u8("registeredDelivery"),
      u8("replaceIfPresentFlag"),
      u8("dataCoding"),
      u8("smDefaultMsgId"),
      shortMessage,
    ],
    optionalBody: false,
  },
  submit_multi_resp: {
    fields: [cstring("messageId", MESSAGE_ID), { name: "unsuccessSmes", type: "unsuccessSmes" }],
    optionalBody: true,
  },
  data_sm: {
    fields: [
      cstring("serviceType", SERVICE_TYPE),
      u8("sourceAddrTon"),
      u8("sourceAddrNpi"),
      cstring("sourceAddr", ADDR_LONG),
      u8("destAddrTon"),
      u8("destAddrNpi"),
      cstring("destinationAddr", ADDR_LONG),
      u8("esmClass"),
      u8("registeredDelivery"),
      u8("dataCoding"),
    ],
    optionalBody: false,
  },
  query_sm: {
    fields: [
      cstring("messageId", MESSAGE_ID),
      u8("sourceAddrTon"),
      u8("sourceAddrNpi"),
      cstring("sourceAddr", ADDR),
    ],
    optionalBody: false,
  },
  query_sm_resp: {
    fields: [
      cstring("messageId", MESSAGE_ID),
      cstring("finalDate", TIME),
      u8("messageState"),
      u8("errorCode"),
    ],
    optionalBody: true,
  },
  cancel_sm: {
    fields: [
      cstring("serviceType", SERVICE_TYPE),
      cstring("messageId", MESSAGE_ID),
      u8("sourceAddrTon"),
      u8("sourceAddrNpi"),
      cstring("sourceAddr", ADDR),
      u8("destAddrTon"),
      u8("destAddrNpi"),
      cstring("destinationAddr", ADDR),
    ],
    optionalBody: false,
  },
  replace_sm: {
    fields: [
      cstring("messageId", MESSAGE_ID),
      u8("sourceAddrTon"),
      u8("sourceAddrNpi"),
      cstring("sourceAddr", ADDR),
      cstring("scheduleDeliveryTime", TIME),
      cstring("validityPeriod", TIME),
      u8("registeredDelivery"),
      u8("smDefaultMsgId"),
      shortMessage,
    ],
    optionalBody: false,
  },
  alert_notification: {
    fields: [
      u8("sourceAddrTon"),
      u8("sourceAddrNpi"),
      cstring("sourceAddr", ADDR_LONG),
      u8("esmeAddrTon"),
      u8("esmeAddrNpi"),
      cstring("esmeAddr", ADDR_LONG),
    ],
    optionalBody: false,
  },
};

/** §4.5.1.1: destination_addr and dl_name in a dest_address entry, §4.5.2.1 in unsuccess_sme. */
export const SMPP_DEST_ADDR_MAX = ADDR;
export const SMPP_DL_NAME_MAX = 21;

/** The spec's snake_case name of a field, for error messages ("source_addr"). */
export function smppFieldName(name: string): string {
  switch (name) {
    case "shortMessage":
      return "short_message";
    case "destAddresses":
      return "dest_address";
    case "unsuccessSmes":
      return "unsuccess_sme";
    default:
      return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  }
}
