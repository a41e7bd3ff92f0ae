/**
 * SMPP 3.4 wire values (SMPP v3.4 Issue 1.2, §5), plus the one SMPP 5.0 TLV this codec types
 * (congestion_state). Command, status and TLV names are the specification's own spellings, so they can
 * be searched for in the spec and in other tools' output.
 */

/** §3.2: every PDU starts with command_length, command_id, command_status and sequence_number (4 octets each). */
export const SMPP_HEADER_LENGTH = 16;

/**
 * Largest PDU the stream framer accepts by default (64 KiB). SMPP sets no limit, but the largest legal
 * body is a submit_multi to 254 destinations with a 255-octet message (about 6 KiB) plus TLVs, and a
 * message_payload TLV is at most 64 KiB by its 16-bit length; a command_length far beyond that is garbage
 * or an attack, and the cap bounds what a lying length can make a reader wait for.
 */
export const SMPP_MAX_PDU_LENGTH = 64 * 1024;

/** §5.2.4: interface_version 0x34 (SMPP 3.4); 0x00-0x33 mean "3.3 or earlier". */
export const SMPP_INTERFACE_VERSION = 0x34;

/** §5.1.2.1: the top bit of command_id marks a response. */
export const SMPP_RESPONSE_BIT = 0x80000000;

/** §5.1.2.1: command_id values. */
export const SmppCommandId = {
  generic_nack: 0x80000000,
  bind_receiver: 0x00000001,
  bind_receiver_resp: 0x80000001,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  query_sm: 0x00000003,
  query_sm_resp: 0x80000003,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  replace_sm: 0x00000007,
  replace_sm_resp: 0x80000007,
  cancel_sm: 0x00000008,
  cancel_sm_resp: 0x80000008,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  outbind: 0x0000000b,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
  submit_multi: 0x00000021,
  submit_multi_resp: 0x80000021,
  alert_notification: 0x00000102,
  data_sm: 0x00000103,
  data_sm_resp: 0x80000103,
} as const;
export type SmppCommandName = keyof typeof SmppCommandId;
export type SmppCommandId = (typeof SmppCommandId)[SmppCommandName];

/** command_id → name, for the decoder. */
export const SMPP_COMMAND_NAMES: ReadonlyMap<number, SmppCommandName> = new Map(
  (Object.entries(SmppCommandId) as [SmppCommandName, number][]).map(([name, id]) => [id, name]),
);

/** The specification's name of a command_id ("submit_sm", "enquire_link_resp", …), or undefined. */
export function smppCommandName(commandId: number): SmppCommandName | undefined {
  return SMPP_COMMAND_NAMES.get(commandId >>> 0);
}

/** §5.1.2.1: whether a command_id is a response (generic_nack included). */
export function isSmppResponse(commandId: number): boolean {
  return (commandId & SMPP_RESPONSE_BIT) !== 0;
}

/**
 * The response command a request is answered with (`submit_sm` → `submit_sm_resp`); undefined for commands
 * that have none (responses, outbind, alert_notification).
 */
export function smppResponseCommand(command: SmppCommandName): SmppCommandName | undefined {
  const id = SmppCommandId[command];
  if (isSmppResponse(id)) return undefined;
  return SMPP_COMMAND_NAMES.get((id | SMPP_RESPONSE_BIT) >>> 0);
}

