import type { Mtp3Variant } from "./constants.js";

/**
 * One MTP3 message signal unit as seen by level 3: the service information octet, the routing label and the
 * signalling information field that follows it (the user part's message, handed on as offsets).
 *
 * Field names match M3UA's Protocol Data parameter (RFC 4666 §3.3.1) so rules written against one transport
 * read the other unchanged.
 */
export interface Mtp3Msu {
  variant: Mtp3Variant;
  /** Q.704 §14.2.1: service indicator (SIO bits D-A), 0..15. */
  si: number;
  /** Q.704 §14.2.2: network indicator (SIO bits D-C of the subservice field), 0..3. */
  ni: number;
  /**
   * SIO subservice bits B-A, 0..3: message priority in ANSI (T1.111.4 §14.2.2) and some national ITU
   * networks, spare (zero) in ITU international use.
   */
  mp: number;
  dpc: number;
  opc: number;
  sls: number;
  /** The buffer `dataStart`/`dataEnd` point into (the decoder's input; the encoder reads the SIF from it). */
  bytes: Uint8Array;
  /** Absolute offsets of the SIF after the routing label (the MTP3 user's message). */
  dataStart: number;
  dataEnd: number;
}
