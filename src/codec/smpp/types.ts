/**
 * Typed SMPP 3.4 values: a PDU is a discriminated union on `command` (the specification's command name),
 * with the header's command_status and sequence_number, the mandatory fields in camelCase in wire order,
 * and the optional TLVs in wire order (a list keeps the round trip exact for repeated or unexpected TLVs,
 * which a gateway must see as sent).
 *
 * C-Octet Strings decode to strings, one character per octet (Latin-1), so every byte survives the round
 * trip. Octet-string fields (short_message, message_payload, unknown TLVs, raw bodies) are `Uint8Array`
 * views of the decoder's input, not copies: do not modify the input while a decoded PDU is in use.
 */
import type { SmppCStringTlvName, SmppIntegerTlvName } from "./constants.js";

/** One optional parameter (§3.2.4: tag, length, value; §5.3.2: the standard TLVs). */
export type SmppTlv =
  /** One unsigned integer of the width §5.3.2 gives (1, 2 or 4 octets). */
  | { kind: SmppIntegerTlvName; value: number }
  /**
   * A C-Octet String. `unterminated` marks a value sent without its NUL (some SMSCs send
   * receipted_message_id that way); it is kept so the PDU re-encodes as received.
   */
  | { kind: SmppCStringTlvName; value: string; unterminated?: boolean }
  /** §5.3.2.32: the extended short message (any length the 16-bit TLV length allows). */
  | { kind: "message_payload"; value: Uint8Array }
  /** §5.3.2.15/16: a type tag (`SmppSubaddressType`) and 1-22 octets of subaddress. */
  | { kind: "source_subaddress" | "dest_subaddress"; subaddressType: number; subaddress: Uint8Array }
  /** §5.3.2.36: digit mode (`SmppCallbackDigitMode`), TON, NPI and 1-16 digits. */
  | { kind: "callback_num"; digitMode: number; ton: number; npi: number; digits: string }
  /** §5.3.2.38: the data coding of the display text, then 0-64 octets of it. */
  | { kind: "callback_num_atag"; dataCoding: number; display: Uint8Array }
  /** §5.3.2.31: network type (`SmppNetworkErrorType`) and a 16-bit error code. */
  | { kind: "network_error_code"; networkType: number; errorCode: number }
  /** §5.3.2.43: session number, sequence number (7 bits) and the end-of-session indicator (bit 0). */
  | { kind: "its_session_info"; sessionNumber: number; sequenceNumber: number; endOfSession: boolean }
  /**
   * §5.3.2.41: no value in SMPP 3.4. SMPP 5.0 §4.8.4.2 allows one octet (the alert type), kept in `value`
   * when present.
   */
  | { kind: "alert_on_message_delivery"; value?: number }
  /** A tag this codec does not type (vendor-specific 0x1400-0x3FFF, later SMPP versions). */
  | { kind: "unknown"; tag: number; value: Uint8Array };

export type SmppTlvKind = SmppTlv["kind"];
/** The TLV variant for one kind, e.g. `SmppTlvOf<"sar_msg_ref_num">`. */
export type SmppTlvOf<K extends SmppTlvKind> = K extends SmppIntegerTlvName
  ? { kind: K; value: number }
  : K extends SmppCStringTlvName
    ? { kind: K; value: string; unterminated?: boolean }
    : K extends "source_subaddress" | "dest_subaddress"
      ? { kind: K; subaddressType: number; subaddress: Uint8Array }
      : Extract<SmppTlv, { kind: K }>;

/** The header fields every PDU carries (§3.2), and its TLVs. */
export interface SmppCommon {
  /** §5.1.3: 0 (ESME_ROK) in requests; the outcome in responses (`SmppCommandStatus`). */
  commandStatus: number;
  /** §5.1.4: correlates a response with its request (1 to 0x7FFFFFFF in the spec; any 32-bit value decodes). */
  sequenceNumber: number;
  /** Optional parameters in wire order. */
  tlvs: SmppTlv[];
}