/** §5.1.3: command_status error codes (all of SMPP 3.4; the gaps are reserved). */
export const SmppCommandStatus = {
  /** No error. */
  ESME_ROK: 0x00000000,
  /** Message length is invalid. */
  ESME_RINVMSGLEN: 0x00000001,
  /** Command length is invalid. */
  ESME_RINVCMDLEN: 0x00000002,
  /** Invalid command ID. */
  ESME_RINVCMDID: 0x00000003,
  /** Incorrect BIND status for given command. */
  ESME_RINVBNDSTS: 0x00000004,
  /** ESME already in bound state. */
  ESME_RALYBND: 0x00000005,
  /** Invalid priority flag. */
  ESME_RINVPRTFLG: 0x00000006,
  /** Invalid registered delivery flag. */
  ESME_RINVREGDLVFLG: 0x00000007,
  /** System error. */
  ESME_RSYSERR: 0x00000008,
  /** Invalid source address. */
  ESME_RINVSRCADR: 0x0000000a,
  /** Invalid destination address. */
  ESME_RINVDSTADR: 0x0000000b,
  /** Message ID is invalid. */
  ESME_RINVMSGID: 0x0000000c,
  /** Bind failed. */
  ESME_RBINDFAIL: 0x0000000d,
  /** Invalid password. */
  ESME_RINVPASWD: 0x0000000e,
  /** Invalid system ID. */
  ESME_RINVSYSID: 0x0000000f,
  /** Cancel SM failed. */
  ESME_RCANCELFAIL: 0x00000011,
  /** Replace SM failed. */
  ESME_RREPLACEFAIL: 0x00000013,
  /** Message queue full. */
  ESME_RMSGQFUL: 0x00000014,
  /** Invalid service type. */
  ESME_RINVSERTYP: 0x00000015,
  /** Invalid number of destinations. */
  ESME_RINVNUMDESTS: 0x00000033,
  /** Invalid distribution list name. */
  ESME_RINVDLNAME: 0x00000034,
  /** Destination flag is invalid (submit_multi). */
  ESME_RINVDESTFLAG: 0x00000040,
  /** Invalid "submit with replace" request (replace_if_present_flag set). */
  ESME_RINVSUBREP: 0x00000042,
  /** Invalid esm_class field data. */
  ESME_RINVESMCLASS: 0x00000043,
  /** Cannot submit to distribution list. */
  ESME_RCNTSUBDL: 0x00000044,
  /** submit_sm or submit_multi failed. */
  ESME_RSUBMITFAIL: 0x00000045,
  /** Invalid source address TON. */
  ESME_RINVSRCTON: 0x00000048,
  /** Invalid source address NPI. */
  ESME_RINVSRCNPI: 0x00000049,
  /** Invalid destination address TON. */
  ESME_RINVDSTTON: 0x00000050,
  /** Invalid destination address NPI. */
  ESME_RINVDSTNPI: 0x00000051,
  /** Invalid system_type field. */
  ESME_RINVSYSTYP: 0x00000053,
  /** Invalid replace_if_present flag. */
  ESME_RINVREPFLAG: 0x00000054,
  /** Invalid number of messages. */
  ESME_RINVNUMMSGS: 0x00000055,
  /** Throttling error (ESME has exceeded allowed message limits). */
  ESME_RTHROTTLED: 0x00000058,
  /** Invalid scheduled delivery time. */
  ESME_RINVSCHED: 0x00000061,
  /** Invalid message validity period (expiry time). */
  ESME_RINVEXPIRY: 0x00000062,
  /** Predefined message invalid or not found. */
  ESME_RINVDFTMSGID: 0x00000063,
  /** ESME receiver temporary app error code. */
  ESME_RX_T_APPN: 0x00000064,
  /** ESME receiver permanent app error code. */
  ESME_RX_P_APPN: 0x00000065,
  /** ESME receiver reject message error code. */
  ESME_RX_R_APPN: 0x00000066,
  /** query_sm request failed. */
  ESME_RQUERYFAIL: 0x00000067,
  /** Error in the optional part of the PDU body. */
  ESME_RINVOPTPARSTREAM: 0x000000c0,
  /** Optional parameter not allowed. */
  ESME_ROPTPARNOTALLWD: 0x000000c1,
  /** Invalid parameter length. */
  ESME_RINVPARLEN: 0x000000c2,
  /** Expected optional parameter missing. */
  ESME_RMISSINGOPTPARAM: 0x000000c3,
  /** Invalid optional parameter value. */
  ESME_RINVOPTPARAMVAL: 0x000000c4,
  /** Delivery failure (used for data_sm_resp). */
  ESME_RDELIVERYFAILURE: 0x000000fe,
  /** Unknown error. */
  ESME_RUNKNOWNERR: 0x000000ff,
} as const;
export type SmppCommandStatusName = keyof typeof SmppCommandStatus;

const STATUS_NAMES: ReadonlyMap<number, SmppCommandStatusName> = new Map(
  (Object.entries(SmppCommandStatus) as [SmppCommandStatusName, number][]).map(([name, v]) => [v, name]),
);

/**
 * The name of a command_status ("ESME_RTHROTTLED"), or undefined. §5.1.3 reserves 0x400-0x4FF for
 * SMSC vendors and everything else not listed for SMPP extensions.
 */
export function smppCommandStatusName(status: number): SmppCommandStatusName | undefined {
  return STATUS_NAMES.get(status >>> 0);
}

/** §5.2.5: type of number (addr_ton, source_addr_ton, dest_addr_ton, esme_addr_ton). */
export const SmppTon = {
  unknown: 0,
  international: 1,
  national: 2,
  networkSpecific: 3,
  subscriberNumber: 4,
  alphanumeric: 5,
  abbreviated: 6,
} as const;

