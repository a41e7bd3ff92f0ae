/** M2PA wire values, RFC 4165 §2.1 (common header), §2.2 (M2PA header) and §2.3 (messages). */

/** RFC 4165 §2.1.1: the only protocol version. */
export const M2PA_VERSION = 1;

/** RFC 4165 §2.1.3: M2PA's message class in the SIGTRAN common header. */
export const M2PA_MESSAGE_CLASS = 11;

/** Common header (8 octets, RFC 4165 §2.1) + M2PA header with BSN and FSN (8 octets, §2.2). */
export const M2PA_HEADER_LENGTH = 16;

/** RFC 4165 §2.2: BSN and FSN are 24-bit sequence numbers. */
export const M2PA_MAX_SEQUENCE_NUMBER = 0xffffff;

/** RFC 4165 §2.1.4: message types. */
export const M2paMessageType = { userData: 1, linkStatus: 2 } as const;
export type M2paMessageType = (typeof M2paMessageType)[keyof typeof M2paMessageType];

/** RFC 4165 §2.3.2: Link Status State values. */
export const M2paLinkState = {
  alignment: 1,
  provingNormal: 2,
  provingEmergency: 3,
  ready: 4,
  processorOutage: 5,
  processorRecovered: 6,
  busy: 7,
  busyEnded: 8,
  outOfService: 9,
} as const;
export type M2paLinkState = (typeof M2paLinkState)[keyof typeof M2paLinkState];

/** RFC 4165 §2.3: SCTP payload protocol identifier registered for M2PA. */
export const M2PA_SCTP_PPID = 5;
/** RFC 4165 §4.1 (IANA): registered SCTP port. */
export const M2PA_SCTP_PORT = 3565;