/** §4.1.1/4.1.3/4.1.5: bind_transmitter, bind_receiver, bind_transceiver. */
export interface SmppBind extends SmppCommon {
  command: "bind_transmitter" | "bind_receiver" | "bind_transceiver";
  /** Max 15 characters. */
  systemId: string;
  /** Max 8 characters. */
  password: string;
  /** Max 12 characters. */
  systemType: string;
  /** `SMPP_INTERFACE_VERSION` (0x34). */
  interfaceVersion: number;
  addrTon: number;
  addrNpi: number;
  /** Max 40 characters (a regular expression in practice). */
  addressRange: string;
}

/**
 * §4.1.2/4.1.4/4.1.6: bind_*_resp. `systemId` is absent when the PDU has no body, which SMSCs send with
 * a non-zero command_status.
 */
export interface SmppBindResp extends SmppCommon {
  command: "bind_transmitter_resp" | "bind_receiver_resp" | "bind_transceiver_resp";
  systemId?: string;
}

/** §4.1.7: outbind. */
export interface SmppOutbind extends SmppCommon {
  command: "outbind";
  systemId: string;
  password: string;
}

/** PDUs without mandatory fields (§4.2, §4.3, §4.10, §4.11, §4.9.2, §4.7.2). */
export interface SmppEmpty extends SmppCommon {
  command:
    | "unbind"
    | "unbind_resp"
    | "generic_nack"
    | "enquire_link"
    | "enquire_link_resp"
    | "cancel_sm_resp"
    | "replace_sm_resp";
}

/** §4.4.1 submit_sm and §4.6.1 deliver_sm share one layout. */
export interface SmppShortMessage extends SmppCommon {
  command: "submit_sm" | "deliver_sm";
  /** Max 5 characters ("" = SMSC default). */
  serviceType: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  /** Max 20 characters. */
  sourceAddr: string;
  destAddrTon: number;
  destAddrNpi: number;
  /** Max 20 characters. */
  destinationAddr: string;
  /** `SmppEsmClass` bits. */
  esmClass: number;
  protocolId: number;
  priorityFlag: number;
  /** SMPP time (`parseSmppTime`), "" = immediate. */
  scheduleDeliveryTime: string;
  /** SMPP time, "" = SMSC default. */
  validityPeriod: string;
  /** `SmppRegisteredDelivery` bits. */
  registeredDelivery: number;
  replaceIfPresentFlag: number;
  /** `SmppDataCoding`. */
  dataCoding: number;
  smDefaultMsgId: number;
  /** The message (sm_length is its length, 0-255 octets); empty when message_payload carries it. */
  shortMessage: Uint8Array;
}

/** §4.4.2/4.6.2/4.7.2 …: responses whose body is one message_id (absent when the body is). */
export interface SmppMessageIdResp extends SmppCommon {
  command: "submit_sm_resp" | "deliver_sm_resp" | "data_sm_resp";
  /** Max 64 characters; deliver_sm_resp sends "" (§4.6.2: unused). */
  messageId?: string;
}

/** §4.5.1.1: one destination of a submit_multi. */
export type SmppDestAddress =
  | { destFlag: 1; destAddrTon: number; destAddrNpi: number; destinationAddr: string }
  | { destFlag: 2; dlName: string };

/** §4.5.1: submit_multi. */
export interface SmppSubmitMulti extends SmppCommon {
  command: "submit_multi";
  serviceType: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
  /** 0-255 entries (number_of_dests is their count; the spec allows at most 254). */
  destAddresses: SmppDestAddress[];
  esmClass: number;
  protocolId: number;
  priorityFlag: number;
  scheduleDeliveryTime: string;
  validityPeriod: string;
  registeredDelivery: number;
  replaceIfPresentFlag: number;
  dataCoding: number;
  smDefaultMsgId: number;
  shortMessage: Uint8Array;
}

/** §4.5.2.1: one destination a submit_multi could not be delivered to. */
export interface SmppUnsuccessSme {
  destAddrTon: number;
  destAddrNpi: number;
  destinationAddr: string;
  /** A command_status value saying why. */
  errorStatusCode: number;
}