/** §5.2.6: numbering plan indicator (addr_npi, source_addr_npi, dest_addr_npi, esme_addr_npi). */
export const SmppNpi = {
  unknown: 0,
  /** ISDN (E.163/E.164). */
  isdn: 1,
  /** Data (X.121). */
  data: 3,
  /** Telex (F.69). */
  telex: 4,
  /** Land Mobile (E.212). */
  landMobile: 6,
  national: 8,
  private: 9,
  ermes: 10,
  /** Internet (IP). */
  internet: 14,
  /** WAP Client Id (to be defined by the WAP Forum). */
  wapClientId: 18,
} as const;

/** §5.2.12: esm_class — messaging mode (bits 1-0), message type (bits 5-2), GSM network features (bits 7-6). */
export const SmppEsmClass = {
  messagingModeMask: 0x03,
  /** Default SMSC mode (e.g. store and forward). */
  defaultMode: 0x00,
  datagramMode: 0x01,
  /** Forward (i.e. transaction) mode. */
  forwardMode: 0x02,
  /** Store and forward mode (use to select store and forward when that is not the default). */
  storeAndForwardMode: 0x03,
  messageTypeMask: 0x3c,
  defaultMessageType: 0x00,
  /** deliver_sm: the short message is an SMSC delivery receipt. */
  smscDeliveryReceipt: 0x04,
  /** The short message is an SME delivery acknowledgement. */
  esmeDeliveryAcknowledgement: 0x08,
  /** The short message is an SME manual/user acknowledgement. */
  esmeManualUserAcknowledgement: 0x10,
  /** deliver_sm: conversation abort (Korean CDMA). */
  conversationAbort: 0x18,
  /** deliver_sm: intermediate delivery notification. */
  intermediateDeliveryNotification: 0x20,
  gsmFeaturesMask: 0xc0,
  /** UDHI indicator: the short message begins with a user data header. */
  udhi: 0x40,
  /** Set reply path (GSM). */
  replyPath: 0x80,
} as const;

/** §5.2.17: registered_delivery — SMSC receipt (bits 1-0), SME acknowledgement (bits 3-2), intermediate (bit 4). */
export const SmppRegisteredDelivery = {
  smscDeliveryReceiptMask: 0x03,
  noSmscDeliveryReceipt: 0x00,
  /** SMSC delivery receipt requested where the final outcome is delivery success or failure. */
  smscDeliveryReceiptOnSuccessOrFailure: 0x01,
  /** SMSC delivery receipt requested where the final outcome is delivery failure. */
  smscDeliveryReceiptOnFailure: 0x02,
  smeAcknowledgementMask: 0x0c,
  noSmeAcknowledgement: 0x00,
  smeDeliveryAcknowledgement: 0x04,
  smeManualUserAcknowledgement: 0x08,
  smeDeliveryAndManualUserAcknowledgement: 0x0c,
  intermediateNotificationMask: 0x10,
  intermediateNotification: 0x10,
} as const;

/** §5.2.19: data_coding. */
export const SmppDataCoding = {
  /** SMSC default alphabet (often GSM 03.38). */
  smscDefault: 0x00,
  /** IA5 (CCITT T.50) / ASCII (ANSI X3.4). */
  ia5: 0x01,
  /** Octet unspecified (8-bit binary). */
  octetUnspecified: 0x02,
  /** Latin 1 (ISO-8859-1). */
  latin1: 0x03,
  /** Octet unspecified (8-bit binary). */
  octetUnspecified4: 0x04,
  /** JIS (X 0208-1990). */
  jis: 0x05,
  /** Cyrillic (ISO-8859-5). */
  cyrillic: 0x06,
  /** Latin/Hebrew (ISO-8859-8). */
  latinHebrew: 0x07,
  /** UCS2 (ISO/IEC-10646). */
  ucs2: 0x08,
  /** Pictogram encoding. */
  pictogram: 0x09,
  /** ISO-2022-JP (music codes). */
  iso2022jp: 0x0a,
  /** Extended Kanji JIS (X 0212-1990). */
  extendedKanjiJis: 0x0d,
  /** KS C 5601. */
  ksc5601: 0x0e,
} as const;

/** §5.2.28 message_state (query_sm_resp, and the message_state TLV); 0 and 9 are SMPP 5.0 additions. */
export const SmppMessageState = {
  /** SMPP 5.0: the message is scheduled (not yet due). */
  SCHEDULED: 0,
  ENROUTE: 1,
  DELIVERED: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIVERABLE: 5,
  ACCEPTED: 6,
  UNKNOWN: 7,
  REJECTED: 8,
  /** SMPP 5.0: the message was skipped (e.g. a DL member that was not delivered to). */
  SKIPPED: 9,
} as const;

