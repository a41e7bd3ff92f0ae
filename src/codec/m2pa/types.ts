import type { Mtp3Msu } from "../mtp3/types.js";

interface M2paCommon {
  /** RFC 4165 §2.2: Backward Sequence Number, 24 bits. */
  bsn: number;
  /** RFC 4165 §2.2: Forward Sequence Number, 24 bits. */
  fsn: number;
}

/**
 * RFC 4165 §2.3.1: User Data. The data field is the octet that replaces MTP2's LI (two priority bits, six
 * spare) followed by the MTP3 message (SIO, routing label, SIF). A User Data message with no data field is
 * an acknowledgement only; then `msu` is absent.
 */
export interface M2paUserData extends M2paCommon {
  kind: "userData";
  /** PRI: the two high bits of the first data octet, used by JT-Q703 national MTP only; 0 otherwise. */
  priority: number;
  /** The MTP3 message, decoded by the MTP3 codec; absent for an empty (acknowledgement) User Data message. */
  msu?: Mtp3Msu;
}

/** RFC 4165 §2.3.2: Link Status, with any filler octets after State kept as offsets. */
export interface M2paLinkStatus extends M2paCommon {
  kind: "linkStatus";
  /** See `M2paLinkState`. */
  state: number;
  /** Absolute offsets of octets after State (filler in proving messages), empty when there are none. */
  fillerStart: number;
  fillerEnd: number;
  /** Buffer `fillerStart`/`fillerEnd` refer to; may be omitted when encoding a message without filler. */
  bytes?: Uint8Array;
}

/** A message type RFC 4165 does not define; its body after BSN/FSN is kept as offsets. */
export interface M2paUnknownMessage extends M2paCommon {
  kind: "unknown";
  messageType: number;
  dataStart: number;
  dataEnd: number;
  bytes?: Uint8Array;
}

export type M2paMessage = M2paUserData | M2paLinkStatus | M2paUnknownMessage;