/** §4.5.2: submit_multi_resp (fields absent when the body is). */
export interface SmppSubmitMultiResp extends SmppCommon {
  command: "submit_multi_resp";
  messageId?: string;
  /** no_unsuccess is their count. */
  unsuccessSmes?: SmppUnsuccessSme[];
}

/** §4.7.1: data_sm. */
export interface SmppDataSm extends SmppCommon {
  command: "data_sm";
  serviceType: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  /** Max 64 characters. */
  sourceAddr: string;
  destAddrTon: number;
  destAddrNpi: number;
  /** Max 64 characters. */
  destinationAddr: string;
  esmClass: number;
  registeredDelivery: number;
  dataCoding: number;
}

/** §4.8.1: query_sm. */
export interface SmppQuerySm extends SmppCommon {
  command: "query_sm";
  messageId: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
}

/** §4.8.2: query_sm_resp (fields absent when the body is). */
export interface SmppQuerySmResp extends SmppCommon {
  command: "query_sm_resp";
  messageId?: string;
  /** SMPP absolute time, "" while the message is not final. */
  finalDate?: string;
  /** `SmppMessageState`. */
  messageState?: number;
  /** Network error code (§5.2.31), 0 if none. */
  errorCode?: number;
}

/** §4.9.1: cancel_sm. */
export interface SmppCancelSm extends SmppCommon {
  command: "cancel_sm";
  serviceType: string;
  messageId: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
  destAddrTon: number;
  destAddrNpi: number;
  destinationAddr: string;
}

/** §4.10.1: replace_sm. */
export interface SmppReplaceSm extends SmppCommon {
  command: "replace_sm";
  messageId: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
  scheduleDeliveryTime: string;
  validityPeriod: string;
  registeredDelivery: number;
  smDefaultMsgId: number;
  shortMessage: Uint8Array;
}

/** §4.12.1: alert_notification. */
export interface SmppAlertNotification extends SmppCommon {
  command: "alert_notification";
  sourceAddrTon: number;
  sourceAddrNpi: number;
  /** Max 64 characters. */
  sourceAddr: string;
  esmeAddrTon: number;
  esmeAddrNpi: number;
  /** Max 64 characters. */
  esmeAddr: string;
}

/**
 * A command_id this codec does not know (SMPP 5.0's broadcast_sm, vendor commands): the body is kept raw
 * (answer it with generic_nack ESME_RINVCMDID); `tlvs` is always empty.
 */
export interface SmppUnknownPdu extends SmppCommon {
  command: "unknown";
  commandId: number;
  body: Uint8Array;
}

export type SmppPdu =
  | SmppBind
  | SmppBindResp
  | SmppOutbind
  | SmppEmpty
  | SmppShortMessage
  | SmppMessageIdResp
  | SmppSubmitMulti
  | SmppSubmitMultiResp
  | SmppDataSm
  | SmppQuerySm
  | SmppQuerySmResp
  | SmppCancelSm
  | SmppReplaceSm
  | SmppAlertNotification
  | SmppUnknownPdu;

export type SmppCommand = SmppPdu["command"];
/** The PDU variant for one command, e.g. `SmppPduOf<"submit_sm">`. */
export type SmppPduOf<C extends SmppCommand> = PduOf<C, SmppPdu>;
type PduOf<C, T> = T extends SmppPdu ? (C extends T["command"] ? T & { command: C } : never) : never;

type Loosen<T> = T extends unknown
  ? Omit<T, "commandStatus" | "sequenceNumber" | "tlvs"> & {
      /** Default 0 (ESME_ROK). */
      commandStatus?: number;
      /** May instead be given to `encodeSmppPdu`. */
      sequenceNumber?: number;
      /** Default none. */
      tlvs?: SmppTlv[];
    }
  : never;

/** What `encodeSmppPdu` accepts: a PDU whose header fields and TLVs may be left out. */
export type SmppPduInput = Loosen<SmppPdu>;

/** §3.2: the PDU header. */
export interface SmppHeader {
  commandLength: number;
  commandId: number;
  commandStatus: number;
  sequenceNumber: number;
}