/** §5.2.14 priority_flag (GSM: 0 non-priority, 1-3 priority). */
export const SmppPriorityFlag = { level0: 0, level1: 1, level2: 2, level3: 3 } as const;

/** §5.2.18 replace_if_present_flag. */
export const SmppReplaceIfPresent = { doNotReplace: 0, replace: 1 } as const;

/** §5.2.25 dest_flag in submit_multi's dest_address list. */
export const SmppDestFlag = { smeAddress: 1, distributionListName: 2 } as const;

/** §5.3.2.10 payload_type. */
export const SmppPayloadType = { default: 0, wcmpMessage: 1 } as const;

/** §5.3.2.3/5.3.2.6 dest_network_type / source_network_type. */
export const SmppNetworkType = {
  unknown: 0,
  gsm: 1,
  ansi136: 2,
  is95: 3,
  pdc: 4,
  phs: 5,
  iden: 6,
  amps: 7,
  pagingNetwork: 8,
} as const;

/** §5.3.2.5/5.3.2.7 dest_bearer_type / source_bearer_type. */
export const SmppBearerType = {
  unknown: 0,
  sms: 1,
  csd: 2,
  packetData: 3,
  ussd: 4,
  cdpd: 5,
  dataTac: 6,
  flexReflex: 7,
  cellBroadcast: 8,
} as const;

/** §5.3.2.1/5.3.2.4 dest_addr_subunit / source_addr_subunit. */
export const SmppAddrSubunit = {
  unknown: 0,
  msDisplay: 1,
  mobileEquipment: 2,
  smartCard1: 3,
  externalUnit1: 4,
} as const;

/** §5.3.2.30 ms_availability_status (alert_notification). */
export const SmppMsAvailabilityStatus = { available: 0, denied: 1, unavailable: 2 } as const;

/** §5.3.2.33 delivery_failure_reason (data_sm_resp). */
export const SmppDeliveryFailureReason = {
  destinationUnavailable: 0,
  destinationAddressInvalid: 1,
  permanentNetworkError: 2,
  temporaryNetworkError: 3,
} as const;

/** §5.3.2.31 network_error_code: the network type octet. */
export const SmppNetworkErrorType = {
  ansi136AccessDenialReason: 1,
  is95AccessDenialReason: 2,
  gsm: 3,
} as const;

/** §5.3.2.44 ussd_service_op. */
export const SmppUssdServiceOp = {
  pssdIndication: 0,
  pssrIndication: 1,
  ussrRequest: 2,
  ussnRequest: 3,
  pssdResponse: 16,
  pssrResponse: 17,
  ussrConfirm: 18,
  ussnConfirm: 19,
} as const;

/** §5.3.2.15/5.3.2.16 subaddress type tag (first octet of source_subaddress / dest_subaddress). */
export const SmppSubaddressType = { nsapEven: 0x80, nsapOdd: 0x88, userSpecified: 0xa0 } as const;

/** §5.3.2.36 callback_num digit mode indicator. */
export const SmppCallbackDigitMode = { tbcd: 0, ascii: 1 } as const;

/**
 * §5.3.2: optional parameter (TLV) tags. The keys are the `kind` a decoded TLV carries. congestion_state
 * (0x0428) is from SMPP 5.0 §4.8.4.19; every other tag is SMPP 3.4.
 */
export const SmppTlvTag = {
  dest_addr_subunit: 0x0005,
  dest_network_type: 0x0006,
  dest_bearer_type: 0x0007,
  dest_telematics_id: 0x0008,
  source_addr_subunit: 0x000d,
  source_network_type: 0x000e,
  source_bearer_type: 0x000f,
  source_telematics_id: 0x0010,
  qos_time_to_live: 0x0017,
  payload_type: 0x0019,
  additional_status_info_text: 0x001d,
  receipted_message_id: 0x001e,
  ms_msg_wait_facilities: 0x0030,
  privacy_indicator: 0x0201,
  source_subaddress: 0x0202,
  dest_subaddress: 0x0203,
  user_message_reference: 0x0204,
  user_response_code: 0x0205,
  source_port: 0x020a,
  destination_port: 0x020b,
  sar_msg_ref_num: 0x020c,
  language_indicator: 0x020d,
  sar_total_segments: 0x020e,
  sar_segment_seqnum: 0x020f,
  sc_interface_version: 0x0210,
  callback_num_pres_ind: 0x0302,
  callback_num_atag: 0x0303,
  number_of_messages: 0x0304,
  callback_num: 0x0381,
  dpf_result: 0x0420,
  set_dpf: 0x0421,
  ms_availability_status: 0x0422,
  network_error_code: 0x0423,
  message_payload: 0x0424,
  delivery_failure_reason: 0x0425,
  more_messages_to_send: 0x0426,
  message_state: 0x0427,
  congestion_state: 0x0428,
  ussd_service_op: 0x0501,
  display_time: 0x1201,
  sms_signal: 0x1203,
  ms_validity: 0x1204,
  alert_on_message_delivery: 0x130c,
  its_reply_type: 0x1380,
  its_session_info: 0x1383,
} as const;
export type SmppTlvName = keyof typeof SmppTlvTag;

/** TLV tag → name, for the decoder. */
export const SMPP_TLV_NAMES: ReadonlyMap<number, SmppTlvName> = new Map(
  (Object.entries(SmppTlvTag) as [SmppTlvName, number][]).map(([name, tag]) => [tag, name]),
);

/** TLVs whose value is one unsigned integer, with its width in octets (§5.3.2). */
export const SMPP_INTEGER_TLVS = {
  dest_addr_subunit: 1,
  dest_network_type: 1,
  dest_bearer_type: 1,
  dest_telematics_id: 2,
  source_addr_subunit: 1,
  source_network_type: 1,
  source_bearer_type: 1,
  source_telematics_id: 1,
  qos_time_to_live: 4,
  payload_type: 1,
  ms_msg_wait_facilities: 1,
  privacy_indicator: 1,
  user_message_reference: 2,
  user_response_code: 1,
  source_port: 2,
  destination_port: 2,
  sar_msg_ref_num: 2,
  language_indicator: 1,
  sar_total_segments: 1,
  sar_segment_seqnum: 1,
  sc_interface_version: 1,
  callback_num_pres_ind: 1,
  number_of_messages: 1,
  dpf_result: 1,
  set_dpf: 1,
  ms_availability_status: 1,
  delivery_failure_reason: 1,
  more_messages_to_send: 1,
  message_state: 1,
  congestion_state: 1,
  // §5.3.2.44: an Octet String of length 1; its one octet is the operation code.
  ussd_service_op: 1,
  display_time: 1,
  sms_signal: 2,
  ms_validity: 1,
  its_reply_type: 1,
} as const satisfies Partial<Record<SmppTlvName, 1 | 2 | 4>>;
export type SmppIntegerTlvName = keyof typeof SMPP_INTEGER_TLVS;

/** TLVs whose value is a C-Octet String, with its maximum size in octets including the NUL (§5.3.2). */
export const SMPP_CSTRING_TLVS = {
  additional_status_info_text: 256,
  receipted_message_id: 65,
} as const satisfies Partial<Record<SmppTlvName, number>>;
export type SmppCStringTlvName = keyof typeof SMPP_CSTRING_TLVS;

/** §5.3.2.15/16: subaddress TLVs hold 2-23 octets (a type tag and 1-22 octets of subaddress). */
export const SMPP_SUBADDRESS_LENGTH = { min: 2, max: 23 } as const;
/** §5.3.2.36: callback_num holds 4-19 octets (digit mode, TON, NPI and 1-16 digits). */
export const SMPP_CALLBACK_NUM_LENGTH = { min: 4, max: 19 } as const;
/** §5.3.2.38: callback_num_atag holds at most 65 octets (a data coding octet and the display text). */
export const SMPP_CALLBACK_NUM_ATAG_LENGTH = { min: 1, max: 65 } as const;

/** Appendix B: the stat values of a delivery receipt. */
export const SmppReceiptStat = {
  DELIVRD: "DELIVRD",
  EXPIRED: "EXPIRED",
  DELETED: "DELETED",
  UNDELIV: "UNDELIV",
  ACCEPTD: "ACCEPTD",
  UNKNOWN: "UNKNOWN",
  REJECTD: "REJECTD",
  /** Not in Appendix B, but sent by many SMSCs in intermediate notifications. */
  ENROUTE: "ENROUTE",
} as const;
export type SmppReceiptStat = (typeof SmppReceiptStat)[keyof typeof SmppReceiptStat];

/** The message_state that corresponds to a receipt stat (Appendix B pairs them). */
export const SMPP_RECEIPT_STAT_STATES: Readonly<Record<SmppReceiptStat, number>> = {
  DELIVRD: SmppMessageState.DELIVERED,
  EXPIRED: SmppMessageState.EXPIRED,
  DELETED: SmppMessageState.DELETED,
  UNDELIV: SmppMessageState.UNDELIVERABLE,
  ACCEPTD: SmppMessageState.ACCEPTED,
  UNKNOWN: SmppMessageState.UNKNOWN,
  REJECTD: SmppMessageState.REJECTED,
  ENROUTE: SmppMessageState.ENROUTE,
};
